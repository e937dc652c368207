namespace Ember.Onnx.Import;

/// <summary>Shape and data-movement operators: Reshape, Flatten, Transpose, Concat, Gather, Slice, Squeeze/Unsqueeze, Split…</summary>
internal static class ShapeOps
{
    public static void Register(Dictionary<string, Func<NodeContext, OnnxKernel>> r)
    {
        r["Reshape"] = c =>
        {
            bool allowZero = c.Int("allowzero", 0) != 0;
            long[]? attrShape = c.Opset < 5 ? c.Ints("shape") ?? throw c.Format("attribute 'shape' is required") : null;
            return a => [Reshape(Runtime.Req(a, 0, "Reshape"), attrShape ?? Runtime.Longs(Runtime.Req(a, 1, "Reshape")), allowZero)];
        };
        r["Flatten"] = c =>
        {
            long axis = c.Int("axis", 1);
            return a =>
            {
                var x = Runtime.Req(a, 0, "Flatten");
                if (axis < -x.Dim || axis > x.Dim) throw new ArgumentException($"Flatten: axis {axis} is out of range for rank {x.Dim}");
                int ax = (int)(axis < 0 ? axis + x.Dim : axis);
                long outer = 1;
                for (int i = 0; i < ax; i++) outer *= x.Size(i);
                long inner = 1;
                for (int i = ax; i < x.Dim; i++) inner *= x.Size(i);
                return [x.Reshape((int)outer, (int)inner)];
            };
        };
        r["Transpose"] = c =>
        {
            int[]? perm = c.Int32s("perm");
            return a =>
            {
                var x = Runtime.Req(a, 0, "Transpose");
                int[] p = perm ?? Enumerable.Range(0, x.Dim).Reverse().ToArray();
                if (p.Length != x.Dim) throw new ArgumentException($"Transpose: perm [{string.Join(", ", p)}] does not match rank {x.Dim}");
                return [Torch.Permute(x, p)];
            };
        };
        r["Concat"] = c =>
        {
            if (!c.Has("axis")) throw c.Format("attribute 'axis' is required");
            long axis = c.Int("axis", 0);
            return a =>
            {
                var xs = a.Select((t, i) => Runtime.Req(a, i, "Concat")).ToArray();
                return [Torch.Cat(xs, Runtime.Axis(axis, xs[0].Dim, "Concat"))];
            };
        };
        r["Gather"] = c =>
        {
            long axis = c.Int("axis", 0);
            return a =>
            {
                var x = Runtime.Req(a, 0, "Gather");
                var idx = Runtime.Req(a, 1, "Gather");
                int ax = Runtime.Axis(axis, x.Dim, "Gather");
                var flat = Indices(idx, x.Size(ax), "Gather").Reshape(-1);
                var picked = Torch.IndexSelect(x, ax, flat);
                var shape = x.Dims()[..ax].Concat(idx.Dims()).Concat(x.Dims()[(ax + 1)..]).ToArray();
                return [picked.Reshape(shape)];
            };
        };
        r["GatherElements"] = c =>
        {
            long axis = c.Int("axis", 0);
            return a =>
            {
                var x = Runtime.Req(a, 0, "GatherElements");
                int ax = Runtime.Axis(axis, x.Dim, "GatherElements");
                return [Torch.Gather(x, ax, Indices(Runtime.Req(a, 1, "GatherElements"), x.Size(ax), "GatherElements"))];
            };
        };
        r["ScatterElements"] = c =>
        {
            long axis = c.Int("axis", 0);
            string reduction = c.String("reduction", "none");
            if (reduction is not ("none" or "add")) throw c.Unsupported($"reduction '{reduction}'");
            return a =>
            {
                var x = Runtime.Req(a, 0, "ScatterElements");
                int ax = Runtime.Axis(axis, x.Dim, "ScatterElements");
                var idx = Indices(Runtime.Req(a, 1, "ScatterElements"), x.Size(ax), "ScatterElements");
                var src = Runtime.Req(a, 2, "ScatterElements");
                return [reduction == "add" ? Torch.ScatterAdd(x, ax, idx, src) : Torch.Scatter(x, ax, idx, src)];
            };
        };
        r["Slice"] = c =>
        {
            if (c.Opset < 10)
            {
                long[] starts = c.Ints("starts") ?? throw c.Format("attribute 'starts' is required");
                long[] ends = c.Ints("ends") ?? throw c.Format("attribute 'ends' is required");
                long[]? axes = c.Ints("axes");
                return a => [Slice(Runtime.Req(a, 0, "Slice"), starts, ends, axes, null)];
            }
            return a => [Slice(Runtime.Req(a, 0, "Slice"), Runtime.Longs(Runtime.Req(a, 1, "Slice")), Runtime.Longs(Runtime.Req(a, 2, "Slice")),
                a.Length > 3 && a[3] is { } ax ? Runtime.Longs(ax) : null, a.Length > 4 && a[4] is { } st ? Runtime.Longs(st) : null)];
        };
        r["Shape"] = c =>
        {
            long? start = c.Has("start") ? c.Int("start", 0) : null, end = c.Has("end") ? c.Int("end", 0) : null;
            return a =>
            {
                var x = Runtime.Req(a, 0, "Shape");
                int rank = x.Dim;
                long s = Clamp(start ?? 0, rank), e = Clamp(end ?? rank, rank);
                var dims = new List<long>();
                for (long i = s; i < e; i++) dims.Add(x.Size((int)i));
                return [Torch.FromArray(dims.ToArray(), dims.Count)];
            };
        };
        r["Size"] = _ => a => [Torch.Scalar((long)Runtime.Req(a, 0, "Size").Numel, DType.Int64)];
        r["Constant"] = c =>
        {
            Tensor value = ConstantValue(c);
            value.DetachFromDisposeScope();
            return _ => [value];
        };
        r["ConstantOfShape"] = c =>
        {
            var proto = c.TensorAttr("value");
            Tensor value = proto is null ? Torch.Scalar(0.0, DType.Float32) : OnnxTensors.Read(proto, $"{c.Describe}'s value");
            if (value.Numel != 1) throw c.Format($"attribute 'value' must have one element, got {value.Numel}");
            value = value.Reshape();
            value.DetachFromDisposeScope();
            return a =>
            {
                long[] dims = Runtime.Longs(Runtime.Req(a, 0, "ConstantOfShape"));
                var shape = dims.Select(d => d < 0 ? throw new ArgumentException($"ConstantOfShape: negative dimension {d}") : Runtime.ToInt(d, "ConstantOfShape", "dimension")).ToArray();
                return [value.Expand(shape).Clone()];
            };
        };
        r["Squeeze"] = c =>
        {
            long[]? attrAxes = c.Opset < 13 ? c.Ints("axes") : null;
            return a =>
            {
                var x = Runtime.Req(a, 0, "Squeeze");
                long[]? axes = c.Opset < 13 ? attrAxes : a.Length > 1 && a[1] is { } t ? Runtime.Longs(t) : null;
                if (axes is null) return [x.Squeeze()];
                int[] ax = Runtime.Axes(axes, x.Dim, "Squeeze");
                foreach (int d in ax)
                    if (x.Size(d) != 1) throw new ArgumentException($"Squeeze: dimension {d} of shape {x.Shape} is not 1");
                var shape = Enumerable.Range(0, x.Dim).Where(d => !ax.Contains(d)).Select(d => x.Size(d)).ToArray();
                return [x.Reshape(shape)];
            };
        };
        r["Unsqueeze"] = c =>
        {
            long[]? attrAxes = c.Opset < 13 ? c.Ints("axes") ?? throw c.Format("attribute 'axes' is required") : null;
            return a =>
            {
                var x = Runtime.Req(a, 0, "Unsqueeze");
                long[] axes = attrAxes ?? Runtime.Longs(Runtime.Req(a, 1, "Unsqueeze"));
                int outRank = x.Dim + axes.Length;
                int[] ax = Runtime.Axes(axes, outRank, "Unsqueeze");
                var shape = new int[outRank];
                int k = 0;
                for (int d = 0; d < outRank; d++) shape[d] = ax.Contains(d) ? 1 : x.Size(k++);
                return [x.Reshape(shape)];
            };
        };
        r["Expand"] = _ => a =>
        {
            var x = Runtime.Req(a, 0, "Expand");
            var target = Runtime.Longs(Runtime.Req(a, 1, "Expand")).Select(v => Runtime.ToInt(v, "Expand", "dimension")).ToArray();
            return [x.Expand(Broadcasting.Shape(x.Dims(), target, "Expand"))];
        };
        r["Split"] = c =>
        {
            long axis = c.Int("axis", 0);
            long[]? attrSplit = c.Opset < 13 ? c.Ints("split") : null;
            int outputs = c.OutputCount;
            return a =>
            {
                var x = Runtime.Req(a, 0, "Split");
                int ax = Runtime.Axis(axis, x.Dim, "Split");
                long[]? split = c.Opset < 13 ? attrSplit : a.Length > 1 && a[1] is { } s ? Runtime.Longs(s) : null;
                int[] sections;
                if (split is null)
                {
                    if (x.Size(ax) % outputs != 0) throw new ArgumentException($"Split: dimension {ax} of shape {x.Shape} does not split into {outputs} equal parts");
                    sections = Enumerable.Repeat(x.Size(ax) / outputs, outputs).ToArray();
                }
                else
                {
                    if (split.Length != outputs || split.Any(v => v < 0) || split.Sum() != x.Size(ax))
                        throw new ArgumentException($"Split: split [{string.Join(", ", split)}] does not divide dimension {ax} of shape {x.Shape} into {outputs} parts");
                    sections = split.Select(v => (int)v).ToArray();
                }
                var parts = new Tensor?[outputs];
                int start = 0;
                for (int i = 0; i < outputs; i++) { parts[i] = x.Narrow(ax, start, sections[i]); start += sections[i]; }
                return parts;
            };
        };
        r["Tile"] = c => c.Opset < 6 ? throw c.Unsupported("Tile before opset 6 (tiles and axis inputs)") : a =>
        {
            var x = Runtime.Req(a, 0, "Tile");
            var reps = Runtime.Longs(Runtime.Req(a, 1, "Tile")).Select(v => Runtime.ToInt(v, "Tile", "repeat")).ToArray();
            if (reps.Length != x.Dim) throw new ArgumentException($"Tile: repeats has {reps.Length} values for rank {x.Dim}");
            return [x.Dim == 0 ? x.Clone() : Torch.Repeat(x, reps)];
        };
        r["Range"] = _ => a =>
        {
            var s = Runtime.Req(a, 0, "Range");
            var l = Runtime.Req(a, 1, "Range");
            var d = Runtime.Req(a, 2, "Range");
            if (s.DType.IsFloatingPoint())
            {
                double start = Runtime.Double(s, "Range", "start"), limit = Runtime.Double(l, "Range", "limit"), delta = Runtime.Double(d, "Range", "delta");
                long n = Math.Max((long)Math.Ceiling((limit - start) / delta), 0);
                return [(Torch.Arange(n).To(DType.Float64) * delta + start).To(s.DType)];
            }
            long st = Runtime.Long(s, "Range", "start"), li = Runtime.Long(l, "Range", "limit"), de = Runtime.Long(d, "Range", "delta");
            if (de == 0) throw new ArgumentException("Range: delta must not be 0");
            long count = Math.Max((long)Math.Ceiling((double)(li - st) / de), 0);
            return [(Torch.Arange(count) * de + st).To(s.DType)];
        };
        r["Dropout"] = c =>
        {
            bool mask = c.HasOutput(1);
            return a =>
            {
                var x = Runtime.Req(a, 0, "Dropout");
                if (a.Length > 2 && a[2] is { } training && training.Numel == 1 && training.ToArray<bool>()[0])
                {
                    double ratio = a[1] is { } rt ? Runtime.Double(rt, "Dropout", "ratio") : 0.5;
                    if (ratio != 0) throw new NotSupportedException("onnx: Dropout in training mode (training_mode = true) is not supported: the importer runs inference");
                }
                return mask ? [x, Torch.OnesLike(x, DType.Bool)] : [x];
            };
        };
        r["Pad"] = c =>
        {
            string mode = c.String("mode", "constant");
            string torchMode = mode switch
            {
                "constant" => "constant",
                "reflect" => "reflect",
                "edge" => "replicate",
                _ => throw c.Unsupported($"mode '{mode}'"),
            };
            long[]? attrPads = c.Opset < 11 ? c.Ints("pads") ?? throw c.Format("attribute 'pads' is required") : null;
            double attrValue = c.Float("value", 0f);
            return a =>
            {
                var x = Runtime.Req(a, 0, "Pad");
                long[] pads = attrPads ?? Runtime.Longs(Runtime.Req(a, 1, "Pad"));
                double value = attrPads is null ? (a.Length > 2 && a[2] is { } v && v.Numel > 0 ? Runtime.Double(v, "Pad", "constant_value") : 0) : attrValue;
                return [Pad(x, pads, torchMode, value)];
            };
        };
        r["DepthToSpace"] = c =>
        {
            int b = c.Int32("blocksize", 0);
            if (b <= 0) throw c.Format($"attribute 'blocksize' must be positive, got {b}");
            bool crd = c.String("mode", "DCR") == "CRD";
            return a =>
            {
                var x = Runtime.Req(a, 0, "DepthToSpace");
                if (x.Dim != 4 || x.Size(1) % (b * b) != 0) throw new ArgumentException($"DepthToSpace: input {x.Shape} is not [N, C*{b}*{b}, H, W]");
                int n = x.Size(0), ch = x.Size(1) / (b * b), h = x.Size(2), w = x.Size(3);
                var y = crd
                    ? x.Reshape(n, ch, b, b, h, w).Permute(0, 1, 4, 2, 5, 3)
                    : x.Reshape(n, b, b, ch, h, w).Permute(0, 3, 4, 1, 5, 2);
                return [y.Reshape(n, ch, h * b, w * b)];
            };
        };
        r["SpaceToDepth"] = c =>
        {
            int b = c.Int32("blocksize", 0);
            if (b <= 0) throw c.Format($"attribute 'blocksize' must be positive, got {b}");
            return a =>
            {
                var x = Runtime.Req(a, 0, "SpaceToDepth");
                if (x.Dim != 4 || x.Size(2) % b != 0 || x.Size(3) % b != 0) throw new ArgumentException($"SpaceToDepth: input {x.Shape} is not [N, C, H*{b}, W*{b}]");
                int n = x.Size(0), ch = x.Size(1), h = x.Size(2) / b, w = x.Size(3) / b;
                return [x.Reshape(n, ch, h, b, w, b).Permute(0, 3, 5, 1, 2, 4).Reshape(n, ch * b * b, h, w)];
            };
        };
        r["Trilu"] = c =>
        {
            bool upper = c.Int("upper", 1) != 0;
            return a =>
            {
                var x = Runtime.Req(a, 0, "Trilu");
                long k = a.Length > 1 && a[1] is { } kt ? Runtime.Long(kt, "Trilu", "k") : 0;
                return [upper ? Torch.Triu(x, k) : Torch.Tril(x, k)];
            };
        };
        r["EyeLike"] = c =>
        {
            long k = c.Int("k", 0);
            DType? dtype = c.Has("dtype") ? OnnxTensors.ToDType(c.Int32("dtype", 0), $"{c.Describe}'s dtype") : null;
            return a =>
            {
                var x = Runtime.Req(a, 0, "EyeLike");
                if (x.Dim != 2) throw new ArgumentException($"EyeLike: input must be 2-D, got shape {x.Shape}");
                var rows = Torch.Arange(x.Size(0)).Reshape(-1, 1);
                var cols = Torch.Arange(x.Size(1)).Reshape(1, -1);
                return [((cols - rows) == k).To(dtype ?? x.DType)];
            };
        };
        r["OneHot"] = c =>
        {
            long axis = c.Int("axis", -1);
            return a =>
            {
                var idx = Runtime.Req(a, 0, "OneHot");
                long depth = Runtime.Long(Runtime.Req(a, 1, "OneHot"), "OneHot", "depth");
                var values = Runtime.Req(a, 2, "OneHot");
                if (values.Numel != 2) throw new ArgumentException($"OneHot: values must have 2 elements, got shape {values.Shape}");
                if (depth <= 0 || depth > int.MaxValue) throw new ArgumentException($"OneHot: depth {depth} is invalid");
                int ax = Runtime.Axis(axis, idx.Dim, "OneHot", extra: 1);
                var i = idx.To(DType.Int64);
                i = Torch.Where(i < 0.0, i + depth, i).Unsqueeze(ax);
                var shape = Enumerable.Repeat(1, idx.Dim + 1).ToArray();
                shape[ax] = (int)depth;
                var hot = i == Torch.Arange(depth).Reshape(shape);
                var flat = values.Reshape(-1);
                return [Torch.Where(hot, flat.Narrow(0, 1, 1).Reshape(), flat.Narrow(0, 0, 1).Reshape())];
            };
        };
    }

