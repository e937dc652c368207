namespace Ember.Data;

/// <summary>Yields 0, 1, …, length-1 in order (PyTorch's <c>SequentialSampler</c>); the default when a loader does not shuffle.</summary>
public sealed class SequentialSampler : Sampler<int>
{
    /// <summary>Creates a sampler over <paramref name="length"/> items.</summary>
    /// <param name="length">The number of items in the data source (<c>dataset.Count</c>); non-negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public SequentialSampler(int length)
    {
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), length, $"SequentialSampler: length must be non-negative, got {length}");
        Length = length;
    }

    /// <summary>The number of items in the data source.</summary>
    public int Length { get; }

    /// <inheritdoc/>
    public override int Count => Length;

    /// <inheritdoc/>
    public override IEnumerator<int> GetEnumerator()
    {
        for (int i = 0; i < Length; i++) yield return i;
    }
}
