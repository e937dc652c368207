namespace Ember.NN;

/// <summary>
/// The cross entropy between logits and class indices or class probabilities (PyTorch's <c>nn.CrossEntropyLoss</c>):
/// log-softmax over the class dimension (dimension 1, or 0 for an unbatched [C] input) followed by the negative
/// log-likelihood; see <see cref="F.CrossEntropy"/> for the target kinds, weighting and label smoothing.
/// </summary>
/// <example>
/// <code>
/// var criterion = new CrossEntropyLoss();
/// var loss = criterion.Forward(model.Forward(x), labels); // logits [N, C], labels int64 [N]
/// loss.Backward();
/// </code>
/// </example>
public sealed class CrossEntropyLoss : Loss
{
    private readonly Tensor? _weight;

    /// <summary>Creates the loss; a class weight is registered as the buffer <c>weight</c>, as PyTorch.</summary>
    /// <param name="weight">A rescaling weight per class [C], or null (default).</param>
    /// <param name="ignoreIndex">A class index whose targets add nothing to the loss or its mean (default −100).</param>
    /// <param name="reduction">None, Mean (default) or Sum.</param>
    /// <param name="labelSmoothing">The label smoothing ε in [0, 1] (default 0).</param>
    /// <exception cref="ArgumentException">The weight is not 1-D, ε is outside [0, 1], or the reduction is BatchMean.</exception>
    public CrossEntropyLoss(Tensor? weight = null, int ignoreIndex = -100, Reduction reduction = Reduction.Mean, double labelSmoothing = 0.0)
        : base(reduction)
    {
        if (weight is not null && weight.Dim != 1)
            throw new ArgumentException($"CrossEntropyLoss: weight must be a 1-D tensor with one value per class, got shape {weight.Shape}", nameof(weight));
        LossHelpers.CheckLabelSmoothing(labelSmoothing);
        _weight = RegisterBuffer("weight", weight);
        IgnoreIndex = ignoreIndex;
        LabelSmoothing = labelSmoothing;
    }

    /// <summary>The class weight (the buffer <c>weight</c>), or null.</summary>
    public Tensor? Weight => _weight;

    /// <summary>The ignored class index.</summary>
    public int IgnoreIndex { get; }

    /// <summary>The label smoothing ε.</summary>
    public double LabelSmoothing { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="input">Logits [N, C], [N, C, d1, …] or [C], floating point.</param>
    /// <param name="target">Class indices (int64 [N], [N, d1, …] or 0-d) or class probabilities (floating point, the input's shape).</param>
    /// <returns>Per sample with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    public Tensor Forward(Tensor input, Tensor target) => F.CrossEntropy(input, target, _weight, IgnoreIndex, Reduction, LabelSmoothing);
}