    /// <summary>Index tensor → int64 with negative indices wrapped; out-of-range indices are errors.</summary>
    private static Tensor Indices(Tensor idx, int size, string op)
    {
        var i = idx.To(DType.Int64);
        if (i.Numel == 0) return i;
        long min = Torch.Amin(i).ToArray<long>()[0], max = Torch.Amax(i).ToArray<long>()[0];
        if (min < -size || max >= size) throw new ArgumentException($"{op}: index out of range [{-size}, {size - 1}] (values from {min} to {max})");
        return min < 0 ? Torch.Where(i < 0.0, i + size, i) : i;
    }

    private static long Clamp(long v, int rank) => Math.Clamp(v < 0 ? v + rank : v, 0, rank);

    private static Tensor Reshape(Tensor x, long[] dims, bool allowZero)
    {
        var shape = new int[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            long d = dims[i];
            if (d == 0 && !allowZero)
            {
                if (i >= x.Dim) throw new ArgumentException($"Reshape: shape [{string.Join(", ", dims)}] copies dimension {i}, which input {x.Shape} does not have");
                shape[i] = x.Size(i);
            }
            else if (d < -1) throw new ArgumentException($"Reshape: invalid dimension {d} in shape [{string.Join(", ", dims)}]");
            else shape[i] = Runtime.ToInt(d, "Reshape", "dimension");
        }
        return x.Reshape(shape);
    }

