using Ember.Autograd;

namespace Ember.NN;

// Regression and distribution losses: mse_loss, l1_loss, smooth_l1_loss, huber_loss, kl_div, poisson_nll_loss.
// Each is composed of differentiable tensor ops, so autograd needs nothing extra.
public static partial class F
{
    /// <summary>
    /// The mean squared error (PyTorch's <c>F.mse_loss</c>): (input − target)² per element, then reduced.
    /// </summary>
    /// <param name="input">The prediction, a floating-point tensor of any shape.</param>
    /// <param name="target">The target, the same shape as <paramref name="input"/> (PyTorch would broadcast with a warning; Ember requires equal shapes).</param>
    /// <param name="reduction">None (the input's shape), Mean (default) or Sum (a 0-d tensor).</param>
    /// <returns>The loss: the input's shape with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not floating point, the shapes differ, or the reduction is BatchMean.</exception>
    public static Tensor MseLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        LossHelpers.CheckElementwise(input, target, reduction, "mse_loss");
        if (LossHelpers.Reduced(out var half, input, target)) return MseLoss(LossHelpers.Wide(input), LossHelpers.Wide(target), reduction).To(half);
        var d = input - target;
        return LossHelpers.Reduce(d * d, reduction);
    }

    /// <summary>
    /// The mean absolute error (PyTorch's <c>F.l1_loss</c>): |input − target| per element, then reduced.
    /// The gradient at input = target is 0, as in PyTorch.
    /// </summary>
    /// <param name="input">The prediction, a floating-point tensor of any shape.</param>
    /// <param name="target">The target, the same shape as <paramref name="input"/>.</param>
    /// <param name="reduction">None (the input's shape), Mean (default) or Sum.</param>
    /// <returns>The loss: the input's shape with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not floating point, the shapes differ, or the reduction is BatchMean.</exception>
    public static Tensor L1Loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        LossHelpers.CheckElementwise(input, target, reduction, "l1_loss");
        if (LossHelpers.Reduced(out var half, input, target)) return L1Loss(LossHelpers.Wide(input), LossHelpers.Wide(target), reduction).To(half);
        return LossHelpers.Reduce((input - target).Abs(), reduction);
    }

    /// <summary>
    /// The smooth L1 loss (PyTorch's <c>F.smooth_l1_loss</c>): with z = |input − target|, 0.5·z²/β where z &lt; β,
    /// else z − 0.5·β. β = 0 is exactly the L1 loss.
    /// </summary>
    /// <param name="input">The prediction, a floating-point tensor of any shape.</param>
    /// <param name="target">The target, the same shape as <paramref name="input"/>.</param>
    /// <param name="reduction">None (the input's shape), Mean (default) or Sum.</param>
    /// <param name="beta">Where the loss changes from quadratic to linear (default 1.0); must be ≥ 0.</param>
    /// <returns>The loss: the input's shape with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">β is negative or NaN, the input is not floating point, the shapes differ, or the reduction is BatchMean.</exception>
    public static Tensor SmoothL1Loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double beta = 1.0)
    {
        LossHelpers.CheckSmoothL1Beta(beta);
        LossHelpers.CheckElementwise(input, target, reduction, "smooth_l1_loss");
        if (LossHelpers.Reduced(out var half, input, target))
            return SmoothL1Loss(LossHelpers.Wide(input), LossHelpers.Wide(target), reduction, beta).To(half);
        var d = input - target;
        var z = d.Abs();
        // β = 0 would divide by zero in the (unselected) quadratic branch, poisoning its gradient.
        var loss = beta == 0 ? z : Torch.Where(z < beta, d * d * (0.5 / beta), z - 0.5 * beta);
        return LossHelpers.Reduce(loss, reduction);
    }

    /// <summary>
    /// The Huber loss (PyTorch's <c>F.huber_loss</c>): with z = |input − target|, 0.5·z² where z &lt; δ,
    /// else δ·(z − 0.5·δ). Equals δ times the smooth L1 loss with β = δ.
    /// </summary>
    /// <param name="input">The prediction, a floating-point tensor of any shape.</param>
    /// <param name="target">The target, the same shape as <paramref name="input"/>.</param>
    /// <param name="reduction">None (the input's shape), Mean (default) or Sum.</param>
    /// <param name="delta">Where the loss changes from quadratic to linear (default 1.0); must be &gt; 0.</param>
    /// <returns>The loss: the input's shape with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">δ is not positive, the input is not floating point, the shapes differ, or the reduction is BatchMean.</exception>
    public static Tensor HuberLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double delta = 1.0)
    {
        LossHelpers.CheckHuberDelta(delta);
        LossHelpers.CheckElementwise(input, target, reduction, "huber_loss");
        if (LossHelpers.Reduced(out var half, input, target))
            return HuberLoss(LossHelpers.Wide(input), LossHelpers.Wide(target), reduction, delta).To(half);
        var d = input - target;
        var z = d.Abs();
        var loss = Torch.Where(z < delta, d * d * 0.5, (z - 0.5 * delta) * delta);
        return LossHelpers.Reduce(loss, reduction);
    }

    /// <summary>
    /// The Kullback-Leibler divergence loss (PyTorch's <c>F.kl_div</c>) with <paramref name="input"/> given as
    /// log-probabilities: target·(log target − input) per element (0 where target = 0), or, with
    /// <paramref name="logTarget"/>, exp(target)·(target − input).
    /// </summary>
    /// <param name="input">Log-probabilities, a floating-point tensor of any shape (typically [N, C] from <c>LogSoftmax</c>).</param>
    /// <param name="target">Probabilities (or log-probabilities with <paramref name="logTarget"/>), the input's shape or one that broadcasts with it (as PyTorch).</param>
    /// <param name="reduction">None (the input's shape), Mean (default; the mean over all elements, as PyTorch, which is not
    /// the true KL divergence), Sum, or <see cref="Reduction.BatchMean"/> (the sum divided by the first dimension, the true KL divergence per sample).</param>
    /// <param name="logTarget">Whether <paramref name="target"/> holds log-probabilities (default false).</param>
    /// <returns>The loss: the broadcast shape with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not floating point, the shapes do not broadcast, or BatchMean is asked of a 0-d input.</exception>
    public static Tensor KlDiv(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, bool logTarget = false)
    {
        LossHelpers.CheckElementwise(input, target, reduction, "kl_div", allowBatchMean: true, broadcast: true);
        if (reduction == Reduction.BatchMean && input.Dim == 0)
            throw new ArgumentException("kl_div: reduction BatchMean divides by the batch size, the first dimension, but the input is 0-d", nameof(reduction));
        if (LossHelpers.Reduced(out var half, input, target))
            return KlDiv(LossHelpers.Wide(input), LossHelpers.Wide(target), reduction, logTarget).To(half);
        var loss = logTarget ? target.Exp() * (target - input) : LossHelpers.XLogX(target) - target * input;
        return reduction == Reduction.BatchMean ? loss.Sum() / input.ShapeArray[0] : LossHelpers.Reduce(loss, reduction);
    }

    /// <summary>
    /// The negative log-likelihood of a Poisson distribution (PyTorch's <c>F.poisson_nll_loss</c>): with
    /// <paramref name="logInput"/>, exp(input) − target·input; otherwise input − target·log(input + eps). With
    /// <paramref name="full"/>, Stirling's approximation target·log(target) − target + 0.5·log(2π·target) is added
    /// where target &gt; 1.
    /// </summary>
    /// <param name="input">The predicted rate (or its log with <paramref name="logInput"/>), a floating-point tensor of any shape.</param>
    /// <param name="target">The observed counts, the input's shape or one that broadcasts with it (as PyTorch).</param>
    /// <param name="logInput">Whether <paramref name="input"/> is the log of the rate (default true).</param>
    /// <param name="full">Add the Stirling term (default false).</param>
    /// <param name="eps">Added to the input before the log when <paramref name="logInput"/> is false (default 1e-8).</param>
    /// <param name="reduction">None (the broadcast shape), Mean (default) or Sum.</param>
    /// <returns>The loss: the broadcast shape with <see cref="Reduction.None"/>, else a 0-d tensor.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not floating point, the shapes do not broadcast, or the reduction is BatchMean.</exception>
    public static Tensor PoissonNllLoss(Tensor input, Tensor target, bool logInput = true, bool full = false, double eps = 1e-8,
        Reduction reduction = Reduction.Mean)
    {
        LossHelpers.CheckElementwise(input, target, reduction, "poisson_nll_loss", broadcast: true);
        if (LossHelpers.Reduced(out var half, input, target))
            return PoissonNllLoss(LossHelpers.Wide(input), LossHelpers.Wide(target), logInput, full, eps, reduction).To(half);
        var loss = logInput ? input.Exp() - target * input : input - target * (input + eps).Log();
        if (full)
        {
            // PyTorch's masked_fill(target <= 1, 0): NaN targets keep the (NaN) term. The safe value 2 keeps the
            // log of the masked-out entries (and so their gradient) finite.
            var use = !(target <= 1.0);
            var t = Torch.Where(use, target, 2.0);
            var stirling = t * t.Log() - t + (t * (2 * Math.PI)).Log() * 0.5;
            loss = loss + Torch.Where(use, stirling, 0.0);
        }
        return LossHelpers.Reduce(loss, reduction);
    }
}

