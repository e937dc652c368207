using System.Numerics;
using Ember.NN;
using Ember.Serialization;
using Xunit;

namespace Ember.Tests.Serialization;

/// <summary>
/// Files written by PyTorch 1.13's <c>torch.save</c> (committed under Serialization/Data, a few KB each) load with the
/// values, dtypes, sizes, strides, storage offsets and storage sharing that PyTorch printed for them (pasted as literals).
/// </summary>
public class PyTorchFileReferenceTests
{
    internal static Stream Resource(string name) =>
        typeof(PyTorchFileReferenceTests).Assembly.GetManifestResourceStream($"Ember.Tests.Serialization.Data.{name}")
        ?? throw new InvalidOperationException($"missing test resource {name}");

    internal static byte[] ResourceBytes(string name)
    {
        using var s = Resource(name);
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }

    private static OrderedDictionary<object, object?> Dict(object? o) => Assert.IsType<OrderedDictionary<object, object?>>(o);

    [Fact]
    public void EveryDTypeLoadsWithItsValues()
    {
        var d = PyTorchFile.LoadStateDict(Resource("dtypes.pt"));
        Assert.Equal(["f32", "f64", "f16", "bf16", "i64", "i32", "i16", "i8", "u8", "bool"], d.Keys);
        Assert.Equal(DType.Float32, d["f32"].DType);
        Assert.Equal([2, 3], d["f32"].Shape);
        Assert.Equal(new float[] { 1.5f, -2.25f, 3f, float.PositiveInfinity, -0f, 1.0000000031710769e-30f }, d["f32"].ToArray<float>());
        Assert.True(float.IsNegative(d["f32"].ToArray<float>()[4]));
        Assert.Equal(new[] { 0.1, -1e300, double.NegativeInfinity }, d["f64"].ToArray<double>());
        Assert.Equal(DType.Float16, d["f16"].DType);
        Assert.Equal(new[] { 0.5, -65504.0, 5.960464477539063e-08, 1.0009765625 }, d["f16"].ToArray<Half>().Select(h => (double)h));
        Assert.Equal(DType.BFloat16, d["bf16"].DType);
        Assert.Equal(new[] { 1.0f, -3.140625f, 9.969209968386869e+37f }, d["bf16"].To(DType.Float32).ToArray<float>());
        Assert.Equal(new[] { long.MinValue, long.MaxValue, 0, 42 }, d["i64"].ToArray<long>());
        Assert.Equal(DType.Int32, d["i32"].DType);
        Assert.Equal([2, 2], d["i32"].Shape);
        Assert.Equal(new[] { int.MinValue, int.MaxValue, 7, -7 }, d["i32"].ToArray<int>());
        // int16 and int8 (ShortStorage, CharStorage) widen to int32, which Ember has.
        Assert.Equal(DType.Int32, d["i16"].DType);
        Assert.Equal(new[] { -32768, 32767, -1 }, d["i16"].ToArray<int>());
        Assert.Equal(DType.Int32, d["i8"].DType);
        Assert.Equal(new[] { -128, 127, -5 }, d["i8"].ToArray<int>());
        Assert.Equal(new byte[] { 0, 255, 128 }, d["u8"].ToArray<byte>());
        Assert.Equal(new[] { true, false, true }, d["bool"].ToArray<bool>());
    }

    [Fact]
    public void ViewsKeepTheirSizesStridesOffsetsAndShareOneStorage()
    {
        var v = PyTorchFile.LoadStateDict(Resource("views.pt"));
        void Check(string key, int[] shape, int[] strides, int offset, float[] values)
        {
            var t = v[key];
            Assert.Equal(shape, t.ShapeArray);
            Assert.Equal(strides, t.StridesArray);
            Assert.Equal(offset, t.Offset);
            Assert.Equal(values, t.To(DType.Float32).ToArray<float>());
        }
        float[] range = Enumerable.Range(0, 24).Select(i => (float)i).ToArray();
        Check("base", [2, 3, 4], [12, 4, 1], 0, range);
        Check("t", [4, 3, 2], [1, 4, 12], 0, [0, 12, 4, 16, 8, 20, 1, 13, 5, 17, 9, 21, 2, 14, 6, 18, 10, 22, 3, 15, 7, 19, 11, 23]);
        Check("slice", [2, 2, 2], [12, 4, 2], 4, [4, 6, 8, 10, 16, 18, 20, 22]);
        Check("row", [3, 4], [4, 1], 12, range[12..]);
        Check("scalar", [], [], 0, [3.5f]);
        Assert.Equal(DType.Float64, v["scalar"].DType);
        Check("elem", [], [], 23, [23]);
        Check("empty", [0, 3], [3, 1], 0, []);
        Check("expand", [3, 2], [0, 1], 0, [1, 2, 1, 2, 1, 2]);
        Assert.Equal(DType.Int64, v["expand"].DType);
        // One storage behind base, t, slice, row and elem, as in the file: a write through one is seen by the others.
        foreach (var key in new[] { "t", "slice", "row", "elem" }) Assert.Same(v["base"].Storage, v[key].Storage);
        Assert.NotSame(v["base"].Storage, v["scalar"].Storage);
        v["row"].Fill_(-1.0);
        Assert.Equal(-1f, v["elem"].Item<float>());
        Assert.Equal(-1f, v["base"].ToArray<float>()[12]);
        Assert.Equal(11f, v["base"].ToArray<float>()[11]);
    }

