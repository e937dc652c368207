using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>The natural logarithm of each element (PyTorch's <c>torch.log</c>). Integer inputs give float32.</summary>
    /// <param name="input">The tensor.</param>
    public static Tensor Log(Tensor input)
    {
        var y = UnaryMath.Float<LogOp>(ref input, "log");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new LogBackward(input), input);
        return y;
    }

    private sealed class LogBackward(Tensor saved) : Node
    {
        private SavedTensor _saved = new(saved);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var x = Unpack(_saved);
            return [grad / x];
        }

        protected override void ReleaseSaved() => _saved = default;
    }
}

public partial class Tensor
{
    /// <summary>The natural logarithm of each element (see <see cref="Torch.Log"/>).</summary>
    public Tensor Log() => Torch.Log(this);

    /// <summary>In-place <see cref="Log()"/>; returns this tensor.</summary>
    public Tensor Log_() => InPlace("log_", static t => Torch.Log(t));
}
