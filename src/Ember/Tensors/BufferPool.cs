using System.Collections.Concurrent;
using System.Numerics;

namespace Ember;

/// <summary>
/// Size-bucketed pool of element arrays behind tensor storage. Arrays are powers of two long, so a
/// training loop that allocates the same shapes every step reuses the same buffers instead of
/// churning the garbage collector (large arrays would otherwise land on the large-object heap).
/// Buffers come back when their <see cref="Storage"/> is disposed or finalized.
/// </summary>
internal static class BufferPool<T> where T : unmanaged
{
    // Arrays shorter than this are cheaper to allocate than to pool.
    private const int MinPooledLength = 256;
    private const int MaxPerBucket = 32;
    private static readonly ConcurrentBag<T[]>[] Buckets = CreateBuckets();

    private static ConcurrentBag<T[]>[] CreateBuckets()
    {
        var b = new ConcurrentBag<T[]>[32];
        for (int i = 0; i < b.Length; i++) b[i] = new ConcurrentBag<T[]>();
        return b;
    }

    private static int BucketOf(int length) => BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)length));

    /// <summary>Rents an array of at least <paramref name="length"/> elements, contents unspecified.</summary>
    public static T[] Rent(int length)
    {
        if (length < MinPooledLength) return length == 0 ? System.Array.Empty<T>() : new T[length];
        int bucket = BucketOf(length);
        if (bucket < Buckets.Length && Buckets[bucket].TryTake(out var array)) return array;
        return GC.AllocateUninitializedArray<T>(bucket < 31 ? 1 << bucket : length);
    }

    /// <summary>Returns an array obtained from <see cref="Rent"/>.</summary>
    public static void Return(T[] array)
    {
        if (array.Length < MinPooledLength || !BitOperations.IsPow2(array.Length)) return;
        var bag = Buckets[BucketOf(array.Length)];
        if (bag.Count < MaxPerBucket) bag.Add(array);
    }
}
