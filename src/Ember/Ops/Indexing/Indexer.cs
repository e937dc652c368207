using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public partial class Tensor
{
    /// <summary>
    /// NumPy/PyTorch-style indexing: <c>x[0, 1..3]</c>, <c>x[^1]</c>, <c>x[TensorIndex.Ellipsis, 0]</c>,
    /// <c>x[TensorIndex.None]</c>, <c>x[TensorIndex.Slice(null, null, 2)]</c>, <c>x[mask]</c>, <c>x[rows, cols]</c>.
    /// Integers, ranges, slices, the ellipsis and None give views that share this tensor's storage. Tensor indices
    /// (int64 indices, bool masks) are "advanced" indices and give a copy: they broadcast together to a shape B,
    /// which replaces the indexed dimensions — in place when those dimensions are next to each other, else at the
    /// front (PyTorch's rules; integers are applied first, as selections). Getting is differentiable.
    /// Setting (<c>x[...] = value</c>) writes <c>value</c>, broadcast to the indexed shape, into this tensor
    /// in place (see <see cref="IndexPut_(Tensor, TensorIndex[])"/>).
    /// </summary>
    /// <param name="indices">The indices, one per dimension (fewer index the leading dimensions).</param>
    /// <exception cref="IndexOutOfRangeException">An integer or tensor index is out of range, or there are more indices than dimensions.</exception>
    /// <exception cref="ArgumentException">Several ellipses, a tensor index that is neither bool, uint8 nor int64, a mask of the wrong
    /// shape, index tensors that do not broadcast together, or (when setting) a value that does not broadcast to the indexed shape.</exception>
    /// <exception cref="InvalidOperationException">Setting would bypass autograd (see <see cref="IndexPut_(Tensor, TensorIndex[])"/>).</exception>
    [System.Runtime.CompilerServices.IndexerName("Indexer")]
    public Tensor this[params TensorIndex[] indices]
    {
        get => Index(indices);
        set => IndexPut_(value, indices);
    }

    /// <summary>
    /// The result of indexing this tensor (the getter of <see cref="this[TensorIndex[]]"/>, PyTorch's <c>x[indices]</c>):
    /// <c>x[rows, cols]</c> picks the elements (rows[i], cols[i]) — the d2l "pick" idiom <c>y_hat[Arange(n), y]</c>.
    /// </summary>
    /// <param name="indices">The indices.</param>
    /// <exception cref="ArgumentException">An index is malformed: more than one ellipsis, more indices than dimensions, or an index tensor of a wrong dtype or shape.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="indices"/> is null.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    public Tensor Index(params TensorIndex[] indices)
    {
        var plan = AdvancedIndexing.Plan(this, indices, "index");
        if (plan.Advanced.Count == 0) return plan.View;
        var (flat, linear) = plan.Gatherable();
        var picked = flat.IndexSelect(0, linear.Reshape(-1)).Reshape(plan.GatheredShape);
        return plan.ToResultOrder(picked);
    }

    /// <summary>
    /// Writes <paramref name="value"/> (broadcast to the indexed shape and converted to this dtype) into the
    /// positions selected by <paramref name="indices"/>; returns this tensor (PyTorch's <c>x[indices] = value</c>,
    /// <c>index_put_</c>). With only basic indices this copies into the view; with tensor indices each selected
    /// position gets its value (repeated positions: the last write wins). Follows the in-place rules: the version is
    /// bumped; writing into a view of a tensor that autograd tracks is recorded on that tensor (PyTorch's
    /// CopySlices); writing into a leaf that requires grad (or a view of one) throws.
    /// </summary>
    /// <param name="value">The values to write.</param>
    /// <param name="indices">The indices (as for the indexer).</param>
    /// <exception cref="ArgumentException">The value does not broadcast to the indexed shape, or the indices are invalid.</exception>
    /// <exception cref="IndexOutOfRangeException">An index is out of range.</exception>
    /// <exception cref="InvalidOperationException">The write would bypass autograd, the target overlaps itself, or the value
    /// partially overlaps the target.</exception>
    public Tensor IndexPut_(Tensor value, params TensorIndex[] indices)
    {
        ArgumentNullException.ThrowIfNull(value);
        const string op = "index_put_";
        InferenceMode.CheckWrite(this, op);
        var plan = AdvancedIndexing.Plan(this, indices, op);
        var v = plan.View;
        // Like PyTorch, leading dimensions of size 1 of the value are ignored (x[0] = y.Unsqueeze(0) works).
        while (value.Dim > 0 && value.ShapeArray[0] == 1 && value.Dim > plan.ResultShape.Length) value = value.Squeeze(0);
        AdvancedIndexing.CheckValueShape(value, plan.ResultShape, op);
        if (plan.Advanced.Count == 0)
        {
            var source = MemoryOverlap.SafeInput(v, value, op);
            v.IndexInPlace(op, source, s => source.To(s.DType).Expand(s.ShapeArray).Clone(), s => Elementwise.CopyInto(source, s));
            return this;
        }
        MemoryOverlap.AssertNoOverlap(v, value, op, "value");
        if (plan.LinearCount() == 0 || v.Numel == 0)
        {
            v.Storage.BumpVersion();
            return this;
        }
        // The value in the gathered order (advanced dimensions first), as the scatter wants it.
        var values = plan.ToGatheredOrder(value.To(v.DType).Expand(plan.ResultShape)).Reshape(plan.LinearCount(), -1);
        var linear = plan.LogicalLinear();
        v.IndexInPlace(op, value,
            s => AdvancedIndexing.PutOutOfPlace(s, plan, linear, values),
            s => AdvancedIndexing.PutInPlace(s, plan, linear, values, op));
        return this;
    }

    /// <summary>Writes the C# double <paramref name="value"/> into the positions selected by <paramref name="indices"/> (see <see cref="IndexPut_(Tensor, TensorIndex[])"/>).</summary>
    /// <param name="value">The value, converted to this dtype (it must fit).</param>
    /// <param name="indices">The indices.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit this dtype.</exception>
    /// <exception cref="ArgumentException">An index is malformed: more than one ellipsis, more indices than dimensions, or an index tensor of a wrong dtype or shape.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor IndexPut_(double value, params TensorIndex[] indices) => IndexPut_(Arithmetic.CheckedScalar(Wrap(value), DType, "index_put_"), indices);

    /// <summary>Writes the C# integer <paramref name="value"/> into the positions selected by <paramref name="indices"/>.</summary>
    /// <param name="value">The value, converted to this dtype (it must fit).</param>
    /// <param name="indices">The indices.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit this dtype.</exception>
    /// <exception cref="ArgumentException">An index is malformed: more than one ellipsis, more indices than dimensions, or an index tensor of a wrong dtype or shape.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor IndexPut_(long value, params TensorIndex[] indices) => IndexPut_(Arithmetic.CheckedScalar(Wrap(value), DType, "index_put_"), indices);
}

