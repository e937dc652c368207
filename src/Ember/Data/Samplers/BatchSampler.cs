namespace Ember.Data;

/// <summary>
/// Groups the indices of another sampler into batches of <see cref="BatchSize"/> (PyTorch's
/// <c>BatchSampler</c>): the last batch is shorter unless <see cref="DropLast"/>. Pass one as a loader's
/// <c>batchSampler</c> to control batching yourself; any <see cref="Sampler{T}"/> of <c>int[]</c> works there.
/// </summary>
public sealed class BatchSampler : Sampler<int[]>
{
    /// <summary>Creates a batch sampler.</summary>
    /// <param name="sampler">The index sampler to group.</param>
    /// <param name="batchSize">Indices per batch; positive.</param>
    /// <param name="dropLast">Drop a last batch shorter than <paramref name="batchSize"/> (default false).</param>
    /// <exception cref="ArgumentException"><paramref name="batchSize"/> is not positive.</exception>
    public BatchSampler(Sampler<int> sampler, int batchSize, bool dropLast = false)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        if (batchSize <= 0)
            throw new ArgumentException($"BatchSampler: batch_size should be a positive integer value, but got batch_size={batchSize}", nameof(batchSize));
        Sampler = sampler;
        BatchSize = batchSize;
        DropLast = dropLast;
    }

    /// <summary>The index sampler being grouped.</summary>
    public Sampler<int> Sampler { get; }

    /// <summary>Indices per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether a short last batch is dropped.</summary>
    public bool DropLast { get; }

    /// <summary>The number of batches: ⌊n / batch⌋ with <see cref="DropLast"/>, else ⌈n / batch⌉.</summary>
    public override int Count => DropLast ? Sampler.Count / BatchSize : (int)(((long)Sampler.Count + BatchSize - 1) / BatchSize);

    /// <inheritdoc/>
    public override IEnumerator<int[]> GetEnumerator()
    {
        // The buffer starts at the sampler's length, not BatchSize: batch_size = int.MaxValue over 10 samples allocates 10 ints,
        // not 8 GB. It grows (to at most BatchSize) if the sampler yields more than it said.
        int capacity = (int)Math.Clamp(Sampler.Count, 1, BatchSize);
        var batch = new int[capacity];
        int filled = 0;
        foreach (int index in Sampler)
        {
            if (filled == batch.Length) Array.Resize(ref batch, (int)Math.Min(2L * batch.Length, BatchSize));
            batch[filled++] = index;
            if (filled == BatchSize)
            {
                yield return batch;
                batch = new int[capacity];
                filled = 0;
            }
        }
        if (filled > 0 && !DropLast) yield return filled == batch.Length ? batch : batch.AsSpan(0, filled).ToArray();
    }
}
