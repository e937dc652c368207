using Ember.NN;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.NN;

/// <summary>
/// Forward values of the regression, distribution and margin losses for every reduction, through the functional
/// form and the module. Expected numbers come from PyTorch 1.13 on the same literals (float64).
/// </summary>
public class LossTests
{
    internal const double Tol = 1e-10;

    internal static Tensor T(double[,] a) => Torch.FromArray(a);
    internal static Tensor T(params double[] a) => Torch.FromArray(a);

    /// <summary>Checks the None, Mean and Sum results of a loss; the reduced ones must be 0-d.</summary>
    internal static void Check3(Func<Reduction, Tensor> loss, double[] none, double mean, double sum, int[]? noneShape = null, double tol = Tol)
    {
        var n = loss(Reduction.None);
        Close(none, n, tol);
        if (noneShape is not null) Assert.Equal(noneShape, n.Shape.ToArray());
        var m = loss(Reduction.Mean);
        Assert.Equal(0, m.Dim);
        Close([mean], m, tol);
        var s = loss(Reduction.Sum);
        Assert.Equal(0, s.Dim);
        Close([sum], s, tol);
    }

    internal static Tensor X() => T(new[,] { { 0.5, -1.2, 2.0 }, { 1.5, 0.3, -0.7 } });
    internal static Tensor Y() => T(new[,] { { 1.0, -1.0, 0.5 }, { 2.0, 0.0, 0.0 } });

    [Fact]
    public void MseLossMatchesPyTorch()
    {
        double[] none = [0.25, 0.03999999999999998, 2.25, 0.25, 0.09, 0.48999999999999994];
        Check3(r => F.MseLoss(X(), Y(), r), none, 0.5616666666666666, 3.37, [2, 3]);
        Check3(r => new MSELoss(r).Forward(X(), Y()), none, 0.5616666666666666, 3.37, [2, 3]);
        Close([0.5616666666666666], new MSELoss().Forward(X(), Y()));
    }

    [Fact]
    public void L1LossMatchesPyTorch()
    {
        double[] none = [0.5, 0.19999999999999996, 1.5, 0.5, 0.3, 0.7];
        Check3(r => F.L1Loss(X(), Y(), r), none, 0.6166666666666667, 3.7, [2, 3]);
        Check3(r => new L1Loss(r).Forward(X(), Y()), none, 0.6166666666666667, 3.7);
    }

    [Fact]
    public void SmoothL1LossMatchesPyTorch()
    {
        double[] b1 = [0.125, 0.01999999999999999, 1.0, 0.125, 0.045, 0.24499999999999997];
        Check3(r => F.SmoothL1Loss(X(), Y(), r), b1, 0.26, 1.56, [2, 3]);
        Check3(r => new SmoothL1Loss(r).Forward(X(), Y()), b1, 0.26, 1.56);
        double[] b05 = [0.25, 0.03999999999999998, 1.25, 0.25, 0.09, 0.44999999999999996];
        Check3(r => F.SmoothL1Loss(X(), Y(), r, beta: 0.5), b05, 0.38833333333333336, 2.33);
        Check3(r => new SmoothL1Loss(r, beta: 0.5).Forward(X(), Y()), b05, 0.38833333333333336, 2.33);
        // β = 0 is the L1 loss
        Check3(r => F.SmoothL1Loss(X(), Y(), r, beta: 0), [0.5, 0.19999999999999996, 1.5, 0.5, 0.3, 0.7], 0.6166666666666667, 3.7);
    }

    [Fact]
    public void HuberLossMatchesPyTorch()
    {
        double[] d1 = [0.125, 0.01999999999999999, 1.0, 0.125, 0.045, 0.24499999999999997];
        Check3(r => F.HuberLoss(X(), Y(), r), d1, 0.26, 1.56, [2, 3]);
        Check3(r => new HuberLoss(r).Forward(X(), Y()), d1, 0.26, 1.56);
        double[] d04 = [0.12, 0.01999999999999999, 0.52, 0.12, 0.045, 0.19999999999999998];
        Check3(r => F.HuberLoss(X(), Y(), r, delta: 0.4), d04, 0.1708333333333333, 1.025);
        Check3(r => new HuberLoss(r, delta: 0.4).Forward(X(), Y()), d04, 0.1708333333333333, 1.025);
    }

