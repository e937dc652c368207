namespace Ember.NN;

/// <summary>
/// The triplet margin loss max(0, margin + d(a, p) − d(a, n)) with the p-norm distance (PyTorch's
/// <c>nn.TripletMarginLoss</c>); see <see cref="F.TripletMarginLoss"/>.
/// </summary>
public sealed class TripletMarginLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="margin">The margin (default 1.0).</param>
    /// <param name="p">The norm degree of the distance (default 2).</param>
    /// <param name="eps">Added to the differences to avoid a zero norm (default 1e-6).</param>
    /// <param name="swap">Use the distance swap (default false).</param>
    /// <param name="reduction">None, Mean (default) or Sum.</param>
    /// <exception cref="ArgumentException">The reduction is BatchMean.</exception>
    public TripletMarginLoss(double margin = 1.0, double p = 2.0, double eps = 1e-6, bool swap = false, Reduction reduction = Reduction.Mean)
        : base(reduction)
    {
        Margin = margin;
        P = p;
        Eps = eps;
        Swap = swap;
    }

    /// <summary>The margin.</summary>
    public double Margin { get; }

    /// <summary>The norm degree of the distance.</summary>
    public double P { get; }

    /// <summary>The epsilon added to the differences.</summary>
    public double Eps { get; }

    /// <summary>Whether the distance swap is used.</summary>
    public bool Swap { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="anchor">Anchors [N, D] (or [D]), floating point.</param>
    /// <param name="positive">Positives, the anchor's shape.</param>
    /// <param name="negative">Negatives, the anchor's shape.</param>
    /// <returns>[N] (or 0-d) with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    public Tensor Forward(Tensor anchor, Tensor positive, Tensor negative) =>
        F.TripletMarginLoss(anchor, positive, negative, Margin, P, Eps, Swap, Reduction);
}
