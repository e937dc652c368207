using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// A copy of <paramref name="input"/> with the values of <paramref name="src"/> added at the positions given
    /// by <paramref name="index"/> along <paramref name="dim"/> (PyTorch's <c>torch.scatter_add</c>): for dim = 0,
    /// <c>out[index[i][j]][j] += src[i][j]</c>; repeated indices accumulate. Differentiable: the input's
    /// gradient is the output's; the source's is the output's gathered at <paramref name="index"/>.
    /// </summary>
    /// <param name="input">The tensor to copy and add into.</param>
    /// <param name="dim">The axis along which to index.</param>
    /// <param name="index">int64 indices with the same number of dimensions as <paramref name="input"/>;
    /// <c>index.Size(d) &lt;= src.Size(d)</c> for all d and <c>&lt;= input.Size(d)</c> for d != dim; values in [0, input.Size(dim)).</param>
    /// <param name="src">The values to add; same dtype and number of dimensions as <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The index is not int64, the dtypes differ, or the shapes do not fit.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    public static Tensor ScatterAdd(Tensor input, int dim, Tensor index, Tensor src)
    {
        int d = CheckScatter(input, dim, index, src, "scatter_add");
        var y = Tensor.Empty(input.ShapeArray.ToArray(), input.DType);
        Elementwise.CopyInto(input, y);
        ScatterInto(y, d, index, src, accumulate: true, "scatter_add");
        if (Graph.NeedsGrad(input, src))
            Graph.Record(y, new ScatterAddBackward(d, index, src.ShapeArray), input, src);
        return y;
    }

    private sealed class ScatterAddBackward(int dim, Tensor index, int[] srcShape) : Node
    {
        private SavedTensor _index = new(index);

        protected internal override Tensor?[] Backward(Tensor grad) =>
        [
            NeedsGrad(0) ? grad : null,
            NeedsGrad(1) ? IndexingHelpers.PadTo(grad.Gather(dim, Unpack(_index)), srcShape) : null,
        ];

        protected override void ReleaseSaved() => _index = default;
    }
}

public partial class Tensor
{
    /// <summary>Adds <paramref name="src"/> at <paramref name="index"/> along <paramref name="dim"/> into a copy (see <see cref="Torch.ScatterAdd"/>).</summary>
    /// <param name="dim">The axis along which to index.</param>
    /// <param name="index">int64 indices.</param>
    /// <param name="src">The values to add.</param>
    /// <exception cref="ArgumentException">The index is not int64, or its number of dimensions or its shape does not fit the input.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    public Tensor ScatterAdd(int dim, Tensor index, Tensor src) => Torch.ScatterAdd(this, dim, index, src);

    /// <summary>
    /// In-place <see cref="ScatterAdd"/> (PyTorch's <c>x.scatter_add_(dim, index, src)</c>); returns this tensor.
    /// Follows the in-place rules (no leaf that requires grad, no view of one; bumps the version).
    /// </summary>
    /// <param name="dim">The axis along which to index.</param>
    /// <param name="index">int64 indices.</param>
    /// <param name="src">The values to add.</param>
    /// <exception cref="InvalidOperationException">The write would bypass autograd.</exception>
    /// <exception cref="ArgumentException">The index is not int64, or its number of dimensions or its shape does not fit the input.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    public Tensor ScatterAdd_(int dim, Tensor index, Tensor src)
    {
        int d = Torch.CheckScatter(this, dim, index, src, "scatter_add_");
        IndexingHelpers.CheckNoOverlap(this, index, src, "scatter_add_");
        return IndexInPlace("scatter_add_", src, t => Torch.ScatterAdd(t, d, index, src), t => Torch.ScatterInto(t, d, index, src, true, "scatter_add_"));
    }
}
