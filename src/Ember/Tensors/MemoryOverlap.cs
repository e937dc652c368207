namespace Ember;

/// <summary>
/// Detects in-place writes whose destination overlaps itself or an input in memory (PyTorch's
/// <c>MemoryOverlap.h</c>), so that an in-place op either raises PyTorch's error or computes the right
/// result — never reads an element it has already overwritten.
/// </summary>
internal static class MemoryOverlap
{
    private const string InternalMessage =
        "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please Clone() the tensor before performing the operation.";

    private const string PartialMessage =
        "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please Clone() the tensor before performing the operation.";

    /// <summary>
    /// True when the elements of <paramref name="t"/> are a permutation of one gap-free block of its storage
    /// (PyTorch's <c>is_non_overlapping_and_dense</c>).
    /// </summary>
    public static bool IsNonOverlappingAndDense(Tensor t)
    {
        int nd = t.Dim;
        if (nd == 0) return true;
        Span<int> order = stackalloc int[nd];
        int n = 0;
        for (int d = 0; d < nd; d++)
        {
            if (t.ShapeArray[d] == 0) return true;
            if (t.ShapeArray[d] != 1) order[n++] = d;
        }
        SortByStride(t, order[..n]);
        long expected = 1;
        for (int i = 0; i < n; i++)
        {
            int d = order[i];
            if (t.StridesArray[d] != expected) return false;
            expected *= t.ShapeArray[d];
        }
        return true;
    }

    /// <summary>
    /// True when two different indices of <paramref name="t"/> may address one storage element: an expanded
    /// dimension (stride 0), or strides too small for the sizes beneath them. Conservative: a layout that cannot
    /// be shown free of overlap counts as overlapping.
    /// </summary>
    public static bool HasInternalOverlap(Tensor t)
    {
        int nd = t.Dim;
        Span<int> order = stackalloc int[Math.Max(nd, 1)];
        int n = 0;
        for (int d = 0; d < nd; d++)
        {
            if (t.ShapeArray[d] == 0) return false;
            if (t.ShapeArray[d] == 1) continue;
            if (t.StridesArray[d] == 0) return true;
            order[n++] = d;
        }
        SortByStride(t, order[..n]);
        // Each stride must step over everything the smaller strides can reach.
        long reach = 0;
        for (int i = 0; i < n; i++)
        {
            int d = order[i];
            long stride = Math.Abs((long)t.StridesArray[d]);
            if (stride <= reach) return true;
            reach += stride * (t.ShapeArray[d] - 1);
        }
        return false;
    }

    private static void SortByStride(Tensor t, Span<int> dims)
    {
        for (int i = 1; i < dims.Length; i++)
            for (int j = i; j > 0 && Math.Abs(t.StridesArray[dims[j - 1]]) > Math.Abs(t.StridesArray[dims[j]]); j--)
                (dims[j - 1], dims[j]) = (dims[j], dims[j - 1]);
    }

    /// <summary>The lowest and one past the highest storage index that <paramref name="t"/> addresses (t non-empty).</summary>
    private static (long Begin, long End) Extent(Tensor t)
    {
        long lo = t.Offset, hi = t.Offset;
        for (int d = 0; d < t.Dim; d++)
        {
            long span = (long)t.StridesArray[d] * (t.ShapeArray[d] - 1);
            if (span < 0) lo += span; else hi += span;
        }
        return (lo, hi + 1);
    }

    /// <summary>The relation between the memory of <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static Status Overlap(Tensor a, Tensor b)
    {
        if (a.Numel == 0 || b.Numel == 0 || !ReferenceEquals(a.Storage, b.Storage)) return Status.None;
        var (ab, ae) = Extent(a);
        var (bb, be) = Extent(b);
        if (ab >= be || bb >= ae) return Status.None;
        if (a.Offset == b.Offset && a.ShapeArray.AsSpan().SequenceEqual(b.ShapeArray) && a.StridesArray.AsSpan().SequenceEqual(b.StridesArray))
            return Status.Full;
        return IsNonOverlappingAndDense(a) && IsNonOverlappingAndDense(b) ? Status.Partial : Status.Interleaved;
    }

    /// <summary>How two tensors share memory.</summary>
    public enum Status
    {
        /// <summary>No element in common.</summary>
        None,
        /// <summary>The very same elements in the same order (an op may run in place elementwise).</summary>
        Full,
        /// <summary>Two dense blocks that overlap differently (PyTorch raises).</summary>
        Partial,
        /// <summary>Their address ranges intersect but at least one is strided: they may or may not share elements.</summary>
        Interleaved,
    }

    /// <summary>Raises PyTorch's error when an in-place op would write one element through two indices.</summary>
    /// <exception cref="InvalidOperationException">The destination overlaps itself (e.g. an expanded tensor).</exception>
    public static void AssertNoInternalOverlap(Tensor destination, string op)
    {
        if (HasInternalOverlap(destination))
            throw new InvalidOperationException($"{op}: {InternalMessage} (destination {destination.Shape} with strides {destination.Strides})");
    }

    /// <summary>
    /// For an elementwise in-place op: raises PyTorch's error when <paramref name="input"/> and the destination
    /// are dense and overlap differently, and otherwise returns an input that is safe to read while writing the
    /// destination (a copy when the two may share elements in a different order).
    /// </summary>
    /// <exception cref="InvalidOperationException">The input partially overlaps the destination.</exception>
    public static Tensor SafeInput(Tensor destination, Tensor input, string op)
    {
        switch (Overlap(destination, input))
        {
            case Status.Partial:
                throw new InvalidOperationException($"{op}: {PartialMessage} (destination {destination.Shape}, input {input.Shape})");
            case Status.Interleaved:
                return input.Detach().Clone();
            default:
                return input;
        }
    }

    /// <summary>
    /// For scatter-like in-place ops, which read their inputs in an order unrelated to the writes: raises when
    /// an input shares any memory with the destination (PyTorch's <c>assert_no_overlap</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The input overlaps the destination.</exception>
    public static void AssertNoOverlap(Tensor destination, Tensor input, string op, string argName)
    {
        if (Overlap(destination, input) != Status.None)
            throw new InvalidOperationException($"{op}: {PartialMessage} ({argName} {input.Shape} shares memory with the destination {destination.Shape})");
    }
}
