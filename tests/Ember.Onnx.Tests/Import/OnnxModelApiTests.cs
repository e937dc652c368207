using Ember.Onnx.Proto;
using Google.Protobuf;
using static Ember.Onnx.Tests.Import.TestGraphs;

namespace Ember.Onnx.Tests.Import;

/// <summary>The public surface of <see cref="OnnxModel"/>: loading from path/stream/bytes, inputs, outputs, parameters.</summary>
public class OnnxModelApiTests
{
    /// <summary>y = x · wᵀ + b (Gemm), z = Identity(b): fc.weight / fc.bias initializers, symbolic batch.</summary>
    private static ModelProto Linear()
    {
        var m = Model(17,
            Node("Gemm", ["x", "fc.weight", "fc.bias"], ["y"], Int("transB", 1)),
            Node("Identity", ["fc.bias"], ["z"]));
        m.Graph.Initializer.Add(Floats("fc.weight", [1, 2, 3, 4, 5, 6], 2, 3));
        m.Graph.Initializer.Add(Floats("fc.bias", [10, 20], 2));
        m.Graph.Input.Add(Value("x", [null, 3]));
        m.Graph.Output.Add(Value("y", [null, 2]));
        m.Graph.Output.Add(Value("z", [2]));
        return m;
    }

    [Fact]
    public void LoadsFromBytesStreamAndPathAlike()
    {
        byte[] bytes = Linear().ToByteArray();
        string path = Path.Combine(Path.GetTempPath(), $"ember-linear-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, bytes);
        try
        {
            var x = Torch.FromArray(new float[] { 1, 0, -1, 2, 2, 2 }, 2, 3);
            float[] expected = [1 - 3 + 10, 4 - 6 + 20, 12 + 10, 30 + 20];
            foreach (var model in new[] { OnnxModel.Load(bytes), OnnxModel.Load(new MemoryStream(bytes)), OnnxModel.Load(path) })
                Assert.Equal(expected, model.Run(x)[0].ToArray<float>());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void NamesInputsOutputsAndSanitizedParameters()
    {
        var model = OnnxModel.Load(Linear().ToByteArray());
        Assert.Equal(["x"], model.InputNames);
        Assert.Equal(["y", "z"], model.OutputNames);
        Assert.Equal(["fc_weight", "fc_bias"], model.NamedParameters().Select(p => p.Name));
        Assert.Equal(17, model.OpsetVersion);
        Assert.Equal(8, model.IrVersion);
        Assert.False(model.Training);
        Assert.Contains("Gemm", OnnxModel.SupportedOperators);
        Assert.Contains("LSTM", OnnxModel.SupportedOperators);
    }

    [Fact]
    public void LoadStateDictChangesTheWeightsTheGraphUses()
    {
        var model = OnnxModel.Load(Linear().ToByteArray());
        model.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["fc_weight"] = Torch.Zeros(2, 3),
            ["fc_bias"] = Torch.FromArray(new float[] { 7, 8 }, 2),
        });
        Assert.Equal([7f, 8f], model.Run(Torch.Ones(1, 3))[0].ToArray<float>());
    }

    [Fact]
    public void SymbolicDimensionsTakeAnySizeAndFixedOnesAreChecked()
    {
        var model = OnnxModel.Load(Linear().ToByteArray());
        Assert.Equal(new Size(7, 2), model.Run(Torch.Ones(7, 3))[0].Shape);
        Assert.Equal(new Size(0, 2), model.Run(Torch.Ones(0, 3))[0].Shape);
        Assert.Contains("expects shape [?, 3]", Assert.Throws<ArgumentException>(() => model.Run(Torch.Ones(2, 4))).Message);
        Assert.Contains("expects torch.float32", Assert.Throws<ArgumentException>(() => model.Run(Torch.Ones(new Size(2, 3), DType.Float64))).Message);
        Assert.Contains("takes 1 input", Assert.Throws<ArgumentException>(() => model.Run()).Message);
    }

    [Fact]
    public void RunsOnNamedInputs()
    {
        var model = OnnxModel.Load(Linear().ToByteArray());
        var outs = model.Run(new Dictionary<string, Tensor> { ["x"] = Torch.Zeros(1, 3) });
        Assert.Equal([10f, 20f], outs["y"].ToArray<float>());
        Assert.Throws<ArgumentException>(() => model.Run(new Dictionary<string, Tensor> { ["w"] = Torch.Zeros(1, 3) }));
        Assert.Throws<ArgumentException>(() => model.Run(new Dictionary<string, Tensor>()));
    }

    [Fact]
    public void OutputsNeverAliasTheModelsParameters()
    {
        var model = OnnxModel.Load(Linear().ToByteArray());
        var z = model.Run(Torch.Zeros(1, 3))[1];
        z.Fill_(0.0);
        Assert.Equal([10f, 20f], model.Run(Torch.Zeros(1, 3))[1].ToArray<float>());
    }

    [Fact]
    public void ARuntimeErrorNamesTheNode()
    {
        var m = Model(17, Node("Reshape", ["x", "s"], ["y"]));
        m.Graph.Node[0].Name = "bad_reshape";
        m.Graph.Input.Add(Value("x", [null]));
        m.Graph.Input.Add(Value("s", [1], TensorProto.Types.DataType.Int64));
        m.Graph.Output.Add(Value("y", [null]));
        var model = OnnxModel.Load(m.ToByteArray());
        var e = Assert.Throws<ArgumentException>(() => model.Run(Torch.Ones(6), Torch.FromArray(new long[] { 4 }, 1)));
        Assert.Contains("'bad_reshape' (Reshape)", e.Message);
    }

    [Fact]
    public void RunsConcurrentlyFromSeveralThreads()
    {
        var model = OnnxModel.Load(Linear().ToByteArray());
        var inputs = Enumerable.Range(0, 16).Select(i => Torch.FromArray(Random(i, 3 * 8), 8, 3)).ToArray();
        var sequential = inputs.Select(x => model.Run(x)[0].ToArray<float>()).ToArray();
        var parallel = new float[inputs.Length][];
        Parallel.For(0, inputs.Length, i => parallel[i] = model.Run(inputs[i])[0].ToArray<float>());
        for (int i = 0; i < inputs.Length; i++) Assert.Equal(sequential[i], parallel[i]);
    }

    [Fact]
    public void RunsWithoutRecordingAutograd()
    {
        var model = OnnxModel.Load(Linear().ToByteArray());
        var x = Torch.Ones(new Size(1, 3), requiresGrad: true);
        Assert.False(model.Run(x)[0].RequiresGrad);
    }
}
