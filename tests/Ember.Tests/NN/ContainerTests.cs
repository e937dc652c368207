using Ember.NN;

namespace Ember.Tests.NN;

/// <summary>Sequential, ModuleList and ModuleDict: naming, indexing, forward chaining and PyTorch's printed form.</summary>
public class ContainerTests
{
    /// <summary>A parameterless activation that prints as PyTorch's <c>ReLU()</c>.</summary>
    private sealed class Act : Module<Tensor, Tensor>
    {
        protected override string TypeName => "ReLU";
        public override Tensor Forward(Tensor input) => input.Relu();
    }

    private static Tensor X(params int[] shape) => Torch.Randn(shape, DType.Float32, new Generator(7));

    [Fact]
    public void SequentialPrintsLikePyTorch()
    {
        var seq = new Sequential(new Linear(784, 256), new Act());
        Assert.Equal("Sequential(\n  (0): Linear(in_features=784, out_features=256, bias=True)\n  (1): ReLU()\n)", seq.ToString());
        Assert.Equal("Sequential()", new Sequential().ToString());
    }

    [Fact]
    public void SequentialForwardChainsInOrder()
    {
        var g = new Generator(1);
        var l1 = new Linear(4, 3, generator: g);
        var l2 = new Linear(3, 2, generator: g);
        var seq = new Sequential(l1, new Act(), l2);
        var x = X(5, 4);
        var expected = l2.Forward(l1.Forward(x).Relu());
        Assert.Equal(expected.ToArray<float>(), seq.Forward(x).ToArray<float>());
        Assert.Equal([5, 2], seq.Forward(x).Shape.ToArray());
    }

    [Fact]
    public void EmptySequentialReturnsItsInput()
    {
        var x = X(2, 3);
        Assert.Same(x, new Sequential().Forward(x));
    }

    [Fact]
    public void SequentialIndexingCountAndEnumeration()
    {
        var a = new Linear(2, 3);
        var act = new Act();
        var b = new Linear(3, 1);
        var seq = new Sequential(a, act, b);
        Assert.Equal(3, seq.Count);
        Assert.Same(a, seq[0]);
        Assert.Same(b, seq[2]);
        Assert.Same(b, seq[-1]);
        Assert.Same(a, seq[-3]);
        Assert.Equal(new Module<Tensor, Tensor>[] { a, act, b }, seq.ToArray());
        Assert.Equal(["0", "1", "2"], seq.Names);
        var ex = Assert.Throws<IndexOutOfRangeException>(() => seq[3]);
        Assert.Contains("index 3 is out of range for a Sequential of 3 modules", ex.Message);
        Assert.Throws<IndexOutOfRangeException>(() => seq[-4]);

        var c = new Linear(2, 3, bias: false);
        seq[0] = c;
        Assert.Same(c, seq[0]);
        Assert.Equal(["0.weight", "2.weight", "2.bias"], seq.NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void SequentialAppendAndExtendNameByPosition()
    {
        var seq = new Sequential();
        Assert.Same(seq, seq.Append(new Linear(2, 2)));
        seq.Extend([new Act(), new Linear(2, 1)]);
        Assert.Equal(3, seq.Count);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], seq.StateDict().Keys);
        Assert.Equal([4, 1], seq.Forward(X(4, 2)).Shape.ToArray());
    }

    [Fact]
    public void SequentialSliceKeepsModulesAndNames()
    {
        var a = new Linear(2, 3);
        var b = new Linear(3, 1);
        var seq = new Sequential(a, new Act(), b);
        var tail = seq[1..];
        Assert.Equal(2, tail.Count);
        Assert.Same(b, tail[1]);
        Assert.Equal(["1", "2"], tail.Names);
        Assert.Equal(["2.weight", "2.bias"], tail.NamedParameters().Select(p => p.Name));
        Assert.Equal("Sequential(\n  (1): ReLU()\n  (2): Linear(in_features=3, out_features=1, bias=True)\n)", tail.ToString());
        Assert.Empty(seq[3..]);
    }

