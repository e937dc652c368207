namespace Ember.NN;

/// <summary>
/// The margin ranking loss max(0, −target·(input1 − input2) + margin) (PyTorch's <c>nn.MarginRankingLoss</c>);
/// see <see cref="F.MarginRankingLoss"/>.
/// </summary>
public sealed class MarginRankingLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="margin">The margin (default 0).</param>
    /// <param name="reduction">None, Mean (default) or Sum.</param>
    /// <exception cref="ArgumentException">The reduction is BatchMean.</exception>
    public MarginRankingLoss(double margin = 0.0, Reduction reduction = Reduction.Mean) : base(reduction) => Margin = margin;

    /// <summary>The margin.</summary>
    public double Margin { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="input1">The first scores, floating point, any shape (typically [N]).</param>
    /// <param name="input2">The second scores, the same shape.</param>
    /// <param name="target">Labels 1 or −1, the same shape.</param>
    /// <returns>The inputs' shape with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    public Tensor Forward(Tensor input1, Tensor input2, Tensor target) => F.MarginRankingLoss(input1, input2, target, Margin, Reduction);
}
