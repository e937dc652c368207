using Ember.Autograd;
using Ember.Kernels;

namespace Ember.NN;

public static partial class F
{
    /// <summary>
    /// Group normalization (PyTorch's <c>F.group_norm</c>): splits the C channels of an [N, C, *] input into
    /// <paramref name="numGroups"/> groups and normalizes each (sample, group) over its channels and spatial positions
    /// (mean and biased variance), then applies the per-channel affine: y = (x − mean)/√(var + eps)·weight[c] + bias[c].
    /// Forward and backward are fused kernels that save only the per-(sample, group) mean and 1/√(var + eps); the backward
    /// is differentiable again (double backward) through ordinary ops.
    /// </summary>
    /// <param name="input">A floating-point tensor [N, C, *].</param>
    /// <param name="numGroups">The number of groups G; positive, dividing C.</param>
    /// <param name="weight">The per-channel scale (C elements, the input's dtype), or null for 1 (default null).</param>
    /// <param name="bias">The per-channel shift (C elements), or null for 0 (default null).</param>
    /// <param name="eps">Added to the variance for stability (default 1e-5).</param>
    /// <returns>A tensor of the input's shape and dtype.</returns>
    /// <exception cref="ArgumentException">The input is not floating point or has fewer than 2 dimensions; G is not positive or
    /// does not divide C; the weight or bias does not have C elements or the input's dtype; or every group holds one value
    /// (PyTorch's "Expected more than 1 value per channel when training").</exception>
    public static Tensor GroupNorm(Tensor input, int numGroups, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        const string op = "group_norm";
        ArgumentNullException.ThrowIfNull(input);
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"{op}: expected a floating point input, got {input.DType.TorchName()} (shape {input.Shape})", nameof(input));
        if (input.Dim < 2)
            throw new ArgumentException($"{op}: Expected at least 2 dimensions for input tensor but received {input.Dim} (shape {input.Shape})", nameof(input));
        int n = input.Size(0), c = input.Size(1);
        if (numGroups <= 0)
            throw new ArgumentException($"{op}: num_groups must be positive, got {numGroups} (input shape {input.Shape})", nameof(numGroups));
        if (c % numGroups != 0)
            throw new ArgumentException(
                $"{op}: Expected number of channels in input to be divisible by num_groups, but got input of shape {input.Shape} and num_groups={numGroups}",
                nameof(numGroups));
        foreach (var (t, name) in new[] { (weight, "weight"), (bias, "bias") })
        {
            if (t is null) continue;
            if (t.Dim != 1 || t.Numel != c)
                throw new ArgumentException(
                    $"{op}: Expected {name} to be a vector of size equal to the number of channels in input, but got {name} of shape {t.Shape} and input of shape {input.Shape}",
                    name);
            if (t.DType != input.DType)
                throw new ArgumentException($"{op}: expected {name} to have the input's dtype {input.DType.TorchName()}, got {t.DType.TorchName()}", name);
        }
        long spatial = 1;
        for (int i = 2; i < input.Dim; i++) spatial *= input.Size(i);
        // PyTorch's _verify_batch_size on [N·C/G, G, *]
        if ((long)n * (c / numGroups) * spatial == 1)
            throw new ArgumentException($"{op}: Expected more than 1 value per channel when training, got input size {input.Shape} with num_groups={numGroups}", nameof(input));
        if (input.Numel == 0) return GroupNormComposed(input, numGroups, weight, bias, eps);
        int s = (int)spatial;
        var y = GroupNormKernel.Forward(input, weight, bias, n, c, numGroups, s, eps, out var stats);
        if (Graph.NeedsGrad([input, weight ?? input, bias ?? input]))
            Graph.Record(y, new NativeGroupNormBackward(input, weight, bias is not null, stats, numGroups, eps, n, c, s), input, weight, bias);
        return y;
    }

    /// <summary>Group normalization from ordinary differentiable ops (empty inputs, double backward).</summary>
    private static Tensor GroupNormComposed(Tensor input, int groups, Tensor? weight, Tensor? bias, double eps)
    {
        int n = input.Size(0), c = input.Size(1);
        int m = input.Numel == 0 ? 0 : (int)(input.Numel / ((long)n * groups));
        var y = LayerNorm(input.Reshape(n, groups, m), [m], null, null, eps).Reshape(input.ShapeArray);
        var shape = ChannelShape(input.Dim, c);
        if (weight is not null) y = y * weight.Reshape(shape);
        if (bias is not null) y = y + bias.Reshape(shape);
        return y;
    }

    /// <summary>
    /// The fused backward of group normalization (see <see cref="GroupNormKernel.Backward"/>); when a graph of the
    /// backward is being built, the same gradients from the composed forward.
    /// </summary>
    private sealed class NativeGroupNormBackward(Tensor x, Tensor? weight, bool hasBias, NormStats stats, int groups, double eps, int n, int c, int s)
        : Node
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
            var (dx, dw, db) = GroupNormKernel.Backward(xv, grad, wv, _stats!, n, c, groups, s, NeedsGrad(0), _hasWeight && NeedsGrad(1), hasBias && NeedsGrad(2));
            return [dx, dw, db];
        }

        /// <summary>The same gradients from ordinary ops (for double backward).</summary>
        private Tensor?[] Differentiable(Tensor x, Tensor? w, Tensor grad)
        {
            int m = x.Numel / (n * groups);
            int[] last = [2];
            var xg = x.Reshape(n, groups, m);
            var xm = xg - xg.Mean(last, keepdim: true);
            var rstdT = ((xm * xm).Mean(last, keepdim: true) + eps).Rsqrt();
            var xhat = xm * rstdT;
            var shape = ChannelShape(x.Dim, c);
            Tensor? dx = null;
            if (NeedsGrad(0))
            {
                var wdy = (w is null ? grad : grad * w.Reshape(shape)).Reshape(n, groups, m);
                dx = (rstdT * (wdy - wdy.Mean(last, keepdim: true) - xhat * (wdy * xhat).Mean(last, keepdim: true))).Reshape(x.ShapeArray);
            }
            var others = Enumerable.Range(0, x.Dim).Where(d => d != 1).ToArray();
            var dw = _hasWeight && NeedsGrad(1) ? (grad * xhat.Reshape(x.ShapeArray)).Sum(others) : null;
            var db = hasBias && NeedsGrad(2) ? grad.Sum(others) : null;
            return [dx, dw, db];
        }

        protected override void ReleaseSaved()
        {
            (_x, _w) = (default, default);
            _stats = null;
        }
    }

    /// <summary>
    /// Local response normalization across channels (PyTorch's <c>F.local_response_norm</c>, AlexNet's):
    /// y[c] = x[c] / (k + alpha/size · Σ x[c′]²)^beta, the sum over the window of <paramref name="size"/> channels
    /// c′ ∈ [c − size/2, c + (size − 1)/2] padded with zeros (the average over the window counts the padding).
    /// Differentiable (composed of ordinary ops).
    /// </summary>
    /// <param name="input">A floating-point tensor [N, C, *] with at least 3 dimensions.</param>
    /// <param name="size">The number of neighbouring channels in the window; positive.</param>
    /// <param name="alpha">The multiplicative factor (default 1e-4).</param>
    /// <param name="beta">The exponent (default 0.75).</param>
    /// <param name="k">The additive factor (default 1).</param>
    /// <returns>A tensor of the input's shape and dtype.</returns>
    /// <exception cref="ArgumentException">The input has fewer than 3 dimensions or is not floating point, or <paramref name="size"/> is not positive.</exception>
    public static Tensor LocalResponseNorm(Tensor input, int size, double alpha = 1e-4, double beta = 0.75, double k = 1.0)
    {
        const string op = "local_response_norm";
        ArgumentNullException.ThrowIfNull(input);
        if (input.Dim < 3)
            throw new ArgumentException($"{op}: Expected 3D or higher dimensionality input (got {input.Dim} dimensions, shape {input.Shape})", nameof(input));
        if (size <= 0)
            throw new ArgumentException($"{op}: size must be positive, got {size}", nameof(size));
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"{op}: expected a floating point input, got {input.DType.TorchName()} (shape {input.Shape})", nameof(input));
        if (input.Numel == 0) return input;
        int c = input.Size(1);
        var sq = input * input;
        // channel c sums sq[c + o] for o in [−size/2, (size − 1)/2]; offsets of C or more only reach the zero padding
        int before = Math.Min(size / 2, c - 1), after = Math.Min((size - 1) / 2, c - 1);
        var parts = new List<Tensor>(3);
        if (before > 0) parts.Add(Torch.Zeros(PadShape(input.ShapeArray, before), input.DType));
        parts.Add(sq);
        if (after > 0) parts.Add(Torch.Zeros(PadShape(input.ShapeArray, after), input.DType));
        var padded = parts.Count == 1 ? sq : Torch.Cat(parts, 1);
        // a window sum of shifted slices (PyTorch's avg_pool over the zero-padded channel axis, count_include_pad)
        Tensor? sum = null;
        for (int j = 0; j <= before + after; j++)
        {
            var slice = padded.Narrow(1, j, c);
            sum = sum is null ? slice : sum + slice;
        }
        var div = (sum! / (double)size * alpha + k).Pow(beta);
        return input / div;
    }

    private static Size PadShape(int[] shape, int channels)
    {
        var s = (int[])shape.Clone();
        s[1] = channels;
        return new Size(s);
    }
}
