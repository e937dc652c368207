namespace Ember.Autograd;

/// <summary>
/// Observes the ops autograd records on one thread (<see cref="Graph.Tracer"/>): each call gives the op's node, its
/// outputs (output i is <c>outputs[i]</c>) and all its inputs, including those that need no gradient.
/// </summary>
internal interface IGraphTracer
{
    /// <summary>Called after <paramref name="node"/> was made the grad_fn of <paramref name="outputs"/>.</summary>
    void OnRecord(ReadOnlySpan<Tensor> outputs, Node node, ReadOnlySpan<Tensor?> inputs);
}
