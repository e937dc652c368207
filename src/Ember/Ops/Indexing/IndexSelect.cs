using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The entries of <paramref name="input"/> at the positions <paramref name="index"/> along
    /// <paramref name="dim"/> (PyTorch's <c>torch.index_select</c>); indices may repeat. Differentiable:
    /// the gradient is index-added back (repeated indices accumulate).
    /// </summary>
    /// <param name="input">The source tensor.</param>
    /// <param name="dim">The dimension to index (negative counts from the end).</param>
    /// <param name="index">A vector (or 0-d tensor) of int64 (or int32) indices in [0, input.Size(dim)); negative values are errors, as in PyTorch.</param>
    /// <returns>A new tensor of the input's shape with <c>index.Numel</c> entries along <paramref name="dim"/>.</returns>
    /// <exception cref="ArgumentException">The index is not an int64 or int32 vector.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public static Tensor IndexSelect(Tensor input, int dim, Tensor index)
    {
        ArgumentNullException.ThrowIfNull(input);
        index = IndexingHelpers.LongIndex(index, "index_select");
        IndexingHelpers.CheckVector(index, "index_select");
        int d = Tensor.NormalizeDim(dim, input.Dim, "index_select");
        int n = index.Numel;
        var x1 = IndexingHelpers.AtLeast1D(input);
        var shape = (int[])x1.ShapeArray.Clone();
        shape[d] = n;
        var y = Tensor.Empty(input.Dim == 0 && n == 1 ? [] : shape, input.DType);
        // the gather checks the indices it reads; with no rows to read PyTorch still checks them
        if (y.Numel == 0) IndexKernels.CheckRange(index, x1.ShapeArray[d], d, "index_select");
        var y1 = IndexingHelpers.AtLeast1D(y);
        if (GatherRowsKernel.Suits(x1, y1, d)) GatherRowsKernel.Run(x1, index, y1, "index_select");
        else IndexKernels.Gather(shape, y1, y1.StridesArray, index, IndexingHelpers.VectorStrides(index, d, shape.Length),
            x1, IndexingHelpers.ZeroAt(x1.StridesArray, d), x1.StridesArray[d], x1.ShapeArray[d], d, "index_select");
        GC.KeepAlive(input); GC.KeepAlive(y);
        if (Graph.NeedsGrad(input)) Graph.Record(y, new IndexSelectBackward(input.ShapeArray, d, index), input);
        return y;
    }

    private sealed class IndexSelectBackward(int[] inputShape, int dim, Tensor index) : Node
    {
        private SavedTensor _index = new(index);

        protected internal override Tensor?[] Backward(Tensor grad) =>
            [Zeros(inputShape, grad.DType).IndexAdd(dim, Unpack(_index), grad)];

        protected override void ReleaseSaved() => _index = default;
    }
}

public partial class Tensor
{
    /// <summary>The entries at <paramref name="index"/> along <paramref name="dim"/> (see <see cref="Torch.IndexSelect"/>).</summary>
    /// <param name="dim">The dimension to index.</param>
    /// <param name="index">A vector of int64 indices.</param>
    /// <exception cref="ArgumentException">The index is not an int64 vector, or the shapes or dtypes do not fit.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    public Tensor IndexSelect(int dim, Tensor index) => Torch.IndexSelect(this, dim, index);
}