    private static Tensor KlInput() => T(new[,] { { -1.2, -0.3, -2.5 }, { -0.1, -3.0, -0.7 } });
    private static Tensor KlTarget() => T(new[,] { { 0.2, 0.7, 0.1 }, { 0.0, 0.4, 0.6 } });

    [Fact]
    public void KlDivMatchesPyTorch()
    {
        // the target's 0 contributes exactly 0 (xlogy), not NaN
        double[] none = [-0.0818875824868201, -0.0396724607571127, 0.019741490700595443, 0.0, 0.8334837072503382, 0.11350462574040554];
        Check3(r => F.KlDiv(KlInput(), KlTarget(), r), none, 0.14086163007456773, 0.8451697804474063, [2, 3]);
        Check3(r => new KLDivLoss(r).Forward(KlInput(), KlTarget()), none, 0.14086163007456773, 0.8451697804474063);
        Close([0.42258489022370316], F.KlDiv(KlInput(), KlTarget(), Reduction.BatchMean), Tol);
        Close([0.42258489022370316], new KLDivLoss(Reduction.BatchMean).Forward(KlInput(), KlTarget()), Tol);
    }

    [Fact]
    public void KlDivWithLogTargetMatchesPyTorch()
    {
        var logTarget = T(new[,] { { -2.5, -0.3, -1.2 }, { -0.7, -3.0, -0.1 } });
        double[] none = [-0.10671049821106844, 0.0, 0.3915524754858628, -0.2979511822748457, 0.0, 0.5429024508215757];
        Check3(r => F.KlDiv(KlInput(), logTarget, r, logTarget: true), none, 0.0882988743035874, 0.5297932458215244);
        Check3(r => new KLDivLoss(r, logTarget: true).Forward(KlInput(), logTarget), none, 0.0882988743035874, 0.5297932458215244);
        Close([0.2648966229107622], F.KlDiv(KlInput(), logTarget, Reduction.BatchMean, logTarget: true), Tol);
    }

    private static Tensor PoissonInput() => T(new[,] { { 0.5, -1.0, 2.0 }, { 0.1, 1.2, -0.3 } });
    private static Tensor PoissonTarget() => T(new[,] { { 1.0, 0.0, 3.0 }, { 2.0, 5.0, 0.0 } });

    [Fact]
    public void PoissonNllLossMatchesPyTorch()
    {
        double[] none = [1.1487212707001282, 0.36787944117144233, 1.3890560989306504, 0.9051709180756478, -2.6798830772634528, 0.7408182206817179];
        Check3(r => F.PoissonNllLoss(PoissonInput(), PoissonTarget(), reduction: r), none, 0.3119604787160223, 1.8717628722961337, [2, 3]);
        Check3(r => new PoissonNLLLoss(reduction: r).Forward(PoissonInput(), PoissonTarget()), none, 0.3119604787160223, 1.8717628722961337);
        // Stirling's term only where target > 1
        double[] full = [1.1487212707001282, 0.36787944117144233, 3.153137642473707, 1.5569774026801837, 2.090963974328772, 0.7408182206817179];
        Check3(r => F.PoissonNllLoss(PoissonInput(), PoissonTarget(), full: true, reduction: r), full, 1.5097496586726586, 9.058497952035951);
        Check3(r => new PoissonNLLLoss(full: true, reduction: r).Forward(PoissonInput(), PoissonTarget()), full, 1.5097496586726586, 9.058497952035951);
    }