    [Fact]
    public void AnOptimizerStateDictLoadsWithIntKeysListsTuplesFloatsNoneAndBools()
    {
        var sd = Dict(PyTorchFile.Load(Resource("optim.pt")));
        Assert.Equal(["state", "param_groups", "extra"], sd.Keys);
        var state = Dict(sd["state"]);
        Assert.Equal([0L, 1L], state.Keys);
        var s0 = Dict(state[0L]);
        Assert.Equal(["step", "exp_avg", "exp_avg_sq"], s0.Keys);
        var step = Assert.IsType<Tensor>(s0["step"]);
        Assert.Equal([], step.Shape);
        Assert.Equal(3f, step.Item<float>());
        var avg = Assert.IsType<Tensor>(s0["exp_avg"]);
        Assert.Equal([2, 3], avg.Shape);
        Assert.Equal(new[] { -0.3005580008029938f, -0.3005580008029938f, -0.3005580008029938f, 0.0032107180450111628f, 0.0032107180450111628f, 0.0032107180450111628f }, avg.ToArray<float>());
        var sq = Assert.IsType<Tensor>(Dict(state[1L])["exp_avg_sq"]);
        Assert.Equal(new[] { 0.004036289639770985f, 0.0001262661680812016f }, sq.ToArray<float>());
        var groups = Assert.IsType<List<object?>>(sd["param_groups"]);
        var g = Dict(Assert.Single(groups));
        Assert.Equal(["lr", "betas", "eps", "weight_decay", "amsgrad", "maximize", "foreach", "capturable", "differentiable", "fused", "params"], g.Keys);
        Assert.Equal(0.01, g["lr"]);
        Assert.Equal(new object?[] { 0.9, 0.999 }, Assert.IsType<object?[]>(g["betas"]));
        Assert.Equal(1e-08, g["eps"]);
        Assert.Equal(0L, g["weight_decay"]);
        Assert.Equal(false, g["amsgrad"]);
        Assert.Null(g["foreach"]);
        Assert.Equal(new List<object?> { 0L, 1L }, g["params"]);
        var extra = Dict(sd["extra"]);
        Assert.Equal(BigInteger.Pow(2, 70), extra["big"]);
        Assert.Equal(-123456789012L, extra["neg"]);
        Assert.Null(extra["none"]);
        Assert.Equal(new List<object?> { true, false }, extra["flags"]);
        Assert.Equal(new object?[] { 1L, "two", 3.0 }, extra["pair"]);
        Assert.Equal("café", extra["name"]);
        Assert.Empty(Assert.IsType<object?[]>(extra["empty"]));
        var nested = Assert.IsType<List<object?>>(extra["nested"]);
        Assert.Empty(Assert.IsType<List<object?>>(nested[0]));
        Assert.Empty(Dict(nested[1]));
        Assert.Equal(new object?[] { null }, nested[2]);
    }

    [Fact]
    public void ParametersAndRequiresGradLoadAsSaved()
    {
        var p = PyTorchFile.LoadStateDict(Resource("params.pt"));
        var param = Assert.IsType<Parameter>(p["param"]);
        Assert.True(param.RequiresGrad);
        Assert.Equal(new[] { 1f, 2f }, param.ToArray<float>());
        var frozen = Assert.IsType<Parameter>(p["frozen"]);
        Assert.False(frozen.RequiresGrad);
        Assert.Equal([1, 1], frozen.Shape);
        Assert.Equal(3f, frozen.Item<float>());
        var t = p["grad_tensor"];
        Assert.IsNotType<Parameter>(t);
        Assert.True(t.RequiresGrad);
        Assert.True(t.IsLeaf);
    }

    [Fact]
    public void AModuleStateDictWithMetadataLoadsIntoEmbersModule()
    {
        var sd = PyTorchFile.LoadStateDict(Resource("module.pt"));
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked"], sd.Keys);
        var model = new Sequential(new Linear(2, 3), new BatchNorm1d(3));
        model.LoadStateDict(sd);
        var w = model.StateDict()["0.weight"];
        Assert.Equal(new[] { -0.005293981172144413f, 0.37932288646698f, -0.5819807648658752f, -0.5203874707221985f, -0.27234524488449097f, 0.1896158903837204f }, w.ToArray<float>());
        Assert.Equal(new[] { -0.014010033570230007f, 0.5606575012207031f, -0.06275151669979095f }, model.StateDict()["0.bias"].ToArray<float>());
        Assert.Equal(DType.Int64, sd["1.num_batches_tracked"].DType);
        Assert.Equal(0L, sd["1.num_batches_tracked"].Item<long>());
    }

    [Fact]
    public void LoadStateDictNamesTheKeyThatIsNotATensor()
    {
        var e = Assert.Throws<ModelFormatException>(() => PyTorchFile.LoadStateDict(Resource("optim.pt")));
        Assert.Contains("\"state\"", e.Message);
        using var m = new MemoryStream();
        PyTorchFile.Save(new List<object?> { 1L }, m);
        m.Position = 0;
        Assert.Contains("a list", Assert.Throws<ModelFormatException>(() => PyTorchFile.LoadStateDict(m)).Message);
        m.SetLength(0);
        PyTorchFile.Save(new Dictionary<object, object?> { [3L] = Torch.Zeros(1) }, m);
        m.Position = 0;
        Assert.Contains("key 3", Assert.Throws<ModelFormatException>(() => PyTorchFile.LoadStateDict(m)).Message);
    }
}
