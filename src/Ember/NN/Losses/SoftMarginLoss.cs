namespace Ember.NN;

/// <summary>
/// The two-class logistic loss log(1 + exp(−target·input)) (PyTorch's <c>nn.SoftMarginLoss</c>), computed stably;
/// see <see cref="F.SoftMarginLoss"/>.
/// </summary>
public sealed class SoftMarginLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">None, Mean (default) or Sum.</param>
    /// <exception cref="ArgumentException">The reduction is BatchMean.</exception>
    public SoftMarginLoss(Reduction reduction = Reduction.Mean) : base(reduction) { }

    /// <summary>Computes the loss.</summary>
    /// <param name="input">Scores, floating point, any shape.</param>
    /// <param name="target">Labels 1 or −1, the same shape.</param>
    /// <returns>The input's shape with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    public Tensor Forward(Tensor input, Tensor target) => F.SoftMarginLoss(input, target, Reduction);
}
