using Ember.NN;
using Ember.Optim;

namespace Ember.Tests.Optim;

/// <summary>The <see cref="Optimizer"/> API: validation, groups, state, ZeroGrad, closures, state dicts, in-place updates.</summary>
public class OptimizerTests
{
    private static Tensor Leaf(params double[] values) => Torch.FromArray(values).RequiresGrad_();

    private static string MessageOf(Action a) => Assert.Throws<ArgumentException>(a).Message;

    [Fact]
    public void InvalidOptionsThrowPyTorchMessages()
    {
        Tensor[] ps = [Leaf(1.0)];
        Assert.Equal("Invalid learning rate: -1", MessageOf(() => new SGD(ps, lr: -1)));
        Assert.Equal("Invalid momentum value: -0.1", MessageOf(() => new SGD(ps, momentum: -0.1)));
        Assert.Equal("Invalid weight_decay value: -1", MessageOf(() => new SGD(ps, weightDecay: -1)));
        Assert.Equal("Nesterov momentum requires a momentum and zero dampening", MessageOf(() => new SGD(ps, nesterov: true)));
        Assert.Equal("Nesterov momentum requires a momentum and zero dampening", MessageOf(() => new SGD(ps, momentum: 0.9, dampening: 0.1, nesterov: true)));
        Assert.Equal("Invalid learning rate: -0.5", MessageOf(() => new Adam(ps, lr: -0.5)));
        Assert.Equal("Invalid epsilon value: -1e-08", MessageOf(() => new Adam(ps, eps: -1e-8)));
        Assert.Equal("Invalid beta parameter at index 0: 1.0", MessageOf(() => new Adam(ps, betas: (1.0, 0.999))));
        Assert.Equal("Invalid beta parameter at index 1: -0.1", MessageOf(() => new AdamW(ps, betas: (0.9, -0.1))));
        Assert.Equal("Invalid weight_decay value: -0.01", MessageOf(() => new AdamW(ps, weightDecay: -0.01)));
        Assert.Equal("Invalid rho value: 1.5", MessageOf(() => new Adadelta(ps, rho: 1.5)));
        Assert.Equal("Invalid epsilon value: -1", MessageOf(() => new Adadelta(ps, eps: -1)));
        Assert.Equal("Invalid alpha value: -0.5", MessageOf(() => new RMSprop(ps, alpha: -0.5)));
        Assert.Equal("Invalid momentum value: -1", MessageOf(() => new RMSprop(ps, momentum: -1)));
        Assert.Equal("Invalid lr_decay value: -0.1", MessageOf(() => new Adagrad(ps, lrDecay: -0.1)));
        Assert.Equal("Invalid initial_accumulator_value value: -1", MessageOf(() => new Adagrad(ps, initialAccumulatorValue: -1)));
        Assert.Equal("Invalid learning rate: nan", MessageOf(() => new Adagrad(ps, lr: double.NaN)));
        // Per-group overrides are checked with the same messages.
        Assert.Equal("Invalid learning rate: -2", MessageOf(() => new SGD([new ParamGroup(ps) { Lr = -2 }])));
        Assert.Equal("Invalid beta parameter at index 0: 1.5", MessageOf(() => new Adam([new ParamGroup(ps) { Betas = (1.5, 0.9) }])));
    }

    [Fact]
    public void ParameterListErrors()
    {
        var a = Leaf(1.0);
        var b = Leaf(2.0);
        Assert.Equal("optimizer got an empty parameter list", MessageOf(() => new SGD(Array.Empty<Tensor>())));
        Assert.Equal("optimizer got an empty parameter list", MessageOf(() => new SGD(Array.Empty<ParamGroup>())));
        Assert.Equal("some parameters appear in more than one parameter group",
            MessageOf(() => new SGD([new ParamGroup([a, b]), new ParamGroup([b])])));
        Assert.StartsWith("optimizer contains a parameter group with duplicate parameters", MessageOf(() => new SGD([a, a])));
        Assert.StartsWith("can't optimize a non-leaf Tensor", MessageOf(() => new SGD([a * 2])));

        var opt = new SGD([a], lr: 0.1);
        Assert.Equal("some parameters appear in more than one parameter group", MessageOf(() => opt.AddParamGroup(new ParamGroup([b, a]))));
        Assert.Single(opt.ParamGroups);
    }

