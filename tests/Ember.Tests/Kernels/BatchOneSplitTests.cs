using Ember.NN;
using Ember.Kernels;

namespace Ember.Tests.Kernels;

/// <summary>
/// A deep layer at batch 1 (and small planes at batch 16–32, whose one chunk moves its product and dy by channel)
/// splits what one sample needs over the team: its im2col by input channel, Winograd's padded
/// copy by row and its output by channel, and the pre-packed weight product (inference mode) by column from 512 KB of
/// weights, with the bias and ReLU applied by each thread to its block. Checked against a naive float64 loop, and for
/// the same bits on 3, 2 and 1 threads (in that order, so that a row a split missed cannot be found filled by an earlier serial run in a pooled buffer), in grad-free mode and in inference mode (weights packed once), with and without
/// the fused ReLU. Tolerance: 1e-6 · S (1e-5 · S where Winograd runs), S the largest Σ|x·w| + |b| of an output.
/// </summary>
[Collection("ConvPathToggle")]
public class BatchOneSplitTests
{
    public static TheoryData<int, int, int, int, int, int> Shapes => new()
    {
        // C, O, H(=W), K, stride, padding
        { 131, 40, 4, 3, 1, 1 },   // im2col split (131·9·16 column entries), channels split 65/66
        { 520, 24, 2, 3, 1, 1 },   // a 2×2 plane, 4 columns
        { 80, 33, 9, 3, 2, 1 },    // stride 2: 5×5 outputs
        { 300, 200, 2, 1, 2, 0 },  // 1×1 stride 2 (a downsample), no padding
        { 64, 72, 16, 3, 1, 1 },   // Winograd F(4,3) in inference mode: one sample's copy and output split
        { 96, 40, 8, 3, 1, 1 },    // Winograd F(2,3) in inference mode, 40 outputs (lanes padded to 48)
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatchesNaiveOnAnyThreadCount(int c, int o, int hw, int k, int s, int p)
    {
        int ohw = (hw + 2 * p - k) / s + 1;
        var g = new ConvGeometry(1, c, hw, hw, o, k, k, s, s, p, p, 1, 1, 1, ohw, ohw);
        var gen = new Generator(c * 7 + o * 11 + hw * 13 + k + s);
        var x = Torch.Randn([1, c, hw, hw], generator: gen);
        var w = Torch.Randn([o, c, k, k], generator: gen);
        var b = Torch.Randn([o], generator: gen);
        var (expected, scale) = NaiveConv.Forward(x.ToArray<float>(), w.ToArray<float>(), b.ToArray<float>(), g);
        // Winograd (inference mode, 3×3 stride 1 from 8×8): F(4,3)'s transforms cost about 1e-5 relative.
        double tolerance = k == 3 && s == 1 && hw >= 8 ? 1e-5 : 1e-6;
        int saved = Threading.NumThreads;
        try
        {
            foreach (bool inference in new[] { false, true })
                foreach (bool relu in new[] { false, true })
                {
                    float[]? first = null;
                    foreach (int threads in new[] { 3, 2, 1 })
                    {
                        Threading.NumThreads = threads;
                        var y = Torch.Full([1, o, ohw, ohw], float.NaN);
                        // Inference mode packs a weight from its second sighting on: run it twice, check the second.
                        for (int call = 0; call < (inference ? 2 : 1); call++)
                        {
                            if (!inference) ConvKernels.Forward(x, w, b, y, g, relu);
                            else using (Torch.InferenceMode()) ConvKernels.Forward(x, w, b, y, g, relu);
                        }
                        var ya = y.ToArray<float>();
                        for (int i = 0; i < expected.Length; i++)
                        {
                            double e = relu ? Math.Max(expected[i], 0) : expected[i];
                            Assert.True(Math.Abs(ya[i] - e) <= tolerance * scale,
                                $"inference {inference}, relu {relu}, {threads} threads: y[{i}] = {ya[i]}, naive {e} (scale {scale})");
                        }
                        if (first is null) first = ya;
                        else Assert.True(first.AsSpan().SequenceEqual(ya), $"inference {inference}, relu {relu}: {threads} threads differ from 3");
                    }
                }
        }
        finally
        {
            Threading.NumThreads = saved;
        }
    }

    /// <summary>
    /// Small planes at batch 16–32 (ResNet's last layers): a chunk alone on the team scatters its [og, cnt·OHW] product to
    /// the samples' planes (forward) and gathers dy the other way (both gradients) split by output channel. The forward
    /// pass against the naive loop, and forward, input and weight gradients the same bits on 3, 2 and 1 threads and
    /// within float32 rounding of float64.
    /// </summary>
    [Theory]
    [InlineData(256, 160, 2, 3, 1, 1, 16)]  // 2×2 planes: 16 samples in one chunk, 160 · 16 planes to move
    [InlineData(96, 130, 4, 1, 2, 0, 24)]   // 1×1 stride 2 (a downsample) on 4×4 → 2×2
    public void SmallPlanesAtBatch16MatchOnAnyThreadCount(int c, int o, int hw, int k, int s, int p, int n)
    {
        int ohw = (hw + 2 * p - k) / s + 1;
        var g = new Generator(c + o * 3 + n);
        var x = Torch.Randn([n, c, hw, hw], generator: g);
        var w = Torch.Randn([o, c, k, k], generator: g);
        var b = Torch.Randn([o], generator: g);
        var dy = Torch.Randn([n, o, ohw, ohw], generator: g);
        (float[] Y, float[] Dx, float[] Dw) Run()
        {
            var xr = x.Detach().RequiresGrad_();
            var wr = w.Detach().RequiresGrad_();
            var y = F.Conv2d(xr, wr, b, stride: s, padding: p);
            y.Backward(dy);
            return (y.ToArray<float>(), xr.Grad!.ToArray<float>(), wr.Grad!.ToArray<float>());
        }
        var x64 = x.To(DType.Float64).RequiresGrad_();
        var w64 = w.To(DType.Float64).RequiresGrad_();
        F.Conv2d(x64, w64, b.To(DType.Float64), stride: s, padding: p).Backward(dy.To(DType.Float64));
        double[] dx64 = x64.Grad!.ToArray<double>(), dw64 = w64.Grad!.ToArray<double>();
        var geometry = new ConvGeometry(n, c, hw, hw, o, k, k, s, s, p, p, 1, 1, 1, ohw, ohw);
        var (expected, scale) = NaiveConv.Forward(x.ToArray<float>(), w.ToArray<float>(), b.ToArray<float>(), geometry);
        int saved = Threading.NumThreads;
        try
        {
            (float[] Y, float[] Dx, float[] Dw)? first = null;
            foreach (int threads in new[] { 3, 2, 1 })
            {
                Threading.NumThreads = threads;
                var r = Run();
                for (int i = 0; i < expected.Length; i++)
                    Assert.True(Math.Abs(r.Y[i] - expected[i]) <= 1e-6 * scale, $"{threads} threads: y[{i}] = {r.Y[i]}, naive {expected[i]}");
                Close(dx64, r.Dx, "dx");
                Close(dw64, r.Dw, "dw");
                if (first is not { } f) first = r;
                else
                {
                    Assert.True(f.Y.AsSpan().SequenceEqual(r.Y), $"y: {threads} threads differ from 3");
                    Assert.True(f.Dx.AsSpan().SequenceEqual(r.Dx), $"dx: {threads} threads differ from 3");
                    Assert.True(f.Dw.AsSpan().SequenceEqual(r.Dw), $"dw: {threads} threads differ from 3");
                }
            }
        }
        finally
        {
            Threading.NumThreads = saved;
        }
    }

    private static void Close(double[] expected, float[] actual, string what)
    {
        double max = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-5 * max, $"{what}[{i}] = {actual[i]}, float64 {expected[i]}");
    }
}
