using Ember.Autograd;

namespace Ember;

/// <summary>
/// An n-dimensional array of <see cref="DType"/> elements with reverse-mode automatic
/// differentiation, like <c>torch.Tensor</c>. A tensor is a view (shape, strides, offset) over a
/// shared <see cref="Storage"/>: reshaping, transposing, slicing and expanding never copy.
/// </summary>
/// <remarks>
/// Create tensors with the factories on <see cref="Torch"/> (<c>Torch.Zeros(2, 3)</c>,
/// <c>Torch.FromArray(...)</c>, <c>Torch.Randn(...)</c>). Operations exist both as instance methods
/// (<c>x.Exp()</c>) and on <see cref="Torch"/> (<c>Torch.Exp(x)</c>).
/// </remarks>
public partial class Tensor : IDisposable
{
    // Mutable only through SetData (PyTorch's `x.data = ...`), which modules use to convert parameters in place.
    internal Storage Storage;
    internal int[] ShapeArray;
    internal int[] StridesArray;
    internal int Offset;
    private bool _requiresGrad;
    private AccumulateGrad? _accumulator;

    internal Tensor(Storage storage, int[] shape, int[] strides, int offset)
    {
        if (storage.IsDisposedStandIn)
            throw new ObjectDisposedException("Tensor", "the tensor has been disposed; a view of it cannot be taken");
        Storage = storage;
        ShapeArray = shape;
        StridesArray = strides;
        Offset = offset;
        storage.AddHandle();
        DisposeScope.Track(this);
    }

    /// <summary>
    /// The most elements a tensor may have: .NET's <see cref="Array.MaxLength"/>, the longest array a storage can be
    /// (0x7FFFFFC7 = 2,147,483,591). Views (expanded ones included) obey it too, so that every element count, index and
    /// storage offset fits an int.
    /// </summary>
    public const int MaxNumel = 0x7FFFFFC7;

    /// <summary>Allocates a contiguous tensor; its contents are zero when <paramref name="zero"/>, else unspecified.</summary>
    /// <param name="shape">The shape (taken, not copied).</param>
    /// <param name="dtype">The element type.</param>
    /// <param name="zero">Whether to zero the elements.</param>
    /// <param name="op">The op that asks, named in the error for a shape with too many elements.</param>
    /// <exception cref="ArgumentException">The shape has more than <see cref="MaxNumel"/> elements.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined dtype.</exception>
    internal static Tensor Empty(int[] shape, DType dtype, bool zero = false, string op = "empty")
    {
        int n = NumelOf(shape, op);
        return new Tensor(Storage.Allocate(dtype, n, zero, op), shape, ContiguousStrides(shape), 0);
    }

    /// <summary>
    /// The element count of <paramref name="shape"/> (sizes already known to be non-negative), checked against
    /// <see cref="MaxNumel"/> with an error that names <paramref name="op"/> and the shape.
    /// </summary>
    /// <exception cref="ArgumentException">The shape has more than <see cref="MaxNumel"/> elements.</exception>
    internal static int NumelOf(ReadOnlySpan<int> shape, string? op = null)
    {
        // In double: a long product of several large sizes can wrap around (to 0 or a small number). A zero size makes
        // the product 0 whatever the others are, as in PyTorch.
        double n = 1;
        foreach (var d in shape) n *= d;
        if (n > MaxNumel)
            throw new ArgumentException($"{op ?? "numel"}: a tensor of shape {Ember.Size.Format(shape)} has {n:0.################} elements, more than the {MaxNumel} (Array.MaxLength) a tensor can hold");
        return (int)n;
    }

