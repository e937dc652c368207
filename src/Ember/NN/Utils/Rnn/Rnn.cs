namespace Ember.NN.Utils;

/// <summary>
/// Padding and packing of variable-length sequences (PyTorch's <c>torch.nn.utils.rnn</c>): <see cref="PadSequence"/>,
/// <see cref="PackSequence"/>, <see cref="PackPaddedSequence(Tensor, int[], bool, bool)"/> and
/// <see cref="PadPackedSequence"/>. All are differentiable in the data.
/// </summary>
/// <example>
/// <code>
/// var padded = Rnn.PadSequence([a, b, c]);                                   // [max_len, 3, *]
/// var packed = Rnn.PackPaddedSequence(padded, [5, 2, 3], enforceSorted: false);
/// var (output, (hn, cn)) = lstm.Forward(packed);
/// var (y, lengths) = Rnn.PadPackedSequence(output);                          // y [5, 3, H], lengths [5, 2, 3]
/// </code>
/// </example>
public static class Rnn
{
    /// <summary>
    /// Stacks sequences of different lengths into one tensor, padding the shorter ones at the end (PyTorch's <c>pad_sequence</c>).
    /// </summary>
    /// <param name="sequences">The sequences [L_i, *], with the same trailing dimensions and dtype; at least one.</param>
    /// <param name="batchFirst">Whether the result is [B, max_len, *] (default false: [max_len, B, *]).</param>
    /// <param name="paddingValue">The value of the padded entries (default 0).</param>
    /// <returns>The padded batch.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sequences"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">The list is empty, a sequence is 0-d, or the trailing dimensions or dtypes differ.</exception>
    public static Tensor PadSequence(IReadOnlyList<Tensor> sequences, bool batchFirst = false, double paddingValue = 0)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0) throw new ArgumentException("pad_sequence: received an empty list of sequences", nameof(sequences));
        var first = sequences[0] ?? throw new ArgumentNullException(nameof(sequences), "pad_sequence: a sequence is null");
        if (first.Dim == 0) throw new ArgumentException("pad_sequence: sequences must be at least 1-D [L, *], got a 0-d tensor", nameof(sequences));
        int maxLen = 0;
        for (int i = 0; i < sequences.Count; i++)
        {
            var s = sequences[i] ?? throw new ArgumentNullException(nameof(sequences), "pad_sequence: a sequence is null");
            if (s.Dim != first.Dim || !s.ShapeArray.AsSpan(1).SequenceEqual(first.ShapeArray.AsSpan(1)) || s.DType != first.DType)
                throw new ArgumentException(
                    $"pad_sequence: all sequences must have the same trailing dimensions and dtype, got sequence 0 {first.Describe()} and sequence {i} {s.Describe()}", nameof(sequences));
            maxLen = Math.Max(maxLen, s.ShapeArray[0]);
        }
        var parts = new Tensor[sequences.Count];
        for (int i = 0; i < parts.Length; i++)
        {
            var s = sequences[i];
            int len = s.ShapeArray[0];
            if (len == maxLen) { parts[i] = s; continue; }
            int[] padShape = [.. s.ShapeArray];
            padShape[0] = maxLen - len;
            parts[i] = Torch.Cat([s, Torch.Full(new Size(padShape), paddingValue, s.DType)], 0);
        }
        return Torch.Stack(parts, batchFirst ? 0 : 1);
    }

    /// <summary>
    /// Packs a padded batch of variable-length sequences (PyTorch's <c>pack_padded_sequence</c>).
    /// </summary>
    /// <param name="input">The padded batch [T, B, *] ([B, T, *] with <paramref name="batchFirst"/>).</param>
    /// <param name="lengths">The length of each sequence, B values in 1..T.</param>
    /// <param name="batchFirst">Whether <paramref name="input"/> is [B, T, *] (default false).</param>
    /// <param name="enforceSorted">Whether the lengths must already be in decreasing order (default true); when false the
    /// sequences are sorted here and the permutation kept in the result.</param>
    /// <returns>The packed sequence.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="lengths"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is below 2-D; the number of lengths is not the batch size; a length is
    /// not positive or exceeds T; or the lengths are not sorted in decreasing order while <paramref name="enforceSorted"/> is true.</exception>
    public static PackedSequence PackPaddedSequence(Tensor input, int[] lengths, bool batchFirst = false, bool enforceSorted = true)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(lengths);
        const string op = "pack_padded_sequence";
        if (input.Dim < 2)
            throw new ArgumentException($"{op}: input must be at least 2-D [T, B, *] (or [B, T, *] with batch_first), got {input.Shape}", nameof(input));
        var x = batchFirst ? input.Transpose(0, 1) : input;
        int steps = x.ShapeArray[0], batch = x.ShapeArray[1];
        if (lengths.Length != batch)
            throw new ArgumentException($"{op}: expected len(lengths) to be equal to batch_size, but got {lengths.Length} lengths {Size.Format(lengths)} for input {input.Shape} (batch_size={batch})", nameof(lengths));
        for (int i = 0; i < lengths.Length; i++)
        {
            if (lengths[i] <= 0)
                throw new ArgumentException($"{op}: length of all samples has to be greater than 0, but found an element in lengths {Size.Format(lengths)} that is <= 0 (sequence {i})", nameof(lengths));
            if (lengths[i] > steps)
                throw new ArgumentException($"{op}: length {lengths[i]} of sequence {i} exceeds the input's time dimension T={steps} (input {input.Shape}, lengths {Size.Format(lengths)})", nameof(lengths));
        }
        long[]? sorted = null;
        int[] sortedLengths = lengths;
        if (enforceSorted)
        {
            for (int i = 1; i < lengths.Length; i++)
                if (lengths[i] > lengths[i - 1])
                    throw new ArgumentException(
                        $"{op}: `lengths` array must be sorted in decreasing order when `enforce_sorted` is True, got {Size.Format(lengths)}. " +
                        "Pass enforceSorted: false to sort the sequences here.", nameof(lengths));
        }
        else
        {
            var order = Enumerable.Range(0, batch).OrderByDescending(i => lengths[i]).ToArray(); // stable
            sorted = Array.ConvertAll(order, i => (long)i);
            sortedLengths = Array.ConvertAll(order, i => lengths[i]);
        }
        int maxLen = sortedLengths.Length == 0 ? 0 : sortedLengths[0];
        var batchSizes = new long[maxLen];
        var rows = new List<long>();
        for (int t = 0; t < maxLen; t++)
        {
            for (int s = 0; s < batch && sortedLengths[s] > t; s++)
            {
                batchSizes[t]++;
                rows.Add((long)t * batch + (sorted is null ? s : sorted[s]));
            }
        }
        int[] flatShape = [.. x.ShapeArray[1..]];
        flatShape[0] = steps * batch;
        var flat = x.Reshape(flatShape);
        var data = flat.IndexSelect(0, Torch.FromArray(rows.ToArray(), rows.Count));
        var sortedT = sorted is null ? null : Torch.FromArray(sorted, sorted.Length);
        return new PackedSequence(data, Torch.FromArray(batchSizes, batchSizes.Length), sortedT, sortedT is null ? null : Invert(sortedT));
    }

    /// <summary>Packs a padded batch; <paramref name="lengths"/> is a 1-D integer tensor (see <see cref="PackPaddedSequence(Tensor, int[], bool, bool)"/>).</summary>
    /// <param name="input">The padded batch [T, B, *] ([B, T, *] with <paramref name="batchFirst"/>).</param>
    /// <param name="lengths">The lengths, a 1-D int64 or int32 tensor of B values in 1..T.</param>
    /// <param name="batchFirst">Whether <paramref name="input"/> is [B, T, *] (default false).</param>
    /// <param name="enforceSorted">Whether the lengths must already be in decreasing order (default true).</param>
    /// <returns>The packed sequence.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="lengths"/> is null.</exception>
    /// <exception cref="ArgumentException">The lengths are not a 1-D integer tensor, or as for the array overload.</exception>
    public static PackedSequence PackPaddedSequence(Tensor input, Tensor lengths, bool batchFirst = false, bool enforceSorted = true)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        if (lengths.Dim != 1 || (lengths.DType != DType.Int64 && lengths.DType != DType.Int32))
            throw new ArgumentException($"pack_padded_sequence: lengths must be a 1-D int64 tensor, got {lengths.Describe()}", nameof(lengths));
        var l = Array.ConvertAll(lengths.To(DType.Int64).ToArray<long>(), v => (int)Math.Clamp(v, int.MinValue, int.MaxValue));
        return PackPaddedSequence(input, l, batchFirst, enforceSorted);
    }

    /// <summary>Pads and packs a list of sequences (PyTorch's <c>pack_sequence</c>).</summary>
    /// <param name="sequences">The sequences [L_i, *], each non-empty, with the same trailing dimensions and dtype.</param>
    /// <param name="enforceSorted">Whether the sequences must come by decreasing length (default true).</param>
    /// <returns>The packed sequence.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sequences"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">The list is empty, a sequence is empty or 0-d, the trailing dimensions differ,
    /// or the lengths are not decreasing while <paramref name="enforceSorted"/> is true.</exception>
    public static PackedSequence PackSequence(IReadOnlyList<Tensor> sequences, bool enforceSorted = true)
    {
        var padded = PadSequence(sequences);
        var lengths = sequences.Select(s => s.ShapeArray[0]).ToArray();
        return PackPaddedSequence(padded, lengths, false, enforceSorted);
    }

    /// <summary>
    /// Unpacks a packed sequence into a padded batch (PyTorch's <c>pad_packed_sequence</c>), in the original batch order.
    /// </summary>
    /// <param name="sequence">The packed sequence.</param>
    /// <param name="batchFirst">Whether the result is [B, T, *] (default false: [T, B, *]).</param>
    /// <param name="paddingValue">The value of the padded entries (default 0).</param>
    /// <param name="totalLength">Pad to this many steps (default null: the longest length); at least the longest length.</param>
    /// <returns>The padded batch and the int64 lengths [B] of the sequences.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sequence"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="totalLength"/> is shorter than the longest sequence.</exception>
    public static (Tensor Padded, Tensor Lengths) PadPackedSequence(PackedSequence sequence, bool batchFirst = false, double paddingValue = 0, int? totalLength = null)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var bs = sequence.BatchSizesArray;
        int maxLen = bs.Length, batch = maxLen == 0 ? 0 : bs[0];
        int steps = totalLength ?? maxLen;
        if (steps < maxLen)
            throw new ArgumentException(
                $"pad_packed_sequence: expected total_length to be at least the length of the longest sequence in input, but got total_length={totalLength} and max sequence length being {maxLen}", nameof(totalLength));
        var data = sequence.Data;
        int rows = data.ShapeArray[0];
        var unsorted = sequence.UnsortedIndices?.ToArray<long>();
        var offsets = new int[maxLen + 1];
        for (int t = 0; t < maxLen; t++) offsets[t + 1] = offsets[t] + bs[t];
        // Index rows into [data; padding row]: entry (t, j) reads the sorted position u of sequence j at step t.
        var index = new long[(long)steps * batch];
        for (int t = 0; t < steps; t++)
            for (int j = 0; j < batch; j++)
            {
                long u = unsorted is null ? j : unsorted[j];
                index[t * batch + j] = t < maxLen && u < bs[t] ? offsets[t] + u : rows;
            }
        int[] padShape = [.. data.ShapeArray];
        padShape[0] = 1;
        var ext = Torch.Cat([data, Torch.Full(new Size(padShape), paddingValue, data.DType)], 0);
        int[] outShape = [steps, batch, .. data.ShapeArray[1..]];
        var padded = ext.IndexSelect(0, Torch.FromArray(index, index.Length)).View(outShape);
        var sortedLengths = new long[batch];
        for (int t = 0; t < maxLen; t++)
            for (int s = 0; s < bs[t]; s++) sortedLengths[s]++;
        var lengths = new long[batch];
        for (int j = 0; j < batch; j++) lengths[j] = sortedLengths[unsorted is null ? j : unsorted[j]];
        return (batchFirst ? padded.Transpose(0, 1) : padded, Torch.FromArray(lengths, batch));
    }

    /// <summary>The inverse permutation of an int64 index tensor.</summary>
    internal static Tensor Invert(Tensor permutation)
    {
        var p = permutation.ToArray<long>();
        var inv = new long[p.Length];
        for (int i = 0; i < p.Length; i++) inv[p[i]] = i;
        return Torch.FromArray(inv, inv.Length);
    }
}
