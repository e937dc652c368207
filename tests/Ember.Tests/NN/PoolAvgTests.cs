using Ember.NN;
using static Ember.Tests.NN.PoolTestUtil;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.NN;

/// <summary>Average and adaptive average pooling: gradchecks, double backward, dtypes, empty batches, modules and bad input.</summary>
public partial class PoolAvgTests
{
    [Fact]
    public void GradChecks()
    {
        GradOk(t => F.AvgPool2d(t[0], 3, 2, 1, ceilMode: true, countIncludePad: false), Seq(2, 1, 6, 6));
        GradOk(t => F.AvgPool2d(t[0], (3, 2), (2, 1), (1, 0), divisorOverride: 4), Seq(1, 5, 6));
        GradOk(t => F.AvgPool1d(t[0], 3, 2, 1, ceilMode: true), Seq(2, 2, 8));
        GradOk(t => F.AdaptiveAvgPool2d(t[0], (3, 4)), Seq(1, 2, 7, 5));
        GradOk(t => F.AdaptiveAvgPool1d(t[0], 3), Seq(2, 7));
        var xt = Seq(1, 2, 6, 5).Detach().Transpose(2, 3).RequiresGrad_();
        GradOk(t => F.AvgPool2d(t[0], 2, 1), xt);
        GradOk(t => F.AdaptiveAvgPool2d(t[0], 1), xt);
    }

    [Fact]
    public void SizeOneAndBroadcastInputs()
    {
        // planes of one element, and an expanded (stride-0) input whose gradient sums over the broadcast
        GradOk(t => F.AvgPool2d(t[0], 1), Seq(1, 1, 1, 1));
        GradOk(t => F.AdaptiveAvgPool2d(t[0], 1), Seq(1, 1, 1, 1));
        GradOk(t => F.MaxPool2d(t[0], 2, 1, 1), Seq(1, 1, 1, 1));
        GradOk(t => F.AdaptiveMaxPool2d(t[0], (2, 3)), Seq(1, 1, 1, 1));
        GradOk(t => F.Interpolate(t[0], [3, 2], mode: "bilinear"), Seq(1, 1, 1, 1));
        GradOk(t => F.Interpolate(t[0], [1], mode: "linear", alignCorners: true), Seq(1, 1, 4));
        GradOk(t => F.AvgPool2d(t[0].Expand(2, 3, 4, 5), 2, 1, 1), Seq(1, 1, 4, 5));
        GradOk(t => F.MaxPool2d(t[0].Expand(2, 3, 4, 5), 2, 1, 1), Seq(1, 1, 4, 5));
        GradOk(t => F.Interpolate(t[0].Expand(2, 3, 4, 5), scaleFactor: [1.5], mode: "bilinear"), Seq(1, 1, 4, 5));
    }

    [Fact]
    public void DoubleBackward()
    {
        GradOk(t => PoolMaxTests.BackwardOf(x => F.AvgPool2d(x, 3, 2, 1, countIncludePad: false), Seq(1, 2, 5, 5), t[0]), Seq(1, 2, 3, 3));
        GradOk(t => PoolMaxTests.BackwardOf(x => F.AdaptiveAvgPool2d(x, (2, 3)), Seq(1, 1, 5, 4), t[0]), Seq(1, 1, 2, 3));
        var x = Seq(1, 1, 4, 4);
        var y = F.AvgPool2d(x, 2);
        y.Backward(Up(y).RequiresGrad_(), createGraph: true);
        Assert.Equal("AvgPool2DBackwardBackward0", x.Grad!.GradFn!.Name);
        Assert.Equal("AvgPool2DBackward0", y.GradFn!.Name);
        Assert.Equal("AdaptiveAvgPool2DBackward0", F.AdaptiveAvgPool2d(x, 1).GradFn!.Name);
    }

    [Fact]
    public void Float32AndHalfMatchFloat64()
    {
        var x64 = Seq(4, 64, 7, 7).Detach();
        foreach (var f in new Func<Tensor, Tensor>[] { t => F.AdaptiveAvgPool2d(t, 1), t => F.AvgPool2d(t, 3, 2, 1), t => F.AvgPool1d(t.Reshape(4, 64, 49), 4, 3, 2) })
        {
            var y64 = f(x64);
            var x32 = x64.To(DType.Float32).RequiresGrad_();
            var y32 = f(x32);
            Assert.Equal(DType.Float32, y32.DType);
            Close(y64.ToArray<double>(), y32.To(DType.Float64), 1e-6);
            y32.Backward(Up(y32));
            var xg = x64.Clone().RequiresGrad_();
            f(xg).Backward(Up(y64));
            Close(xg.Grad!.ToArray<double>(), x32.Grad!.To(DType.Float64), 1e-6);
            var yh = f(x64.To(DType.BFloat16));
            Assert.Equal(DType.BFloat16, yh.DType);
            Close(y64.ToArray<double>(), yh.To(DType.Float64), 1e-2);
        }
    }

