using Ember.NN;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.NN;

/// <summary>
/// float64 gradchecks of every loss with respect to its input (and its second input or target where that is
/// differentiable), for every reduction, on a batch of several samples and on a batch of one.
/// </summary>
public class LossGradTests
{
    private static readonly Reduction[] All = [Reduction.None, Reduction.Mean, Reduction.Sum];

    /// <summary>A float64 leaf requiring grad with normal values from its own seed.</summary>
    private static Tensor R(int seed, params int[] shape) => Torch.Randn(shape, DType.Float64, new Generator(seed)).RequiresGrad_();

    /// <summary>A float64 leaf requiring grad with values uniform in [lo, hi).</summary>
    private static Tensor U(int seed, double lo, double hi, params int[] shape) =>
        (Torch.Rand(shape, DType.Float64, new Generator(seed)) * (hi - lo) + lo).Detach().RequiresGrad_();

    private static Tensor Signs(int seed, params int[] shape) =>
        Torch.Where(Torch.Rand(shape, DType.Float64, new Generator(seed)) < 0.5, -1.0, 1.0).To(DType.Float64);

    private static Tensor Classes(int seed, int classes, params int[] shape) => Torch.Randint(classes, shape, new Generator(seed));

    public static TheoryData<int> Batches => [4, 1];

    [Theory, MemberData(nameof(Batches))]
    public void RegressionLossesGradcheck(int n)
    {
        foreach (var r in All)
        {
            var x = R(1, n, 3);
            var y = R(2, n, 3);
            GradOk(a => F.MseLoss(a[0], a[1], r), x, y);
            GradOk(a => F.L1Loss(a[0], a[1], r), x, y);
            GradOk(a => F.SmoothL1Loss(a[0], a[1], r), x, y);
            GradOk(a => F.SmoothL1Loss(a[0], a[1], r, beta: 0.4), x, y);
            GradOk(a => F.SmoothL1Loss(a[0], a[1], r, beta: 0), x, y);
            GradOk(a => F.HuberLoss(a[0], a[1], r), x, y);
            GradOk(a => F.HuberLoss(a[0], a[1], r, delta: 0.3), x, y);
        }
    }

    [Theory, MemberData(nameof(Batches))]
    public void KlDivGradcheck(int n)
    {
        foreach (var r in new[] { Reduction.None, Reduction.Mean, Reduction.Sum, Reduction.BatchMean })
        {
            var logp = R(3, n, 4);
            var target = U(4, 0.1, 1.0, n, 4);
            GradOk(a => F.KlDiv(a[0], a[1], r), logp, target);
            GradOk(a => F.KlDiv(a[0], a[1], r, logTarget: true), logp, R(5, n, 4));
        }
    }

    [Theory, MemberData(nameof(Batches))]
    public void KlDivGradientIsFiniteAtZeroTargets(int n)
    {
        var logp = R(3, n, 3);
        var target = Torch.Zeros(new Size(n, 3), DType.Float64).RequiresGrad_();
        F.KlDiv(logp, target).Backward();
        Assert.All(logp.Grad!.ToArray<double>(), v => Assert.Equal(0.0, v));
    }

    [Theory, MemberData(nameof(Batches))]
    public void PoissonNllLossGradcheck(int n)
    {
        foreach (var r in All)
        {
            var x = R(6, n, 3);
            var counts = U(7, 0.0, 4.0, n, 3);
            GradOk(a => F.PoissonNllLoss(a[0], a[1], reduction: r), x, counts);
            GradOk(a => F.PoissonNllLoss(a[0], a[1], full: true, reduction: r), x, counts);
            GradOk(a => F.PoissonNllLoss(a[0], a[1], logInput: false, full: true, eps: 0.01, reduction: r), U(8, 0.5, 3.0, n, 3), counts);
        }
    }

    [Theory, MemberData(nameof(Batches))]
    public void BinaryCrossEntropyGradcheck(int n)
    {
        foreach (var r in All)
        {
            var p = U(9, 0.05, 0.95, n, 3);
            var t = U(10, 0.0, 1.0, n, 3);
            GradOk(a => F.BinaryCrossEntropy(a[0], a[1], reduction: r), p, t);
            GradOk(a => F.BinaryCrossEntropy(a[0], a[1], Torch.FromArray(new[] { 0.5, 2.0, 1.0 }), r), p, t);
        }
    }

    [Theory, MemberData(nameof(Batches))]
    public void BinaryCrossEntropyWithLogitsGradcheck(int n)
    {
        foreach (var r in All)
        {
            var x = R(11, n, 3);
            var t = U(12, 0.0, 1.0, n, 3);
            var w = Torch.FromArray(new[] { 0.5, 2.0, 1.0 });
            var pw = U(13, 0.5, 3.0, 3);
            GradOk(a => F.BinaryCrossEntropyWithLogits(a[0], a[1], reduction: r), x, t);
            GradOk(a => F.BinaryCrossEntropyWithLogits(a[0], a[1], w, r, a[2]), x, t, pw);
        }
    }

