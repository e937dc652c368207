using Ember.NN;

namespace Ember.Onnx.Tests.Export;

public class OnnxExportErrorTests
{
    [Fact]
    public void UnsupportedLayerIsNamed()
    {
        var model = new Sequential(new Linear(3, 4), new PReLU());
        var e = Assert.Throws<NotSupportedException>(() => OnnxExporter.ExportToBytes(model, Torch.Randn(2, 3)));
        Assert.Contains("PReLU", e.Message);
        Assert.Contains("Prelu", e.Message);
    }

    [Fact]
    public void AdaptivePoolingWithUnequalWindowsIsNamed()
    {
        var model = new Sequential(new AdaptiveAvgPool2d(3));
        var e = Assert.Throws<NotSupportedException>(() => OnnxExporter.ExportToBytes(model, Torch.Randn(1, 2, 5, 5)));
        Assert.Contains("AdaptiveAvgPool2d", e.Message);
        Assert.Contains("[5, 5]", e.Message);
    }

    [Fact]
    public void UnsupportedConfigurationsAreNamed()
    {
        var reflect = new Conv2d(2, 2, 3, padding: 1, paddingMode: "reflect");
        Assert.Contains("padding_mode", Assert.Throws<NotSupportedException>(() => OnnxExporter.ExportToBytes(new Sequential(reflect), Torch.Randn(1, 2, 4, 4))).Message);
        var noStats = new BatchNorm1d(3, trackRunningStats: false);
        Assert.Contains("BatchNorm1d", Assert.Throws<NotSupportedException>(() => OnnxExporter.ExportToBytes(new Sequential(noStats), Torch.Randn(2, 3))).Message);
        var proj = new LSTM(3, 4, projSize: 2);
        Assert.Contains("proj_size", Assert.Throws<NotSupportedException>(() => OnnxExporter.ExportToBytes(proj, Torch.Randn(2, 1, 3))).Message);
    }

    [Fact]
    public void TheModelsModeIsRestoredAfterAFailure()
    {
        var model = new Sequential(new Dropout(), new PReLU());
        model.Train();
        Assert.Throws<NotSupportedException>(() => OnnxExporter.ExportToBytes(model, Torch.Randn(2, 3)));
        Assert.All(model.Modules(), m => Assert.True(m.Training));
        model.Eval();
        Assert.Throws<NotSupportedException>(() => OnnxExporter.ExportToBytes(model, Torch.Randn(2, 3)));
        Assert.All(model.Modules(), m => Assert.False(m.Training));
    }

    [Fact]
    public void AnOpWithoutExporterIsNamedWithItsModule()
    {
        var e = Assert.Throws<NotSupportedException>(() => OnnxExporter.ExportToBytes(new UsesCumsum(), Torch.Randn(2, 3)));
        Assert.Contains("Cumsum", e.Message);
        Assert.Contains(nameof(UsesCumsum), e.Message);
    }

    [Fact]
    public void ATensorThatDependsOnTheBatchButIsNotTracedIsRefused()
    {
        var e = Assert.Throws<NotSupportedException>(() => OnnxExporter.ExportToBytes(new BatchSizedConstant(), Torch.Randn(2, 3)));
        Assert.Contains("depends on the batch size", e.Message);
        // With a static batch the same tensor is a constant of the graph.
        Assert.NotEmpty(OnnxExporter.ExportToBytes(new BatchSizedConstant(), Torch.Randn(2, 3), new OnnxExportOptions { DynamicBatch = false }));
    }

    [Fact]
    public void AModelThatOnlyRunsAtTheSampleBatchNeedsAStaticBatch()
    {
        var e = Assert.Throws<NotSupportedException>(() => OnnxExporter.ExportToBytes(new FixedBatchView(), Torch.Randn(2, 3)));
        Assert.Contains("DynamicBatch = false", e.Message);
        Assert.NotEmpty(OnnxExporter.ExportToBytes(new FixedBatchView(), Torch.Randn(2, 3), new OnnxExportOptions { DynamicBatch = false }));
    }

    [Fact]
    public void ExpandingATensorWithoutBatchToTheBatchIsRefused()
    {
        var e = Assert.Throws<NotSupportedException>(() => OnnxExporter.ExportToBytes(new ExpandsParameter(), Torch.Randn(2, 3)));
        Assert.Contains("expands", e.Message);
        Assert.Contains(nameof(ExpandsParameter), e.Message);
    }

    [Fact]
    public void BadArguments()
    {
        var model = new Sequential(new Linear(3, 2));
        var x = Torch.Randn(2, 3);
        Assert.Throws<ArgumentNullException>(() => OnnxExporter.ExportToBytes(null!, x));
        Assert.Throws<ArgumentNullException>(() => OnnxExporter.ExportToBytes(model, (Tensor)null!));
        Assert.Throws<ArgumentNullException>(() => OnnxExporter.ExportToBytes(model, (Tensor[])null!));
        Assert.Throws<ArgumentNullException>(() => OnnxExporter.Export(model, x, null!));
        Assert.Throws<ArgumentException>(() => OnnxExporter.Export(model, x, " "));
        Assert.Throws<ArgumentException>(() => OnnxExporter.ExportToBytes(model, Array.Empty<Tensor>()));
        Assert.Throws<ArgumentException>(() => OnnxExporter.ExportToBytes(model, [x, x]));
        Assert.Throws<ArgumentException>(() => OnnxExporter.ExportToBytes(model, Torch.Randn(0, 3)));
        Assert.Throws<ArgumentException>(() => OnnxExporter.ExportToBytes(new TwoInputs(), x));
        Assert.Throws<ArgumentException>(() => OnnxExporter.ExportToBytes(new CrossEntropyLoss(), x));
        Assert.Throws<ArgumentException>(() => OnnxExporter.ExportToBytes(model, x, new OnnxExportOptions { OutputNames = ["a", "b"] }));
        Assert.Throws<ArgumentException>(() => OnnxExporter.ExportToBytes(model, x, new OnnxExportOptions { InputNames = [""] }));
        Assert.Throws<ArgumentException>(() => OnnxExporter.ExportToBytes(model, x, new OnnxExportOptions { InputNames = ["x"], OutputNames = ["x"] }));
        Assert.Throws<ArgumentException>(() => OnnxExporter.ExportToBytes(model, x, new OnnxExportOptions { BatchDims = [2] }));
        Assert.Throws<ArgumentException>(() => OnnxExporter.ExportToBytes(model, x, new OnnxExportOptions { BatchDims = [0, 0] }));
    }
}
