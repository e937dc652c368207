namespace Ember;

/// <summary>
/// Frees, when disposed, every tensor created on this thread while it was the innermost scope (TorchSharp's
/// <c>torch.NewDisposeScope()</c>): wrap each step of a loop in one and its memory stays flat without waiting
/// for the garbage collector. Create it with <see cref="Torch.NewDisposeScope"/>.
/// </summary>
/// <remarks>
/// <para>
/// A tensor escapes its scope with <see cref="MoveToOuter{T}(T)"/> (the enclosing scope then owns it) or
/// <see cref="Tensor.DetachFromDisposeScope"/> (no scope owns it; the garbage collector reclaims it). Disposing a
/// tensor only gives up that handle: views, bases and gradients sharing its data stay valid, so a scope never
/// breaks a tensor that escaped it.
/// </para>
/// <para>
/// What escapes on its own: a leaf's gradient (<see cref="Tensor.Grad"/>), parameters, module buffers and
/// optimizer state. A gradient that a leaf lets go of (<c>ZeroGrad</c>, or <c>Grad = null</c>) while a scope is
/// active is disposed with that scope. Run <see cref="Tensor.Backward"/> inside the scope that built the graph:
/// the tensors autograd saved for it are freed with the scope.
/// </para>
/// <example>
/// <code>
/// for (int step = 0; step &lt; steps; step++)
/// {
///     using var scope = Torch.NewDisposeScope();
///     var loss = lossFn.Forward(model.Call(x), y);
///     opt.ZeroGrad();
///     loss.Backward();
///     opt.Step();
///     losses.Add(loss.Item());
/// }
/// </code>
/// </example>
/// </remarks>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? _current;

    private readonly DisposeScope? _outer;
    private readonly int _thread;
    private List<Tensor>? _tensors = RentList();

    // Lists of disposed scopes of this thread, kept for the next scopes (a scope per training step would otherwise grow a
    // fresh list to the step's tensor count every step).
    [ThreadStatic] private static List<Tensor>?[]? _freeLists;
    private const int MaxFreeLists = 4;
    private const int MaxPooledCapacity = 1 << 16;

    private static List<Tensor> RentList()
    {
        var free = _freeLists;
        if (free is not null)
            for (int i = 0; i < free.Length; i++)
                if (free[i] is { } list)
                {
                    free[i] = null;
                    return list;
                }
        return new List<Tensor>();
    }

    private static void ReturnList(List<Tensor> list)
    {
        if (list.Capacity > MaxPooledCapacity) return;
        list.Clear();
        var free = _freeLists ??= new List<Tensor>?[MaxFreeLists];
        for (int i = 0; i < free.Length; i++)
            if (free[i] is null)
            {
                free[i] = list;
                return;
            }
    }

    internal DisposeScope()
    {
        _outer = _current;
        _thread = Environment.CurrentManagedThreadId;
        _current = this;
    }

    /// <summary>The innermost scope of this thread, or null.</summary>
    internal static DisposeScope? Current => _current;

    /// <summary>The scope this one is nested in, or null.</summary>
    public DisposeScope? Outer => _outer;

    /// <summary>The number of tensors the scope will dispose (owned, not yet disposed).</summary>
    public int Count
    {
        get
        {
            int n = 0;
            if (_tensors is { } list)
                foreach (var t in list)
                    if (ReferenceEquals(t.OwningScope, this) && !t.IsDisposed) n++;
            return n;
        }
    }

    /// <summary>Makes <paramref name="scope"/> the innermost scope of this thread (autograd runs user hooks in the user's scope).</summary>
    internal static void SetCurrent(DisposeScope? scope) => _current = scope;

    /// <summary>Records a new tensor in the innermost scope of this thread.</summary>
    internal static void Track(Tensor t)
    {
        var s = _current;
        if (s is null) return;
        t.OwningScope = s;
        s._tensors!.Add(t);
    }

    /// <summary>
    /// Puts <paramref name="tensor"/> under this scope (e.g. a batch made on a worker thread, or a gradient a leaf
    /// let go of): it is disposed with the scope unless it escapes.
    /// </summary>
    /// <param name="tensor">The tensor.</param>
    /// <exception cref="ObjectDisposedException">The scope was disposed.</exception>
    public T Include<T>(T tensor) where T : Tensor
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var list = _tensors ?? throw new ObjectDisposedException(nameof(DisposeScope), "DisposeScope: the scope was already disposed");
        tensor.OwningScope = this;
        list.Add(tensor);
        return tensor;
    }

    /// <summary>
    /// Hands <paramref name="tensor"/> (owned by this scope) to the enclosing scope, or to no scope when this is the
    /// outermost; returns it (TorchSharp's <c>MoveToOuterDisposeScope</c>).
    /// </summary>
    /// <param name="tensor">The tensor to keep past this scope.</param>
    public T MoveToOuter<T>(T tensor) where T : Tensor
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!ReferenceEquals(tensor.OwningScope, this)) return tensor;
        if (_outer is { _tensors: not null } outer) outer.Include(tensor);
        else tensor.OwningScope = null;
        return tensor;
    }

    /// <summary>
    /// Gives up every tensor this scope owns without disposing them (they belong to no scope afterwards) and returns
    /// them: a DataLoader worker hands the tensors of a batch to the consumer's scope this way.
    /// </summary>
    internal List<Tensor> Release()
    {
        var owned = new List<Tensor>();
        if (_tensors is { } list)
            foreach (var t in list)
                if (ReferenceEquals(t.OwningScope, this))
                {
                    t.OwningScope = null;
                    owned.Add(t);
                }
        return owned;
    }

    /// <summary>Disposes every tensor this scope still owns and makes the enclosing scope current again.</summary>
    /// <exception cref="InvalidOperationException">Disposed on another thread than the one that created it, or while a
    /// scope created inside it is still open.</exception>
    public void Dispose()
    {
        var list = _tensors;
        if (list is null) return;
        if (Environment.CurrentManagedThreadId != _thread)
            throw new InvalidOperationException("DisposeScope: a scope must be disposed on the thread that created it");
        if (!ReferenceEquals(_current, this))
            throw new InvalidOperationException("DisposeScope: scopes must be disposed in the reverse order of their creation (an inner scope is still open)");
        _tensors = null;
        _current = _outer;
        foreach (var t in list)
            if (ReferenceEquals(t.OwningScope, this)) t.Dispose();
        ReturnList(list);
    }
}

public static partial class Torch
{
    /// <summary>
    /// Opens a <see cref="DisposeScope"/> on this thread: every tensor created until it is disposed (on this thread)
    /// is freed with it, except those moved out. Use one per training step: <c>using var scope = Torch.NewDisposeScope();</c>.
    /// </summary>
    public static DisposeScope NewDisposeScope() => new();
}
