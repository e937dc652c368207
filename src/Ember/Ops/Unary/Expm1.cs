using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// e^x − 1 of each element (PyTorch's <c>torch.expm1</c>), with full relative accuracy near 0 (where exp(x) − 1 keeps none). Integer and bool inputs give the default float dtype; float16 and bfloat16 are computed in float32.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor Expm1(Tensor input)
    {
        var y = FloatMath.Unary<Expm1Op>(input, "expm1");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new Expm1Backward(y), input);
        return y;
    }

    private sealed class Expm1Backward(Tensor saved) : Node
    {
        private SavedTensor _saved = new(saved);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var v = Unpack(_saved);
            return [grad * (v + 1.0)];
        }

        protected override void ReleaseSaved() => _saved = default;
    }
}

public partial class Tensor
{
    /// <summary>e^x − 1 of each element (see <see cref="Torch.Expm1"/>).</summary>
    public Tensor Expm1() => Torch.Expm1(this);

    /// <summary>In-place <see cref="Expm1()"/>; returns this tensor.</summary>
    /// <exception cref="ArgumentException">This tensor is not floating point (the float result cannot be stored).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Expm1_() => InPlace("expm1_", static t => Torch.Expm1(t));
}