    [Fact]
    public void GroupsTakeDefaultsAndKeepOverrides()
    {
        var a = Leaf(1.0);
        var b = Leaf(2.0);
        var opt = new SGD([new ParamGroup([a]), new ParamGroup([b]) { Lr = 0.5, ["momentum"] = 0.9 }], lr: 0.1, weightDecay: 0.01);
        Assert.Equal(0.1, opt.ParamGroups[0].Lr);
        Assert.Equal(0.0, opt.ParamGroups[0].Momentum);
        Assert.Equal(0.5, opt.ParamGroups[1].Lr);
        Assert.Equal(0.9, opt.ParamGroups[1]["momentum"]);
        Assert.Equal(0.01, opt.ParamGroups[1].WeightDecay);
        Assert.False(opt.ParamGroups[1].GetBool("nesterov"));
        Assert.Same(b, opt.ParamGroups[1].Params[0]);
        Assert.Equal(0.1, opt.Defaults["lr"]);

        // AddParamGroup fills defaults; the new group is stepped with its own lr.
        var c = Leaf(3.0);
        opt.AddParamGroup(new ParamGroup([c]) { ["lr"] = 1 }); // an int option is read as a number
        Assert.Equal(3, opt.ParamGroups.Count);
        c.Grad = Torch.FromArray(new double[] { 1.0 });
        opt.Step();
        Assert.Equal(3.0 - 1.0 * (1.0 + 0.01 * 3.0), c.Item<double>(), 12);

        // Options can be changed between steps (what schedulers do).
        opt.ParamGroups[2]["lr"] = 0.0;
        opt.Step();
        Assert.Equal(3.0 - 1.0 * (1.0 + 0.01 * 3.0), c.Item<double>(), 12);
        Assert.Throws<KeyNotFoundException>(() => opt.ParamGroups[0]["betas"]);
        Assert.Throws<ArgumentException>(() => opt.ParamGroups[0]["params"] = new List<Tensor>());
    }

    [Fact]
    public void ParametersWithoutGradientAreSkipped()
    {
        var a = Leaf(1.0, 2.0);
        var b = Leaf(3.0);
        var opt = new Adam([a, b], lr: 0.1, weightDecay: 0.1);
        a.Grad = Torch.FromArray(new double[] { 0.5, -0.5 });
        opt.Step();
        Assert.Equal(3.0, b.Item<double>());
        Assert.False(opt.State.ContainsKey(b));
        Assert.True(opt.State.ContainsKey(a));
        Assert.Equal(1.0f, ((Tensor)opt.State[a]["step"]).Item());
        // Adam's first step moves each coordinate by lr against the gradient's sign.
        TestUtil.Close([0.9, 2.1], a, 1e-6);
    }

    [Fact]
    public void ZeroGradSetsToNoneByDefault()
    {
        var a = Leaf(1.0);
        var opt = new SGD([a], lr: 0.1);
        (a * a).Sum().Backward();
        Assert.NotNull(a.Grad);
        opt.ZeroGrad();
        Assert.Null(a.Grad);
        opt.Step(); // no gradient: nothing happens
        Assert.Equal(1.0, a.Item<double>());
    }

    [Fact]
    public void ZeroGradCanFillWithZerosAndZeroGradientsStillStep()
    {
        var a = Leaf(1.0);
        var opt = new SGD([a], lr: 0.1, momentum: 0.9, weightDecay: 0.5);
        (a * a).Sum().Backward();
        var g = a.Grad!;
        opt.ZeroGrad(setToNone: false);
        Assert.Same(g, a.Grad);
        Assert.Equal(0.0, a.Grad!.Item<double>());
        // A zero gradient is still a gradient: weight decay moves the parameter.
        opt.Step();
        Assert.Equal(1.0 - 0.1 * 0.5, a.Item<double>(), 12);
        // Gradients accumulate into the zeroed tensor.
        (a * a).Sum().Backward();
        Assert.Equal(2 * a.Item<double>(), a.Grad!.Item<double>(), 12);
    }

