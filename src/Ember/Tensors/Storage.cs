namespace Ember;

/// <summary>
/// The flat element buffer behind one or more tensors (a tensor and all its views share one storage).
/// It also carries the version counter that autograd uses to detect in-place modification of a
/// tensor that backward still needs.
/// </summary>
/// <remarks>
/// <para>
/// Ownership: every <see cref="Tensor"/> is a handle that holds one reference to its storage. Disposing a
/// tensor gives up its own reference only; the buffer goes back to <see cref="BufferPool{T}"/> when the last
/// handle is disposed — so disposing a view never invalidates its base, a gradient or another view, and
/// disposing is always optional: a storage whose handles were simply dropped is reclaimed by its finalizer.
/// </para>
/// <para>
/// A kernel that takes a span from a tensor must keep the tensor alive until it is done
/// (<see cref="GC.KeepAlive(object?)"/>); the drivers in <c>Kernels/</c> do this for every op built on them.
/// </para>
/// </remarks>
internal abstract class Storage
{
    private int _version;
    private int _handles;
    private static long s_serial;

    /// <summary>The order of creation of this storage among all storages (1, 2, …): a storage whose serial is above a
    /// mark taken earlier was made after it.</summary>
    internal long Serial { get; } = Interlocked.Increment(ref s_serial);

    /// <summary>The serial of the most recently created storage.</summary>
    internal static long LastSerial => Volatile.Read(ref s_serial);

    /// <summary>When set on a thread, new pooled storages add their length to <see cref="AllocatedElements"/> (backward's accounting).</summary>
    [ThreadStatic] internal static bool CountAllocations;

    /// <summary>Elements allocated on this thread while <see cref="CountAllocations"/> was set.</summary>
    [ThreadStatic] internal static long AllocatedElements;

    /// <summary>Counts one more tensor handle on this storage.</summary>
    public void AddHandle() => Interlocked.Increment(ref _handles);

    /// <summary>Gives up one tensor handle; the last one returns the buffer to the pool now.</summary>
    public void ReleaseHandle()
    {
        if (Interlocked.Decrement(ref _handles) == 0) Free();
    }

    /// <summary>The number of live (undisposed) tensor handles.</summary>
    public int Handles => Volatile.Read(ref _handles);

    /// <summary>Returns the buffer to the pool now (no handle is left to use it).</summary>
    protected abstract void Free();

    /// <summary>True for the stand-in storage of disposed tensors.</summary>
    public abstract bool IsDisposedStandIn { get; }

    /// <summary>The storage a disposed tensor of <paramref name="dtype"/> points at: every access raises <see cref="ObjectDisposedException"/>.</summary>
    public static Storage DisposedStandIn(DType dtype)
    {
        var f = new StandInOf();
        return Kernels.Dispatch.Any<StandInOf, Storage>(dtype, ref f);
    }

    private readonly struct StandInOf : Kernels.IElementFunc<Storage>
    {
        public Storage Invoke<T>() where T : unmanaged => Storage<T>.Disposed;
    }

    public abstract DType DType { get; }

    /// <summary>Number of usable elements.</summary>
    public abstract int Length { get; }

    /// <summary>Bumped by every in-place write through any tensor that shares this storage.</summary>
    public int Version => Volatile.Read(ref _version);

    public void BumpVersion() => Interlocked.Increment(ref _version);

    /// <summary>Made in inference mode: its tensors are inference tensors (<see cref="Tensor.IsInference"/>).</summary>
    public bool IsInference { get; } = Autograd.InferenceMode.IsEnabled;

    public static Storage Allocate(DType dtype, int length, bool zero, string op = "empty") => dtype switch
    {
        DType.Float32 => new Storage<float>(length, zero),
        DType.Float64 => new Storage<double>(length, zero),
        DType.Int64 => new Storage<long>(length, zero),
        DType.Bool => new Storage<bool>(length, zero),
        DType.UInt8 => new Storage<byte>(length, zero),
        DType.Int32 => new Storage<int>(length, zero),
        DType.Float16 => new Storage<Half>(length, zero),
        DType.BFloat16 => new Storage<BFloat16>(length, zero),
        _ => throw DTypeExtensions.Undefined(dtype, op),
    };
}

/// <summary>A storage of elements of type <typeparamref name="T"/>.</summary>
internal sealed class Storage<T> : Storage where T : unmanaged
{
    private T[]? _array;
    private readonly int _length;
    private readonly bool _pooled;
    private readonly bool _standIn;

    /// <summary>The stand-in storage of disposed tensors of this element type.</summary>
    public static readonly Storage<T> Disposed = new();

    private Storage()
    {
        _standIn = true;
        GC.SuppressFinalize(this);
    }

    public Storage(int length, bool zero)
    {
        if (CountAllocations) AllocatedElements += length;
        _length = length;
        _array = BufferPool<T>.Rent(length);
        _pooled = true;
        if (zero) System.Array.Clear(_array, 0, length);
    }

    /// <summary>Wraps an existing array without copying; it is never returned to the pool.</summary>
    public Storage(T[] array)
    {
        _array = array;
        _length = array.Length;
        _pooled = false;
    }

    public override DType DType => DTypeExtensions.Of<T>();

    public override int Length => _length;

    public override bool IsDisposedStandIn => _standIn;

    public T[] Array => _array ?? throw new ObjectDisposedException("Tensor",
        "the tensor has been disposed (by Dispose() or by the DisposeScope it was created in); other tensors on the same data are not affected");

    public Span<T> Span => Array.AsSpan(0, _length);

    protected override void Free()
    {
        if (_standIn) return;
        var a = Interlocked.Exchange(ref _array, null);
        if (a is not null && _pooled) BufferPool<T>.Return(a);
        GC.SuppressFinalize(this);
    }

    ~Storage()
    {
        var a = _array;
        _array = null;
        if (a is not null && _pooled)
        {
            BufferPool<T>.Return(a);
            PoolPressure.OnReclaimed((long)a.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
        }
    }
}
