using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The base-10 logarithm of each element (PyTorch's <c>torch.log10</c>); log10(0) = −∞ and negative inputs give NaN. Integer and bool inputs give the default float dtype; float16 and bfloat16 are computed in float32.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor Log10(Tensor input)
    {
        var y = FloatMath.Unary<Log10Op>(input, "log10");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new Log10Backward(input), input);
        return y;
    }

    private sealed class Log10Backward(Tensor saved) : Node
    {
        private const double Ln10 = 2.30258509299404568402;
        private SavedTensor _saved = new(saved);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var v = Unpack(_saved);
            return [grad / (v * Ln10)];
        }

        protected override void ReleaseSaved() => _saved = default;
    }
}

public partial class Tensor
{
    /// <summary>The base-10 logarithm of each element (see <see cref="Torch.Log10"/>).</summary>
    public Tensor Log10() => Torch.Log10(this);

    /// <summary>In-place <see cref="Log10()"/>; returns this tensor.</summary>
    /// <exception cref="ArgumentException">This tensor is not floating point (the float result cannot be stored).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Log10_() => InPlace("log10_", static t => Torch.Log10(t));
}
