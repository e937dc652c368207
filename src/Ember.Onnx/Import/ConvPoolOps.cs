namespace Ember.Onnx.Import;

/// <summary>
/// Conv, ConvTranspose, MaxPool, AveragePool and the global pools, 1-D and 2-D (1-D runs as 2-D with a unit height).
/// ONNX's pads may be asymmetric or wider than PyTorch allows; those are applied explicitly before the op.
/// </summary>
internal static class ConvPoolOps
{
    public static void Register(Dictionary<string, Func<NodeContext, OnnxKernel>> r)
    {
        r["Conv"] = Conv;
        r["ConvTranspose"] = ConvTranspose;
        r["MaxPool"] = c => Pool(c, max: true);
        r["AveragePool"] = c => Pool(c, max: false);
        r["GlobalAveragePool"] = _ => a =>
        {
            var x = Runtime.Req(a, 0, "GlobalAveragePool");
            return [Torch.Mean(x, Enumerable.Range(2, Math.Max(x.Dim - 2, 0)).ToArray(), keepdim: true)];
        };
        r["GlobalMaxPool"] = _ => a =>
        {
            var x = Runtime.Req(a, 0, "GlobalMaxPool");
            return [Torch.Amax(x, Enumerable.Range(2, Math.Max(x.Dim - 2, 0)).ToArray(), keepdim: true)];
        };
    }

    /// <summary>The spatial attributes shared by Conv, ConvTranspose and the pools.</summary>
    private sealed class Spatial
    {
        public string AutoPad = "NOTSET";
        public int[]? Kernel, Strides, Dilations, Pads;

        public static Spatial Read(NodeContext c)
        {
            var s = new Spatial
            {
                AutoPad = c.String("auto_pad", "NOTSET"),
                Kernel = c.Int32s("kernel_shape"),
                Strides = c.Int32s("strides"),
                Dilations = c.Int32s("dilations"),
                Pads = c.Int32s("pads"),
            };
            if (s.AutoPad is not ("NOTSET" or "SAME_UPPER" or "SAME_LOWER" or "VALID")) throw c.Format($"unknown auto_pad '{s.AutoPad}'");
            if (s.Strides?.Any(v => v <= 0) == true) throw c.Format($"strides must be positive, got [{string.Join(", ", s.Strides)}]");
            if (s.Dilations?.Any(v => v <= 0) == true) throw c.Format($"dilations must be positive, got [{string.Join(", ", s.Dilations)}]");
            if (s.Kernel?.Any(v => v <= 0) == true) throw c.Format($"kernel_shape must be positive, got [{string.Join(", ", s.Kernel)}]");
            if (s.Pads?.Any(v => v < 0) == true) throw c.Unsupported("negative pads");
            return s;
        }

        public int[] Stride(int sd, string op) => Check(Strides, sd, 1, op, "strides");

        public int[] Dilation(int sd, string op) => Check(Dilations, sd, 1, op, "dilations");

        private static int[] Check(int[]? v, int sd, int fallback, string op, string name)
        {
            if (v is null) return Enumerable.Repeat(fallback, sd).ToArray();
            if (v.Length != sd) throw new ArgumentException($"{op}: {name} has {v.Length} values for {sd} spatial dimensions");
            return v;
        }

        /// <summary>Begin and end pads per spatial dimension for a convolution or pool with this input size.</summary>
        public (int[] Begin, int[] End) Padding(int[] size, int[] kernel, int[] stride, int[] dilation, string op)
        {
            int sd = size.Length;
            var b = new int[sd];
            var e = new int[sd];
            if (AutoPad is "SAME_UPPER" or "SAME_LOWER")
            {
                for (int i = 0; i < sd; i++)
                {
                    long outSize = (size[i] + stride[i] - 1L) / stride[i];
                    long total = Math.Max(0, (outSize - 1) * stride[i] + (long)dilation[i] * (kernel[i] - 1) + 1 - size[i]);
                    int small = (int)(total / 2), large = (int)(total - total / 2);
                    (b[i], e[i]) = AutoPad == "SAME_UPPER" ? (small, large) : (large, small);
                }
            }
            else if (AutoPad == "NOTSET" && Pads is not null)
            {
                if (Pads.Length != 2 * sd) throw new ArgumentException($"{op}: pads has {Pads.Length} values for {sd} spatial dimensions");
                for (int i = 0; i < sd; i++) { b[i] = Pads[i]; e[i] = Pads[i + sd]; }
            }
            return (b, e);
        }
    }

