using Ember.NN;
using static Ember.Tests.NN.LossTests;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.NN;

/// <summary>The loss modules as modules (printing, buffers, defaults) and the validation of every loss.</summary>
public class LossModuleTests
{
    private static Tensor L(params long[] v) => Torch.FromArray(v);

    [Fact]
    public void LossesPrintLikePyTorch()
    {
        Assert.Equal("CrossEntropyLoss()", new CrossEntropyLoss().ToString());
        Assert.Equal("CrossEntropyLoss()", new CrossEntropyLoss(T(1.0, 2.0), labelSmoothing: 0.1).ToString());
        Assert.Equal("MSELoss()", new MSELoss().ToString());
        Assert.Equal("BCEWithLogitsLoss()", new BCEWithLogitsLoss(posWeight: T(2.0)).ToString());
        Assert.Equal("NLLLoss()", new NLLLoss().ToString());
        Assert.Equal("KLDivLoss()", new KLDivLoss(Reduction.BatchMean).ToString());
        Assert.Equal("SmoothL1Loss()", new SmoothL1Loss(beta: 2).ToString());
        Assert.Equal("TripletMarginLoss()", new TripletMarginLoss().ToString());
        Assert.Equal("PoissonNLLLoss()", new PoissonNLLLoss().ToString());
    }

    [Fact]
    public void DefaultsMatchPyTorch()
    {
        Assert.Equal(Reduction.Mean, new MSELoss().Reduction);
        Assert.Equal(1.0, new SmoothL1Loss().Beta);
        Assert.Equal(1.0, new HuberLoss().Delta);
        var ce = new CrossEntropyLoss();
        Assert.Null(ce.Weight);
        Assert.Equal(-100, ce.IgnoreIndex);
        Assert.Equal(0.0, ce.LabelSmoothing);
        Assert.Equal(-100, new NLLLoss().IgnoreIndex);
        Assert.False(new KLDivLoss().LogTarget);
        Assert.Equal(1.0, new HingeEmbeddingLoss().Margin);
        var mm = new MultiMarginLoss();
        Assert.Equal((1, 1.0), (mm.P, mm.Margin));
        var pn = new PoissonNLLLoss();
        Assert.Equal((true, false, 1e-8), (pn.LogInput, pn.Full, pn.Eps));
        Assert.Equal(0.0, new CosineEmbeddingLoss().Margin);
        var tm = new TripletMarginLoss();
        Assert.Equal((1.0, 2.0, 1e-6, false), (tm.Margin, tm.P, tm.Eps, tm.Swap));
        Assert.Equal(0.0, new MarginRankingLoss().Margin);
        Assert.Null(new BCEWithLogitsLoss().PosWeight);
    }

    [Fact]
    public void WeightsAreRegisteredAsBuffers()
    {
        Assert.Empty(new CrossEntropyLoss().StateDict());
        var ce = new CrossEntropyLoss(T(1.0, 2.0, 3.0));
        Assert.Equal(["weight"], ce.StateDict().Keys);
        Assert.Empty(ce.Parameters());
        Assert.Equal(["weight"], new NLLLoss(T(1.0)).StateDict().Keys);
        Assert.Equal(["weight"], new BCELoss(T(1.0)).StateDict().Keys);
        Assert.Equal(["weight"], new MultiMarginLoss(weight: T(1.0)).StateDict().Keys);
        Assert.Equal(["pos_weight"], new BCEWithLogitsLoss(posWeight: T(1.0)).StateDict().Keys);
        Assert.Equal(["weight", "pos_weight"], new BCEWithLogitsLoss(T(1.0), posWeight: T(1.0)).StateDict().Keys);
    }

