namespace Ember.Data;

/// <summary>
/// A collection of samples that can be read by index (PyTorch's map-style <c>Dataset</c>): a length
/// and an item accessor. Supervised sets use <c>(Tensor Input, Tensor Target)</c> samples.
/// </summary>
/// <typeparam name="T">The type of one sample.</typeparam>
public abstract class Dataset<T>
{
    /// <summary>The number of samples (PyTorch's <c>__len__</c>).</summary>
    public abstract int Count { get; }

    /// <summary>Reads sample <paramref name="index"/> (PyTorch's <c>__getitem__</c>); implementations must be safe to call from several threads at once.</summary>
    /// <param name="index">The index, in [0, <see cref="Count"/>).</param>
    /// <exception cref="IndexOutOfRangeException">The index is out of range.</exception>
    public abstract T this[int index] { get; }

    /// <summary>Throws the standard out-of-range error for <paramref name="index"/>.</summary>
    /// <param name="index">The index to check.</param>
    /// <exception cref="IndexOutOfRangeException">The index is outside [0, <see cref="Count"/>).</exception>
    protected void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new IndexOutOfRangeException($"{GetType().Name}: index {index} is out of range for a dataset of {Count} samples");
    }
}
