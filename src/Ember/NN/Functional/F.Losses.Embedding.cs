namespace Ember.NN;

// Embedding and ranking losses: hinge_embedding_loss, cosine_embedding_loss, triplet_margin_loss, margin_ranking_loss.
public static partial class F
{
    /// <summary>
    /// The hinge embedding loss (PyTorch's <c>F.hinge_embedding_loss</c>), for distances labelled similar (1) or
    /// dissimilar (−1): input where target = 1, max(0, margin − input) where target = −1. As in PyTorch, a target that
    /// is neither 1 nor −1 gets both terms.
    /// </summary>
    /// <param name="input">Distances (or any scores), a floating-point tensor of any shape.</param>
    /// <param name="target">Labels 1 or −1, the input's shape or one that broadcasts with it (as PyTorch).</param>
    /// <param name="margin">The margin for dissimilar pairs (default 1.0).</param>
    /// <param name="reduction">None (the broadcast shape), Mean (default) or Sum.</param>
    /// <returns>The loss: the broadcast shape with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not floating point, the shapes do not broadcast, or the reduction is BatchMean.</exception>
    public static Tensor HingeEmbeddingLoss(Tensor input, Tensor target, double margin = 1.0, Reduction reduction = Reduction.Mean)
    {
        LossHelpers.CheckElementwise(input, target, reduction, "hinge_embedding_loss", broadcast: true);
        if (LossHelpers.Reduced(out var half, input, target))
            return HingeEmbeddingLoss(LossHelpers.Wide(input), LossHelpers.Wide(target), margin, reduction).To(half);
        var loss = Torch.Where(target.Ne(1.0), (margin - input).ClampMin(0), 0.0) + Torch.Where(target.Ne(-1.0), input, 0.0);
        return LossHelpers.Reduce(loss, reduction);
    }

    /// <summary>
    /// The cosine embedding loss (PyTorch's <c>F.cosine_embedding_loss</c>): with cos the cosine similarity of each pair
    /// (computed as x1·x2 / sqrt((|x1|² + 1e-12)(|x2|² + 1e-12)), as PyTorch), 1 − cos where target = 1 and
    /// max(0, cos − margin) where target = −1 (0 for other target values).
    /// </summary>
    /// <param name="input1">The first embeddings [N, D] (or [D] with a 0-d target), floating point.</param>
    /// <param name="input2">The second embeddings, the shape of <paramref name="input1"/>.</param>
    /// <param name="target">Labels 1 or −1, [N] (or 0-d).</param>
    /// <param name="margin">The margin for dissimilar pairs, in [−1, 1] (default 0; 0 to 0.5 is typical).</param>
    /// <param name="reduction">None ([N], or 0-d), Mean (default) or Sum.</param>
    /// <returns>The loss: [N] with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The target is not 0-d or 1-D; the inputs are not 1-D (0-d target) or 2-D (1-D target),
    /// differ in shape, have a batch size other than the target's, or are not floating point; or the reduction is BatchMean.</exception>
    public static Tensor CosineEmbeddingLoss(Tensor input1, Tensor input2, Tensor target, double margin = 0.0, Reduction reduction = Reduction.Mean)
    {
        const string op = "cosine_embedding_loss";
        ArgumentNullException.ThrowIfNull(input1);
        ArgumentNullException.ThrowIfNull(input2);
        ArgumentNullException.ThrowIfNull(target);
        LossHelpers.CheckReduction(reduction, op);
        LossHelpers.CheckFloat(input1, op, "input1");
        LossHelpers.CheckFloat(input2, op, "input2");
        if (target.Dim > 1)
            throw new ArgumentException($"{op}: 0D or 1D target tensor expected, multi-target not supported (target {target.Shape})", nameof(target));
        int want = target.Dim + 1;
        if (input1.Dim != want || input2.Dim != want)
            throw new ArgumentException(
                $"{op}: {target.Dim}D target tensor expects {want}D input tensors, but found inputs with sizes {input1.Shape} and {input2.Shape}", nameof(input1));
        LossHelpers.CheckSameShape(input1, input2, op, "input1", "input2");
        if (target.Dim == 1 && target.ShapeArray[0] != input1.ShapeArray[0])
            throw new ArgumentException($"{op}: target {target.Shape} must have one label per row of the inputs {input1.Shape}", nameof(target));
        if (LossHelpers.Reduced(out var half, input1, input2, target))
            return CosineEmbeddingLoss(LossHelpers.Wide(input1), LossHelpers.Wide(input2), LossHelpers.Wide(target), margin, reduction).To(half);

        const double eps = 1e-12;
        int d = target.Dim; // the feature dimension
        var prod = (input1 * input2).Sum(d);
        var mag1 = (input1 * input1).Sum(d) + eps;
        var mag2 = (input2 * input2).Sum(d) + eps;
        var cos = prod / (mag1 * mag2).Sqrt();
        var loss = Torch.Where(target.Eq(1.0), 1.0 - cos, 0.0) + Torch.Where(target.Eq(-1.0), (cos - margin).ClampMin(0), 0.0);
        return LossHelpers.Reduce(loss, reduction);
    }

