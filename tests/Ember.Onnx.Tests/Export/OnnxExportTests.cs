using Ember.NN;
using Ember.Onnx.Proto;
using Ember.Tests.Oracles;
using Ember.Vision;

namespace Ember.Onnx.Tests.Export;

public class OnnxExportTests
{
    private static Func<int, Tensor> Randn(int seed, params int[] shape) =>
        n => Torch.Randn(new Size([n, .. shape]), generator: new Generator(seed + n));

    /// <summary>Runs training-mode forwards so that batch norms have non-trivial running statistics.</summary>
    private static void Warm(Module<Tensor, Tensor> model, params int[] shape)
    {
        model.Train();
        using (Torch.NoGrad())
            for (int i = 0; i < 3; i++) model.Call(Torch.Randn(new Size(shape), generator: new Generator(100 + i)) * 2 + 0.5);
    }

    [Fact]
    public void Mlp()
    {
        using var h = new ExportHarness();
        Torch.ManualSeed(1);
        var model = new Sequential(new Linear(8, 16), new ReLU(), new Dropout(0.5), new Linear(16, 4), new Softmax(1));
        var proto = h.ExportAndCompare("mlp", model, Randn(1, 8));
        Assert.Equal(8, proto.IrVersion);
        Assert.Equal(17, Assert.Single(proto.OpsetImport).Version);
        Assert.Equal("Ember", proto.ProducerName);
        Assert.Equal("input", proto.Graph.Input[0].Name);
        Assert.Equal("output", proto.Graph.Output[0].Name);
        Assert.Equal("batch", proto.Graph.Input[0].Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal("batch", proto.Graph.Output[0].Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal(8, proto.Graph.Input[0].Type.TensorType.Shape.Dim[1].DimValue);
        Assert.DoesNotContain(proto.Graph.Node, n => n.OpType == "Dropout");
    }

    [Fact]
    public void CnnWithBatchNormPoolingFlattenDropout()
    {
        using var h = new ExportHarness();
        Torch.ManualSeed(2);
        var model = new Sequential(
            new Conv2d(3, 8, 3, padding: 1), new BatchNorm2d(8), new ReLU(), new MaxPool2d(2),
            new Conv2d(8, 6, 3, stride: 1, padding: 1, bias: false), new BatchNorm2d(6), new ELU(0.7), new AvgPool2d(2),
            new AdaptiveAvgPool2d(1), new Flatten(), new Dropout(0.3), new Linear(6, 5), new LogSoftmax(1));
        Warm(model, 4, 3, 8, 8);
        model.Train();
        h.ExportAndCompare("cnn", model, Randn(2, 3, 8, 8));
        Assert.True(model.Training);
        Assert.All(model.Modules(), m => Assert.True(m.Training));
    }

    [Fact]
    public void AdaptivePoolingWithDivisibleSizesAndMaxPooling()
    {
        using var h = new ExportHarness();
        Torch.ManualSeed(3);
        var model = new Sequential(
            new Conv2d(2, 4, 3, padding: 1), new AdaptiveAvgPool2d(2), new AdaptiveMaxPool2d(1), new Flatten(), new Linear(4, 3));
        h.ExportAndCompare("adaptive", model, Randn(3, 2, 8, 6));
        var oneD = new Sequential(new Conv1d(3, 4, 3, padding: 1), new MaxPool1d(2), new AdaptiveAvgPool1d(3), new AvgPool1d(3),
            new AdaptiveMaxPool1d(1), new Flatten(), new Sigmoid());
        h.ExportAndCompare("pool1d", oneD, Randn(4, 3, 12));
    }

    [Fact]
    public void ConvTranspose()
    {
        using var h = new ExportHarness();
        Torch.ManualSeed(4);
        var model = new Sequential(new ConvTranspose2d(4, 3, 3, stride: 2, padding: 1, outputPadding: 1), new Tanh(),
            new Conv2d(3, 2, 3, stride: 2, dilation: 2, groups: 1), new GELU());
        h.ExportAndCompare("convtranspose2d", model, Randn(5, 4, 5, 5));
        var oneD = new Sequential(new Conv1d(2, 4, 3, groups: 2), new ConvTranspose1d(4, 2, 4, stride: 3, padding: 1, groups: 2), new ReLU());
        h.ExportAndCompare("convtranspose1d", oneD, Randn(6, 2, 9));
    }

    [Fact]
    public void GroupNormLayerNormAndActivations()
    {
        using var h = new ExportHarness();
        Torch.ManualSeed(5);
        var model = new Sequential(
            new Conv2d(4, 6, 3), new GroupNorm(3, 6), new SiLU(), new Flatten(), new LayerNorm(24), new Linear(24, 10),
            new GELU("tanh"), new Softplus(beta: 2, threshold: 1), new LeakyReLU(0.2), new Unflatten(1, [2, 5]), new LayerNorm([2, 5], elementwiseAffine: false),
            new Flatten(), new BatchNorm1d(10), new Identity(), new Sigmoid());
        Warm(model, 4, 4, 4, 4);
        h.ExportAndCompare("norms", model, Randn(7, 4, 4, 4));
        var noAffine = new Sequential(new GroupNorm(2, 4, affine: false), new Flatten(1, 2));
        h.ExportAndCompare("groupnorm_noaffine", noAffine, Randn(8, 4, 3, 2));
    }

    [Fact]
    public void EmbeddingAndLinear()
    {
        using var h = new ExportHarness();
        Torch.ManualSeed(6);
        var model = new Sequential(new Embedding(10, 6), new Linear(6, 3), new LogSoftmax(-1));
        var proto = h.ExportAndCompare("embedding", model, n => Torch.Randint(10, new Size(n, 4), new Generator(n)));
        Assert.Equal((int)TensorProto.Types.DataType.Int64, proto.Graph.Input[0].Type.TensorType.ElemType);
    }

    [Theory]
    [InlineData(1, false, false)]
    [InlineData(2, false, false)]
    [InlineData(1, true, false)]
    [InlineData(2, true, true)]
    [InlineData(3, false, true)]
    public void Lstm(int layers, bool bidirectional, bool batchFirst)
    {
        using var h = new ExportHarness();
        Torch.ManualSeed(7);
        var model = new LSTM(5, 4, numLayers: layers, batchFirst: batchFirst, bidirectional: bidirectional);
        Func<int, Tensor> input = batchFirst
            ? n => Torch.Randn(new Size(n, 6, 5), generator: new Generator(n))
            : n => Torch.Randn(new Size(6, n, 5), generator: new Generator(n));
        var proto = h.ExportAndCompare($"lstm_{layers}_{bidirectional}_{batchFirst}", model, input);
        Assert.Equal(3, proto.Graph.Output.Count);
        Assert.Equal("batch", proto.Graph.Input[0].Type.TensorType.Shape.Dim[batchFirst ? 0 : 1].DimParam);
        Assert.Equal("batch", proto.Graph.Output[1].Type.TensorType.Shape.Dim[1].DimParam);
        Assert.Equal(layers, proto.Graph.Node.Count(n => n.OpType == "LSTM"));
    }

    [Theory]
    [InlineData(1, false, false)]
    [InlineData(2, true, true)]
    public void Gru(int layers, bool bidirectional, bool batchFirst)
    {
        using var h = new ExportHarness();
        Torch.ManualSeed(8);
        var model = new GRU(3, 5, numLayers: layers, batchFirst: batchFirst, bidirectional: bidirectional);
        Func<int, Tensor> input = batchFirst
            ? n => Torch.Randn(new Size(n, 7, 3), generator: new Generator(n))
            : n => Torch.Randn(new Size(7, n, 3), generator: new Generator(n));
        var proto = h.ExportAndCompare($"gru_{layers}_{bidirectional}_{batchFirst}", model, input);
        Assert.All(proto.Graph.Node.Where(n => n.OpType == "GRU"), n => Assert.Contains(n.Attribute, a => a.Name == "linear_before_reset" && a.I == 1));
    }

    [Theory]
    [InlineData("tanh", 1, false, false)]
    [InlineData("relu", 2, true, true)]
    public void Rnn(string nonlinearity, int layers, bool bidirectional, bool batchFirst)
    {
        using var h = new ExportHarness();
        Torch.ManualSeed(9);
        var model = new RNN(3, 4, numLayers: layers, nonlinearity: nonlinearity, batchFirst: batchFirst, bidirectional: bidirectional);
        Func<int, Tensor> input = batchFirst
            ? n => Torch.Randn(new Size(n, 5, 3), generator: new Generator(n))
            : n => Torch.Randn(new Size(5, n, 3), generator: new Generator(n));
        h.ExportAndCompare($"rnn_{nonlinearity}_{layers}", model, input);
    }

    [Fact]
    public void LstmClassifierWithGlue()
    {
        using var h = new ExportHarness();
        Torch.ManualSeed(10);
        h.ExportAndCompare("lstm_classifier", new LstmClassifier(), Randn(10, 6, 5));
    }

    [Fact]
    public void ResNet18()
    {
        using var h = new ExportHarness();
        var model = Models.ResNet18(numClasses: 10, generator: new Generator(11));
        Warm(model, 2, 3, 32, 32);
        var proto = h.ExportAndCompare("resnet18", model, Randn(11, 3, 32, 32), batch: 1, otherBatch: 2);
        Assert.Equal(20, proto.Graph.Node.Count(n => n.OpType == "Conv"));
        Assert.Equal(8, proto.Graph.Node.Count(n => n.OpType == "Add"));
    }

    [Fact]
    public void DenseNetFromTheLibrary()
    {
        using var h = new ExportHarness();
        var model = new DenseNet(growthRate: 4, blockConfig: [2, 3], numInitFeatures: 8, bnSize: 2, numClasses: 5, generator: new Generator(16));
        Warm(model, 2, 3, 32, 32);
        var proto = h.ExportAndCompare("densenet", model, Randn(16, 3, 32, 32));
        // Each dense layer concatenates its inputs (one for the first), and each block its layers: (1 + 1 + 1) + (1 + 1 + 1 + 1).
        Assert.Equal(7, proto.Graph.Node.Count(n => n.OpType == "Concat"));
    }

    [Fact]
    public void InPlaceActivations()
    {
        using var h = new ExportHarness();
        Torch.ManualSeed(17);
        var model = new Sequential(new Linear(4, 6), new ReLU(inplace: true), new Linear(6, 6), new LeakyReLU(0.1, inplace: true), new ELU(inplace: true), new Linear(6, 2));
        h.ExportAndCompare("inplace", model, Randn(17, 4));
    }

    [Fact]
    public void ConcatenatingBlock()
    {
        using var h = new ExportHarness();
        Torch.ManualSeed(12);
        var model = new ConcatBlock();
        Warm(model, 4, 4, 4, 4);
        var proto = h.ExportAndCompare("concat_block", model, Randn(12, 4, 4, 4));
        Assert.Equal(3, proto.Graph.Node.Count(n => n.OpType == "Concat"));
    }

    [Fact]
    public void AttentionLikeGlue()
    {
        using var h = new ExportHarness();
        Torch.ManualSeed(18);
        var proto = h.ExportAndCompare("glue", new GlueOps(), Randn(18, 3, 4));
        // The two attention products; the functional linear (with a bias) is one Gemm between reshapes, like the layer.
        Assert.Equal(2, proto.Graph.Node.Count(n => n.OpType == "MatMul" && !n.Input.Any(i => i.Contains("weight"))));
        Assert.Equal(1, proto.Graph.Node.Count(n => n.OpType == "Gemm"));
    }

    [Fact]
    public void PoolingAndPaddingVariants()
    {
        using var h = new ExportHarness();
        Torch.ManualSeed(19);
        var model = new Sequential(
            new Conv2d(2, 3, 4, padding: "same"), new Conv2d(3, 3, (3, 1), padding: "valid", dilation: (1, 2)),
            new MaxPool2d(3, stride: 2, padding: 1, ceilMode: true), new AvgPool2d(3, stride: 2, padding: 1, countIncludePad: false),
            new Softmax(-1));
        h.ExportAndCompare("pool_variants", model, Randn(19, 2, 11, 12));
    }

    [Fact]
    public void ASliceToTheEndOfTheBatchWorksForAnyBatch()
    {
        using var h = new ExportHarness();
        Torch.ManualSeed(20);
        h.ExportAndCompare("slice_to_end", new SliceToEnd(), Randn(20, 3), batch: 3, otherBatch: 5);
    }

    [Fact]
    public void ASharedLayerStoresItsWeightsOnce()
    {
        using var h = new ExportHarness();
        Torch.ManualSeed(21);
        var proto = h.ExportAndCompare("shared", new SharedLayer(), Randn(21, 3));
        Assert.Equal(["fc.weight", "fc.bias"], proto.Graph.Initializer.Select(i => i.Name));
        Assert.Equal(2, proto.Graph.Node.Count(n => n.OpType == "Gemm"));
    }

    [Fact]
    public void Float64Model() // (ONNX Runtime has no float64 Erf or Softplus kernels)
    {
        using var h = new ExportHarness();
        Torch.ManualSeed(22);
        var model = new Sequential(new Linear(3, 5, dtype: DType.Float64), new GELU("tanh"), new Tanh(), new Linear(5, 2, dtype: DType.Float64), new LogSoftmax(1));
        var proto = h.ExportAndCompare("float64", model, n => Torch.Randn(new Size(n, 3), DType.Float64, new Generator(n)));
        Assert.Equal((int)TensorProto.Types.DataType.Double, proto.Graph.Output[0].Type.TensorType.ElemType);
    }

    [Fact]
    public void BatchDimensionGivenForTokensBeforeATimeFirstLstm()
    {
        using var h = new ExportHarness();
        Torch.ManualSeed(23);
        var proto = h.ExportAndCompare("embedding_lstm", new EmbeddingLstm(), n => Torch.Randint(10, new Size(5, n), new Generator(n)),
            options: new OnnxExportOptions { BatchDims = [1] });
        Assert.Equal(5, proto.Graph.Input[0].Type.TensorType.Shape.Dim[0].DimValue);
        Assert.Equal("batch", proto.Graph.Input[0].Type.TensorType.Shape.Dim[1].DimParam);
    }

    [Fact]
    public void SeveralInputsAndOutputsWithNames()
    {
        using var h = new ExportHarness();
        Torch.ManualSeed(13);
        var options = new OnnxExportOptions { InputNames = ["a", "b"], OutputNames = ["sum", "product"], ProducerVersion = "9.9" };
        var proto = h.ExportAndCompare("two_inputs", new TwoInputs(),
            n => [Torch.Randn(new Size(n, 3), generator: new Generator(n)), Torch.Randn(new Size(n, 5), generator: new Generator(n + 50))],
            options: options);
        Assert.Equal(["a", "b"], proto.Graph.Input.Select(i => i.Name));
        Assert.Equal(["sum", "product"], proto.Graph.Output.Select(i => i.Name));
        Assert.Equal("9.9", proto.ProducerVersion);
    }

    [Fact]
    public void StaticBatchKeepsTheSampleShapes()
    {
        Torch.ManualSeed(14);
        var model = new Sequential(new Linear(3, 2), new Flatten(0));
        var bytes = OnnxExporter.ExportToBytes(model, Torch.Randn(4, 3), new OnnxExportOptions { DynamicBatch = false });
        var proto = ModelProto.Parser.ParseFrom(bytes);
        Assert.Equal(4, proto.Graph.Input[0].Type.TensorType.Shape.Dim[0].DimValue);
        Assert.Equal(8, proto.Graph.Output[0].Type.TensorType.Shape.Dim[0].DimValue);
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(bytes);
        Assert.Single(session.OutputMetadata);
    }

    [Fact]
    public void ExportReplacesAFileAtomically()
    {
        using var h = new ExportHarness();
        string path = Path.Combine(h.Folder, "model.onnx");
        File.WriteAllText(path, "old");
        var model = new Sequential(new Linear(3, 2));
        OnnxExporter.Export(model, Torch.Randn(2, 3), path);
        Assert.Equal(OnnxExporter.ExportToBytes(model, Torch.Randn(2, 3)), File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(h.Folder));
    }

    [PythonFact("onnx")]
    public void ExportedModelsPassTheOnnxChecker()
    {
        using var h = new ExportHarness();
        Torch.ManualSeed(15);
        void Save(string name, Module model, params Tensor[] inputs) => OnnxExporter.Export(model, inputs, Path.Combine(h.Folder, name + ".onnx"));
        Save("mlp", new Sequential(new Linear(8, 16), new ReLU(), new Dropout(), new Linear(16, 4)), Torch.Randn(2, 8));
        Save("resnet18", Models.ResNet18(numClasses: 10, generator: new Generator(1)), Torch.Randn(1, 3, 32, 32));
        Save("lstm", new LSTM(5, 4, numLayers: 2, bidirectional: true), Torch.Randn(6, 2, 5));
        Save("gru", new GRU(5, 4, numLayers: 2, batchFirst: true), Torch.Randn(2, 6, 5));
        Save("rnn", new RNN(5, 4, nonlinearity: "relu"), Torch.Randn(6, 2, 5));
        Save("lstm_classifier", new LstmClassifier(), Torch.Randn(2, 6, 5));
        Save("concat_block", new ConcatBlock(), Torch.Randn(2, 4, 4, 4));
        Save("norms", new Sequential(new Conv2d(4, 6, 3), new GroupNorm(3, 6), new GELU(), new Flatten(), new LayerNorm(24), new Softplus(2)),
            Torch.Randn(2, 4, 4, 4));
        Save("convtranspose", new Sequential(new ConvTranspose2d(4, 3, 3, stride: 2), new AdaptiveAvgPool2d(1)), Torch.Randn(2, 4, 5, 5));
        Save("embedding", new Sequential(new Embedding(10, 6), new Linear(6, 3)), Torch.Randint(10, new Size(2, 4)));
        Save("glue", new GlueOps(), Torch.Randn(2, 3, 4));
        Save("densenet", new DenseNet(growthRate: 4, blockConfig: [2, 2], numInitFeatures: 8, bnSize: 2, numClasses: 5), Torch.Randn(1, 3, 32, 32));
        Save("two_inputs", new TwoInputs(), Torch.Randn(2, 3), Torch.Randn(2, 5));
        Save("pool_variants", new Sequential(new Conv2d(2, 3, 4, padding: "same"), new MaxPool2d(3, stride: 2, padding: 1, ceilMode: true),
            new AvgPool2d(3, stride: 2, padding: 1, countIncludePad: false), new Flatten()), Torch.Randn(2, 2, 11, 12));
        Save("slice_to_end", new SliceToEnd(), Torch.Randn(3, 3));
        Save("float64", new Sequential(new Linear(3, 5, dtype: DType.Float64), new Tanh()), Torch.Randn(new Size(2, 3), DType.Float64));
        string output = PythonOracle.Run("export_check.py", h.Folder);
        foreach (var name in new[] { "mlp", "resnet18", "lstm", "gru", "rnn", "lstm_classifier", "concat_block", "norms", "convtranspose", "embedding",
                     "glue", "densenet", "two_inputs", "pool_variants", "slice_to_end", "float64" })
            Assert.Contains($"ok {name}.onnx", output);
    }
}
