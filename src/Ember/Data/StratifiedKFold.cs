using System.Diagnostics;

namespace Ember.Data;

/// <summary>
/// Stratified K-fold cross-validation indices (scikit-learn's <c>StratifiedKFold</c>, the algorithm of
/// scikit-learn ≥ 1.0): every fold keeps the class proportions of the whole set as closely as possible.
/// </summary>
/// <remarks>
/// <para>The algorithm, as scikit-learn's <c>_make_test_folds</c>: classes are numbered by first
/// appearance; the sorted class codes are dealt round-robin to the folds, which fixes how many samples of
/// each class each fold receives (allocation); then each class's samples, in data order, are given to
/// folds 0, 1, … in blocks of those sizes (the blocks' fold labels shuffled per class with
/// <see cref="Shuffle"/>). Without shuffling the result equals scikit-learn's index for index; with it,
/// the shuffles come from an Ember <see cref="Generator"/>, not NumPy, so they differ from scikit-learn's.</para>
/// <para>Like scikit-learn, it throws when every class has fewer than <see cref="NSplits"/> members, and
/// only warns (through <see cref="Trace.TraceWarning(string)"/>) when the least populated class does.
/// Both index arrays of a split are sorted ascending.</para>
/// </remarks>
public sealed class StratifiedKFold
{
    /// <summary>Creates the splitter.</summary>
    /// <param name="nSplits">Number of folds (default 5); at least 2.</param>
    /// <param name="shuffle">Shuffle each class's fold assignment (default false).</param>
    /// <param name="randomState">Seed of the shuffle (default null: draw from <see cref="Generator.Default"/>); only with <paramref name="shuffle"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="nSplits"/> &lt; 2, or <paramref name="randomState"/> given without <paramref name="shuffle"/>.</exception>
    public StratifiedKFold(int nSplits = 5, bool shuffle = false, long? randomState = null)
    {
        KFold.CheckOptions(nSplits, shuffle, randomState);
        NSplits = nSplits;
        Shuffle = shuffle;
        RandomState = randomState;
    }

    /// <summary>Number of folds.</summary>
    public int NSplits { get; }

    /// <summary>Whether each class's fold assignment is shuffled.</summary>
    public bool Shuffle { get; }

    /// <summary>The shuffle's seed, or null.</summary>
    public long? RandomState { get; }

    /// <summary>The train/test indices of each fold, in fold order.</summary>
    /// <param name="labels">One class label per sample (any values; at least <see cref="NSplits"/> samples).</param>
    /// <returns><see cref="NSplits"/> pairs (Train, Test), both sorted ascending.</returns>
    /// <exception cref="ArgumentException">Fewer samples than folds, or every class has fewer than <see cref="NSplits"/> members.</exception>
    public IEnumerable<(int[] Train, int[] Test)> Split(long[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        KFold.CheckSamples(NSplits, labels.Length);
        int n = labels.Length;

        // Encode classes by order of first appearance (scikit-learn's y_encoded).
        var codeOf = new Dictionary<long, int>();
        var encoded = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (!codeOf.TryGetValue(labels[i], out int c)) codeOf[labels[i]] = c = codeOf.Count;
            encoded[i] = c;
        }
        int nClasses = codeOf.Count;
        var counts = new int[nClasses];
        foreach (int c in encoded) counts[c]++;
        int minCount = counts.Min();
        if (counts.All(c => NSplits > c))
            throw new ArgumentException($"n_splits={NSplits} cannot be greater than the number of members in each class.", nameof(labels));
        if (NSplits > minCount)
            Trace.TraceWarning($"StratifiedKFold: The least populated class in y has only {minCount} members, which is less than n_splits={NSplits}.");

        // allocation[f, c], how many samples of class c fold f tests, is scikit-learn's round-robin over the sorted codes: class c
        // holds the sorted positions [start, start + count), and fold f gets those p with p % n_splits == f. Counted per class,
        // never as an n_splits × n_classes matrix (which for many classes and folds would not fit in memory).
        var g = Shuffle ? (RandomState is long seed ? new Generator(seed) : Generator.Default) : null;
        var foldOf = new int[n];
        var members = new List<int>[nClasses];
        for (int c = 0; c < nClasses; c++) members[c] = new List<int>(counts[c]);
        for (int i = 0; i < n; i++) members[encoded[i]].Add(i);
        int start = 0;
        for (int c = 0; c < nClasses; c++)
        {
            var folds = new int[counts[c]];
            if (folds.Length >= NSplits)
            {
                int k = 0;
                for (int f = 0; f < NSplits; f++)
                    for (int r = CountResidue(start, start + folds.Length, f, NSplits); r > 0; r--) folds[k++] = f;
            }
            else
            {
                for (int t = 0; t < folds.Length; t++) folds[t] = (start + t) % NSplits;
                Array.Sort(folds);
            }
            start += folds.Length;
            if (g is not null)
            {
                var perm = Sampler<int>.Permutation(folds.Length, g);
                folds = Array.ConvertAll(perm, p => folds[p]);
            }
            for (int j = 0; j < folds.Length; j++) foldOf[members[c][j]] = folds[j];
        }
        return KFold.FromFolds(foldOf, NSplits);
    }

    /// <summary>How many p in [<paramref name="from"/>, <paramref name="to"/>) have p % <paramref name="k"/> == <paramref name="f"/>.</summary>
    private static int CountResidue(int from, int to, int f, int k)
    {
        static long UpTo(long x, int f, int k) => x > f ? (x - f - 1) / k + 1 : 0;
        return (int)(UpTo(to, f, k) - UpTo(from, f, k));
    }

    /// <summary>The folds for labels given as an int64 tensor [N] (see <see cref="Split(long[])"/>).</summary>
    /// <param name="labels">Class labels, int64 [N].</param>
    /// <exception cref="ArgumentException">The tensor is not 1-D int64, or as <see cref="Split(long[])"/>.</exception>
    public IEnumerable<(int[] Train, int[] Test)> Split(Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Dim != 1 || labels.DType != DType.Int64)
            throw new ArgumentException($"StratifiedKFold: expected labels as a 1-D int64 tensor, got {labels.Describe()}", nameof(labels));
        return Split(labels.ToArray<long>());
    }
}
