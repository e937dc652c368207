using Ember.Optim;
using Ember.Optim.Schedulers;

namespace Ember.Tests.Optim;

/// <summary>
/// Every scheduler's learning-rate sequence (and OneCycleLR's momentum) against PyTorch 1.13's, read with
/// <c>GetLastLr()</c> before each epoch's <c>Step()</c>; two parameter groups with lrs 0.1 and 0.2 unless noted.
/// </summary>
public class SchedulerTests
{
    // Flattened per epoch: (group 0 lr, group 1 lr), or (lr, momentum) for OneCycleLR, or (lr) for the chained one.
    private static readonly Dictionary<string, double[]> Reference = new()
    {
        ["StepLR"] = [0.1, 0.2, 0.1, 0.2, 0.1, 0.2, 0.1, 0.2, 0.05, 0.1, 0.05, 0.1, 0.05, 0.1, 0.05, 0.1, 0.025, 0.05, 0.025, 0.05, 0.025, 0.05, 0.025, 0.05, 0.0125, 0.025, 0.0125, 0.025, 0.0125, 0.025, 0.0125, 0.025, 0.00625, 0.0125, 0.00625, 0.0125, 0.00625, 0.0125, 0.00625, 0.0125, 0.003125, 0.00625, 0.003125, 0.00625, 0.003125, 0.00625, 0.003125, 0.00625, 0.0015625, 0.003125],
        ["MultiStepLR"] = [0.1, 0.2, 0.1, 0.2, 0.1, 0.2, 0.03, 0.06, 0.03, 0.06, 0.03, 0.06, 0.03, 0.06, 0.0026999999999999997, 0.005399999999999999, 0.0026999999999999997, 0.005399999999999999, 0.0026999999999999997, 0.005399999999999999, 0.0026999999999999997, 0.005399999999999999, 0.0026999999999999997, 0.005399999999999999, 0.0026999999999999997, 0.005399999999999999, 0.0026999999999999997, 0.005399999999999999, 0.0026999999999999997, 0.005399999999999999, 0.0008099999999999998, 0.0016199999999999997, 0.0008099999999999998, 0.0016199999999999997, 0.0008099999999999998, 0.0016199999999999997, 0.0008099999999999998, 0.0016199999999999997, 0.0008099999999999998, 0.0016199999999999997, 0.0008099999999999998, 0.0016199999999999997, 0.0008099999999999998, 0.0016199999999999997, 0.0008099999999999998, 0.0016199999999999997, 0.0008099999999999998, 0.0016199999999999997, 0.0008099999999999998, 0.0016199999999999997],
        ["ExponentialLR"] = [0.1, 0.2, 0.09000000000000001, 0.18000000000000002, 0.08100000000000002, 0.16200000000000003, 0.07290000000000002, 0.14580000000000004, 0.06561000000000002, 0.13122000000000003, 0.05904900000000002, 0.11809800000000004, 0.05314410000000002, 0.10628820000000004, 0.04782969000000002, 0.09565938000000004, 0.043046721000000024, 0.08609344200000005, 0.03874204890000002, 0.07748409780000004, 0.03486784401000002, 0.06973568802000003, 0.03138105960900001, 0.06276211921800003, 0.028242953648100012, 0.056485907296200025, 0.025418658283290013, 0.050837316566580026, 0.022876792454961013, 0.04575358490992203, 0.020589113209464913, 0.04117822641892983, 0.01853020188851842, 0.03706040377703684, 0.01667718169966658, 0.03335436339933316, 0.015009463529699923, 0.030018927059399847, 0.013508517176729932, 0.027017034353459864, 0.01215766545905694, 0.02431533091811388, 0.010941898913151246, 0.02188379782630249, 0.009847709021836121, 0.019695418043672242, 0.00886293811965251, 0.01772587623930502, 0.007976644307687259, 0.015953288615374518],
        ["CosineAnnealingLR"] = [0.1, 0.2, 0.09779754323328192, 0.1953503690480396, 0.09140576474687263, 0.18185661446562001, 0.08145033635316129, 0.16083959896778496, 0.06890576474687264, 0.13435661446562, 0.05500000000000001, 0.105, 0.04109423525312737, 0.07564338553437999, 0.028549663646838717, 0.04916040103221506, 0.01859423525312737, 0.028143385534380005, 0.012202456766718092, 0.014649630951960414, 0.01, 0.01, 0.012202456766718092, 0.014649630951960414, 0.0185942352531274, 0.02814338553438006, 0.028549663646838794, 0.04916040103221521, 0.04109423525312751, 0.07564338553438026, 0.05500000000000021, 0.10500000000000037, 0.0689057647468729, 0.1343566144656205, 0.08145033635316161, 0.16083959896778557, 0.09140576474687301, 0.18185661446562074, 0.09779754323328231, 0.19535036904804037, 0.10000000000000041, 0.2000000000000008, 0.09779754323328231, 0.19535036904804037, 0.09140576474687302, 0.1818566144656208, 0.08145033635316161, 0.1608395989677856, 0.06890576474687289, 0.13435661446562053, 0.055000000000000195, 0.1050000000000004, 0.041094235253127505, 0.07564338553438028, 0.028549663646838794, 0.04916040103221524, 0.01859423525312741, 0.02814338553438009, 0.012202456766718104, 0.014649630951960445],
        ["LambdaLR"] = [0.1, 0.2, 0.051000000000000004, 0.10200000000000001, 0.035333333333333335, 0.07066666666666667, 0.025, 0.05, 0.021000000000000005, 0.04200000000000001, 0.018666666666666665, 0.03733333333333333, 0.014285714285714285, 0.02857142857142857, 0.013500000000000002, 0.027000000000000003, 0.01311111111111111, 0.02622222222222222, 0.010000000000000002, 0.020000000000000004, 0.010090909090909091, 0.020181818181818183, 0.010333333333333333, 0.020666666666666667, 0.007692307692307693, 0.015384615384615385, 0.008142857142857143, 0.016285714285714285, 0.008666666666666668, 0.017333333333333336, 0.00625, 0.0125, 0.0068823529411764705, 0.013764705882352941, 0.007555555555555556, 0.015111111111111112, 0.005263157894736842, 0.010526315789473684, 0.006000000000000001, 0.012000000000000002, 0.006761904761904762, 0.013523809523809525, 0.004545454545454546, 0.009090909090909092, 0.005347826086956522, 0.010695652173913044, 0.006166666666666667, 0.012333333333333333, 0.004, 0.008],
        ["ReduceLROnPlateau"] = [0.1, 0.2, 0.1, 0.2, 0.1, 0.2, 0.1, 0.2, 0.1, 0.2, 0.05, 0.1, 0.05, 0.1, 0.05, 0.1, 0.05, 0.1, 0.025, 0.05, 0.025, 0.05, 0.025, 0.05, 0.025, 0.05, 0.025, 0.05, 0.02, 0.025, 0.02, 0.025, 0.02, 0.025, 0.02, 0.025, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02],
        ["ReduceLROnPlateauMaxAbs"] = [0.1, 0.2, 0.1, 0.2, 0.1, 0.2, 0.1, 0.2, 0.05, 0.1, 0.05, 0.1, 0.025, 0.05, 0.025, 0.05, 0.0125, 0.025, 0.0125, 0.025, 0.00625, 0.0125, 0.00625, 0.0125, 0.003125, 0.00625, 0.003125, 0.00625, 0.0015625, 0.003125, 0.0015625, 0.003125, 0.00078125, 0.0015625, 0.00078125, 0.0015625, 0.000390625, 0.00078125, 0.000390625, 0.00078125, 0.0001953125, 0.000390625, 0.0001953125, 0.000390625, 9.765625e-05, 0.0001953125, 9.765625e-05, 0.0001953125, 4.8828125e-05, 9.765625e-05],
        ["OneCycleLR"] = [0.040000000000000036, 0.95, 0.09498110768645929, 0.9442728012826604, 0.2473289215690453, 0.9284032373365577, 0.462142393477445, 0.9060268340127661, 0.6902103457804172, 0.8822697556478731, 0.8792851591221286, 0.8625744625914449, 0.986052072364505, 0.8514529091286974, 0.9979871550490316, 0.850201285300238, 0.9819815024222053, 0.8518018569652073, 0.9504846320134737, 0.854951556604879, 0.904508879153485, 0.8595491502812526, 0.8455319423681344, 0.8654468675506567, 0.7754493889320884, 0.8724551509273948, 0.6965137297768985, 0.8803487484173038, 0.6112620219362893, 0.8888739533021842, 0.5224343254455969, 0.8977567584824742, 0.43288563555770404, 0.9067116632908827, 0.3454941208465151, 0.9154508497187474, 0.26306861650082564, 0.9236934331236499, 0.18825834605023697, 0.9311744900929366, 0.12346777314112659, 0.9376535733001805, 0.07077932009665416, 0.9429224396800933, 0.03188643714987267, 0.9468117435319868, 0.008039173559862363, 0.9491964794299315, 4e-06, 0.95],
        ["OneCycleLRAdamLinearThreePhase"] = [0.05, 0.9, 0.13571428571428573, 0.8809523809523809, 0.22142857142857142, 0.861904761904762, 0.3071428571428571, 0.8428571428571429, 0.39285714285714285, 0.8238095238095239, 0.47857142857142854, 0.8047619047619048, 0.4357142857142857, 0.8142857142857143, 0.35, 0.8333333333333334, 0.26428571428571423, 0.8523809523809525, 0.17857142857142855, 0.8714285714285714, 0.09285714285714286, 0.8904761904761905, 0.04816666666666667, 0.9, 0.044500000000000005, 0.9, 0.04083333333333333, 0.9, 0.03716666666666667, 0.9, 0.0335, 0.9, 0.029833333333333337, 0.9, 0.026166666666666668, 0.9, 0.0225, 0.9, 0.018833333333333334, 0.9, 0.015166666666666669, 0.9, 0.011500000000000003, 0.9, 0.007833333333333331, 0.9, 0.004166666666666666, 0.9, 0.0005000000000000004, 0.9],
        ["ChainedStepExponential"] = [0.1, 0.09000000000000001, 0.08100000000000002, 0.03645000000000001, 0.03280500000000001, 0.02952450000000001, 0.013286025000000005, 0.011957422500000005, 0.010761680250000006, 0.0048427561125000025, 0.004358480501250002, 0.003922632451125002, 0.0017651846030062508, 0.0015886661427056258, 0.0014297995284350633, 0.0006434097877957785, 0.0005790688090162007, 0.0005211619281145807, 0.0002345228676515613, 0.0002110705808864052],
    };

