using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>The absolute value of each element (PyTorch's <c>torch.abs</c>).</summary>
    /// <param name="input">The tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="NotSupportedException">The op has no kernel for the input's dtype (as in PyTorch).</exception>
    public static Tensor Abs(Tensor input)
    {
        var y = Dispatch.NumericUnary<AbsOp>(input, "abs");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new AbsBackward(input), input);
        return y;
    }

    private sealed class AbsBackward(Tensor saved) : Node
    {
        private SavedTensor _saved = new(saved);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var x = Unpack(_saved);
            return [grad * x.Sign()];
        }

        protected override void ReleaseSaved() => _saved = default;
    }
}

public partial class Tensor
{
    /// <summary>The absolute value of each element (see <see cref="Torch.Abs"/>).</summary>
    /// <exception cref="NotSupportedException">The op has no kernel for the input's dtype (as in PyTorch).</exception>
    public Tensor Abs() => Torch.Abs(this);

    /// <summary>In-place <see cref="Abs()"/>; returns this tensor.</summary>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    /// <exception cref="NotSupportedException">The op has no kernel for the input's dtype (as in PyTorch).</exception>
    public Tensor Abs_() => InPlace("abs_", static t => Torch.Abs(t));
}
