namespace Ember.Onnx.Import;

/// <summary>
/// Resize (opsets 11–17: nearest, linear and cubic modes, every coordinate_transformation_mode and nearest_mode,
/// exclude_outside, tf_crop_and_resize with extrapolation) and Upsample (opsets 7–9). Interpolation is separable:
/// each resized axis (last to first, as ONNX's reference nests them) gathers its K neighbours and sums them with
/// weights computed once per output position — the same neighbours, weights and edge clamping as ONNX's reference.
/// </summary>
internal static class ResizeOps
{
    public static void Register(Dictionary<string, Func<NodeContext, OnnxKernel>> r)
    {
        r["Resize"] = Resize;
        r["Upsample"] = Upsample;
    }

    private sealed record Options(string Mode, string Transform, string Nearest, double CubicA, bool ExcludeOutside, double Extrapolation);

    private static OnnxKernel Resize(NodeContext c)
    {
        if (c.Opset < 11) throw c.Unsupported("Resize before opset 11");
        var o = new Options(
            c.String("mode", "nearest"),
            c.String("coordinate_transformation_mode", "half_pixel"),
            c.String("nearest_mode", "round_prefer_floor"),
            c.Float("cubic_coeff_a", -0.75f),
            c.Int("exclude_outside", 0) != 0,
            c.Float("extrapolation_value", 0f));
        Validate(c, o);
        return a =>
        {
            var x = Runtime.Req(a, 0, "Resize");
            Tensor? roi = a.Length > 1 ? a[1] : null, scales = a.Length > 2 ? a[2] : null, sizes = a.Length > 3 ? a[3] : null;
            int rank = x.Dim;
            double[] scale;
            int[] outSize;
            if (sizes is not null && sizes.Numel > 0)
            {
                if (scales is not null && scales.Numel > 0) throw new ArgumentException("Resize: only one of scales and sizes may be given");
                long[] s = Runtime.Longs(sizes);
                if (s.Length != rank) throw new ArgumentException($"Resize: sizes has {s.Length} values for rank {rank}");
                outSize = s.Select(v => v < 0 ? throw new ArgumentException($"Resize: negative size {v}") : Runtime.ToInt(v, "Resize", "size")).ToArray();
                scale = outSize.Select((v, i) => x.Size(i) == 0 ? 1.0 : (double)v / x.Size(i)).ToArray();
            }
            else if (scales is not null && scales.Numel > 0)
            {
                scale = scales.To(DType.Float32).ToArray<float>().Select(v => (double)v).ToArray();
                if (scale.Length != rank) throw new ArgumentException($"Resize: scales has {scale.Length} values for rank {rank}");
                if (scale.Any(v => !(v > 0))) throw new ArgumentException($"Resize: scales must be positive, got [{string.Join(", ", scale)}]");
                outSize = scale.Select((v, i) => OutSize(x.Size(i) * v)).ToArray();
            }
            else throw new ArgumentException("Resize: one of scales and sizes is required");
            double[]? roiValues = o.Transform == "tf_crop_and_resize" ? (roi ?? throw new ArgumentException("Resize: tf_crop_and_resize needs roi")).To(DType.Float64).ToArray<double>() : null;
            if (roiValues is not null && roiValues.Length != 2 * rank) throw new ArgumentException($"Resize: roi has {roiValues.Length} values for rank {rank}");
            return [Apply(x, scale, outSize, o, roiValues)];
        };
    }

    private static OnnxKernel Upsample(NodeContext c)
    {
        string mode = c.String("mode", "nearest");
        if (mode is not ("nearest" or "linear" or "bilinear")) throw c.Unsupported($"mode '{mode}'");
        var o = new Options(mode == "nearest" ? "nearest" : "linear", "asymmetric", "floor", -0.75, false, 0);
        float[]? attrScales = c.Opset < 9 ? c.Floats("scales") ?? throw c.Format("attribute 'scales' is required") : null;
        return a =>
        {
            var x = Runtime.Req(a, 0, "Upsample");
            double[] scale = attrScales?.Select(v => (double)v).ToArray()
                ?? Runtime.Req(a, 1, "Upsample").To(DType.Float32).ToArray<float>().Select(v => (double)v).ToArray();
            if (scale.Length != x.Dim || scale.Any(v => !(v > 0))) throw new ArgumentException($"Upsample: scales [{string.Join(", ", scale)}] do not fit rank {x.Dim}");
            return [Apply(x, scale, scale.Select((v, i) => OutSize(x.Size(i) * v)).ToArray(), o, null)];
        };
    }

    private static int OutSize(double v)
    {
        double f = Math.Floor(v);
        if (f > int.MaxValue) throw new ArgumentException($"Resize: output size {f} is too large");
        return (int)f;
    }

    private static void Validate(NodeContext c, Options o)
    {
        if (o.Mode is not ("nearest" or "linear" or "cubic")) throw c.Format($"unknown mode '{o.Mode}'");
        if (o.Transform is not ("half_pixel" or "pytorch_half_pixel" or "align_corners" or "asymmetric" or "tf_half_pixel_for_nn" or "tf_crop_and_resize"))
            throw c.Format($"unknown coordinate_transformation_mode '{o.Transform}'");
        if (o.Nearest is not ("round_prefer_floor" or "round_prefer_ceil" or "floor" or "ceil")) throw c.Format($"unknown nearest_mode '{o.Nearest}'");
    }