/// <summary>
/// PyTorch's advanced indexing: basic indices (integers, slices, None, the ellipsis) become a view; the tensor indices
/// (int64 indices and bool masks, a mask standing for one index per dimension it covers) are broadcast together and
/// turned into one linear index over the indexed dimensions, so that reading is a permute, a reshape and an
/// index_select (differentiable for free) and writing is an index_copy.
/// </summary>
internal sealed class AdvancedIndexing
{
    /// <summary>The tensor after the basic indices.</summary>
    public Tensor View { get; private init; } = null!;

    /// <summary>The dimensions of <see cref="View"/> that tensor indices index, in order, with their index values (one long[] per dimension, broadcast to <see cref="BroadcastShape"/>).</summary>
    public List<(int Dim, long[] Values)> Advanced { get; } = new();

    /// <summary>The broadcast shape of the tensor indices.</summary>
    public int[] BroadcastShape { get; private set; } = [];

    /// <summary>The shape of the result of reading.</summary>
    public int[] ResultShape { get; private set; } = [];

    /// <summary>Whether the indexed dimensions are next to each other (the broadcast dimensions then take their place).</summary>
    public bool Adjacent { get; private set; }

    /// <summary>The dimensions of <see cref="View"/> that no tensor index indexes, in order.</summary>
    public int[] Rest { get; private set; } = [];

    /// <summary>The result shape with the broadcast dimensions first (the order of the gather).</summary>
    public int[] GatheredShape => [.. BroadcastShape, .. Rest.Select(d => View.ShapeArray[d])];

    /// <summary>The number of index combinations (the product of <see cref="BroadcastShape"/>).</summary>
    public int LinearCount() => Tensor.NumelOf(BroadcastShape);

