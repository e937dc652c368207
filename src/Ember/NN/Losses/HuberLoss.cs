namespace Ember.NN;

/// <summary>
/// The Huber loss (PyTorch's <c>nn.HuberLoss</c>): 0.5·z² below δ, δ·(z − 0.5·δ) above, for z = |input − target|;
/// see <see cref="F.HuberLoss"/>.
/// </summary>
public sealed class HuberLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">None, Mean (default) or Sum.</param>
    /// <param name="delta">The threshold between the quadratic and linear parts (default 1.0); must be &gt; 0.</param>
    /// <exception cref="ArgumentException">δ is not positive, or the reduction is BatchMean.</exception>
    public HuberLoss(Reduction reduction = Reduction.Mean, double delta = 1.0) : base(reduction)
    {
        LossHelpers.CheckHuberDelta(delta);
        Delta = delta;
    }

    /// <summary>The threshold between the quadratic and linear parts.</summary>
    public double Delta { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="input">The prediction, floating point, any shape.</param>
    /// <param name="target">The target, the same shape.</param>
    /// <returns>The input's shape with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    public Tensor Forward(Tensor input, Tensor target) => F.HuberLoss(input, target, Reduction, Delta);
}
