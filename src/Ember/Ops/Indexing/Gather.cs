using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Gathers values along an axis (PyTorch's <c>torch.gather</c>): for a 3-D input with dim = 1,
    /// <c>out[i][j][k] = input[i][index[i][j][k]][k]</c>. Differentiable with respect to
    /// <paramref name="input"/> (the gradient is scatter-added back).
    /// </summary>
    /// <param name="input">The source tensor.</param>
    /// <param name="dim">The axis along which to index (negative counts from the end).</param>
    /// <param name="index">int64 indices with the same number of dimensions as <paramref name="input"/> and
    /// <c>index.Size(d) &lt;= input.Size(d)</c> for every d != dim; every value in [0, input.Size(dim)).</param>
    /// <returns>A new tensor of the shape of <paramref name="index"/> and the dtype of <paramref name="input"/>.</returns>
    /// <exception cref="ArgumentException">The index is not int64, or the shapes do not fit.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range (negative values included).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public static Tensor Gather(Tensor input, int dim, Tensor index)
    {
        ArgumentNullException.ThrowIfNull(input);
        IndexingHelpers.CheckIndexDType(index, "gather");
        int d = Tensor.NormalizeDim(dim, input.Dim, "gather");
        if (Math.Max(index.Dim, 1) != Math.Max(input.Dim, 1))
            throw new ArgumentException(
                $"gather: index tensor must have the same number of dimensions as input tensor (index {index.Shape}, input {input.Shape})", nameof(index));
        for (int k = 0; k < Math.Max(index.Dim, 1); k++)
            if (k != d && IndexingHelpers.SizeAt(index, k) > IndexingHelpers.SizeAt(input, k))
                throw new ArgumentException(
                    $"gather: size does not match at dimension {k}: expected index {index.Shape} to be no larger than input {input.Shape} apart from dimension {d}", nameof(index));

        var y = Tensor.Empty(index.ShapeArray.ToArray(), input.DType);
        var y1 = IndexingHelpers.AtLeast1D(y);
        var i1 = IndexingHelpers.AtLeast1D(index);
        var x1 = IndexingHelpers.AtLeast1D(input);
        IndexKernels.Gather(i1.ShapeArray, y1, y1.StridesArray, i1, i1.StridesArray, x1, IndexingHelpers.ZeroAt(x1.StridesArray, d),
            x1.StridesArray[d], x1.ShapeArray[d], d, "gather");
        GC.KeepAlive(y); GC.KeepAlive(index); GC.KeepAlive(input);
        if (Graph.NeedsGrad(input)) Graph.Record(y, new GatherBackward(input.ShapeArray, d, index), input);
        return y;
    }

    private sealed class GatherBackward(int[] inputShape, int dim, Tensor index) : Node
    {
        private SavedTensor _index = new(index);

        protected internal override Tensor?[] Backward(Tensor grad) =>
            [Zeros(inputShape, grad.DType).ScatterAdd(dim, Unpack(_index), grad)];

        protected override void ReleaseSaved() => _index = default;
    }
}

public partial class Tensor
{
    /// <summary>Gathers values along an axis (see <see cref="Torch.Gather"/>).</summary>
    /// <param name="dim">The axis along which to index.</param>
    /// <param name="index">int64 indices with the same number of dimensions as this tensor.</param>
    /// <exception cref="ArgumentException">The index is not int64, or its number of dimensions or its shape does not fit the input.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    public Tensor Gather(int dim, Tensor index) => Torch.Gather(this, dim, index);
}
