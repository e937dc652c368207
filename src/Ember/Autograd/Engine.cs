using System.Runtime.InteropServices;

namespace Ember.Autograd;

/// <summary>
/// The backward pass: walks the graph from the root in reverse topological order without recursion
/// (a chain of any length works), sums the gradients that reach a node from several consumers, reduces
/// broadcast gradients to each input's shape, and hands leaves their gradients.
/// </summary>
internal static class Engine
{
    public static void Backward(Tensor root, Tensor grad, bool retainGraph, bool createGraph)
    {
        if (root.GradFn is null)
        {
            // Under the same grad mode as a graph walk, so the leaf owns a copy of the caller's gradient.
            using var leafMode = new GradModeScope(createGraph);
            if (root.RequiresGrad)
            {
                var slot = new Tensor?[] { grad };
                root.GradAccumulator.RunOutputHooks(slot);
                AccumulateGrad.Accumulate(root, slot[0]!);
            }
            return;
        }

        if (createGraph)
        {
            Run(root, grad, retainGraph, createGraph);
            return;
        }
        // Without createGraph, every tensor made during the pass is an intermediate gradient, dead once the pass
        // ends unless it became some tensor's .Grad (the Grad setter takes it out of every scope): a scope of the
        // pass's own returns those buffers to the pool now instead of waiting for the garbage collector. Disposing
        // only gives up handles, so anything that still shares a buffer (a view a hook kept) stays valid.
        var (countBefore, elementsBefore) = (Storage.CountAllocations, Storage.AllocatedElements);
        (Storage.CountAllocations, Storage.AllocatedElements) = (true, 0);
        var previousPass = _passScope;
        var scope = _passScope = new DisposeScope();
        try
        {
            Run(root, grad, retainGraph, createGraph);
        }
        finally
        {
            _passScope = previousPass;
            scope.Dispose();
            LastPassAllocatedElements = Storage.AllocatedElements;
            (Storage.CountAllocations, Storage.AllocatedElements) = (countBefore, elementsBefore + Storage.AllocatedElements);
        }
    }

    /// <summary>
    /// How many tensor elements the last backward pass on this thread without createGraph allocated (all its
    /// intermediate gradients together): a measure of what a backward costs in memory traffic.
    /// </summary>
    [ThreadStatic] internal static long LastPassAllocatedElements;

    [ThreadStatic] private static DisposeScope? _passScope;

    /// <summary>
    /// Lets user code (a hook) see gradients of the current pass: they move out of the pass's scope (to the scope the
    /// user had open, if any), and what the code allocates until the returned token is disposed belongs to the user's
    /// scope too, not to the pass.
    /// </summary>
    /// <param name="grads">The gradients handed to the hook (null entries are skipped).</param>
    internal static UserCodeScope EnterUserCode(ReadOnlySpan<Tensor?> grads)
    {
        var pass = _passScope;
        if (pass is null || !ReferenceEquals(DisposeScope.Current, pass)) return default;
        foreach (var g in grads)
            if (g is not null) pass.MoveToOuter(g);
        DisposeScope.SetCurrent(pass.Outer);
        return new UserCodeScope(pass);
    }

    /// <summary>Resumes the pass's scope when user code returns.</summary>
    internal readonly struct UserCodeScope(DisposeScope? pass) : IDisposable
    {
        public void Dispose()
        {
            if (pass is not null) DisposeScope.SetCurrent(pass);
        }
    }

    /// <summary>
    /// The bookkeeping of one backward pass, kept per thread between passes so that a training step does not rebuild its
    /// dictionaries, queue and gradient slots every time (a pass that starts inside another, from a hook, makes its own).
    /// </summary>
    private sealed class PassState
    {
        /// <summary>Per node reachable from the root: the edges pointing at it whose gradient has not come in yet.</summary>
        public readonly Dictionary<Node, int> Dependencies = new(ReferenceEqualityComparer.Instance);
        /// <summary>The gradients that reached each node so far, one slot per output of the node (null: none yet).</summary>
        public readonly Dictionary<Node, Tensor?[]> Pending = new(ReferenceEqualityComparer.Instance);
        /// <summary>Among nodes whose inputs are all in, the most recently created runs first (PyTorch's order).</summary>
        public readonly PriorityQueue<Node, long> Ready = new();
        public readonly HashSet<Tensor> Owned = new(ReferenceEqualityComparer.Instance);
        public readonly Stack<Node> Walk = new();
        /// <summary>Single-output slots of nodes that already ran, for the next nodes.</summary>
        private readonly Stack<Tensor?[]> _singleSlots = new();

        public Tensor?[] Slots(int outputs) => outputs == 1 && _singleSlots.TryPop(out var s) ? s : new Tensor?[outputs];

        /// <summary>Takes back the slots of a single-output node that ran (no node keeps them).</summary>
        public void Recycle(Node node, Tensor?[] slots)
        {
            if (slots.Length != 1 || node is MultiOutputNode || _singleSlots.Count >= 256) return;
            slots[0] = null;
            _singleSlots.Push(slots);
        }

        public void Clear()
        {
            Dependencies.Clear();
            Pending.Clear();
            Ready.Clear();
            Owned.Clear();
            Walk.Clear();
        }
    }

    [ThreadStatic] private static PassState? _freeState;

