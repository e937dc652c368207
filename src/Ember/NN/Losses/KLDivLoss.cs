namespace Ember.NN;

/// <summary>
/// The Kullback-Leibler divergence loss on log-probabilities (PyTorch's <c>nn.KLDivLoss</c>); the only loss that
/// accepts <see cref="Reduction.BatchMean"/>, which gives the true KL divergence per sample; see <see cref="F.KlDiv"/>.
/// </summary>
public sealed class KLDivLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">None, Mean (default, as PyTorch: the mean over all elements), Sum or BatchMean.</param>
    /// <param name="logTarget">Whether the target holds log-probabilities (default false).</param>
    public KLDivLoss(Reduction reduction = Reduction.Mean, bool logTarget = false) : base(reduction, allowBatchMean: true) =>
        LogTarget = logTarget;

    /// <summary>Whether the target holds log-probabilities.</summary>
    public bool LogTarget { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="input">Log-probabilities, floating point, any shape (e.g. [N, C]).</param>
    /// <param name="target">Probabilities (or log-probabilities), the same shape.</param>
    /// <returns>The input's shape with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    public Tensor Forward(Tensor input, Tensor target) => F.KlDiv(input, target, Reduction, LogTarget);
}
