namespace Ember.Onnx.Import;

/// <summary>ReduceX (axes as an attribute, or as an input for ReduceSum from opset 13), ArgMax/ArgMin, CumSum, TopK.</summary>
internal static class ReductionOps
{
    public static void Register(Dictionary<string, Func<NodeContext, OnnxKernel>> r)
    {
        Reduce(r, "ReduceSum", (x, d, k) => Torch.Sum(x, d, k));
        Reduce(r, "ReduceMean", (x, d, k) => Torch.Mean(x, d, k));
        Reduce(r, "ReduceMax", (x, d, k) => Torch.Amax(x, d, k));
        Reduce(r, "ReduceMin", (x, d, k) => Torch.Amin(x, d, k));
        Reduce(r, "ReduceProd", (x, d, k) => Torch.Prod(x, d, k));
        Reduce(r, "ReduceL1", (x, d, k) => Torch.Sum(Torch.Abs(x), d, k));
        Reduce(r, "ReduceL2", (x, d, k) => Torch.Sqrt(Torch.Sum(x * x, d, k)));
        Reduce(r, "ReduceSumSquare", (x, d, k) => Torch.Sum(x * x, d, k));
        Reduce(r, "ReduceLogSum", (x, d, k) => Torch.Log(Torch.Sum(x, d, k)));
        Reduce(r, "ReduceLogSumExp", (x, d, k) => Torch.LogSumExp(x, d, k));
        r["ArgMax"] = c => Arg(c, max: true);
        r["ArgMin"] = c => Arg(c, max: false);
        r["CumSum"] = c =>
        {
            bool exclusive = c.Int("exclusive", 0) != 0, reverse = c.Int("reverse", 0) != 0;
            return a =>
            {
                var x = Runtime.Req(a, 0, "CumSum");
                int ax = Runtime.Axis(Runtime.Long(Runtime.Req(a, 1, "CumSum"), "CumSum", "axis"), x.Dim, "CumSum");
                var v = reverse ? Torch.Flip(x, ax) : x;
                var y = Torch.Cumsum(v, ax);
                if (exclusive && x.Size(ax) > 0)
                {
                    var p = new int[2 * (x.Dim - ax)];
                    p[^2] = 1;
                    y = Torch.Pad(y.Narrow(ax, 0, x.Size(ax) - 1), p);
                }
                if (reverse) y = Torch.Flip(y, ax);
                return [y.DType == x.DType ? y : y.To(x.DType)];
            };
        };
        r["TopK"] = c =>
        {
            long axis = c.Int("axis", -1);
            bool largest = c.Int("largest", 1) != 0;
            bool sorted = c.Int("sorted", 1) != 0;
            long? attrK = c.Opset < 10 ? c.Int("k", 0) : null;
            return a =>
            {
                var x = Runtime.Req(a, 0, "TopK");
                int ax = Runtime.Axis(axis, x.Dim, "TopK");
                long k = attrK ?? Runtime.Long(Runtime.Req(a, 1, "TopK"), "TopK", "K");
                if (k < 0 || k > x.Size(ax)) throw new ArgumentException($"TopK: K = {k} is out of range for dimension {ax} of shape {x.Shape}");
                // stable order: ties keep the lower index first (ONNX), so sort stably and take the first k
                var idx = Torch.Argsort(x, ax, descending: largest, stable: true).Narrow(ax, 0, (int)k);
                _ = sorted;
                return [Torch.Gather(x, ax, idx), idx];
            };
        };
    }

    private static void Reduce(Dictionary<string, Func<NodeContext, OnnxKernel>> r, string op, Func<Tensor, int[], bool, Tensor> f) =>
        r[op] = c =>
        {
            bool keep = c.Int("keepdims", 1) != 0;
            bool axesInput = op == "ReduceSum" && c.Opset >= 13;
            bool noop = c.Int("noop_with_empty_axes", 0) != 0;
            long[]? attrAxes = axesInput ? null : c.Ints("axes");
            return a =>
            {
                var x = Runtime.Req(a, 0, op);
                long[]? axes = axesInput ? (a.Length > 1 && a[1] is { } t ? Runtime.Longs(t) : null) : attrAxes;
                if (axes is null || axes.Length == 0)
                {
                    if (noop) return [x];
                    axes = Enumerable.Range(0, x.Dim).Select(v => (long)v).ToArray();
                }
                int[] dims = Runtime.Axes(axes, x.Dim, op);
                if (x.Dim == 0) return [f(x, [], keep)];
                var y = f(x, dims, keep);
                return [y.DType == x.DType ? y : y.To(x.DType)];
            };
        };

    private static OnnxKernel Arg(NodeContext c, bool max)
    {
        string op = c.OpType;
        long axis = c.Int("axis", 0);
        bool keep = c.Int("keepdims", 1) != 0;
        bool last = c.Int("select_last_index", 0) != 0;
        return a =>
        {
            var x = Runtime.Req(a, 0, op);
            int ax = Runtime.Axis(axis, x.Dim, op);
            if (!last) return [max ? Torch.Argmax(x, ax, keep) : Torch.Argmin(x, ax, keep)];
            var flipped = Torch.Flip(x, ax);
            var i = max ? Torch.Argmax(flipped, ax, keep) : Torch.Argmin(flipped, ax, keep);
            return [(x.Size(ax) - 1L) - i];
        };
    }
}
