using Ember.Onnx.Import;
using Ember.Tests.Oracles;

namespace Ember.Onnx.Tests.Import;

/// <summary>
/// Models exported by PyTorch's <c>torch.onnx.export</c> (opset 17, dynamic batch; made by the fixture
/// <c>import_torch_models.py</c> with Debian's PyTorch) import and give PyTorch's outputs at two batch sizes.
/// </summary>
public class TorchExportTests
{
    private const double Rtol = 1e-4, Atol = 1e-5;

    [PythonFact("torch", "onnx")]
    public void Mlp() => Check("mlp", "fc1_weight");

    [PythonFact("torch", "onnx")]
    public void CnnWithBatchNormPoolingFlattenAndDropout() => Check("cnn");

    [PythonFact("torch", "onnx")]
    public void UpsampleNearestAndBilinear() => Check("upsample");

    [PythonFact("torch", "onnx")]
    public void LstmClassifier() => Check("lstm");

    [PythonFact("torch", "onnx")]
    public void LstmClassifierBatchFirst() => Check("lstm_batch_first");

    [PythonFact("torch", "onnx")]
    public void GruClassifier() => Check("gru");

    [PythonFact("torch", "onnx")]
    public void GruClassifierBatchFirst() => Check("gru_batch_first");

    [PythonFact("torch", "torchvision", "onnx")]
    public void TorchvisionResNet18() => Check("resnet18", "fc_weight");

    [PythonFact("torch", "torchvision", "onnx")]
    public void TorchvisionSqueezeNet() => Check("squeezenet1_0");

    private static void Check(string name, string? parameter = null)
    {
        string dir = Path.Combine(Path.GetTempPath(), "ember-onnx-import-" + Guid.NewGuid().ToString("N"));
        try
        {
            PythonOracle.Run("import_torch_models.py", name, dir);
            var model = OnnxModel.Load(Path.Combine(dir, "model.onnx"));
            Assert.Equal(["input"], model.InputNames);
            Assert.Equal(["output"], model.OutputNames);
            Assert.NotEmpty(model.Parameters());
            if (parameter is not null) Assert.Contains(parameter, model.StateDict().Keys);
            foreach (int batch in new[] { 2, 5 })
            {
                var x = OnnxTensors.Parse(File.ReadAllBytes(Path.Combine(dir, $"input_{batch}.pb")));
                var expected = OnnxTensors.Parse(File.ReadAllBytes(Path.Combine(dir, $"output_{batch}.pb")));
                var y = Assert.Single(model.Run(x));
                Assert.Null(NodeTestCases.Compare(expected, y, Rtol, Atol));
            }
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
