using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// A copy of <paramref name="input"/> with <c>alpha * source</c> added along <paramref name="dim"/> at the
    /// positions <paramref name="index"/> (PyTorch's <c>torch.index_add</c>): for dim = 0,
    /// <c>out[index[i]] += alpha * source[i]</c>; repeated indices accumulate. Differentiable.
    /// </summary>
    /// <param name="input">The tensor to copy and add into.</param>
    /// <param name="dim">The dimension to index.</param>
    /// <param name="index">A vector of int64 (or int32) indices in [0, input.Size(dim)).</param>
    /// <param name="source">The values to add: the input's dtype and shape, except <c>index.Numel</c> entries along <paramref name="dim"/>.</param>
    /// <param name="alpha">The scale of <paramref name="source"/> (default 1; must be integral for integer tensors).</param>
    /// <exception cref="ArgumentException">The index is not an int64 or int32 vector, or the dtypes or shapes do not fit.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    public static Tensor IndexAdd(Tensor input, int dim, Tensor index, Tensor source, double alpha = 1)
    {
        index = IndexingHelpers.LongIndex(index, "index_add");
        int d = CheckIndexAlongDim(input, dim, index, source, "index_add");
        CheckAlpha(input, alpha, "index_add");
        var y = Tensor.Empty(input.ShapeArray.ToArray(), input.DType);
        Elementwise.CopyInto(input, y);
        IndexAddInto(y, d, index, source, alpha);
        if (Graph.NeedsGrad(input, source))
            Graph.Record(y, new IndexAddBackward(d, index, alpha), input, source);
        return y;
    }

    /// <summary>
    /// Validates an op that writes a source into self along one dimension at vector indices (index_add,
    /// index_copy) and range-checks every index; returns the normalized dimension.
    /// </summary>
    internal static int CheckIndexAlongDim(Tensor self, int dim, Tensor index, Tensor source, string op)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(source);
        IndexingHelpers.CheckIndexDType(index, op);
        IndexingHelpers.CheckVector(index, op);
        int d = Tensor.NormalizeDim(dim, self.Dim, op);
        if (source.DType != self.DType)
            throw new ArgumentException($"{op}: self ({self.DType.TorchName()}) and source ({source.DType.TorchName()}) must have the same scalar type", nameof(source));
        int nd = Math.Max(self.Dim, 1);
        if (Math.Max(source.Dim, 1) != nd)
            throw new ArgumentException($"{op}: source {source.Shape} must have the same number of dimensions as self {self.Shape}", nameof(source));
        if (index.Numel != IndexingHelpers.SizeAt(source, d))
            throw new ArgumentException(
                $"{op}: number of indices ({index.Numel}) should be equal to source.size(dim) ({IndexingHelpers.SizeAt(source, d)}), for dim: {d} " +
                $"(self {self.Shape}, source {source.Shape})", nameof(index));
        for (int k = 0; k < nd; k++)
            if (k != d && IndexingHelpers.SizeAt(source, k) != IndexingHelpers.SizeAt(self, k))
                throw new ArgumentException(
                    $"{op}: self {self.Shape} and source {source.Shape} must have the same size in every dimension except dimension {d} (mismatch at dimension {k})",
                    nameof(source));
        IndexKernels.CheckRange(index, IndexingHelpers.SizeAt(self, d), d, op);
        return d;
    }

    private static void CheckAlpha(Tensor self, double alpha, string op)
    {
        if (!self.DType.IsFloatingPoint() && alpha != Math.Floor(alpha))
            throw new ArgumentException($"{op}: for integral input tensors, argument alpha must not be a floating point number (got {alpha})", nameof(alpha));
    }

    private static void IndexAddInto(Tensor self, int d, Tensor index, Tensor source, double alpha)
    {
        if (alpha != 1)
            using (NoGrad()) source = source.Mul(alpha).To(self.DType);
        IndexingHelpers.ScatterAlongDim(self, d, index, source, accumulate: true, "index_add");
    }

    private sealed class IndexAddBackward(int dim, Tensor index, double alpha) : Node
    {
        private SavedTensor _index = new(index);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            Tensor? gs = null;
            if (NeedsGrad(1))
            {
                gs = grad.IndexSelect(dim, Unpack(_index));
                if (alpha != 1) gs = gs * alpha;
            }
            return [NeedsGrad(0) ? grad : null, gs];
        }

        protected override void ReleaseSaved() => _index = default;
    }
}

public partial class Tensor
{
    /// <summary>Adds <c>alpha * source</c> at <paramref name="index"/> along <paramref name="dim"/> into a copy (see <see cref="Torch.IndexAdd"/>).</summary>
    /// <param name="dim">The dimension to index.</param>
    /// <param name="index">A vector of int64 indices.</param>
    /// <param name="source">The values to add.</param>
    /// <param name="alpha">The scale of <paramref name="source"/> (default 1).</param>
    /// <exception cref="ArgumentException">The index is not an int64 vector, or the shapes or dtypes do not fit.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor IndexAdd(int dim, Tensor index, Tensor source, double alpha = 1) => Torch.IndexAdd(this, dim, index, source, alpha);

    /// <summary>
    /// In-place <see cref="IndexAdd"/> (PyTorch's <c>x.index_add_(dim, index, source, alpha=alpha)</c>); returns this tensor.
    /// Follows the in-place rules (no leaf that requires grad, no view of one; bumps the version).
    /// </summary>
    /// <param name="dim">The dimension to index.</param>
    /// <param name="index">A vector of int64 indices.</param>
    /// <param name="source">The values to add.</param>
    /// <param name="alpha">The scale of <paramref name="source"/> (default 1).</param>
    /// <exception cref="InvalidOperationException">The write would bypass autograd.</exception>
    /// <exception cref="ArgumentException">The index is not an int64 vector, or the shapes or dtypes do not fit.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Tensor IndexAdd_(int dim, Tensor index, Tensor source, double alpha = 1)
    {
        index = IndexingHelpers.LongIndex(index, "index_add_");
        int d = Torch.CheckIndexAlongDim(this, dim, index, source, "index_add_");
        IndexingHelpers.CheckNoOverlap(this, index, source, "index_add_");
        if (!DType.IsFloatingPoint() && alpha != Math.Floor(alpha))
            throw new ArgumentException($"index_add_: for integral input tensors, argument alpha must not be a floating point number (got {alpha})", nameof(alpha));
        return IndexInPlace("index_add_", source, t => Torch.IndexAdd(t, d, index, source, alpha), t =>
        {
            var src = source;
            if (alpha != 1)
                using (Torch.NoGrad()) src = source.Mul(alpha).To(DType);
            IndexingHelpers.ScatterAlongDim(t, d, index, src, accumulate: true, "index_add_");
        });
    }
}
