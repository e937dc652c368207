using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The complementary error function erfc(x) = 1 − erf(x) of each element (PyTorch's <c>torch.erfc</c>), accurate in relative terms far into the right tail (erfc(10) ≈ 2.1e-45 in float64). Integer and bool inputs give the default float dtype; float16 and bfloat16 are computed in float32.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor Erfc(Tensor input)
    {
        var y = FloatMath.Unary<ErfcOp>(input, "erfc");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new ErfcBackward(input), input);
        return y;
    }

    private sealed class ErfcBackward(Tensor saved) : Node
    {
        private const double TwoOverSqrtPi = 1.1283791670955125739;
        private SavedTensor _saved = new(saved);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var v = Unpack(_saved);
            return [grad * ((-(v * v)).Exp() * -TwoOverSqrtPi)];
        }

        protected override void ReleaseSaved() => _saved = default;
    }
}

public partial class Tensor
{
    /// <summary>The complementary error function erfc(x) = 1 − erf(x) of each element (see <see cref="Torch.Erfc"/>).</summary>
    public Tensor Erfc() => Torch.Erfc(this);

    /// <summary>In-place <see cref="Erfc()"/>; returns this tensor.</summary>
    /// <exception cref="ArgumentException">This tensor is not floating point (the float result cannot be stored).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Erfc_() => InPlace("erfc_", static t => Torch.Erfc(t));
}
