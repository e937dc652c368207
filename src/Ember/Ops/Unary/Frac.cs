using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The fractional part x − trunc(x) of each element, with the sign of x (PyTorch's <c>torch.frac</c>); ±∞ gives
    /// NaN. Float16 and bfloat16 are computed in float32. The gradient passes through unchanged.
    /// </summary>
    /// <param name="input">A floating-point tensor.</param>
    /// <exception cref="NotSupportedException">The input is an integer or bool tensor (as in PyTorch).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor Frac(Tensor input)
    {
        var y = Dispatch.FloatUnary<FracOp>(input, "frac");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new FracBackward(), input);
        return y;
    }

    private sealed class FracBackward : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad) => [grad];
    }
}

public partial class Tensor
{
    /// <summary>The fractional part of each element (see <see cref="Torch.Frac"/>).</summary>
    /// <exception cref="NotSupportedException">The op has no kernel for the input's dtype (as in PyTorch).</exception>
    public Tensor Frac() => Torch.Frac(this);

    /// <summary>In-place <see cref="Frac()"/>; returns this tensor.</summary>
    /// <exception cref="NotSupportedException">This tensor is not floating point.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Frac_() => InPlace("frac_", static t => Torch.Frac(t));
}
