using Ember.NN;
using static Ember.Tests.NN.LossTests;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.NN;

/// <summary>
/// Forward values (and gradients at extreme inputs) of the classification losses, against PyTorch 1.13 on the same literals.
/// </summary>
public class LossClassificationTests
{
    private static Tensor L(params long[] v) => Torch.FromArray(v);

    private static Tensor P() => T(new[,] { { 0.2, 0.9, 0.5 }, { 0.0, 1.0, 0.7 } });
    private static Tensor PT() => T(new[,] { { 0.0, 1.0, 0.3 }, { 1.0, 0.0, 1.0 } });
    private static Tensor W3() => T(0.5, 2.0, 1.0);

    [Fact]
    public void BinaryCrossEntropyMatchesPyTorch()
    {
        // probabilities 0 and 1 with the wrong target give the clamped 100, not inf
        double[] none = [0.2231435513142097, 0.10536051565782628, 0.6931471805599453, 100.0, 100.0, 0.35667494393873245];
        Check3(r => F.BinaryCrossEntropy(P(), PT(), reduction: r), none, 33.563054365245115, 201.3783261914707, [2, 3]);
        Check3(r => new BCELoss(reduction: r).Forward(P(), PT()), none, 33.563054365245115, 201.3783261914707);
        double[] weighted = [0.11157177565710485, 0.21072103131565256, 0.6931471805599453, 50.0, 200.0, 0.35667494393873245];
        Check3(r => F.BinaryCrossEntropy(P(), PT(), W3(), r), weighted, 41.895352488578574, 251.37211493147143);
        Check3(r => new BCELoss(W3(), r).Forward(P(), PT()), weighted, 41.895352488578574, 251.37211493147143);
    }

    [Fact]
    public void BinaryCrossEntropyAtZeroAndOneMatchesPyTorchGradients()
    {
        var x = T(0.0, 1.0, 0.0, 1.0, 0.25).RequiresGrad_();
        var loss = F.BinaryCrossEntropy(x, T(0.0, 1.0, 1.0, 0.0, 1.0), reduction: Reduction.Sum);
        Close([201.3862943611199], loss, Tol);
        loss.Backward();
        // PyTorch: (x − y) / max(x(1 − x), 1e-12f): 0 where right, ∓1.000000004e12 where wrong, finite everywhere
        Close([0.0, 0.0, -1000000003995.8029, 1000000003995.8029, -4.0], x.Grad!, 1e-12);

        var xf = Torch.FromArray(new float[] { 0, 1, 0, 1, 0.25f });
        Close([0.0, 0.0, 100.0, 100.0, 1.3862943649291992],
            F.BinaryCrossEntropy(xf, Torch.FromArray(new float[] { 0, 1, 1, 0, 1 }), reduction: Reduction.None), 1e-6);
    }

    private static Tensor Z() => T(new[,] { { 0.5, -1.2, 2.0 }, { 1000.0, -1000.0, 0.0 } });
    private static Tensor ZT() => T(new[,] { { 1.0, 0.0, 0.3 }, { 0.0, 1.0, 1.0 } });
    private static Tensor PW() => T(2.0, 0.5, 1.5);

