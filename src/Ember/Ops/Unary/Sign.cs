using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The sign (-1, 0 or 1) of each element (PyTorch's <c>torch.sign</c>). As in PyTorch 1.13, −0 and NaN
    /// give +0.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor Sign(Tensor input)
    {
        // The sign of a bool is the bool itself (PyTorch).
        var y = NotNull(input).DType == DType.Bool ? input.Clone().Detach() : Dispatch.NumericUnary<SignOp>(input, "sign");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new SignBackward(), input);
        return y;
    }

    private sealed class SignBackward : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad) => [Torch.ZerosLike(grad)];
    }
}

public partial class Tensor
{
    /// <summary>The sign (-1, 0 or 1) of each element (see <see cref="Torch.Sign"/>).</summary>
    public Tensor Sign() => Torch.Sign(this);

    /// <summary>In-place <see cref="Sign()"/>; returns this tensor.</summary>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Sign_() => InPlace("sign_", static t => Torch.Sign(t));
}