    private static Tensor Slice(Tensor x, long[] starts, long[] ends, long[]? axes, long[]? steps)
    {
        if (starts.Length != ends.Length || (axes is not null && axes.Length != starts.Length) || (steps is not null && steps.Length != starts.Length))
            throw new ArgumentException("Slice: starts, ends, axes and steps must have the same length");
        int[] ax = axes is null ? Enumerable.Range(0, starts.Length).ToArray() : Runtime.Axes(axes, x.Dim, "Slice");
        var y = x;
        for (int i = 0; i < ax.Length; i++)
        {
            int d = ax[i];
            long n = x.Size(d);
            long step = steps?[i] ?? 1;
            if (step == 0) throw new ArgumentException("Slice: step must not be 0");
            long s = starts[i], e = ends[i];
            if (s < 0) s += n;
            if (e < 0) e += n;
            if (step > 0)
            {
                s = Math.Clamp(s, 0, n);
                e = Math.Clamp(e, 0, n);
                if (step == 1) { y = y.Narrow(d, (int)s, (int)Math.Max(e - s, 0)); continue; }
            }
            else
            {
                s = Math.Clamp(s, -1, n - 1);
                e = Math.Clamp(e, -1, n - 1);
            }
            long count = step > 0 ? Math.Max((e - s + step - 1) / step, 0) : Math.Max((s - e + (-step) - 1) / (-step), 0);
            var idx = Torch.Arange(count) * step + s;
            y = Torch.IndexSelect(y, d, idx);
        }
        return y;
    }

