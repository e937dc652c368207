namespace Ember.Onnx.Import;

/// <summary>
/// 3-D convolution, transposed convolution and pooling built from Ember's 2-D ops: a 3-D kernel is a sum over its depth
/// taps of 2-D convolutions of depth slices, and a box pool is a 2-D pool of each depth slice followed by a 1-D pool
/// across depth (max and sums are separable). Inputs arrive padded; shapes are [N, C, D, H, W].
/// </summary>
internal static class Volume
{
    /// <summary>Convolution of an already padded input: weight [O, C/groups, KD, KH, KW].</summary>
    public static Tensor Conv(Tensor x, Tensor w, int[] stride, int[] dilation, int groups)
    {
        int n = x.Size(0), c = x.Size(1), d = x.Size(2), h = x.Size(3), wd = x.Size(4), kd = w.Size(2);
        long span = (long)dilation[0] * (kd - 1) + 1;
        if (span > d) throw new ArgumentException($"Conv: kernel depth {span} exceeds the padded input depth {d}");
        int outD = (int)((d - span) / stride[0] + 1);
        Tensor? sum = null;
        for (int k = 0; k < kd; k++)
        {
            var taps = Torch.Arange(outD) * stride[0] + (long)k * dilation[0];
            var slices = Torch.IndexSelect(x, 2, taps).Permute(0, 2, 1, 3, 4).Reshape(n * outD, c, h, wd);
            var y = Torch.Conv2d(slices, w.Select(2, k), null, (stride[1], stride[2]), 0, (dilation[1], dilation[2]), groups);
            sum = sum is null ? y : sum + y;
        }
        var r = sum!;
        return r.Reshape(n, outD, r.Size(1), r.Size(2), r.Size(3)).Permute(0, 2, 1, 3, 4);
    }

    /// <summary>The full transposed convolution (no padding, no output padding): weight [C, O/groups, KD, KH, KW].</summary>
    public static Tensor ConvTranspose(Tensor x, Tensor w, int[] stride, int[] dilation, int groups)
    {
        int n = x.Size(0), c = x.Size(1), d = x.Size(2), h = x.Size(3), wd = x.Size(4), kd = w.Size(2);
        int fullD = (d - 1) * stride[0] + dilation[0] * (kd - 1) + 1;
        var slices = x.Permute(0, 2, 1, 3, 4).Reshape(n * d, c, h, wd);
        Tensor? result = null;
        for (int k = 0; k < kd; k++)
        {
            var y = Torch.ConvTranspose2d(slices, w.Select(2, k), null, (stride[1], stride[2]), 0, 0, groups, (dilation[1], dilation[2]));
            var planes = y.Reshape(n, d, y.Size(1), y.Size(2), y.Size(3)).Permute(0, 2, 1, 3, 4);
            result ??= Torch.Zeros(new Size(n, y.Size(1), fullD, y.Size(2), y.Size(3)), x.DType);
            var at = Torch.Arange(d) * stride[0] + (long)k * dilation[0];
            result = Torch.IndexAdd(result, 2, at, planes.Contiguous());
        }
        return result!;
    }

    /// <summary>Max or average pooling with explicit (possibly asymmetric) pads.</summary>
    public static Tensor Pool(Tensor x, int[] kernel, int[] stride, int[] dilation, int[] begin, int[] end, bool ceil, bool max, bool includePad)
    {
        if (!x.DType.IsFloatingPoint()) return Pool(x.To(DType.Float64), kernel, stride, dilation, begin, end, ceil, max, includePad).To(x.DType);
        var p = new int[6];
        for (int i = 0; i < 3; i++) { p[2 * i] = begin[2 - i]; p[2 * i + 1] = end[2 - i]; }
        if (max) return Separable(Torch.Pad(x, p, "constant", double.NegativeInfinity), kernel, stride, dilation, ceil, true);
        var sum = Separable(Torch.Pad(x, p), kernel, stride, dilation, ceil, false);
        if (includePad || p.All(v => v == 0)) return sum;
        var ones = Torch.OnesLike(x.Narrow(0, 0, Math.Min(1, x.Size(0))).Narrow(1, 0, Math.Min(1, x.Size(1))));
        return sum / Separable(Torch.Pad(ones, p), kernel, stride, dilation, ceil, false);
    }

    private static Tensor Separable(Tensor x, int[] k, int[] s, int[] dl, bool ceil, bool max)
    {
        int n = x.Size(0), c = x.Size(1), d = x.Size(2), h = x.Size(3), w = x.Size(4);
        var planes = x.Reshape(n, c * d, h, w);
        planes = max
            ? Torch.MaxPool2d(planes, (k[1], k[2]), (s[1], s[2]), (0, 0), (dl[1], dl[2]), ceil)
            : Torch.AvgPool2d(planes, (k[1], k[2]), (s[1], s[2]), (0, 0), ceil, true);
        int h2 = planes.Size(2), w2 = planes.Size(3);
        var depth = planes.Reshape(n, c, d, h2, w2).Permute(0, 1, 3, 4, 2).Reshape(n * c * h2 * w2, 1, 1, d);
        depth = max
            ? Torch.MaxPool2d(depth, (1, k[0]), (1, s[0]), (0, 0), (1, dl[0]), ceil)
            : Torch.AvgPool2d(depth, (1, k[0]), (1, s[0]), (0, 0), ceil, true);
        int d2 = depth.Size(3);
        return depth.Reshape(n, c, h2, w2, d2).Permute(0, 1, 4, 2, 3);
    }
}
