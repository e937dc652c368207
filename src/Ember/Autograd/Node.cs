namespace Ember.Autograd;

/// <summary>
/// One recorded operation in the autograd graph (PyTorch's <c>grad_fn</c>): it knows the op's
/// inputs (as <see cref="Edge"/>s) and how to turn the gradient of the op's output into gradients
/// for those inputs.
/// </summary>
/// <remarks>
/// Subclasses implement <see cref="Backward"/> with ordinary tensor ops. A gradient returned for an
/// input may have a broadcast shape: the engine reduces it to the input's shape in one place.
/// </remarks>
public abstract class Node
{
    private static long _sequence;

    /// <summary>The op's inputs, in order; <c>null</c> for an input that needs no gradient.</summary>
    internal Edge?[] Next { get; set; } = Array.Empty<Edge?>();

    /// <summary>Creation order, so that backward can process later nodes first among those ready.</summary>
    internal long SequenceNr { get; } = Interlocked.Increment(ref _sequence);

    internal bool Released { get; private set; }

    /// <summary>PyTorch's name for this node, e.g. <c>AddBackward0</c>.</summary>
    public virtual string Name
    {
        get
        {
            var n = GetType().Name;
            return n.EndsWith("Backward", StringComparison.Ordinal) ? n + "0" : n;
        }
    }

    /// <summary>The nodes this node passes gradients to (PyTorch's <c>next_functions</c>).</summary>
    public IReadOnlyList<Node?> NextFunctions => Next.Select(e => e?.Node).ToArray();

    /// <summary>
    /// Computes the gradients with respect to the op's inputs from <paramref name="grad"/>, the
    /// gradient with respect to its output. Returns one entry per input (<c>null</c> where
    /// <see cref="NeedsGrad"/> is false).
    /// </summary>
    /// <param name="grad">The gradient of the output, the shape of the output.</param>
    protected internal abstract Tensor?[] Backward(Tensor grad);

    /// <summary>The number of outputs of the op (1 except for a <see cref="MultiOutputNode"/>); each output tensor knows its position (<c>OutputNr</c>).</summary>
    internal virtual int OutputCount => 1;

    /// <summary>
    /// What the engine calls: backward from the gradients of all outputs, <paramref name="grads"/>[i] for output i
    /// (null where no gradient reached it; a single-output node is only run with a gradient).
    /// </summary>
    internal virtual Tensor?[] Apply(Tensor?[] grads) => Backward(grads[0]!);

    /// <summary>
    /// A hook on the gradient of one output before backward runs (<see cref="Tensor.RegisterHook"/>), or a tensor that
    /// retains that gradient (<see cref="Tensor.RetainGrad"/>): both run in registration order, as in PyTorch 1.13.
    /// </summary>
    internal readonly record struct OutputHook(int Output, Func<Tensor, Tensor?>? Hook, Tensor? Retainer);

    private HookList<OutputHook>? _outputHooks;

    private HookList<OutputHook> OutputHooks =>
        Volatile.Read(ref _outputHooks) ?? Interlocked.CompareExchange(ref _outputHooks, new(), null) ?? _outputHooks;

    /// <summary>Registers <paramref name="hook"/> on the gradient of output <paramref name="output"/>.</summary>
    internal RemovableHandle AddOutputHook(int output, Func<Tensor, Tensor?> hook) => OutputHooks.Add(new OutputHook(output, hook, null));

    /// <summary>Makes <paramref name="tensor"/> (output <paramref name="output"/> of this node) receive its gradient into <see cref="Tensor.Grad"/>.</summary>
    internal void RetainOutput(int output, Tensor tensor)
    {
        foreach (var (_, h) in OutputHooks.Snapshot)
            if (ReferenceEquals(h.Retainer, tensor) && h.Output == output) return;
        OutputHooks.Add(new OutputHook(output, null, tensor));
    }

    /// <summary>
    /// Runs the output hooks on the incoming gradients (a hook's non-null result replaces the gradient) and hands
    /// retained gradients to their tensors; outputs without a gradient are skipped.
    /// </summary>
    /// <exception cref="InvalidOperationException">A hook returned a gradient of another shape or dtype.</exception>
    /// <summary>Whether an output hook was ever added (hooks see, and may keep, the gradients they are given).</summary>
    internal bool MayHaveOutputHooks => Volatile.Read(ref _outputHooks) is not null;

    internal void RunOutputHooks(Tensor?[] grads)
    {
        var hooks = Volatile.Read(ref _outputHooks);
        if (hooks is null) return;
        foreach (var (_, h) in hooks.Snapshot)
        {
            if (grads[h.Output] is not { } g) continue;
            if (h.Retainer is { } t)
            {
                // Only while the tensor still is this output: an in-place op gives it a new history.
                if (t.RetainsGrad && ReferenceEquals(t.GradFn, this) && t.OutputNr == h.Output)
                    AccumulateGrad.Accumulate(t, g);
                continue;
            }
            Tensor? r;
            using (Engine.EnterUserCode([g])) r = h.Hook!(g);
            if (r is null) continue;
            if (!r.ShapeArray.AsSpan().SequenceEqual(g.ShapeArray))
                throw new InvalidOperationException($"register_hook: a hook changed the size of the gradient from {g.Shape} to {r.Shape} ({Name})");
            if (r.DType != g.DType)
                throw new InvalidOperationException($"register_hook: a hook changed the dtype of the gradient from {g.DType.TorchName()} to {r.DType.TorchName()} ({Name})");
            grads[h.Output] = r;
        }
    }

