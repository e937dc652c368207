namespace Ember.Data;

/// <summary>
/// The samples of a dataset at the given indices, in that order (PyTorch's <c>Subset</c>); what
/// <see cref="Splits.RandomSplit{T}(Dataset{T}, int[], Generator?)"/> returns. Nothing is copied.
/// </summary>
/// <typeparam name="T">The sample type.</typeparam>
public sealed class Subset<T> : Dataset<T>
{
    private readonly int[] _indices;

    /// <summary>Creates the view.</summary>
    /// <param name="dataset">The underlying dataset.</param>
    /// <param name="indices">Indices into <paramref name="dataset"/> (copied; repeats allowed).</param>
    /// <exception cref="IndexOutOfRangeException">An index is outside [0, dataset.Count).</exception>
    public Subset(Dataset<T> dataset, int[] indices)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(indices);
        int n = dataset.Count;
        for (int k = 0; k < indices.Length; k++)
            if ((uint)indices[k] >= (uint)n)
                throw new IndexOutOfRangeException($"Subset: index {indices[k]} (position {k}) is out of range for a dataset of {n} samples");
        Dataset = dataset;
        _indices = (int[])indices.Clone();
    }

    /// <summary>The underlying dataset.</summary>
    public Dataset<T> Dataset { get; }

    /// <summary>The indices into <see cref="Dataset"/>.</summary>
    public IReadOnlyList<int> Indices => _indices;

    /// <inheritdoc/>
    public override int Count => _indices.Length;

    /// <summary>Sample <c>Dataset[Indices[index]]</c>.</summary>
    /// <param name="index">In [0, <see cref="Count"/>).</param>
    /// <exception cref="IndexOutOfRangeException">The index is out of range.</exception>
    public override T this[int index]
    {
        get
        {
            CheckIndex(index);
            return Dataset[_indices[index]];
        }
    }
}
