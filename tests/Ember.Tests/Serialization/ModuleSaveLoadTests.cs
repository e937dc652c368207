using Ember.NN;
using Ember.Serialization;
using Ember.Vision;
using Xunit;

namespace Ember.Tests.Serialization;

/// <summary>
/// <see cref="Module.Save"/> / <see cref="Module.Load"/>: every layer type's state dict (convolutions, batch norm with its
/// int64 counter, recurrent layers, embeddings, normalization layers) survives a safetensors round trip into a freshly
/// initialized model, which then computes the same outputs; dtype, shape and key mismatches are errors naming the key.
/// </summary>
public class ModuleSaveLoadTests
{
    private static string TempFile() => Path.Combine(Path.GetTempPath(), $"ember-{Guid.NewGuid():N}.safetensors");

    private static void AssertSameState(Module a, Module b)
    {
        var sa = a.StateDict();
        var sb = b.StateDict();
        Assert.Equal(sa.Keys.OrderBy(k => k, StringComparer.Ordinal), sb.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var (k, t) in sa)
        {
            Assert.Equal(t.DType, sb[k].DType);
            Assert.Equal(t.Shape, sb[k].Shape);
            Assert.Equal(t.To(DType.Float64).ToArray<double>(), sb[k].To(DType.Float64).ToArray<double>());
        }
    }

    public static IEnumerable<object[]> Cases()
    {
        yield return ["resnet18", (Func<int, Module>)(seed => Models.ResNet18(numClasses: 10, generator: new Generator(seed)))];
        yield return ["lstm", (Func<int, Module>)(seed => new LSTM(4, 8, numLayers: 2, bidirectional: true, generator: new Generator(seed)))];
        yield return ["gru", (Func<int, Module>)(seed => new GRU(4, 6, generator: new Generator(seed)))];
        yield return ["mixed", (Func<int, Module>)(seed =>
        {
            var g = new Generator(seed);
            return new Sequential(new Embedding(10, 4, generator: g), new LayerNorm(4), new Linear(4, 8, generator: g), new GroupNorm(2, 8), new BatchNorm1d(8));
        })];
        // Every other layer type with state, seeded globally (their initializers draw from the default generator).
        static Func<int, Module> Seeded(Func<Module> make) => seed =>
        {
            Torch.ManualSeed(seed);
            return make();
        };
        yield return ["convolutions", Seeded(() => new Sequential(new Conv1d(2, 3, 3), new ConvTranspose1d(3, 2, 2, stride: 2),
            new Conv2d(2, 4, 3, groups: 2), new ConvTranspose2d(4, 2, 3), new BatchNorm2d(2), new PReLU(2)))];
        yield return ["bilinear+bag", Seeded(() => new ModuleList([new Bilinear(3, 4, 5), new EmbeddingBag(7, 3), new LayerNorm([2, 3], elementwiseAffine: true)]))];
        yield return ["rnn+cells", Seeded(() => new ModuleList([new RNN(3, 4, numLayers: 2, nonlinearity: "relu"), new RNNCell(3, 4), new GRUCell(3, 4), new LSTMCell(3, 4),
            new LSTM(3, 5, projSize: 2, bidirectional: true)]))];
    }

    public static IEnumerable<object[]> CasesInBothFormats() =>
        Cases().SelectMany(c => new[] { new[] { c[0], c[1], ".safetensors" }, new[] { c[0], c[1], ".pt" } });

    [Theory]
    [MemberData(nameof(CasesInBothFormats))]
    public void StateDictRoundTripsIntoAFreshModel(string name, Func<int, Module> make, string extension)
    {
        var a = make(1);
        if (a is ResNet r)
        {
            // Move the batch-norm statistics off their initial values.
            r.Train();
            using (Torch.NoGrad()) r.Call(Torch.Randn([2, 3, 32, 32], generator: new Generator(5)));
        }
        var b = make(2);
        string path = Path.ChangeExtension(TempFile(), extension);
        try
        {
            if (extension == ".pt") a.Save(path);
            else a.Save(path, new Dictionary<string, string> { ["model"] = name });
            var result = b.Load(path);
            Assert.Empty(result.MissingKeys);
            Assert.Empty(result.UnexpectedKeys);
            AssertSameState(a, b);
            if (extension == ".safetensors") Assert.Equal(name, Safetensors.Load(path).Metadata["model"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MismatchesAreErrorsNamingTheKey()
    {
        var g = new Generator(3);
        var model = new Sequential(new Linear(4, 3, generator: g), new Linear(3, 2, generator: g));
        string path = TempFile();
        try
        {
            // A half-precision file: refused by default, converted on request.
            var half = model.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.To(DType.Float16));
            Safetensors.Save(half, path);
            var e = Assert.Throws<ArgumentException>(() => model.Load(path));
            Assert.Contains("0.weight", e.Message);
            Assert.Contains("Float16", e.Message);
            model.Load(path, convertDTypes: true);
            Assert.Equal(half["0.weight"].To(DType.Float32).ToArray<float>(), model.StateDict()["0.weight"].ToArray<float>());

            // A wrong shape names the key and both shapes.
            var wrongShape = new Dictionary<string, Tensor>(model.StateDict()) { ["1.weight"] = Torch.Zeros([2, 4]) };
            Safetensors.Save(wrongShape, path);
            Assert.Contains("1.weight", Assert.Throws<ArgumentException>(() => model.Load(path)).Message);

            // Missing and unexpected keys: an error when strict, reported otherwise.
            var partial = model.StateDict().Where(kv => kv.Key != "1.bias").ToDictionary(kv => kv.Key, kv => kv.Value);
            partial["extra"] = Torch.Ones([1]);
            Safetensors.Save(partial, path);
            var strict = Assert.Throws<ArgumentException>(() => model.Load(path));
            Assert.Contains("1.bias", strict.Message);
            Assert.Contains("extra", strict.Message);
            var loose = model.Load(path, strict: false);
            Assert.Equal(["1.bias"], loose.MissingKeys);
            Assert.Equal(["extra"], loose.UnexpectedKeys);

            File.WriteAllBytes(path, [1, 2, 3]);
            Assert.Throws<ModelFormatException>(() => model.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