    [Fact]
    public void BinaryCrossEntropyWithLogitsMatchesPyTorch()
    {
        double[] plain = [0.4740769841801067, 0.2632824673380313, 1.5269280110429726, 1000.0, 1000.0, 0.6931471805599453];
        Check3(r => F.BinaryCrossEntropyWithLogits(Z(), ZT(), reduction: r), plain, 333.82623910718684, 2002.957434643121, [2, 3]);
        Check3(r => new BCEWithLogitsLoss(reduction: r).Forward(Z(), ZT()), plain, 333.82623910718684, 2002.957434643121);
        double[] weighted = [0.23703849209005334, 0.5265649346760626, 1.5269280110429726, 500.0, 2000.0, 0.6931471805599453];
        Check3(r => F.BinaryCrossEntropyWithLogits(Z(), ZT(), W3(), r), weighted, 417.16394643639484, 2502.983678618369);
        double[] pos = [0.9481539683602134, 0.2632824673380314, 1.5459672126994184, 1000.0, 500.0, 1.0397207708399179];
        Check3(r => F.BinaryCrossEntropyWithLogits(Z(), ZT(), reduction: r, posWeight: PW()), pos, 250.63285406987293, 1503.7971244192377);
        Check3(r => new BCEWithLogitsLoss(reduction: r, posWeight: PW()).Forward(Z(), ZT()), pos, 250.63285406987293, 1503.7971244192377);
        double[] both = [0.4740769841801067, 0.5265649346760628, 1.5459672126994184, 500.0, 1000.0, 1.0397207708399179];
        Check3(r => new BCEWithLogitsLoss(W3(), r, PW()).Forward(Z(), ZT()), both, 250.59772165039928, 1503.5863299023956);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogitsGradientsMatchPyTorch()
    {
        var z = Z().RequiresGrad_();
        var t = ZT().RequiresGrad_();
        F.BinaryCrossEntropyWithLogits(z, t, W3()).Backward();
        Close([-0.03146172239984545, 0.07715840550032746, 0.09679951299631373, 0.08333333333333333, -0.3333333333333333, -0.08333333333333333], z.Grad!, Tol);
        Close([-0.041666666666666664, 0.39999999999999997, -0.3333333333333333, -83.33333333333333, 333.3333333333333, -0.0], t.Grad!, Tol);

        z = Z().RequiresGrad_();
        t = ZT().RequiresGrad_();
        F.BinaryCrossEntropyWithLogits(z, t, W3(), posWeight: PW()).Backward();
        Close([-0.0629234447996909, 0.07715840550032746, 0.09381943994576077, 0.08333333333333333, -0.16666666666666666, -0.125], z.Grad!, Tol);
        Close([-0.002160251318324443, 0.15611958877699478, -0.32275599907975233, -83.33333333333333, 166.66666666666666, 0.0577622650466621], t.Grad!, Tol);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogitsIsStableInFloat32()
    {
        var z = Torch.FromArray(new float[,] { { 1000, -1000, 0 }, { -1000, 1000, 3 } }).RequiresGrad_();
        var loss = F.BinaryCrossEntropyWithLogits(z, Torch.FromArray(new float[,] { { 0, 1, 1 }, { 0, 1, 0 } }), reduction: Reduction.None);
        Close([1000.0, 1000.0, 0.6931471824645996, 0.0, 0.0, 3.0485873222351074], loss, 1e-6);
        loss.Sum().Backward();
        Close([1.0, -1.0, -0.5, 0.0, 0.0, 0.9525741338729858], z.Grad!, 1e-6);
    }

    internal static Tensor C() => T(new[,] { { 1.0, 2.0, 0.5, -1.0 }, { 0.3, -0.4, 2.2, 1.1 }, { -2.0, 0.7, 0.1, 3.0 } });
    internal static Tensor CT() => L(1, 0, 3);
    private static Tensor CTi() => L(1, -100, 3);
    private static Tensor W4() => T(1.0, 2.0, 0.5, 3.0);

    [Fact]
    public void CrossEntropyMatchesPyTorch()
    {
        double[] none = [0.49518189808585605, 2.342576727618987, 0.15015987926104127];
        Check3(r => F.CrossEntropy(C(), CT(), reduction: r), none, 0.9959728349886281, 2.9879185049658843, [3]);
        Check3(r => new CrossEntropyLoss(reduction: r).Forward(C(), CT()), none, 0.9959728349886281, 2.9879185049658843);
        // the weighted mean divides by the sum of the targets' weights
        double[] weighted = [0.9903637961717121, 2.342576727618987, 0.45047963778312383];
        Check3(r => F.CrossEntropy(C(), CT(), W4(), reduction: r), weighted, 0.6305700269289705, 3.7834201615738228);
        Check3(r => new CrossEntropyLoss(W4(), reduction: r).Forward(C(), CT()), weighted, 0.6305700269289705, 3.7834201615738228);
    }

    [Fact]
    public void CrossEntropyIgnoresIgnoreIndex()
    {
        Check3(r => F.CrossEntropy(C(), CTi(), reduction: r), [0.49518189808585605, 0.0, 0.15015987926104127], 0.3226708886734487, 0.6453417773468973);
        double[] weighted = [0.9903637961717121, 0.0, 0.45047963778312383];
        Check3(r => F.CrossEntropy(C(), CTi(), W4(), reduction: r), weighted, 0.2881686867909672, 1.440843433954836);
        // a custom ignore index that is a real class
        Check3(r => F.CrossEntropy(C(), CT(), W4(), ignoreIndex: 0, reduction: r), weighted, 0.2881686867909672, 1.440843433954836);
        Check3(r => new CrossEntropyLoss(W4(), 0, r).Forward(C(), CT()), weighted, 0.2881686867909672, 1.440843433954836);
        // all ignored: the mean is 0/0, as in PyTorch
        Assert.True(double.IsNaN(F.CrossEntropy(C(), L(-100, -100, -100)).Item<double>()));
        Assert.Equal(0.0, F.CrossEntropy(C(), L(-100, -100, -100), reduction: Reduction.Sum).Item<double>());
    }

    [Fact]
    public void CrossEntropyWithLabelSmoothingMatchesPyTorch()
    {
        Check3(r => F.CrossEntropy(C(), CT(), reduction: r, labelSmoothing: 0.1),
            [0.6326818980858561, 2.2925767276189872, 0.40515987926104124], 1.1101395016552948, 3.3304185049658845);
        Check3(r => new CrossEntropyLoss(reduction: r, labelSmoothing: 0.1).Forward(C(), CT()),
            [0.6326818980858561, 2.2925767276189872, 0.40515987926104124], 1.1101395016552948, 3.3304185049658845);
        Check3(r => F.CrossEntropy(C(), CTi(), reduction: r, labelSmoothing: 0.2),
            [0.7701818980858561, 0.0, 0.6601598792610412], 0.7151708886734487, 1.4303417773468974);
        Check3(r => new CrossEntropyLoss(W4(), reduction: r, labelSmoothing: 0.2).Forward(C(), CTi()),
            [1.4907251538152728, 0.0, 0.9616856709863375], 0.4904821649603221, 2.4524108248016105);
    }

    [Fact]
    public void CrossEntropyWithLabelSmoothingGradientMatchesPyTorch()
    {
        var x = C().RequiresGrad_();
        F.CrossEntropy(x, CTi(), W4(), labelSmoothing: 0.2).Backward();
        Close([0.07632000994855744, -0.10535788552443233, 0.04735573258049963, -0.018317857004624752, 0.0, 0.0, 0.0, 0.0,
            -0.006839829709953075, 0.027022486120811824, 0.020806487541171384, -0.04098914395203015], x.Grad!, Tol);
    }

    private static Tensor ProbTarget() => T(new[,] { { 0.1, 0.6, 0.3, 0.0 }, { 1.0, 0.0, 0.0, 0.0 }, { 0.25, 0.25, 0.25, 0.25 } });

    [Fact]
    public void CrossEntropyWithProbabilityTargetsMatchesPyTorch()
    {
        Check3(r => F.CrossEntropy(C(), ProbTarget(), reduction: r), [1.045181898085856, 2.342576727618987, 2.700159879261041],
            2.0293061683219618, 6.087918504965885, [3]);
        Check3(r => new CrossEntropyLoss(reduction: r).Forward(C(), ProbTarget()), [1.045181898085856, 2.342576727618987, 2.700159879261041],
            2.0293061683219618, 6.087918504965885);
        // weights and smoothing; the mean divides by the number of samples, not the weights
        Check3(r => new CrossEntropyLoss(W4(), reduction: r, labelSmoothing: 0.3).Forward(C(), ProbTarget()),
            [1.7777608018739988, 2.635559864047547, 3.006509803799192], 2.4732768232402456, 7.419830469720737);
    }

    private static Tensor K() => T3(new[,,] { { { 1.0, -0.5 }, { 0.2, 2.0 }, { -1.0, 0.4 } }, { { 0.0, 1.5 }, { 3.0, -2.0 }, { 0.5, 0.5 } } });
    private static Tensor KT() => Torch.FromArray(new long[,] { { 2, 1 }, { 0, -100 } });
    private static Tensor T3(double[,,] a) => Torch.FromArray(a);

    [Fact]
    public void CrossEntropyOverExtraDimensionsMatchesPyTorch()
    {
        // input [N=2, C=3, d=2], target [2, 2]
        Check3(r => F.CrossEntropy(K(), KT(), reduction: r), [2.460372553567318, 0.24996581000726892, 3.1238729583693674, 0.0],
            1.9447371073146513, 5.834211321943954, [2, 2]);
        Check3(r => new CrossEntropyLoss(W3(), reduction: r, labelSmoothing: 0.1).Forward(K(), KT()),
            [2.388045429460107, 0.5741011358472654, 1.5535280097426416, 0.0], 1.2901927357285754, 4.515674575050014, [2, 2]);
        var probs = T3(new[,,]
        {
            { { 0.2693074991777379, 0.3288785274664995 }, { 0.3289329222889067, 0.1804923627350838 }, { 0.4017595785333554, 0.4906291097984168 } },
            { { 0.1509809427271752, 0.2693074991777379 }, { 0.7478135047934406, 0.3289329222889067 }, { 0.1012055524793843, 0.4017595785333554 } },
        });
        Check3(r => F.CrossEntropy(K(), probs, reduction: r), [1.5270380484651547, 1.8571687043509844, 0.8298296677493537, 1.8881224020606964],
            1.5255397056565472, 6.102158822626189, [2, 2]);
    }

    [Fact]
    public void CrossEntropyOfAnUnbatchedInputMatchesPyTorch()
    {
        Check3(r => F.CrossEntropy(C()[0], Torch.Scalar(2L), reduction: r), [1.995181898085856], 1.995181898085856, 1.995181898085856, []);
    }

    [Fact]
    public void CrossEntropyAtExtremeLogitsMatchesPyTorch()
    {
        Tensor E() => T(new[,] { { 1000.0, -1000.0, 0.0 }, { -1000.0, 1000.0, 1000.0 } });
        Check3(r => F.CrossEntropy(E(), L(1, 0), reduction: r), [2000.0, 2000.69314718056], 2000.34657359028, 4000.69314718056);
        var x = E().RequiresGrad_();
        F.CrossEntropy(x, L(1, 0)).Backward();
        Close([0.5, -0.5, 0.0, -0.5, 0.25, 0.25], x.Grad!, Tol);

        var xf = Torch.FromArray(new float[,] { { 1000, -1000, 0 }, { -1000, 1000, 1000 } }).RequiresGrad_();
        var loss = F.CrossEntropy(xf, L(1, 0), reduction: Reduction.Sum, labelSmoothing: 0.1);
        Close([3767.35986328125], loss, 1e-6);
        loss.Backward();
        Close([0.9666666388511658, -0.9333333373069763, -0.03333333507180214, -0.9333333373069763, 0.46666666865348816, 0.46666666865348816], xf.Grad!, 1e-6);
    }

    private static Tensor LogP() => T(new[,]
    {
        { -1.495181898085856, -0.49518189808585605, -1.995181898085856, -3.495181898085856 },
        { -2.342576727618987, -3.0425767276189872, -0.442576727618987, -1.542576727618987 },
        { -5.150159879261041, -2.450159879261041, -3.050159879261041, -0.15015987926104127 },
    });

    [Fact]
    public void NllLossMatchesPyTorch()
    {
        double[] none = [0.49518189808585605, 2.342576727618987, 0.15015987926104127];
        Check3(r => F.NllLoss(LogP(), CT(), reduction: r), none, 0.9959728349886281, 2.9879185049658843, [3]);
        Check3(r => new NLLLoss(reduction: r).Forward(LogP(), CT()), none, 0.9959728349886281, 2.9879185049658843);
        double[] weighted = [0.9903637961717121, 0.0, 0.45047963778312383];
        Check3(r => F.NllLoss(LogP(), CTi(), W4(), reduction: r), weighted, 0.2881686867909672, 1.440843433954836);
        Check3(r => new NLLLoss(W4(), reduction: r).Forward(LogP(), CTi()), weighted, 0.2881686867909672, 1.440843433954836);
        Check3(r => new NLLLoss(W4(), 0, r).Forward(LogP(), CT()), weighted, 0.2881686867909672, 1.440843433954836);
        Check3(r => F.NllLoss(K(), KT(), reduction: r), [1.0, -2.0, -0.0, 0.0], -0.3333333333333333, -1.0, [2, 2]);
    }

    [Fact]
    public void MultiMarginLossMatchesPyTorch()
    {
        Check3(r => F.MultiMarginLoss(C(), CT(), margin: 2.5, reduction: r), [0.625, 2.3750000000000004, 0.04999999999999999], 1.0166666666666668, 3.0500000000000003, [3]);
        Check3(r => new MultiMarginLoss(margin: 2.5, reduction: r).Forward(C(), CT()), [0.625, 2.3750000000000004, 0.04999999999999999], 1.0166666666666668, 3.0500000000000003);
        Check3(r => F.MultiMarginLoss(C(), CT(), reduction: r), [0.0, 1.25, 0.0], 0.4166666666666667, 1.25);
        Check3(r => F.MultiMarginLoss(C(), CT(), p: 2, margin: 1.5, weight: W4(), reduction: r), [0.125, 4.3725000000000005, 0.0], 1.4991666666666668, 4.4975000000000005);
        Check3(r => new MultiMarginLoss(2, 1.5, W4(), r).Forward(C(), CT()), [0.125, 4.3725000000000005, 0.0], 1.4991666666666668, 4.4975000000000005);
        Check3(r => F.MultiMarginLoss(C()[1], Torch.Scalar(0L), margin: 2.0, reduction: r), [2.0], 2.0, 2.0, []);
    }
}