/// <summary>Validation, reduction and small numerics shared by the losses.</summary>
internal static class LossHelpers
{
    /// <summary>Throws unless <paramref name="reduction"/> is a defined value that <paramref name="op"/> supports.</summary>
    public static void CheckReduction(Reduction reduction, string op, bool allowBatchMean = false)
    {
        if (!Enum.IsDefined(reduction))
            throw new ArgumentException($"{op}: {(int)reduction} is not a valid value for reduction; use Reduction.None, Reduction.Mean or Reduction.Sum", nameof(reduction));
        if (reduction == Reduction.BatchMean && !allowBatchMean)
            throw new ArgumentException($"{op}: reduction BatchMean is only supported by kl_div; use Reduction.None, Reduction.Mean or Reduction.Sum", nameof(reduction));
    }

    /// <summary>Throws unless <paramref name="input"/> is a floating-point tensor.</summary>
    public static void CheckFloat(Tensor input, string op, string name = "input")
    {
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"{op}: expected a floating point {name}, got {input.DType.TorchName()} (shape {input.Shape})", name);
    }

    /// <summary>
    /// The checks of an elementwise loss: non-null arguments, a floating-point input, equal shapes (or, with
    /// <paramref name="broadcast"/>, shapes that broadcast: PyTorch's losses that broadcast silently) and a supported reduction.
    /// </summary>
    public static void CheckElementwise(Tensor input, Tensor target, Reduction reduction, string op, bool allowBatchMean = false, bool broadcast = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        CheckReduction(reduction, op, allowBatchMean);
        CheckFloat(input, op);
        if (broadcast) Broadcasting.Shape(input.ShapeArray, target.ShapeArray, op);
        else CheckSameShape(input, target, op, "input", "target");
    }

    /// <summary>Throws unless the two tensors have the same shape.</summary>
    public static void CheckSameShape(Tensor a, Tensor b, string op, string aName, string bName)
    {
        if (!a.ShapeArray.AsSpan().SequenceEqual(b.ShapeArray))
            throw new ArgumentException(
                $"{op}: {bName} shape {b.Shape} must be the same as {aName} shape {a.Shape}", bName);
    }

    /// <summary>Throws unless an optional per-element weight broadcasts to <paramref name="shape"/> without growing it.</summary>
    public static void CheckBroadcastsTo(Tensor? weight, int[] shape, string op, string name)
    {
        if (weight is null) return;
        if (!Broadcasting.CanBroadcastTo(weight.ShapeArray, shape))
            throw new ArgumentException($"{op}: {name} shape {weight.Shape} must broadcast to the input shape {Size.Format(shape)}", name);
    }

    /// <summary>Throws unless the class weight is a 1-D tensor of <paramref name="classes"/> elements.</summary>
    public static void CheckClassWeight(Tensor? weight, int classes, string op)
    {
        if (weight is null) return;
        if (weight.Dim != 1 || weight.ShapeArray[0] != classes)
            throw new ArgumentException(
                $"{op}: weight tensor should be defined either for all {classes} classes or no classes but got weight tensor of shape: {weight.Shape}", "weight");
    }

    public static void CheckSmoothL1Beta(double beta)
    {
        if (!(beta >= 0))
            throw new ArgumentException($"smooth_l1_loss: smooth_l1_loss does not support negative values for beta, got beta={beta}", nameof(beta));
    }

    public static void CheckHuberDelta(double delta)
    {
        if (!(delta > 0))
            throw new ArgumentException($"huber_loss: huber_loss does not support non-positive values for delta, got delta={delta}", nameof(delta));
    }

    public static void CheckMultiMarginP(int p)
    {
        if (p != 1 && p != 2)
            throw new ArgumentException($"multi_margin_loss: only p == 1 and p == 2 supported, got p={p}", nameof(p));
    }

    public static void CheckLabelSmoothing(double labelSmoothing)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new ArgumentException($"cross_entropy: label_smoothing must be between 0.0 and 1.0. Got: {labelSmoothing}", nameof(labelSmoothing));
    }

    /// <summary>Applies the reduction (BatchMean is handled by the caller that allows it).</summary>
    /// <summary>
    /// Whether a loss of these operands is computed in float32: their promoted dtype (<paramref name="half"/>, the
    /// loss's dtype) is float16 or bfloat16. The loss is then computed from the widened operands (see <see cref="Wide"/>)
    /// and rounded back to <paramref name="half"/> once, which is the float32 result rounded (PyTorch 1.13's CPU lacks
    /// most 16-bit loss kernels); gradients flow through the conversions.
    /// </summary>
    public static bool Reduced(out DType half, params ReadOnlySpan<Tensor?> operands)
    {
        half = DType.Float32;
        bool any = false;
        foreach (var t in operands)
        {
            if (t is null) continue;
            half = any ? DTypeExtensions.Promote(half, t.DType) : t.DType;
            any = true;
        }
        return half.IsReducedFloat();
    }

    /// <summary><paramref name="t"/> converted (differentiably) to float32 when it is float16 or bfloat16, else itself.</summary>
    public static Tensor Wide(Tensor t) => t.DType.IsReducedFloat() ? t.To(DType.Float32) : t;

    /// <summary><see cref="Wide(Tensor)"/> of an optional operand.</summary>
    public static Tensor? WideOrNull(Tensor? t) => t is null ? null : Wide(t);

    public static Tensor Reduce(Tensor loss, Reduction reduction) => reduction switch
    {
        Reduction.None => loss,
        Reduction.Sum => loss.Sum(),
        _ => loss.Mean(),
    };

    /// <summary>Whether any element of a bool tensor is true.</summary>
    public static bool Any(Tensor mask)
    {
        using var _ = Torch.NoGrad();
        return mask.Numel > 0 && mask.Sum().Item<long>() > 0;
    }

    /// <summary>x·log(x), with 0 at x = 0 (PyTorch's <c>xlogy(x, x)</c>); the log never sees 0, so gradients stay finite.</summary>
    public static Tensor XLogX(Tensor x)
    {
        var zero = x.Eq(0.0);
        return Torch.Where(zero, 0.0, x * Torch.Where(zero, 1.0, x).Log());
    }

    /// <summary>
    /// log(1 + exp(z)) computed as max(z, 0) + log1p(exp(−|z|)), exact and finite for any finite z, with the
    /// gradient sigmoid(z) (a composition of max and |·| would give the wrong subgradient at z = 0).
    /// </summary>
    public static Tensor Softplus(Tensor z)
    {
        Tensor y;
        using (Torch.NoGrad()) y = z.Relu() + (-z.Abs()).Exp().Log1p();
        if (Graph.NeedsGrad(z)) Graph.Record(y, new SoftplusBackward(z), z);
        return y;
    }

    private sealed class SoftplusBackward(Tensor z) : Node
    {
        private SavedTensor _z = new(z);

        protected internal override Tensor?[] Backward(Tensor grad) => [grad * Unpack(_z).Sigmoid()];

        protected override void ReleaseSaved() => _z = default;
    }
}
