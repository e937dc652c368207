using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public partial class Tensor
{
    /// <summary>
    /// NumPy/PyTorch-style indexing: <c>x[0, 1..3]</c>, <c>x[^1]</c>, <c>x[TensorIndex.Ellipsis, 0]</c>,
    /// <c>x[TensorIndex.None]</c>, <c>x[TensorIndex.Slice(null, null, 2)]</c>, <c>x[mask]</c>, <c>x[.., indices]</c>.
    /// Integers, ranges, slices, the ellipsis and None give views that share this tensor's storage; a
    /// tensor index (at most one per expression) gives a copy. Getting is differentiable.
    /// Setting (<c>x[...] = value</c>) writes <c>value</c>, broadcast to the indexed shape, into this tensor
    /// in place (see <see cref="IndexPut_(Tensor, TensorIndex[])"/>).
    /// </summary>
    /// <param name="indices">The indices, one per dimension (fewer index the leading dimensions).</param>
    /// <exception cref="IndexOutOfRangeException">An integer or tensor index is out of range, or there are more indices than dimensions.</exception>
    /// <exception cref="ArgumentException">Several ellipses, a tensor index that is neither bool nor int64, a mask of the wrong shape,
    /// or (when setting) a value that does not broadcast to the indexed shape.</exception>
    /// <exception cref="NotSupportedException">More than one tensor index.</exception>
    /// <exception cref="InvalidOperationException">Setting would bypass autograd (see <see cref="IndexPut_(Tensor, TensorIndex[])"/>).</exception>
    [System.Runtime.CompilerServices.IndexerName("Indexer")]
    public Tensor this[params TensorIndex[] indices]
    {
        get => Index(indices);
        set => IndexPut_(value, indices);
    }

    /// <summary>
    /// The result of indexing this tensor (the getter of <see cref="this[TensorIndex[]]"/>, PyTorch's <c>x[indices]</c>).
    /// A single int64 tensor index t at dimension d gives shape <c>shape[..d] + t.shape + shape[d+1..]</c>; a bool
    /// mask covering dimensions d..d+m gives <c>shape[..d] + [count] + shape[d+m..]</c>.
    /// </summary>
    /// <param name="indices">The indices.</param>
    public Tensor Index(params TensorIndex[] indices)
    {
        var (v, t, d, od) = ApplyBasicIndices(indices, "index");
        if (t is null) return v;
        if (t.DType == DType.Int64)
        {
            var idx = IndexKernels.Wrapped(t, v.ShapeArray[d], od, "index");
            var r = v.IndexSelect(d, idx.Reshape(-1));
            return r.Reshape([.. v.ShapeArray.AsSpan(0, d), .. t.ShapeArray, .. v.ShapeArray.AsSpan(d + 1)]);
        }
        CheckMaskShape(t, v, d, od, "index");
        var (target, positions) = MaskTarget(v, t, d);
        return target.IndexSelect(d, positions);
    }

    /// <summary>
    /// Writes <paramref name="value"/> (broadcast to the indexed shape and converted to this dtype) into the
    /// positions selected by <paramref name="indices"/>; returns this tensor. With only basic indices this
    /// copies into the view; with an int64 tensor index it is an index put (repeated indices: the last write
    /// wins); with a bool mask it writes the masked positions. Follows the in-place rules: the version is
    /// bumped, and writes that autograd could not record (into a leaf that requires grad, into a view of a
    /// tensor that requires grad, or of a value that requires grad into a view) throw.
    /// </summary>
    /// <param name="value">The values to write.</param>
    /// <param name="indices">The indices (as for the indexer).</param>
    /// <exception cref="ArgumentException">The value does not broadcast to the indexed shape, or the indices are invalid.</exception>
    /// <exception cref="IndexOutOfRangeException">An index is out of range.</exception>
    /// <exception cref="InvalidOperationException">The write would bypass autograd.</exception>
    public Tensor IndexPut_(Tensor value, params TensorIndex[] indices)
    {
        ArgumentNullException.ThrowIfNull(value);
        const string op = "index_put_";
        var (v, t, d, od) = ApplyBasicIndices(indices, op, forWrite: true);
        // Like PyTorch, leading dimensions of size 1 of the value are ignored (x[0] = y.Unsqueeze(0) works).
        while (value.Dim > 0 && value.ShapeArray[0] == 1) value = value.Squeeze(0);
        if (t is null)
        {
            CheckValueShape(value, v.ShapeArray, op);
            v.IndexInPlace(op, value, s => Torch.Where(Torch.Scalar(true), value.To(s.DType), s), s => Elementwise.CopyInto(value, s));
            return this;
        }
        if (t.DType == DType.Int64)
        {
            var idx = IndexKernels.Wrapped(t, v.ShapeArray[d], od, op).Reshape(-1);
            int[] shape = [.. v.ShapeArray.AsSpan(0, d), .. t.ShapeArray, .. v.ShapeArray.AsSpan(d + 1)];
            CheckValueShape(value, shape, op);
            int[] flatShape = [.. v.ShapeArray.AsSpan(0, d), idx.Numel, .. v.ShapeArray.AsSpan(d + 1)];
            var src = value.To(v.DType).Expand(shape).Reshape(flatShape);
            v.IndexCopyInPlace(d, idx, src, op);
            return this;
        }

        CheckMaskShape(t, v, d, od, op);
        int m = t.Dim;
        if (value.Numel == 1 && !(GradMode.IsEnabled && value.RequiresGrad))
        {
            // One value: a masked fill with the mask laid over its dimensions.
            var maskShape = new int[v.Dim];
            Array.Fill(maskShape, 1);
            for (int k = 0; k < m; k++) maskShape[d + k] = t.ShapeArray[k];
            v.MaskedFill_(t.Reshape(maskShape), value.Reshape());
            return this;
        }
        var (target, positions) = MaskTarget(v, t, d, forWrite: true);
        int[] resultShape = [.. target.ShapeArray.AsSpan(0, d), positions.Numel, .. target.ShapeArray.AsSpan(d + 1)];
        CheckValueShape(value, resultShape, op);
        var values = value.To(v.DType).Expand(resultShape);
        if (target.Storage == v.Storage)
        {
            target.IndexCopyInPlace(d, positions, values, op);
            return this;
        }
        // The masked dimensions of v cannot be flattened as a view: write into a contiguous copy, then copy back.
        if (GradMode.IsEnabled && (v.RequiresGrad || value.RequiresGrad))
            throw new InvalidOperationException(
                $"{op}: a {m}-d mask over dimensions of a non-contiguous view cannot be recorded by autograd; use Torch.Where or MaskedScatter instead");
        Graph.CheckInPlace(v, op);
        target.IndexCopyInPlace(d, positions, values, op);
        Elementwise.CopyInto(new Tensor(target.Storage, v.ShapeArray, ContiguousStrides(v.ShapeArray), 0), v);
        v.Storage.BumpVersion();
        return this;
    }

    /// <summary>Writes the scalar <paramref name="value"/> into the positions selected by <paramref name="indices"/> (see <see cref="IndexPut_(Tensor, TensorIndex[])"/>).</summary>
    /// <param name="value">The value, converted to this dtype.</param>
    /// <param name="indices">The indices.</param>
    public Tensor IndexPut_(double value, params TensorIndex[] indices) => IndexPut_(Torch.Scalar(value, DType), indices);

    /// <summary>
    /// Applies the integer, slice, ellipsis and None indices as views and finds the (single) tensor index:
    /// returns the view, the tensor index (or null), its dimension in the view and in this tensor.
    /// </summary>
    /// <remarks>For writing, whole-dimension slices (<c>..</c>) are skipped so that <c>x[.., i] = v</c> writes into
    /// this tensor itself (which may take over autograd history) rather than into a view of it.</remarks>
    private (Tensor View, Tensor? Index, int Dim, int OriginalDim) ApplyBasicIndices(TensorIndex[] indices, string op, bool forWrite = false)
    {
        ArgumentNullException.ThrowIfNull(indices);
        int consumed = 0, ellipses = 0, tensors = 0;
        foreach (var ix in indices)
        {
            switch (ix.Kind)
            {
                case TensorIndex.IndexKind.Integer:
                case TensorIndex.IndexKind.Slice:
                    consumed++;
                    break;
                case TensorIndex.IndexKind.Ellipsis:
                    ellipses++;
                    break;
                case TensorIndex.IndexKind.Tensor:
                    var t = ix.TensorValue!;
                    if (t.DType == DType.Bool) consumed += t.Dim;
                    else if (t.DType == DType.Int64) consumed++;
                    else
                        throw new ArgumentException(
                            $"{op}: tensors used as indices must be int64 (indices) or bool (masks), but got a {t.DType.TorchName()} tensor of shape {t.Shape}", nameof(indices));
                    tensors++;
                    break;
            }
        }
        if (ellipses > 1)
            throw new ArgumentException($"{op}: an index can only have a single ellipsis ('...'), got {ellipses} in [{string.Join(", ", indices)}]", nameof(indices));
        if (tensors > 1)
            throw new NotSupportedException(
                $"{op}: only one tensor index per indexing expression is supported, got {tensors} in [{string.Join(", ", indices)}]; index in two steps or use Gather");
        if (consumed > Dim)
            throw new IndexOutOfRangeException($"{op}: too many indices for tensor of dimension {Dim} (shape {Shape}): [{string.Join(", ", indices)}]");

        Tensor v = this, index = null!;
        int d = 0, od = 0, td = 0, tod = 0;
        foreach (var ix in indices)
        {
            switch (ix.Kind)
            {
                case TensorIndex.IndexKind.Integer:
                {
                    int size = v.ShapeArray[d];
                    long i = ix.FromEnd ? (long)size - ix.Value : ix.Value < 0 ? (long)ix.Value + size : ix.Value;
                    if (i < 0 || i >= size)
                        throw new IndexOutOfRangeException($"{op}: index {ix} is out of bounds for dimension {od} with size {size}");
                    v = v.Select(d, (int)i);
                    od++;
                    break;
                }
                case TensorIndex.IndexKind.Slice:
                {
                    int size = v.ShapeArray[d];
                    int start = TensorIndex.ResolveBound(ix.Start, ix.StartFromEnd, size, 0);
                    int stop = TensorIndex.ResolveBound(ix.Stop, ix.StopFromEnd, size, size);
                    if (!(forWrite && start == 0 && stop == size && ix.Step == 1))
                        v = v.Slice(d, start, Math.Max(start, stop), ix.Step);
                    d++;
                    od++;
                    break;
                }
                case TensorIndex.IndexKind.NewAxis:
                    v = v.Unsqueeze(d);
                    d++;
                    break;
                case TensorIndex.IndexKind.Ellipsis:
                    d += Dim - consumed;
                    od += Dim - consumed;
                    break;
                default:
                {
                    index = ix.TensorValue!;
                    td = d;
                    tod = od;
                    int c = index.DType == DType.Bool ? index.Dim : 1;
                    d += c;
                    od += c;
                    break;
                }
            }
        }
        return (v, tensors == 0 ? null : index, td, tod);
    }

    private void CheckMaskShape(Tensor mask, Tensor v, int d, int od, string op)
    {
        for (int k = 0; k < mask.Dim; k++)
            if (mask.ShapeArray[k] != v.ShapeArray[d + k])
                throw new ArgumentException(
                    $"{op}: the shape of the mask {mask.Shape} at index {k} does not match the shape of the indexed tensor {Shape} at index {od + k}", "indices");
    }

    private static void CheckValueShape(Tensor value, int[] shape, string op)
    {
        if (!Broadcasting.CanBroadcastTo(value.ShapeArray, shape))
            throw new ArgumentException(
                $"{op}: shape mismatch: value tensor of shape {value.Shape} cannot be broadcast to indexing result of shape {Ember.Size.Format(shape)}", nameof(value));
    }

    /// <summary>
    /// For a bool mask over dimensions d..d+m of <paramref name="v"/>: the tensor with those dimensions merged
    /// into one (a view when possible; for writing, a contiguous copy otherwise) and the flat positions of
    /// the true mask entries.
    /// </summary>
    private static (Tensor Target, Tensor Positions) MaskTarget(Tensor v, Tensor mask, int d, bool forWrite = false)
    {
        int m = mask.Dim;
        if (m == 0)
            return (v.Unsqueeze(d), Torch.FromArray(mask.Item<bool>() ? new long[] { 0 } : Array.Empty<long>()));
        var positions = IndexKernels.TruePositions(mask);
        if (m == 1) return (v, positions);
        long merged = 1;
        for (int k = 0; k < m; k++) merged *= v.ShapeArray[d + k];
        int[] flatShape = [.. v.ShapeArray.AsSpan(0, d), (int)merged, .. v.ShapeArray.AsSpan(d + m)];
        if (!forWrite || ComputeViewStrides(v.ShapeArray, v.StridesArray, flatShape) is not null)
            return (v.Reshape(flatShape), positions);
        var copy = Empty(v.ShapeArray.ToArray(), v.DType);
        Elementwise.CopyInto(v, copy);
        return (new Tensor(copy.Storage, flatShape, ContiguousStrides(flatShape), 0), positions);
    }
}
