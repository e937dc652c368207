using Ember.NN;
using Ember.Onnx.Export;
using Ember.Onnx.Proto;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Ember.Onnx.Tests.Export;

/// <summary>
/// Exports a model to a temporary file and checks that ONNX Runtime gives Ember's outputs (rtol 1e-4, atol 1e-5) at the
/// traced batch size and at another one (the batch is symbolic).
/// </summary>
internal sealed class ExportHarness : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "ember-onnx-export-" + Guid.NewGuid().ToString("N"));

    public ExportHarness() => Directory.CreateDirectory(Folder);

    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Exports with inputs made by <paramref name="makeInputs"/> (batch size → inputs) and compares at two batch sizes.</summary>
    public ModelProto ExportAndCompare(string name, Module model, Func<int, Tensor[]> makeInputs, int batch = 2, int otherBatch = 3,
        OnnxExportOptions? options = null)
    {
        string path = Path.Combine(Folder, name + ".onnx");
        OnnxExporter.Export(model, makeInputs(batch), path, options);
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        using var session = new InferenceSession(path);
        var imported = OnnxModel.Load(path); // Ember's own importer must agree too
        foreach (int n in new[] { batch, otherBatch })
        {
            var inputs = makeInputs(n);
            var expected = Reference(model, inputs);
            var feeds = new List<NamedOnnxValue>();
            for (int i = 0; i < inputs.Length; i++) feeds.Add(Feed(proto.Graph.Input[i].Name, inputs[i]));
            using var results = session.Run(feeds);
            Assert.Equal(expected.Count, results.Count);
            for (int o = 0; o < expected.Count; o++)
            {
                var result = results[o];
                int[] dims = expected[o].DType == DType.Float64 ? result.AsTensor<double>().Dimensions.ToArray() : result.AsTensor<float>().Dimensions.ToArray();
                float[] values = expected[o].DType == DType.Float64
                    ? Array.ConvertAll(result.AsTensor<double>().ToArray(), v => (float)v)
                    : result.AsTensor<float>().ToArray();
                Assert.Equal(expected[o].Shape.ToArray(), dims);
                AssertClose(expected[o].ToArray<float>(), values, $"{name}, batch {n}, output {o}");
            }
            var mine = imported.Run(inputs);
            Assert.Equal(expected.Count, mine.Length);
            for (int o = 0; o < expected.Count; o++)
            {
                Assert.Equal(expected[o].Shape, mine[o].Shape);
                AssertClose(expected[o].ToArray<float>(), mine[o].To(DType.Float32).ToArray<float>(), $"{name} through Ember's importer, batch {n}, output {o}");
            }
        }
        return proto;
    }

    public ModelProto ExportAndCompare(string name, Module model, Func<int, Tensor> makeInput, int batch = 2, int otherBatch = 3,
        OnnxExportOptions? options = null) =>
        ExportAndCompare(name, model, n => [makeInput(n)], batch, otherBatch, options);

    /// <summary>Ember's outputs in evaluation mode (flattened tuples), restoring the model's mode.</summary>
    public static List<Tensor> Reference(Module model, Tensor[] inputs)
    {
        bool training = model.Training;
        model.Eval();
        try
        {
            using (Torch.NoGrad()) return ModelInvoker.Flatten(ModelInvoker.Call(model, inputs), "output");
        }
        finally
        {
            model.Train(training);
        }
    }

    private static NamedOnnxValue Feed(string name, Tensor t)
    {
        int[] dims = t.Shape.ToArray();
        return t.DType switch
        {
            DType.Int64 => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<long>(t.ToArray<long>(), dims)),
            DType.Float64 => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<double>(t.ToArray<double>(), dims)),
            _ => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(t.ToArray<float>(), dims)),
        };
    }

    public static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double tol = 1e-5 + 1e-4 * Math.Abs(expected[i]);
            if (!(Math.Abs(expected[i] - actual[i]) <= tol))
                Assert.Fail($"{what}: element {i} is {actual[i]} in ONNX Runtime and {expected[i]} in Ember");
        }
    }
}
