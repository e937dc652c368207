using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// 2 raised to each element (PyTorch's <c>torch.exp2</c>). Integer and bool inputs give the default float dtype; float16 and bfloat16 are computed in float32.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor Exp2(Tensor input)
    {
        var y = FloatMath.Unary<Exp2Op>(input, "exp2");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new Exp2Backward(y), input);
        return y;
    }

    private sealed class Exp2Backward(Tensor saved) : Node
    {
        private const double Ln2 = 0.69314718055994530942;
        private SavedTensor _saved = new(saved);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var v = Unpack(_saved);
            return [grad * (v * Ln2)];
        }

        protected override void ReleaseSaved() => _saved = default;
    }
}

public partial class Tensor
{
    /// <summary>2 raised to each element (see <see cref="Torch.Exp2"/>).</summary>
    public Tensor Exp2() => Torch.Exp2(this);

    /// <summary>In-place <see cref="Exp2()"/>; returns this tensor.</summary>
    /// <exception cref="ArgumentException">This tensor is not floating point (the float result cannot be stored).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Exp2_() => InPlace("exp2_", static t => Torch.Exp2(t));
}