    [Fact]
    public void PoissonNllLossOnRatesMatchesPyTorch()
    {
        double[] none = [1.1931471605599455, 1.0, -0.07944155667983566, 4.705169985988101, 0.2883921743635608, 0.3];
        Check3(r => F.PoissonNllLoss(PoissonInput().Abs(), PoissonTarget(), logInput: false, reduction: r), none, 1.2345446273719618, 7.407267764231771);
        double[] fullEps = [1.0108256237659907, 1.0, 1.538269509354925, 3.9706823094727364, 4.659025729254769, 0.3];
        Check3(r => new PoissonNLLLoss(logInput: false, full: true, eps: 0.1, reduction: r).Forward(PoissonInput().Abs(), PoissonTarget()),
            fullEps, 2.079800528641403, 12.47880317184842);
    }

    private static Tensor HingeInput() => T(new[,] { { 0.3, 1.5, -0.2 }, { 2.0, 0.7, 0.1 } });
    private static Tensor HingeTarget() => T(new[,] { { 1.0, -1.0, -1.0 }, { -1.0, 1.0, 1.0 } });

    [Fact]
    public void HingeEmbeddingLossMatchesPyTorch()
    {
        Check3(r => F.HingeEmbeddingLoss(HingeInput(), HingeTarget(), reduction: r), [0.3, 0.0, 1.2, 0.0, 0.7, 0.1], 0.3833333333333333, 2.3, [2, 3]);
        Check3(r => new HingeEmbeddingLoss(reduction: r).Forward(HingeInput(), HingeTarget()), [0.3, 0.0, 1.2, 0.0, 0.7, 0.1], 0.3833333333333333, 2.3);
        Check3(r => F.HingeEmbeddingLoss(HingeInput(), HingeTarget(), margin: 0.5, reduction: r), [0.3, 0.0, 0.7, 0.0, 0.7, 0.1], 0.3, 1.7999999999999998);
        Check3(r => new HingeEmbeddingLoss(0.5, r).Forward(HingeInput(), HingeTarget()), [0.3, 0.0, 0.7, 0.0, 0.7, 0.1], 0.3, 1.7999999999999998);
    }

    [Fact]
    public void SoftMarginLossMatchesPyTorch()
    {
        double[] none = [0.554355244468527, 1.7014132779827524, 0.5981388693815918, 2.1269280110429727, 0.40318604888545784, 0.6443966600735709];
        Check3(r => F.SoftMarginLoss(HingeInput(), HingeTarget(), r), none, 1.0047363519724788, 6.028418111834872, [2, 3]);
        Check3(r => new SoftMarginLoss(r).Forward(HingeInput(), HingeTarget()), none, 1.0047363519724788, 6.028418111834872);
    }

    [Fact]
    public void SoftMarginLossIsExactAtExtremeScores()
    {
        // log(1 + exp(1000)) = 1000: PyTorch's log1p(exp(·)) overflows to inf here; Ember gives the exact value.
        var x = Torch.FromArray(new float[] { -1000, 1000, 0 }).RequiresGrad_();
        var loss = F.SoftMarginLoss(x, Torch.FromArray(new float[] { 1, 1, 1 }), Reduction.None);
        Close([1000.0, 0.0, 0.6931471805599453], loss, 1e-6);
        loss.Sum().Backward();
        // d/dx log(1 + exp(-x)) = -sigmoid(-x): -1, 0, and -0.5 at x = 0 (the kink of max/abs would give 0 there)
        Close([-1.0, 0.0, -0.5], x.Grad!, 1e-6);
    }

    internal static Tensor A1() => T(new[,] { { 1.0, 2.0, -0.5, 0.3 }, { 0.2, -1.0, 0.4, 2.0 }, { -0.3, 0.8, 1.5, -1.2 } });
    internal static Tensor A2() => T(new[,] { { 0.9, 1.5, 0.1, -0.3 }, { 1.0, 0.5, -0.4, 0.3 }, { 0.6, -0.2, 1.0, 0.7 } });
    internal static Tensor A3() => T(new[,] { { 0.2, 0.1, 0.3, -0.1 }, { 0.4, -0.9, 0.3, 1.0 }, { 2.0, 1.0, -1.0, 0.5 } });
    internal static Tensor CosTarget() => T(1.0, -1.0, -1.0);

