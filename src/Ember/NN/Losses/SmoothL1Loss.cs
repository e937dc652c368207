namespace Ember.NN;

/// <summary>
/// The smooth L1 loss (PyTorch's <c>nn.SmoothL1Loss</c>): quadratic 0.5·z²/β below β, linear z − 0.5·β above,
/// for z = |input − target|; see <see cref="F.SmoothL1Loss"/>.
/// </summary>
public sealed class SmoothL1Loss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">None, Mean (default) or Sum.</param>
    /// <param name="beta">The threshold between the quadratic and linear parts (default 1.0); must be ≥ 0 (0 is the L1 loss).</param>
    /// <exception cref="ArgumentException">β is negative or NaN, or the reduction is BatchMean.</exception>
    public SmoothL1Loss(Reduction reduction = Reduction.Mean, double beta = 1.0) : base(reduction)
    {
        LossHelpers.CheckSmoothL1Beta(beta);
        Beta = beta;
    }

    /// <summary>The threshold between the quadratic and linear parts.</summary>
    public double Beta { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="input">The prediction, floating point, any shape.</param>
    /// <param name="target">The target, the same shape.</param>
    /// <returns>The input's shape with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    public Tensor Forward(Tensor input, Tensor target) => F.SmoothL1Loss(input, target, Reduction, Beta);
}