    private static Tensor Apply(Tensor x, double[] scale, int[] outSize, Options o, double[]? roi)
    {
        var y = x;
        for (int d = x.Dim - 1; d >= 0; d--)
        {
            int n = x.Size(d), m = outSize[d];
            bool identity = m == n && scale[d] == 1 && o.Transform is not ("tf_half_pixel_for_nn" or "tf_crop_and_resize");
            if (identity) continue;
            if (n == 0 && m > 0) throw new ArgumentException($"Resize: cannot resize an empty dimension {d} to {m}");
            y = Axis(y, d, n, m, scale[d], o, roi is null ? null : (roi[d], roi[d + x.Dim]));
        }
        return ReferenceEquals(y, x) ? x.Clone() : y;
    }

    /// <summary>Resizes one axis from n to m positions.</summary>
    private static Tensor Axis(Tensor x, int d, int n, int m, double scale, Options o, (double Start, double End)? roi)
    {
        int taps = o.Mode switch { "nearest" => 1, "linear" => 2, _ => 4 };
        var idx = new long[taps][];
        var w = new double[taps][];
        for (int k = 0; k < taps; k++) { idx[k] = new long[m]; w[k] = new double[m]; }
        var outside = new bool[m];
        bool anyOutside = false;
        double width = scale * n; // the reference uses the scaled (not rounded) width
        for (int j = 0; j < m; j++)
        {
            double xo = o.Transform switch
            {
                "align_corners" => width == 1 ? 0 : j * (n - 1.0) / (width - 1),
                "asymmetric" => j / scale,
                "pytorch_half_pixel" => width == 1 ? -0.5 : (j + 0.5) / scale - 0.5,
                "tf_half_pixel_for_nn" => (j + 0.5) / scale,
                "tf_crop_and_resize" => width == 1
                    ? (roi!.Value.End - roi.Value.Start) * (n - 1) / 2 + roi.Value.Start * (n - 1)
                    : j * (roi!.Value.End - roi.Value.Start) * (n - 1) / (width - 1) + roi.Value.Start * (n - 1),
                _ => (j + 0.5) / scale - 0.5,
            };
            if (o.Transform == "tf_crop_and_resize" && (xo < 0 || xo > n - 1)) { outside[j] = true; anyOutside = true; }
            // neighbours start at i0 with ratio in (0, 1] (an integral position takes ratio 1, as the reference)
            double fl = Math.Floor(xo);
            double ratio = xo - fl;
            long i0 = (long)fl;
            if (ratio == 0) { ratio = 1; i0 -= 1; }
            switch (o.Mode)
            {
                case "nearest":
                {
                    bool up = ratio == 1 || o.Nearest switch
                    {
                        "round_prefer_floor" => ratio > 0.5,
                        "round_prefer_ceil" => ratio >= 0.5,
                        "floor" => false,
                        _ => true,
                    };
                    idx[0][j] = Math.Clamp(up ? i0 + 1 : i0, 0, n - 1);
                    w[0][j] = 1;
                    break;
                }
                case "linear":
                    idx[0][j] = Math.Clamp(i0, 0, n - 1);
                    idx[1][j] = Math.Clamp(i0 + 1, 0, n - 1);
                    w[0][j] = 1 - ratio;
                    w[1][j] = ratio;
                    break;
                default:
                {
                    double a = o.CubicA, r = ratio, s = 1 - ratio;
                    double[] c =
                    [
                        ((a * (r + 1) - 5 * a) * (r + 1) + 8 * a) * (r + 1) - 4 * a,
                        ((a + 2) * r - (a + 3)) * r * r + 1,
                        ((a + 2) * s - (a + 3)) * s * s + 1,
                        ((a * (s + 1) - 5 * a) * (s + 1) + 8 * a) * (s + 1) - 4 * a,
                    ];
                    double sum = 0;
                    for (int k = 0; k < 4; k++)
                    {
                        long i = i0 - 1 + k;
                        if (o.ExcludeOutside && (i < 0 || i >= n)) c[k] = 0;
                        sum += c[k];
                        idx[k][j] = Math.Clamp(i, 0, n - 1);
                    }
                    for (int k = 0; k < 4; k++) w[k][j] = o.ExcludeOutside ? c[k] / sum : c[k];
                    break;
                }
            }
        }
        var bshape = Enumerable.Repeat(1, x.Dim).ToArray();
        bshape[d] = m;
        Tensor y;
        if (taps == 1) y = Torch.IndexSelect(x, d, Torch.FromArray(idx[0], m));
        else
        {
            var xf = x.DType.IsFloatingPoint() ? x : x.To(DType.Float32);
            y = null!;
            for (int k = 0; k < taps; k++)
            {
                var term = Torch.IndexSelect(xf, d, Torch.FromArray(idx[k], m)) * Torch.FromArray(w[k], m).To(xf.DType).Reshape(bshape);
                y = k == 0 ? term : y + term;
            }
            if (y.DType != x.DType) y = Torch.Round(y).To(x.DType);
        }
        if (anyOutside)
            y = Torch.Where(Torch.FromArray(outside, m).Reshape(bshape), Torch.FullLike(y, o.Extrapolation), y);
        return y;
    }
}
