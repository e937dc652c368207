namespace Ember.Data;

/// <summary>
/// Several datasets read as one, in order (PyTorch's <c>ConcatDataset</c>): index <c>i</c> goes to the
/// dataset whose cumulative range holds it.
/// </summary>
/// <typeparam name="T">The sample type.</typeparam>
public sealed class ConcatDataset<T> : Dataset<T>
{
    private readonly Dataset<T>[] _datasets;
    private readonly int[] _cumulative;

    /// <summary>Concatenates <paramref name="datasets"/>.</summary>
    /// <param name="datasets">One or more datasets (their sizes are read once, here).</param>
    /// <exception cref="ArgumentException">No dataset is given, or the total exceeds <see cref="int.MaxValue"/>.</exception>
    public ConcatDataset(params Dataset<T>[] datasets)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        if (datasets.Length == 0) throw new ArgumentException("ConcatDataset: datasets should not be an empty iterable", nameof(datasets));
        _datasets = (Dataset<T>[])datasets.Clone();
        _cumulative = new int[datasets.Length];
        long total = 0;
        for (int k = 0; k < datasets.Length; k++)
        {
            if (datasets[k] is null) throw new ArgumentNullException(nameof(datasets), $"ConcatDataset: dataset {k} is null");
            total += datasets[k].Count;
            if (total > int.MaxValue) throw new ArgumentException($"ConcatDataset: more than {int.MaxValue} samples in total", nameof(datasets));
            _cumulative[k] = (int)total;
        }
    }

    /// <summary>Concatenates a sequence of datasets (see <see cref="ConcatDataset{T}(Dataset{T}[])"/>).</summary>
    /// <param name="datasets">One or more datasets.</param>
    public ConcatDataset(IEnumerable<Dataset<T>> datasets) : this((datasets ?? throw new ArgumentNullException(nameof(datasets))).ToArray()) { }

    /// <summary>The datasets, in order.</summary>
    public IReadOnlyList<Dataset<T>> Datasets => _datasets;

    /// <summary>The running totals of the sizes (PyTorch's <c>cumulative_sizes</c>).</summary>
    public IReadOnlyList<int> CumulativeSizes => _cumulative;

    /// <inheritdoc/>
    public override int Count => _cumulative[^1];

    /// <summary>Sample <paramref name="index"/> of the concatenation.</summary>
    /// <param name="index">In [0, <see cref="Count"/>).</param>
    /// <exception cref="IndexOutOfRangeException">The index is out of range.</exception>
    public override T this[int index]
    {
        get
        {
            CheckIndex(index);
            // The first dataset whose cumulative size exceeds the index (bisect_right).
            int lo = 0, hi = _cumulative.Length - 1;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (_cumulative[mid] > index) hi = mid; else lo = mid + 1;
            }
            return _datasets[lo][lo == 0 ? index : index - _cumulative[lo - 1]];
        }
    }
}
