using Ember.NN;

namespace Ember.Tests.NN;

/// <summary>The module system with real layers: naming, traversal, modes, gradients, state dicts, printing, dtype conversion.</summary>
public class ModuleTests
{
    /// <summary>A parameterless activation that prints as PyTorch's <c>ReLU()</c>.</summary>
    private sealed class Act : Module<Tensor, Tensor>
    {
        protected override string TypeName => "ReLU";
        public override Tensor Forward(Tensor input) => input.Relu();
    }

    /// <summary>The seeds' model: 784 → 256 → ReLU → 10.</summary>
    private sealed class Net : Module<Tensor, Tensor>
    {
        private readonly Linear _fc1, _fc2;

        public Net(Generator? generator = null)
        {
            _fc1 = RegisterModule("fc1", new Linear(784, 256, generator: generator));
            _fc2 = RegisterModule("fc2", new Linear(256, 10, generator: generator));
        }

        public Linear Fc1 => _fc1;

        public override Tensor Forward(Tensor x) => _fc2.Forward(_fc1.Forward(x).Relu());
    }

    /// <summary>A model with a nested Sequential, as in the PyTorch reference printout.</summary>
    private sealed class Deep : Module<Tensor, Tensor>
    {
        private readonly Linear _fc1, _fc2;
        private readonly Sequential _seq;

        public Deep()
        {
            _fc1 = RegisterModule("fc1", new Linear(784, 256));
            _fc2 = RegisterModule("fc2", new Linear(256, 10));
            _seq = RegisterModule("seq", new Sequential(new Linear(3, 4), new Act(), new Sequential(new Linear(4, 4), new Flatten())));
        }

        public override Tensor Forward(Tensor x) => _fc2.Forward(_fc1.Forward(x).Relu());
    }

    /// <summary>Registers names that collide or are invalid.</summary>
    private sealed class Registrar : Module
    {
        public void Param(string name) => RegisterParameter(name, new Parameter(Torch.Zeros(1)));
        public void Buffer(string name) => RegisterBuffer(name, Torch.Zeros(1));
        public void Child(string name) => RegisterModule(name, new Identity());
    }

    [Fact]
    public void NetForwardAndNamedParameters()
    {
        var net = new Net(new Generator(1));
        Assert.Equal([64, 10], net.Forward(Torch.Randn(64, 784)).Shape.ToArray());
        Assert.Equal(["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"], net.NamedParameters().Select(p => p.Name));
        Assert.Equal([[256, 784], [256], [10, 256], [10]], net.Parameters().Select(p => p.Shape.ToArray()));
        Assert.Equal(784 * 256 + 256 + 256 * 10 + 10, net.ParameterCount());
        Assert.Equal(203530, net.ParameterCount());
        Assert.Equal(["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"], net.StateDict().Keys);
        Assert.Equal(["", "fc1", "fc2"], net.NamedModules().Select(m => m.Name));
        Assert.Equal(["fc1", "fc2"], net.NamedChildren().Select(m => m.Name));
        Assert.Equal(["weight", "bias"], net.Fc1.NamedParameters().Select(p => p.Name));
        Assert.Empty(net.NamedParameters(recurse: false));
        Assert.Equal(["net.fc1.weight", "net.fc1.bias", "net.fc2.weight", "net.fc2.bias"], net.NamedParameters("net").Select(p => p.Name));

        net.Fc1.Weight.RequiresGrad = false;
        Assert.Equal(256 + 256 * 10 + 10, net.ParameterCount(trainableOnly: true));
    }