    [Fact]
    public void EmptyBatch()
    {
        var e = Torch.Zeros([0, 3, 8, 8]).RequiresGrad_();
        var y = F.AvgPool2d(e, 3, 2, 1);
        Assert.Equal([0, 3, 4, 4], y.Shape.ToArray());
        y.Sum().Backward();
        Assert.Equal([0, 3, 8, 8], e.Grad!.Shape.ToArray());
        Assert.Equal([0, 3, 1, 1], F.AdaptiveAvgPool2d(e, 1).Shape.ToArray());
        Assert.Equal([0, 3, 2], F.AdaptiveAvgPool1d(Torch.Zeros([0, 3, 5]), 2).Shape.ToArray());
    }

    [Fact]
    public void Modules()
    {
        Assert.Equal("AvgPool2d(kernel_size=2, stride=2, padding=0)", new AvgPool2d(2).ToString());
        Assert.Equal("AvgPool2d(kernel_size=3, stride=1, padding=1)", new AvgPool2d(3, 1, 1, true, false, 2).ToString());
        Assert.Equal("AvgPool2d(kernel_size=(3, 2), stride=(3, 2), padding=(1, 0))", new AvgPool2d((3, 2), padding: (1, 0)).ToString());
        Assert.Equal("AvgPool1d(kernel_size=(2,), stride=(2,), padding=(0,))", new AvgPool1d(2).ToString());
        Assert.Equal("AdaptiveAvgPool2d(output_size=1)", new AdaptiveAvgPool2d(1).ToString());
        Assert.Equal("AdaptiveAvgPool2d(output_size=(None, 3))", new AdaptiveAvgPool2d((null, 3)).ToString());
        Assert.Equal("AdaptiveAvgPool1d(output_size=2)", new AdaptiveAvgPool1d(2).ToString());
        var x = Seq(2, 3, 6, 6);
        Close(F.AvgPool2d(x, 3, 1, 1, true, false, 2).ToArray<double>(), new AvgPool2d(3, 1, 1, true, false, 2).Call(x), 0);
        Close(F.AvgPool1d(Seq(2, 9), 3, 2, 1, true, false).ToArray<double>(), new AvgPool1d(3, 2, 1, true, false).Call(Seq(2, 9)), 0);
        Close(F.AdaptiveAvgPool2d(x, (2, 3)).ToArray<double>(), new AdaptiveAvgPool2d((2, 3)).Call(x), 0);
        Assert.Equal([2, 4], new AdaptiveAvgPool1d(4).Call(Seq(2, 9)).Shape.ToArray());
        Assert.Empty(new AvgPool2d(2).Parameters());
    }

    [Fact]
    public void BadInput()
    {
        var x = Seq(1, 2, 4, 4);
        var e = Assert.ThrowsAny<ArgumentException>(() => F.AvgPool2d(x, 5, 1, 0));
        Assert.StartsWith("avg_pool2d: Given input size: (2x4x4). Calculated output size: (2x0x0). Output size is too small", e.Message);
        e = Assert.ThrowsAny<ArgumentException>(() => F.AvgPool2d(x, 3, padding: 2));
        Assert.StartsWith("avg_pool2d: pad should be at most half of kernel size, but got pad=(2, 2) and kernel_size=(3, 3)", e.Message);
        e = Assert.ThrowsAny<ArgumentException>(() => F.AvgPool1d(Seq(2, 3), 2, padding: 2));
        Assert.StartsWith("avg_pool1d: pad should be at most half of kernel size, but got pad=2 and kernel_size=2", e.Message);
        Assert.StartsWith("avg_pool2d: divisor must be not zero", Assert.ThrowsAny<ArgumentException>(() => F.AvgPool2d(x, 2, divisorOverride: 0)).Message);
        Assert.StartsWith("avg_pool2d:", Assert.ThrowsAny<ArgumentOutOfRangeException>(() => F.AvgPool2d(x, (2, 0))).Message);
        Assert.StartsWith("adaptive_avg_pool2d: elements of output_size must be greater than 0",
            Assert.ThrowsAny<ArgumentOutOfRangeException>(() => F.AdaptiveAvgPool2d(x, (0, 2))).Message);
        Assert.StartsWith("adaptive_avg_pool1d:", Assert.ThrowsAny<ArgumentOutOfRangeException>(() => F.AdaptiveAvgPool1d(Seq(2, 5), 0)).Message);
        e = Assert.ThrowsAny<ArgumentException>(() => F.AdaptiveAvgPool2d(Seq(2, 2, 2, 2, 2), 1));
        Assert.StartsWith("adaptive_avg_pool2d: Expected 3D or 4D", e.Message);
        Assert.Contains("[2, 2, 2, 2, 2]", e.Message);
        Assert.StartsWith("avg_pool2d:", Assert.Throws<NotSupportedException>(() => F.AvgPool2d(Torch.Ones([1, 1, 2, 2], DType.Int32), 2)).Message);
        Assert.StartsWith("adaptive_avg_pool1d:", Assert.ThrowsAny<ArgumentException>(() => F.AdaptiveAvgPool1d(Torch.Zeros([3, 0]), 1)).Message);
    }
}
