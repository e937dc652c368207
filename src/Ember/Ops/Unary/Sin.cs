using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>The sine of each element (radians) (PyTorch's <c>torch.sin</c>). Integer inputs give float32.</summary>
    /// <param name="input">The tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor Sin(Tensor input)
    {
        var y = UnaryMath.Float<SinOp>(ref input, "sin");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new SinBackward(input), input);
        return y;
    }

    private sealed class SinBackward(Tensor saved) : Node
    {
        private SavedTensor _saved = new(saved);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var x = Unpack(_saved);
            return [grad * x.Cos()];
        }

        protected override void ReleaseSaved() => _saved = default;
    }
}

public partial class Tensor
{
    /// <summary>The sine of each element (radians) (see <see cref="Torch.Sin"/>).</summary>
    public Tensor Sin() => Torch.Sin(this);

    /// <summary>In-place <see cref="Sin()"/>; returns this tensor.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Sin_() => InPlace("sin_", static t => Torch.Sin(t));
}
