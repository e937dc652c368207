using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>max(0, x) of each element (PyTorch's <c>torch.relu</c>: NaN stays NaN, −0 stays −0).</summary>
    /// <param name="input">The tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="NotSupportedException">The op has no kernel for the input's dtype (as in PyTorch).</exception>
    public static Tensor Relu(Tensor input)
    {
        var y = Dispatch.NumericUnary<ReluOp>(input, "relu");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new ReluBackward(y), input);
        return y;
    }

    private sealed class ReluBackward(Tensor saved) : Node
    {
        private SavedTensor _saved = new(saved);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var y = Unpack(_saved);
            // Not building a graph of the backward: one fused pass.
            if (!GradMode.IsEnabled && grad.DType == y.DType) return [Dispatch.NumericBinary<ReluGradOp>(grad, y, y.DType, "relu_backward")];
            return [Where(y <= 0L, 0L, grad)];
        }

        protected override void ReleaseSaved() => _saved = default;
    }
}

public partial class Tensor
{
    /// <summary>max(0, x) of each element (NaN stays NaN) (see <see cref="Torch.Relu"/>).</summary>
    /// <exception cref="NotSupportedException">The op has no kernel for the input's dtype (as in PyTorch).</exception>
    public Tensor Relu() => Torch.Relu(this);

    /// <summary>In-place <see cref="Relu()"/>; returns this tensor.</summary>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    /// <exception cref="NotSupportedException">The op has no kernel for the input's dtype (as in PyTorch).</exception>
    public Tensor Relu_() => InPlace("relu_", static t => Torch.Relu(t));
}
