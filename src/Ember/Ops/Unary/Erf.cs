using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The error function erf(x) = 2/√π ∫₀ˣ e^(−t²) dt of each element (PyTorch's <c>torch.erf</c>), accurate to about 1e-16 (computed in double for float32 too). Integer and bool inputs give the default float dtype; float16 and bfloat16 are computed in float32.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor Erf(Tensor input)
    {
        var y = FloatMath.Unary<ErfOp>(input, "erf");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new ErfBackward(input), input);
        return y;
    }

    private sealed class ErfBackward(Tensor saved) : Node
    {
        private const double TwoOverSqrtPi = 1.1283791670955125739;
        private SavedTensor _saved = new(saved);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var v = Unpack(_saved);
            return [grad * ((-(v * v)).Exp() * TwoOverSqrtPi)];
        }

        protected override void ReleaseSaved() => _saved = default;
    }
}

public partial class Tensor
{
    /// <summary>The error function erf(x) = 2/√π ∫₀ˣ e^(−t²) dt of each element (see <see cref="Torch.Erf"/>).</summary>
    public Tensor Erf() => Torch.Erf(this);

    /// <summary>In-place <see cref="Erf()"/>; returns this tensor.</summary>
    /// <exception cref="ArgumentException">This tensor is not floating point (the float result cannot be stored).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Erf_() => InPlace("erf_", static t => Torch.Erf(t));
}
