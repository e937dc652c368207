namespace Ember.NN;

/// <summary>
/// The negative log-likelihood loss on log-probabilities (PyTorch's <c>nn.NLLLoss</c>), usually after
/// <c>LogSoftmax</c>; see <see cref="F.NllLoss"/>.
/// </summary>
public sealed class NLLLoss : Loss
{
    private readonly Tensor? _weight;

    /// <summary>Creates the loss; a class weight is registered as the buffer <c>weight</c>, as PyTorch.</summary>
    /// <param name="weight">A rescaling weight per class [C], or null (default).</param>
    /// <param name="ignoreIndex">A class index whose targets add nothing to the loss or its mean (default −100).</param>
    /// <param name="reduction">None, Mean (default) or Sum.</param>
    /// <exception cref="ArgumentException">The weight is not 1-D, or the reduction is BatchMean.</exception>
    public NLLLoss(Tensor? weight = null, int ignoreIndex = -100, Reduction reduction = Reduction.Mean) : base(reduction)
    {
        if (weight is not null && weight.Dim != 1)
            throw new ArgumentException($"NLLLoss: weight must be a 1-D tensor with one value per class, got shape {weight.Shape}", nameof(weight));
        _weight = RegisterBuffer("weight", weight);
        IgnoreIndex = ignoreIndex;
    }

    /// <summary>The class weight (the buffer <c>weight</c>), or null.</summary>
    public Tensor? Weight => _weight;

    /// <summary>The ignored class index.</summary>
    public int IgnoreIndex { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="input">Log-probabilities [N, C], [N, C, d1, …] or [C], floating point.</param>
    /// <param name="target">Class indices, int64 [N], [N, d1, …] or 0-d.</param>
    /// <returns>The target's shape with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    public Tensor Forward(Tensor input, Tensor target) => F.NllLoss(input, target, _weight, IgnoreIndex, Reduction);
}