    [Fact]
    public void SequentialFromNamedModules()
    {
        var seq = new Sequential(("fc", new Linear(4, 2)), ("act", new Act()));
        Assert.Equal("Sequential(\n  (fc): Linear(in_features=4, out_features=2, bias=True)\n  (act): ReLU()\n)", seq.ToString());
        Assert.Equal(["fc.weight", "fc.bias"], seq.StateDict().Keys);
        Assert.IsType<Act>(seq[1]);
        Assert.Throws<ArgumentException>(() => new Sequential(("a", new Act()), ("a", new Act())));
        Assert.Throws<ArgumentException>(() => new Sequential(("a.b", new Act())));
        Assert.Throws<ArgumentNullException>(() => new Sequential(new Act(), null!));
    }

    [Fact]
    public void NestedSequentialPrintsIndented()
    {
        var seq = new Sequential(new Linear(3, 4), new Act(), new Sequential(new Linear(4, 4), new Flatten()));
        Assert.Equal(
            "Sequential(\n" +
            "  (0): Linear(in_features=3, out_features=4, bias=True)\n" +
            "  (1): ReLU()\n" +
            "  (2): Sequential(\n" +
            "    (0): Linear(in_features=4, out_features=4, bias=True)\n" +
            "    (1): Flatten(start_dim=1, end_dim=-1)\n" +
            "  )\n" +
            ")", seq.ToString());
        Assert.Equal(["0.weight", "0.bias", "2.0.weight", "2.0.bias"], seq.NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void ModuleListIndexingAppendExtendInsert()
    {
        var a = new Linear(2, 2);
        var b = new Linear(2, 3);
        var list = new ModuleList(a, new Act());
        Assert.Equal(2, list.Count);
        Assert.Same(a, list[0]);
        Assert.Same(a, list[-2]);
        Assert.Throws<IndexOutOfRangeException>(() => list[2]);

        Assert.Same(list, list.Append(b));
        list.Extend([new Linear(3, 1)]);
        Assert.Equal(4, list.Count);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias", "3.weight", "3.bias"], list.NamedParameters().Select(p => p.Name));

        var c = new Linear(5, 5);
        list.Insert(1, c);
        Assert.Same(c, list[1]);
        Assert.Same(b, list[3]);
        Assert.Equal(5, list.Count);
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias", "3.weight", "3.bias", "4.weight", "4.bias"], list.StateDict().Keys);
        Assert.Equal(
            "ModuleList(\n" +
            "  (0): Linear(in_features=2, out_features=2, bias=True)\n" +
            "  (1): Linear(in_features=5, out_features=5, bias=True)\n" +
            "  (2): ReLU()\n" +
            "  (3): Linear(in_features=2, out_features=3, bias=True)\n" +
            "  (4): Linear(in_features=3, out_features=1, bias=True)\n" +
            ")", list.ToString());

        list.Insert(-1, new Act());
        Assert.IsType<Act>(list[4]);
        list.Insert(list.Count, new Act());
        Assert.IsType<Act>(list[^1]);
        Assert.Throws<IndexOutOfRangeException>(() => list.Insert(100, new Act()));
        Assert.Equal("ModuleList()", new ModuleList().ToString());
    }

    [Fact]
    public void TypedModuleListHandsOutItsType()
    {
        var g = new Generator(3);
        var layers = new ModuleList<Linear> { new Linear(4, 4, generator: g), new Linear(4, 4, generator: g) };
        var x = X(2, 4);
        foreach (var layer in layers) x = layer.Forward(x).Relu();
        Assert.Equal([2, 4], x.Shape.ToArray());
        Assert.Equal(4, layers[1].InFeatures);
        Assert.StartsWith("ModuleList(\n  (0): Linear(", layers.ToString());
        Assert.Equal(2 * (16 + 4), layers.ParameterCount());

        var replacement = new Linear(4, 4, bias: false);
        layers[0] = replacement;
        Assert.Same(replacement, layers[0]);
        Assert.Equal(["0.weight", "1.weight", "1.bias"], layers.NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void ModuleDictByName()
    {
        var a = new Linear(2, 3);
        var dict = new ModuleDict(("a", a), ("b", new Act()));
        Assert.Equal(2, dict.Count);
        Assert.Same(a, dict["a"]);
        Assert.True(dict.ContainsKey("b"));
        Assert.False(dict.ContainsKey("c"));
        Assert.Equal(["a", "b"], dict.Keys);
        Assert.Same(a, dict.Values.First());
        Assert.True(dict.TryGetValue("a", out var got) && ReferenceEquals(got, a));
        Assert.Equal("ModuleDict(\n  (a): Linear(in_features=2, out_features=3, bias=True)\n  (b): ReLU()\n)", dict.ToString());
        Assert.Equal(["a.weight", "a.bias"], dict.StateDict().Keys);

        var ex = Assert.Throws<KeyNotFoundException>(() => dict["c"]);
        Assert.Contains("no module named \"c\"", ex.Message);

        // Replacing keeps the position; a new name goes at the end.
        var a2 = new Linear(2, 3, bias: false);
        dict["a"] = a2;
        dict["c"] = new Linear(1, 1);
        Assert.Equal(["a", "b", "c"], dict.Keys);
        Assert.Same(a2, dict["a"]);
        Assert.Equal(["a.weight", "c.weight", "c.bias"], dict.NamedParameters().Select(p => p.Name));
        Assert.Equal(["a", "b", "c"], dict.Select(kv => kv.Key));

        Assert.Throws<ArgumentException>(() => dict.Add("b", new Act()));
        Assert.Throws<ArgumentException>(() => dict["x.y"] = new Act());
        Assert.Throws<ArgumentException>(() => dict[""] = new Act());
    }

    [Fact]
    public void TypedModuleDictWithCollectionInitializer()
    {
        var heads = new ModuleDict<Linear> { ["cls"] = new Linear(8, 10), ["box"] = new Linear(8, 4) };
        var features = X(3, 8);
        Assert.Equal([3, 10], heads["cls"].Forward(features).Shape.ToArray());
        Assert.Equal([3, 4], heads["box"].Forward(features).Shape.ToArray());
        Assert.Equal(["cls.weight", "cls.bias", "box.weight", "box.bias"], heads.NamedParameters().Select(p => p.Name));
        Assert.Equal("ModuleDict()", new ModuleDict().ToString());
    }

    [Fact]
    public void ContainersInsideAUserModule()
    {
        var tower = new Tower();
        Assert.Equal(
            ["blocks.0.weight", "blocks.0.bias", "blocks.1.weight", "blocks.1.bias", "heads.out.weight", "heads.out.bias"],
            tower.NamedParameters().Select(p => p.Name));
        Assert.Equal([2, 1], tower.Forward(X(2, 3)).Shape.ToArray());
        Assert.Equal(
            "Tower(\n" +
            "  (blocks): ModuleList(\n" +
            "    (0): Linear(in_features=3, out_features=3, bias=True)\n" +
            "    (1): Linear(in_features=3, out_features=3, bias=True)\n" +
            "  )\n" +
            "  (heads): ModuleDict(\n" +
            "    (out): Linear(in_features=3, out_features=1, bias=True)\n" +
            "  )\n" +
            ")", tower.ToString());
    }

    private sealed class Tower : Module<Tensor, Tensor>
    {
        private readonly ModuleList<Linear> _blocks;
        private readonly ModuleDict<Linear> _heads;

        public Tower()
        {
            _blocks = RegisterModule("blocks", new ModuleList<Linear>(new Linear(3, 3), new Linear(3, 3)));
            _heads = RegisterModule("heads", new ModuleDict<Linear>(("out", new Linear(3, 1))));
        }

        public override Tensor Forward(Tensor input)
        {
            foreach (var block in _blocks) input = block.Forward(input).Relu();
            return _heads["out"].Forward(input);
        }
    }
}
