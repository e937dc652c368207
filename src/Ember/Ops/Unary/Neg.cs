using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>The negation of each element (PyTorch's <c>torch.neg</c>).</summary>
    /// <param name="input">The tensor.</param>
    /// <exception cref="ArgumentException">The input is bool.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor Neg(Tensor input)
    {
        if (NotNull(input).DType == DType.Bool)
            throw new ArgumentException("neg: Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `!` operator or LogicalNot() instead.", nameof(input));
        var y = Dispatch.NumericUnary<NegOp>(input, "neg");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new NegBackward(), input);
        return y;
    }

    private sealed class NegBackward : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad) => [-grad];
    }
}

public partial class Tensor
{
    /// <summary>The negation of each element (see <see cref="Torch.Neg"/>).</summary>
    /// <exception cref="ArgumentException">The tensor is bool: PyTorch refuses to negate bools (use LogicalNot).</exception>
    public Tensor Neg() => Torch.Neg(this);

    /// <summary>In-place <see cref="Neg()"/>; returns this tensor.</summary>
    /// <exception cref="ArgumentException">The tensor is bool: PyTorch refuses to negate bools (use LogicalNot).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Neg_() => InPlace("neg_", static t => Torch.Neg(t));
}

public partial class Tensor
{
    /// <summary>Elementwise negation.</summary>
    /// <exception cref="ArgumentException">The tensor is bool: PyTorch refuses to negate bools (use LogicalNot).</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator -(Tensor a) => Torch.Neg(a);
}
