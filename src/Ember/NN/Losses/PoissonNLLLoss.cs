namespace Ember.NN;

/// <summary>
/// The negative log-likelihood of a Poisson-distributed target (PyTorch's <c>nn.PoissonNLLLoss</c>); see
/// <see cref="F.PoissonNllLoss"/>.
/// </summary>
public sealed class PoissonNLLLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="logInput">Whether the input is the log of the rate: loss exp(input) − target·input (default true);
    /// otherwise input − target·log(input + eps).</param>
    /// <param name="full">Add Stirling's approximation of log(target!) (default false).</param>
    /// <param name="eps">Keeps the log finite when <paramref name="logInput"/> is false (default 1e-8).</param>
    /// <param name="reduction">None, Mean (default) or Sum.</param>
    /// <exception cref="ArgumentException">The reduction is BatchMean.</exception>
    public PoissonNLLLoss(bool logInput = true, bool full = false, double eps = 1e-8, Reduction reduction = Reduction.Mean) : base(reduction)
    {
        LogInput = logInput;
        Full = full;
        Eps = eps;
    }

    /// <summary>Whether the input is the log of the rate.</summary>
    public bool LogInput { get; }

    /// <summary>Whether Stirling's term is added.</summary>
    public bool Full { get; }

    /// <summary>The epsilon inside the log.</summary>
    public double Eps { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="input">The (log) rate, floating point, any shape.</param>
    /// <param name="target">The counts, the same shape.</param>
    /// <returns>The input's shape with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    public Tensor Forward(Tensor input, Tensor target) => F.PoissonNllLoss(input, target, LogInput, Full, Eps, Reduction);
}
