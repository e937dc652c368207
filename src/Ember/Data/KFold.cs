namespace Ember.Data;

/// <summary>
/// K-fold cross-validation indices, exactly as scikit-learn's <c>KFold</c>: the samples (shuffled once
/// first when <see cref="Shuffle"/>) are cut into <see cref="NSplits"/> consecutive folds, the first
/// <c>n % k</c> of them one sample larger; each fold is the test set once, the rest the training set.
/// </summary>
/// <remarks>
/// Without shuffling the splits equal scikit-learn's index for index. With shuffling the permutation comes
/// from an Ember <see cref="Generator"/> (seeded with <see cref="RandomState"/>, so every call to
/// <see cref="Split(int)"/> gives the same folds), not NumPy's, so the folds differ from scikit-learn's
/// for the same seed; without a <see cref="RandomState"/> each call draws from <see cref="Generator.Default"/>.
/// Both index arrays of a split are sorted ascending, as scikit-learn's.
/// </remarks>
/// <example>
/// <code>
/// foreach (var (train, test) in new KFold(5).Split(ds.Count))
///     Fit(new Subset&lt;(Tensor, Tensor)&gt;(ds, train), new Subset&lt;(Tensor, Tensor)&gt;(ds, test));
/// </code>
/// </example>
public sealed class KFold
{
    /// <summary>Creates the splitter.</summary>
    /// <param name="nSplits">Number of folds (default 5); at least 2.</param>
    /// <param name="shuffle">Shuffle the samples before cutting folds (default false).</param>
    /// <param name="randomState">Seed of the shuffle (default null: draw from <see cref="Generator.Default"/>); only with <paramref name="shuffle"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="nSplits"/> &lt; 2, or <paramref name="randomState"/> given without <paramref name="shuffle"/> (scikit-learn's errors).</exception>
    public KFold(int nSplits = 5, bool shuffle = false, long? randomState = null)
    {
        CheckOptions(nSplits, shuffle, randomState);
        NSplits = nSplits;
        Shuffle = shuffle;
        RandomState = randomState;
    }

    /// <summary>Number of folds.</summary>
    public int NSplits { get; }

    /// <summary>Whether samples are shuffled before cutting folds.</summary>
    public bool Shuffle { get; }

    /// <summary>The shuffle's seed, or null.</summary>
    public long? RandomState { get; }

    /// <summary>The train/test indices of each fold, in fold order.</summary>
    /// <param name="nSamples">The number of samples; at least <see cref="NSplits"/>.</param>
    /// <returns><see cref="NSplits"/> pairs (Train, Test), both sorted; Test has ⌈n/k⌉ or ⌊n/k⌋ indices.</returns>
    /// <exception cref="ArgumentException"><paramref name="nSamples"/> is smaller than <see cref="NSplits"/>.</exception>
    public IEnumerable<(int[] Train, int[] Test)> Split(int nSamples)
    {
        CheckSamples(NSplits, nSamples);
        int[] order = new int[nSamples];
        for (int i = 0; i < nSamples; i++) order[i] = i;
        if (Shuffle) order = Sampler<int>.Permutation(nSamples, RandomState is long seed ? new Generator(seed) : Generator.Default);
        var foldOf = new int[nSamples];
        int start = 0;
        for (int f = 0; f < NSplits; f++)
        {
            int size = nSamples / NSplits + (f < nSamples % NSplits ? 1 : 0);
            for (int i = start; i < start + size; i++) foldOf[order[i]] = f;
            start += size;
        }
        return FromFolds(foldOf, NSplits);
    }

    /// <summary>The folds of the samples of <paramref name="dataset"/> (see <see cref="Split(int)"/>).</summary>
    /// <param name="dataset">The dataset; only its size is used.</param>
    public IEnumerable<(int[] Train, int[] Test)> Split<T>(Dataset<T> dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Split(dataset.Count);
    }

    internal static void CheckOptions(int nSplits, bool shuffle, long? randomState)
    {
        if (nSplits < 2)
            throw new ArgumentException($"k-fold cross-validation requires at least one train/test split by setting n_splits=2 or more, got n_splits={nSplits}.", nameof(nSplits));
        if (!shuffle && randomState is not null)
            throw new ArgumentException("Setting a random_state has no effect since shuffle is False. You should leave random_state to its default (None), or set shuffle=True.", nameof(randomState));
    }

    internal static void CheckSamples(int nSplits, int nSamples)
    {
        if (nSplits > nSamples)
            throw new ArgumentException($"Cannot have number of splits n_splits={nSplits} greater than the number of samples: n_samples={nSamples}.", nameof(nSamples));
    }

    /// <summary>Turns a fold number per sample into sorted (train, test) index arrays per fold.</summary>
    internal static IEnumerable<(int[] Train, int[] Test)> FromFolds(int[] foldOf, int nSplits)
    {
        var sizes = new int[nSplits];
        foreach (int f in foldOf) sizes[f]++;
        for (int f = 0; f < nSplits; f++)
        {
            var test = new int[sizes[f]];
            var train = new int[foldOf.Length - sizes[f]];
            int a = 0, b = 0;
            for (int i = 0; i < foldOf.Length; i++)
            {
                if (foldOf[i] == f) test[a++] = i;
                else train[b++] = i;
            }
            yield return (train, test);
        }
    }
}
