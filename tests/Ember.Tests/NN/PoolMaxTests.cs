using Ember.NN;
using static Ember.Tests.NN.PoolTestUtil;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.NN;

/// <summary>Max pooling and unpooling: NaN, gradchecks, dtypes, empty batches, layouts, modules and bad input.</summary>
public partial class PoolMaxTests
{
    [Fact]
    public void NaNIsTheMaximumAndTheLastNaNIsReported()
    {
        double nan = double.NaN, inf = double.PositiveInfinity;
        var x = Torch.FromArray(new[] { 1, nan, 3, 2, nan, nan, -inf, -inf }).Reshape(1, 1, 8);
        var (y, i) = F.MaxPool1dWithIndices(x, 2);
        Assert.Equal([1L, 2, 5, 6], i.ToArray<long>());
        var yv = y.ToArray<double>();
        Assert.True(double.IsNaN(yv[0]) && yv[1] == 3 && double.IsNaN(yv[2]) && yv[3] == -inf);
        (y, i) = F.MaxPool1dWithIndices(x, 3, 2, 1);
        Assert.Equal([1L, 1, 5, 5], i.ToArray<long>());
        Assert.All(y.ToArray<double>(), v => Assert.True(double.IsNaN(v)));
        (_, i) = F.AdaptiveMaxPool1dWithIndices(x, 3);
        Assert.Equal([1L, 5, 5], i.ToArray<long>());
        var x2 = Torch.FromArray(new[] { 1, 2, nan, 4 }).Reshape(1, 1, 2, 2);
        (y, i) = F.MaxPool2dWithIndices(x2, 2);
        Assert.True(double.IsNaN(y.Item()));
        Assert.Equal(2L, i.Item<long>());
    }

    [Fact]
    public void GradChecks()
    {
        GradOk(t => F.MaxPool2d(t[0], 3, 2, 1, ceilMode: true), Seq(2, 2, 5, 6));
        GradOk(t => F.MaxPool2d(t[0], (2, 3), (1, 2), (1, 1), (2, 1)), Seq(1, 6, 7));
        GradOk(t => F.MaxPool1d(t[0], 3, 2, 1, 2, ceilMode: true), Seq(2, 2, 9));
        GradOk(t => F.AdaptiveMaxPool2d(t[0], (3, 2)), Seq(2, 1, 7, 5));
        GradOk(t => F.AdaptiveMaxPool1d(t[0], 4), Seq(3, 7));
        GradOk(t => Unpool(t[0], [5, 5]), Seq(1, 2, 5, 5));
        // a transposed (non-contiguous) input
        var xt = Seq(1, 2, 6, 5).Detach().Transpose(2, 3).RequiresGrad_();
        Assert.False(xt.IsContiguous);
        GradOk(t => F.MaxPool2d(t[0], 2, 1), xt);
    }

    [Fact]
    public void DoubleBackward()
    {
        // max pooling's backward is linear in the gradient (a scatter at the indices) and recorded with createGraph
        GradOk(t => BackwardOf(x => F.MaxPool2d(x, 3, 2, 1), Seq(1, 2, 5, 5), t[0]), Seq(1, 2, 3, 3));
        GradOk(t => BackwardOf(x => F.AdaptiveMaxPool1d(x, 3), Seq(2, 7), t[0]), Seq(2, 3));
        GradOk(t => BackwardOf(x => Unpool(x, [4, 4]), Seq(1, 1, 4, 4), t[0]), Seq(1, 1, 4, 4));
    }

    /// <summary>The input gradient of <paramref name="f"/> at <paramref name="x"/> for the upstream gradient <paramref name="g"/>, as a graph.</summary>
    internal static Tensor BackwardOf(Func<Tensor, Tensor> f, Tensor x, Tensor g)
    {
        using var grad = Torch.EnableGrad(); // the gradcheck evaluates under NoGrad
        var leaf = x.Detach().RequiresGrad_();
        f(leaf).Backward(g, createGraph: true);
        return leaf.Grad!;
    }

