using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>The square root of each element (PyTorch's <c>torch.sqrt</c>). Integer inputs give float32.</summary>
    /// <param name="input">The tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor Sqrt(Tensor input)
    {
        var y = UnaryMath.Float<SqrtOp>(ref input, "sqrt");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new SqrtBackward(y), input);
        return y;
    }

    private sealed class SqrtBackward(Tensor saved) : Node
    {
        private SavedTensor _saved = new(saved);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var y = Unpack(_saved);
            return [grad / (y * 2.0)];
        }

        protected override void ReleaseSaved() => _saved = default;
    }
}

public partial class Tensor
{
    /// <summary>The square root of each element (see <see cref="Torch.Sqrt"/>).</summary>
    public Tensor Sqrt() => Torch.Sqrt(this);

    /// <summary>In-place <see cref="Sqrt()"/>; returns this tensor.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Sqrt_() => InPlace("sqrt_", static t => Torch.Sqrt(t));
}
