using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ember.Kernels;

/// <summary>
/// Weights packed once for inference (ONNX Runtime's and oneDNN's pre-packed weights): a linear layer's W, or a skinny
/// convolution's. A deep layer at batch 1 multiplies a few output pixels by a large weight, and a linear layer packs its
/// weight on every call, so the product reads and writes the weight twice more than the arithmetic needs. In inference
/// mode a weight seen twice at the same version is packed (as Wᵀ, the B operand of x·Wᵀ or of the transposed product
/// Yᵀ = colsᵀ·Wᵀ) and kept beside its storage until that storage is collected or written (a new version packs again).
/// </summary>
internal static class PackedWeights
{
    private static readonly ConditionalWeakTable<Storage, Entry> Table = new();

    /// <summary>One weight's packed groups, valid for one (offset, version, shape).</summary>
    private sealed class Entry(int offset, int version, int groups, int og, int k)
    {
        public readonly int Offset = offset, Version = version, Groups = groups, Og = og, K = k;
        public object?[]? Packed;

        public bool Matches(int offset, int version, int groups, int og, int k) =>
            Offset == offset && Version == version && Groups == groups && Og == og && K == k;
    }

    /// <summary>
    /// The packed Wᵀ [k, og] of group <paramref name="gi"/> of weight <paramref name="w"/> [groups·og, k] (contiguous), or
    /// null when the weight should not be packed (not in inference mode, or the first sighting of this version).
    /// </summary>
    public static GemmPrepackedB<T>? For<T>(Tensor w, int gi, int groups, int og, int k) where T : unmanaged, INumber<T>
    {
        if (!Autograd.InferenceMode.IsEnabled) return null;
        var storage = w.Storage;
        int offset = w.Offset, version = storage.Version;
        if (!Table.TryGetValue(storage, out var entry) || !entry.Matches(offset, version, groups, og, k))
        {
            // First sighting (or a new version): remember it, pack only if it comes back (a weight made afresh for each
            // call would otherwise be packed for nothing).
            Table.AddOrUpdate(storage, new Entry(offset, version, groups, og, k));
            return null;
        }
        var packed = entry.Packed ??= new object?[groups];
        if (Volatile.Read(ref packed[gi]) is GemmPrepackedB<T> done) return done;
        var array = w.Typed<T>().Array;
        var made = new GemmPrepackedB<T>(array.AsSpan(offset + gi * og * k, og * k), 1, k, k, og);
        GC.KeepAlive(w);
        Interlocked.CompareExchange(ref packed[gi], made, null);
        return (GemmPrepackedB<T>)packed[gi]!;
    }
}