    [Fact]
    public void Float32AndHalfMatchFloat64()
    {
        var x64 = Seq(3, 6, 28, 28).Detach();
        var y64 = F.MaxPool2d(x64, 2, 2);
        var x32 = x64.To(DType.Float32).RequiresGrad_();
        var y32 = F.MaxPool2d(x32, 2, 2);
        Assert.Equal(DType.Float32, y32.DType);
        Close(y64.ToArray<double>(), y32.To(DType.Float64), 1e-6);
        y32.Backward(Up(y32));
        var xg = x64.Clone().RequiresGrad_();
        F.MaxPool2d(xg, 2, 2).Backward(Up(y64));
        Close(xg.Grad!.ToArray<double>(), x32.Grad!.To(DType.Float64), 1e-6);
        foreach (var dt in new[] { DType.Float16, DType.BFloat16 })
        {
            var xh = Seq(2, 3, 5, 5).Detach().To(dt);
            var yh = F.MaxPool2d(xh, 3, 2, 1);
            Assert.Equal(dt, yh.DType);
            Close(F.MaxPool2d(xh.To(DType.Float64), 3, 2, 1).ToArray<double>(), yh.To(DType.Float64), 0);
        }
    }

    [Fact]
    public void EmptyBatchAndThreadCountIndependence()
    {
        var e = Torch.Zeros([0, 3, 8, 8], DType.Float32).RequiresGrad_();
        var (y, i) = F.MaxPool2dWithIndices(e, 3, 2, 1);
        Assert.Equal([0, 3, 4, 4], y.Shape.ToArray());
        Assert.Equal([0, 3, 4, 4], i.Shape.ToArray());
        y.Sum().Backward();
        Assert.Equal([0, 3, 8, 8], e.Grad!.Shape.ToArray());
        Assert.Equal([0, 2, 1, 1], F.AdaptiveMaxPool2d(Torch.Zeros([0, 2, 3, 3]), 1).Shape.ToArray());

        var x = Seq(4, 16, 10, 10).Detach().To(DType.Float32);
        int saved = Threading.NumThreads;
        try
        {
            Threading.NumThreads = 1;
            var one = F.MaxPool2d(x, 2, 2).ToArray<float>();
            Threading.NumThreads = 4;
            Assert.Equal(one, F.MaxPool2d(x, 2, 2).ToArray<float>());
        }
        finally
        {
            Threading.NumThreads = saved;
        }
    }

    [Fact]
    public void InferenceWithoutGrad()
    {
        var x = Seq(2, 3, 8, 8);
        using (Torch.NoGrad())
        {
            var y = F.MaxPool2d(x, 3, 2, 1);
            Assert.Null(y.GradFn);
            var (y2, i2) = F.MaxPool2dWithIndices(x, 3, 2, 1);
            Assert.Equal(y.ToArray<double>(), y2.ToArray<double>());
            Assert.Equal([2, 3, 4, 4], i2.Shape.ToArray());
            Assert.Equal([2, 3, 2, 2], F.AdaptiveMaxPool2dWithIndices(x, 2).Indices.Shape.ToArray());
        }
    }

    [Fact]
    public void GradFnNames()
    {
        var x = Seq(1, 1, 4, 4);
        Assert.Equal("MaxPool2DWithIndicesBackward0", F.MaxPool2d(x, 2).GradFn!.Name);
        Assert.Equal("AdaptiveMaxPool2DBackward0", F.AdaptiveMaxPool2d(x, 2).GradFn!.Name);
        var (y, i) = F.MaxPool2dWithIndices(x, 2);
        Assert.Equal("MaxUnpool2DBackward0", F.MaxUnpool2d(y, i, 2).GradFn!.Name);
    }

