namespace Ember.NN;

/// <summary>
/// Sigmoid and binary cross entropy in one numerically stable loss (PyTorch's <c>nn.BCEWithLogitsLoss</c>):
/// max(x, 0) − x·y + log1p(exp(−|x|)), with optional per-element and positive-class weights; see
/// <see cref="F.BinaryCrossEntropyWithLogits"/>.
/// </summary>
public sealed class BCEWithLogitsLoss : Loss
{
    private readonly Tensor? _weight, _posWeight;

    /// <summary>Creates the loss; the weights are registered as the buffers <c>weight</c> and <c>pos_weight</c>, as PyTorch.</summary>
    /// <param name="weight">A rescaling weight that broadcasts to the input's shape, or null (default).</param>
    /// <param name="reduction">None, Mean (default) or Sum.</param>
    /// <param name="posWeight">A weight of positive examples that broadcasts to the input's shape, typically one per class [C], or null (default).</param>
    /// <exception cref="ArgumentException">The reduction is BatchMean.</exception>
    public BCEWithLogitsLoss(Tensor? weight = null, Reduction reduction = Reduction.Mean, Tensor? posWeight = null) : base(reduction)
    {
        _weight = RegisterBuffer("weight", weight);
        _posWeight = RegisterBuffer("pos_weight", posWeight);
    }

    /// <summary>The rescaling weight (the buffer <c>weight</c>), or null.</summary>
    public Tensor? Weight => _weight;

    /// <summary>The positive-class weight (the buffer <c>pos_weight</c>), or null.</summary>
    public Tensor? PosWeight => _posWeight;

    /// <summary>Computes the loss.</summary>
    /// <param name="input">Logits, floating point, any shape (e.g. [N, C]).</param>
    /// <param name="target">Targets in [0, 1], the same shape.</param>
    /// <returns>The input's shape with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    public Tensor Forward(Tensor input, Tensor target) => F.BinaryCrossEntropyWithLogits(input, target, _weight, Reduction, _posWeight);
}
