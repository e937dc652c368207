namespace Ember.NN;

/// <summary>
/// The hinge embedding loss for distances labelled 1 (similar) or −1 (dissimilar) (PyTorch's
/// <c>nn.HingeEmbeddingLoss</c>); see <see cref="F.HingeEmbeddingLoss"/>.
/// </summary>
public sealed class HingeEmbeddingLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="margin">The margin for dissimilar pairs (default 1.0).</param>
    /// <param name="reduction">None, Mean (default) or Sum.</param>
    /// <exception cref="ArgumentException">The reduction is BatchMean.</exception>
    public HingeEmbeddingLoss(double margin = 1.0, Reduction reduction = Reduction.Mean) : base(reduction) => Margin = margin;

    /// <summary>The margin for dissimilar pairs.</summary>
    public double Margin { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="input">Distances, floating point, any shape.</param>
    /// <param name="target">Labels 1 or −1, the same shape.</param>
    /// <returns>The input's shape with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    public Tensor Forward(Tensor input, Tensor target) => F.HingeEmbeddingLoss(input, target, Margin, Reduction);
}
