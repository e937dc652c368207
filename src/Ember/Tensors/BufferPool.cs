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
    // At least this many free arrays per size (more for small sizes, up to MaxBytesPerBucket): ResNet-18's training step
    // keeps 33 activation-sized buffers of one size alive at its peak, and a bucket one short of the peak makes every step
    // allocate (and page in) a fresh buffer.
    private const int MaxPerBucket = 64;
    private const long MaxBytesPerBucket = 64L << 20;
    private static readonly Bucket[] Buckets = CreateBuckets();

    private static Bucket[] CreateBuckets()
    {
        var b = new Bucket[32];
        for (int i = 0; i < b.Length; i++)
            b[i] = new Bucket(Math.Max(MaxPerBucket, MaxBytesPerBucket / ((1L << i) * System.Runtime.CompilerServices.Unsafe.SizeOf<T>())));
        return b;
    }

    private static int BucketOf(int length) => BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)length));

    /// <summary>Rents an array of at least <paramref name="length"/> elements, contents unspecified.</summary>
    public static T[] Rent(int length)
    {
        if (length < MinPooledLength) return length == 0 ? System.Array.Empty<T>() : new T[length];
        int bucket = BucketOf(length);
        if (bucket < Buckets.Length && Buckets[bucket].TryPop() is { } array) return array;
        int size = bucket < 31 ? 1 << bucket : length;
        PoolPressure.OnMiss((long)size * System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
        return GC.AllocateUninitializedArray<T>(size);
    }

    /// <summary>Returns an array obtained from <see cref="Rent"/>.</summary>
    public static void Return(T[] array)
    {
        if (array.Length < MinPooledLength || !BitOperations.IsPow2(array.Length)) return;
        Buckets[BucketOf(array.Length)].TryPush(array);
    }

    /// <summary>
    /// A bounded stack of free arrays of one size behind a plain lock (last in, first out, so the most recently
    /// used buffer, likely still in cache, is reused first). The usual traffic is one thread renting and another
    /// (the finalizer) returning: here that costs one uncontended lock, ~35 ns, where a work-stealing bag has to
    /// steal each array from the returning thread's queue (~150–400 ns) and takes every thread's queue lock on a miss.
    /// </summary>
    private sealed class Bucket(long capacity)
    {
        private readonly Stack<T[]> _free = new();

        public T[]? TryPop()
        {
            lock (_free) return _free.TryPop(out var a) ? a : null;
        }

        public void TryPush(T[] array)
        {
            lock (_free)
                if (_free.Count < capacity) _free.Push(array);
        }
    }
}

/// <summary>
/// Buffers of tensors that died come back to the pool when the garbage collector finalizes their
/// storage, which only happens when a collection runs. After enough fresh buffer allocations (pool
/// misses) this starts a cheap young-generation collection so that dead tensors' buffers are reused
/// instead of the process growing until the collector decides to run.
/// </summary>
/// <remarks>
/// The allowance of missed bytes adapts between 4 and 64 MB: when the finalizers gave back at least half an
/// allowance since the previous collection, dead tensors are being recycled and collecting early pays (a
/// training loop then allocates almost nothing in steady state), so it halves; otherwise the memory is live
/// (a model or a data set being built) and collecting would only cost, so it doubles.
/// </remarks>
internal static class PoolPressure
{
    private const long MinCollectAfterBytes = 4L << 20;
    private const long MaxCollectAfterBytes = 64L << 20;
    private static long _collectAfterBytes = MinCollectAfterBytes;
    private static long _missedBytes;
    private static long _reclaimedBytes;

    private static long _totalMisses, _totalReclaims;

    /// <summary>Fresh buffer allocations so far (pool misses), for tests of steady-state memory.</summary>
    public static long TotalMisses => Interlocked.Read(ref _totalMisses);

    /// <summary>Buffers handed back by finalizers so far (not by Dispose), for tests of deterministic freeing.</summary>
    public static long TotalFinalizerReclaims => Interlocked.Read(ref _totalReclaims);

    /// <summary>Counts a buffer of <paramref name="bytes"/> that a finalizer handed back to the pool.</summary>
    public static void OnReclaimed(long bytes)
    {
        Interlocked.Increment(ref _totalReclaims);
        Interlocked.Add(ref _reclaimedBytes, bytes);
    }

    /// <summary>Counts a fresh allocation of <paramref name="bytes"/>; may start a collection.</summary>
    public static void OnMiss(long bytes)
    {
        Interlocked.Increment(ref _totalMisses);
        long allowance = Volatile.Read(ref _collectAfterBytes);
        if (Interlocked.Add(ref _missedBytes, bytes) < allowance) return;
        Interlocked.Exchange(ref _missedBytes, 0);
        long reclaimed = Interlocked.Exchange(ref _reclaimedBytes, 0);
        Volatile.Write(ref _collectAfterBytes, reclaimed >= allowance / 2
            ? Math.Max(MinCollectAfterBytes, allowance / 2)
            : Math.Min(MaxCollectAfterBytes, allowance * 2));
        GC.Collect(1, GCCollectionMode.Forced, blocking: false);
    }
}
