using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>e raised to each element (PyTorch's <c>torch.exp</c>). Integer inputs give float32.</summary>
    /// <param name="input">The tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor Exp(Tensor input)
    {
        var y = UnaryMath.Float<ExpOp>(ref input, "exp");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new ExpBackward(y), input);
        return y;
    }

    private sealed class ExpBackward(Tensor saved) : Node
    {
        private SavedTensor _saved = new(saved);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var y = Unpack(_saved);
            return [grad * y];
        }

        protected override void ReleaseSaved() => _saved = default;
    }
}

public partial class Tensor
{
    /// <summary>e raised to each element (see <see cref="Torch.Exp"/>).</summary>
    public Tensor Exp() => Torch.Exp(this);

    /// <summary>In-place <see cref="Exp()"/>; returns this tensor.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Exp_() => InPlace("exp_", static t => Torch.Exp(t));
}
