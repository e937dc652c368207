using System.Numerics;
using Ember.NN;
using Ember.Serialization;
using Ember.Serialization.Zip;
using Ember.Vision;
using Xunit;

namespace Ember.Tests.Serialization;

/// <summary>
/// Ember → PyTorch file → Ember: every dtype, views that share a storage, parameters, nested containers and the state
/// dicts of every layer type come back exactly; the archive has PyTorch's layout (64-byte aligned records); saving is
/// atomic and refuses values PyTorch cannot represent.
/// </summary>
public class PyTorchFileRoundTripTests
{
    internal static Dictionary<string, Tensor> EveryDType(int seed)
    {
        var g = new Generator(seed);
        return new Dictionary<string, Tensor>
        {
            ["f32"] = Torch.Randn([3, 4], generator: g),
            ["f64"] = Torch.Randn([2, 3], DType.Float64, g),
            ["f16"] = Torch.Randn([5], generator: g).To(DType.Float16),
            ["bf16"] = Torch.Randn([2, 2, 2], generator: g).To(DType.BFloat16),
            ["i64"] = Torch.Randint(long.MinValue / 2, long.MaxValue / 2, [7], g),
            ["i32"] = Torch.Randint(int.MinValue, int.MaxValue, [3, 1], g).To(DType.Int32),
            ["u8"] = Torch.Randint(0, 256, [4], g).To(DType.UInt8),
            ["bool"] = Torch.Randn([6], generator: g).Gt(0.0),
            ["scalar"] = Torch.Randn([], generator: g),
            ["empty"] = Torch.Zeros([0, 5]),
        };
    }

    private static object? RoundTrip(object? value)
    {
        using var m = new MemoryStream();
        PyTorchFile.Save(value, m);
        m.Position = 0;
        return PyTorchFile.Load(m);
    }

