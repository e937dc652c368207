namespace Ember.NN;

/// <summary>
/// The mean absolute error, |input − target| per element (PyTorch's <c>nn.L1Loss</c>); see <see cref="F.L1Loss"/>.
/// </summary>
public sealed class L1Loss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">None, Mean (default) or Sum.</param>
    /// <exception cref="ArgumentException">The reduction is BatchMean.</exception>
    public L1Loss(Reduction reduction = Reduction.Mean) : base(reduction) { }

    /// <summary>Computes the loss.</summary>
    /// <param name="input">The prediction, floating point, any shape.</param>
    /// <param name="target">The target, the same shape.</param>
    /// <returns>The input's shape with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    public Tensor Forward(Tensor input, Tensor target) => F.L1Loss(input, target, Reduction);
}
