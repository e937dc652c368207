using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>The cosine of each element (radians) (PyTorch's <c>torch.cos</c>). Integer inputs give float32.</summary>
    /// <param name="input">The tensor.</param>
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
    public Tensor Cos_() => InPlace("cos_", static t => Torch.Cos(t));
}
