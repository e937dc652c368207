using Ember.Autograd;

namespace Ember;

public partial class Tensor
{
    /// <summary>Which output of <see cref="GradFn"/> this tensor is (PyTorch's <c>output_nr</c>); 0 for single-output ops and leaves.</summary>
    internal int OutputNr;

    /// <summary>
    /// Registers a hook called with the gradient of this tensor each time backward computes it (PyTorch's
    /// <c>x.register_hook(hook)</c>). The hook may return a replacement gradient of the same shape and dtype, which is
    /// then used instead (for a leaf, it is what accumulates into <see cref="Grad"/>), or null to keep it. Hooks run in
    /// registration order, each seeing the previous one's result, interleaved with <see cref="RetainGrad"/> as registered.
    /// </summary>
    /// <remarks>
    /// The hook belongs to this tensor's current history: after an in-place op gives the tensor a new history, it
    /// still receives the gradient with respect to the value the tensor had when the hook was registered.
    /// Hooks on a leaf (e.g. a parameter) stay until removed and run in every backward pass.
    /// </remarks>
    /// <param name="hook">Called with the gradient; returns a replacement or null.</param>
    /// <returns>A handle whose <see cref="RemovableHandle.Remove"/> removes the hook.</returns>
    /// <exception cref="InvalidOperationException">This tensor does not require grad.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="hook"/> is null.</exception>
    /// <example>
    /// <code>
    /// using var h = hidden.RegisterHook(g => g.Clamp(-1, 1));   // clip this activation's gradient
    /// </code>
    /// </example>
    public RemovableHandle RegisterHook(Func<Tensor, Tensor?> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        if (!RequiresGrad)
            throw new InvalidOperationException("register_hook: cannot register a hook on a tensor that doesn't require gradient");
        return GradFn is { } fn ? fn.AddOutputHook(OutputNr, hook) : GradAccumulator.AddOutputHook(0, hook);
    }
}
