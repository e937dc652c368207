using Ember.NN;

namespace Ember.Onnx.Import;

/// <summary>Layer-shaped operators: MatMul, Gemm, normalizations, softmax family, Einsum, LRN.</summary>
internal static class NetworkOps
{
    public static void Register(Dictionary<string, Func<NodeContext, OnnxKernel>> r)
    {
        r["MatMul"] = _ => a => [Torch.Matmul(Runtime.Req(a, 0, "MatMul"), Runtime.Req(a, 1, "MatMul"))];
        r["Gemm"] = c =>
        {
            double alpha = c.Float("alpha", 1f), beta = c.Float("beta", 1f);
            bool ta = c.Int("transA", 0) != 0, tb = c.Int("transB", 0) != 0;
            return a =>
            {
                var x = Runtime.Req(a, 0, "Gemm");
                var w = Runtime.Req(a, 1, "Gemm");
                if (x.Dim != 2 || w.Dim != 2) throw new ArgumentException($"Gemm: A {x.Shape} and B {w.Shape} must be 2-D");
                if (ta) x = x.T;
                if (tb) w = w.T;
                Tensor? bias = a.Length > 2 ? a[2] : null;
                if (bias is not null && alpha == 1 && beta == 1 && bias.Dim <= 2 && x.DType.IsFloatingPoint())
                    return [Torch.Addmm(bias, x, w)];
                var y = Torch.Matmul(x, w);
                if (alpha != 1) y = y * alpha;
                if (bias is not null) y = beta == 1 ? y + bias : y + bias * beta;
                return [y.DType == x.DType ? y : y.To(x.DType)];
            };
        };
        r["Softmax"] = c => SoftmaxLike(c, (x, d) => Torch.Softmax(x, d));
        r["LogSoftmax"] = c => SoftmaxLike(c, (x, d) => Torch.LogSoftmax(x, d));
        r["Hardmax"] = c => SoftmaxLike(c, (x, d) =>
        {
            var idx = Torch.Argmax(x, d, keepdim: true);
            return Torch.Scatter(Torch.ZerosLike(x), d, idx, 1.0);
        });
        r["BatchNormalization"] = c =>
        {
            double eps = c.Float("epsilon", 1e-5f);
            if (c.Int("training_mode", 0) != 0) throw c.Unsupported("training_mode = 1");
            if (c.Int("spatial", 1) == 0) throw c.Unsupported("spatial = 0");
            for (int i = 1; i < c.OutputCount; i++)
                if (c.HasOutput(i)) throw c.Unsupported("training-mode outputs (running mean/var)");
            return a =>
            {
                var x = Runtime.Req(a, 0, "BatchNormalization");
                return [F.BatchNorm(x, Runtime.Req(a, 3, "BatchNormalization"), Runtime.Req(a, 4, "BatchNormalization"),
                    Runtime.Req(a, 1, "BatchNormalization"), Runtime.Req(a, 2, "BatchNormalization"), training: false, eps: eps)];
            };
        };
        r["InstanceNormalization"] = c =>
        {
            double eps = c.Float("epsilon", 1e-5f);
            return a =>
            {
                var x = Runtime.Req(a, 0, "InstanceNormalization");
                if (x.Dim < 3) throw new ArgumentException($"InstanceNormalization: input must be [N, C, D1, ...], got {x.Shape}");
                return [F.GroupNorm(x, x.Size(1), Runtime.Req(a, 1, "InstanceNormalization"), Runtime.Req(a, 2, "InstanceNormalization"), eps)];
            };
        };
        r["LayerNormalization"] = c =>
        {
            long axis = c.Int("axis", -1);
            double eps = c.Float("epsilon", 1e-5f);
            bool stats = c.HasOutput(1) || c.HasOutput(2);
            return a =>
            {
                var x = Runtime.Req(a, 0, "LayerNormalization");
                var scale = Runtime.Req(a, 1, "LayerNormalization");
                Tensor? bias = a.Length > 2 ? a[2] : null;
                int ax = Runtime.Axis(axis, x.Dim, "LayerNormalization");
                int[] normalized = x.Dims()[ax..];
                if (!stats && scale.Dims().SequenceEqual(normalized) && (bias is null || bias.Dims().SequenceEqual(normalized)))
                    return [F.LayerNorm(x, normalized, scale, bias, eps)];
                int[] dims = Enumerable.Range(ax, x.Dim - ax).ToArray();
                var xf = x.DType == DType.Float64 ? x : x.To(DType.Float32);
                var mean = Torch.Mean(xf, dims, keepdim: true);
                var centered = xf - mean;
                var invStd = Torch.Rsqrt(Torch.Mean(centered * centered, dims, keepdim: true) + eps);
                var y = (centered * invStd).To(x.DType) * scale;
                if (bias is not null) y = y + bias;
                return [y, mean, invStd];
            };
        };
        r["LRN"] = c =>
        {
            int size = c.Int32("size", 0);
            if (size <= 0) throw c.Format($"attribute 'size' must be positive, got {size}");
            if (size % 2 == 0) throw c.Unsupported($"an even size ({size})");
            double alpha = c.Float("alpha", 1e-4f), beta = c.Float("beta", 0.75f), bias = c.Float("bias", 1f);
            return a => [F.LocalResponseNorm(Runtime.Req(a, 0, "LRN"), size, alpha, beta, bias)];
        };
        r["Einsum"] = c =>
        {
            string eq = c.String("equation", "").Replace(" ", "", StringComparison.Ordinal);
            if (eq.Length == 0) throw c.Format("attribute 'equation' is required");
            return a => [Torch.Einsum(eq, a.Select((t, i) => Runtime.Req(a, i, "Einsum")).ToArray())];
        };
    }

    /// <summary>Softmax-like ops: one axis from opset 13, the flattened 2-D "coerced" form before it.</summary>
    private static OnnxKernel SoftmaxLike(NodeContext c, Func<Tensor, int, Tensor> f)
    {
        string op = c.OpType;
        bool coerced = c.Opset < 13;
        long axis = c.Int("axis", coerced ? 1 : -1);
        return a =>
        {
            var x = Runtime.Req(a, 0, op);
            if (x.Dim == 0) throw new ArgumentException($"{op}: input must have at least one dimension");
            if (!coerced) return [f(x, Runtime.Axis(axis, x.Dim, op))];
            int ax = Runtime.Axis(axis, x.Dim, op);
            long outer = 1;
            for (int i = 0; i < ax; i++) outer *= x.Size(i);
            var y = f(x.Reshape((int)outer, -1), 1);
            return [y.Reshape(x.Dims())];
        };
    }
}