    /// <summary>Applies the basic indices and collects the tensor indices of <paramref name="indices"/> on <paramref name="self"/>.</summary>
    public static AdvancedIndexing Plan(Tensor self, TensorIndex[] indices, string op)
    {
        ArgumentNullException.ThrowIfNull(indices);
        int consumed = 0, ellipses = 0;
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
                    if (t.DType is DType.Bool or DType.UInt8) consumed += t.Dim;
                    else if (t.DType == DType.Int64) consumed++;
                    else
                        throw new ArgumentException(
                            $"{op}: tensors used as indices must be long (int64), byte (uint8) or bool tensors, but got a {t.DType.TorchName()} tensor of shape {t.Shape}", nameof(indices));
                    break;
            }
        }
        if (ellipses > 1)
            throw new ArgumentException($"{op}: an index can only have a single ellipsis ('...'), got {ellipses} in [{string.Join(", ", indices)}]", nameof(indices));
        if (consumed > self.Dim)
            throw new IndexOutOfRangeException($"{op}: too many indices for tensor of dimension {self.Dim} (shape {self.Shape}): [{string.Join(", ", indices)}]");

        var v = self;
        var pending = new List<(int Dim, Tensor Index, int OriginalDim)>();
        int d = 0, od = 0;
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
                    d += self.Dim - consumed;
                    od += self.Dim - consumed;
                    break;
                default:
                {
                    var t = ix.TensorValue!;
                    if (t.DType is DType.Bool or DType.UInt8)
                    {
                        var mask = t.DType == DType.Bool ? t : t.Cast(DType.Bool);
                        if (mask.Dim == 0)
                        {
                            // x[True] adds a dimension of size 1 (x[False]: of size 0).
                            v = v.Unsqueeze(d);
                            pending.Add((d, Torch.FromArray(mask.Item<bool>() ? new long[] { 0 } : Array.Empty<long>()), od));
                            d++;
                            break;
                        }
                        for (int k = 0; k < mask.Dim; k++)
                            if (mask.ShapeArray[k] != v.ShapeArray[d + k])
                                throw new ArgumentException(
                                    $"{op}: the shape of the mask {mask.Shape} at index {k} does not match the shape of the indexed tensor {self.Shape} at index {od + k}", nameof(indices));
                        // A k-d mask stands for k index tensors: the coordinates of its true elements.
                        var positions = IndexKernels.TruePositions(mask).ToArray<long>();
                        for (int k = 0; k < mask.Dim; k++)
                        {
                            long inner = 1;
                            for (int j = k + 1; j < mask.Dim; j++) inner *= mask.ShapeArray[j];
                            var coord = new long[positions.Length];
                            for (int i = 0; i < coord.Length; i++) coord[i] = positions[i] / inner % mask.ShapeArray[k];
                            pending.Add((d + k, Torch.FromArray(coord), od + k));
                        }
                        d += mask.Dim;
                        od += mask.Dim;
                    }
                    else
                    {
                        pending.Add((d, t, od));
                        d++;
                        od++;
                    }
                    break;
                }
            }
        }

        var plan = new AdvancedIndexing { View = v };
        if (pending.Count == 0)
        {
            plan.ResultShape = v.ShapeArray;
            return plan;
        }
        // Broadcast the index tensors together.
        int[] b = pending[0].Index.ShapeArray;
        for (int i = 1; i < pending.Count; i++)
        {
            if (!Broadcasting.TryShape(b, pending[i].Index.ShapeArray, out var bb))
                throw new ArgumentException(
                    $"{op}: shape mismatch: indexing tensors could not be broadcast together with shapes {string.Join(", ", pending.Select(p => p.Index.Shape.ToString()))}", nameof(indices));
            b = bb;
        }
        plan.BroadcastShape = b;
        foreach (var (dim, index, originalDim) in pending)
        {
            int size = v.ShapeArray[dim];
            var values = index.Expand(b).ToArray<long>();
            for (int i = 0; i < values.Length; i++)
            {
                long j = values[i];
                if (j < -size || j >= size)
                    throw new IndexOutOfRangeException($"{op}: index {j} is out of bounds for dimension {originalDim} with size {size}");
                if (j < 0) values[i] = j + size;
            }
            plan.Advanced.Add((dim, values));
        }
        var indexed = plan.Advanced.Select(a => a.Dim).ToArray();
        plan.Adjacent = indexed.Zip(indexed.Skip(1)).All(p => p.Second == p.First + 1);
        plan.Rest = Enumerable.Range(0, v.Dim).Where(x => !indexed.Contains(x)).ToArray();
        var restSizes = plan.Rest.Select(x => v.ShapeArray[x]).ToArray();
        if (plan.Adjacent)
        {
            int first = indexed[0];
            plan.ResultShape = [.. restSizes.AsSpan(0, first), .. b, .. restSizes.AsSpan(first)];
        }
        else plan.ResultShape = [.. b, .. restSizes];
        Tensor.NumelOf(plan.ResultShape, op);
        return plan;
    }

    /// <summary>
    /// The view with the indexed dimensions first and merged into one (a differentiable reshape, which copies when it
    /// must), and the linear index into that merged dimension (int64, the broadcast shape).
    /// </summary>
    public (Tensor Flat, Tensor Linear) Gatherable()
    {
        var v = View;
        int[] perm = [.. Advanced.Select(a => a.Dim), .. Rest];
        var sizes = Advanced.Select(a => v.ShapeArray[a.Dim]).ToArray();
        long merged = 1;
        foreach (var s in sizes) merged *= s;
        var flat = v.Permute(perm).Reshape([checked((int)merged), .. Rest.Select(x => v.ShapeArray[x])]);
        return (flat, Torch.FromArray(LinearOver(sizes), BroadcastShape.Length == 0 ? [] : BroadcastShape));
    }

    /// <summary>The row-major index of each combination over the indexed dimensions' sizes.</summary>
    private long[] LinearOver(int[] sizes)
    {
        int n = LinearCount();
        var linear = new long[n];
        long mult = 1;
        for (int k = Advanced.Count - 1; k >= 0; k--)
        {
            var values = Advanced[k].Values;
            for (int i = 0; i < n; i++) linear[i] += values[i] * mult;
            mult *= sizes[k];
        }
        return linear;
    }

    /// <summary>
    /// The row-major index into <see cref="View"/> (as if contiguous) of every target element, in the gathered order
    /// (combinations × the other dimensions): where a write lands.
    /// </summary>
    public Tensor LogicalLinear()
    {
        var v = View;
        var strides = Tensor.ContiguousStrides(v.ShapeArray);
        int n = LinearCount();
        var combination = new long[n];
        foreach (var (dim, values) in Advanced)
            for (int i = 0; i < n; i++) combination[i] += values[i] * strides[dim];
        // The other dimensions' offsets, row-major.
        var restShape = Rest.Select(x => v.ShapeArray[x]).ToArray();
        int m = Tensor.NumelOf(restShape);
        var restOffsets = new long[m];
        for (int i = 0; i < m; i++)
        {
            long rem = i, off = 0;
            for (int k = Rest.Length - 1; k >= 0; k--)
            {
                off += rem % restShape[k] * strides[Rest[k]];
                rem /= restShape[k];
            }
            restOffsets[i] = off;
        }
        var all = new long[(long)n * m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) all[(long)i * m + j] = combination[i] + restOffsets[j];
        return Torch.FromArray(all, n, m);
    }

    /// <summary>Moves the broadcast dimensions of a gathered-order tensor to where the result has them.</summary>
    public Tensor ToResultOrder(Tensor gathered)
    {
        if (!Adjacent || Advanced[0].Dim == 0) return gathered;
        int nb = BroadcastShape.Length, first = Advanced[0].Dim;
        int[] perm = [.. Enumerable.Range(nb, first), .. Enumerable.Range(0, nb), .. Enumerable.Range(nb + first, Rest.Length - first)];
        return gathered.Permute(perm);
    }

    /// <summary>The inverse of <see cref="ToResultOrder"/>: a result-shaped tensor with the broadcast dimensions first.</summary>
    public Tensor ToGatheredOrder(Tensor result)
    {
        if (!Adjacent || Advanced[0].Dim == 0) return result;
        int nb = BroadcastShape.Length, first = Advanced[0].Dim;
        int[] perm = [.. Enumerable.Range(first, nb), .. Enumerable.Range(0, first), .. Enumerable.Range(first + nb, Rest.Length - first)];
        return result.Permute(perm);
    }

    /// <summary>
    /// <paramref name="target"/> with the selected positions replaced by <paramref name="values"/> (gathered order,
    /// [combinations, rest]), out of place and differentiable: an index_copy on the flattened tensor.
    /// </summary>
    public static Tensor PutOutOfPlace(Tensor target, AdvancedIndexing plan, Tensor linear, Tensor values) =>
        target.Reshape(-1).IndexCopy(0, linear.Reshape(-1), values.Reshape(-1)).View(target.ShapeArray);

    /// <summary>Writes <paramref name="values"/> into the selected positions of <paramref name="target"/> in place (no autograd).</summary>
    public static void PutInPlace(Tensor target, AdvancedIndexing plan, Tensor linear, Tensor values, string op)
    {
        var flatValues = values.Reshape(-1);
        if (target.IsContiguous)
        {
            IndexingHelpers.ScatterAlongDim(target.View(-1), 0, linear.Reshape(-1), flatValues.Contiguous(), accumulate: false, op);
            return;
        }
        // A strided target cannot be flattened as a view: write into a contiguous copy, then copy it back.
        var copy = target.Contiguous();
        IndexingHelpers.ScatterAlongDim(copy.View(-1), 0, linear.Reshape(-1), flatValues.Contiguous(), accumulate: false, op);
        Elementwise.CopyInto(copy, target);
    }

    /// <summary>Throws unless <paramref name="value"/> broadcasts to <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">It does not.</exception>
    public static void CheckValueShape(Tensor value, int[] shape, string op)
    {
        if (!Broadcasting.CanBroadcastTo(value.ShapeArray, shape))
            throw new ArgumentException(
                $"{op}: shape mismatch: value tensor of shape {value.Shape} cannot be broadcast to indexing result of shape {Ember.Size.Format(shape)}", nameof(value));
    }
}