    private static void Run(Tensor root, Tensor grad, bool retainGraph, bool createGraph)
    {
        var state = _freeState ?? new PassState();
        _freeState = null;
        var owned = createGraph ? null : state.Owned;
        var previousOwned = AccumulateGrad.Owned;
        AccumulateGrad.Owned = owned;
        try
        {
            CountDependencies(root.GradFn!, state);
            RunGraph(root, grad, retainGraph, createGraph, state, owned);
        }
        finally
        {
            AccumulateGrad.Owned = previousOwned;
            state.Clear();
            _freeState = state;
        }
    }

    private static void RunGraph(Tensor root, Tensor grad, bool retainGraph, bool createGraph, PassState state, HashSet<Tensor>? owned)
    {
        var (dependencies, pending, ready) = (state.Dependencies, state.Pending, state.Ready);
        var rootNode = root.GradFn!;
        var rootSlots = state.Slots(rootNode.OutputCount);
        rootSlots[root.OutputNr] = grad;
        pending[rootNode] = rootSlots;
        ready.Enqueue(rootNode, -rootNode.SequenceNr);

        using var mode = new GradModeScope(createGraph);
        while (ready.TryDequeue(out var node, out _))
        {
            pending.Remove(node, out var grads);
            if (owned is not null && node.MayHaveOutputHooks)
                foreach (var g in grads!)
                    if (g is not null) owned.Remove(g);
            node.RunOutputHooks(grads!);
            long mark = Storage.LastSerial;
            var inputGrads = node.Apply(grads!);
            var next = node.Next;
            for (int i = 0; i < next.Length; i++)
            {
                var edge = next[i];
                if (edge is null) continue;
                var ig = i < inputGrads.Length ? inputGrads[i] : null;
                if (ig is not null)
                {
                    ig = ReduceToInput(ig, edge, node);
                    if (!pending.TryGetValue(edge.Node, out var slots))
                        pending[edge.Node] = slots = state.Slots(edge.Node.OutputCount);
                    var sum = slots[edge.Output] = slots[edge.Output] is { } acc ? acc + ig : ig;
                    // A gradient made by this node (or by the sum above) for a leaf: nobody else holds it, so the leaf
                    // may take it as its .Grad instead of a copy (PyTorch's AccumulateGrad steals such gradients).
                    if (owned is not null && edge.Node is AccumulateGrad && sum.Storage.Serial > mark) owned.Add(sum);
                }
                if (--CollectionsMarshal.GetValueRefOrNullRef(dependencies, edge.Node) == 0)
                {
                    if (pending.ContainsKey(edge.Node)) ready.Enqueue(edge.Node, -edge.Node.SequenceNr);
                    else SkipUnreached(edge.Node, state, retainGraph);
                }
            }
            if (!ReferenceEquals(inputGrads, grads)) state.Recycle(node, grads!);
            if (!retainGraph) node.Release();
        }
    }

    /// <summary>
    /// A node all of whose consumers produced no gradient (e.g. integer outputs): its own inputs still
    /// count it as a dependency, so walk on without running it.
    /// </summary>
    private static void SkipUnreached(Node start, PassState state, bool retainGraph)
    {
        var (dependencies, pending, ready, stack) = (state.Dependencies, state.Pending, state.Ready, state.Walk);
        stack.Push(start);
        while (stack.TryPop(out var node))
        {
            foreach (var edge in node.Next)
            {
                if (edge is null) continue;
                if (--CollectionsMarshal.GetValueRefOrNullRef(dependencies, edge.Node) == 0)
                {
                    if (pending.ContainsKey(edge.Node)) ready.Enqueue(edge.Node, -edge.Node.SequenceNr);
                    else stack.Push(edge.Node);
                }
            }
            if (!retainGraph) node.Release();
        }
    }

    /// <summary>Counts, for every node reachable from the root, how many edges point at it (iteratively).</summary>
    private static void CountDependencies(Node root, PassState state)
    {
        var (counts, stack) = (state.Dependencies, state.Walk);
        counts[root] = 0;
        stack.Push(root);
        while (stack.TryPop(out var node))
        {
            foreach (var edge in node.Next)
            {
                if (edge is null) continue;
                ref int c = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, edge.Node, out bool exists);
                c++;
                if (!exists) stack.Push(edge.Node);
            }
        }
    }

    /// <summary>
    /// The one place where gradients are un-broadcast: a gradient with the broadcast shape of an op's
    /// output is summed down to the shape of the input it belongs to, and cast to its dtype.
    /// </summary>
    internal static Tensor ReduceToInput(Tensor grad, Edge edge, Node node)
    {
        if (!grad.ShapeArray.AsSpan().SequenceEqual(edge.Shape))
        {
            if (!Broadcasting.CanBroadcastTo(edge.Shape, grad.ShapeArray))
                throw new InvalidOperationException(
                    $"{node.Name}: returned a gradient of shape {Ember.Size.Format(grad.ShapeArray)} for an input of shape {Ember.Size.Format(edge.Shape)}");
            grad = grad.SumToShape(edge.Shape);
        }
        if (grad.DType != edge.DType) grad = grad.To(edge.DType);
        return grad;
    }
}

/// <summary>Delivers gradients to non-leaf tensors that asked for them with <see cref="Tensor.RetainGrad"/>.</summary>
internal static class RetainedGrads
{
    /// <summary>Makes <paramref name="t"/>'s grad_fn hand the gradient of <paramref name="t"/> to its <see cref="Tensor.Grad"/>.</summary>
    public static void Register(Tensor t) => t.GradFn?.RetainOutput(t.OutputNr, t);
}
