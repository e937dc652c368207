namespace Ember.Autograd;

/// <summary>
/// The backward of an op with several outputs (Split, Unbind, an LSTM step returning h and c): every output
/// tensor records this node and its position, and backward runs once, with one gradient per output.
/// </summary>
/// <remarks>
/// Record with <see cref="Graph.Record(ReadOnlySpan{Tensor}, MultiOutputNode, ReadOnlySpan{Tensor?})"/>. Outputs that
/// no gradient reached get <c>null</c>, never materialized zeros: the node decides what a missing gradient costs.
/// </remarks>
/// <param name="outputCount">The number of outputs of the op.</param>
internal abstract class MultiOutputNode(int outputCount) : Node
{
    internal sealed override int OutputCount => outputCount;

    internal sealed override Tensor?[] Apply(Tensor?[] grads) => Backward(grads);

    /// <summary>Backward with a gradient for the first output only (the engine calls <see cref="Backward(Tensor?[])"/>).</summary>
    protected internal sealed override Tensor?[] Backward(Tensor grad)
    {
        var grads = new Tensor?[outputCount];
        grads[0] = grad;
        return Backward(grads);
    }

    /// <summary>
    /// Computes the gradients with respect to the op's inputs from the gradients of its outputs. Returns one entry
    /// per input (<c>null</c> where <see cref="Node.NeedsGrad"/> is false).
    /// </summary>
    /// <param name="grads">One entry per output, the shape of that output, or <c>null</c> where no gradient reached
    /// it (at least one is non-null).</param>
    protected abstract Tensor?[] Backward(Tensor?[] grads);
}
