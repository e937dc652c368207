using Ember.NN;

namespace Ember.Tests.Parity;

internal static partial class ParityOps
{
    private static void AddCreationAndMisc(Dictionary<string, Func<ParityCall, object>> t)
    {
        t["arange"] = c =>
        {
            if (!c.Has("start")) return c.Has("dtype") ? Torch.Arange(0, c.L("end"), 1, c.DT("dtype")) : Torch.Arange(c.L("end"));
            bool ints = c.IsLong("start") && c.IsLong("end") && (!c.Has("step") || c.IsLong("step"));
            return ints ? Torch.Arange(c.L("start"), c.L("end"), c.Has("step") ? c.L("step") : 1, c.DT("dtype"))
                : Torch.Arange(c.D("start"), c.D("end"), c.D("step", 1), c.DT("dtype"));
        };
        t["linspace"] = c => Torch.Linspace(c.D("start"), c.D("end"), c.I("steps"), c.DT("dtype"));
        t["eye"] = c => Torch.Eye(c.I("n"), c.NI("m"), c.DT("dtype"));
        t["full"] = c => c.S("value", "") == "T" ? Torch.Full(new Size(c.Ints("shape")), true, c.DT("dtype"))
            : c.Num("value", l => Torch.Full(new Size(c.Ints("shape")), l, c.DT("dtype")), d => Torch.Full(new Size(c.Ints("shape")), d, c.DT("dtype")));
        t["zeros"] = c => Torch.Zeros(new Size(c.Ints("shape")), c.DT("dtype"));
        t["ones"] = c => Torch.Ones(new Size(c.Ints("shape")), c.DT("dtype"));
        t["zeros_like"] = c => Torch.ZerosLike(c[0], c.DT("dtype"));
        t["ones_like"] = c => Torch.OnesLike(c[0], c.DT("dtype"));
        t["full_like"] = c => c.Num("value", l => Torch.FullLike(c[0], l, c.DT("dtype")), d => Torch.FullLike(c[0], d, c.DT("dtype")));
        t["to"] = c => c[0].To(c.DT("dtype")!.Value);
        t["lerp"] = c => Torch.Lerp(c[0], c[1], c[2]);
        t["lerp_s"] = c => Torch.Lerp(c[0], c[1], c.D("weight"));
        t["clamp_t"] = c => c.IsNull("max") ? Torch.Clamp(c[0], c[1], null) : c.IsNull("min") ? Torch.Clamp(c[0], null, c[1]) : Torch.Clamp(c[0], c[1], c[2]);
        t["clamp_min_t"] = c => Torch.ClampMin(c[0], c[1]);
        t["clamp_max_t"] = c => Torch.ClampMax(c[0], c[1]);
        t["clone"] = c => c[0].Clone();
        t["contiguous"] = c => c[0].Contiguous();
    }

    private static void AddLosses(Dictionary<string, Func<ParityCall, object>> t)
    {
        t["mse_loss"] = c => F.MseLoss(c[0], c[1], c.Reduction);
        t["l1_loss"] = c => F.L1Loss(c[0], c[1], c.Reduction);
        t["smooth_l1_loss"] = c => F.SmoothL1Loss(c[0], c[1], c.Reduction, c.D("beta", 1.0));
        t["huber_loss"] = c => F.HuberLoss(c[0], c[1], c.Reduction, c.D("delta", 1.0));
        t["soft_margin_loss"] = c => F.SoftMarginLoss(c[0], c[1], c.Reduction);
        t["kl_div"] = c => F.KlDiv(c[0], c[1], c.Reduction, c.B("log_target"));
        t["poisson_nll_loss"] = c => F.PoissonNllLoss(c[0], c[1], c.B("log_input", true), c.B("full"), reduction: c.Reduction);
        t["binary_cross_entropy"] = c => F.BinaryCrossEntropy(c[0], c[1], c.B("weight") ? c[2] : null, c.Reduction);
        t["binary_cross_entropy_with_logits"] = c =>
        {
            int next = 2;
            var w = c.B("weight") ? c[next++] : null;
            var pw = c.B("pos_weight") ? c[next] : null;
            return F.BinaryCrossEntropyWithLogits(c[0], c[1], w, c.Reduction, pw);
        };
        t["cross_entropy"] = c => F.CrossEntropy(c[0], c[1], c.B("weight") ? c[2] : null, c.I("ignore_index", -100), c.Reduction, c.D("label_smoothing", 0.0));
        t["nll_loss"] = c => F.NllLoss(c[0], c[1], c.B("weight") ? c[2] : null, c.I("ignore_index", -100), c.Reduction);
        t["multi_margin_loss"] = c => F.MultiMarginLoss(c[0], c[1], c.I("p", 1), c.D("margin", 1.0), c.B("weight") ? c[2] : null, c.Reduction);
        t["hinge_embedding_loss"] = c => F.HingeEmbeddingLoss(c[0], c[1], c.D("margin", 1.0), c.Reduction);
        t["cosine_embedding_loss"] = c => F.CosineEmbeddingLoss(c[0], c[1], c[2], c.D("margin", 0.0), c.Reduction);
        t["margin_ranking_loss"] = c => F.MarginRankingLoss(c[0], c[1], c[2], c.D("margin", 0.0), c.Reduction);
        t["triplet_margin_loss"] = c => F.TripletMarginLoss(c[0], c[1], c[2], c.D("margin", 1.0), c.D("p", 2.0), swap: c.B("swap"), reduction: c.Reduction);
        t["linear"] = c => F.Linear(c[0], c[1], c.B("bias") ? c[2] : null);
        t["layer_norm"] = c => F.LayerNorm(c[0], c.Ints("shape"), c.B("affine") ? c[1] : null, c.B("affine") ? c[2] : null);
    }
}
