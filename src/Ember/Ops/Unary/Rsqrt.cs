using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>The reciprocal of the square root of each element (PyTorch's <c>torch.rsqrt</c>). Integer inputs give float32.</summary>
    /// <param name="input">The tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor Rsqrt(Tensor input)
    {
        var y = UnaryMath.Float<RsqrtOp>(ref input, "rsqrt");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new RsqrtBackward(y), input);
        return y;
    }

    private sealed class RsqrtBackward(Tensor saved) : Node
    {
        private SavedTensor _saved = new(saved);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var y = Unpack(_saved);
            return [grad * y * y * y * -0.5];
        }

        protected override void ReleaseSaved() => _saved = default;
    }
}

public partial class Tensor
{
    /// <summary>The reciprocal of the square root of each element (see <see cref="Torch.Rsqrt"/>).</summary>
    public Tensor Rsqrt() => Torch.Rsqrt(this);

    /// <summary>In-place <see cref="Rsqrt()"/>; returns this tensor.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Rsqrt_() => InPlace("rsqrt_", static t => Torch.Rsqrt(t));
}
