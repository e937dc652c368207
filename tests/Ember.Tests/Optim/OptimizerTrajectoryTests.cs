using Ember.Optim;

namespace Ember.Tests.Optim;

/// <summary>
/// Every optimizer and option combination, run for 20 steps on a fixed small problem
/// (loss = mean((tanh(X·W + b) − Y)²) + 0.05·ΣW⁴), compared after every step with PyTorch 1.13's values.
/// </summary>
public class OptimizerTrajectoryTests
{
    internal static readonly double[,] X = { { 0.5, -1.0 }, { 1.5, 0.25 }, { -0.75, 2.0 } };
    internal static readonly double[,] Y = { { 0.2, -0.4 }, { 0.9, 0.1 }, { -0.3, 0.6 } };
    internal static readonly double[,] W0 = { { 0.3, -0.2 }, { 0.1, 0.4 } };
    internal static readonly double[] B0 = { 0.05, -0.1 };

    /// <summary>Fresh leaves W and b holding the fixed starting values.</summary>
    internal static Tensor[] StartParams(DType dtype) =>
    [
        Torch.FromArray(W0).To(dtype).RequiresGrad_(),
        Torch.FromArray(B0).To(dtype).RequiresGrad_(),
    ];

    internal static Tensor Loss(Tensor w, Tensor b)
    {
        var x = Torch.FromArray(X).To(w.DType);
        var y = Torch.FromArray(Y).To(w.DType);
        var d = (x.Matmul(w) + b).Tanh() - y;
        return (d * d).Mean() + 0.05 * w.Pow(4).Sum();
    }

    internal static readonly Dictionary<string, Func<Tensor[], Optimizer>> Configs = new()
    {
        ["SgdPlain"] = ps => new SGD(ps, lr: 0.1),
        ["SgdMomentum"] = ps => new SGD(ps, lr: 0.1, momentum: 0.9),
        ["SgdDampening"] = ps => new SGD(ps, lr: 0.1, momentum: 0.9, dampening: 0.3),
        ["SgdNesterov"] = ps => new SGD(ps, lr: 0.1, momentum: 0.9, nesterov: true),
        ["SgdWeightDecay"] = ps => new SGD(ps, lr: 0.1, momentum: 0.5, weightDecay: 0.1),
        ["SgdMaximize"] = ps => new SGD(ps, lr: 0.05, momentum: 0.9, weightDecay: 0.01, maximize: true),
        ["AdagradPlain"] = ps => new Adagrad(ps, lr: 0.1),
        ["AdagradDecayAccumulator"] = ps => new Adagrad(ps, lr: 0.1, lrDecay: 0.05, initialAccumulatorValue: 0.2, weightDecay: 0.1),
        ["RmspropPlain"] = ps => new RMSprop(ps, lr: 0.01),
        ["RmspropCenteredMomentum"] = ps => new RMSprop(ps, lr: 0.01, alpha: 0.9, momentum: 0.8, centered: true, weightDecay: 0.05),
        ["RmspropCentered"] = ps => new RMSprop(ps, lr: 0.01, centered: true),
        ["RmspropMomentum"] = ps => new RMSprop(ps, lr: 0.01, momentum: 0.9),
        ["AdadeltaPlain"] = ps => new Adadelta(ps),
        ["AdadeltaWeightDecay"] = ps => new Adadelta(ps, lr: 0.5, rho: 0.8, eps: 1e-5, weightDecay: 0.1),
        ["AdamPlain"] = ps => new Adam(ps, lr: 0.05),
        ["AdamAmsgrad"] = ps => new Adam(ps, lr: 0.05, betas: (0.8, 0.95), amsgrad: true),
        ["AdamWeightDecay"] = ps => new Adam(ps, lr: 0.05, weightDecay: 0.1),
        ["AdamAmsgradWeightDecayMaximize"] = ps => new Adam(ps, lr: 0.02, weightDecay: 0.1, amsgrad: true, maximize: true),
        ["AdamWPlain"] = ps => new AdamW(ps, lr: 0.05),
        ["AdamWAmsgrad"] = ps => new AdamW(ps, lr: 0.05, betas: (0.8, 0.95), weightDecay: 0.2, amsgrad: true),
        // Per-group overrides: W takes the defaults, b its own lr / momentum / betas.
        ["SgdParamGroups"] = ps => new SGD([new ParamGroup([ps[0]]), new ParamGroup([ps[1]]) { Lr = 0.01, ["momentum"] = 0.5 }], lr: 0.1, momentum: 0.9),
        ["AdamParamGroups"] = ps => new Adam([new ParamGroup([ps[0]]) { Lr = 0.1 }, new ParamGroup([ps[1]]) { Betas = (0.5, 0.9) }], lr: 0.01),
    };

