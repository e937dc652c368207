using System.Numerics;
using System.Text.Json;
using Ember.NN;
using Ember.Serialization;
using Ember.Tests.Oracles;
using Ember.Vision;
using Xunit;

namespace Ember.Tests.Serialization;

/// <summary>
/// Exchange with PyTorch itself (Debian's python3-torch 1.13 and python3-torchvision): files Ember writes are read by
/// <c>torch.load(path, weights_only=True)</c> with the right types, dtypes, layouts and shared storages, and PyTorch's
/// re-save of what it read equals what Ember saved; torchvision's ResNet-18 state dict loads into Ember's ResNet-18, which
/// then computes PyTorch's logits; hostile pickles that PyTorch refuses are refused by Ember too, without running.
/// </summary>
public class PyTorchFileTorchTests
{
    private static string TempDir() => Directory.CreateTempSubdirectory("ember-pt-").FullName;

    private static OrderedDictionary<object, object?> Dict(object? o) => Assert.IsType<OrderedDictionary<object, object?>>(o);

    /// <summary>Asserts that two loaded object trees are equal: same structure and values, tensors bit for bit with the
    /// same layout, and the same pattern of shared storages.</summary>
    private static void AssertSameTree(object? expected, object? actual)
    {
        var storagesA = new Dictionary<Storage, int>(ReferenceEqualityComparer.Instance);
        var storagesB = new Dictionary<Storage, int>(ReferenceEqualityComparer.Instance);
        void Walk(object? a, object? b)
        {
            switch (a)
            {
                case Tensor ta:
                    var tb = Assert.IsAssignableFrom<Tensor>(b);
                    Assert.Equal(ta is Parameter, tb is Parameter);
                    PyTorchFileRoundTripTests.AssertSameTensor(ta, tb);
                    if (!storagesA.ContainsKey(ta.Storage)) storagesA[ta.Storage] = storagesA.Count;
                    if (!storagesB.ContainsKey(tb.Storage)) storagesB[tb.Storage] = storagesB.Count;
                    Assert.Equal(storagesA[ta.Storage], storagesB[tb.Storage]);
                    break;
                case OrderedDictionary<object, object?> da:
                    var db = Dict(b);
                    Assert.Equal(da.Keys, db.Keys);
                    foreach (var (k, v) in da) Walk(v, db[k]);
                    break;
                case List<object?> la:
                    var lb = Assert.IsType<List<object?>>(b);
                    Assert.Equal(la.Count, lb.Count);
                    for (int i = 0; i < la.Count; i++) Walk(la[i], lb[i]);
                    break;
                case object?[] xa:
                    var xb = Assert.IsType<object?[]>(b);
                    Assert.Equal(xa.Length, xb.Length);
                    for (int i = 0; i < xa.Length; i++) Walk(xa[i], xb[i]);
                    break;
                case double d:
                    Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits(Assert.IsType<double>(b)));
                    break;
                default:
                    Assert.Equal(a, b);
                    if (a is not null) Assert.IsType(a.GetType(), b);
                    break;
            }
        }
        Walk(expected, actual);
    }

    private static long[] RawBits(Tensor t)
    {
        t = t.Detach();
        return t.DType switch
        {
            DType.Float32 => t.ToArray<float>().Select(v => (long)BitConverter.SingleToInt32Bits(v)).ToArray(),
            DType.Float64 => t.ToArray<double>().Select(BitConverter.DoubleToInt64Bits).ToArray(),
            DType.Float16 => t.ToArray<Half>().Select(v => (long)BitConverter.HalfToInt16Bits(v)).ToArray(),
            DType.BFloat16 => System.Runtime.InteropServices.MemoryMarshal.Cast<BFloat16, short>(t.ToArray<BFloat16>()).ToArray().Select(v => (long)v).ToArray(),
            DType.Int64 => t.ToArray<long>(),
            DType.Int32 => t.ToArray<int>().Select(v => (long)v).ToArray(),
            DType.UInt8 => t.ToArray<byte>().Select(v => (long)v).ToArray(),
            DType.Bool => t.ToArray<bool>().Select(v => v ? 1L : 0L).ToArray(),
            _ => throw new NotSupportedException(),
        };
    }

    private static OrderedDictionary<string, object?> Sample()
    {
        var b = Torch.Arange(0, 24, dtype: DType.Float32).Reshape(2, 3, 4);
        var tensors = new OrderedDictionary<string, Tensor>();
        foreach (var (k, t) in PyTorchFileRoundTripTests.EveryDType(7)) tensors.Add(k, t);
        tensors.Add("base", b);
        tensors.Add("t", b.Transpose(0, 2));
        tensors.Add("slice", b.Narrow(1, 1, 2).Select(2, 3));
        tensors.Add("expand", Torch.Ones(4).Unsqueeze(0).Expand(3, 4));
        tensors.Add("param", new Parameter(Torch.Randn([2, 2], generator: new Generator(8))));
        tensors.Add("frozen", new Parameter(Torch.Ones([1], DType.Float64), requiresGrad: false));
        tensors.Add("leaf", Torch.Zeros(2).RequiresGrad_());
        return new OrderedDictionary<string, object?>
        {
            ["tensors"] = tensors,
            ["plain"] = new Dictionary<long, object?> { [0] = new List<object?> { 1, -70000, long.MinValue, BigInteger.Pow(2, 100), true, false, null }, [5] = "ünï ☃" },
            ["tuple"] = new object?[] { "a", new object?[] { 1L, 2L }, new List<object?>(), Array.Empty<object?>() },
        };
    }

    [PythonFact("torch")]
    public void TorchLoadsEmbersFileWithWeightsOnlyAndItsResaveEqualsWhatEmberSaved()
    {
        string dir = TempDir();
        try
        {
            var value = Sample();
            string mine = Path.Combine(dir, "ember.pt"), theirs = Path.Combine(dir, "torch.pt");
            PyTorchFile.Save(value, mine);
            string output = PythonOracle.Run("pt_reload.py", mine, theirs);
            using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
            // torch.load saw an OrderedDict at the root (Ember's OrderedDictionary), a plain dict for the Dictionary,
            // parameters as Parameters, the views on one storage with their strides and offsets.
            var root = json.RootElement.GetProperty("OrderedDict");
            Assert.Equal("'tensors'", root[0][0].GetString());
            var tensors = root[0][1].GetProperty("OrderedDict");
            JsonElement Desc(string key) => tensors.EnumerateArray().First(e => e[0].GetString() == $"'{key}'")[1];
            Assert.Equal("torch.float16", Desc("f16").GetProperty("tensor").GetString());
            Assert.Equal("torch.bfloat16", Desc("bf16").GetProperty("tensor").GetString());
            Assert.Equal("torch.uint8", Desc("u8").GetProperty("tensor").GetString());
            Assert.Equal("torch.bool", Desc("bool").GetProperty("tensor").GetString());
            Assert.Equal("[1, 4, 12]", Desc("t").GetProperty("stride").GetRawText().Replace(" ", "").Replace(",", ", "));
            Assert.Equal(Desc("base").GetProperty("storage").GetInt32(), Desc("slice").GetProperty("storage").GetInt32());
            Assert.Equal(7, Desc("slice").GetProperty("offset").GetInt32());
            Assert.Equal("[0, 1]", Desc("expand").GetProperty("stride").GetRawText().Replace(" ", "").Replace(",", ", "));
            Assert.True(Desc("param").GetProperty("parameter").GetBoolean());
            Assert.True(Desc("param").GetProperty("requires_grad").GetBoolean());
            Assert.False(Desc("frozen").GetProperty("requires_grad").GetBoolean());
            Assert.False(Desc("leaf").GetProperty("parameter").GetBoolean());
            Assert.True(Desc("leaf").GetProperty("requires_grad").GetBoolean());
            // Every tensor's elements as PyTorch sees them, bit for bit (an independent channel: a bug shared by Ember's
            // writer and reader would cancel out in a round trip, not here).
            var saved = (OrderedDictionary<string, Tensor>)value["tensors"]!;
            foreach (var (k, t) in saved)
                Assert.Equal(RawBits(t), Desc(k).GetProperty("bits").EnumerateArray().Select(e => e.GetInt64()));
            Assert.True(root[1][1].TryGetProperty("dict", out var plain));
            Assert.Equal("0", plain[0][0].GetString());
            Assert.Contains("1267650600228229401496703205376", plain[0][1].GetRawText());
            // What PyTorch re-saved equals what Ember saved, value for value and view for view.
            AssertSameTree(PyTorchFile.Load(mine), PyTorchFile.Load(theirs));
            AssertSameTree(PyTorchFile.Load(mine), PyTorchFile.Load(new MemoryStream(File.ReadAllBytes(theirs))));
        }
        finally { Directory.Delete(dir, true); }
    }

    [PythonFact("torch")]
    public void TorchReadsZip64Archives()
    {
        string dir = TempDir();
        try
        {
            var value = new OrderedDictionary<string, Tensor>();
            foreach (var (k, t) in PyTorchFileRoundTripTests.EveryDType(9)) value.Add(k, t);
            string mine = Path.Combine(dir, "ember64.pt"), theirs = Path.Combine(dir, "torch.pt");
            using (var f = File.Create(mine)) PyTorchFile.Save(value, f, zip64From: 0);
            PythonOracle.Run("pt_reload.py", mine, theirs);
            AssertSameTree(PyTorchFile.Load(mine), PyTorchFile.Load(theirs));
        }
        finally { Directory.Delete(dir, true); }
    }

    [PythonFact("torch")]
    public void FloatsAreReadByTorchWithoutWeightsOnlyBecauseTorch113RefusesBinFloat()
    {
        string dir = TempDir();
        try
        {
            var value = new Dictionary<string, object?>
            {
                ["lr"] = 0.001,
                ["betas"] = new object?[] { 0.9, 0.999 },
                ["special"] = new List<object?> { double.NaN, double.NegativeInfinity, -0.0, 1e-310 },
                ["w"] = Torch.Randn([3], generator: new Generator(2)),
            };
            string mine = Path.Combine(dir, "ember.pt"), theirs = Path.Combine(dir, "torch.pt");
            PyTorchFile.Save(value, mine);
            PythonOracle.Run("pt_reload.py", mine, theirs, "floats"); // asserts weights_only=True refuses, then loads
            AssertSameTree(PyTorchFile.Load(mine), PyTorchFile.Load(theirs));
            Assert.Equal(0.001, Dict(PyTorchFile.Load(theirs))["lr"]);
        }
        finally { Directory.Delete(dir, true); }
    }

    [PythonFact("torch", "torchvision")]
    public void TorchvisionResNet18StateDictGivesPyTorchsLogitsInEmber()
    {
        string dir = TempDir();
        try
        {
            PythonOracle.Run("pt_resnet18.py", dir);
            var stateDict = PyTorchFile.LoadStateDict(Path.Combine(dir, "resnet18.pt"));
            Assert.Equal(122, stateDict.Count); // 62 parameters, 60 batch-norm buffers
            var io = Dict(PyTorchFile.Load(Path.Combine(dir, "io.pt")));
            var x = Assert.IsType<Tensor>(io["input"]);
            var expected = Assert.IsType<Tensor>(io["logits"]);
            Assert.Equal([2, 1000], expected.ShapeArray);

            var model = Models.ResNet18();
            var result = model.LoadStateDict(stateDict);
            Assert.Empty(result.MissingKeys);
            Assert.Empty(result.UnexpectedKeys);
            model.Eval();
            Tensor logits;
            using (Torch.NoGrad()) logits = model.Call(x);
            double scale = expected.Abs().Max().Item<float>();
            double maxDiff = (logits - expected).Abs().Max().Item<float>();
            Assert.True(maxDiff <= 1e-4 * scale, $"max |Ember - PyTorch| = {maxDiff} for logits up to {scale}");
            Assert.Equal(expected.Argmax(1).ToArray<long>(), logits.Argmax(1).ToArray<long>());
            // A differently initialized model gives other logits: the state dict is what made them agree.
            var other = Models.ResNet18(generator: new Generator(1));
            other.Eval();
            using (Torch.NoGrad()) Assert.True((other.Call(x) - expected).Abs().Max().Item<float>() > 1e-2);
        }
        finally { Directory.Delete(dir, true); }
    }

    [PythonFact("torch")]
    public void PicklesThatWouldRunCodeAreRefusedByNameAndNeverRun()
    {
        string dir = TempDir();
        try
        {
            string marker = Path.Combine(dir, "marker");
            PythonOracle.Run("pt_malicious.py", dir, marker); // also checks that torch.load(weights_only=True) refuses them
            var e = Assert.Throws<ModelFormatException>(() => PyTorchFile.Load(Path.Combine(dir, "evil_system.pt")));
            Assert.Contains("posix.system", e.Message);
            e = Assert.Throws<ModelFormatException>(() => PyTorchFile.Load(Path.Combine(dir, "evil_eval.pt")));
            Assert.Contains("__builtin__.eval", e.Message);
            Assert.False(File.Exists(marker));
        }
        finally { Directory.Delete(dir, true); }
    }
}
