namespace Ember.Autograd;

/// <summary>Records ops into the autograd graph: the one place that decides whether an op is recorded.</summary>
internal static class Graph
{
    /// <summary>Sees every op recorded on this thread while set (ONNX export traces one forward pass with it).</summary>
    [ThreadStatic] internal static IGraphTracer? Tracer;

    /// <summary>True when grad mode is on and any input requires grad.</summary>
    public static bool NeedsGrad(Tensor a) => GradMode.IsEnabled && a.RequiresGrad;

    /// <inheritdoc cref="NeedsGrad(Tensor)"/>
    public static bool NeedsGrad(Tensor a, Tensor b) => GradMode.IsEnabled && (a.RequiresGrad || b.RequiresGrad);

    /// <inheritdoc cref="NeedsGrad(Tensor)"/>
    public static bool NeedsGrad(ReadOnlySpan<Tensor> inputs)
    {
        if (!GradMode.IsEnabled) return false;
        foreach (var t in inputs) if (t.RequiresGrad) return true;
        return false;
    }

    /// <summary>Makes <paramref name="node"/> the grad_fn of <paramref name="result"/>, with edges to the inputs.</summary>
    public static Tensor Record(Tensor result, Node node, params ReadOnlySpan<Tensor?> inputs)
    {
        node.Next = Edges(inputs);
        result.GradFn = node;
        result.OutputNr = 0;
        Tracer?.OnRecord([result], node, inputs);
        return result;
    }

    /// <summary>
    /// Makes <paramref name="node"/> the grad_fn of every tensor in <paramref name="results"/> (output i is
    /// <paramref name="results"/>[i]), with edges to the inputs.
    /// </summary>
    /// <exception cref="ArgumentException">The number of results is not the node's number of outputs.</exception>
    public static void Record(ReadOnlySpan<Tensor> results, MultiOutputNode node, params ReadOnlySpan<Tensor?> inputs)
    {
        if (results.Length != node.OutputCount)
            throw new ArgumentException($"{node.Name}: recorded {results.Length} outputs for a node with {node.OutputCount}", nameof(results));
        node.Next = Edges(inputs);
        for (int i = 0; i < results.Length; i++)
        {
            results[i].GradFn = node;
            results[i].OutputNr = i;
        }
        Tracer?.OnRecord(results, node, inputs);
    }

    private static Edge?[] Edges(ReadOnlySpan<Tensor?> inputs)
    {
        var next = new Edge?[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            var t = inputs[i];
            if (t is null || !t.RequiresGrad) continue;
            next[i] = t.GradFn is { } fn ? new Edge(fn, t.ShapeArray, t.DType, t.OutputNr) : new Edge(t.GradAccumulator, t.ShapeArray, t.DType);
        }
        return next;
    }

    /// <summary>
    /// Prepares an in-place op on <paramref name="self"/>: rejects, with grad mode on, a leaf that requires grad and a
    /// view of one (PyTorch's errors: their gradient would be lost), and the tensors a module backward hook wraps.
    /// Views of other tensors are fine: the write is recorded on their base (<see cref="Tensor.CommitInPlace"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The write cannot be recorded, or writes an inference tensor outside inference mode.</exception>
    public static void CheckInPlace(Tensor self, string op)
    {
        InferenceMode.CheckWrite(self, op);
        if (!GradMode.IsEnabled) return;
        if (self.ViewBase is { } root && root.IsLeaf && root.RequiresGrad)
            throw new InvalidOperationException(
                $"{op}: a view of a leaf Variable that requires grad is being used in an in-place operation; wrap the update in Torch.NoGrad() or use the out-of-place op");
        if (self.IsLeaf && self.RequiresGrad && self.ViewBase is null)
            throw new InvalidOperationException(
                $"{op}: a leaf Variable that requires grad is being used in an in-place operation; wrap the update in Torch.NoGrad() or use the out-of-place op");
        if (self.RefusesInPlace && self.RequiresGrad)
            throw new InvalidOperationException(
                $"{op}: this tensor is the output of a module with a full backward hook (a view made by BackwardHookFunction) and is being modified in place; " +
                "use the out-of-place op (e.g. F.Relu instead of an in-place ReLU) after a hooked module");
    }
}
