namespace Ember.Data;

/// <summary>
/// Yields indices in random order (PyTorch's <c>RandomSampler</c>): without replacement, a fresh
/// permutation of 0 … length-1 per pass (repeated permutations, the last one cut, when
/// <see cref="NumSamples"/> exceeds the length); with replacement, <see cref="NumSamples"/> independent
/// uniform draws. The default sampler of a loader with <c>shuffle: true</c>.
/// </summary>
public sealed class RandomSampler : Sampler<int>
{
    private readonly int? _numSamples;

    /// <summary>Creates a random sampler.</summary>
    /// <param name="length">The number of items in the data source (<c>dataset.Count</c>); non-negative.</param>
    /// <param name="replacement">Draw with replacement (default false).</param>
    /// <param name="numSamples">How many indices a pass yields (default: <paramref name="length"/>); positive.</param>
    /// <param name="generator">The generator, advanced by every pass (default: the enumerating thread's <see cref="Generator.Default"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    /// <exception cref="ArgumentException">The number of samples is not positive (also for an empty data source without <paramref name="numSamples"/>).</exception>
    public RandomSampler(int length, bool replacement = false, int? numSamples = null, Generator? generator = null)
    {
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), length, $"RandomSampler: length must be non-negative, got {length}");
        int n = numSamples ?? length;
        if (n <= 0)
            throw new ArgumentException($"RandomSampler: num_samples should be a positive integer value, but got num_samples={n}", nameof(numSamples));
        if (length == 0)
            throw new ArgumentException($"RandomSampler: cannot draw {n} samples from an empty data source", nameof(length));
        Length = length;
        Replacement = replacement;
        _numSamples = numSamples;
        Generator = generator;
    }

    /// <summary>The number of items in the data source.</summary>
    public int Length { get; }

    /// <summary>Whether indices are drawn with replacement.</summary>
    public bool Replacement { get; }

    /// <summary>The number of indices one pass yields.</summary>
    public int NumSamples => _numSamples ?? Length;

    /// <summary>The generator, or null for the enumerating thread's default.</summary>
    public Generator? Generator { get; }

    /// <inheritdoc/>
    public override int Count => NumSamples;

    /// <inheritdoc/>
    public override IEnumerator<int> GetEnumerator()
    {
        var g = Generator ?? Generator.Default;
        int total = NumSamples;
        if (Replacement)
        {
            for (int k = 0; k < total; k++) yield return (int)g.NextInt64(0, Length);
            yield break;
        }
        for (int done = 0; done < total;)
        {
            var perm = Permutation(Length, g);
            int take = Math.Min(perm.Length, total - done);
            for (int k = 0; k < take; k++) yield return perm[k];
            done += take;
        }
    }
}
