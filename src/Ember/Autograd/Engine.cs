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

    private static void Run(Tensor root, Tensor grad, bool retainGraph, bool createGraph)
    {
        var dependencies = CountDependencies(root.GradFn!);
        // The gradients that reached each node so far, one slot per output of the node (null: none yet).
        var pending = new Dictionary<Node, Tensor?[]>(ReferenceEqualityComparer.Instance);
        // Among nodes whose inputs are all in, run the most recently created first (PyTorch's order).
        var ready = new PriorityQueue<Node, long>();
        var rootNode = root.GradFn!;
        var rootSlots = new Tensor?[rootNode.OutputCount];
        var owned = createGraph ? null : new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var previousOwned = AccumulateGrad.Owned;
        AccumulateGrad.Owned = owned;
        try
        {
            RunGraph(root, grad, retainGraph, createGraph, dependencies, pending, ready, rootNode, rootSlots, owned);
        }
        finally
        {
            AccumulateGrad.Owned = previousOwned;
        }
    }

    private static void RunGraph(Tensor root, Tensor grad, bool retainGraph, bool createGraph, Dictionary<Node, int> dependencies,
        Dictionary<Node, Tensor?[]> pending, PriorityQueue<Node, long> ready, Node rootNode, Tensor?[] rootSlots, HashSet<Tensor>? owned)
    {
        rootSlots[root.OutputNr] = grad;
        pending[rootNode] = rootSlots;
        ready.Enqueue(rootNode, -rootNode.SequenceNr);

        using var mode = new GradModeScope(createGraph);
        while (ready.TryDequeue(out var node, out _))
        {
            var grads = pending[node];
            pending.Remove(node);
            if (owned is not null && node.MayHaveOutputHooks)
                foreach (var g in grads)
                    if (g is not null) owned.Remove(g);
            node.RunOutputHooks(grads);
            long mark = Storage.LastSerial;
            var inputGrads = node.Apply(grads);
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
                        pending[edge.Node] = slots = new Tensor?[edge.Node.OutputCount];
                    var sum = slots[edge.Output] = slots[edge.Output] is { } acc ? acc + ig : ig;
                    // A gradient made by this node (or by the sum above) for a leaf: nobody else holds it, so the leaf
                    // may take it as its .Grad instead of a copy (PyTorch's AccumulateGrad steals such gradients).
                    if (owned is not null && edge.Node is AccumulateGrad && sum.Storage.Serial > mark) owned.Add(sum);
                }
                if (--dependencies[edge.Node] == 0)
                {
                    if (pending.ContainsKey(edge.Node)) ready.Enqueue(edge.Node, -edge.Node.SequenceNr);
                    else SkipUnreached(edge.Node, dependencies, pending, ready, retainGraph);
                }
            }
            if (!retainGraph) node.Release();
        }
    }

    /// <summary>
    /// A node all of whose consumers produced no gradient (e.g. integer outputs): its own inputs still
    /// count it as a dependency, so walk on without running it.
    /// </summary>
    private static void SkipUnreached(Node start, Dictionary<Node, int> dependencies, Dictionary<Node, Tensor?[]> pending,
        PriorityQueue<Node, long> ready, bool retainGraph)
    {
        var stack = new Stack<Node>();
        stack.Push(start);
        while (stack.TryPop(out var node))
        {
            foreach (var edge in node.Next)
            {
                if (edge is null) continue;
                if (--dependencies[edge.Node] == 0)
                {
                    if (pending.ContainsKey(edge.Node)) ready.Enqueue(edge.Node, -edge.Node.SequenceNr);
                    else stack.Push(edge.Node);
                }
            }
            if (!retainGraph) node.Release();
        }
    }

    /// <summary>Counts, for every node reachable from the root, how many edges point at it (iteratively).</summary>
    private static Dictionary<Node, int> CountDependencies(Node root)
    {
        var counts = new Dictionary<Node, int>(ReferenceEqualityComparer.Instance) { [root] = 0 };
        var stack = new Stack<Node>();
        stack.Push(root);
        while (stack.TryPop(out var node))
        {
            foreach (var edge in node.Next)
            {
                if (edge is null) continue;
                if (counts.TryGetValue(edge.Node, out var c)) counts[edge.Node] = c + 1;
                else
                {
                    counts[edge.Node] = 1;
                    stack.Push(edge.Node);
                }
            }
        }
        return counts;
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
