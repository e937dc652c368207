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
        int size = bucket < 31 ? 1 << bucket : length;
        long bytes = (long)size * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if (bucket < Buckets.Length)
        {
            if (Buckets[bucket].TryPop() is { } array)
            {
                PoolPressure.OnRent(bytes);
                return array;
            }
            // Dead tensors' buffers may be waiting for their finalizers: collect and look again before allocating.
            if (PoolPressure.CollectBeforeMiss(bytes))
            {
                var reclaimed = Buckets[bucket].TryPop();
                PoolPressure.AfterCollection(recycled: reclaimed is not null);
                if (reclaimed is not null) return reclaimed;
            }
        }
        PoolPressure.OnMiss();
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
/// storage, which only happens when a collection runs. Before the pool hands out a fresh buffer, this may run a cheap
/// young-generation collection and wait for the finalizers, so that dead tensors' buffers are reused instead of the
/// process allocating (and paging in) new ones until the collector decides to run.
/// </summary>
/// <remarks>
/// <para>
/// Two regimes. While collections recycle (the last one gave back a buffer of the size that was missing: a training
/// loop whose dead tensors wait for their finalizers), a miss collects at once, provided the pool has handed out at
/// least <see cref="MinTurnoverBytes"/> since the previous collection; a steady-state training step then allocates no
/// buffer at all, even without a <see cref="DisposeScope"/>. Otherwise (a model or a data set being built: the memory
/// is live) misses accumulate up to an allowance that adapts between 4 and 64 MB: when the finalizers gave back at least
/// half an allowance since the previous collection it halves, otherwise it doubles.
/// </para>
/// <para>
/// The collection never waits on the finalizer thread itself (a finalizer that makes a tensor), which would deadlock.
/// </para>
/// </remarks>
internal static class PoolPressure
{
    private const long MinCollectAfterBytes = 4L << 20;
    private const long MaxCollectAfterBytes = 64L << 20;
    /// <summary>While recycling, the pooled bytes handed out between two collections at least (a collection per step
    /// of a small model would cost more than it saves).</summary>
    private const long MinTurnoverBytes = 8L << 20;
    private static long _collectAfterBytes = MinCollectAfterBytes;
    private static long _missedBytes;
    private static long _reclaimedBytes;
    private static long _rentedBytes;
    private static int _recycling;
    private static int _fullNext;
    private static int _finalizerThread;

    private static long _totalMisses, _totalReclaims;

    /// <summary>Fresh buffer allocations so far (pool misses), for tests of steady-state memory.</summary>
    public static long TotalMisses => Interlocked.Read(ref _totalMisses);

    /// <summary>Buffers handed back by finalizers so far (not by Dispose), for tests of deterministic freeing.</summary>
    public static long TotalFinalizerReclaims => Interlocked.Read(ref _totalReclaims);

    /// <summary>Counts a buffer of <paramref name="bytes"/> that a finalizer handed back to the pool.</summary>
    public static void OnReclaimed(long bytes)
    {
        _finalizerThread = Environment.CurrentManagedThreadId;
        Interlocked.Increment(ref _totalReclaims);
        Interlocked.Add(ref _reclaimedBytes, bytes);
    }

    /// <summary>Counts a pooled buffer of <paramref name="bytes"/> handed out.</summary>
    public static void OnRent(long bytes) => Interlocked.Add(ref _rentedBytes, bytes);

    /// <summary>
    /// Called when the pool has no buffer of <paramref name="bytes"/>: true after a collection that waited for the
    /// finalizers (the caller looks in the pool again and reports with <see cref="AfterCollection"/>), false when a
    /// fresh buffer should be allocated now.
    /// </summary>
    public static bool CollectBeforeMiss(long bytes)
    {
        if (Environment.CurrentManagedThreadId == Volatile.Read(ref _finalizerThread)) return false;
        bool recycling = Volatile.Read(ref _recycling) != 0 && Interlocked.Read(ref _rentedBytes) >= MinTurnoverBytes;
        if (!recycling)
        {
            long allowance = Volatile.Read(ref _collectAfterBytes);
            if (Interlocked.Add(ref _missedBytes, bytes) < allowance) return false;
            long reclaimed = Interlocked.Exchange(ref _reclaimedBytes, 0);
            Volatile.Write(ref _collectAfterBytes, reclaimed >= allowance / 2
                ? Math.Max(MinCollectAfterBytes, allowance / 2)
                : Math.Min(MaxCollectAfterBytes, allowance * 2));
        }
        Interlocked.Exchange(ref _missedBytes, 0);
        Interlocked.Exchange(ref _rentedBytes, 0);
        // A young collection reclaims the tensors that died young. Tensors that were alive across two collections (two
        // misses in one step) sit in the oldest generation, where young collections never look: once a young one gives
        // nothing back, the next is a full one, so a loop cannot settle into allocating every buffer afresh each step.
        GC.Collect(Volatile.Read(ref _fullNext) != 0 ? 2 : 1, GCCollectionMode.Forced, blocking: true);
        GC.WaitForPendingFinalizers();
        return true;
    }

    /// <summary>Reports whether the collection gave back a buffer of the missing size (recycling: collect at the next miss;
    /// not: the next collection is a full one).</summary>
    public static void AfterCollection(bool recycled)
    {
        Volatile.Write(ref _recycling, recycled ? 1 : 0);
        Volatile.Write(ref _fullNext, recycled ? 0 : 1);
    }

    /// <summary>Counts a fresh buffer allocation.</summary>
    public static void OnMiss() => Interlocked.Increment(ref _totalMisses);
}
