using System.Collections;

namespace Ember.Data;

/// <summary>
/// A sequence of dataset indices (or of index batches) with a known length (PyTorch's <c>Sampler</c>).
/// A <see cref="DataLoader{T, TBatch}"/> enumerates its sampler once per epoch, on the thread that
/// enumerates the loader, before any worker starts; so a random sampler's draws never depend on
/// worker scheduling.
/// </summary>
/// <typeparam name="T">What one step yields: <c>int</c> for index samplers, <c>int[]</c> for batch samplers.</typeparam>
public abstract class Sampler<T> : IEnumerable<T>
{
    /// <summary>The number of elements one pass yields (PyTorch's <c>__len__</c>).</summary>
    public abstract int Count { get; }

    /// <summary>Starts one pass (one epoch); random samplers draw a new order on each call.</summary>
    public abstract IEnumerator<T> GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A Fisher–Yates permutation of 0 … n-1, drawn exactly as <see cref="Torch.Randperm"/> draws it.</summary>
    internal static int[] Permutation(int n, Generator generator)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--)
        {
            int j = (int)generator.NextInt64(0, i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }
}
