namespace Ember.Autograd;

/// <summary>Records ops into the autograd graph: the one place that decides whether an op is recorded.</summary>
internal static class Graph
{
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
        var next = new Edge?[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            var t = inputs[i];
            if (t is null || !t.RequiresGrad) continue;
            next[i] = new Edge(t.GradFn ?? t.GradAccumulator, t.ShapeArray, t.DType);
        }
        node.Next = next;
        result.GradFn = node;
        return result;
    }

    /// <summary>
    /// Prepares an in-place op on <paramref name="self"/>: rejects leaves that require grad and views of
    /// tensors that require grad (their gradients would silently go wrong), then bumps the version.
    /// </summary>
    public static void CheckInPlace(Tensor self, string op)
    {
        if (GradMode.IsEnabled)
        {
            if (self.IsLeaf && self.RequiresGrad)
                throw new InvalidOperationException(
                    $"{op}: a leaf Variable that requires grad is being used in an in-place operation; wrap the update in Torch.NoGrad() or use the out-of-place op");
            if (self.ViewBase is not null && self.RequiresGrad)
                throw new InvalidOperationException(
                    $"{op}: in-place modification of a view of a tensor that requires grad is not supported; use the out-of-place op (e.g. Torch.Where or Cat) instead");
        }
    }
}