    /// <summary>
    /// The triplet margin loss (PyTorch's <c>F.triplet_margin_loss</c>): max(0, margin + d(a, p) − d(a, n)) per triplet,
    /// with d(x, y) = ‖x − y + eps‖_p over the last dimension (PyTorch's <c>pairwise_distance</c>). With
    /// <paramref name="swap"/>, d(a, n) is replaced by min(d(a, n), d(p, n)).
    /// </summary>
    /// <param name="anchor">Anchors [N, D] (or [D]), floating point.</param>
    /// <param name="positive">Positives, the anchor's shape.</param>
    /// <param name="negative">Negatives, the anchor's shape.</param>
    /// <param name="margin">The margin (default 1.0).</param>
    /// <param name="p">The norm degree of the distance (default 2).</param>
    /// <param name="eps">Added to the differences to avoid a zero norm (default 1e-6).</param>
    /// <param name="swap">Use the distance swap of Balntas et al. (default false).</param>
    /// <param name="reduction">None ([N], or 0-d), Mean (default) or Sum.</param>
    /// <returns>The loss: the anchor's shape less its last dimension with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The inputs differ in shape, are 0-d or not floating point, or the reduction is BatchMean.</exception>
    public static Tensor TripletMarginLoss(Tensor anchor, Tensor positive, Tensor negative, double margin = 1.0, double p = 2.0,
        double eps = 1e-6, bool swap = false, Reduction reduction = Reduction.Mean)
    {
        const string op = "triplet_margin_loss";
        ArgumentNullException.ThrowIfNull(anchor);
        ArgumentNullException.ThrowIfNull(positive);
        ArgumentNullException.ThrowIfNull(negative);
        LossHelpers.CheckReduction(reduction, op);
        LossHelpers.CheckFloat(anchor, op, "anchor");
        if (anchor.Dim == 0)
            throw new ArgumentException($"{op}: expected anchor, positive and negative of shape [N, D] or [D], got 0-d tensors", nameof(anchor));
        LossHelpers.CheckSameShape(anchor, positive, op, "anchor", "positive");
        LossHelpers.CheckSameShape(anchor, negative, op, "anchor", "negative");
        if (LossHelpers.Reduced(out var half, anchor, positive, negative))
            return TripletMarginLoss(LossHelpers.Wide(anchor), LossHelpers.Wide(positive), LossHelpers.Wide(negative), margin, p, eps, swap, reduction).To(half);

        Tensor Distance(Tensor x, Tensor y) => (x - y + eps).Norm(p, -1);
        var dPos = Distance(anchor, positive);
        var dNeg = Distance(anchor, negative);
        if (swap) dNeg = Torch.Minimum(dNeg, Distance(positive, negative));
        return LossHelpers.Reduce((dPos - dNeg + margin).ClampMin(0), reduction);
    }

    /// <summary>
    /// The margin ranking loss (PyTorch's <c>F.margin_ranking_loss</c>): max(0, −target·(input1 − input2) + margin) per
    /// element, where target = 1 means input1 should rank higher and −1 that input2 should.
    /// </summary>
    /// <param name="input1">The first scores, a floating-point tensor of any shape (typically [N]).</param>
    /// <param name="input2">The second scores, the same shape.</param>
    /// <param name="target">Labels 1 or −1, the same shape.</param>
    /// <param name="margin">The margin (default 0).</param>
    /// <param name="reduction">None (the inputs' shape), Mean (default) or Sum.</param>
    /// <returns>The loss: the inputs' shape with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes differ, an input is not floating point, or the reduction is BatchMean.</exception>
    public static Tensor MarginRankingLoss(Tensor input1, Tensor input2, Tensor target, double margin = 0.0, Reduction reduction = Reduction.Mean)
    {
        const string op = "margin_ranking_loss";
        ArgumentNullException.ThrowIfNull(input1);
        ArgumentNullException.ThrowIfNull(input2);
        ArgumentNullException.ThrowIfNull(target);
        LossHelpers.CheckReduction(reduction, op);
        LossHelpers.CheckFloat(input1, op, "input1");
        LossHelpers.CheckFloat(input2, op, "input2");
        LossHelpers.CheckSameShape(input1, input2, op, "input1", "input2");
        LossHelpers.CheckSameShape(input1, target, op, "input1", "target");
        if (LossHelpers.Reduced(out var half, input1, input2, target))
            return MarginRankingLoss(LossHelpers.Wide(input1), LossHelpers.Wide(input2), LossHelpers.Wide(target), margin, reduction).To(half);
        return LossHelpers.Reduce((-target * (input1 - input2) + margin).ClampMin(0), reduction);
    }
}
