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
    /// The exponential linear unit, elementwise (PyTorch's <c>elu</c>): x where x &gt; 0, else
    /// <paramref name="alpha"/>·(eˣ − 1), computed without cancellation for small |x| and saturating at −alpha
    /// for large negative x (−1000 gives −alpha, not NaN).
    /// </summary>
    /// <param name="input">A floating-point tensor.</param>
    /// <param name="alpha">The saturation value for negative inputs (default 1.0).</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    public static Tensor Elu(Tensor input, double alpha = 1.0)
    {
        ActivationKernel.CheckFloat(input, "elu");
        var y = ActivationKernel.Forward<EluOp>(input, alpha, 0, "elu");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new EluBackward(input, alpha), input);
        return y;
    }

    private sealed class EluBackward(Tensor x, double alpha) : Node
    {
        private SavedTensor _x = new(x);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var xv = Unpack(_x);
            if (!GradMode.IsEnabled)
                return [ActivationKernel.Backward<EluOp>(xv, grad, alpha, 0, "elu")];
            // clamped so that exp never overflows on the branch Where discards
            return [Where(xv <= 0.0, grad * (xv.ClampMax(0).Exp() * alpha), grad)];
        }

        protected override void ReleaseSaved() => _x = default;
    }
}

/// <summary>
/// ELU: y = x &gt; 0 ? x : p·expm1(x), with expm1 from its Taylor series (degree 15) for |x| &lt; ½ — exact for tiny |x|,
/// where eˣ − 1 cancels — and eˣ − 1 elsewhere (−1 in the limit); dx = x ≤ 0 ? g·p·eˣ : g (PyTorch's conventions at 0 and
/// for NaN).
/// </summary>
internal readonly struct EluOp : IActivationOp
{
    /// <summary>1/k! for k = 15 … 1 (Horner order), rounded to <typeparamref name="T"/>.</summary>
    private static class Coefficients<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly T[] InvFactorials = Enumerable.Range(1, 15).Reverse()
            .Select(k => T.CreateTruncating(1.0 / Enumerable.Range(1, k).Aggregate(1.0, (f, i) => f * i))).ToArray();
    }

    private static T Expm1<T>(T x, T e) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(T.Abs(x) < T.CreateTruncating(0.5))) return e - T.One;
        T p = T.Zero;
        foreach (var c in Coefficients<T>.InvFactorials) p = p * x + c;
        return x * p;
    }

    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, T alpha, T _) where T : unmanaged, IFloatingPointIeee754<T>
    {
        TensorPrimitives.Exp(x, y);
        VectorDriver.Map(new ForwardBody<T>(alpha), x, y, y);
    }

    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> grad, Span<T> dx, T alpha, T _) where T : unmanaged, IFloatingPointIeee754<T>
    {
        TensorPrimitives.Exp(x, dx);
        VectorDriver.Map(new BackwardBody<T>(alpha), x, grad, dx, dx);
    }

    /// <summary>Operands (x, e = eˣ): x &gt; 0 ? x : α·expm1(x) + 0 (+ 0 turns −0 into +0: PyTorch's (exp(x) − 1)·α gives +0 at x = −0).</summary>
    internal readonly struct ForwardBody<T>(T alpha) : IVectorOp2<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T x, T e) => x > T.Zero ? x : alpha * Expm1(x, e) + T.Zero;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Invoke(Vector128<T> v, Vector128<T> e)
        {
            var p = Vector128<T>.Zero;
            foreach (var c in Coefficients<T>.InvFactorials) p = p * v + Vector128.Create(c);
            var em1 = Vector128.ConditionalSelect(Vector128.LessThan(Vector128.Abs(v), Vector128.Create(T.CreateTruncating(0.5))), v * p, e - Vector128<T>.One);
            return Vector128.ConditionalSelect(Vector128.GreaterThan(v, Vector128<T>.Zero), v, em1 * Vector128.Create(alpha) + Vector128<T>.Zero);
        }
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Invoke(Vector256<T> v, Vector256<T> e)
        {
            var p = Vector256<T>.Zero;
            foreach (var c in Coefficients<T>.InvFactorials) p = p * v + Vector256.Create(c);
            var em1 = Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(v), Vector256.Create(T.CreateTruncating(0.5))), v * p, e - Vector256<T>.One);
            return Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<T>.Zero), v, em1 * Vector256.Create(alpha) + Vector256<T>.Zero);
        }
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Invoke(Vector512<T> v, Vector512<T> e)
        {
            var p = Vector512<T>.Zero;
            foreach (var c in Coefficients<T>.InvFactorials) p = p * v + Vector512.Create(c);
            var em1 = Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(v), Vector512.Create(T.CreateTruncating(0.5))), v * p, e - Vector512<T>.One);
            return Vector512.ConditionalSelect(Vector512.GreaterThan(v, Vector512<T>.Zero), v, em1 * Vector512.Create(alpha) + Vector512<T>.Zero);
        }
    }

    /// <summary>Operands (x, g, e = eˣ): x ≤ 0 ? g·(e·α) : g.</summary>
    internal readonly struct BackwardBody<T>(T alpha) : IVectorOp3<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T x, T g, T e) => x <= T.Zero ? g * (e * alpha) : g;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Invoke(Vector128<T> x, Vector128<T> g, Vector128<T> e) => Vector128.ConditionalSelect(Vector128.LessThanOrEqual(x, Vector128<T>.Zero), g * (e * Vector128.Create(alpha)), g);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> g, Vector256<T> e) => Vector256.ConditionalSelect(Vector256.LessThanOrEqual(x, Vector256<T>.Zero), g * (e * Vector256.Create(alpha)), g);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Invoke(Vector512<T> x, Vector512<T> g, Vector512<T> e) => Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x, Vector512<T>.Zero), g * (e * Vector512.Create(alpha)), g);
    }
}
