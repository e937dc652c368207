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
    private const long MaxBytesPerBucket = 64L << 20;
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
        int size = bucket < 31 ? 1 << bucket : length;
        PoolPressure.OnMiss((long)size * System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
        return GC.AllocateUninitializedArray<T>(size);
    }

    /// <summary>Returns an array obtained from <see cref="Rent"/>.</summary>
    public static void Return(T[] array)
    {
        if (array.Length < MinPooledLength || !BitOperations.IsPow2(array.Length)) return;
        var bag = Buckets[BucketOf(array.Length)];
        if (bag.Count < Math.Max(MaxPerBucket, MaxBytesPerBucket / ((long)array.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>()))) bag.Add(array);
    }
}

/// <summary>
/// Buffers of tensors that died come back to the pool when the garbage collector finalizes their
/// storage, which only happens when a collection runs. After enough fresh buffer allocations (pool
/// misses) this starts a cheap young-generation collection so that dead tensors' buffers are reused
/// instead of the process growing until the collector decides to run.
/// </summary>
internal static class PoolPressure
{
    private const long CollectAfterBytes = 64L << 20;
    private static long _missedBytes;

    public static void OnMiss(long bytes)
    {
        if (Interlocked.Add(ref _missedBytes, bytes) < CollectAfterBytes) return;
        Interlocked.Exchange(ref _missedBytes, 0);
        GC.Collect(1, GCCollectionMode.Forced, blocking: false);
    }
}
