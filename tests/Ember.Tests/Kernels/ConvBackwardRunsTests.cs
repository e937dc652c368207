using Ember.Kernels;
using Ember.NN;
using Xunit;

namespace Ember.Tests.Kernels;

/// <summary>
/// The convolution's three gradients computed together in runs of samples (<see cref="ConvBackwardRuns"/>): float32
/// results against the whole-batch step in float64 (generic GEMM kernels, one gradient at a time), a broadcast gradient
/// (from <c>y.Sum()</c>) against the whole-batch step on its contiguous copy, and bit-identical results on 1, 2 and 3
/// threads.
/// </summary>
[Collection("Gemm.NumThreads")]
public class ConvBackwardRunsTests
{
    public static IEnumerable<object[]> Shapes()
    {
        // n, c, o, h, w, k, stride, padding, bias
        yield return new object[] { 8, 3, 64, 32, 32, 3, 1, 1, true };    // the conv benchmark's layer (direct kernels)
        yield return new object[] { 10, 1, 6, 28, 28, 5, 1, 2, true };    // LeNet conv1
        yield return new object[] { 50, 6, 16, 14, 14, 5, 1, 0, false };  // LeNet conv2; 50 samples: runs of 12 and 13
        yield return new object[] { 33, 3, 5, 13, 9, 3, 2, 1, true };     // stride 2: GEMM kernels in runs
        yield return new object[] { 24, 20, 12, 16, 16, 3, 1, 1, true };  // 20 input channels: GEMM kernels in runs
        yield return new object[] { 20, 3, 64, 32, 32, 3, 1, 1, true };   // dy of 5 MB: 5 runs of 1 MB
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatchesFloat64(int n, int c, int o, int h, int w, int k, int stride, int padding, bool bias)
    {
        var oh = (h + 2 * padding - k) / stride + 1;
        var g = new ConvGeometry(n, c, h, w, o, k, k, stride, stride, padding, padding, 1, 1, 1, oh, (w + 2 * padding - k) / stride + 1);
        Assert.True(ConvBackwardRuns.Suits(g));
        var gen = new Generator(n + c + o + h + w + k);
        var x = Torch.Randn([n, c, h, w], dtype: DType.Float64, generator: gen);
        var wt = Torch.Randn([o, c, k, k], dtype: DType.Float64, generator: gen);
        var b = bias ? Torch.Randn([o], dtype: DType.Float64, generator: gen) : null;
        var dy = Torch.Randn([n, o, g.OH, g.OW], dtype: DType.Float64, generator: gen);
        var (e, _) = WithoutRuns(() => Step(x, wt, b, dy, stride, padding));
        var (a, _) = Step(x.To(DType.Float32), wt.To(DType.Float32), b?.To(DType.Float32), dy.To(DType.Float32), stride, padding);
        for (int i = 0; i < e.Length; i++)
        {
            if (e[i] is null) { Assert.Null(a[i]); continue; }
            double scale = e[i]!.Abs().Max().Item<double>() + 1;
            double err = (e[i]! - a[i]!.To(DType.Float64)).Abs().Max().Item<double>();
            Assert.True(err <= 2e-5 * scale * Math.Sqrt(n), $"gradient {i}: error {err:G3}, scale {scale:G3}");
        }
    }

    [Fact]
    public void BroadcastGradientEqualsItsContiguousCopy()
    {
        var gen = new Generator(3);
        var x = Torch.Randn([16, 3, 20, 20], generator: gen);
        var w = Torch.Randn([8, 3, 3, 3], generator: gen);
        var b = Torch.Randn([8], generator: gen);
        var leaves = new[] { x, w, b }.Select(t => t.Detach().RequiresGrad_()).ToArray();
        F.Conv2d(leaves[0], leaves[1], leaves[2], padding: 1).Sum().Backward();
        var (dense, _) = WithoutRuns(() => Step(x, w, b, Torch.Ones([16, 8, 20, 20]), 1, 1));
        for (int i = 0; i < 3; i++)
        {
            double err = (dense[i]! - leaves[i].Grad!).Abs().Max().Item<float>(), scale = dense[i]!.Abs().Max().Item<float>();
            Assert.True(err <= 1e-5 * scale, $"gradient {i}: error {err:G3}, scale {scale:G3}");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ResultsDoNotDependOnTheThreadCount(int n, int c, int o, int h, int w, int k, int stride, int padding, bool bias)
    {
        var gen = new Generator(7);
        var x = Torch.Randn([n, c, h, w], generator: gen);
        var wt = Torch.Randn([o, c, k, k], generator: gen);
        var b = bias ? Torch.Randn([o], generator: gen) : null;
        var dy = Torch.Randn([n, o, (h + 2 * padding - k) / stride + 1, (w + 2 * padding - k) / stride + 1], generator: gen);
        int saved = Threading.NumThreads;
        try
        {
            Threading.NumThreads = 1;
            var (one, _) = Step(x, wt, b, dy, stride, padding);
            foreach (int threads in new[] { 2, 3 })
            {
                Threading.NumThreads = threads;
                var (many, _) = Step(x, wt, b, dy, stride, padding);
                for (int i = 0; i < one.Length; i++)
                    if (one[i] is not null) Assert.Equal(one[i]!.ToArray<float>(), many[i]!.ToArray<float>());
            }
        }
        finally { Threading.NumThreads = saved; }
    }

    [Theory]
    [InlineData(8, 3, 64, 32, 3, 4)]     // 2 MB of dy: the 4 runs a small batch gets
    [InlineData(20, 3, 64, 32, 3, 5)]    // 5 MB: runs of at most 1 MB
    [InlineData(64, 3, 64, 32, 3, 16)]   // the conv benchmark's 16.8 MB
    [InlineData(5, 3, 64, 64, 3, 5)]     // 5 MB in 5 samples: one run per sample
    [InlineData(64, 32, 256, 16, 3, 14)] // 16.8 MB, but the weight partials may take only a quarter of dy
    public void RunsOfAboutAMegabyte(int n, int c, int o, int hw, int k, int runs)
    {
        var g = new ConvGeometry(n, c, hw, hw, o, k, k, 1, 1, k / 2, k / 2, 1, 1, 1, hw, hw);
        Assert.True(ConvBackwardRuns.Suits(g));
        Assert.Equal(runs, ConvBackwardRuns.Runs(g, sizeof(float)));
    }

    /// <summary>The step on the whole batch, one gradient at a time (the reference).</summary>
    private static T WithoutRuns<T>(Func<T> f)
    {
        ConvBackwardRuns.Enabled = false;
        try { return f(); }
        finally { ConvBackwardRuns.Enabled = true; }
    }

    /// <summary>The gradients (dx, dw, db) of conv2d at output gradient dy, and the output.</summary>
    private static (Tensor?[] Grads, Tensor Y) Step(Tensor x, Tensor w, Tensor? b, Tensor dy, int stride, int padding)
    {
        var xl = x.Detach().RequiresGrad_();
        var wl = w.Detach().RequiresGrad_();
        var bl = b?.Detach().RequiresGrad_();
        var y = F.Conv2d(xl, wl, bl, stride: stride, padding: padding);
        y.Backward(dy);
        return ([xl.Grad, wl.Grad, bl?.Grad], y);
    }
}