    public static TheoryData<string> Names => new(Configs.Keys);

    /// <summary>Runs <paramref name="steps"/> steps and returns W and b flattened after each.</summary>
    internal static List<double[]> Run(Optimizer opt, Tensor[] ps, int steps)
    {
        var result = new List<double[]>();
        for (int s = 0; s < steps; s++)
        {
            opt.ZeroGrad();
            Loss(ps[0], ps[1]).Backward();
            opt.Step();
            result.Add([.. ps[0].ToArray<double>(), .. ps[1].ToArray<double>()]);
        }
        return result;
    }

    internal static void AssertTrajectory(string name, List<double[]> actual, double tol, int firstStep = 0)
    {
        var expected = OptimizerReferenceData.Trajectories[name];
        for (int s = 0; s < actual.Count; s++)
            for (int i = 0; i < 6; i++)
            {
                double e = expected[(firstStep + s) * 6 + i], a = actual[s][i];
                Assert.True(Math.Abs(e - a) <= tol * Math.Max(1, Math.Abs(e)),
                    $"{name}: step {firstStep + s + 1}, element {i}: PyTorch {e}, Ember {a}");
            }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Float64TrajectoryMatchesPyTorch(string name)
    {
        var ps = StartParams(DType.Float64);
        var opt = Configs[name](ps);
        // The references carry 12 significant digits.
        AssertTrajectory(name, Run(opt, ps, 20), 1e-10);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Float32TrajectoryMatchesPyTorchWithin1e5(string name)
    {
        var ps = StartParams(DType.Float32);
        var opt = Configs[name](ps);
        var traj = new List<double[]>();
        for (int s = 0; s < 20; s++)
        {
            opt.ZeroGrad();
            Loss(ps[0], ps[1]).Backward();
            opt.Step();
            Assert.Equal(DType.Float32, ps[0].DType);
            traj.Add([.. ps[0].ToArray<double>(), .. ps[1].ToArray<double>()]);
        }
        AssertTrajectory(name, traj, 1e-5);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void StateDictSaveAndLoadContinuesTheTrajectoryExactly(string name)
    {
        // Train 8 steps, save, build a fresh optimizer over copies of the parameters, load, train 12 more.
        var ps = StartParams(DType.Float64);
        var opt = Configs[name](ps);
        Run(opt, ps, 8);
        var saved = opt.StateDict();

        var copies = ps.Select(p => p.Detach().Clone().RequiresGrad_()).ToArray();
        var resumed = Configs[name](copies);
        resumed.LoadStateDict(saved);
        var after = Run(resumed, copies, 12);
        AssertTrajectory(name, after, 1e-10, firstStep: 8);

        // The original keeps going identically; the saved copy was not aliased by either optimizer.
        var original = Run(opt, ps, 12);
        for (int s = 0; s < 12; s++) Assert.Equal(original[s], after[s]);
    }

    [Fact]
    public void NonContiguousParameterFollowsTheSameTrajectory()
    {
        // W stored transposed: the update goes through a contiguous copy and is written back.
        var wT = Torch.FromArray(W0).T.Contiguous().T.Detach().RequiresGrad_();
        Assert.False(wT.IsContiguous);
        var b = Torch.FromArray(B0).RequiresGrad_();
        var opt = new Adam([wT, b], lr: 0.05);
        var traj = Run(opt, [wT, b], 20);
        AssertTrajectory("AdamPlain", traj, 1e-10);
        Assert.False(wT.IsContiguous);
    }
}