    /// <summary>[N, C, L] → [N, C, 1, L] (and the matching one-element prefix for per-dimension values).</summary>
    private static Tensor To2d(Tensor x, int sd) => sd == 1 ? x.Unsqueeze(2) : x;

    private static int[] Two(int[] v, int fill) => v.Length == 1 ? [fill, v[0]] : v;

    private static int Spatials(Tensor x, string op)
    {
        int sd = x.Dim - 2;
        if (sd < 1) throw new ArgumentException($"{op}: input must be [N, C, D1, ...], got {x.Shape}");
        if (sd > 3) throw new NotSupportedException($"onnx: {op} with {sd} spatial dimensions is not supported (1-D, 2-D and 3-D are)");
        return sd;
    }

    /// <summary>Pads the spatial dimensions explicitly: pads in ONNX order (begin then end per dimension).</summary>
    private static Tensor PadSpatial(Tensor x, int[] begin, int[] end, double value)
    {
        var p = new int[2 * begin.Length];
        for (int i = 0; i < begin.Length; i++)
        {
            int d = begin.Length - 1 - i;
            p[2 * i] = begin[d];
            p[2 * i + 1] = end[d];
        }
        return Torch.Pad(x, p, "constant", value);
    }

    private static OnnxKernel Conv(NodeContext c)
    {
        var s = Spatial.Read(c);
        int group = c.Int32("group", 1);
        if (group <= 0) throw c.Format($"group must be positive, got {group}");
        return a =>
        {
            var x = Runtime.Req(a, 0, "Conv");
            var w = Runtime.Req(a, 1, "Conv");
            Tensor? bias = a.Length > 2 ? a[2] : null;
            int sd = Spatials(x, "Conv");
            if (w.Dim != sd + 2) throw new ArgumentException($"Conv: weight {w.Shape} does not match input {x.Shape}");
            int[] kernel = w.Dims()[2..];
            int[] stride = s.Stride(sd, "Conv"), dilation = s.Dilation(sd, "Conv");
            var (begin, end) = s.Padding(x.Dims()[2..], kernel, stride, dilation, "Conv");
            bool symmetric = begin.SequenceEqual(end);
            if (sd == 3)
            {
                var y3 = Volume.Conv(PadSpatial(x, begin, end, 0), w, stride, dilation, group);
                return [bias is null ? y3 : y3 + bias.Reshape(-1, 1, 1, 1)];
            }
            if (!symmetric) x = PadSpatial(x, begin, end, 0);
            int[] pad = symmetric ? begin : new int[sd];
            var y = Torch.Conv2d(To2d(x, sd), To2d(w, sd), bias, Two(stride, 1), Two(pad, 0), Two(dilation, 1), group);
            return [sd == 1 ? y.Squeeze(2) : y];
        };
    }

