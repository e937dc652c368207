using System.Numerics;
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
        int i = 0;
        if (ActivationKernel.Vectorized<T>())
        {
            var a = new Vector<T>(alpha);
            var half = new Vector<T>(T.CreateTruncating(0.5));
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = new Vector<T>(x.Slice(i));
                var p = Vector<T>.Zero;
                foreach (var c in Coefficients<T>.InvFactorials) p = p * v + new Vector<T>(c);
                var em1 = Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(v), half), v * p, new Vector<T>(y.Slice(i)) - Vector<T>.One);
                // + 0 turns −0 into +0: PyTorch's (exp(x) − 1)·α gives +0 at x = −0
                Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<T>.Zero), v, em1 * a + Vector<T>.Zero).CopyTo(y.Slice(i));
            }
        }
        for (; i < x.Length; i++) y[i] = x[i] > T.Zero ? x[i] : alpha * Expm1(x[i], y[i]) + T.Zero;
    }

    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> grad, Span<T> dx, T alpha, T _) where T : unmanaged, IFloatingPointIeee754<T>
    {
        TensorPrimitives.Exp(x, dx);
        int i = 0;
        if (ActivationKernel.Vectorized<T>())
        {
            var a = new Vector<T>(alpha);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var g = new Vector<T>(grad.Slice(i));
                var e = new Vector<T>(dx.Slice(i));
                Vector.ConditionalSelect(Vector.LessThanOrEqual(new Vector<T>(x.Slice(i)), Vector<T>.Zero), g * (e * a), g).CopyTo(dx.Slice(i));
            }
        }
        for (; i < x.Length; i++) dx[i] = x[i] <= T.Zero ? grad[i] * (dx[i] * alpha) : grad[i];
    }
}
