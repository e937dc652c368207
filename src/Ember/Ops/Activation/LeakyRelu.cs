using System.Numerics;
using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// x where x &gt; 0, else <paramref name="negativeSlope"/>·x, elementwise (PyTorch's <c>leaky_relu</c>;
    /// NaN stays NaN). The gradient is 1 where x &gt; 0, else the slope.
    /// </summary>
    /// <param name="input">A floating-point tensor.</param>
    /// <param name="negativeSlope">The slope for x ≤ 0 (default 0.01).</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    public static Tensor LeakyRelu(Tensor input, double negativeSlope = 0.01)
    {
        ActivationKernel.CheckFloat(input, "leaky_relu");
        var y = ActivationKernel.Forward<LeakyReluOp>(input, negativeSlope, 0, "leaky_relu");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new LeakyReluBackward(input, negativeSlope), input);
        return y;
    }

    private sealed class LeakyReluBackward(Tensor x, double slope) : Node
    {
        private SavedTensor _x = new(x);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var xv = Unpack(_x);
            if (!GradMode.IsEnabled)
                return [ActivationKernel.Backward<LeakyReluOp>(xv, grad, slope, 0, "leaky_relu")];
            return [Where(xv > 0.0, grad, grad * slope)];
        }

        protected override void ReleaseSaved() => _x = default;
    }
}

/// <summary>Leaky ReLU: y = x &gt; 0 ? x : p·x; dx = x &gt; 0 ? g : p·g.</summary>
internal readonly struct LeakyReluOp : IActivationOp
{
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, T slope, T _) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (ActivationKernel.Vectorized<T>())
        {
            var s = new Vector<T>(slope);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = new Vector<T>(x.Slice(i));
                Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<T>.Zero), v, v * s).CopyTo(y.Slice(i));
            }
        }
        for (; i < x.Length; i++) y[i] = x[i] > T.Zero ? x[i] : x[i] * slope;
    }

    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> grad, Span<T> dx, T slope, T _) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (ActivationKernel.Vectorized<T>())
        {
            var s = new Vector<T>(slope);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var g = new Vector<T>(grad.Slice(i));
                Vector.ConditionalSelect(Vector.GreaterThan(new Vector<T>(x.Slice(i)), Vector<T>.Zero), g, g * s).CopyTo(dx.Slice(i));
            }
        }
        for (; i < x.Length; i++) dx[i] = x[i] > T.Zero ? grad[i] : grad[i] * slope;
    }
}
