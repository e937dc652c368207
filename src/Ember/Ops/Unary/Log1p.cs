using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>log(1 + x) of each element, accurate for small x (PyTorch's <c>torch.log1p</c>). Integer inputs give float32.</summary>
    /// <param name="input">The tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor Log1p(Tensor input)
    {
        var y = UnaryMath.Float<Log1pOp>(ref input, "log1p");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new Log1pBackward(input), input);
        return y;
    }

    private sealed class Log1pBackward(Tensor saved) : Node
    {
        private SavedTensor _saved = new(saved);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var x = Unpack(_saved);
            return [grad / (x + 1.0)];
        }

        protected override void ReleaseSaved() => _saved = default;
    }
}

public partial class Tensor
{
    /// <summary>log(1 + x) of each element, accurate for small x (see <see cref="Torch.Log1p"/>).</summary>
    public Tensor Log1p() => Torch.Log1p(this);

    /// <summary>In-place <see cref="Log1p()"/>; returns this tensor.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Log1p_() => InPlace("log1p_", static t => Torch.Log1p(t));
}