    private static Tensor Pad(Tensor x, long[] pads, string mode, double value)
    {
        int r = x.Dim;
        if (pads.Length != 2 * r) throw new ArgumentException($"Pad: pads has {pads.Length} values for rank {r} (expected {2 * r})");
        int first = 0;
        while (first < r && pads[first] == 0 && pads[first + r] == 0) first++;
        if (first == r) return x;
        var torchPads = new List<int>();
        for (int d = r - 1; d >= first; d--)
        {
            torchPads.Add(Runtime.ToInt(pads[d], "Pad", "pad"));
            torchPads.Add(Runtime.ToInt(pads[d + r], "Pad", "pad"));
        }
        if (mode != "constant" && r - first > 3)
            throw new NotSupportedException($"onnx: Pad: mode {mode} on more than the last 3 dimensions is not supported (pads [{string.Join(", ", pads)}])");
        if (mode != "constant" && !x.DType.IsFloatingPoint())
            return Pad(x.To(DType.Float64), pads, mode, value).To(x.DType); // Ember's reflect/replicate pads take floats
        if (mode != "constant" && r - first == r)
        {
            // torch's reflect/replicate need a batch dimension before the padded ones
            return Torch.Pad(x.Unsqueeze(0), torchPads.ToArray(), mode).Squeeze(0);
        }
        return Torch.Pad(x, torchPads.ToArray(), mode, value);
    }

    private static Tensor ConstantValue(NodeContext c)
    {
        if (c.TensorAttr("value") is { } t) return OnnxTensors.Read(t, $"{c.Describe}'s value");
        if (c.Has("value_float")) return Torch.Scalar((double)c.Float("value_float", 0), DType.Float32);
        if (c.Floats("value_floats") is { } fs) return Torch.FromArray(fs, fs.Length);
        if (c.Has("value_int")) return Torch.Scalar(c.Int("value_int", 0), DType.Int64);
        if (c.Ints("value_ints") is { } ls) return Torch.FromArray(ls, ls.Length);
        if (c.Has("sparse_value") || c.Has("value_string") || c.Has("value_strings")) throw c.Unsupported("a sparse or string constant");
        throw c.Format("has no value attribute");
    }
}
