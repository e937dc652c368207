namespace Ember.NN;

/// <summary>
/// The binary cross entropy on probabilities (PyTorch's <c>nn.BCELoss</c>), with logs clamped at −100 so that
/// probabilities 0 and 1 give finite losses; see <see cref="F.BinaryCrossEntropy"/>. Prefer
/// <see cref="BCEWithLogitsLoss"/> on logits: it is more stable.
/// </summary>
public sealed class BCELoss : Loss
{
    private readonly Tensor? _weight;

    /// <summary>Creates the loss; a weight is registered as the buffer <c>weight</c>, as PyTorch.</summary>
    /// <param name="weight">A rescaling weight that broadcasts to the input's shape (e.g. one per batch element), or null (default).</param>
    /// <param name="reduction">None, Mean (default) or Sum.</param>
    /// <exception cref="ArgumentException">The reduction is BatchMean.</exception>
    public BCELoss(Tensor? weight = null, Reduction reduction = Reduction.Mean) : base(reduction) =>
        _weight = RegisterBuffer("weight", weight);

    /// <summary>The rescaling weight (the buffer <c>weight</c>), or null.</summary>
    public Tensor? Weight => _weight;

    /// <summary>Computes the loss.</summary>
    /// <param name="input">Probabilities in [0, 1], floating point, any shape.</param>
    /// <param name="target">Targets in [0, 1], the same shape.</param>
    /// <returns>The input's shape with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    public Tensor Forward(Tensor input, Tensor target) => F.BinaryCrossEntropy(input, target, _weight, Reduction);
}