    [Fact]
    public void CosineEmbeddingLossMatchesPyTorch()
    {
        double[] none = [0.08467847581985488, 0.05012804118273875, 0.11071537657808209];
        Check3(r => F.CosineEmbeddingLoss(A1(), A2(), CosTarget(), reduction: r), none, 0.08184063119355857, 0.24552189358067572, [3]);
        Check3(r => new CosineEmbeddingLoss(reduction: r).Forward(A1(), A2(), CosTarget()), none, 0.08184063119355857, 0.24552189358067572);
        Check3(r => new CosineEmbeddingLoss(0.2, r).Forward(A1(), A2(), CosTarget()), [0.08467847581985488, 0.0, 0.0], 0.028226158606618295, 0.08467847581985488);
        Check3(r => F.CosineEmbeddingLoss(A1(), A3(), CosTarget(), margin: -0.5, reduction: r),
            [0.7541861081777124, 1.4471666801253336, 0.1385048644426543], 0.7799525509152335, 2.3398576527457005);
        // unbatched: [D] inputs, 0-d target
        Check3(r => F.CosineEmbeddingLoss(A1()[1], A2()[1], Torch.Scalar(-1.0, DType.Float64), margin: -0.2, reduction: r),
            [0.2501280411827388], 0.2501280411827388, 0.2501280411827388, []);
    }

    [Fact]
    public void TripletMarginLossMatchesPyTorch()
    {
        Check3(r => F.TripletMarginLoss(A1(), A2(), A3(), reduction: r), [0.0, 2.504208179669438, 0.0], 0.8347360598898127, 2.504208179669438, [3]);
        Check3(r => new TripletMarginLoss(reduction: r).Forward(A1(), A2(), A3()), [0.0, 2.504208179669438, 0.0], 0.8347360598898127, 2.504208179669438);
        Check3(r => new TripletMarginLoss(margin: 2.0, p: 1, reduction: r).Forward(A1(), A2(), A3()), [0.0, 5.4, 0.0], 1.8, 5.4);
        Check3(r => F.TripletMarginLoss(A1(), A2(), A3(), p: 3, eps: 0.1, margin: 1.5, reduction: r),
            [0.289357219199343, 2.526379674831968, 0.305492549482671], 1.0404098145046607, 3.121229443513982);
        Check3(r => F.TripletMarginLoss(A1()[0], A2()[0], A3()[0], margin: 2.0, reduction: r), [0.7427285708428815], 0.7427285708428815, 0.7427285708428815, []);
    }

    [Fact]
    public void TripletMarginLossSwapMatchesPyTorch()
    {
        Check3(r => F.TripletMarginLoss(A1(), A2(), A3(), margin: 3.0, swap: true, reduction: r),
            [2.3993516589141004, 4.504208179669439, 2.65353944125944], 3.18569975994766, 9.55709927984298);
        // here the swapped distance d(p, n) is the smaller one for some rows
        Check3(r => new TripletMarginLoss(margin: 3.0, swap: true, reduction: r).Forward(A1(), A3(), A2()),
            [4.257271429157119, 2.212973908958603, 4.422769239407894], 3.6310048591745385, 10.893014577523616);
    }

    private static Tensor M1() => T(0.5, -1.0, 2.0, 0.3);
    private static Tensor M2() => T(1.0, 0.2, -0.5, 0.3);
    private static Tensor MT() => T(1.0, -1.0, 1.0, -1.0);

    [Fact]
    public void MarginRankingLossMatchesPyTorch()
    {
        Check3(r => F.MarginRankingLoss(M1(), M2(), MT(), reduction: r), [0.5, 0.0, 0.0, 0.0], 0.125, 0.5, [4]);
        Check3(r => new MarginRankingLoss(reduction: r).Forward(M1(), M2(), MT()), [0.5, 0.0, 0.0, 0.0], 0.125, 0.5);
        Check3(r => new MarginRankingLoss(0.3, r).Forward(M1(), M2(), MT()), [0.8, 0.0, 0.0, 0.3], 0.275, 1.1);
    }

