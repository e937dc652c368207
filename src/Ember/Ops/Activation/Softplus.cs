using System.Numerics;
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
            int i = 0;
            if (ActivationKernel.Vectorized<T>())
            {
                var vb = new Vector<T>(beta);
                var vt = new Vector<T>(threshold);
                var inf = new Vector<T>(T.PositiveInfinity);
                for (; i <= m - Vector<T>.Count; i += Vector<T>.Count)
                {
                    var v = new Vector<T>(xs.Slice(i));
                    var e = new Vector<T>(ys.Slice(i));
                    var l = new Vector<T>(ls.Slice(i));
                    var u = Vector<T>.One + e;
                    var lp = Vector.ConditionalSelect(Vector.Equals(u, Vector<T>.One), e,
                        Vector.ConditionalSelect(Vector.Equals(u, inf), l, l * e / (u - Vector<T>.One)));
                    Vector.ConditionalSelect(Vector.GreaterThan(v * vb, vt), v, lp / vb).CopyTo(ys.Slice(i));
                }
            }
            for (; i < m; i++) ys[i] = Scalar(xs[i], ys[i], ls[i], beta, threshold);
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
        int i = 0;
        if (ActivationKernel.Vectorized<T>())
        {
            var vb = new Vector<T>(beta);
            var vt = new Vector<T>(threshold);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var g = new Vector<T>(grad.Slice(i));
                var z = new Vector<T>(x.Slice(i)) * vb;
                Vector.ConditionalSelect(Vector.GreaterThan(z, vt), g, g * new Vector<T>(dx.Slice(i))).CopyTo(dx.Slice(i));
            }
        }
        for (; i < x.Length; i++) dx[i] = x[i] * beta > threshold ? grad[i] : grad[i] * dx[i];
    }
}
