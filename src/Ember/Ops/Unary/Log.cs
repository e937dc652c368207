using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>The natural logarithm of each element (PyTorch's <c>torch.log</c>). Integer inputs give float32.</summary>
    /// <param name="input">The tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
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
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Log_() => InPlace("log_", static t => Torch.Log(t));
}
