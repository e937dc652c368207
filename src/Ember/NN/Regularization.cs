namespace Ember.NN;

/// <summary>
/// Differentiable penalties on parameters, to add to a loss (PyTorch has no built-in; this is the usual
/// <c>sum(p.abs().sum() for p in model.parameters())</c>). For a plain L2 penalty the optimizers'
/// <c>weightDecay</c> option is cheaper and equivalent (decay wd ⇔ penalty wd/2 · <see cref="L2Penalty"/>).
/// </summary>
/// <example>
/// <code>
/// var loss = criterion.Forward(model.Forward(x), y) + 1e-4 * Regularization.L1Penalty(model.Parameters());
/// </code>
/// </example>
public static class Regularization
{
    /// <summary>
    /// The L1 penalty Σ|p| over all elements of all <paramref name="parameters"/>, a 0-d tensor whose gradient
    /// with respect to each parameter is sign(p) (0 at 0, as PyTorch's <c>abs</c>).
    /// </summary>
    /// <param name="parameters">The tensors, e.g. <c>model.Parameters()</c>; an empty sequence gives 0.</param>
    public static Tensor L1Penalty(IEnumerable<Tensor> parameters) => Total(parameters, static p => p.Abs().Sum());

    /// <summary>
    /// The squared L2 norm Σp² over all elements of all <paramref name="parameters"/> (no ½ factor), a 0-d
    /// tensor whose gradient with respect to each parameter is 2p.
    /// </summary>
    /// <param name="parameters">The tensors; an empty sequence gives 0.</param>
    public static Tensor L2Penalty(IEnumerable<Tensor> parameters) => Total(parameters, static p => (p * p).Sum());

    private static Tensor Total(IEnumerable<Tensor> parameters, Func<Tensor, Tensor> term)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Tensor? total = null;
        foreach (var p in parameters)
        {
            ArgumentNullException.ThrowIfNull(p, nameof(parameters));
            var t = term(p);
            total = total is null ? t : total + t;
        }
        return total ?? Torch.Scalar(0.0);
    }
}
