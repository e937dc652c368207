using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// A copy of <paramref name="input"/> with the entries of <paramref name="source"/> written along
    /// <paramref name="dim"/> at the positions <paramref name="index"/> (PyTorch's <c>torch.index_copy</c>):
    /// for dim = 0, <c>out[index[i]] = source[i]</c>; where an index repeats the last write wins.
    /// Differentiable: the input's gradient has the written entries zeroed; the source's is the output's
    /// gradient selected at <paramref name="index"/>.
    /// </summary>
    /// <param name="input">The tensor to copy and write into.</param>
    /// <param name="dim">The dimension to index.</param>
    /// <param name="index">A vector of int64 indices in [0, input.Size(dim)).</param>
    /// <param name="source">The values: the input's dtype and shape, except <c>index.Numel</c> entries along <paramref name="dim"/>.</param>
    /// <exception cref="ArgumentException">The index is not an int64 vector, or the dtypes or shapes do not fit.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    public static Tensor IndexCopy(Tensor input, int dim, Tensor index, Tensor source)
    {
        int d = CheckIndexAlongDim(input, dim, index, source, "index_copy");
        var y = Tensor.Empty(input.ShapeArray.ToArray(), input.DType);
        Elementwise.CopyInto(input, y);
        IndexingHelpers.ScatterAlongDim(y, d, index, source, accumulate: false, "index_copy");
        if (Graph.NeedsGrad(input, source))
            Graph.Record(y, new IndexCopyBackward(d, index), input, source);
        return y;
    }

    private sealed class IndexCopyBackward(int dim, Tensor index) : Node
    {
        private SavedTensor _index = new(index);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var idx = Unpack(_index);
            return
            [
                NeedsGrad(0) ? grad.IndexFill(dim, idx, 0.0) : null,
                NeedsGrad(1) ? grad.IndexSelect(dim, idx) : null,
            ];
        }

        protected override void ReleaseSaved() => _index = default;
    }
}

public partial class Tensor
{
    /// <summary>Writes <paramref name="source"/> at <paramref name="index"/> along <paramref name="dim"/> into a copy (see <see cref="Torch.IndexCopy"/>).</summary>
    /// <param name="dim">The dimension to index.</param>
    /// <param name="index">A vector of int64 indices.</param>
    /// <param name="source">The values to write.</param>
    /// <exception cref="ArgumentException">The index is not an int64 vector, or the shapes or dtypes do not fit.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor IndexCopy(int dim, Tensor index, Tensor source) => Torch.IndexCopy(this, dim, index, source);

    /// <summary>
    /// In-place <see cref="IndexCopy"/> (PyTorch's <c>x.index_copy_(dim, index, source)</c>); returns this tensor.
    /// Follows the in-place rules (no leaf that requires grad, no view of one; bumps the version).
    /// </summary>
    /// <param name="dim">The dimension to index.</param>
    /// <param name="index">A vector of int64 indices.</param>
    /// <param name="source">The values to write.</param>
    /// <exception cref="InvalidOperationException">The write would bypass autograd.</exception>
    /// <exception cref="ArgumentException">The index is not an int64 vector, or the shapes or dtypes do not fit.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Tensor IndexCopy_(int dim, Tensor index, Tensor source) => IndexCopyInPlace(dim, index, source, "index_copy_");

    internal Tensor IndexCopyInPlace(int dim, Tensor index, Tensor source, string op)
    {
        int d = Torch.CheckIndexAlongDim(this, dim, index, source, op);
        IndexingHelpers.CheckNoOverlap(this, index, source, op);
        return IndexInPlace(op, source, t => Torch.IndexCopy(t, d, index, source),
            t => IndexingHelpers.ScatterAlongDim(t, d, index, source, accumulate: false, op));
    }
}
