namespace Ember.Data;

/// <summary>Yields the given indices in a random order, without replacement (PyTorch's <c>SubsetRandomSampler</c>); a fresh order per pass.</summary>
public sealed class SubsetRandomSampler : Sampler<int>
{
    private readonly int[] _indices;

    /// <summary>Creates a sampler over <paramref name="indices"/>.</summary>
    /// <param name="indices">The dataset indices to draw from (copied).</param>
    /// <param name="generator">The generator, advanced by every pass (default: the enumerating thread's <see cref="Generator.Default"/>).</param>
    public SubsetRandomSampler(int[] indices, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(indices);
        _indices = (int[])indices.Clone();
        Generator = generator;
    }

    /// <summary>The indices drawn from.</summary>
    public IReadOnlyList<int> Indices => _indices;

    /// <summary>The generator, or null for the enumerating thread's default.</summary>
    public Generator? Generator { get; }

    /// <inheritdoc/>
    public override int Count => _indices.Length;

    /// <inheritdoc/>
    public override IEnumerator<int> GetEnumerator()
    {
        var perm = Permutation(_indices.Length, Generator ?? Generator.Default);
        for (int k = 0; k < perm.Length; k++) yield return _indices[perm[k]];
    }
}
