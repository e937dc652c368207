using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>The hyperbolic tangent of each element (PyTorch's <c>torch.tanh</c>). Integer inputs give float32.</summary>
    /// <param name="input">The tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor Tanh(Tensor input)
    {
        var y = UnaryMath.Float<TanhOp>(ref input, "tanh");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new TanhBackward(y), input);
        return y;
    }

    private sealed class TanhBackward(Tensor saved) : Node
    {
        private SavedTensor _saved = new(saved);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var y = Unpack(_saved);
            return [grad * (1.0 - y * y)];
        }

        protected override void ReleaseSaved() => _saved = default;
    }
}

public partial class Tensor
{
    /// <summary>The hyperbolic tangent of each element (see <see cref="Torch.Tanh"/>).</summary>
    public Tensor Tanh() => Torch.Tanh(this);

    /// <summary>In-place <see cref="Tanh()"/>; returns this tensor.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Tanh_() => InPlace("tanh_", static t => Torch.Tanh(t));
}