    private static OnnxKernel ConvTranspose(NodeContext c)
    {
        var s = Spatial.Read(c);
        int group = c.Int32("group", 1);
        if (group <= 0) throw c.Format($"group must be positive, got {group}");
        int[]? outputPadding = c.Int32s("output_padding");
        int[]? outputShape = c.Int32s("output_shape");
        return a =>
        {
            var x = Runtime.Req(a, 0, "ConvTranspose");
            var w = Runtime.Req(a, 1, "ConvTranspose");
            Tensor? bias = a.Length > 2 ? a[2] : null;
            int sd = Spatials(x, "ConvTranspose");
            if (w.Dim != sd + 2) throw new ArgumentException($"ConvTranspose: weight {w.Shape} does not match input {x.Shape}");
            int[] kernel = w.Dims()[2..];
            int[] stride = s.Stride(sd, "ConvTranspose"), dilation = s.Dilation(sd, "ConvTranspose");
            int[] opad = outputPadding ?? new int[sd];
            if (opad.Length != sd) throw new ArgumentException($"ConvTranspose: output_padding has {opad.Length} values for {sd} spatial dimensions");
            int[] size = x.Dims()[2..];
            var full = new long[sd];
            for (int i = 0; i < sd; i++) full[i] = (long)stride[i] * (size[i] - 1) + (long)dilation[i] * (kernel[i] - 1) + 1;
            var begin = new long[sd];
            var outSize = new long[sd];
            if (outputShape is not null || s.AutoPad is "SAME_UPPER" or "SAME_LOWER")
            {
                int[] target = outputShape is { } os ? os[^sd..] : size.Select((v, i) => v * stride[i]).ToArray();
                if (outputShape is not null && outputShape.Length < sd) throw new ArgumentException("ConvTranspose: output_shape is too short");
                for (int i = 0; i < sd; i++)
                {
                    long total = full[i] + opad[i] - target[i];
                    long half = (long)Math.Floor(total / 2.0); // ONNX's reference divides with floor
                    begin[i] = s.AutoPad == "SAME_UPPER" ? half : total - half;
                    outSize[i] = target[i];
                }
            }
            else
            {
                var (b, e) = s.Padding(size, kernel, stride, dilation, "ConvTranspose");
                for (int i = 0; i < sd; i++)
                {
                    begin[i] = b[i];
                    outSize[i] = full[i] + opad[i] - b[i] - e[i];
                }
            }
            if (outSize.Any(v => v <= 0 || v > int.MaxValue))
                throw new ArgumentException($"ConvTranspose: output size [{string.Join(", ", outSize)}] is invalid for input {x.Shape} and weight {w.Shape}");
            var y = sd == 3
                ? Volume.ConvTranspose(x, w, stride, dilation, group)
                : Torch.ConvTranspose2d(To2d(x, sd), To2d(w, sd), null, Two(stride, 1), 0, 0, group, Two(dilation, 1));
            if (sd == 1) y = y.Squeeze(2);
            // y[i] = full[i + begin] (zero outside the full result)
            for (int i = 0; i < sd; i++)
            {
                int d = 2 + i;
                long lo = begin[i], hi = begin[i] + outSize[i];
                long cropLo = Math.Max(lo, 0), cropHi = Math.Min(hi, full[i]);
                y = cropHi > cropLo ? y.Narrow(d, (int)cropLo, (int)(cropHi - cropLo)) : y.Narrow(d, 0, 0);
                long padLo = Math.Max(-lo, 0), padHi = outSize[i] - padLo - Math.Max(cropHi - cropLo, 0);
                if (padLo > 0 || padHi > 0)
                {
                    var p = new int[2 * (y.Dim - d)];
                    p[^2] = (int)padLo;
                    p[^1] = (int)padHi;
                    y = Torch.Pad(y, p);
                }
            }
            if (bias is not null) y = y + bias.Reshape([-1, .. Enumerable.Repeat(1, sd)]);
            return [y];
        };
    }