    [Fact]
    public void StepWithClosureReturnsTheLossAndRecordsGradients()
    {
        var a = Leaf(2.0);
        var opt = new SGD([a], lr: 0.25);
        int calls = 0;
        Tensor Closure()
        {
            calls++;
            opt.ZeroGrad();
            var loss = (a * a).Sum();
            loss.Backward();
            return loss;
        }
        Tensor l;
        using (Torch.NoGrad()) l = opt.Step(Closure); // the closure runs with grad enabled even inside NoGrad
        Assert.Equal(1, calls);
        Assert.Equal(4.0, l.Item<double>());
        Assert.Equal(2.0 - 0.25 * 4.0, a.Item<double>());
        Assert.Equal(1.0, opt.Step(Closure).Item<double>());
    }

    [Fact]
    public void StepUpdatesInPlaceAndBumpsTheVersion()
    {
        var a = Leaf(1.0, 2.0);
        var view = a.Detach();
        var opt = new SGD([a], lr: 0.5);
        a.Grad = Torch.FromArray(new double[] { 1.0, 1.0 });
        int v = a.Version;
        opt.Step();
        Assert.True(a.Version > v);
        Assert.Equal([0.5, 1.5], view.ToArray<double>()); // same storage
        Assert.True(a.IsLeaf);
        Assert.True(a.RequiresGrad);
        Assert.Null(a.GradFn);
    }

    [Fact]
    public void SavedTensorsOfAParameterAreInvalidatedByAStep()
    {
        var a = Leaf(1.0, 2.0);
        var opt = new SGD([a], lr: 0.5);
        var loss = (a * a).Sum(); // saves a
        a.Grad = Torch.FromArray(new double[] { 1.0, 1.0 });
        opt.Step();
        Assert.ThrowsAny<Exception>(() => loss.Backward());
    }

