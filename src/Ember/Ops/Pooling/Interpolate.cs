using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Resamples the spatial dimensions of an [N, C, L] or [N, C, H, W] input (PyTorch 1.13's <c>F.interpolate</c>) to
    /// <paramref name="size"/> or to ⌊in·scaleFactor⌋. Modes: <c>"nearest"</c> (PyTorch's legacy nearest: source
    /// ⌊dst·scale⌋, with scale = 1/scaleFactor when a scale factor is given and not recomputed, else in/out, in float32),
    /// <c>"nearest-exact"</c> (source ⌊(dst + 0.5)·scale⌋), <c>"linear"</c> (3-D) and <c>"bilinear"</c> (4-D) (source
    /// (dst + 0.5)·scale − 0.5 clamped at 0, or dst·(in − 1)/(out − 1) with <paramref name="alignCorners"/>) and
    /// <c>"area"</c> (adaptive average pooling). float16 and bfloat16 are computed in float32.
    /// <para>
    /// As PyTorch's kernels, "nearest" on a 4-D input laid out channels-last (one channel, or 1 × 1 planes) copies a side
    /// whose output length equals the input's and takes dst/2 on a side twice as long, whatever the scale factor. The
    /// gradient is always the exact adjoint of the forward; PyTorch 1.13's backward applies those two shortcuts to every
    /// layout, so its gradient differs from Ember's (and from its own forward) when a scale factor gives such a length
    /// to an input with several channels.
    /// </para>
    /// </summary>
    /// <param name="input">A floating-point tensor [N, C, L] or [N, C, H, W] (N may be 0).</param>
    /// <param name="size">The output's spatial size: one value per spatial dimension, or one for all (default null).</param>
    /// <param name="scaleFactor">The multiplier of the spatial size: one per spatial dimension, or one for all (default null); exactly one of
    /// <paramref name="size"/> and <paramref name="scaleFactor"/> is given.</param>
    /// <param name="mode">"nearest" (default), "nearest-exact", "linear", "bilinear" or "area".</param>
    /// <param name="alignCorners">For the linear modes, align the corner pixels' centres of input and output (default null: false); must be null for the other modes.</param>
    /// <param name="recomputeScaleFactor">Compute the scale from the output size instead of using <paramref name="scaleFactor"/> (default null: false).</param>
    /// <returns>[N, C, out…], of the input's dtype.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="mode"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension; neither or both of size and scale factor are given, or
    /// with the wrong number of values; an output size is not positive or too large; a scale factor is not positive and finite; the mode does not fit the
    /// input's rank; or alignCorners is set for a non-linear mode; or recomputeScaleFactor is true with a size.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The output size of mode "area" is not positive.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point, or the mode is not one of those above (bicubic and trilinear are not implemented).</exception>
    public static Tensor Interpolate(Tensor input, int[]? size = null, double[]? scaleFactor = null, string mode = "nearest", bool? alignCorners = null,
        bool? recomputeScaleFactor = null)
    {
        const string op = "interpolate";
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(mode);
        int d = input.Dim;
        if (d != 3 && d != 4)
            throw new ArgumentException(
                $"{op}: Input Error: Only 3D and 4D input Tensors are supported (got {d}D input of shape {input.Shape}); the input is [N, C, L] or [N, C, H, W]", nameof(input));
        int spatial = d - 2;
        string dims = spatial == 2 ? "2D" : "1D";
        bool linear = mode is "linear" or "bilinear";
        if (mode is not ("nearest" or "nearest-exact" or "linear" or "bilinear" or "area"))
            throw new NotSupportedException(
                $"{op}: mode '{mode}' is not supported (supported: nearest | nearest-exact | linear | bilinear | area; bicubic and trilinear are not implemented)");
        if (alignCorners is not null && !linear)
            throw new ArgumentException($"{op}: align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear", nameof(alignCorners));
        if (mode == "linear" && d != 3) throw new ArgumentException($"{op}: Got {d}D input, but linear mode needs 3D input (input of shape {input.Shape})", nameof(mode));
        if (mode == "bilinear" && d != 4) throw new ArgumentException($"{op}: Got {d}D input, but bilinear mode needs 4D input (input of shape {input.Shape})", nameof(mode));
        if ((size is null) == (scaleFactor is null))
            throw new ArgumentException(size is null ? $"{op}: either size or scale_factor should be defined" : $"{op}: only one of size or scale_factor should be defined", nameof(size));
        if (size is not null && recomputeScaleFactor == true)
            throw new ArgumentException($"{op}: recompute_scale_factor is not meaningful with an explicit size.", nameof(recomputeScaleFactor));
        var (p, h, w) = Pooling.Planes(input, spatial, op);
        var ins = spatial == 2 ? new long[] { h, w } : [w];
        var outs = new long[spatial];
        double?[] scales = new double?[spatial];
        if (size is not null)
        {
            if (size.Length != 1 && size.Length != spatial)
                throw new ArgumentException(
                    $"{op}: Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of [{string.Join(", ", ins)}] and output size of [{string.Join(", ", size)}]", nameof(size));
            for (int i = 0; i < spatial; i++) outs[i] = size.Length == 1 ? size[0] : size[i];
        }
        else
        {
            if (scaleFactor!.Length != 1 && scaleFactor.Length != spatial)
                throw new ArgumentException(
                    $"{op}: Input and scale_factor must have the same number of spatial dimensions, but got input with spatial dimensions of [{string.Join(", ", ins)}] and scale_factor of [{string.Join(", ", scaleFactor)}]", nameof(scaleFactor));
            for (int i = 0; i < spatial; i++)
            {
                double f = scaleFactor.Length == 1 ? scaleFactor[0] : scaleFactor[i];
                if (!(f > 0) || !double.IsFinite(f))
                    throw new ArgumentException($"{op}: scale_factor must be positive and finite, but got [{string.Join(", ", scaleFactor)}]", nameof(scaleFactor));
                double o = Math.Floor(ins[i] * f);
                outs[i] = o > int.MaxValue ? long.MaxValue : (long)o;
                if (recomputeScaleFactor != true) scales[i] = f;
            }
        }
        for (int i = 0; i < spatial; i++)
            if (outs[i] <= 0 || outs[i] > int.MaxValue)
                throw new ArgumentException(
                    $"{op}: Input and output sizes should be greater than 0 (and fit an int), but got input {(spatial == 2 ? $"(H: {h}, W: {w})" : $"(W: {w})")} " +
                    $"output {(spatial == 2 ? $"(H: {outs[0]}, W: {outs[1]})" : $"(W: {outs[0]})")}", size is null ? nameof(scaleFactor) : nameof(size));
        int oh = spatial == 2 ? (int)outs[0] : 1, ow = (int)outs[spatial - 1];
        if (mode == "area") return AdaptivePoolNd(input, spatial, (oh, ow), false, spatial == 2 ? "adaptive_avg_pool2d" : "adaptive_avg_pool1d").Output;
        var shape = Pooling.OutShape(input, spatial, oh, ow);
        Tensor.NumelOf(shape, op);
        bool empty = p == 0;
        double? sh = spatial == 2 ? scales[0] : null, sw = scales[spatial - 1];
        PoolAxis ah = PoolAxis.Unit, aw = PoolAxis.Unit;
        string name;
        bool ac = alignCorners ?? false;
        if (linear)
        {
            name = spatial == 2 ? "UpsampleBilinear2DBackward0" : "UpsampleLinear1DBackward0";
            if (!empty)
            {
                if (Pooling.ComputesInDouble(input.DType, op))
                {
                    if (spatial == 2) ah = PoolAxis.Linear<double>(h, oh, ac, sh);
                    aw = PoolAxis.Linear<double>(w, ow, ac, sw);
                }
                else
                {
                    if (spatial == 2) ah = PoolAxis.Linear<float>(h, oh, ac, sh);
                    aw = PoolAxis.Linear<float>(w, ow, ac, sw);
                }
            }
        }
        else
        {
            bool exact = mode == "nearest-exact";
            name = $"Upsample{(exact ? "NearestExact" : "Nearest")}{dims}Backward0";
            if (!empty)
            {
                // PyTorch 1.13 takes its channels-last kernel (nearest_idx, with shortcuts) for a 4-D input that is
                // channels-last contiguous (e.g. one channel), its generic kernel (no shortcuts) otherwise
                bool shortcuts = spatial == 2 && IsChannelsLastContiguous(input);
                if (spatial == 2) ah = PoolAxis.Nearest(h, oh, sh, exact, shortcuts);
                aw = PoolAxis.Nearest(w, ow, sw, exact, shortcuts);
            }
        }
        var map = new WindowMap(name, op, p, ah, aw, null, input.ShapeArray.ToArray(), shape);
        return map.Run(input, false);
    }

    /// <summary>Whether a 4-D tensor is laid out channels-last ([N, H, W, C] in memory; dimensions of size 1 ignored), as PyTorch's <c>is_contiguous(channels_last)</c>.</summary>
    private static bool IsChannelsLastContiguous(Tensor t)
    {
        long expected = 1;
        foreach (int d in new[] { 1, 3, 2, 0 })
        {
            int size = t.Size(d);
            if (size != 1)
            {
                if (t.StridesArray[d] != expected) return false;
                expected *= size;
            }
        }
        return true;
    }
}
