using Ember.Autograd;

namespace Ember.NN;

// Classification losses: binary_cross_entropy(_with_logits), cross_entropy, nll_loss, multi_margin_loss, soft_margin_loss.
public static partial class F
{
    /// <summary>
    /// The binary cross entropy between probabilities and targets (PyTorch's <c>F.binary_cross_entropy</c>):
    /// −w·(target·log(input) + (1 − target)·log(1 − input)) per element, with each log clamped at −100 as PyTorch,
    /// so probabilities of exactly 0 and 1 give finite losses (at most 100). The input gradient is PyTorch's
    /// w·(input − target) / max(input·(1 − input), 1e-12), finite everywhere. NaN inputs propagate.
    /// </summary>
    /// <param name="input">Probabilities in [0, 1], a floating-point tensor of any shape.</param>
    /// <param name="target">Targets (usually 0 or 1, any value in [0, 1] works), the same shape.</param>
    /// <param name="weight">A rescaling weight that broadcasts to the input's shape, e.g. one per batch element, or null (default).</param>
    /// <param name="reduction">None (the input's shape), Mean (default) or Sum.</param>
    /// <returns>The loss: the input's shape with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentException">An input value is outside [0, 1] or NaN, the input is not floating point, the shapes differ,
    /// the weight does not broadcast to the input, or the reduction is BatchMean.</exception>
    public static Tensor BinaryCrossEntropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean)
    {
        const string op = "binary_cross_entropy";
        LossHelpers.CheckElementwise(input, target, reduction, op);
        LossHelpers.CheckBroadcastsTo(weight, input.ShapeArray, op, "weight");
        if (LossHelpers.Reduced(out var half, input, target, weight))
            return BinaryCrossEntropy(LossHelpers.Wide(input), LossHelpers.Wide(target), LossHelpers.WideOrNull(weight), reduction).To(half);
        var outside = !((input >= 0L) & (input <= 1L)); // NaN is outside too, as in PyTorch
        if (LossHelpers.Any(outside))
        {
            double bad;
            using (Torch.NoGrad()) bad = input.MaskedSelect(outside).To(DType.Float64).ToArray<double>()[0];
            throw new ArgumentException(
                $"{op}: all elements of input should be between 0 and 1, but input {input.Shape} contains {bad} (pass logits to binary_cross_entropy_with_logits instead)", nameof(input));
        }
        var dt = DTypeExtensions.Promote(input.DType, target.DType);
        var loss = BinaryCrossEntropyElements(input.To(dt), target.To(dt));
        if (weight is not null) loss = loss * weight;
        return LossHelpers.Reduce(loss, reduction);
    }

    private static Tensor BinaryCrossEntropyElements(Tensor x, Tensor y)
    {
        Tensor logX, log1mX, loss;
        using (Torch.NoGrad())
        {
            logX = x.Log().ClampMin(-100);
            log1mX = (-x).Log1p().ClampMin(-100);
            loss = (y - 1.0) * log1mX - y * logX;
        }
        if (Graph.NeedsGrad(x, y)) Graph.Record(loss, new BinaryCrossEntropyBackward(x, y, logX, log1mX), x, y);
        return loss;
    }

    /// <summary>
    /// PyTorch's gradients: input (x − y) / max(x(1 − x), 1e-12f); target: the derivative of the clamped forward,
    /// clamp(log(1 − x)) − clamp(log x) (finite, where PyTorch's unclamped one is ±∞ at 0 and 1).
    /// </summary>
    private sealed class BinaryCrossEntropyBackward(Tensor x, Tensor y, Tensor logX, Tensor log1mX) : Node
    {
        /// <summary>PyTorch's EPSILON, the float 1e-12 (so the gradient at 0 and 1 is ∓1.000000004e12, exactly as PyTorch).</summary>
        private const double Epsilon = 1e-12f;

        private SavedTensor _x = new(x), _y = new(y), _logX = new(logX), _log1mX = new(log1mX);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var x = Unpack(_x);
            return
            [
                NeedsGrad(0) ? grad * (x - Unpack(_y)) / ((1.0 - x) * x).ClampMin(Epsilon) : null,
                NeedsGrad(1) ? grad * (Unpack(_log1mX) - Unpack(_logX)) : null,
            ];
        }

        protected override void ReleaseSaved() => (_x, _y, _logX, _log1mX) = (default, default, default, default);
    }

    /// <summary>
    /// The binary cross entropy on logits (PyTorch's <c>F.binary_cross_entropy_with_logits</c>), sigmoid and BCE in one
    /// numerically stable step: (1 − y)·x + l·softplus(−x) with l = 1 + (posWeight − 1)·y, i.e. max(x, 0) − x·y +
    /// log1p(exp(−|x|)) without <paramref name="posWeight"/>; then times <paramref name="weight"/>. Logits of ±1000 give
    /// exact finite losses and the gradient sigmoid(x)·l − posWeight·y (times the weight).
    /// </summary>
    /// <param name="input">Logits, a floating-point tensor of any shape, e.g. [N, C].</param>
    /// <param name="target">Targets in [0, 1], the same shape.</param>
    /// <param name="weight">A rescaling weight that broadcasts to the input's shape, or null (default).</param>
    /// <param name="reduction">None (the input's shape), Mean (default) or Sum.</param>
    /// <param name="posWeight">A weight of positive examples that broadcasts to the input's shape, typically one per class
    /// ([C] for an input [N, C]): values above 1 raise recall. Null (default) for none.</param>
    /// <returns>The loss: the input's shape with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is not floating point, the shapes differ, a weight does not broadcast
    /// to the input, or the reduction is BatchMean.</exception>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor? weight = null,
        Reduction reduction = Reduction.Mean, Tensor? posWeight = null)
    {
        const string op = "binary_cross_entropy_with_logits";
        LossHelpers.CheckElementwise(input, target, reduction, op);
        LossHelpers.CheckBroadcastsTo(weight, input.ShapeArray, op, "weight");
        LossHelpers.CheckBroadcastsTo(posWeight, input.ShapeArray, op, "posWeight");
        if (LossHelpers.Reduced(out var half, input, target, weight, posWeight))
            return BinaryCrossEntropyWithLogits(LossHelpers.Wide(input), LossHelpers.Wide(target), LossHelpers.WideOrNull(weight), reduction,
                LossHelpers.WideOrNull(posWeight)).To(half);
        var softplusNeg = LossHelpers.Softplus(-input);
        var loss = (1.0 - target) * input + (posWeight is null ? softplusNeg : ((posWeight - 1.0) * target + 1.0) * softplusNeg);
        if (weight is not null) loss = loss * weight;
        return LossHelpers.Reduce(loss, reduction);
    }

    /// <summary>
    /// The cross entropy between logits and targets (PyTorch's <c>F.cross_entropy</c>): <c>LogSoftmax</c> over the class
    /// dimension followed by <see cref="NllLoss"/>, stable for logits of ±1000. Two kinds of target:
    /// <list type="bullet">
    /// <item>class indices: int64 [N] for an input [N, C], [N, d1, …] for [N, C, d1, …], 0-d for an unbatched [C]. Targets
    /// equal to <paramref name="ignoreIndex"/> add nothing; the weighted mean divides by the summed weights of the other targets.</item>
    /// <item>class probabilities: a floating-point target of the input's shape; the loss is −Σ_c w_c·target_c·log softmax_c,
    /// and the mean divides by the number of samples (N·d1·…), not by weights.</item>
    /// </list>
    /// With <paramref name="labelSmoothing"/> ε the target becomes (1 − ε)·target + ε/C (for indices: ε/C on every class and
    /// 1 − ε + ε/C on the right one), as in PyTorch.
    /// </summary>
    /// <param name="input">Unnormalized logits [N, C], [N, C, d1, …] or [C], floating point.</param>
    /// <param name="target">Class indices or class probabilities, as above.</param>
    /// <param name="weight">A rescaling weight per class [C], or null (default).</param>
    /// <param name="ignoreIndex">A class index whose targets are ignored (default −100); only for index targets.</param>
    /// <param name="reduction">None (the target's shape for indices; the input's shape less the class dimension for
    /// probabilities), Mean (default) or Sum.</param>
    /// <param name="labelSmoothing">The smoothing ε in [0, 1] (default 0).</param>
    /// <returns>The loss: per sample with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is 0-d or not floating point; the target's shape or dtype fits neither
    /// kind (e.g. a float32 [N] target); a probability target is not floating point or is used with a non-negative
    /// <paramref name="ignoreIndex"/>; the weight is not [C]; ε is outside [0, 1]; or the reduction is BatchMean.</exception>
    /// <exception cref="IndexOutOfRangeException">A class index is outside [0, C) and is not <paramref name="ignoreIndex"/>
    /// (e.g. <c>cross_entropy: Target 7 is out of bounds. …</c>).</exception>
    public static Tensor CrossEntropy(Tensor input, Tensor target, Tensor? weight = null, int ignoreIndex = -100,
        Reduction reduction = Reduction.Mean, double labelSmoothing = 0.0)
    {
        const string op = "cross_entropy";
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        LossHelpers.CheckReduction(reduction, op);
        LossHelpers.CheckLabelSmoothing(labelSmoothing);
        var (classDim, classes) = ClassDim(input, op);
        LossHelpers.CheckClassWeight(weight, classes, op);
        if (LossHelpers.Reduced(out var half, input, target))
            return CrossEntropy(LossHelpers.Wide(input), LossHelpers.Wide(target), weight, ignoreIndex, reduction, labelSmoothing).To(half);
        var w = weight?.To(input.DType);

        if (input.ShapeArray.AsSpan().SequenceEqual(target.ShapeArray))
        {
            if (!target.DType.IsFloatingPoint())
                throw new ArgumentException(
                    $"{op}: Expected floating point type for target with class probabilities, got {target.DType.TorchName()} (target {target.Shape} has the input's shape; class indices would be {Size.Format(IndexTargetShape(input))})",
                    nameof(target));
            if (ignoreIndex >= 0)
                throw new ArgumentException($"{op}: ignore_index is not supported for floating point target (class probabilities), got ignore_index={ignoreIndex}", nameof(ignoreIndex));
            var logp = input.LogSoftmax(classDim);
            var t = labelSmoothing > 0 ? target * (1 - labelSmoothing) + labelSmoothing / classes : target;
            var prod = logp * t;
            if (w is not null) prod = prod * w.View(ClassShape(input.Dim, classDim, classes));
            var perSample = -prod.Sum(classDim);
            return reduction switch
            {
                Reduction.None => perSample,
                Reduction.Sum => perSample.Sum(),
                _ => perSample.Sum() / perSample.Numel,
            };
        }

        if (FusedCrossEntropy.Applies(input, target, w, reduction, labelSmoothing)) return FusedCrossEntropy.Forward(input, target, ignoreIndex, reduction);
        CheckIndexTarget(input, target, classes, ignoreIndex, op);
        var logProbs = input.LogSoftmax(classDim);
        var (nll, targetWeights, ignored) = NllCore(logProbs, target, w, ignoreIndex, reduction);
        if (labelSmoothing == 0) return nll;

        // The uniform part: −Σ_c w_c·log p_c per sample, 0 where the target is ignored.
        var smooth = w is not null ? -(logProbs * w.View(ClassShape(input.Dim, classDim, classes))).Sum(classDim) : -logProbs.Sum(classDim);
        smooth = Torch.Where(ignored, 0.0, smooth);
        var uniform = reduction switch
        {
            Reduction.None => smooth,
            Reduction.Sum => smooth.Sum(),
            _ => smooth.Sum() / targetWeights.Sum(),
        };
        return nll * (1 - labelSmoothing) + uniform * (labelSmoothing / classes);
    }

    /// <summary>
    /// The negative log-likelihood loss (PyTorch's <c>F.nll_loss</c>): −w[t]·input[n, t] per sample, where
    /// <paramref name="input"/> holds log-probabilities (e.g. from <c>LogSoftmax</c>). Targets equal to
    /// <paramref name="ignoreIndex"/> add nothing; the mean divides by the summed weights of the other targets
    /// (their count without a weight), so a batch whose every target is ignored gives NaN, as PyTorch.
    /// </summary>
    /// <param name="input">Log-probabilities [N, C], [N, C, d1, …] or [C], floating point.</param>
    /// <param name="target">Class indices, int64 [N], [N, d1, …] or 0-d, each in [0, C) or <paramref name="ignoreIndex"/>.</param>
    /// <param name="weight">A rescaling weight per class [C], or null (default).</param>
    /// <param name="ignoreIndex">A class index whose targets are ignored (default −100).</param>
    /// <param name="reduction">None (the target's shape), Mean (default) or Sum.</param>
    /// <returns>The loss: the target's shape with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is 0-d or not floating point, the target is not int64 or has the wrong
    /// shape, the weight is not [C], or the reduction is BatchMean.</exception>
    /// <exception cref="IndexOutOfRangeException">A target is outside [0, C) and is not <paramref name="ignoreIndex"/>.</exception>
    public static Tensor NllLoss(Tensor input, Tensor target, Tensor? weight = null, int ignoreIndex = -100, Reduction reduction = Reduction.Mean)
    {
        const string op = "nll_loss";
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        LossHelpers.CheckReduction(reduction, op);
        var (_, classes) = ClassDim(input, op);
        LossHelpers.CheckClassWeight(weight, classes, op);
        CheckIndexTarget(input, target, classes, ignoreIndex, op);
        if (LossHelpers.Reduced(out var half, input)) return NllLoss(LossHelpers.Wide(input), target, weight, ignoreIndex, reduction).To(half);
        return NllCore(input, target, weight?.To(input.DType), ignoreIndex, reduction).Loss;
    }

    /// <summary>
    /// The multi-class hinge loss (PyTorch's <c>F.multi_margin_loss</c>): per sample,
    /// Σ_{i≠y} w[y]·max(0, margin − x[y] + x[i])^p / C.
    /// </summary>
    /// <param name="input">Scores [N, C] or [C], floating point.</param>
    /// <param name="target">Class indices, int64 [N] (or 0-d for an unbatched [C] input), each in [0, C).</param>
    /// <param name="p">1 (default) or 2.</param>
    /// <param name="margin">The margin (default 1.0).</param>
    /// <param name="weight">A rescaling weight per class [C], or null (default).</param>
    /// <param name="reduction">None ([N], or 0-d unbatched), Mean (default; over samples) or Sum.</param>
    /// <returns>The loss: per sample with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentException">p is not 1 or 2; the input is not 1-D or 2-D or not floating point; the target is
    /// not int64 or has the wrong shape; the weight is not [C]; or the reduction is BatchMean.</exception>
    /// <exception cref="IndexOutOfRangeException">A target is outside [0, C).</exception>
    public static Tensor MultiMarginLoss(Tensor input, Tensor target, int p = 1, double margin = 1.0, Tensor? weight = null,
        Reduction reduction = Reduction.Mean)
    {
        const string op = "multi_margin_loss";
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        LossHelpers.CheckReduction(reduction, op);
        LossHelpers.CheckMultiMarginP(p);
        LossHelpers.CheckFloat(input, op);
        if (input.Dim != 1 && input.Dim != 2)
            throw new ArgumentException($"{op}: expected an input of shape [N, C] or [C], got {input.Shape}", nameof(input));
        int classes = input.ShapeArray[^1];
        LossHelpers.CheckClassWeight(weight, classes, op);
        // no ignore_index here: an index that cannot occur
        CheckIndexTarget(input, target, classes, ignoreIndex: null, op);
        if (LossHelpers.Reduced(out var half, input)) return MultiMarginLoss(LossHelpers.Wide(input), target, p, margin, weight, reduction).To(half);

        bool unbatched = input.Dim == 1;
        var x = unbatched ? input.Unsqueeze(0) : input;
        var t = (unbatched ? target.Unsqueeze(0) : target).Unsqueeze(1); // [N, 1]
        var z = (x - x.Gather(1, t) + margin).Relu();
        var h = p == 1 ? z : z * z;
        h = Torch.Where(Torch.Arange(classes).View(1, classes).Eq(t), 0.0, h);
        var loss = h.Sum(1) / classes;
        if (weight is not null) loss = loss * weight.To(input.DType).Gather(0, t.Squeeze(1));
        if (unbatched) loss = loss.Squeeze(0);
        return LossHelpers.Reduce(loss, reduction);
    }

    /// <summary>
    /// The two-class logistic loss (PyTorch's <c>F.soft_margin_loss</c>): log(1 + exp(−target·input)) per element,
    /// computed stably (PyTorch's own formula overflows to ∞ for −target·input ≳ 89 in float32; Ember gives the exact value).
    /// </summary>
    /// <param name="input">Scores, a floating-point tensor of any shape.</param>
    /// <param name="target">Labels 1 or −1, the input's shape or one that broadcasts with it (as PyTorch).</param>
    /// <param name="reduction">None (the broadcast shape), Mean (default) or Sum.</param>
    /// <returns>The loss: the broadcast shape with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not floating point, the shapes do not broadcast, or the reduction is BatchMean.</exception>
    public static Tensor SoftMarginLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        LossHelpers.CheckElementwise(input, target, reduction, "soft_margin_loss", broadcast: true);
        if (LossHelpers.Reduced(out var half, input, target)) return SoftMarginLoss(LossHelpers.Wide(input), LossHelpers.Wide(target), reduction).To(half);
        return LossHelpers.Reduce(LossHelpers.Softplus(-(target * input)), reduction);
    }

    /// <summary>The class dimension (1, or 0 for an unbatched 1-D input) and the number of classes; checks the input.</summary>
    private static (int Dim, int Classes) ClassDim(Tensor input, string op)
    {
        LossHelpers.CheckFloat(input, op);
        if (input.Dim == 0)
            throw new ArgumentException($"{op}: expected an input of shape [N, C], [N, C, d1, ...] or [C], got a 0-d tensor", nameof(input));
        int d = input.Dim == 1 ? 0 : 1;
        return (d, input.ShapeArray[d]);
    }

    /// <summary>The shape [1, …, C, …, 1] that lines a per-class vector up with the class dimension.</summary>
    private static int[] ClassShape(int dims, int classDim, int classes)
    {
        var s = Enumerable.Repeat(1, dims).ToArray();
        s[classDim] = classes;
        return s;
    }

    /// <summary>The shape of index targets: the input's shape without the class dimension.</summary>
    private static int[] IndexTargetShape(Tensor input) =>
        input.Dim == 1 ? [] : input.ShapeArray.Where((_, i) => i != 1).ToArray();

    /// <summary>Checks the dtype, shape and values of class-index targets.</summary>
    private static void CheckIndexTarget(Tensor input, Tensor target, int classes, int? ignoreIndex, string op)
    {
        var expected = IndexTargetShape(input);
        if (target.DType != DType.Int64)
            throw new ArgumentException(
                $"{op}: expected class indices of dtype int64 and shape {Size.Format(expected)} for input {input.Shape}, got {target.DType.TorchName()} {target.Shape}" +
                (target.DType.IsFloatingPoint() && op == "cross_entropy" ? $" (class probabilities must have the input's shape {input.Shape})" : ""),
                nameof(target));
        if (!target.ShapeArray.AsSpan().SequenceEqual(expected))
        {
            var detail = input.Dim == 2 && target.Dim == 1
                ? $"Expected input batch_size ({input.ShapeArray[0]}) to match target batch_size ({target.ShapeArray[0]})"
                : $"Expected target size {Size.Format(expected)}, got {target.Shape}";
            throw new ArgumentException($"{op}: {detail} (input {input.Shape}, class-index target {target.Shape})", nameof(target));
        }
        Tensor bad;
        using (Torch.NoGrad())
        {
            bad = (target < 0L) | (target >= (long)classes);
            if (ignoreIndex is int ii) bad = bad & target.Ne((long)ii);
        }
        if (!LossHelpers.Any(bad)) return;
        long value = target.MaskedSelect(bad).ToArray<long>()[0];
        throw new IndexOutOfRangeException(
            $"{op}: Target {value} is out of bounds. Class indices must be in [0, {classes - 1}] for an input {input.Shape} with {classes} classes" +
            (ignoreIndex is int i2 ? $", or equal ignore_index ({i2})" : ""));
    }

    /// <summary>
    /// −w[t]·logp[n, t, …] with ignored targets giving 0; returns the reduced loss, the per-target weights (0 where ignored;
    /// 1 elsewhere without a class weight) and the ignored mask, both in the target's shape.
    /// </summary>
    private static (Tensor Loss, Tensor TargetWeights, Tensor Ignored) NllCore(Tensor logp, Tensor target, Tensor? weight, int ignoreIndex, Reduction reduction)
    {
        bool unbatched = logp.Dim == 1;
        var x = unbatched ? logp.Unsqueeze(0) : logp;
        var t = unbatched ? target.Unsqueeze(0) : target;
        var ignored = t.Eq((long)ignoreIndex);
        var safe = Torch.Where(ignored, 0L, t);
        var picked = x.Gather(1, safe.Unsqueeze(1)).Squeeze(1);
        var w = weight is null
            ? (!ignored).To(x.DType)
            : Torch.Where(ignored, 0.0, weight.Gather(0, safe.Reshape(safe.Numel)).View(t.ShapeArray));
        // where, not a product: an ignored target's log-probability may be −∞
        var loss = Torch.Where(ignored, 0.0, -(picked * w));
        if (unbatched) (loss, w, ignored) = (loss.Squeeze(0), w.Squeeze(0), ignored.Squeeze(0));
        var reduced = reduction switch
        {
            Reduction.None => loss,
            Reduction.Sum => loss.Sum(),
            _ => loss.Sum() / w.Sum(),
        };
        return (reduced, w, ignored);
    }
}
