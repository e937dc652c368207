using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>The logistic sigmoid 1/(1+e^-x) of each element (PyTorch's <c>torch.sigmoid</c>). Integer inputs give float32.</summary>
    /// <param name="input">The tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
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
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Sigmoid_() => InPlace("sigmoid_", static t => Torch.Sigmoid(t));
}
