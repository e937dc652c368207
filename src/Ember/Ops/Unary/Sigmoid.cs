using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>The logistic sigmoid 1/(1+e^-x) of each element (PyTorch's <c>torch.sigmoid</c>). Integer inputs give float32.</summary>
    /// <param name="input">The tensor.</param>
    public static Tensor Sigmoid(Tensor input)
    {
        var y = UnaryMath.Float<SigmoidOp>(ref input, "sigmoid");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new SigmoidBackward(y), input);
        return y;
    }

    private sealed class SigmoidBackward(Tensor saved) : Node
    {
        private SavedTensor _saved = new(saved);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var y = Unpack(_saved);
            return [grad * y * (1.0 - y)];
        }

        protected override void ReleaseSaved() => _saved = default;
    }
}

public partial class Tensor
{
    /// <summary>The logistic sigmoid 1/(1+e^-x) of each element (see <see cref="Torch.Sigmoid"/>).</summary>
    public Tensor Sigmoid() => Torch.Sigmoid(this);

    /// <summary>In-place <see cref="Sigmoid()"/>; returns this tensor.</summary>
    public Tensor Sigmoid_() => InPlace("sigmoid_", static t => Torch.Sigmoid(t));
}
