using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

/// <summary>Validation and kernel launchers shared by the indexing ops.</summary>
internal static class IndexingHelpers
{
    /// <summary>Throws unless <paramref name="index"/> is int64.</summary>
    public static void CheckIndexDType(Tensor index, string op)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (index.DType != DType.Int64)
            throw new ArgumentException($"{op}: expected dtype torch.int64 for index, but got {index.DType.TorchName()}", nameof(index));
    }

    /// <summary>
    /// For scatter-like in-place ops, which read their operands in an order unrelated to the writes: PyTorch's
    /// error when the index or the source shares memory with the destination.
    /// </summary>
    /// <exception cref="InvalidOperationException">An operand overlaps the destination.</exception>
    /// <summary>
    /// The index as int64, for the ops that take int32 indices too (PyTorch's index_select and index_add: "Expected
    /// dtype int32/int64 for index"); throws for any other dtype.
    /// </summary>
    public static Tensor LongIndex(Tensor index, string op)
    {
        ArgumentNullException.ThrowIfNull(index);
        return index.DType switch
        {
            DType.Int64 => index,
            DType.Int32 => index.Cast(DType.Int64),
            _ => throw new ArgumentException($"{op}: expected dtype torch.int32 or torch.int64 for index, but got {index.DType.TorchName()}", nameof(index)),
        };
    }

    public static void CheckNoOverlap(Tensor self, Tensor index, Tensor? source, string op)
    {
        MemoryOverlap.AssertNoOverlap(self, index, op, "index");
        if (source is not null) MemoryOverlap.AssertNoOverlap(self, source, op, "source");
    }

    /// <summary>Throws unless <paramref name="mask"/> is bool.</summary>
    public static void CheckMaskDType(Tensor mask, string op)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.DType != DType.Bool)
            throw new ArgumentException($"{op}: expected a bool tensor for mask, but got {mask.DType.TorchName()} (shape {mask.Shape})", nameof(mask));
    }

    /// <summary>Throws unless <paramref name="index"/> is a vector (or a 0-d tensor, treated as one element).</summary>
    public static void CheckVector(Tensor index, string op)
    {
        if (index.Dim > 1)
            throw new ArgumentException($"{op}: index is supposed to be a vector, but got shape {index.Shape}", nameof(index));
    }

    /// <summary>The size of dimension <paramref name="d"/>, treating a 0-d tensor as shape [1].</summary>
    public static int SizeAt(Tensor t, int d) => t.Dim == 0 ? 1 : t.ShapeArray[d];

    /// <summary>A kernel-only 1-D alias of a 0-d tensor (no autograd, no view bookkeeping); other tensors unchanged.</summary>
    public static Tensor AtLeast1D(Tensor t) => t.Dim == 0 ? new Tensor(t.Storage, [1], [1], t.Offset) : t;

    /// <summary>A copy of <paramref name="strides"/> with 0 at <paramref name="dim"/>.</summary>
    public static int[] ZeroAt(int[] strides, int dim)
    {
        var s = (int[])strides.Clone();
        s[dim] = 0;
        return s;
    }

    /// <summary>Strides that view a vector <paramref name="index"/> along dimension <paramref name="dim"/> of an nd-dimensional iteration.</summary>
    public static int[] VectorStrides(Tensor index, int dim, int nd)
    {
        var s = new int[nd];
        s[dim] = index.Dim == 0 ? 0 : index.StridesArray[0];
        return s;
    }

    /// <summary>
    /// self[..., index[i], ...] (=|+=) src[..., i, ...] along <paramref name="dim"/>, where <paramref name="index"/> is a
    /// vector (already range-checked) and <paramref name="src"/> has self's shape with index.Numel at dim
    /// (or is 0-d: a fill value). Self and src have the same dtype.
    /// </summary>
    public static void ScatterAlongDim(Tensor self, int dim, Tensor index, Tensor src, bool accumulate, string op)
    {
        var s = AtLeast1D(self);
        var shape = (int[])s.ShapeArray.Clone();
        shape[dim] = index.Numel;
        var srcStrides = src.Dim == 0 ? new int[shape.Length] : AtLeast1D(src).StridesArray;
        IndexKernels.Scatter(shape, index, VectorStrides(index, dim, shape.Length), src, srcStrides,
            s, ZeroAt(s.StridesArray, dim), s.StridesArray[dim], s.ShapeArray[dim], dim, accumulate, op);
        GC.KeepAlive(self);
    }

    /// <summary>Zero-pads <paramref name="grad"/> at the end of each dimension up to <paramref name="shape"/> (differentiably).</summary>
    public static Tensor PadTo(Tensor grad, int[] shape)
    {
        if (grad.ShapeArray.AsSpan().SequenceEqual(shape)) return grad;
        if (grad.Dim == 0 || shape.Length == 0) return grad.Reshape(shape);
        for (int d = 0; d < shape.Length; d++)
        {
            int missing = shape[d] - grad.ShapeArray[d];
            if (missing <= 0) continue;
            var zshape = (int[])grad.ShapeArray.Clone();
            zshape[d] = missing;
            grad = Torch.Cat([grad, Torch.Zeros(zshape, grad.DType)], d);
        }
        return grad;
    }
}

public partial class Tensor
{
    /// <summary>
    /// Runs an indexing op in place on this tensor under the in-place rules: leaves that require grad and
    /// views of tensors that require grad are rejected; when autograd is involved (this tensor or
    /// <paramref name="operand"/> requires grad) the op runs out of place and this tensor takes over the
    /// result's values and history; otherwise <paramref name="kernel"/> writes straight into the storage.
    /// Either way the version counter is bumped.
    /// </summary>
    internal Tensor IndexInPlace(string op, Tensor? operand, Func<Tensor, Tensor> outOfPlace, Action<Tensor> kernel)
    {
        Graph.CheckInPlace(this, op);
        MemoryOverlap.AssertNoInternalOverlap(this, op);
        if (GradMode.IsEnabled && (RequiresGrad || (operand is not null && operand.RequiresGrad)))
        {
            return CommitInPlace(outOfPlace(this));
        }
        kernel(this);
        Storage.BumpVersion();
        return this;
    }
}