    [Fact]
    public void UpdatesAllocateNothingOnceStateExists()
    {
        var w = Torch.Randn(new[] { 64, 32 }, DType.Float32, new Generator(1)).RequiresGrad_();
        var b = Torch.Randn(new[] { 32 }, DType.Float64, new Generator(2)).RequiresGrad_();
        w.Grad = Torch.Randn(new[] { 64, 32 }, DType.Float32, new Generator(3));
        b.Grad = Torch.Randn(new[] { 32 }, DType.Float64, new Generator(4));
        Optimizer[] opts =
        [
            new SGD([w, b], lr: 0.01, momentum: 0.9, nesterov: true, weightDecay: 0.1),
            new Adagrad([w, b], lrDecay: 0.1),
            new RMSprop([w, b], momentum: 0.5, centered: true),
            new Adadelta([w, b]),
            new Adam([w, b], amsgrad: true, weightDecay: 0.1),
            new AdamW([w, b]),
        ];
        foreach (var opt in opts)
        {
            opt.Step(); // creates the state
            opt.Step();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++) opt.Step();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated == 0, $"{opt.GetType().Name} allocated {allocated} bytes in 10 steps");
        }
    }

    [Theory]
    [InlineData(37, false)]
    [InlineData(70_003, false)] // large enough to be split across threads
    [InlineData(70_003, true)]
    public void PlainSgdMatchesTheScalarRuleExactly(int n, bool maximize)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var w = Torch.Randn(new[] { n }, dtype, new Generator(n)).RequiresGrad_();
            w.Grad = Torch.Randn(new[] { n }, dtype, new Generator(n + 1));
            var expected = w.Detach().Clone();
            var g = w.Grad.Clone();
            var rule = new Ember.Kernels.SgdRule(0.1, 0, 0, 0, false, maximize, false);
            if (dtype == DType.Float32)
                rule.Update(expected.ContiguousSpan<float>(), g.ContiguousSpan<float>(), default, default, default);
            else
                rule.Update(expected.ContiguousSpan<double>(), g.ContiguousSpan<double>(), default, default, default);
            new SGD([w], lr: 0.1, maximize: maximize).Step();
            Assert.Equal(expected.To(DType.Float64).ToArray<double>(), w.To(DType.Float64).ToArray<double>());
        }
    }

    [Fact]
    public void StateHoldsPyTorchKeys()
    {
        Tensor[] Ps() => [Leaf(1.0, 2.0)];
        static Dictionary<string, object> StateAfterStep(Optimizer opt)
        {
            var p = opt.ParamGroups[0].Params[0];
            p.Grad = Torch.FromArray(new double[] { 0.1, -0.2 });
            opt.Step();
            return opt.State[p];
        }
        Assert.Equal(["momentum_buffer"], StateAfterStep(new SGD(Ps(), momentum: 0.9)).Keys);
        Assert.Equal(["step", "sum"], StateAfterStep(new Adagrad(Ps())).Keys.Order());
        Assert.Equal(["grad_avg", "momentum_buffer", "square_avg", "step"], StateAfterStep(new RMSprop(Ps(), momentum: 0.1, centered: true)).Keys.Order());
        Assert.Equal(["acc_delta", "square_avg", "step"], StateAfterStep(new Adadelta(Ps())).Keys.Order());
        Assert.Equal(["exp_avg", "exp_avg_sq", "max_exp_avg_sq", "step"], StateAfterStep(new Adam(Ps(), amsgrad: true)).Keys.Order());
        Assert.Equal(["exp_avg", "exp_avg_sq", "step"], StateAfterStep(new AdamW(Ps())).Keys.Order());

        // SGD's buffer starts as a copy of the first gradient.
        var sgd = new SGD(Ps(), momentum: 0.9);
        var buf = (Tensor)StateAfterStep(sgd)["momentum_buffer"];
        Assert.Equal([0.1, -0.2], buf.ToArray<double>());

        // Adagrad's state exists from construction, filled with the initial accumulator value.
        var p = Leaf(1.0, 2.0);
        var adagrad = new Adagrad([p], initialAccumulatorValue: 0.3);
        Assert.Equal([0.3, 0.3], ((Tensor)adagrad.State[p]["sum"]).ToArray<double>());
        Assert.Equal(0.0f, ((Tensor)adagrad.State[p]["step"]).Item());
        Assert.Equal(DType.Float32, ((Tensor)adagrad.State[p]["step"]).DType);
    }

    [Fact]
    public void StateDictMirrorsPyTorchLayout()
    {
        var a = Leaf(1.0, 2.0);
        var b = Leaf(3.0);
        var c = Leaf(4.0);
        var opt = new Adam([new ParamGroup([a, b]), new ParamGroup([c]) { Lr = 0.5 }], lr: 0.1);
        a.Grad = Torch.FromArray(new double[] { 1.0, 1.0 });
        c.Grad = Torch.FromArray(new double[] { 1.0 });
        opt.Step();
        var sd = opt.StateDict();
        Assert.Equal([0, 2], sd.State.Keys.Order());
        Assert.Equal([0, 1], (List<int>)sd.ParamGroups[0]["params"]);
        Assert.Equal([2], (List<int>)sd.ParamGroups[1]["params"]);
        Assert.Equal(0.1, sd.ParamGroups[0]["lr"]);
        Assert.Equal(0.5, sd.ParamGroups[1]["lr"]);
        Assert.Equal((0.9, 0.999), sd.ParamGroups[0]["betas"]);
        Assert.Equal(1.0f, ((Tensor)sd.State[0]["step"]).Item());
        // Tensors are copies: changing the optimizer's state does not change the saved one.
        var saved = (Tensor)sd.State[0]["exp_avg"];
        var live = (Tensor)opt.State[a]["exp_avg"];
        Assert.NotSame(live, saved);
        opt.Step();
        Assert.Equal(0.1, saved.ToArray<double>()[0], 12);
        Assert.Equal(0.1 * 0.9 + 0.1, live.ToArray<double>()[0], 12);
    }

    [Fact]
    public void LoadStateDictRestoresGroupOptionsAndConvertsDtypes()
    {
        var a = Leaf(1.0, 2.0);
        var opt = new SGD([a], lr: 0.1, momentum: 0.9);
        a.Grad = Torch.FromArray(new double[] { 1.0, 1.0 });
        opt.Step();
        opt.ParamGroups[0].Lr = 0.05;
        var sd = opt.StateDict();

        // Load into an optimizer over a float32 parameter with other options.
        var f = Torch.FromArray(new float[] { 1, 2 }).RequiresGrad_();
        var other = new SGD([f], lr: 1.0, momentum: 0.5);
        other.LoadStateDict(sd);
        Assert.Equal(0.05, other.ParamGroups[0].Lr);
        Assert.Equal(0.9, other.ParamGroups[0].Momentum);
        var buf = (Tensor)other.State[f]["momentum_buffer"];
        Assert.Equal(DType.Float32, buf.DType);
        Assert.Equal([1f, 1f], buf.ToArray<float>());
        Assert.Same(f, other.ParamGroups[0].Params[0]);
    }

    [Fact]
    public void LoadStateDictRejectsMismatchedLayouts()
    {
        var a = Leaf(1.0, 2.0);
        var b = Leaf(3.0);
        var opt = new Adam([new ParamGroup([a]), new ParamGroup([b])]);
        a.Grad = Torch.FromArray(new double[] { 1.0, 1.0 });
        b.Grad = Torch.FromArray(new double[] { 1.0 });
        opt.Step();
        var sd = opt.StateDict();

        var oneGroup = new Adam([a, b]);
        Assert.StartsWith("load_state_dict: loaded state dict has a different number of parameter groups (2) than the optimizer (1)",
            Assert.Throws<ArgumentException>(() => oneGroup.LoadStateDict(sd)).Message);

        var sizes = new Adam([new ParamGroup([a, b]), new ParamGroup([Leaf(5.0)])]);
        Assert.StartsWith("load_state_dict: loaded state dict contains a parameter group that doesn't match the size of optimizer's group",
            Assert.Throws<ArgumentException>(() => sizes.LoadStateDict(sd)).Message);

        var shapes = new Adam([new ParamGroup([Leaf(1.0, 2.0, 3.0)]), new ParamGroup([Leaf(1.0)])]);
        Assert.StartsWith("load_state_dict: state 'exp_avg' of parameter 0 has shape [2] but the parameter has shape [3]",
            Assert.Throws<ArgumentException>(() => shapes.LoadStateDict(sd)).Message);
        Assert.Empty(shapes.State); // nothing was loaded
    }

    [Fact]
    public void ToStringPrintsLikePyTorch()
    {
        var opt = new SGD([Leaf(1.0)], lr: 0.1, momentum: 0.9);
        Assert.Equal("SGD (\nParameter Group 0\n    dampening: 0\n    lr: 0.1\n    maximize: False\n    momentum: 0.9\n    nesterov: False\n    weight_decay: 0\n)", opt.ToString());
        Assert.Contains("    betas: (0.9, 0.999)\n    eps: 1e-08\n", new Adam([Leaf(1.0)]).ToString());
    }

    [Fact]
    public void WorksWithModuleParameters()
    {
        // Parameters from a module convert to IEnumerable<Tensor> and are updated in place.
        var p = new Parameter(Torch.FromArray(new double[] { 1.0, -1.0 }));
        IEnumerable<Parameter> parameters = [p];
        var opt = new SGD(parameters, lr: 0.5);
        p.Grad = Torch.FromArray(new double[] { 1.0, 1.0 });
        opt.Step();
        Assert.Equal([0.5, -1.5], p.ToArray<double>());
        Assert.IsType<Parameter>(opt.ParamGroups[0].Params[0]);
    }

    [Fact]
    public void GradientShapeMismatchIsAnError()
    {
        var a = Leaf(1.0, 2.0);
        var opt = new SGD([a], lr: 0.1);
        a.Grad = Torch.FromArray(new double[] { 1.0, 2.0, 3.0 });
        Assert.StartsWith("SGD: a gradient of shape [3] was given for a parameter of shape [2]", Assert.Throws<ArgumentException>(() => opt.Step()).Message);
    }

    [Fact]
    public void GradientOfAnotherDtypeIsConverted()
    {
        var a = Leaf(1.0, 2.0);
        var opt = new SGD([a], lr: 0.5);
        a.Grad = Torch.FromArray(new float[] { 1, 2 });
        opt.Step();
        Assert.Equal([0.5, 1.0], a.ToArray<double>());
    }
}
