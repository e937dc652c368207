namespace Ember;

/// <summary>
/// The flat element buffer behind one or more tensors (a tensor and all its views share one storage).
/// It also carries the version counter that autograd uses to detect in-place modification of a
/// tensor that backward still needs.
/// </summary>
/// <remarks>
/// Buffers are pooled: when the storage is disposed or finalized its array returns to
/// <see cref="BufferPool{T}"/>. A kernel that takes a span from a tensor must therefore keep the
/// tensor alive until it is done (<see cref="GC.KeepAlive(object?)"/>); the drivers in
/// <c>Kernels/</c> do this for every op built on them.
/// </remarks>
internal abstract class Storage : IDisposable
{
    [ThreadStatic] private static List<Storage>? _recycleScope;
    private int _version;

    protected Storage()
    {
        _recycleScope?.Add(this);
    }

    /// <summary>
    /// Starts recording every storage allocated on this thread (used by the backward pass, whose
    /// intermediate gradients are garbage once it ends). Returns the previous scope to restore.
    /// </summary>
    public static List<Storage>? BeginRecycleScope(List<Storage> scope)
    {
        var previous = _recycleScope;
        _recycleScope = scope;
        return previous;
    }

    /// <summary>Stops recording and restores the enclosing scope.</summary>
    public static void EndRecycleScope(List<Storage>? previous) => _recycleScope = previous;

    /// <summary>Returns the buffer to the pool now; every tensor on this storage becomes unusable.</summary>
    public abstract void Dispose();

    public abstract DType DType { get; }

    /// <summary>Number of usable elements.</summary>
    public abstract int Length { get; }

    /// <summary>Bumped by every in-place write through any tensor that shares this storage.</summary>
    public int Version => Volatile.Read(ref _version);

    public void BumpVersion() => Interlocked.Increment(ref _version);

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

    public Storage(int length, bool zero)
    {
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

    public T[] Array => _array ?? throw new ObjectDisposedException(nameof(Storage), "the tensor's storage has been disposed");

    public Span<T> Span => Array.AsSpan(0, _length);

    public override void Dispose()
    {
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
