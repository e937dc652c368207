namespace Ember.NN;

/// <summary>
/// The mean squared error, (input − target)² per element (PyTorch's <c>nn.MSELoss</c>); see <see cref="F.MseLoss"/>.
/// </summary>
public sealed class MSELoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">None, Mean (default) or Sum.</param>
    /// <exception cref="ArgumentException">The reduction is BatchMean.</exception>
    public MSELoss(Reduction reduction = Reduction.Mean) : base(reduction) { }

    /// <summary>Computes the loss.</summary>
    /// <param name="input">The prediction, floating point, any shape.</param>
    /// <param name="target">The target, the same shape.</param>
    /// <returns>The input's shape with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    public Tensor Forward(Tensor input, Tensor target) => F.MseLoss(input, target, Reduction);
}
