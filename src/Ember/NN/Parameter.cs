namespace Ember.NN;

/// <summary>
/// A tensor that is a learnable parameter of a <see cref="Module"/> (PyTorch's <c>nn.Parameter</c>):
/// a leaf that requires grad by default and that modules register under a name, so that
/// <see cref="Module.Parameters"/> finds it and optimizers update it.
/// </summary>
public class Parameter : Tensor
{
    /// <summary>
    /// Makes a parameter that shares <paramref name="data"/>'s storage (no copy) and is cut off from
    /// any graph <paramref name="data"/> belonged to.
    /// </summary>
    /// <param name="data">The initial values; floating point when <paramref name="requiresGrad"/>.</param>
    /// <param name="requiresGrad">Whether the parameter is trained (default true).</param>
    /// <exception cref="InvalidOperationException"><paramref name="requiresGrad"/> is true and the dtype is not floating point.</exception>
    public Parameter(Tensor data, bool requiresGrad = true)
        : base(data ?? throw new ArgumentNullException(nameof(data)))
    {
        RequiresGrad = requiresGrad;
        DetachFromDisposeScope(); // a parameter outlives the DisposeScope it was made in
    }

    /// <summary>Prints like PyTorch: <c>Parameter containing:</c> then the tensor.</summary>
    public override string ToString() => "Parameter containing:\n" + base.ToString();
}
