namespace Ember.NN.Utils;

/// <summary>
/// A batch of variable-length sequences packed time step by time step (PyTorch's
/// <c>torch.nn.utils.rnn.PackedSequence</c>): the rows of <see cref="Data"/> hold step 0 of every sequence, then step 1
/// of every sequence still running, and so on, with the sequences sorted by decreasing length. Build one with
/// <see cref="Rnn.PackPaddedSequence(Tensor, int[], bool, bool)"/> or <see cref="Rnn.PackSequence"/>; the recurrent layers
/// accept it and return one.
/// </summary>
public sealed class PackedSequence
{
    /// <summary>Wraps packed data (PyTorch's constructor; normally made by the packing functions).</summary>
    /// <param name="data">The packed rows [sum of lengths, *].</param>
    /// <param name="batchSizes">The int64 number of sequences at each step [T], non-increasing and summing to the data's rows.</param>
    /// <param name="sortedIndices">The int64 permutation from sorted to original batch positions, or null when the batch is in order.</param>
    /// <param name="unsortedIndices">Its inverse, or null (computed from <paramref name="sortedIndices"/> when omitted).</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="batchSizes"/> is null.</exception>
    /// <exception cref="ArgumentException">The batch sizes are not a 1-D integer tensor of positive non-increasing values
    /// summing to the data's rows, or the indices are not a permutation of the batch.</exception>
    public PackedSequence(Tensor data, Tensor batchSizes, Tensor? sortedIndices = null, Tensor? unsortedIndices = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(batchSizes);
        if (batchSizes.Dim != 1 || batchSizes.DType != DType.Int64)
            throw new ArgumentException($"PackedSequence: batch_sizes must be a 1-D int64 tensor, got {batchSizes.Describe()}", nameof(batchSizes));
        var bs = Array.ConvertAll(batchSizes.ToArray<long>(), v => (int)Math.Clamp(v, int.MinValue, int.MaxValue));
        long total = 0;
        for (int t = 0; t < bs.Length; t++)
        {
            if (bs[t] <= 0 || (t > 0 && bs[t] > bs[t - 1]))
                throw new ArgumentException($"PackedSequence: batch_sizes must be positive and non-increasing, got {Size.Format(bs)}", nameof(batchSizes));
            total += bs[t];
        }
        if (data.Dim == 0 || data.ShapeArray[0] != total)
            throw new ArgumentException($"PackedSequence: data {data.Shape} must have {total} rows (the sum of batch_sizes {Size.Format(bs)})", nameof(data));
        int n = bs.Length == 0 ? 0 : bs[0];
        if (sortedIndices is not null) CheckPermutation(sortedIndices, n, nameof(sortedIndices));
        if (unsortedIndices is not null) CheckPermutation(unsortedIndices, n, nameof(unsortedIndices));
        if (sortedIndices is not null && unsortedIndices is null) unsortedIndices = Rnn.Invert(sortedIndices);
        Data = data;
        BatchSizes = batchSizes;
        SortedIndices = sortedIndices;
        UnsortedIndices = unsortedIndices;
        BatchSizesArray = bs;
    }

    private static void CheckPermutation(Tensor idx, int n, string name)
    {
        if (idx.Dim != 1 || idx.DType != DType.Int64 || idx.ShapeArray[0] != n)
            throw new ArgumentException($"PackedSequence: {name} must be a 1-D int64 tensor of {n} entries, got {idx.Describe()}", name);
        var seen = new bool[n];
        foreach (var v in idx.ToArray<long>())
        {
            if (v < 0 || v >= n || seen[v])
                throw new ArgumentException($"PackedSequence: {name} must be a permutation of 0..{n - 1}, got {Size.Format(Array.ConvertAll(idx.ToArray<long>(), x => (int)Math.Clamp(x, int.MinValue, int.MaxValue)))}", name);
            seen[v] = true;
        }
    }

    /// <summary>The packed rows [sum of lengths, *].</summary>
    public Tensor Data { get; }

    /// <summary>The number of sequences at each time step, int64 [T].</summary>
    public Tensor BatchSizes { get; }

    /// <summary>sorted_indices[s] is the original batch position of the s-th longest sequence (int64), or null.</summary>
    public Tensor? SortedIndices { get; }

    /// <summary>The inverse of <see cref="SortedIndices"/>: unsorted_indices[j] is the sorted position of sequence j (int64), or null.</summary>
    public Tensor? UnsortedIndices { get; }

    /// <summary>The batch sizes as ints.</summary>
    internal int[] BatchSizesArray { get; }

    /// <summary>Deconstructs into (data, batch_sizes, sorted_indices, unsorted_indices).</summary>
    /// <param name="data">The packed rows.</param>
    /// <param name="batchSizes">The batch sizes.</param>
    /// <param name="sortedIndices">The sorted indices, or null.</param>
    /// <param name="unsortedIndices">The unsorted indices, or null.</param>
    public void Deconstruct(out Tensor data, out Tensor batchSizes, out Tensor? sortedIndices, out Tensor? unsortedIndices)
    {
        data = Data;
        batchSizes = BatchSizes;
        sortedIndices = SortedIndices;
        unsortedIndices = UnsortedIndices;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"PackedSequence(data={Data.Describe()}, batch_sizes={Size.Format(BatchSizesArray)}, sorted_indices={(SortedIndices is null ? "None" : Size.Format(Array.ConvertAll(SortedIndices.ToArray<long>(), v => (int)v)))})";
}
