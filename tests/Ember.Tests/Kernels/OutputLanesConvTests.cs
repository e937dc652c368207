using Ember.Kernels;
using Ember.NN;

namespace Ember.Tests.Kernels;

/// <summary>
/// The direct convolution with output channels in the lanes (small products: LeNet's second layer at batch 1) against a
/// naive float64 loop and the implicit GEMM, over strides, dilations, paddings, kernel sizes, batch sizes, plane sizes off
/// the 8-pixel blocks, with and without bias and the fused ReLU; and the geometries it declines. Tolerance: 1e-6 · S,
/// S the largest Σ|x·w| + |b| of an output.
/// </summary>
[Collection("ConvPathToggle")]
public class OutputLanesConvTests
{
    public static TheoryData<int, int, int, int, int, int, int, int, int> Shapes => new()
    {
        // N, C, O, H(=W), K, stride, padding, dilation, bias (1) or not (0)
        { 1, 6, 16, 14, 5, 1, 0, 1, 1 },  // LeNet's conv2 at batch 1
        { 1, 1, 16, 28, 5, 1, 2, 1, 0 },
        { 2, 3, 32, 9, 3, 2, 1, 1, 1 },
        { 3, 5, 16, 11, 3, 1, 1, 2, 0 },
        { 1, 7, 16, 5, 1, 1, 0, 1, 1 },   // 25 pixels: the last block overlaps
        { 1, 2, 16, 4, 3, 1, 1, 1, 1 },   // 16 pixels, padding
        { 1, 4, 32, 10, 3, 3, 2, 1, 0 },  // 4×4 = 16 pixels at stride 3
        { 2, 1, 16, 8, 8, 1, 0, 1, 1 },   // 1 pixel per sample: declined (fewer than 8)
        { 24, 6, 16, 14, 5, 1, 0, 1, 1 }, // LeNet's conv2 at batch 24: samples split over the team
        { 20, 3, 32, 12, 3, 1, 1, 1, 0 }, // split over the team, each part with its own padded copy
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatchesNaiveAndTheGemm(int n, int c, int o, int hw, int k, int s, int p, int d, int bias)
    {
        int ohw = (hw + 2 * p - d * (k - 1) - 1) / s + 1;
        var g = new ConvGeometry(n, c, hw, hw, o, k, k, s, s, p, p, d, d, 1, ohw, ohw);
        var gen = new Generator(n * 7 + c * 11 + o + hw * 13 + k * 17 + s + p * 3 + d);
        var x = Torch.Randn([n, c, hw, hw], generator: gen);
        var w = Torch.Randn([o, c, k, k], generator: gen);
        var b = bias == 1 ? Torch.Randn([o], generator: gen) : null;
        Assert.Equal(ohw * ohw >= 8, OutputLanesConv.Suits(g));
        var (expected, scale) = NaiveConv.Forward(x.ToArray<float>(), w.ToArray<float>(), b?.ToArray<float>(), g);
        foreach (bool relu in new[] { false, true })
        {
            var y = Torch.Full([n, o, ohw, ohw], float.NaN);
            ConvKernels.Forward(x, w, b, y, g, relu);
            var ya = y.ToArray<float>();
            var yGemm = Torch.Full([n, o, ohw, ohw], float.NaN);
            OutputLanesConv.Disabled = true;
            try { ConvKernels.Forward(x, w, b, yGemm, g, relu); }
            finally { OutputLanesConv.Disabled = false; }
            var yg = yGemm.ToArray<float>();
            for (int i = 0; i < expected.Length; i++)
            {
                double e = relu ? Math.Max(expected[i], 0) : expected[i];
                Assert.True(Math.Abs(ya[i] - e) <= 1e-6 * scale, $"relu {relu}: y[{i}] = {ya[i]}, naive {e} (scale {scale})");
                Assert.True(Math.Abs(ya[i] - yg[i]) <= 1e-6 * scale, $"relu {relu}: y[{i}] = {ya[i]}, gemm {yg[i]}");
            }
        }
    }

    [Fact]
    public void NonFiniteValuesAndTheReluEpilogue()
    {
        var g = new ConvGeometry(1, 2, 6, 6, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1, 6, 6);
        var x = Torch.Randn([1, 2, 6, 6], generator: new Generator(1));
        x[0, 1, 2, 2] = Torch.Scalar(float.NaN);
        x[0, 0, 5, 5] = Torch.Scalar(float.PositiveInfinity);
        var w = Torch.Randn([16, 2, 3, 3], generator: new Generator(2));
        foreach (bool relu in new[] { false, true })
        {
            var y = Torch.Empty([1, 16, 6, 6]);
            ConvKernels.Forward(x, w, null, y, g, relu);
            var yGemm = Torch.Empty([1, 16, 6, 6]);
            OutputLanesConv.Disabled = true;
            try { ConvKernels.Forward(x, w, null, yGemm, g, relu); }
            finally { OutputLanesConv.Disabled = false; }
            float[] a = y.ToArray<float>(), e = yGemm.ToArray<float>();
            for (int i = 0; i < a.Length; i++)
            {
                Assert.Equal(float.IsNaN(e[i]), float.IsNaN(a[i]));
                if (float.IsInfinity(e[i])) Assert.Equal(e[i], a[i]);
                if (relu) Assert.False(a[i] < 0);
            }
        }
        // −0 out of the ReLU is +0, as TensorPrimitives.Max gives elsewhere.
        var zeros = Torch.Zeros([1, 1, 4, 4]);
        var negW = Torch.Full([16, 1, 1, 1], -1f);
        var yz = Torch.Empty([1, 16, 4, 4]);
        ConvKernels.Forward(zeros, negW, null, yz, new ConvGeometry(1, 1, 4, 4, 16, 1, 1, 1, 1, 0, 0, 1, 1, 1, 4, 4), relu: true);
        Assert.All(yz.ToArray<float>(), v => Assert.False(float.IsNegative(v)));
    }

    [Fact]
    public void DeclinedGeometries()
    {
        static ConvGeometry G(int n, int c, int o, int hw, int groups = 1) => new(n, c, hw, hw, o, 3, 3, 1, 1, 1, 1, 1, 1, groups, hw, hw);
        Assert.True(OutputLanesConv.Suits(G(1, 6, 16, 10)));
        Assert.False(OutputLanesConv.Suits(G(1, 6, 8, 10)));    // not a multiple of 16
        Assert.False(OutputLanesConv.Suits(G(1, 6, 48, 10)));   // more than 32 outputs
        Assert.False(OutputLanesConv.Suits(G(1, 6, 16, 2)));    // 4 pixels
        Assert.False(OutputLanesConv.Suits(G(1, 4, 16, 10, groups: 2)));
        Assert.True(OutputLanesConv.Suits(G(256, 6, 16, 10)));  // a large batch: samples split over the team
        Assert.False(OutputLanesConv.Suits(G(1, 512, 16, 10))); // 4,608 taps
        Assert.False(OutputLanesConv.Suits(G(2, 256, 32, 32))); // 75M multiply-adds per sample: the GEMM's
    }

    /// <summary>A batch split over the team by samples: the same bits on 3, 2 and 1 threads (run in that order, so that
    /// a sample a split missed cannot be found filled in from an earlier run).</summary>
    [Fact]
    public void SplitOverTheTeamGivesTheSameBitsOnAnyThreadCount()
    {
        var g = new ConvGeometry(37, 6, 14, 14, 16, 5, 5, 1, 1, 2, 2, 1, 1, 1, 14, 14);
        var gen = new Generator(9);
        var x = Torch.Randn([37, 6, 14, 14], generator: gen);
        var w = Torch.Randn([16, 6, 5, 5], generator: gen);
        var b = Torch.Randn([16], generator: gen);
        Assert.True(OutputLanesConv.Suits(g));
        int saved = Threading.NumThreads;
        try
        {
            float[]? first = null;
            foreach (int threads in new[] { 3, 2, 1 })
            {
                Threading.NumThreads = threads;
                var y = Torch.Full([37, 16, 14, 14], float.NaN);
                Assert.True(OutputLanesConv.TryForward(x, w, b, y, g, relu: true));
                var a = y.ToArray<float>();
                if (first is null) first = a;
                else Assert.Equal(first, a);
            }
            Assert.DoesNotContain(first!, float.IsNaN);
        }
        finally { Threading.NumThreads = saved; }
    }

    [Fact]
    public void LeNetAtBatchOneMatchesItsModulesInEveryMode()
    {
        var gen = new Generator(3);
        var conv = new Conv2d(6, 16, 5, generator: gen);
        var x = Torch.Randn([1, 6, 14, 14], generator: gen);
        var reference = Torch.FromArray(NaiveConv.Forward(x.ToArray<float>(), conv.Weight.Detach().ToArray<float>(), conv.Bias!.Detach().ToArray<float>(),
            new ConvGeometry(1, 6, 14, 14, 16, 5, 5, 1, 1, 0, 0, 1, 1, 1, 10, 10)).Y).To(DType.Float32).Reshape(1, 16, 10, 10);
        Assert.True(Torch.Allclose(reference, conv.Call(x).Detach(), 1e-5, 1e-5));
        using (Torch.InferenceMode()) Assert.True(Torch.Allclose(reference, conv.Call(x), 1e-5, 1e-5));
        // Autograd through it: the weight's gradient is the GEMM path's.
        var xg = x.Clone().RequiresGrad_();
        conv.Call(xg).Sum().Backward();
        Assert.NotNull(xg.Grad);
        Assert.NotNull(conv.Weight.Grad);
    }
}
