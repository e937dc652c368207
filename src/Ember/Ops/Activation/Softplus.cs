using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The smooth ReLU log(1 + e^(β·x))/β, elementwise (PyTorch's <c>softplus</c>), reverting to the identity where
    /// β·x &gt; <paramref name="threshold"/>. Stable for inputs of any size: −1000 gives 0, 1000 gives 1000, and
    /// log(1 + e^z) keeps full precision when e^z is tiny. The gradient is σ(β·x) (1 above the threshold).
    /// </summary>
    /// <param name="input">A floating-point tensor.</param>
    /// <param name="beta">β (default 1).</param>
    /// <param name="threshold">Above β·x &gt; threshold the result is x (default 20).</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    public static Tensor Softplus(Tensor input, double beta = 1, double threshold = 20)
    {
        ActivationKernel.CheckFloat(input, "softplus");
        var y = ActivationKernel.Forward<SoftplusOp>(input, beta, threshold, "softplus");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new SoftplusBackward(input, beta, threshold), input);
        return y;
    }

    private sealed class SoftplusBackward(Tensor x, double beta, double threshold) : Node
    {
        private SavedTensor _x = new(x);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var xv = Unpack(_x);
            if (!GradMode.IsEnabled)
                return [ActivationKernel.Backward<SoftplusOp>(xv, grad, beta, threshold, "softplus")];
            var z = xv * beta;
            return [Where(z > threshold, grad, grad * z.Sigmoid())];
        }

        protected override void ReleaseSaved() => _x = default;
    }
}

/// <summary>
/// Softplus with p = β, q = threshold: y = β·x &gt; q ? x : log1p(e^(β·x))/β, where log1p(e) = log(u)·e/(u − 1),
/// u = 1 + e (Kahan's trick; exact when u rounds to 1); dx = β·x &gt; q ? g : g·σ(β·x).
/// </summary>
internal readonly struct SoftplusOp : IActivationOp
{
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, T beta, T threshold) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> log = stackalloc T[Math.Min(ActivationKernel.Block, x.Length)];
        for (int b = 0; b < x.Length; b += ActivationKernel.Block)
        {
            int m = Math.Min(ActivationKernel.Block, x.Length - b);
            var xs = x.Slice(b, m);
            var ys = y.Slice(b, m);
            var ls = log[..m];
            TensorPrimitives.Multiply(xs, beta, ys);
            TensorPrimitives.Exp(ys, ys);          // e = exp(βx)
            TensorPrimitives.Add(ys, T.One, ls);
            TensorPrimitives.Log(ls, ls);          // log(1 + e), rounded
            VectorDriver.Map(new ForwardBody<T>(beta, threshold), xs, ys, ls, ys);
        }
    }

    private static T Scalar<T>(T x, T e, T l, T beta, T threshold) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x * beta > threshold) return x;
        T u = T.One + e;
        T lp = u == T.One ? e : T.IsPositiveInfinity(u) ? l : l * e / (u - T.One);
        return lp / beta;
    }

    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> grad, Span<T> dx, T beta, T threshold) where T : unmanaged, IFloatingPointIeee754<T>
    {
        TensorPrimitives.Multiply(x, beta, dx);
        TensorPrimitives.Sigmoid(dx, dx);
        VectorDriver.Map(new BackwardBody<T>(beta, threshold), x, grad, dx, dx);
    }

    /// <summary>Operands (x, e = e^(βx), l = log(1 + e) rounded): βx &gt; q ? x : log1p(e)/β.</summary>
    internal readonly struct ForwardBody<T>(T beta, T threshold) : IVectorOp3<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T x, T e, T l) => Scalar(x, e, l, beta, threshold);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Invoke(Vector128<T> v, Vector128<T> e, Vector128<T> l)
        {
            var u = Vector128<T>.One + e;
            var lp = Vector128.ConditionalSelect(Vector128.Equals(u, Vector128<T>.One), e,
                Vector128.ConditionalSelect(Vector128.Equals(u, Vector128.Create(T.PositiveInfinity)), l, l * e / (u - Vector128<T>.One)));
            var vb = Vector128.Create(beta);
            return Vector128.ConditionalSelect(Vector128.GreaterThan(v * vb, Vector128.Create(threshold)), v, lp / vb);
        }
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Invoke(Vector256<T> v, Vector256<T> e, Vector256<T> l)
        {
            var u = Vector256<T>.One + e;
            var lp = Vector256.ConditionalSelect(Vector256.Equals(u, Vector256<T>.One), e,
                Vector256.ConditionalSelect(Vector256.Equals(u, Vector256.Create(T.PositiveInfinity)), l, l * e / (u - Vector256<T>.One)));
            var vb = Vector256.Create(beta);
            return Vector256.ConditionalSelect(Vector256.GreaterThan(v * vb, Vector256.Create(threshold)), v, lp / vb);
        }
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Invoke(Vector512<T> v, Vector512<T> e, Vector512<T> l)
        {
            var u = Vector512<T>.One + e;
            var lp = Vector512.ConditionalSelect(Vector512.Equals(u, Vector512<T>.One), e,
                Vector512.ConditionalSelect(Vector512.Equals(u, Vector512.Create(T.PositiveInfinity)), l, l * e / (u - Vector512<T>.One)));
            var vb = Vector512.Create(beta);
            return Vector512.ConditionalSelect(Vector512.GreaterThan(v * vb, Vector512.Create(threshold)), v, lp / vb);
        }
    }

    /// <summary>Operands (x, g, s = σ(βx)): βx &gt; q ? g : g·s.</summary>
    internal readonly struct BackwardBody<T>(T beta, T threshold) : IVectorOp3<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T x, T g, T s) => x * beta > threshold ? g : g * s;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Invoke(Vector128<T> x, Vector128<T> g, Vector128<T> s) => Vector128.ConditionalSelect(Vector128.GreaterThan(x * Vector128.Create(beta), Vector128.Create(threshold)), g, g * s);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> g, Vector256<T> s) => Vector256.ConditionalSelect(Vector256.GreaterThan(x * Vector256.Create(beta), Vector256.Create(threshold)), g, g * s);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Invoke(Vector512<T> x, Vector512<T> g, Vector512<T> s) => Vector512.ConditionalSelect(Vector512.GreaterThan(x * Vector512.Create(beta), Vector512.Create(threshold)), g, g * s);
    }
}