    [Fact]
    public void ForwardReadsTheCurrentWeightBuffer()
    {
        var x = LossClassificationTests.C();
        var ce = new CrossEntropyLoss(Torch.Ones(new Size(4), DType.Float32));
        // a float32 weight works with a float64 input; loading the state dict changes the buffer in place
        Close([0.9959728349886281], ce.Forward(x, LossClassificationTests.CT()), 1e-6);
        ce.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = T(1.0, 2.0, 0.5, 3.0) });
        Close([0.6305700269289705], ce.Forward(x, LossClassificationTests.CT()), 1e-6);
        ce.To(DType.Float64);
        Assert.Equal(DType.Float64, ce.Weight!.DType);
        Close([0.6305700269289705], ce.Forward(x, LossClassificationTests.CT()), Tol);
    }

    private static void Throws<TException>(Action f, params string[] fragments) where TException : Exception
    {
        var e = Assert.Throws<TException>(f);
        foreach (var s in fragments) Assert.Contains(s, e.Message);
    }

    [Fact]
    public void ElementwiseLossesRequireEqualShapes()
    {
        var a = Torch.Zeros(new Size(2, 3), DType.Float64);
        var b = Torch.Zeros(new Size(3), DType.Float64);
        Throws<ArgumentException>(() => F.MseLoss(a, b), "mse_loss", "[3]", "[2, 3]");
        Throws<ArgumentException>(() => new MSELoss().Forward(a, b), "mse_loss", "[3]", "[2, 3]");
        Throws<ArgumentException>(() => F.L1Loss(a, b), "l1_loss", "[3]", "[2, 3]");
        Throws<ArgumentException>(() => F.SmoothL1Loss(a, b), "smooth_l1_loss");
        Throws<ArgumentException>(() => F.HuberLoss(a, b), "huber_loss");
        Throws<ArgumentException>(() => F.BinaryCrossEntropy(a, b), "binary_cross_entropy", "[3]", "[2, 3]");
        Throws<ArgumentException>(() => F.BinaryCrossEntropyWithLogits(a, b), "binary_cross_entropy_with_logits", "[3]", "[2, 3]");
        // the losses PyTorch broadcasts without a warning broadcast here too, and refuse shapes that do not broadcast
        var c = Torch.Zeros(new Size(4), DType.Float64);
        Assert.Equal([2, 3], F.KlDiv(a, b, Reduction.None).Shape.ToArray());
        Assert.Equal([2, 3], F.HingeEmbeddingLoss(a, b, reduction: Reduction.None).Shape.ToArray());
        Assert.Equal([2, 3], F.SoftMarginLoss(a, b, Reduction.None).Shape.ToArray());
        Assert.Equal([2, 3], F.PoissonNllLoss(b, a, reduction: Reduction.None).Shape.ToArray());
        Throws<ArgumentException>(() => F.KlDiv(a, c), "kl_div");
        Throws<ArgumentException>(() => F.HingeEmbeddingLoss(a, c), "hinge_embedding_loss");
        Throws<ArgumentException>(() => F.SoftMarginLoss(a, c), "soft_margin_loss");
        Throws<ArgumentException>(() => F.PoissonNllLoss(a, c), "poisson_nll_loss");
        Throws<ArgumentException>(() => F.MarginRankingLoss(a, a, b), "margin_ranking_loss", "[3]", "[2, 3]");
        Throws<ArgumentException>(() => F.MarginRankingLoss(a, b, a), "margin_ranking_loss");
        Throws<ArgumentException>(() => F.TripletMarginLoss(a, a, b), "triplet_margin_loss", "negative");
        Throws<ArgumentException>(() => F.CosineEmbeddingLoss(a, Torch.Zeros(new Size(2, 4), DType.Float64), T(1.0, 1.0)), "cosine_embedding_loss", "[2, 4]");
    }

    [Fact]
    public void InputsMustBeFloatingPoint()
    {
        var i = Torch.Zeros(new Size(2, 3), DType.Int64);
        Throws<ArgumentException>(() => F.MseLoss(i, i), "mse_loss", "floating point", "int64");
        Throws<ArgumentException>(() => F.CrossEntropy(i, L(0, 1)), "cross_entropy", "floating point", "int64");
        Throws<ArgumentException>(() => F.NllLoss(i, L(0, 1)), "nll_loss", "floating point");
    }

    [Fact]
    public void BatchMeanIsOnlyForKlDiv()
    {
        var a = Torch.Zeros(new Size(2, 3), DType.Float64);
        Throws<ArgumentException>(() => F.MseLoss(a, a, Reduction.BatchMean), "mse_loss", "BatchMean", "kl_div");
        Throws<ArgumentException>(() => F.CrossEntropy(a, L(0, 1), reduction: Reduction.BatchMean), "cross_entropy", "BatchMean");
        Throws<ArgumentException>(() => F.TripletMarginLoss(a, a, a, reduction: Reduction.BatchMean), "triplet_margin_loss", "BatchMean");
        Throws<ArgumentException>(() => new MSELoss(Reduction.BatchMean), "MSELoss", "BatchMean");
        Throws<ArgumentException>(() => new CrossEntropyLoss(reduction: Reduction.BatchMean), "CrossEntropyLoss", "BatchMean");
        Throws<ArgumentException>(() => new MSELoss((Reduction)17), "MSELoss");
        Throws<ArgumentException>(() => F.KlDiv(T(0.0, 1.0), T(0.0, 1.0, 2.0), Reduction.BatchMean), "kl_div");
        Throws<ArgumentException>(() => F.KlDiv(T(0.0).Sum(), T(0.0).Sum(), Reduction.BatchMean), "kl_div", "0-d");
        Assert.Equal(Reduction.BatchMean, new KLDivLoss(Reduction.BatchMean).Reduction);
    }

    [Fact]
    public void ClassIndexTargetsAreChecked()
    {
        var x = Torch.Zeros(new Size(2, 3), DType.Float64);
        Throws<IndexOutOfRangeException>(() => F.CrossEntropy(x, L(0, 7)), "cross_entropy", "Target 7 is out of bounds", "[0, 2]", "-100");
        Throws<IndexOutOfRangeException>(() => new CrossEntropyLoss().Forward(x, L(-5, 1)), "Target -5 is out of bounds");
        Throws<IndexOutOfRangeException>(() => F.CrossEntropy(x, L(0, -100), ignoreIndex: 1), "Target -100 is out of bounds");
        Throws<IndexOutOfRangeException>(() => F.NllLoss(x, L(3, 0)), "nll_loss", "Target 3 is out of bounds");
        Throws<IndexOutOfRangeException>(() => F.MultiMarginLoss(x, L(0, 3)), "multi_margin_loss", "Target 3 is out of bounds", "[0, 2]");
        Throws<IndexOutOfRangeException>(() => F.MultiMarginLoss(x, L(0, -100)), "multi_margin_loss", "Target -100");
        Throws<IndexOutOfRangeException>(() => F.CrossEntropy(Torch.Zeros(new Size(1, 3, 2), DType.Float64), Torch.FromArray(new long[,] { { 0, 3 } })), "Target 3");
    }

    [Fact]
    public void TargetShapesAndDtypesAreChecked()
    {
        var x = Torch.Zeros(new Size(2, 3), DType.Float64);
        Throws<ArgumentException>(() => F.CrossEntropy(x, L(0, 1, 2)), "cross_entropy", "Expected input batch_size (2) to match target batch_size (3)");
        Throws<ArgumentException>(() => F.CrossEntropy(x, T(0.0, 1.0)), "cross_entropy", "int64", "float64", "[2]", "[2, 3]");
        Throws<ArgumentException>(() => F.CrossEntropy(x, Torch.Zeros(new Size(2, 3), DType.Int64)), "cross_entropy",
            "Expected floating point type for target with class probabilities, got torch.int64");
        Throws<ArgumentException>(() => F.CrossEntropy(Torch.Zeros(new Size(2, 3, 4), DType.Float64), Torch.Zeros(new Size(2, 3), DType.Int64)),
            "Expected target size [2, 4], got [2, 3]");
        Throws<ArgumentException>(() => F.CrossEntropy(Torch.Zeros(new Size(3), DType.Float64), L(1)), "Expected target size [], got [1]");
        Throws<ArgumentException>(() => F.CrossEntropy(Torch.Scalar(1.0, DType.Float64), L(1)), "cross_entropy", "0-d");
        Throws<ArgumentException>(() => F.CrossEntropy(x, x, ignoreIndex: 0), "ignore_index is not supported for floating point target");
        Throws<ArgumentException>(() => F.NllLoss(x, T(0.0, 1.0)), "nll_loss", "int64", "float64");
        Throws<ArgumentException>(() => F.MultiMarginLoss(Torch.Zeros(new Size(2, 3, 1), DType.Float64), L(0, 1)), "multi_margin_loss", "[2, 3, 1]");
        Throws<ArgumentException>(() => F.CosineEmbeddingLoss(x, x, Torch.Ones(new Size(2, 1), DType.Float64)), "cosine_embedding_loss", "0D or 1D target");
        Throws<ArgumentException>(() => F.CosineEmbeddingLoss(x, x, Torch.Scalar(1.0, DType.Float64)), "cosine_embedding_loss", "0D target tensor expects 1D input tensors", "[2, 3]");
        Throws<ArgumentException>(() => F.CosineEmbeddingLoss(x, x, T(1.0)), "cosine_embedding_loss", "[1]", "[2, 3]");
        Throws<ArgumentException>(() => F.CosineEmbeddingLoss(x, x, T(1.0, 1.0, 1.0)), "cosine_embedding_loss", "[3]");
        Throws<ArgumentException>(() => F.TripletMarginLoss(x.Sum(), x.Sum(), x.Sum()), "triplet_margin_loss", "0-d");
    }

    [Fact]
    public void WeightsAreChecked()
    {
        var x = Torch.Zeros(new Size(2, 3), DType.Float64);
        Throws<ArgumentException>(() => F.CrossEntropy(x, L(0, 1), weight: T(1.0, 1.0)), "cross_entropy",
            "weight tensor should be defined either for all 3 classes or no classes but got weight tensor of shape: [2]");
        Throws<ArgumentException>(() => new NLLLoss(T(1.0, 1.0)).Forward(x, L(0, 1)), "nll_loss", "all 3 classes", "[2]");
        Throws<ArgumentException>(() => F.MultiMarginLoss(x, L(0, 1), weight: T(1.0)), "multi_margin_loss", "all 3 classes");
        Throws<ArgumentException>(() => new CrossEntropyLoss(Torch.Ones(new Size(2, 3))), "CrossEntropyLoss", "1-D", "[2, 3]");
        Throws<ArgumentException>(() => F.BinaryCrossEntropy(x, x, weight: T(1.0, 1.0)), "binary_cross_entropy", "weight", "[2]", "[2, 3]");
        Throws<ArgumentException>(() => F.BinaryCrossEntropyWithLogits(x, x, posWeight: T(1.0, 1.0)), "binary_cross_entropy_with_logits", "posWeight", "[2]");
        Throws<ArgumentException>(() => F.BinaryCrossEntropyWithLogits(x, x, weight: Torch.Ones(new Size(4, 2, 3))), "binary_cross_entropy_with_logits", "[4, 2, 3]");
    }

    [Fact]
    public void SettingsAreChecked()
    {
        var x = Torch.Zeros(new Size(2, 3), DType.Float64);
        Throws<ArgumentException>(() => F.SmoothL1Loss(x, x, beta: -1), "smooth_l1_loss does not support negative values for beta");
        Throws<ArgumentException>(() => new SmoothL1Loss(beta: -1), "smooth_l1_loss does not support negative values for beta");
        Throws<ArgumentException>(() => F.HuberLoss(x, x, delta: 0), "huber_loss does not support non-positive values for delta");
        Throws<ArgumentException>(() => new HuberLoss(delta: -1), "huber_loss");
        Throws<ArgumentException>(() => F.MultiMarginLoss(x, L(0, 1), p: 3), "only p == 1 and p == 2 supported");
        Throws<ArgumentException>(() => new MultiMarginLoss(p: 0), "only p == 1 and p == 2 supported");
        Throws<ArgumentException>(() => F.CrossEntropy(x, L(0, 1), labelSmoothing: 1.5), "label_smoothing must be between 0.0 and 1.0");
        Throws<ArgumentException>(() => new CrossEntropyLoss(labelSmoothing: -0.1), "label_smoothing");
    }

    [Fact]
    public void BinaryCrossEntropyRejectsInputsOutsideZeroOne()
    {
        var t = T(0.0, 1.0);
        Throws<ArgumentException>(() => F.BinaryCrossEntropy(T(0.5, 1.5), t), "binary_cross_entropy", "between 0 and 1", "1.5");
        Throws<ArgumentException>(() => new BCELoss().Forward(T(-0.1, 0.5), t), "between 0 and 1", "-0.1");
    }

    [Fact]
    public void NullArgumentsThrow()
    {
        var x = T(0.5);
        Assert.Throws<ArgumentNullException>(() => F.MseLoss(null!, x));
        Assert.Throws<ArgumentNullException>(() => F.CrossEntropy(x, null!));
        Assert.Throws<ArgumentNullException>(() => F.TripletMarginLoss(x, x, null!));
        Assert.Throws<ArgumentNullException>(() => F.CosineEmbeddingLoss(x, null!, x));
    }
}
