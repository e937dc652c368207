namespace Ember.NN;

/// <summary>
/// The cosine embedding loss: 1 − cos(x1, x2) for pairs labelled 1, max(0, cos − margin) for pairs labelled −1
/// (PyTorch's <c>nn.CosineEmbeddingLoss</c>); see <see cref="F.CosineEmbeddingLoss"/>.
/// </summary>
public sealed class CosineEmbeddingLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="margin">The margin for dissimilar pairs, in [−1, 1] (default 0).</param>
    /// <param name="reduction">None, Mean (default) or Sum.</param>
    /// <exception cref="ArgumentException">The reduction is BatchMean.</exception>
    public CosineEmbeddingLoss(double margin = 0.0, Reduction reduction = Reduction.Mean) : base(reduction) => Margin = margin;

    /// <summary>The margin for dissimilar pairs.</summary>
    public double Margin { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="input1">The first embeddings [N, D] (or [D]), floating point.</param>
    /// <param name="input2">The second embeddings, the same shape.</param>
    /// <param name="target">Labels 1 or −1, [N] (or 0-d).</param>
    /// <returns>[N] (or 0-d) with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    public Tensor Forward(Tensor input1, Tensor input2, Tensor target) => F.CosineEmbeddingLoss(input1, input2, target, Margin, Reduction);
}
