using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>The cosine of each element (radians) (PyTorch's <c>torch.cos</c>). Integer inputs give float32.</summary>
    /// <param name="input">The tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor Cos(Tensor input)
    {
        var y = UnaryMath.Float<CosOp>(ref input, "cos");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new CosBackward(input), input);
        return y;
    }

    private sealed class CosBackward(Tensor saved) : Node
    {
        private SavedTensor _saved = new(saved);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var x = Unpack(_saved);
            return [-grad * x.Sin()];
        }

        protected override void ReleaseSaved() => _saved = default;
    }
}

public partial class Tensor
{
    /// <summary>The cosine of each element (radians) (see <see cref="Torch.Cos"/>).</summary>
    public Tensor Cos() => Torch.Cos(this);

    /// <summary>In-place <see cref="Cos()"/>; returns this tensor.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Cos_() => InPlace("cos_", static t => Torch.Cos(t));
}
