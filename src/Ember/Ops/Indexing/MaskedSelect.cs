using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The elements of <paramref name="input"/> where <paramref name="mask"/> is true, in row-major order, as
    /// a new 1-D tensor (PyTorch's <c>torch.masked_select</c>). Input and mask broadcast together.
    /// Differentiable: the gradient is scattered back to the selected positions.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <param name="mask">A bool tensor broadcastable with <paramref name="input"/>.</param>
    /// <returns>A 1-D tensor with one element per true entry of the broadcast mask.</returns>
    /// <exception cref="ArgumentException">The mask is not bool, or the shapes do not broadcast.</exception>
    public static Tensor MaskedSelect(Tensor input, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(input);
        IndexingHelpers.CheckMaskDType(mask, "masked_select");
        var shape = Broadcasting.Shape(input.ShapeArray, mask.ShapeArray, "masked_select");
        var maskStrides = Broadcasting.Strides(mask.ShapeArray, mask.StridesArray, shape);
        int n = IndexKernels.CountTrue(shape, mask, maskStrides);
        var y = Tensor.Empty([n], input.DType);
        IndexKernels.MaskedSelect(shape, mask, maskStrides, input, Broadcasting.Strides(input.ShapeArray, input.StridesArray, shape), y);
        if (Graph.NeedsGrad(input)) Graph.Record(y, new MaskedSelectBackward(mask, shape), input);
        return y;
    }

    private sealed class MaskedSelectBackward(Tensor mask, int[] shape) : Node
    {
        private SavedTensor _mask = new(mask);

        // The engine sums the broadcast-shaped gradient down to the input's shape.
        protected internal override Tensor?[] Backward(Tensor grad) => [Zeros(shape, grad.DType).MaskedScatter(Unpack(_mask), grad)];

        protected override void ReleaseSaved() => _mask = default;
    }
}

public partial class Tensor
{
    /// <summary>The elements where <paramref name="mask"/> is true, as a 1-D tensor (see <see cref="Torch.MaskedSelect"/>).</summary>
    /// <param name="mask">A bool tensor broadcastable with this tensor.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="mask"/> is null.</exception>
    public Tensor MaskedSelect(Tensor mask) => Torch.MaskedSelect(this, mask);
}