    [Fact]
    public void NestedSequentialNames()
    {
        var seq = new Sequential(new Linear(4, 3), new Act(), new Linear(3, 2));
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], seq.NamedParameters().Select(p => p.Name));
        Assert.Equal(
            ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "seq.0.weight", "seq.0.bias", "seq.2.0.weight", "seq.2.0.bias"],
            new Deep().NamedParameters().Select(p => p.Name));
        Assert.Equal(["", "fc1", "fc2", "seq", "seq.0", "seq.1", "seq.2", "seq.2.0", "seq.2.1"], new Deep().NamedModules().Select(m => m.Name));
    }

    [Fact]
    public void SharedModulesAreCountedOnce()
    {
        var lin = new Linear(2, 2);
        var seq = new Sequential(lin, new Act(), lin);
        Assert.Equal(["0.weight", "0.bias"], seq.NamedParameters().Select(p => p.Name));
        Assert.Equal(2, seq.Parameters().Count());
        Assert.Equal(6, seq.ParameterCount());
        Assert.Equal(["", "0", "1"], seq.NamedModules().Select(m => m.Name));
        // PyTorch's state_dict lists a shared module under every path.
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], seq.StateDict().Keys);
        seq.LoadStateDict(seq.StateDict());
    }

    [Fact]
    public void TrainAndEvalPropagate()
    {
        var model = new Deep();
        Assert.All(model.Modules(), m => Assert.True(m.Training));
        Assert.Same(model, model.Eval());
        Assert.All(model.Modules(), m => Assert.False(m.Training));
        Assert.Equal(9, model.Modules().Count());
        model.Train();
        Assert.All(model.Modules(), m => Assert.True(m.Training));
        model.Train(false);
        Assert.All(model.Modules(), m => Assert.False(m.Training));
    }

    [Fact]
    public void ZeroGrad()
    {
        var net = new Net(new Generator(2));
        net.Forward(Torch.Randn(4, 784)).Sum().Backward();
        Assert.All(net.Parameters(), p => Assert.NotNull(p.Grad));
        Assert.Contains(net.Fc1.Bias!.Grad!.ToArray<float>(), v => v != 0);

        net.ZeroGrad(setToNone: false);
        Assert.All(net.Parameters(), p =>
        {
            Assert.NotNull(p.Grad);
            Assert.Equal(p.Shape, p.Grad!.Shape);
            Assert.All(p.Grad.ToArray<float>(), v => Assert.Equal(0f, v));
        });

        net.ZeroGrad();
        Assert.All(net.Parameters(), p => Assert.Null(p.Grad));
        net.ZeroGrad(); // no gradients: nothing to do
    }

    [Fact]
    public void ApplyVisitsChildrenFirstAndCanReinitialize()
    {
        var model = new Deep();
        var order = new List<string>();
        Assert.Same(model, model.Apply(m => order.Add(m.GetType().Name)));
        Assert.Equal(["Linear", "Linear", "Linear", "Act", "Linear", "Flatten", "Sequential", "Sequential", "Deep"], order);

        model.Apply(m =>
        {
            if (m is Linear lin)
            {
                Init.Constant_(lin.Weight, 0.5);
                if (lin.Bias is not null) Init.Zeros_(lin.Bias);
            }
        });
        foreach (var (name, p) in model.NamedParameters())
            Assert.All(p.ToArray<float>(), v => Assert.Equal(name.EndsWith("weight") ? 0.5f : 0f, v));
    }

    [Fact]
    public void StateDictRoundTrip()
    {
        var a = new Net(new Generator(3));
        var b = new Net(new Generator(4));
        var x = Torch.Randn(new Size(5, 784), generator: new Generator(5));
        Assert.NotEqual(a.Forward(x).ToArray<float>(), b.Forward(x).ToArray<float>());

        var state = a.StateDict();
        Assert.All(state.Values, t => Assert.False(t.RequiresGrad));
        var result = b.LoadStateDict(state);
        Assert.Empty(result.MissingKeys);
        Assert.Empty(result.UnexpectedKeys);
        Assert.Equal(a.Forward(x).ToArray<float>(), b.Forward(x).ToArray<float>());

        // Loading copies: b's parameters keep their identity and do not alias a's.
        var weight = b.Fc1.Weight;
        b.LoadStateDict(a.StateDict());
        Assert.Same(weight, b.Fc1.Weight);
        Assert.True(b.Fc1.Weight.IsLeaf && b.Fc1.Weight.RequiresGrad);
        using (Torch.NoGrad()) a.Fc1.Weight.Fill_(0);
        Assert.NotEqual(0f, b.Fc1.Weight.ToArray<float>().Max(Math.Abs));
    }

    [Fact]
    public void StrictLoadingReportsMissingAndUnexpectedKeys()
    {
        var net = new Net();
        var state = net.StateDict();
        state.Remove("fc2.bias");
        state["extra"] = Torch.Zeros(1);
        var ex = Assert.Throws<ArgumentException>(() => net.LoadStateDict(state));
        Assert.StartsWith(
            "Error(s) in loading state_dict for Net:\n\tMissing key(s) in state_dict: \"fc2.bias\".\n\tUnexpected key(s) in state_dict: \"extra\".",
            ex.Message);

        var other = new Net(new Generator(8));
        var result = other.LoadStateDict(state, strict: false);
        Assert.Equal(["fc2.bias"], result.MissingKeys);
        Assert.Equal(["extra"], result.UnexpectedKeys);
        Assert.Equal(net.Fc1.Weight.ToArray<float>(), other.Fc1.Weight.ToArray<float>());
    }

    [Fact]
    public void SizeMismatchIsAnErrorEvenWhenNotStrict()
    {
        var net = new Net();
        var state = net.StateDict();
        state["fc1.weight"] = Torch.Zeros(256, 100);
        var ex = Assert.Throws<ArgumentException>(() => net.LoadStateDict(state, strict: false));
        Assert.StartsWith(
            "Error(s) in loading state_dict for Net:\n\tsize mismatch for fc1.weight: copying a param with shape [256, 100] from checkpoint, " +
            "the shape in current model is [256, 784].", ex.Message);
    }

    [Fact]
    public void PrintsTheTreeLikePyTorch()
    {
        Assert.Equal(
            "Deep(\n" +
            "  (fc1): Linear(in_features=784, out_features=256, bias=True)\n" +
            "  (fc2): Linear(in_features=256, out_features=10, bias=True)\n" +
            "  (seq): Sequential(\n" +
            "    (0): Linear(in_features=3, out_features=4, bias=True)\n" +
            "    (1): ReLU()\n" +
            "    (2): Sequential(\n" +
            "      (0): Linear(in_features=4, out_features=4, bias=True)\n" +
            "      (1): Flatten(start_dim=1, end_dim=-1)\n" +
            "    )\n" +
            "  )\n" +
            ")", new Deep().ToString());
        Assert.Equal(
            "Net(\n  (fc1): Linear(in_features=784, out_features=256, bias=True)\n  (fc2): Linear(in_features=256, out_features=10, bias=True)\n)",
            new Net().ToString());
    }

    [Fact]
    public void ToFloat64KeepsTheParameterObjects()
    {
        var net = new Net(new Generator(6));
        var before = net.Parameters().ToList();
        var values = before.Select(p => p.ToArray<float>()).ToList();
        net.Forward(Torch.Randn(2, 784)).Sum().Backward();

        Assert.Same(net, net.To(DType.Float64));
        var after = net.Parameters().ToList();
        for (int i = 0; i < before.Count; i++)
        {
            Assert.Same(before[i], after[i]);
            Assert.Equal(DType.Float64, after[i].DType);
            Assert.Equal(DType.Float64, after[i].Grad!.DType);
            Assert.True(after[i].IsLeaf && after[i].RequiresGrad);
            Assert.Equal(values[i].Select(v => (double)v), after[i].ToArray<double>());
        }
        Assert.Equal(DType.Float64, net.Forward(Torch.Randn(new Size(2, 784), DType.Float64)).DType);
        Assert.Throws<ArgumentException>(() => net.To(DType.Int64));
    }

    [Fact]
    public void RegistrationRejectsDuplicateAndDottedNames()
    {
        var r = new Registrar();
        r.Param("w");
        r.Param("w"); // the same kind again replaces, as PyTorch
        Assert.StartsWith("register_buffer: attribute 'w' already exists in Registrar", Assert.Throws<ArgumentException>(() => r.Buffer("w")).Message);
        Assert.StartsWith("register_module: attribute 'w' already exists", Assert.Throws<ArgumentException>(() => r.Child("w")).Message);
        r.Child("c");
        Assert.Throws<ArgumentException>(() => r.Param("c"));
        Assert.StartsWith("register_parameter: parameter name can't contain \".\", got \"a.b\"", Assert.Throws<ArgumentException>(() => r.Param("a.b")).Message);
        Assert.Throws<ArgumentException>(() => r.Child("x.y"));
        Assert.Throws<ArgumentException>(() => r.Buffer(""));
        Assert.Equal(["w"], r.NamedParameters().Select(p => p.Name));
    }
}