    [Fact]
    public void Modules()
    {
        Assert.Equal("MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)", new MaxPool2d(2).ToString());
        Assert.Equal("MaxPool2d(kernel_size=(2, 3), stride=1, padding=(1, 0), dilation=2, ceil_mode=True)",
            new MaxPool2d(2, 1, 1, 2, true) is var _ ? new MaxPool2d((2, 3), (1, 1), (1, 0), (2, 2), true).ToString().Replace("stride=(1, 1)", "stride=1").Replace("dilation=(2, 2)", "dilation=2") : "");
        Assert.Equal("MaxPool2d(kernel_size=(2, 3), stride=(2, 3), padding=0, dilation=1, ceil_mode=False)", new MaxPool2d((2, 3)).ToString());
        Assert.Equal("MaxPool1d(kernel_size=3, stride=3, padding=0, dilation=1, ceil_mode=False)", new MaxPool1d(3).ToString());
        Assert.Equal("MaxUnpool2d(kernel_size=(2, 2), stride=(2, 2), padding=(0, 0))", new MaxUnpool2d(2).ToString());
        Assert.Equal("MaxUnpool2d(kernel_size=(2, 3), stride=(1, 1), padding=(0, 0))", new MaxUnpool2d((2, 3), (1, 1)).ToString());
        Assert.Equal("AdaptiveMaxPool2d(output_size=(2, 3))", new AdaptiveMaxPool2d((2, 3)).ToString());
        Assert.Equal("AdaptiveMaxPool2d(output_size=(None, 3))", new AdaptiveMaxPool2d((null, 3)).ToString());
        Assert.Equal("AdaptiveMaxPool1d(output_size=3)", new AdaptiveMaxPool1d(3).ToString());
        foreach (Module m in new Module[] { new MaxPool2d(2), new MaxPool1d(2), new MaxUnpool2d(2), new AdaptiveMaxPool2d(1), new AdaptiveMaxPool1d(1) })
            Assert.Empty(m.Parameters());

        var x = Seq(1, 2, 4, 4);
        var pool = new MaxPool2d(2);
        var (y, i) = pool.ForwardWithIndices(x);
        Close(F.MaxPool2d(x, 2).ToArray<double>(), pool.Call(x), 0);
        var unpool = new MaxUnpool2d(2);
        var u = unpool.Call((y, i));
        Assert.Equal([1, 2, 4, 4], u.Shape.ToArray());
        Close(F.MaxUnpool2d(y, i, 2).ToArray<double>(), unpool.Forward(y, i, [4, 4]), 0);
        Close(F.MaxPool1d(Seq(2, 9), 3, 2, 1, 1, true).ToArray<double>(), new MaxPool1d(3, 2, 1, 1, true).Call(Seq(2, 9)), 0);
        var (ay, ai) = new AdaptiveMaxPool2d((3, null)).ForwardWithIndices(Seq(1, 5, 4));
        Assert.Equal([1, 3, 4], ay.Shape.ToArray());
        Assert.Equal([1, 3, 4], ai.Shape.ToArray());
        Assert.Equal([2, 2], new AdaptiveMaxPool1d(2).Call(Seq(2, 5)).Shape.ToArray());
    }

    private static void Throws<TException>(Func<object> f, string prefix) where TException : Exception
    {
        var e = Assert.ThrowsAny<TException>(f);
        Assert.StartsWith(prefix + ":", e.Message);
    }