    internal static int[] ContiguousStrides(ReadOnlySpan<int> shape)
    {
        // In 64 bits: an empty tensor's sizes can multiply past the int range (the strides of its dims of size > 1 are
        // then never used to address an element, and are clamped).
        if (shape.Length == 0) return [];
        var strides = new int[shape.Length];
        long s = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = (int)Math.Min(s, int.MaxValue);
            s = Math.Min(s * Math.Max(shape[d], 1), (long)int.MaxValue + 1);
        }
        return strides;
    }

    /// <summary>The element type.</summary>
    public DType DType => Storage.DType;

    /// <summary>The shape (PyTorch's <c>x.shape</c>).</summary>
    public Size Shape => Ember.Size.Wrap(ShapeArray);

    /// <summary>The strides, in elements, of each dimension (PyTorch's <c>x.stride()</c>).</summary>
    public Size Strides => Ember.Size.Wrap(StridesArray);

    /// <summary>The index of the first element in the storage (PyTorch's <c>x.storage_offset()</c>).</summary>
    public int StorageOffset => Offset;

    /// <summary>The number of dimensions (PyTorch's <c>x.dim()</c>).</summary>
    public int Dim => ShapeArray.Length;

    /// <summary>The number of elements (PyTorch's <c>x.numel()</c>).</summary>
    public int Numel => NumelOf(ShapeArray);

    /// <summary>The size of dimension <paramref name="dim"/> (negative counts from the end).</summary>
    /// <param name="dim">The dimension, in [-Dim, Dim).</param>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is out of range, or the tensor is 0-d.</exception>
    public int Size(int dim)
    {
        if (Dim == 0)
            throw new ArgumentOutOfRangeException(nameof(dim), dim, $"size: dimension specified as {dim} but tensor has no dimensions");
        return ShapeArray[NormalizeDim(dim, Dim, "size")];
    }

    /// <summary>
    /// True when the elements are laid out in row-major order with no gaps, so that the tensor is one
    /// flat span of its storage.
    /// </summary>
    public bool IsContiguous
    {
        get
        {
            foreach (var size in ShapeArray) if (size == 0) return true; // an empty tensor is trivially contiguous
            int expected = 1;
            for (int d = ShapeArray.Length - 1; d >= 0; d--)
            {
                if (ShapeArray[d] == 1) continue;
                if (StridesArray[d] != expected) return false;
                expected *= ShapeArray[d];
            }
            return true;
        }
    }

    /// <summary>
    /// The gradient-producing node of a tensor computed by a differentiable op; <c>null</c> for leaves
    /// (PyTorch's <c>x.grad_fn</c>).
    /// </summary>
    /// <remarks>
    /// A view whose base was modified in place with autograd since the view was taken gets a new grad_fn here that
    /// derives it from the base's current history (PyTorch regenerates view grad_fns the same way).
    /// </remarks>
    public Node? GradFn
    {
        get
        {
            if (_viewBase is { } root && !ReferenceEquals(root._gradFn, _viewBaseFn)) RefreshViewHistory(root);
            return _gradFn;
        }
        internal set => _gradFn = value;
    }

    private Node? _gradFn;

    /// <summary>True for a tensor created by the user rather than computed by a recorded op.</summary>
    public bool IsLeaf => GradFn is null;

    /// <summary>
    /// Whether autograd records operations on this tensor. Only leaves may be changed, and only
    /// floating-point tensors can require gradients.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set to false on a non-leaf (setting true there changes
    /// nothing), or to true on a non-float tensor or on an inference tensor outside inference mode.</exception>
    public bool RequiresGrad
    {
        get => _requiresGrad || GradFn is not null;
        set
        {
            if (GradFn is not null)
            {
                if (value) return; // a non-leaf already requires grad, as in PyTorch
                throw new InvalidOperationException(
                    "requires_grad: you can only change requires_grad flags of leaf variables; use Detach() to get a tensor that does not require grad");
            }
            if (value && Storage.IsInference && !Autograd.InferenceMode.IsEnabled)
                throw new InvalidOperationException("requires_grad: setting requires_grad=True on inference tensor outside InferenceMode is not allowed");
            if (value && !DType.IsFloatingPoint())
                throw new InvalidOperationException($"requires_grad: only tensors of floating point dtype can require gradients, got {DType.TorchName()}");
            _requiresGrad = value;
        }
    }

    /// <summary>
    /// Whether this is an inference tensor: made inside <see cref="Torch.InferenceMode(bool)"/> (a view has its base's
    /// flag). Outside inference mode it cannot be saved for backward, written in place or made to require grad
    /// (PyTorch's <c>x.is_inference()</c>); <see cref="Clone"/> gives a normal tensor.
    /// </summary>
    public bool IsInference => Storage.IsInference;

    /// <summary>
    /// Sets <see cref="RequiresGrad"/> and returns this tensor, for chaining
    /// (PyTorch's <c>x.requires_grad_()</c>).
    /// </summary>
    /// <param name="requiresGrad">The new flag (default true).</param>
    /// <exception cref="InvalidOperationException">Gradients are asked of a tensor that is not floating point.</exception>
    public Tensor RequiresGrad_(bool requiresGrad = true)
    {
        RequiresGrad = requiresGrad;
        return this;
    }

    /// <summary>
    /// The gradient accumulated by <see cref="Backward(Tensor?, bool, bool)"/> for a leaf that requires
    /// grad (or a non-leaf after <see cref="RetainGrad"/>); <c>null</c> until the first backward.
    /// Gradients accumulate across backward calls until zeroed or set to null.
    /// </summary>
    /// <remarks>
    /// The gradient belongs to this tensor: it never belongs to a <see cref="DisposeScope"/>, and a gradient that is
    /// replaced or set to null while a scope is active is disposed with that scope (unless another tensor also
    /// holds it as its gradient).
    /// </remarks>
    public Tensor? Grad
    {
        get => _grad;
        set
        {
            var old = _grad;
            if (ReferenceEquals(old, value)) return;
            if (value is not null)
            {
                value.OwningScope = null;
                Interlocked.Increment(ref value._gradOwners);
            }
            _grad = value;
            if (old is not null && Interlocked.Decrement(ref old._gradOwners) == 0 && old.OwningScope is null)
                DisposeScope.Current?.Include(old);
        }
    }

    private Tensor? _grad;
    private int _gradOwners;

    internal bool RetainsGrad { get; private set; }

    /// <summary>Asks backward to fill <see cref="Grad"/> for this non-leaf tensor too.</summary>
    /// <exception cref="InvalidOperationException">The tensor does not require grad.</exception>
    public void RetainGrad()
    {
        if (!RequiresGrad)
            throw new InvalidOperationException("retain_grad: can't retain_grad on a tensor that has requires_grad=False");
        RetainsGrad = true;
        RetainedGrads.Register(this);
    }

    /// <summary>The node that accumulates this leaf's gradient (one per leaf, so backward meets it once).</summary>
    internal AccumulateGrad GradAccumulator => _accumulator ??= new AccumulateGrad(this);

    /// <summary>
    /// The view's base tensor, when this tensor was produced by a view op of a tensor that requires grad;
    /// used to forbid in-place ops that would silently bypass autograd.
    /// </summary>
    /// <remarks>Setting it also records the base's grad_fn at this moment, to notice later in-place ops on the base.</remarks>
    internal Tensor? ViewBase
    {
        get => _viewBase;
        set
        {
            _viewBase = value;
            _viewBaseFn = value?._gradFn;
        }
    }

    private Tensor? _viewBase;
    private Node? _viewBaseFn;

    /// <summary>True for the aliases that module backward hooks put around tensors: in-place ops on them are refused, as PyTorch does.</summary>
    internal bool RefusesInPlace { get; init; }

    /// <summary>
    /// Re-derives this view's history from <paramref name="root"/>'s current one (after an in-place op on the base):
    /// the view becomes a gather of the base's elements at this view's positions.
    /// </summary>
    private void RefreshViewHistory(Tensor root)
    {
        _viewBaseFn = root._gradFn;
        if (!root.RequiresGrad) return;
        var positions = ViewPositions(root);
        _gradFn = null;
        Graph.Record(this, new ViewFromBaseBackward(positions, root.ShapeArray), root);
        _viewBaseFn = root._gradFn;
    }

    /// <summary>The current version of the storage (bumped by every in-place write).</summary>
    internal int Version => Storage.Version;

    internal Storage<T> Typed<T>() where T : unmanaged => (Storage<T>)Storage;

    /// <summary>The whole storage buffer as a span (index it with <see cref="Offset"/> and strides).</summary>
    internal Span<T> Buffer<T>() where T : unmanaged => ((Storage<T>)Storage).Span;

    /// <summary>The elements of a contiguous tensor as one span.</summary>
    internal Span<T> ContiguousSpan<T>() where T : unmanaged
    {
        System.Diagnostics.Debug.Assert(IsContiguous);
        return ((Storage<T>)Storage).Span.Slice(Offset, Numel);
    }

    /// <summary>
    /// Gives up this tensor's hold on its data now (TorchSharp's <c>Dispose</c>): this tensor becomes unusable
    /// (<see cref="ObjectDisposedException"/>), and the buffer returns to the pool once no other tensor — view, base,
    /// alias or a copy autograd saved — uses it. Never affects another tensor; optional (an undisposed tensor is
    /// reclaimed by the garbage collector); disposing twice does nothing.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        var storage = Storage;
        Storage = Storage.DisposedStandIn(storage.DType);
        storage.ReleaseHandle();
    }

    private int _disposed;

    /// <summary>True after <see cref="Dispose"/> (or the end of the <see cref="DisposeScope"/> that owned it).</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>The <see cref="DisposeScope"/> that will dispose this tensor, or null.</summary>
    internal DisposeScope? OwningScope;

    /// <summary>Keeps this tensor past the <see cref="DisposeScope"/> that owns it: no scope will dispose it. Returns this tensor.</summary>
    public Tensor DetachFromDisposeScope()
    {
        OwningScope = null;
        return this;
    }

    /// <summary>Hands this tensor to the scope enclosing the one that owns it (or to none); returns this tensor.</summary>
    public Tensor MoveToOuterDisposeScope() => OwningScope is { } s ? s.MoveToOuter(this) : this;

    /// <summary>A second handle on this tensor's data and layout (no autograd identity).</summary>
    internal Tensor Alias() => new(Storage, ShapeArray, StridesArray, Offset);

    /// <summary>Makes this handle stand in for <paramref name="original"/> in autograd (its grad_fn, output and gradient sink); returns it.</summary>
    internal Tensor TakeIdentityOf(Tensor original)
    {
        GradFn = original.GradFn;
        OutputNr = original.OutputNr;
        ViewBase = original.ViewBase;
        _requiresGrad = original._requiresGrad;
        if (original.GradFn is null && original._requiresGrad) _accumulator = original.GradAccumulator;
        return this;
    }

    internal static int NormalizeDim(int dim, int ndim, string op, string argName = "dim")
    {
        int n = Math.Max(ndim, 1);
        if (dim < -n || dim >= n)
            throw new ArgumentOutOfRangeException(argName, dim,
                $"{op}: dimension out of range (expected to be in range of [{-n}, {n - 1}], but got {dim})");
        return dim < 0 ? dim + n : dim;
    }

    internal string Describe() => $"{Ember.Size.Format(ShapeArray)} {DType.TorchName()}";
}
