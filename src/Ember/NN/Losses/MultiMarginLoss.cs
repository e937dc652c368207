namespace Ember.NN;

/// <summary>
/// The multi-class hinge loss Σ_{i≠y} w[y]·max(0, margin − x[y] + x[i])^p / C per sample (PyTorch's
/// <c>nn.MultiMarginLoss</c>); see <see cref="F.MultiMarginLoss"/>.
/// </summary>
public sealed class MultiMarginLoss : Loss
{
    private readonly Tensor? _weight;

    /// <summary>Creates the loss; a class weight is registered as the buffer <c>weight</c>, as PyTorch.</summary>
    /// <param name="p">1 (default) or 2.</param>
    /// <param name="margin">The margin (default 1.0).</param>
    /// <param name="weight">A rescaling weight per class [C], or null (default).</param>
    /// <param name="reduction">None, Mean (default) or Sum.</param>
    /// <exception cref="ArgumentException">p is not 1 or 2, the weight is not 1-D, or the reduction is BatchMean.</exception>
    public MultiMarginLoss(int p = 1, double margin = 1.0, Tensor? weight = null, Reduction reduction = Reduction.Mean) : base(reduction)
    {
        LossHelpers.CheckMultiMarginP(p);
        if (weight is not null && weight.Dim != 1)
            throw new ArgumentException($"MultiMarginLoss: weight must be a 1-D tensor with one value per class, got shape {weight.Shape}", nameof(weight));
        P = p;
        Margin = margin;
        _weight = RegisterBuffer("weight", weight);
    }

    /// <summary>The exponent, 1 or 2.</summary>
    public int P { get; }

    /// <summary>The margin.</summary>
    public double Margin { get; }

    /// <summary>The class weight (the buffer <c>weight</c>), or null.</summary>
    public Tensor? Weight => _weight;

    /// <summary>Computes the loss.</summary>
    /// <param name="input">Scores [N, C] or [C], floating point.</param>
    /// <param name="target">Class indices, int64 [N] (or 0-d).</param>
    /// <returns>[N] (or 0-d) with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    public Tensor Forward(Tensor input, Tensor target) => F.MultiMarginLoss(input, target, P, Margin, _weight, Reduction);
}
