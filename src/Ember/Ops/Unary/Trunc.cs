using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Each element rounded toward zero (PyTorch's <c>torch.trunc</c>). Integer tensors are returned as a copy of the same dtype;
    /// float16 and bfloat16 are computed in float32. The gradient is zero everywhere.
    /// </summary>
    /// <param name="input">A floating-point or integer tensor.</param>
    /// <exception cref="NotSupportedException">The input is bool.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor Trunc(Tensor input)
    {
        var y = FloatMath.Rounding<TruncOp>(input, "trunc");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new TruncBackward(), input);
        return y;
    }

    private sealed class TruncBackward : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad) => [ZerosLike(grad)];
    }
}

public partial class Tensor
{
    /// <summary>Each element rounded toward zero (see <see cref="Torch.Trunc"/>).</summary>
    /// <exception cref="NotSupportedException">The op has no kernel for the input's dtype (as in PyTorch).</exception>
    public Tensor Trunc() => Torch.Trunc(this);

    /// <summary>In-place <see cref="Trunc()"/>; returns this tensor.</summary>
    /// <exception cref="NotSupportedException">This tensor is bool.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Trunc_() => InPlace("trunc_", static t => Torch.Trunc(t));
}