    /// <summary>Whether input <paramref name="i"/> needs a gradient.</summary>
    /// <param name="i">The input's position.</param>
    protected bool NeedsGrad(int i) => i < Next.Length && Next[i] is not null;

    /// <summary>Drops saved tensors after a backward pass that did not retain the graph.</summary>
    internal void Release()
    {
        Released = true;
        ReleaseSaved();
    }

    /// <summary>Clears the references to tensors saved for backward.</summary>
    protected virtual void ReleaseSaved() { }

    /// <summary>
    /// Checks that a tensor saved at forward time is still there and unmodified, and returns it.
    /// </summary>
    /// <param name="saved">The saved tensor.</param>
    /// <exception cref="InvalidOperationException">The graph was freed, or the tensor was modified in place.</exception>
    protected Tensor Unpack(SavedTensor saved)
    {
        if (Released || saved.Tensor is null)
            throw new InvalidOperationException(
                $"{Name}: trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). " +
                "Saved intermediate values of the graph are freed when you call Backward(). Specify retainGraph: true if you need to backward through the graph a second time.");
        var data = saved.Data!;
        if (data.IsDisposed)
            throw new InvalidOperationException(
                $"{Name}: a tensor saved for backward [{data.Shape} {data.DType.TorchName()}] was freed by the DisposeScope that was active when the graph was built; " +
                "call Backward() inside that scope (or build the graph outside it)");
        if (data.Version != saved.Version)
            throw new InvalidOperationException(
                $"{Name}: one of the variables needed for gradient computation has been modified by an inplace operation: " +
                $"[{data.Describe()}] is at version {data.Version}; expected version {saved.Version} instead.");
        // The caller's tensor carries the autograd identity (set after saving, for an op's own output); once it is
        // disposed, the saved handle stands in for it.
        var t = saved.Tensor;
        return t.IsDisposed ? data.TakeIdentityOf(t) : t;
    }

    /// <inheritdoc/>
    public override string ToString() => $"<{Name}>";
}

/// <summary>
/// An input of a node: the node that receives its gradient, which of that node's outputs the input was
/// (<paramref name="Output"/>, PyTorch's <c>input_nr</c>), and the input's shape and dtype.
/// </summary>
internal sealed record Edge(Node Node, int[] Shape, DType DType, int Output = 0);

/// <summary>A tensor saved for backward together with its version at save time.</summary>
public readonly struct SavedTensor
{
    /// <summary>The caller's tensor: its autograd identity (grad_fn, which may be set after saving).</summary>
    internal readonly Tensor? Tensor;

    /// <summary>A handle of autograd's own on the saved data.</summary>
    internal readonly Tensor? Data;

    internal readonly int Version;

    /// <summary>Saves <paramref name="tensor"/> at its current version.</summary>
    /// <param name="tensor">The tensor backward will need.</param>
    /// <remarks>
    /// Autograd keeps a handle of its own on the data, so disposing the caller's tensor does not break backward; a
    /// <see cref="DisposeScope"/> active here frees that handle with the scope.
    /// </remarks>
    public SavedTensor(Tensor tensor)
    {
        InferenceMode.CheckSave(tensor);
        Tensor = tensor;
        Data = tensor.Alias();
        Version = tensor.Version;
    }
}

/// <summary>The sink of a leaf tensor's gradient: adds incoming gradients into <see cref="Tensor.Grad"/>.</summary>
internal sealed class AccumulateGrad : Node
{
    public AccumulateGrad(Tensor leaf) => Leaf = leaf;

    public Tensor Leaf { get; }

    public override string Name => "AccumulateGrad";

    protected internal override Tensor?[] Backward(Tensor grad)
    {
        Accumulate(Leaf, grad);
        return Array.Empty<Tensor?>();
    }

    /// <summary>Tensors whose <see cref="Tensor.Grad"/> the current backward pass on this thread has set.</summary>
    [ThreadStatic] internal static List<Tensor>? Receivers;

    /// <summary>
    /// Gradients of the current backward pass on this thread (without createGraph) that were made during the pass for
    /// a leaf and are held by nothing else: the first leaf that receives one takes it instead of a copy.
    /// </summary>
    [ThreadStatic] internal static HashSet<Tensor>? Owned;

    internal static void Accumulate(Tensor target, Tensor grad)
    {
        Receivers?.Add(target);
        if (target.Grad is null)
        {
            // The incoming gradient may be shared with other inputs of the same op: own a copy.
            bool steal = GradMode.IsEnabled
                || (Owned is { } owned && owned.Remove(grad) && grad.Storage.Handles == 1 && grad.IsContiguous && !grad.RequiresGrad);
            target.Grad = steal ? grad : grad.Clone();
        }
        else if (GradMode.IsEnabled)
        {
            target.Grad = target.Grad + grad;
        }
        else
        {
            target.Grad.Add_(grad);
        }
    }
}
