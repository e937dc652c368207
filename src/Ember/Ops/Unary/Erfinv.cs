using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The inverse error function of each element (PyTorch's <c>torch.erfinv</c>): erfinv(±1) = ±∞ and NaN outside [−1, 1]. Integer and bool inputs give the default float dtype; float16 and bfloat16 are computed in float32.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor Erfinv(Tensor input)
    {
        var y = FloatMath.Unary<ErfinvOp>(input, "erfinv");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new ErfinvBackward(y), input);
        return y;
    }

    private sealed class ErfinvBackward(Tensor saved) : Node
    {
        private const double SqrtPiOverTwo = 0.88622692545275801365;
        private SavedTensor _saved = new(saved);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var v = Unpack(_saved);
            return [grad * ((v * v).Exp() * SqrtPiOverTwo)];
        }

        protected override void ReleaseSaved() => _saved = default;
    }
}

public partial class Tensor
{
    /// <summary>The inverse error function of each element (see <see cref="Torch.Erfinv"/>).</summary>
    public Tensor Erfinv() => Torch.Erfinv(this);

    /// <summary>In-place <see cref="Erfinv()"/>; returns this tensor.</summary>
    /// <exception cref="ArgumentException">This tensor is not floating point (the float result cannot be stored).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Erfinv_() => InPlace("erfinv_", static t => Torch.Erfinv(t));
}