    [Fact]
    public void NaNInputsPropagate()
    {
        var x = T(new[,] { { double.NaN, 0.5 } });
        var y = T(new[,] { { 0.0, 1.0 } });
        var p = T(new[,] { { double.NaN, 0.5 } });
        Assert.True(double.IsNaN(F.MseLoss(x, y).Item<double>()));
        Assert.True(double.IsNaN(F.L1Loss(x, y).Item<double>()));
        Assert.True(double.IsNaN(F.SmoothL1Loss(x, y).Item<double>()));
        Assert.True(double.IsNaN(F.HuberLoss(x, y).Item<double>()));
        // PyTorch's BCE rejects a NaN probability (its range check fails for NaN).
        Assert.Throws<ArgumentException>(() => F.BinaryCrossEntropy(p, y));
        Assert.True(double.IsNaN(F.BinaryCrossEntropyWithLogits(x, y).Item<double>()));
        Assert.True(double.IsNaN(F.CrossEntropy(x, Torch.FromArray(new long[] { 1 })).Item<double>()));
        Assert.True(double.IsNaN(F.CrossEntropy(x, y).Item<double>()));
        Assert.True(double.IsNaN(F.NllLoss(x, Torch.FromArray(new long[] { 0 })).Item<double>()));
        Assert.True(double.IsNaN(F.KlDiv(x, y).Item<double>()));
        Assert.True(double.IsNaN(F.HingeEmbeddingLoss(x, T(new[,] { { -1.0, 1.0 } })).Item<double>()));
        Assert.True(double.IsNaN(F.SoftMarginLoss(x, y).Item<double>()));
        Assert.True(double.IsNaN(F.MultiMarginLoss(x, Torch.FromArray(new long[] { 1 })).Item<double>()));
        Assert.True(double.IsNaN(F.PoissonNllLoss(x, y).Item<double>()));
        Assert.True(double.IsNaN(F.PoissonNllLoss(x, y, full: true).Item<double>()));
        Assert.True(double.IsNaN(F.CosineEmbeddingLoss(x, y, T(1.0)).Item<double>()));
        Assert.True(double.IsNaN(F.TripletMarginLoss(x, y, y).Item<double>()));
        Assert.True(double.IsNaN(F.MarginRankingLoss(T(double.NaN), T(0.0), T(1.0)).Item<double>()));
    }

    [Fact]
    public void EmptyBatchMeanIsNaNAndSumIsZero()
    {
        var e = Torch.Zeros(new Size(0, 3), DType.Float64);
        Assert.True(double.IsNaN(F.MseLoss(e, e).Item<double>()));
        Assert.Equal(0.0, F.MseLoss(e, e, Reduction.Sum).Item<double>());
        Assert.True(double.IsNaN(F.CrossEntropy(e, Torch.Zeros(new Size(0), DType.Int64)).Item<double>()));
        Assert.Equal(0.0, F.CrossEntropy(e, Torch.Zeros(new Size(0), DType.Int64), reduction: Reduction.Sum).Item<double>());
        Assert.Equal([0], F.CrossEntropy(e, Torch.Zeros(new Size(0), DType.Int64), reduction: Reduction.None).Shape.ToArray());
    }

    [Fact]
    public void Float32InputsGiveFloat32Losses()
    {
        var x = X().To(DType.Float32);
        var y = Y().To(DType.Float32);
        var l = F.MseLoss(x, y);
        Assert.Equal(DType.Float32, l.DType);
        Close([0.5616666666666666], l, 1e-6);
        Assert.Equal(DType.Float32, F.CrossEntropy(x, Torch.FromArray(new long[] { 2, 0 })).DType);
    }
}