    private static readonly double[] Metric =
        [1.0, 0.9, 0.95, 0.95, 0.9, 0.91, 0.92, 0.93, 0.94, 0.95, 0.85, 0.85, 0.86, 0.87, 0.88, 0.89, 0.9, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96, 0.97, 0.98];

    /// <summary>SGD (momentum 0.9) or Adam with <paramref name="groups"/> groups whose lrs are 0.1, 0.2, ….</summary>
    private static Optimizer Make(bool adam = false, int groups = 2)
    {
        var gs = Enumerable.Range(0, groups)
            .Select(i => new ParamGroup([Torch.Zeros(1).RequiresGrad_()]) { Lr = 0.1 * (i + 1) }).ToList();
        return adam ? new Adam(gs, lr: 0.1) : new SGD(gs, lr: 0.1, momentum: 0.9);
    }

    private static void AssertSequence(string name, IReadOnlyList<double> actual)
    {
        var expected = Reference[name];
        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 * Math.Max(1, Math.Abs(expected[i])),
                $"{name}: value {i}: PyTorch {expected[i]}, Ember {actual[i]}");
    }

    private static List<double> Run(Optimizer opt, LRScheduler sch, int epochs = 25)
    {
        var seen = new List<double>();
        for (int e = 0; e < epochs; e++)
        {
            seen.AddRange(sch.GetLastLr());
            Assert.Equal(e, sch.LastEpoch);
            opt.Step();
            sch.Step();
        }
        return seen;
    }

    [Fact]
    public void StepLRMatchesPyTorch()
    {
        var opt = Make();
        AssertSequence("StepLR", Run(opt, new StepLR(opt, stepSize: 4, gamma: 0.5)));
    }

    [Fact]
    public void MultiStepLRMatchesPyTorchWithRepeatedMilestone()
    {
        var opt = Make();
        var sch = new MultiStepLR(opt, [15, 7, 3, 7], gamma: 0.3);
        Assert.Equal([3, 7, 7, 15], sch.Milestones);
        AssertSequence("MultiStepLR", Run(opt, sch));
    }

    [Fact]
    public void ExponentialLRMatchesPyTorch()
    {
        var opt = Make();
        AssertSequence("ExponentialLR", Run(opt, new ExponentialLR(opt, gamma: 0.9)));
    }

    [Fact]
    public void CosineAnnealingLRMatchesPyTorchOverThreeHalfPeriods()
    {
        var opt = Make();
        AssertSequence("CosineAnnealingLR", Run(opt, new CosineAnnealingLR(opt, tMax: 10, etaMin: 0.01), epochs: 30));
    }

    [Fact]
    public void LambdaLRMatchesPyTorch()
    {
        var opt = Make();
        AssertSequence("LambdaLR", Run(opt, new LambdaLR(opt, e => 1.0 / (1 + e) + 0.01 * (e % 3))));
    }

    [Fact]
    public void LambdaLRTakesOneFunctionPerGroup()
    {
        var opt = Make();
        var sch = new LambdaLR(opt, [e => 1.0, e => Math.Pow(0.5, e)]);
        opt.Step(); sch.Step();
        opt.Step(); sch.Step();
        Assert.Equal([0.1, 0.2 * 0.25], sch.GetLastLr());
        var ex = Assert.Throws<ArgumentException>(() => new LambdaLR(opt, [e => 1.0]));
        Assert.StartsWith("Expected 2 lr_lambdas, but got 1", ex.Message);
    }

    [Fact]
    public void ReduceLROnPlateauMatchesPyTorch()
    {
        var opt = Make();
        var sch = new ReduceLROnPlateau(opt, patience: 2, factor: 0.5, cooldown: 1, minLr: 0.02);
        var seen = new List<double>();
        for (int e = 0; e < 25; e++)
        {
            seen.AddRange(sch.GetLastLr());
            opt.Step();
            sch.Step(Metric[e]);
        }
        AssertSequence("ReduceLROnPlateau", seen);
        Assert.Equal(0.85, sch.Best);
    }

    [Fact]
    public void ReduceLROnPlateauMaxModeWithAbsoluteThresholdMatchesPyTorch()
    {
        var opt = Make();
        var sch = new ReduceLROnPlateau(opt, mode: "max", patience: 1, factor: 0.5, threshold: 0.05, thresholdMode: "abs");
        var seen = new List<double>();
        for (int e = 0; e < 25; e++)
        {
            seen.AddRange(sch.GetLastLr());
            opt.Step();
            sch.Step(Torch.Scalar(-Metric[e], DType.Float64));
        }
        AssertSequence("ReduceLROnPlateauMaxAbs", seen);
    }

    [Fact]
    public void OneCycleLRMatchesPyTorchLrAndMomentum()
    {
        var opt = Make(groups: 1);
        var sch = new OneCycleLR(opt, maxLr: 1.0, totalSteps: 25);
        var seen = new List<double>();
        for (int e = 0; e < 25; e++)
        {
            seen.Add(sch.GetLastLr()[0]);
            seen.Add(opt.ParamGroups[0].Momentum);
            opt.Step();
            if (e < 24) sch.Step();
        }
        AssertSequence("OneCycleLR", seen);
        Assert.Equal(0.04, opt.ParamGroups[0].GetDouble("initial_lr"), 15);
        Assert.Equal(1.0, opt.ParamGroups[0].GetDouble("max_lr"));
        Assert.Equal(0.04 / 1e4, opt.ParamGroups[0].GetDouble("min_lr"), 15);
        // Stepping past the end of the cycle is an error, as in PyTorch.
        sch.Step();
        var ex = Assert.Throws<InvalidOperationException>(() => sch.Step());
        Assert.Equal("Tried to step 27 times. The specified number of total steps is 25", ex.Message);
    }

    [Fact]
    public void OneCycleLRCyclesAdamBeta1LinearThreePhase()
    {
        var opt = Make(adam: true, groups: 1);
        var sch = new OneCycleLR(opt, maxLr: 0.5, totalSteps: 25, pctStart: 0.25, annealStrategy: "linear", threePhase: true,
            divFactor: 10, finalDivFactor: 100, baseMomentum: 0.8, maxMomentum: 0.9);
        var seen = new List<double>();
        for (int e = 0; e < 25; e++)
        {
            seen.Add(sch.GetLastLr()[0]);
            seen.Add(opt.ParamGroups[0].Betas.Beta1);
            Assert.Equal(0.999, opt.ParamGroups[0].Betas.Beta2);
            opt.Step();
            sch.Step();
        }
        AssertSequence("OneCycleLRAdamLinearThreePhase", seen);
    }

    [Fact]
    public void ChainedSchedulersComposeAsInPyTorch()
    {
        var opt = Make(groups: 1);
        var a = new StepLR(opt, stepSize: 3, gamma: 0.5);
        var b = new ExponentialLR(opt, gamma: 0.9);
        var seen = new List<double>();
        for (int e = 0; e < 20; e++)
        {
            seen.Add(opt.ParamGroups[0].Lr);
            opt.Step();
            a.Step();
            b.Step();
        }
        AssertSequence("ChainedStepExponential", seen);
    }

    [Fact]
    public void SchedulerRecordsInitialLrAndBaseLrs()
    {
        var opt = Make();
        var sch = new StepLR(opt, stepSize: 2);
        Assert.Equal([0.1, 0.2], sch.BaseLrs);
        Assert.Equal(0.1, opt.ParamGroups[0].GetDouble("initial_lr"));
        Assert.Equal(0, sch.LastEpoch);
        // A second scheduler keeps the recorded initial_lr rather than the current lr.
        opt.ParamGroups[0].Lr = 0.5;
        var sch2 = new ExponentialLR(opt, gamma: 0.5);
        Assert.Equal([0.1, 0.2], sch2.BaseLrs);
    }

    [Fact]
    public void ResumingRequiresInitialLr()
    {
        var opt = Make();
        var ex = Assert.Throws<KeyNotFoundException>(() => new StepLR(opt, stepSize: 2, lastEpoch: 5));
        Assert.Equal("param 'initial_lr' is not specified in param_groups[0] when resuming an optimizer", ex.Message);
        // With initial_lr present, resuming continues the chainable schedule from the current lr.
        foreach (var g in opt.ParamGroups) g["initial_lr"] = g.Lr;
        var sch = new StepLR(opt, stepSize: 2, gamma: 0.5, lastEpoch: 5);
        Assert.Equal(6, sch.LastEpoch);
        Assert.Equal([0.05, 0.1], sch.GetLastLr());
    }

    [Fact]
    public void InvalidArgumentsThrowPyTorchMessages()
    {
        var opt = Make();
        Assert.Equal("Factor should be < 1.0.", Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(opt, factor: 1.0)).Message.Split(" (Parameter")[0]);
        Assert.StartsWith("mode avg is unknown!", Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(opt, mode: "avg")).Message);
        Assert.StartsWith("threshold mode x is unknown!", Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(opt, thresholdMode: "x")).Message);
        Assert.StartsWith("Expected positive integer total_steps, but got 0", Assert.Throws<ArgumentException>(() => new OneCycleLR(opt, 1.0, 0)).Message);
        Assert.StartsWith("Expected float between 0 and 1 pct_start, but got 1.5", Assert.Throws<ArgumentException>(() => new OneCycleLR(opt, 1.0, 10, pctStart: 1.5)).Message);
        Assert.StartsWith("anneal_strategy must by one of 'cos' or 'linear', instead got exp",
            Assert.Throws<ArgumentException>(() => new OneCycleLR(opt, 1.0, 10, annealStrategy: "exp")).Message);
        Assert.StartsWith("expected 2 values for max_lr, got 1", Assert.Throws<ArgumentException>(() => new OneCycleLR(opt, [1.0], 10)).Message);
        var adagrad = new Adagrad([Torch.Zeros(1).RequiresGrad_()]);
        Assert.StartsWith("optimizer must support momentum with `cycle_momentum` option enabled",
            Assert.Throws<ArgumentException>(() => new OneCycleLR(adagrad, 1.0, 10)).Message);
        _ = new OneCycleLR(adagrad, 1.0, 10, cycleMomentum: false); // fine without momentum cycling
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepLR(opt, stepSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealingLR(opt, tMax: 0));
    }

    [Fact]
    public void SchedulerLrDrivesTheOptimizerUpdate()
    {
        // The lr written by the scheduler is the one the next Step uses.
        var p = Torch.Zeros(1).RequiresGrad_();
        var opt = new SGD([p], lr: 1.0);
        var sch = new StepLR(opt, stepSize: 1, gamma: 0.5);
        for (int i = 0; i < 3; i++)
        {
            p.Grad = Torch.Ones(1);
            opt.Step();
            sch.Step();
        }
        Assert.Equal(-(1.0 + 0.5 + 0.25), p.Item<double>(), 6);
    }
}
