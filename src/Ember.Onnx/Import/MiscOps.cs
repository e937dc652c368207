namespace Ember.Onnx.Import;

/// <summary>
/// Smaller operators: hyperbolic functions, window functions (opset 17), Compress, NonZero, GatherND, Scatter (the
/// deprecated ScatterElements), MeanVarianceNormalization.
/// </summary>
internal static class MiscOps
{
    public static void Register(Dictionary<string, Func<NodeContext, OnnxKernel>> r)
    {
        Unary(r, "Sinh", x => (Torch.Exp(x) - Torch.Exp(-x)) * 0.5);
        Unary(r, "Cosh", x => (Torch.Exp(x) + Torch.Exp(-x)) * 0.5);
        Unary(r, "Asinh", x => Torch.Sign(x) * Torch.Log(Torch.Abs(x) + Torch.Sqrt(x * x + 1.0)));
        Unary(r, "Acosh", x => Torch.Log(x + Torch.Sqrt(x * x - 1.0)));
        Unary(r, "Atanh", x => Torch.Log((x + 1.0) / (1.0 - x)) * 0.5);

        Window(r, "HannWindow", (n, size) => 0.5 - 0.5 * Math.Cos(2 * Math.PI * n / size));
        Window(r, "HammingWindow", (n, size) => 25.0 / 46 - (1 - 25.0 / 46) * Math.Cos(2 * Math.PI * n / size));
        Window(r, "BlackmanWindow", (n, size) => 0.42 - 0.5 * Math.Cos(2 * Math.PI * n / size) + 0.08 * Math.Cos(4 * Math.PI * n / size));

        r["Compress"] = c =>
        {
            long? axis = c.Has("axis") ? c.Int("axis", 0) : null;
            return a =>
            {
                var x = Runtime.Req(a, 0, "Compress");
                bool[] cond = Runtime.Req(a, 1, "Compress").To(DType.Bool).ToArray<bool>();
                var source = axis is null ? x.Reshape(-1) : x;
                int ax = axis is { } v ? Runtime.Axis(v, x.Dim, "Compress") : 0;
                int n = source.Size(ax);
                if (cond.Length > n) throw new ArgumentException($"Compress: condition has {cond.Length} values for a dimension of {n}");
                var keep = Enumerable.Range(0, cond.Length).Where(i => cond[i]).Select(i => (long)i).ToArray();
                return [Torch.IndexSelect(source, ax, Torch.FromArray(keep, keep.Length))];
            };
        };
        r["NonZero"] = _ => a =>
        {
            var x = Runtime.Req(a, 0, "NonZero");
            bool[] nz = x.To(DType.Bool).ToArray<bool>();
            int rank = Math.Max(x.Dim, 1);
            int[] dims = x.Dim == 0 ? [1] : x.Dims();
            int count = nz.Count(v => v);
            var coords = new long[rank * count];
            int k = 0;
            for (int i = 0; i < nz.Length; i++)
            {
                if (!nz[i]) continue;
                long rest = i;
                for (int d = rank - 1; d >= 0; d--) { coords[d * count + k] = rest % dims[d]; rest /= dims[d]; }
                k++;
            }
            return [Torch.FromArray(coords, rank, count)];
        };
        r["GatherND"] = c =>
        {
            int batchDims = c.Int32("batch_dims", 0);
            return a => [GatherNd(Runtime.Req(a, 0, "GatherND"), Runtime.Req(a, 1, "GatherND"), batchDims)];
        };
        r["Scatter"] = c =>
        {
            long axis = c.Int("axis", 0);
            return a =>
            {
                var x = Runtime.Req(a, 0, "Scatter");
                int ax = Runtime.Axis(axis, x.Dim, "Scatter");
                var idx = Runtime.Req(a, 1, "Scatter").To(DType.Int64);
                idx = Torch.Where(idx < 0.0, idx + x.Size(ax), idx);
                return [Torch.Scatter(x, ax, idx, Runtime.Req(a, 2, "Scatter"))];
            };
        };
        r["MeanVarianceNormalization"] = c =>
        {
            int[] axes = c.Int32s("axes") ?? [0, 2, 3];
            return a =>
            {
                var x = Runtime.Req(a, 0, "MeanVarianceNormalization");
                int[] dims = Runtime.Axes(axes.Select(v => (long)v).ToArray(), x.Dim, "MeanVarianceNormalization");
                var mean = Torch.Mean(x, dims, keepdim: true);
                var variance = Torch.Mean(x * x, dims, keepdim: true) - mean * mean;
                return [(x - mean) / (Torch.Sqrt(variance) + 1e-9)];
            };
        };
    }

