using Ember.Autograd;

namespace Ember;

public partial class Tensor
{
    /// <summary>
    /// Computes the gradient of this tensor with respect to every leaf that requires grad and adds it
    /// to their <see cref="Grad"/> (PyTorch's <c>x.backward()</c>).
    /// </summary>
    /// <param name="gradient">The gradient of some scalar with respect to this tensor, the shape of this
    /// tensor; may be omitted only when this tensor has one element (then it is 1).</param>
    /// <param name="retainGraph">Keep the saved tensors so backward can run through the graph again (default false;
    /// the graph is always kept when <paramref name="createGraph"/> is true, as in PyTorch).</param>
    /// <param name="createGraph">Record the backward pass itself, for higher-order gradients (default false).</param>
    /// <exception cref="InvalidOperationException">This tensor does not require grad, or it is not a scalar and
    /// no <paramref name="gradient"/> is given, or the graph was already freed.</exception>
    /// <exception cref="ArgumentException"><paramref name="gradient"/> has the wrong shape.</exception>
    public void Backward(Tensor? gradient = null, bool retainGraph = false, bool createGraph = false)
    {
        if (!RequiresGrad)
            throw new InvalidOperationException(
                "backward: element 0 of tensors does not require grad and does not have a grad_fn (did you compute it under NoGrad, or forget RequiresGrad?)");
        if (gradient is null)
        {
            if (Numel != 1)
                throw new InvalidOperationException(
                    $"backward: grad can be implicitly created only for scalar outputs; this tensor has shape {Shape}: pass a gradient of that shape");
            gradient = Torch.OnesLike(this);
        }
        else if (!gradient.ShapeArray.AsSpan().SequenceEqual(ShapeArray))
        {
            throw new ArgumentException($"backward: mismatch in shape: grad_output has shape {gradient.Shape} and output has shape {Shape}", nameof(gradient));
        }
        else if (gradient.DType != DType)
        {
            gradient = gradient.To(DType);
        }
        // The recorded gradients reference this graph, so a higher-order backward must be able to walk it.
        Engine.Backward(this, gradient, retainGraph || createGraph, createGraph);
    }
}
