using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The base-2 logarithm of each element (PyTorch's <c>torch.log2</c>); log2(0) = −∞ and negative inputs give NaN. Integer and bool inputs give the default float dtype; float16 and bfloat16 are computed in float32.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor Log2(Tensor input)
    {
        var y = FloatMath.Unary<Log2Op>(input, "log2");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new Log2Backward(input), input);
        return y;
    }

    private sealed class Log2Backward(Tensor saved) : Node
    {
        private const double Ln2 = 0.69314718055994530942;
        private SavedTensor _saved = new(saved);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var v = Unpack(_saved);
            return [grad / (v * Ln2)];
        }

        protected override void ReleaseSaved() => _saved = default;
    }
}

public partial class Tensor
{
    /// <summary>The base-2 logarithm of each element (see <see cref="Torch.Log2"/>).</summary>
    public Tensor Log2() => Torch.Log2(this);

    /// <summary>In-place <see cref="Log2()"/>; returns this tensor.</summary>
    /// <exception cref="ArgumentException">This tensor is not floating point (the float result cannot be stored).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Log2_() => InPlace("log2_", static t => Torch.Log2(t));
}
