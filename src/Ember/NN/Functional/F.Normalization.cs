using Ember.Autograd;
using Ember.Kernels;

namespace Ember.NN;

public static partial class F
{
    /// <summary>
    /// Batch normalization (PyTorch's <c>F.batch_norm</c>): normalizes each channel (dimension 1) of an
    /// [N, C, …] input by a mean and variance and applies the per-channel affine <paramref name="weight"/>,
    /// <paramref name="bias"/>: y = (x − mean)/√(var + eps)·weight + bias.
    /// <para>
    /// When <paramref name="training"/>, the statistics are those of the batch (over N and all dimensions after 1;
    /// biased variance), and the running statistics, when given, are updated in place:
    /// running = (1 − momentum)·running + momentum·batch, with the unbiased variance. Otherwise the running
    /// statistics are used. Forward and backward are fused kernels that save only the per-channel mean and 1/√(var + eps).
    /// </para>
    /// </summary>
    /// <param name="input">A floating-point tensor [N, C] or [N, C, …].</param>
    /// <param name="runningMean">The running mean, C elements of the input's dtype, or null (required when not training).</param>
    /// <param name="runningVar">The running variance, C elements, or null (required when not training).</param>
    /// <param name="weight">The per-channel scale, C elements, or null for 1 (default null).</param>
    /// <param name="bias">The per-channel shift, C elements, or null for 0 (default null).</param>
    /// <param name="training">Use (and update) batch statistics (default false).</param>
    /// <param name="momentum">The weight of the batch statistics in the running update (default 0.1).</param>
    /// <param name="eps">Added to the variance for stability (default 1e-5).</param>
    /// <returns>A tensor of the input's shape and dtype.</returns>
    /// <exception cref="ArgumentException">
    /// The input is not floating point or has fewer than 2 dimensions; a statistic or parameter does not have C elements
    /// or the input's dtype; running statistics are missing when not training; or, when training, there is only one value
    /// per channel.
    /// </exception>
    public static Tensor BatchNorm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight = null, Tensor? bias = null,
        bool training = false, double momentum = 0.1, double eps = 1e-5) =>
        BatchNormCore(input, runningMean, runningVar, weight, bias, training, momentum, eps, relu: false);

    /// <summary>
    /// relu(<see cref="BatchNorm"/>(…)) as one op (the modules' Conv2d → BatchNorm → ReLU in training): the ReLU is applied
    /// in the normalization's own pass and its backward masks the gradient inside the normalization's, the mask made
    /// again from x (the same bits as the composite, forward and backward, with two passes over the activation instead of
    /// four forward and five backward). float32 and float64 input; others go through the composite.
    /// </summary>
    internal static Tensor BatchNormRelu(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight, Tensor? bias,
        bool training, double momentum, double eps) =>
        input.DType is DType.Float32 or DType.Float64
            ? BatchNormCore(input, runningMean, runningVar, weight, bias, training, momentum, eps, relu: true)
            : Relu(BatchNorm(input, runningMean, runningVar, weight, bias, training, momentum, eps));

    private static Tensor BatchNormCore(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight, Tensor? bias,
        bool training, double momentum, double eps, bool relu)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"batch_norm: expected a floating point input, got {input.DType.TorchName()} (shape {input.Shape})", nameof(input));
        if (input.Dim < 2)
            throw new ArgumentException($"batch_norm: expected an input of shape [N, C] or [N, C, ...], got {input.Dim}D input of shape {input.Shape}", nameof(input));
        int c = input.Size(1);
        CheckChannelTensor(runningMean, "running_mean", c, input);
        CheckChannelTensor(runningVar, "running_var", c, input);
        CheckChannelTensor(weight, "weight", c, input);
        CheckChannelTensor(bias, "bias", c, input);
        if (!training && (runningMean is null || runningVar is null))
            throw new ArgumentException("batch_norm: running_mean and running_var must be defined in evaluation mode (training: false)");
        int n = input.Size(0);
        int s = n == 0 || c == 0 ? 0 : input.Numel / (n * c);
        if (training && (long)n * s == 1)
            throw new ArgumentException($"batch_norm: Expected more than 1 value per channel when training, got input size {input.Shape}", nameof(input));
        if (input.Numel == 0)
        {
            // nothing to normalize; keep the graph connected to every input (their gradients are empty sums)
            var shape = ChannelShape(input.Dim, c);
            var y0 = input * 1.0;
            if (weight is not null) y0 = y0 * weight.Reshape(shape);
            if (bias is not null) y0 = y0 + bias.Reshape(shape);
            return relu ? Relu(y0) : y0;
        }

        var y = BatchNormKernel.Forward(input, runningMean, runningVar, weight, bias, training, momentum, eps, n, c, s, out var stats, relu);
        if (Graph.NeedsGrad([input, weight ?? input, bias ?? input]))
            Graph.Record(y, new NativeBatchNormBackward(input, weight, bias?.ShapeArray, stats, training, eps, n, c, s, relu ? y : null), input, weight, bias);
        return y;
    }

    private static void CheckChannelTensor(Tensor? t, string name, int c, Tensor input)
    {
        if (t is null) return;
        if (t.Numel != c)
            throw new ArgumentException($"batch_norm: {name} should contain {c} elements not {t.Numel} (input shape {input.Shape}, {name} shape {t.Shape})", name);
        if (t.DType != input.DType)
            throw new ArgumentException($"batch_norm: expected {name} to have the input's dtype {input.DType.TorchName()}, got {t.DType.TorchName()}", name);
    }

    /// <summary>[1, C, 1, …] for an input of <paramref name="dim"/> dimensions.</summary>
    private static int[] ChannelShape(int dim, int c)
    {
        var shape = Enumerable.Repeat(1, dim).ToArray();
        shape[1] = c;
        return shape;
    }

    /// <summary>
    /// The fused backward of batch normalization. With batch statistics (training), for xhat = (x − mean)·rstd and
    /// M values per channel: dx = w·rstd·(g − mean(g) − xhat·mean(g·xhat)); otherwise dx = w·rstd·g.
    /// dweight = Σ g·xhat, dbias = Σ g (sums over everything but the channel). With <paramref name="reluOutput"/>, the
    /// backward of BatchNorm → ReLU fused: g first goes through the ReLU's mask (the node is named as the ReLU's, whose
    /// output it is).
    /// </summary>
    private sealed class NativeBatchNormBackward(Tensor x, Tensor? weight, int[]? biasShape, NormStats stats, bool training, double eps, int n, int c, int s,
        Tensor? reluOutput = null) : Node
    {
        private SavedTensor _x = new(x);
        private SavedTensor _w = weight is null ? default : new(weight);
        private SavedTensor _out = reluOutput is null ? default : new(reluOutput);
        private readonly bool _hasWeight = weight is not null, _relu = reluOutput is not null;
        private NormStats? _stats = stats;

        public override string Name => _relu ? "ReluBackward0" : "NativeBatchNormBackward0";

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var xv = Unpack(_x);
            var wv = _hasWeight ? Unpack(_w) : null;
            // Building a graph of the backward: the ReLU's mask from its saved output, as its own node would.
            if (GradMode.IsEnabled) return Differentiable(xv, wv, _relu ? Torch.Where(Unpack(_out) <= 0L, 0L, grad) : grad);
            if (_relu) _ = Unpack(_out); // the in-place check of the output, as ReLU's own node makes

            var (dx, dw, db) = BatchNormKernel.Backward(xv, grad, wv, _stats!, training, n, c, s, NeedsGrad(0), NeedsGrad(1), NeedsGrad(2));
            return [dx, dw?.View(wv!.ShapeArray), db?.View(biasShape!)];
        }

        /// <summary>The same gradients from ordinary ops, so that a graph of the backward can be built (double backward).</summary>
        private Tensor?[] Differentiable(Tensor x, Tensor? w, Tensor grad)
        {
            var dims = Enumerable.Range(0, x.Dim).Where(d => d != 1).ToArray();
            var shape = ChannelShape(x.Dim, c);
            Tensor xhat, rstdT;
            if (training)
            {
                var mu = x.Mean(dims, keepdim: true);
                var xm = x - mu;
                rstdT = ((xm * xm).Mean(dims, keepdim: true) + eps).Rsqrt();
                xhat = xm * rstdT;
            }
            else
            {
                rstdT = _stats!.RstdTensor(shape).To(x.DType);
                xhat = (x - _stats.MeanTensor(shape).To(x.DType)) * rstdT;
            }
            Tensor? dx = null;
            if (NeedsGrad(0))
            {
                var scale = w is null ? rstdT : w.Reshape(shape) * rstdT;
                dx = training
                    ? scale * (grad - grad.Mean(dims, keepdim: true) - xhat * (grad * xhat).Mean(dims, keepdim: true))
                    : scale * grad;
            }
            var dw = NeedsGrad(1) ? (grad * xhat).Sum(dims).View(w!.ShapeArray) : null;
            var db = NeedsGrad(2) ? grad.Sum(dims).View(biasShape!) : null;
            return [dx, dw, db];
        }

        protected override void ReleaseSaved()
        {
            (_x, _w, _out) = (default, default, default);
            _stats = null;
        }
    }

    /// <summary>
    /// Layer normalization (PyTorch's <c>F.layer_norm</c>): normalizes over the last
    /// <c>normalizedShape.Length</c> dimensions of the input (mean and biased variance per leading index),
    /// then applies the elementwise affine: y = (x − mean)/√(var + eps)·weight + bias. Forward and backward are
    /// fused kernels that save only the per-row mean and 1/√(var + eps).
    /// </summary>
    /// <param name="input">A floating-point tensor [*, normalizedShape…].</param>
    /// <param name="normalizedShape">The trailing shape to normalize over (at least one dimension).</param>
    /// <param name="weight">The elementwise scale of shape <paramref name="normalizedShape"/>, or null for 1 (default null).</param>
    /// <param name="bias">The elementwise shift of shape <paramref name="normalizedShape"/>, or null for 0 (default null).</param>
    /// <param name="eps">Added to the variance for stability (default 1e-5).</param>
    /// <returns>A tensor of the input's shape and dtype.</returns>
    /// <exception cref="ArgumentException">
    /// The input is not floating point; <paramref name="normalizedShape"/> is empty or not the input's trailing shape;
    /// the weight or bias has another shape or dtype.
    /// </exception>
    public static Tensor LayerNorm(Tensor input, int[] normalizedShape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(normalizedShape);
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"layer_norm: expected a floating point input, got {input.DType.TorchName()} (shape {input.Shape})", nameof(input));
        int k = normalizedShape.Length;
        if (k == 0)
            throw new ArgumentException("layer_norm: Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = []", nameof(normalizedShape));
        string ns = Size.Format(normalizedShape);
        if (input.Dim < k || !input.ShapeArray.AsSpan(input.Dim - k).SequenceEqual(normalizedShape))
            throw new ArgumentException($"layer_norm: Given normalized_shape={ns}, expected input with shape [*, {ns[1..^1]}], but got input of size{input.Shape}", nameof(input));
        foreach (var (t, name) in new[] { (weight, "weight"), (bias, "bias") })
        {
            if (t is null) continue;
            if (!t.ShapeArray.AsSpan().SequenceEqual(normalizedShape))
                throw new ArgumentException($"layer_norm: Expected {name} to be of same shape as normalized_shape, but got {name} of shape {t.Shape} and normalized_shape = {ns}", name);
            if (t.DType != input.DType)
                throw new ArgumentException($"layer_norm: expected {name} to have the input's dtype {input.DType.TorchName()}, got {t.DType.TorchName()}", name);
        }
        if (input.Numel == 0)
        {
            var y0 = input * 1.0;
            if (weight is not null) y0 = y0 * weight;
            if (bias is not null) y0 = y0 + bias;
            return y0;
        }
        int d = 1;
        foreach (var v in normalizedShape) d *= v;
        int rows = input.Numel / d;
        var y = LayerNormKernel.Forward(input, weight, bias, rows, d, eps, out var stats);
        if (Graph.NeedsGrad([input, weight ?? input, bias ?? input]))
            Graph.Record(y, new NativeLayerNormBackward(input, weight, stats, eps, k, rows, d), input, weight, bias);
        return y;
    }

    /// <summary>
    /// The fused backward of layer normalization: per row, with xhat = (x − mean)·rstd and wdy = w·g,
    /// dx = rstd·(wdy − mean(wdy) − xhat·mean(wdy·xhat)); dweight = Σ_rows g·xhat; dbias = Σ_rows g.
    /// </summary>
    private sealed class NativeLayerNormBackward(Tensor x, Tensor? weight, NormStats stats, double eps, int k, int rows, int d) : Node
    {
        private SavedTensor _x = new(x);
        private SavedTensor _w = weight is null ? default : new(weight);
        private readonly bool _hasWeight = weight is not null;
        private NormStats? _stats = stats;

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var xv = Unpack(_x);
            var wv = _hasWeight ? Unpack(_w) : null;
            if (GradMode.IsEnabled) return Differentiable(xv, wv, grad);
            var (dx, dw, db) = LayerNormKernel.Backward(xv, grad, wv, rows, d, _stats!, NeedsGrad(0), NeedsGrad(1), NeedsGrad(2));
            return [dx, dw?.View(wv!.ShapeArray), db?.View(xv.ShapeArray[^k..])];
        }

        /// <summary>The same gradients from ordinary ops (for double backward).</summary>
        private Tensor?[] Differentiable(Tensor x, Tensor? w, Tensor grad)
        {
            var norm = Enumerable.Range(x.Dim - k, k).ToArray();
            var lead = Enumerable.Range(0, x.Dim - k).ToArray();
            var mu = x.Mean(norm, keepdim: true);
            var xm = x - mu;
            var rstdT = ((xm * xm).Mean(norm, keepdim: true) + eps).Rsqrt();
            var xhat = xm * rstdT;
            Tensor? dx = null;
            if (NeedsGrad(0))
            {
                var wdy = w is null ? grad : grad * w;
                dx = rstdT * (wdy - wdy.Mean(norm, keepdim: true) - xhat * (wdy * xhat).Mean(norm, keepdim: true));
            }
            Tensor SumLead(Tensor t) => lead.Length == 0 ? t : t.Sum(lead);
            return [dx, NeedsGrad(1) ? SumLead(grad * xhat) : null, NeedsGrad(2) ? SumLead(grad) : null];
        }

        protected override void ReleaseSaved()
        {
            (_x, _w) = (default, default);
            _stats = null;
        }
    }
}
