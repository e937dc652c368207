using Ember.NN;

namespace Ember.Tests.NN;

/// <summary>
/// Partial modules in this assembly, registered by Ember's source generator (which runs on the test project): names,
/// order, nesting, interplay with explicit registration, and everything the registry feeds (state dict, Train, To).
/// </summary>
public partial class GeneratedRegistrationTests
{
    private sealed partial class Mlp : Module<Tensor, Tensor>
    {
        private readonly Linear _fc1 = new(4, 3);
        private readonly ReLU _act = new();
        public Linear Fc2 { get; } = new(3, 2);
        private readonly Parameter _outputScale = new(Torch.Ones(2));
        private readonly Linear? _unused = null;          // null: not registered
        [NotRegistered] private readonly Linear _teacher = new(4, 2);
        private readonly Tensor _constant = Torch.Ones(2); // a plain tensor is not a buffer (as in PyTorch)

        public override Tensor Forward(Tensor x) => Fc2.Call(_act.Call(_fc1.Call(x))) * _outputScale;

        public Linear Teacher => _teacher;

        public Linear? Unused => _unused;

        public Tensor Constant => _constant;
    }

    [Fact]
    public void FieldsAndAutoPropertiesAreRegisteredUnderPyTorchNamesInDeclarationOrder()
    {
        var m = new Mlp();
        // As PyTorch: a module's own parameters, then its children's.
        Assert.Equal(["output_scale", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"], m.NamedParameters().Select(p => p.Name));
        Assert.Equal(["output_scale", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"], m.StateDict().Keys);
        Assert.Equal(["fc1", "act", "fc2"], m.NamedChildren().Select(c => c.Name));
        Assert.Equal(4 * 3 + 3 + 3 * 2 + 2 + 2, m.ParameterCount());
        Assert.DoesNotContain(m.Parameters(), p => ReferenceEquals(p, m.Teacher.Weight));
        Assert.Empty(m.Buffers());
        Assert.Equal(
            "Mlp(\n  (fc1): Linear(in_features=4, out_features=3, bias=True)\n  (act): ReLU()\n  (fc2): Linear(in_features=3, out_features=2, bias=True)\n)",
            m.ToString());
    }

    [Fact]
    public void TrainEvalToAndLoadStateDictReachGeneratedMembers()
    {
        var m = new Mlp();
        m.Eval();
        Assert.All(m.Modules(), x => Assert.False(x.Training));
        m.To(DType.Float64);
        Assert.All(m.Parameters(), p => Assert.Equal(DType.Float64, p.DType));
        Assert.Equal(DType.Float32, m.Teacher.Weight.DType); // not part of the module

        var copy = new Mlp().To(DType.Float64);
        copy.LoadStateDict(m.StateDict());
        var x = Torch.Randn(new[] { 5, 4 }, DType.Float64, new Generator(3));
        Assert.Equal(m.Call(x).ToArray<double>(), ((Mlp)copy).Call(x).ToArray<double>());
    }

    private sealed partial class Block : Module<Tensor, Tensor>
    {
        private readonly Sequential _layers = new(new Linear(2, 2), new Tanh());
        private readonly Mlp _inner = new();

        public override Tensor Forward(Tensor x) => _inner.Call(x);
    }

    private sealed partial class Tower : Module<Tensor, Tensor>
    {
        private readonly Block _block = new();
        private readonly ModuleList<Linear> _heads = new(new Linear(2, 1), new Linear(2, 1));

        public override Tensor Forward(Tensor x) => _block.Call(x);
    }

    [Fact]
    public void NestedGeneratedModulesGiveDottedNames()
    {
        var names = new Tower().NamedParameters().Select(p => p.Name).ToList();
        Assert.Equal(
            ["block.layers.0.weight", "block.layers.0.bias", "block.inner.output_scale", "block.inner.fc1.weight", "block.inner.fc1.bias",
             "block.inner.fc2.weight", "block.inner.fc2.bias", "heads.0.weight", "heads.0.bias", "heads.1.weight", "heads.1.bias"],
            names);
        Assert.Equal(
            ["", "block", "block.layers", "block.layers.0", "block.layers.1", "block.inner", "block.inner.fc1", "block.inner.act",
             "block.inner.fc2", "heads", "heads.0", "heads.1"],
            new Tower().NamedModules().Select(m => m.Name));
    }

    private sealed partial class Mixed : Module<Tensor, Tensor>
    {
        private readonly Linear _head;
        private readonly Linear _encoder = new(3, 3);
        private readonly Linear _alias;
        private Linear? _late;

        public Mixed()
        {
            _head = RegisterModule("classifier", new Linear(3, 1)); // explicit: keeps its name, and comes first
            _alias = _encoder;                                      // the same module twice: listed once
        }

        public Linear? Late { get => _late; set => _late = value; }

        public Linear Alias => _alias;

        public override Tensor Forward(Tensor x) => _head.Call(_encoder.Call(x));
    }

    [Fact]
    public void ExplicitRegistrationsKeepTheirNamesAndComeFirst()
    {
        var m = new Mixed();
        Assert.Equal(["classifier", "encoder"], m.NamedChildren().Select(c => c.Name)); // each child once, as PyTorch
        Assert.Contains("(alias): Linear(in_features=3, out_features=3, bias=True)", m.ToString());
        Assert.Equal(["classifier.weight", "classifier.bias", "encoder.weight", "encoder.bias"], m.NamedParameters().Select(p => p.Name));
        // PyTorch's state_dict lists a module under every path: the alias too.
        Assert.Equal(["classifier.weight", "classifier.bias", "encoder.weight", "encoder.bias", "alias.weight", "alias.bias"], m.StateDict().Keys);
    }

    [Fact]
    public void MembersAssignedOrReplacedLaterAreSeen()
    {
        var m = new Mixed();
        Assert.DoesNotContain("late", m.NamedChildren().Select(c => c.Name));
        m.Late = new Linear(3, 2);
        Assert.Contains("late.weight", m.StateDict().Keys);
        var replacement = new Linear(3, 2);
        m.Late = replacement;
        Assert.Same(replacement.Weight, m.NamedParameters().Single(p => p.Name == "late.weight").Parameter);
        m.Late = null;
        Assert.DoesNotContain("late.weight", m.StateDict().Keys);
    }

    private sealed partial class Clash : Module<Tensor, Tensor>
    {
        private readonly Linear _fc = new(2, 2);

        public Clash() => RegisterModule("fc", new Linear(2, 2));

        public override Tensor Forward(Tensor x) => _fc.Call(x);
    }

    [Fact]
    public void AMemberWhoseNameIsTakenExplicitlyIsAnError()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new Clash().Parameters().ToList());
        Assert.StartsWith("Clash: member '_fc' would be registered automatically as 'fc', a name already registered", e.Message);
    }

    private partial class Base : Module<Tensor, Tensor>
    {
        protected readonly Linear BaseLayer = new(2, 2);

        public override Tensor Forward(Tensor x) => BaseLayer.Call(x);
    }

    private sealed partial class Derived : Base
    {
        private readonly Linear _extra = new(2, 2);

        public Linear Extra => _extra;
    }

    private sealed partial class Generic<T> : Module<Tensor, Tensor> where T : Module<Tensor, Tensor>
    {
        private readonly T _inner;

        public Generic(T inner) => _inner = inner;

        public override Tensor Forward(Tensor x) => _inner.Call(x);
    }

    [Fact]
    public void BaseClassMembersComeFirstAndGenericMembersWork()
    {
        Assert.Equal(["base_layer", "extra"], new Derived().NamedChildren().Select(c => c.Name));
        Assert.Equal(["inner.weight", "inner.bias"], new Generic<Linear>(new Linear(2, 3)).NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void ExplicitlyRegisteredLayersAreUnchanged()
    {
        Assert.Equal(["weight", "bias"], new Linear(2, 3).StateDict().Keys);
        Assert.Equal(["weight", "bias", "running_mean", "running_var", "num_batches_tracked"], new BatchNorm1d(3).StateDict().Keys);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], new Sequential(new Linear(2, 3), new ReLU(), new Linear(3, 1)).StateDict().Keys);
    }
}
