using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>e raised to each element (PyTorch's <c>torch.exp</c>). Integer inputs give float32.</summary>
    /// <param name="input">The tensor.</param>
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
    public Tensor Exp_() => InPlace("exp_", static t => Torch.Exp(t));
}