    internal static void AssertSameTensor(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.DType, actual.DType);
        Assert.Equal(expected.ShapeArray, actual.ShapeArray);
        Assert.Equal(expected.StridesArray, actual.StridesArray);
        Assert.Equal(expected.Offset, actual.Offset);
        Assert.Equal(expected.RequiresGrad, actual.RequiresGrad);
        // Compare bit patterns (NaN, -0 and the 16-bit floats included).
        Assert.Equal(Bits(expected), Bits(actual));
    }

    private static long[] Bits(Tensor t) => t.DType switch
    {
        DType.Float32 => t.Detach().ToArray<float>().Select(v => (long)BitConverter.SingleToInt32Bits(v)).ToArray(),
        DType.Float64 => t.Detach().ToArray<double>().Select(BitConverter.DoubleToInt64Bits).ToArray(),
        DType.Float16 => t.ToArray<Half>().Select(v => (long)BitConverter.HalfToInt16Bits(v)).ToArray(),
        DType.BFloat16 => t.To(DType.Float32).ToArray<float>().Select(v => (long)BitConverter.SingleToInt32Bits(v)).ToArray(),
        DType.Int64 => t.ToArray<long>(),
        DType.Int32 => t.ToArray<int>().Select(v => (long)v).ToArray(),
        DType.UInt8 => t.ToArray<byte>().Select(v => (long)v).ToArray(),
        DType.Bool => t.ToArray<bool>().Select(v => v ? 1L : 0L).ToArray(),
        _ => throw new NotSupportedException(),
    };

    [Fact]
    public void EveryDTypeRoundTrips()
    {
        var tensors = EveryDType(1);
        var back = Assert.IsType<OrderedDictionary<object, object?>>(RoundTrip(tensors));
        Assert.Equal(tensors.Keys, back.Keys.Cast<string>());
        foreach (var (k, t) in tensors) AssertSameTensor(t, Assert.IsType<Tensor>(back[k]));
    }

    [Fact]
    public void ViewsKeepTheirLayoutAndStillShareOneStorage()
    {
        var b = Torch.Arange(0, 24, dtype: DType.Float32).Reshape(2, 3, 4);
        var views = new OrderedDictionary<string, Tensor>
        {
            ["base"] = b,
            ["t"] = b.Transpose(0, 2),
            ["slice"] = b.Narrow(1, 1, 2).Select(2, 3),
            ["expand"] = b.Select(0, 1).Select(0, 0).Unsqueeze(0).Expand(3, 4),
            ["other"] = Torch.Ones(2),
        };
        var back = PyTorchFile.LoadStateDict(Save(views));
        foreach (var (k, t) in views) AssertSameTensor(t, back[k]);
        Assert.Same(back["base"].Storage, back["t"].Storage);
        Assert.Same(back["base"].Storage, back["slice"].Storage);
        Assert.Same(back["base"].Storage, back["expand"].Storage);
        Assert.NotSame(back["base"].Storage, back["other"].Storage);
    }

    private static MemoryStream Save(object? value)
    {
        var m = new MemoryStream();
        PyTorchFile.Save(value, m);
        m.Position = 0;
        return m;
    }

    [Fact]
    public void AViewWithNegativeStridesIsWrittenAsAContiguousCopy()
    {
        var b = Torch.Arange(0, 6, dtype: DType.Float32);
        var reversed = new Tensor(b.Storage, [3], [-2], 5); // elements 5, 3, 1
        var back = PyTorchFile.LoadStateDict(Save(new Dictionary<string, Tensor> { ["r"] = reversed }))["r"];
        Assert.Equal(new float[] { 5, 3, 1 }, back.ToArray<float>());
        Assert.Equal([1], back.StridesArray);
    }

    [Fact]
    public void ParametersAndRequiresGradRoundTrip()
    {
        var p = new Parameter(Torch.Randn([2, 3], generator: new Generator(4)));
        var frozen = new Parameter(Torch.Ones(2), requiresGrad: false);
        var leaf = Torch.Zeros(3).RequiresGrad_();
        var back = PyTorchFile.LoadStateDict(Save(new Dictionary<string, Tensor> { ["p"] = p, ["frozen"] = frozen, ["leaf"] = leaf }));
        AssertSameTensor(p, Assert.IsType<Parameter>(back["p"]));
        AssertSameTensor(frozen, Assert.IsType<Parameter>(back["frozen"]));
        Assert.IsNotType<Parameter>(back["leaf"]);
        AssertSameTensor(leaf, back["leaf"]);
    }

    [Fact]
    public void NestedContainersAndScalarsRoundTrip()
    {
        var value = new Dictionary<string, object?>
        {
            ["state"] = new Dictionary<long, object?> { [0] = new Dictionary<string, object?> { ["step"] = Torch.Scalar(3.0), ["n"] = 3 } },
            ["groups"] = new List<object?> { new Dictionary<string, object?> { ["lr"] = 0.001, ["betas"] = new object?[] { 0.9, 0.999 }, ["params"] = new List<long> { 0, 1 } } },
            ["ints"] = new object?[] { 0L, 255L, 256L, 65535L, 65536L, -1L, int.MinValue, (long)int.MaxValue + 1, long.MinValue, long.MaxValue, BigInteger.Pow(-3, 60), 7u, (byte)9, (short)-4 },
            ["floats"] = new object?[] { 0.1, -0.0, double.NaN, double.PositiveInfinity, 1.5f },
            ["text"] = "naïve ☃ \U0001F600",
            ["flags"] = new List<object?> { true, false, null },
            ["empty"] = new object?[] { Array.Empty<object?>(), new List<object?>(), new Dictionary<string, object?>() },
            ["ordered"] = new OrderedDictionary<string, object?> { ["z"] = 1L, ["a"] = 2L },
            ["tuplekey"] = new Dictionary<object, object?> { [new object?[] { 1L, "a" }] = "t", [2.5] = "f", [true] = "b" },
        };
        var back = Assert.IsType<OrderedDictionary<object, object?>>(RoundTrip(value));
        var s0 = Assert.IsType<OrderedDictionary<object, object?>>(Assert.IsType<OrderedDictionary<object, object?>>(back["state"])[0L]);
        Assert.Equal(3.0f, Assert.IsType<Tensor>(s0["step"]).Item<float>());
        Assert.Equal(3L, s0["n"]);
        var g = Assert.IsType<OrderedDictionary<object, object?>>(Assert.Single(Assert.IsType<List<object?>>(back["groups"])));
        Assert.Equal(0.001, g["lr"]);
        Assert.Equal(new object?[] { 0.9, 0.999 }, g["betas"]);
        Assert.Equal(new List<object?> { 0L, 1L }, g["params"]);
        Assert.Equal(new object?[] { 0L, 255L, 256L, 65535L, 65536L, -1L, (long)int.MinValue, (long)int.MaxValue + 1, long.MinValue, long.MaxValue, BigInteger.Pow(-3, 60), 7L, 9L, -4L }, back["ints"]);
        var floats = Assert.IsType<object?[]>(back["floats"]);
        Assert.Equal(0.1, floats[0]);
        Assert.True(double.IsNegative((double)floats[1]!));
        Assert.True(double.IsNaN((double)floats[2]!));
        Assert.Equal(double.PositiveInfinity, floats[3]);
        Assert.Equal(1.5, floats[4]);
        Assert.Equal("naïve ☃ \U0001F600", back["text"]);
        Assert.Equal(new List<object?> { true, false, null }, back["flags"]);
        var empty = Assert.IsType<object?[]>(back["empty"]);
        Assert.Empty(Assert.IsType<object?[]>(empty[0]));
        Assert.Empty(Assert.IsType<List<object?>>(empty[1]));
        Assert.Empty(Assert.IsType<OrderedDictionary<object, object?>>(empty[2]));
        Assert.Equal(["z", "a"], Assert.IsType<OrderedDictionary<object, object?>>(back["ordered"]).Keys);
        var tk = Assert.IsType<OrderedDictionary<object, object?>>(back["tuplekey"]);
        Assert.Equal("t", tk[new object?[] { 1L, "a" }]);
        Assert.Equal("f", tk[2.5]);
        Assert.Equal("b", tk[1L]); // Python: True == 1
        Assert.Null(RoundTrip(null));
        Assert.Equal(42L, RoundTrip(42));
    }

    public static IEnumerable<object[]> Layers()
    {
        yield return ["linear", (Func<int, Module>)(s => new Linear(5, 3, generator: new Generator(s)))];
        yield return ["conv2d", (Func<int, Module>)(s => new Conv2d(3, 4, 3, generator: new Generator(s)))];
        yield return ["conv1d", (Func<int, Module>)(s => new Conv1d(2, 3, 2, bias: false, generator: new Generator(s)))];
        yield return ["convtranspose2d", (Func<int, Module>)(s => new ConvTranspose2d(2, 3, 2, generator: new Generator(s)))];
        yield return ["lstm", (Func<int, Module>)(s => new LSTM(4, 5, numLayers: 2, bidirectional: true, generator: new Generator(s)))];
        yield return ["gru", (Func<int, Module>)(s => new GRU(3, 4, generator: new Generator(s)))];
        yield return ["rnn", (Func<int, Module>)(s => new RNN(3, 4, nonlinearity: "relu", generator: new Generator(s)))];
        yield return ["embedding", (Func<int, Module>)(s => new Embedding(7, 3, generator: new Generator(s)))];
        yield return ["norms", (Func<int, Module>)(s =>
        {
            var m = new Sequential(new LayerNorm([4]), new GroupNorm(2, 4), new BatchNorm1d(4), new PReLU(4));
            using (Torch.NoGrad())
                foreach (var p in m.Parameters()) p.Copy_(Torch.Randn(p.ShapeArray, generator: new Generator(s)));
            return m;
        })];
        yield return ["resnet18", (Func<int, Module>)(s => Models.ResNet18(numClasses: 5, generator: new Generator(s)))];
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void EveryLayersStateDictRoundTripsThroughAFile(string name, Func<int, Module> make)
    {
        var a = make(1);
        var b = make(2);
        string path = Path.Combine(Path.GetTempPath(), $"ember-{name}-{Guid.NewGuid():N}.pt");
        try
        {
            PyTorchFile.Save(a.StateDict(), path);
            var loaded = PyTorchFile.LoadStateDict(path);
            Assert.Equal(a.StateDict().Keys, loaded.Keys);
            var result = b.LoadStateDict(loaded);
            Assert.Empty(result.MissingKeys);
            var sb = b.StateDict();
            foreach (var (k, t) in a.StateDict()) AssertSameTensor(t, sb[k]);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void TheArchiveHasPyTorchsLayoutWithAlignedRecords()
    {
        using var m = Save(new OrderedDictionary<string, Tensor> { ["a"] = Torch.Ones(3), ["b"] = Torch.Zeros([2], DType.Int64), ["c"] = Torch.Ones(1).To(DType.Float16) });
        var zip = ZipReader.Open(m, "test");
        Assert.Equal(["archive/data.pkl", "archive/data/0", "archive/data/1", "archive/data/2", "archive/version"], zip.Entries.Select(e => e.Name));
        Assert.All(zip.Entries, e => Assert.Equal(0, e.DataOffset % 64));
        Assert.Equal([12L, 16L, 2L], zip.Entries.Skip(1).Take(3).Select(e => e.Size));
    }

    [Fact]
    public void Zip64RecordsAreWrittenAndRead()
    {
        using var m = new MemoryStream();
        var tensors = EveryDType(6);
        PyTorchFile.Save(tensors, m, zip64From: 0); // every size and offset in zip64 records, and the zip64 end records
        var bytes = m.ToArray();
        Assert.True(bytes.AsSpan().IndexOf("PK\x06\x06"u8) > 0 && bytes.AsSpan().IndexOf("PK\x06\x07"u8) > 0);
        var back = PyTorchFile.LoadStateDict(new MemoryStream(bytes));
        foreach (var (k, t) in tensors) AssertSameTensor(t, back[k]);
    }

    [Fact]
    public void SavingIsAtomicAndRefusesWhatPyTorchCannotHold()
    {
        string dir = Directory.CreateTempSubdirectory("ember-pt-").FullName;
        try
        {
            string path = Path.Combine(dir, "model.pt");
            PyTorchFile.Save(new Dictionary<string, Tensor> { ["w"] = Torch.Ones(2) }, path);
            PyTorchFile.Save(new Dictionary<string, Tensor> { ["w"] = Torch.Zeros(2) }, path); // replaces it
            Assert.Equal(new float[] { 0, 0 }, PyTorchFile.LoadStateDict(path)["w"].ToArray<float>());
            var selfList = new List<object?>();
            selfList.Add(selfList);
            Assert.Contains("contains itself", Assert.Throws<ArgumentException>(() => PyTorchFile.Save(selfList, path)).Message);
            Assert.Contains("value[\"x\"][1]", Assert.Throws<ArgumentException>(() => PyTorchFile.Save(new Dictionary<string, object?> { ["x"] = new List<object?> { 1, new object() } }, path)).Message);
            var x = Torch.Ones(2).RequiresGrad_();
            Assert.Contains("non-leaf", Assert.Throws<ArgumentException>(() => PyTorchFile.Save(x * 2, path)).Message);
            var disposed = Torch.Ones(2);
            disposed.Dispose();
            Assert.Throws<ObjectDisposedException>(() => PyTorchFile.Save(disposed, path));
            Assert.Throws<ArgumentException>(() => PyTorchFile.Save(new Dictionary<object, object?> { [new List<object?>()] = 1 }, path));
            object? deep = null;
            for (int i = 0; i < 600; i++) deep = new List<object?> { deep };
            Assert.Throws<ArgumentException>(() => PyTorchFile.Save(deep, path));
            // The failed saves left the last good file and no temporary files.
            Assert.Equal(new float[] { 0, 0 }, PyTorchFile.LoadStateDict(path)["w"].ToArray<float>());
            Assert.Equal(["model.pt"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void LoadsFromAStreamThatCannotSeek()
    {
        using var m = Save(EveryDType(3));
        using var pipe = new NonSeekable(m);
        var back = PyTorchFile.LoadStateDict(pipe);
        foreach (var (k, t) in EveryDType(3)) AssertSameTensor(t, back[k]);
    }

    private sealed class NonSeekable(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
