namespace Ember.Onnx.Import;

/// <summary>NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss (weights, ignore_index, reductions none/sum/mean).</summary>
internal static class LossOps
{
    public static void Register(Dictionary<string, Func<NodeContext, OnnxKernel>> r)
    {
        r["NegativeLogLikelihoodLoss"] = c =>
        {
            var (reduction, ignore) = Read(c);
            return a => [Nll(Runtime.Req(a, 0, c.OpType), Runtime.Req(a, 1, c.OpType), a.Length > 2 ? a[2] : null, reduction, ignore, c.OpType)];
        };
        r["SoftmaxCrossEntropyLoss"] = c =>
        {
            var (reduction, ignore) = Read(c);
            bool wantLogProb = c.HasOutput(1);
            return a =>
            {
                var scores = Runtime.Req(a, 0, c.OpType);
                if (scores.Dim < 2) throw new ArgumentException($"{c.OpType}: scores must be [N, C, ...], got {scores.Shape}");
                var logProb = Torch.LogSoftmax(scores, 1);
                var loss = Nll(logProb, Runtime.Req(a, 1, c.OpType), a.Length > 2 ? a[2] : null, reduction, ignore, c.OpType);
                return wantLogProb ? [loss, logProb] : [loss];
            };
        };
    }

    private static (string Reduction, long? Ignore) Read(NodeContext c)
    {
        string reduction = c.String("reduction", "mean");
        if (reduction is not ("none" or "sum" or "mean")) throw c.Format($"unknown reduction '{reduction}'");
        return (reduction, c.Has("ignore_index") ? c.Int("ignore_index", 0) : null);
    }

    private static Tensor Nll(Tensor input, Tensor target, Tensor? weight, string reduction, long? ignore, string op)
    {
        if (input.Dim < 2) throw new ArgumentException($"{op}: input must be [N, C, ...], got {input.Shape}");
        var t = target.To(DType.Int64);
        int classes = input.Size(1);
        var mask = ignore is { } ii ? t != (double)ii : Torch.OnesLike(t, DType.Bool);
        var safe = Torch.Where(mask, t, 0L);
        if (safe.Numel > 0)
        {
            long lo = Torch.Amin(safe).ToArray<long>()[0], hi = Torch.Amax(safe).ToArray<long>()[0];
            if (lo < 0 || hi >= classes) throw new ArgumentException($"{op}: target values must be in [0, {classes}) (or ignore_index), got {lo}..{hi}");
        }
        var picked = Torch.Gather(input, 1, safe.Unsqueeze(1)).Squeeze(1);
        var w = weight is null ? Torch.OnesLike(picked) : Torch.IndexSelect(weight, 0, safe.Reshape(-1)).Reshape(safe.Dims());
        w = Torch.Where(mask, w, Torch.ZerosLike(w));
        var loss = -(picked * w);
        return reduction switch
        {
            "none" => loss,
            "sum" => Torch.Sum(loss),
            _ => Torch.Sum(loss) / Torch.Sum(w),
        };
    }
}
