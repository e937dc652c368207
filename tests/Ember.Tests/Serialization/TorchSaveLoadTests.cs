using System.Collections;
using Ember.NN;
using Ember.Optim;
using Ember.Serialization;

namespace Ember.Tests.Serialization;

/// <summary>Torch.Save/Torch.Load and Module.Save/Load over both formats, and optimizer state dicts through files.</summary>
public sealed class TorchSaveLoadTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-save-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static Sequential Model()
    {
        Torch.ManualSeed(4);
        return new Sequential(new Linear(5, 7), new BatchNorm1d(7), new ReLU(), new Linear(7, 2));
    }

    [Fact]
    public void SaveWritesPyTorchFilesAndSafetensorsByExtensionAndLoadReadsEither()
    {
        var sd = Model().StateDict();
        Torch.Save(sd, PathOf("m.pt"));
        Torch.Save(sd, PathOf("m.safetensors"));
        Assert.Equal((byte)'P', File.ReadAllBytes(PathOf("m.pt"))[0]);
        var fromPt = Assert.IsAssignableFrom<IDictionary>(Torch.Load(PathOf("m.pt")));
        var fromSt = Assert.IsAssignableFrom<IReadOnlyDictionary<string, Tensor>>(Torch.Load(PathOf("m.safetensors")));
        Assert.Equal(sd.Keys, fromPt.Keys.Cast<string>());
        foreach (var (k, v) in sd)
        {
            Assert.True(Torch.Equal(v, (Tensor)fromPt[k]!), k);
            Assert.True(Torch.Equal(v, fromSt[k]), k);
            Assert.Equal(v.DType, fromSt[k].DType);
        }
        // the content decides, not the name
        File.Move(PathOf("m.pt"), PathOf("m.bin"));
        Assert.IsAssignableFrom<IDictionary>(Torch.Load(PathOf("m.bin")));
    }

    [Fact]
    public void ModuleSaveAndLoadRoundTripInBothFormats()
    {
        var model = Model();
        foreach (string name in new[] { "a.pt", "a.pth", "a.safetensors", "a.weights" })
        {
            model.Save(PathOf(name));
            var other = new Sequential(new Linear(5, 7), new BatchNorm1d(7), new ReLU(), new Linear(7, 2));
            var result = other.Load(PathOf(name));
            Assert.Empty(result.MissingKeys);
            foreach (var (k, v) in model.StateDict()) Assert.True(Torch.Equal(v, other.StateDict()[k]), $"{name}: {k}");
        }
        Assert.Equal((byte)'P', File.ReadAllBytes(PathOf("a.pth"))[0]);
        Assert.Equal(new byte[] { 0, 0 }, File.ReadAllBytes(PathOf("a.weights"))[2..4]); // safetensors: a little-endian header length first, not "PK\x03\x04"
        Assert.Contains("metadata", Assert.Throws<ArgumentException>(() => model.Save(PathOf("b.pt"), new Dictionary<string, string> { ["k"] = "v" })).Message);
        var wrong = new Sequential(new Linear(5, 3));
        Assert.Throws<ArgumentException>(() => wrong.Load(PathOf("a.pt")));
    }

    [Fact]
    public void AnOptimizerStateSurvivesAFileAndContinuesIdentically()
    {
        var (m1, m2) = (Model(), Model());
        var o1 = new Adam(m1.Parameters(), lr: 0.01, betas: (0.8, 0.99));
        var x = Torch.Randn(8, 5);
        void Step(Module<Tensor, Tensor> m, Optimizer o)
        {
            o.ZeroGrad();
            m.Call(x).Pow(2).Mean().Backward();
            o.Step();
        }
        Step(m1, o1);
        Torch.Save(o1.StateDict(), PathOf("opt.pt"));
        m2.LoadStateDict(m1.StateDict());
        var o2 = new Adam(m2.Parameters(), lr: 0.5);
        o2.LoadStateDict(OptimizerState.FromDictionary((IDictionary)Torch.Load(PathOf("opt.pt"))!));
        Assert.Equal((0.8, 0.99), o2.ParamGroups[0].Betas);
        Assert.Equal(0.01, o2.ParamGroups[0].Lr);
        for (int i = 0; i < 3; i++)
        {
            Step(m1, o1);
            Step(m2, o2);
        }
        foreach (var (k, v) in m1.StateDict()) Assert.True(Torch.Equal(v, m2.StateDict()[k]), k);
    }

    [Fact]
    public void BadArgumentsAndFilesAreClearErrors()
    {
        Assert.Throws<ArgumentNullException>(() => Torch.Save(1L, null!));
        Assert.StartsWith("save: ", Assert.Throws<ArgumentException>(() => Torch.Save(1L, "")).Message);
        Assert.StartsWith("save: ", Assert.Throws<ArgumentException>(() => Torch.Save(new List<object?> { 1L }, PathOf("x.safetensors"))).Message);
        Assert.Throws<ArgumentException>(() => Torch.Save(Model(), PathOf("model.pt"))); // whole modules: save the state dict
        Assert.False(File.Exists(PathOf("model.pt")));
        Assert.Throws<FileNotFoundException>(() => Torch.Load(PathOf("none.pt")));
        File.WriteAllBytes(PathOf("junk.pt"), [(byte)'P', (byte)'K', 3, 4, 0]);
        Assert.Throws<ModelFormatException>(() => Torch.Load(PathOf("junk.pt")));
        File.WriteAllBytes(PathOf("junk2.pt"), [1, 2, 3]);
        Assert.Throws<ModelFormatException>(() => Torch.Load(PathOf("junk2.pt")));
        var bad = new Dictionary<string, object?> { ["state"] = new Dictionary<object, object?> { ["x"] = 1L }, ["param_groups"] = new List<object?>() };
        Assert.Contains("a key of 'state'", Assert.Throws<ArgumentException>(() => OptimizerState.FromDictionary(bad)).Message);
    }
}