    private static OnnxKernel Pool(NodeContext c, bool max)
    {
        string op = c.OpType;
        var s = Spatial.Read(c);
        if (s.Kernel is null) throw c.Format("attribute 'kernel_shape' is required");
        bool ceil = c.Int("ceil_mode", 0) != 0;
        bool includePad = c.Int("count_include_pad", 0) != 0;
        bool columnMajor = c.Int("storage_order", 0) != 0;
        bool indices = max && c.HasOutput(1);
        if (!max && c.HasOutput(1)) throw c.Format("AveragePool has one output");
        if (!max && s.Dilations is { } dl && dl.Any(v => v != 1)) throw c.Unsupported("dilations");
        int[] kernel = s.Kernel;
        OnnxKernel run = null!;
        run = a =>
        {
            var x = Runtime.Req(a, 0, op);
            int sd = Spatials(x, op);
            if (kernel.Length != sd) throw new ArgumentException($"{op}: kernel_shape has {kernel.Length} values for {sd} spatial dimensions");
            int[] stride = s.Stride(sd, op), dilation = s.Dilation(sd, op);
            var (begin, end) = s.Padding(x.Dims()[2..], kernel, stride, dilation, op);
            if (sd == 3)
            {
                if (indices) throw new NotSupportedException("onnx: MaxPool's Indices output in 3-D is not supported");
                return [Volume.Pool(x, kernel, stride, dilation, begin, end, ceil, max, includePad)];
            }
            bool torchPads = begin.SequenceEqual(end) && begin.Select((p, i) => p <= kernel[i] / 2).All(v => v);
            int[] pad = torchPads ? begin : new int[sd];
            var k2 = Two(kernel, 1);
            var s2 = Two(stride, 1);
            var p2 = Two(pad, 0);
            if (!x.DType.IsFloatingPoint())
            {
                // Ember pools floating-point tensors: integers go through float64 (exact up to 2^53)
                var wide = run([x.To(DType.Float64)])[0]!;
                return [wide.To(x.DType)];
            }
            if (indices)
            {
                // ONNX's indices are flat over the whole input (row-major, storage_order 0); Ember's are per plane
                if (!torchPads) throw new NotSupportedException($"onnx: MaxPool's Indices output with pads [{string.Join(", ", begin.Concat(end))}] is not supported");
                var (y, planeIdx) = Torch.MaxPool2dWithIndices(To2d(x, sd), (k2[0], k2[1]), (s2[0], s2[1]), (p2[0], p2[1]), (Two(dilation, 1)[0], Two(dilation, 1)[1]), ceil);
                long plane = x.Dims()[2..].Aggregate(1L, (p, q) => p * q);
                var planes = (Torch.Arange((long)x.Size(0) * x.Size(1)) * plane).Reshape(x.Size(0), x.Size(1), 1, 1);
                if (columnMajor && sd == 2)
                {
                    // column-major position inside the plane: w * H + h
                    int h = x.Size(2), w = x.Size(3);
                    planeIdx = Torch.Remainder(planeIdx, (long)w) * h + Torch.Div(planeIdx, (long)w, "floor");
                }
                var flat = planeIdx + planes;
                return sd == 1 ? [y.Squeeze(2), flat.Squeeze(2)] : [y, flat];
            }
            if (max)
            {
                if (!torchPads) x = PadSpatial(x, begin, end, x.DType.IsFloatingPoint() ? double.NegativeInfinity : 0);
                var y = Torch.MaxPool2d(To2d(x, sd), (k2[0], k2[1]), (s2[0], s2[1]), (p2[0], p2[1]), (Two(dilation, 1)[0], Two(dilation, 1)[1]), ceil);
                return [sd == 1 ? y.Squeeze(2) : y];
            }
            Tensor result;
            if (torchPads)
                result = Torch.AvgPool2d(To2d(x, sd), (k2[0], k2[1]), (s2[0], s2[1]), (p2[0], p2[1]), ceil, includePad);
            else if (includePad)
                result = Torch.AvgPool2d(To2d(PadSpatial(x, begin, end, 0), sd), (k2[0], k2[1]), (s2[0], s2[1]), (0, 0), ceil, true);
            else
            {
                // mean over the real elements only: pool the zero-padded input and a mask of ones, and divide
                var sum = Torch.AvgPool2d(To2d(PadSpatial(x, begin, end, 0), sd), (k2[0], k2[1]), (s2[0], s2[1]), (0, 0), ceil, true);
                var ones = Torch.OnesLike(x.Narrow(0, 0, Math.Min(1, x.Size(0))).Narrow(1, 0, Math.Min(1, x.Size(1))));
                var count = Torch.AvgPool2d(To2d(PadSpatial(ones, begin, end, 0), sd), (k2[0], k2[1]), (s2[0], s2[1]), (0, 0), ceil, true);
                result = sum / count;
            }
            return [sd == 1 ? result.Squeeze(2) : result];
        };
        return run;
    }
}
