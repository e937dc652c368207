using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The largest integer not greater than each element (PyTorch's <c>torch.floor</c>). Integer tensors are returned as a copy of the same dtype;
    /// float16 and bfloat16 are computed in float32. The gradient is zero everywhere.
    /// </summary>
    /// <param name="input">A floating-point or integer tensor.</param>
    /// <exception cref="NotSupportedException">The input is bool.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor Floor(Tensor input)
    {
        var y = FloatMath.Rounding<FloorOp>(input, "floor");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new FloorBackward(), input);
        return y;
    }

    private sealed class FloorBackward : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad) => [ZerosLike(grad)];
    }
}

public partial class Tensor
{
    /// <summary>The largest integer not greater than each element (see <see cref="Torch.Floor"/>).</summary>
    /// <exception cref="NotSupportedException">The op has no kernel for the input's dtype (as in PyTorch).</exception>
    public Tensor Floor() => Torch.Floor(this);

    /// <summary>In-place <see cref="Floor()"/>; returns this tensor.</summary>
    /// <exception cref="NotSupportedException">This tensor is bool.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Floor_() => InPlace("floor_", static t => Torch.Floor(t));
}