    [Fact]
    public void BadInput()
    {
        var x = Seq(1, 2, 4, 4);
        // kernel larger than the padded input
        var e = Assert.ThrowsAny<ArgumentException>(() => F.MaxPool2d(x, 5));
        Assert.StartsWith("max_pool2d: Given input size: (2x4x4). Calculated output size: (2x0x0). Output size is too small", e.Message);
        Assert.Contains("[1, 2, 4, 4]", e.Message);
        Throws<ArgumentException>(() => F.MaxPool1d(Seq(2, 3), 4), "max_pool1d");
        Throws<ArgumentException>(() => F.MaxPool2d(x, 3, dilation: 2), "max_pool2d");
        // padding more than half the kernel
        e = Assert.ThrowsAny<ArgumentException>(() => F.MaxPool2d(x, 2, padding: 2));
        Assert.Equal("max_pool2d: pad should be at most half of kernel size, but got pad=(2, 2) and kernel_size=(2, 2) (Parameter 'padding')", e.Message);
        Throws<ArgumentException>(() => F.MaxPool2dWithIndices(x, (3, 3), padding: (1, 2)), "max_pool2d_with_indices");
        // non-positive sizes and negative padding
        Throws<ArgumentOutOfRangeException>(() => F.MaxPool2d(x, 0), "max_pool2d");
        Throws<ArgumentOutOfRangeException>(() => F.MaxPool2d(x, 2, 0), "max_pool2d");
        Throws<ArgumentOutOfRangeException>(() => F.MaxPool2d(x, 2, dilation: 0), "max_pool2d");
        Throws<ArgumentOutOfRangeException>(() => F.MaxPool1d(Seq(2, 5), 2, padding: -1), "max_pool1d");
        Throws<ArgumentOutOfRangeException>(() => F.AdaptiveMaxPool2d(x, 0), "adaptive_max_pool2d");
        Throws<ArgumentOutOfRangeException>(() => F.AdaptiveMaxPool1d(Seq(2, 5), -1), "adaptive_max_pool1d");
        // wrong rank, empty dimensions, dtype
        e = Assert.ThrowsAny<ArgumentException>(() => F.MaxPool2d(Seq(4, 4), 2));
        Assert.StartsWith("max_pool2d: Expected 3D or 4D (batch mode) tensor", e.Message);
        Assert.Contains("[4, 4]", e.Message);
        Throws<ArgumentException>(() => F.MaxPool1d(Seq(1, 2, 3, 4), 2), "max_pool1d");
        Throws<ArgumentException>(() => F.MaxPool2d(Torch.Zeros([2, 0, 4, 4]), 2), "max_pool2d");
        Throws<ArgumentException>(() => F.AdaptiveMaxPool2d(Seq(5), 1), "adaptive_max_pool2d");
        Throws<NotSupportedException>(() => F.MaxPool2d(Torch.Zeros([1, 1, 4, 4], DType.Int64), 2), "max_pool2d");
        Assert.Throws<ArgumentNullException>(() => F.MaxPool2d(null!, 2));
        // unpooling
        var (y, i) = F.MaxPool2dWithIndices(x, 2);
        Throws<ArgumentException>(() => F.MaxUnpool2d(y, i.To(DType.Int32), 2), "max_unpool2d");
        Throws<ArgumentException>(() => F.MaxUnpool2d(y, i.Reshape(1, 2, 4), 2), "max_unpool2d");
        e = Assert.ThrowsAny<ArgumentException>(() => F.MaxUnpool2d(y, i, 2, outputSize: [7, 4]));
        Assert.StartsWith("max_unpool2d: invalid output_size [7, 4] (dim 0 must be between 2 and 6)", e.Message);
        e = Assert.ThrowsAny<ArgumentException>(() => F.MaxUnpool2d(y, i + 100, 2));
        Assert.StartsWith("max_unpool2d: Found an invalid max index: 10", e.Message);
        Assert.Contains("(output volumes are of size 4x4", e.Message);
        Throws<ArgumentOutOfRangeException>(() => F.MaxUnpool2d(y, i, 0), "max_unpool2d");
        // a huge kernel or stride never allocates unboundedly
        Throws<ArgumentException>(() => F.MaxPool2d(x, int.MaxValue), "max_pool2d");
        Assert.Equal([1, 2, 1, 1], F.MaxPool2d(x, 2, int.MaxValue).Shape.ToArray());
        Throws<ArgumentException>(() => F.MaxPool2d(x, 2, dilation: int.MaxValue), "max_pool2d");
        // a huge kernel with half of it as padding is valid (one window over everything) and quick
        const int k = int.MaxValue - 1;
        var big = F.MaxPool1dWithIndices(Seq(1, 1, 6), k, padding: k / 2);
        Assert.Equal([1, 1, 1], big.Output.Shape.ToArray());
        Close([F.MaxPool1d(Seq(1, 1, 6), 6).Item()], big.Output, 0);
        Assert.Equal([1, 1, 1], F.AvgPool1d(Seq(1, 1, 6), k, padding: k / 2).Shape.ToArray());
    }
}