    private static void Unary(Dictionary<string, Func<NodeContext, OnnxKernel>> r, string op, Func<Tensor, Tensor> f) =>
        r[op] = _ => a => [f(Runtime.Req(a, 0, op))];

    private static void Window(Dictionary<string, Func<NodeContext, OnnxKernel>> r, string op, Func<double, double, double> f) =>
        r[op] = c =>
        {
            bool periodic = c.Int("periodic", 1) != 0;
            DType dtype = OnnxTensors.ToDType(c.Int32("output_datatype", 1), $"{c.Describe}'s output_datatype");
            return a =>
            {
                long size = Runtime.Long(Runtime.Req(a, 0, op), op, "size");
                if (size < 0 || size > Array.MaxLength) throw new ArgumentException($"{op}: invalid size {size}");
                double denominator = periodic ? size : size - 1;
                var values = new double[size];
                for (int n = 0; n < size; n++) values[n] = f(n, denominator);
                return [Torch.FromArray(values, (int)size).To(dtype)];
            };
        };

    private static Tensor GatherNd(Tensor data, Tensor indices, int b)
    {
        if (indices.Dim < 1) throw new ArgumentException("GatherND: indices must have at least one dimension");
        int k = indices.Size(indices.Dim - 1);
        if (b < 0 || b >= Math.Min(data.Dim, indices.Dim) || b + k > data.Dim)
            throw new ArgumentException($"GatherND: batch_dims {b} and index depth {k} do not fit data {data.Shape} and indices {indices.Shape}");
        int[] dd = data.Dims(), id = indices.Dims();
        for (int i = 0; i < b; i++)
            if (dd[i] != id[i]) throw new ArgumentException($"GatherND: batch dimension {i} differs ({data.Shape} vs {indices.Shape})");
        int batch = dd[..b].Aggregate(1, (x, y) => x * y);
        int[] indexed = dd[b..(b + k)];
        int[] rest = dd[(b + k)..];
        int restSize = rest.Aggregate(1, (x, y) => x * y);
        int positions = indexed.Aggregate(1, (x, y) => x * y);
        int[] queries = id[b..^1];
        int m = queries.Aggregate(1, (x, y) => x * y);
        // linear position of each query inside the indexed block, negatives wrapped
        var idx = indices.To(DType.Int64).Reshape(batch, m, k);
        Tensor linear = Torch.Zeros(new Size(batch, m), DType.Int64);
        for (int j = 0; j < k; j++)
        {
            var ij = idx.Select(2, j);
            ij = Torch.Where(ij < 0.0, ij + indexed[j], ij);
            linear = linear * indexed[j] + ij;
        }
        if (linear.Numel > 0)
        {
            long lo = Torch.Amin(linear).ToArray<long>()[0], hi = Torch.Amax(linear).ToArray<long>()[0];
            if (lo < 0 || hi >= positions) throw new ArgumentException($"GatherND: an index is out of range for data {data.Shape}");
        }
        var flat = data.Reshape(batch, positions, restSize);
        var gathered = Torch.Gather(flat, 1, linear.Unsqueeze(2).Expand(batch, m, restSize));
        return gathered.Reshape([.. dd[..b], .. queries, .. rest]);
    }
}
