namespace Ember.Data;

/// <summary>Random train/validation/test splits of a dataset (PyTorch's <c>torch.utils.data.random_split</c>).</summary>
public static class Splits
{
    /// <summary>
    /// Splits <paramref name="dataset"/> into non-overlapping random subsets of the given lengths: one
    /// permutation of all indices (<see cref="Torch.Randperm"/>) is cut into consecutive pieces.
    /// </summary>
    /// <param name="dataset">The dataset to split.</param>
    /// <param name="lengths">Subset sizes, non-negative, summing to <c>dataset.Count</c>.</param>
    /// <param name="generator">The generator of the permutation (default: this thread's <see cref="Generator.Default"/>).</param>
    /// <returns>One <see cref="Subset{T}"/> per length, in order.</returns>
    /// <exception cref="ArgumentException">A length is negative, or the lengths do not sum to the dataset's size.</exception>
    public static Subset<T>[] RandomSplit<T>(Dataset<T> dataset, int[] lengths, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(lengths);
        long sum = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            if (lengths[i] < 0) throw new ArgumentException($"random_split: length at index {i} is negative ({lengths[i]})", nameof(lengths));
            sum += lengths[i];
        }
        if (sum != dataset.Count)
            throw new ArgumentException($"random_split: Sum of input lengths does not equal the length of the input dataset! ({sum} != {dataset.Count})", nameof(lengths));
        var perm = Sampler<int>.Permutation(dataset.Count, generator ?? Generator.Default);
        var result = new Subset<T>[lengths.Length];
        int offset = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            result[i] = new Subset<T>(dataset, perm.AsSpan(offset, lengths[i]).ToArray());
            offset += lengths[i];
        }
        return result;
    }

    /// <summary>
    /// Splits <paramref name="dataset"/> by fractions that sum to 1, as PyTorch does: each subset gets
    /// ⌊N · fraction⌋ samples, then the remainder is handed out one by one, round-robin from the first
    /// subset (e.g. N = 10, [0.25, 0.25, 0.5] → [3, 2, 5]). A fraction that yields an empty subset is allowed.
    /// </summary>
    /// <param name="dataset">The dataset to split.</param>
    /// <param name="fractions">Fractions in [0, 1] summing to 1 (within 1e-9, relative).</param>
    /// <param name="generator">The generator of the permutation (default: this thread's <see cref="Generator.Default"/>).</param>
    /// <returns>One <see cref="Subset{T}"/> per fraction, in order.</returns>
    /// <exception cref="ArgumentException">A fraction is outside [0, 1], or the fractions do not sum to 1.</exception>
    public static Subset<T>[] RandomSplit<T>(Dataset<T> dataset, double[] fractions, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(fractions);
        return RandomSplit(dataset, LengthsOf(fractions, dataset.Count), generator);
    }

    /// <summary>PyTorch's fraction → length rule (floor, then round-robin remainder).</summary>
    internal static int[] LengthsOf(double[] fractions, int n)
    {
        double sum = 0;
        for (int i = 0; i < fractions.Length; i++)
        {
            double f = fractions[i];
            if (!(f >= 0 && f <= 1)) throw new ArgumentException($"random_split: Fraction at index {i} is not between 0 and 1 ({f})", nameof(fractions));
            sum += f;
        }
        // math.isclose(sum, 1) and sum <= 1, as PyTorch tests it.
        if (!(Math.Abs(sum - 1) <= 1e-9 * Math.Max(Math.Abs(sum), 1) && sum <= 1))
            throw new ArgumentException($"random_split: fractions must sum to 1, but they sum to {sum}", nameof(fractions));
        var lengths = new int[fractions.Length];
        long total = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            lengths[i] = (int)Math.Floor(n * fractions[i]);
            total += lengths[i];
        }
        long remainder = n - total;
        for (long i = 0; i < remainder; i++) lengths[i % lengths.Length]++;
        return lengths;
    }
}