    [Theory, MemberData(nameof(Batches))]
    public void CrossEntropyGradcheck(int n)
    {
        var w = Torch.FromArray(new[] { 1.0, 2.0, 0.5, 3.0 });
        var target = Classes(14, 4, n);
        var withIgnored = n > 1 ? target.Clone().IndexPut_(Torch.Scalar(-100L), 0) : target;
        foreach (var r in All)
        {
            var x = R(15, n, 4);
            GradOk(a => F.CrossEntropy(a[0], target, reduction: r), x);
            GradOk(a => F.CrossEntropy(a[0], withIgnored, w, reduction: r), x);
            GradOk(a => F.CrossEntropy(a[0], withIgnored, w, reduction: r, labelSmoothing: 0.15), x);
            GradOk(a => F.CrossEntropy(a[0], target, reduction: r, labelSmoothing: 0.3), x);
            // probability targets: differentiable in both
            var probs = R(16, n, 4).Detach().Softmax(1).RequiresGrad_();
            GradOk(a => F.CrossEntropy(a[0], a[1], reduction: r), x, probs);
            GradOk(a => F.CrossEntropy(a[0], a[1], w, reduction: r, labelSmoothing: 0.2), x, probs);
            // [N, C, d]
            GradOk(a => F.CrossEntropy(a[0], Classes(17, 3, n, 2), reduction: r, labelSmoothing: 0.1), R(18, n, 3, 2));
            // unbatched [C]
            GradOk(a => F.CrossEntropy(a[0], Torch.Scalar(2L), reduction: r), R(19, 4));
        }
    }

    [Theory, MemberData(nameof(Batches))]
    public void NllLossGradcheck(int n)
    {
        var w = Torch.FromArray(new[] { 1.0, 2.0, 0.5 });
        foreach (var r in All)
        {
            var target = Classes(20, 3, n);
            GradOk(a => F.NllLoss(a[0], target, reduction: r), R(21, n, 3));
            GradOk(a => F.NllLoss(a[0], target, w, ignoreIndex: 1, reduction: r), R(21, n, 3));
            GradOk(a => F.NllLoss(a[0], Classes(22, 3, n, 2), w, reduction: r), R(23, n, 3, 2));
        }
    }

    [Theory, MemberData(nameof(Batches))]
    public void MultiMarginLossGradcheck(int n)
    {
        var w = Torch.FromArray(new[] { 1.0, 2.0, 0.5, 3.0 });
        foreach (var r in All)
        {
            var target = Classes(24, 4, n);
            var x = R(25, n, 4);
            GradOk(a => F.MultiMarginLoss(a[0], target, margin: 2.0, reduction: r), x);
            GradOk(a => F.MultiMarginLoss(a[0], target, p: 2, margin: 1.5, weight: w, reduction: r), x);
        }
    }

    [Theory, MemberData(nameof(Batches))]
    public void MarginLossesGradcheck(int n)
    {
        foreach (var r in All)
        {
            var x = R(26, n, 3);
            var labels = Signs(27, n, 3);
            GradOk(a => F.HingeEmbeddingLoss(a[0], labels, margin: 1.5, reduction: r), x);
            GradOk(a => F.SoftMarginLoss(a[0], a[1], r), x, labels.Clone().RequiresGrad_());
            GradOk(a => F.MarginRankingLoss(a[0], a[1], labels, margin: 0.5, reduction: r), x, R(28, n, 3));
        }
    }

    [Theory, MemberData(nameof(Batches))]
    public void EmbeddingLossesGradcheck(int n)
    {
        foreach (var r in All)
        {
            var a1 = R(29, n, 4);
            var a2 = R(30, n, 4);
            var a3 = R(31, n, 4);
            GradOk(a => F.CosineEmbeddingLoss(a[0], a[1], Signs(32, n), margin: -0.5, reduction: r), a1, a2);
            GradOk(a => F.CosineEmbeddingLoss(a[0], a[1], Torch.Ones(new Size(n), DType.Float64), reduction: r), a1, a2);
            GradOk(a => F.TripletMarginLoss(a[0], a[1], a[2], margin: 5.0, reduction: r), a1, a2, a3);
            GradOk(a => F.TripletMarginLoss(a[0], a[1], a[2], margin: 5.0, p: 1, reduction: r), a1, a2, a3);
            GradOk(a => F.TripletMarginLoss(a[0], a[1], a[2], margin: 5.0, swap: true, reduction: r), a1, a2, a3);
        }
    }
}
