using Ember.Kernels;
using Ember.NN;
using Xunit;

namespace Ember.Tests.Kernels;

/// <summary>
/// Winograd F(2,3) and F(4,3) convolution (forward, input gradient, transposed convolution) against a naive loop
/// accumulated in float64 and against the im2col path, on odd sizes (H, W = 1..13, tiles cut by the border), channel
/// counts 1, 3, 17, 64 (padded lanes), padding 0..3 (the input gradient of padding 3 reads dy at offset −1), with and
/// without bias, batch 1..3.
/// Tolerance: |y − ref| ≤ tol · S where S is the output scale, max over outputs of Σ|x·w| + |b| (the magnitude the
/// float32 sums work at). F(2,3)'s coefficients are exact, its error is the direct sum's (observed ≤ 3e-7·S):
/// tol = 2e-6. F(4,3) rounds ⅙ and 1/12 and amplifies by up to 8·5 in the transforms (observed ≤ 3e-6·S): tol = 2e-5.
/// </summary>
[Collection("ConvPathToggle")]
public class WinogradTests
{
    private static double Tol(int m) => m == 4 ? 2e-5 : 2e-6;

    public static IEnumerable<object[]> Shapes()
    {
        // N, C, O, H, W, padding, bias
        int[] chans = [1, 3, 17, 64];
        int i = 0;
        for (int h = 1; h <= 13; h++)
            for (int p = 0; p <= 2; p++)
            {
                int w = 14 - h + (p == 1 ? 0 : 1) - (h % 3);
                if (w < 1) w = 1;
                if (h + 2 * p < 3 || w + 2 * p < 3) continue;
                int c = chans[i % 4], o = chans[(i / 4 + i) % 4];
                yield return [1 + i % 3, c, o, h, w, p, i % 2 == 0];
                i++;
            }
        yield return [2, 64, 64, 16, 16, 1, true];   // ResNet layer 1
        yield return [3, 17, 64, 8, 8, 1, false];
        yield return [2, 64, 17, 4, 4, 1, true];
        yield return [3, 64, 64, 2, 2, 1, false];    // ResNet layer 4: one F(2,3) tile, 3 of 4 F(4,3) rows cut
        yield return [1, 3, 64, 13, 11, 1, true];
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ForwardMatchesNaiveAndIm2Col(int n, int c, int o, int h, int w, int p, bool bias)
    {
        var g = new Generator(n * 1000 + c * 31 + o * 7 + h * 3 + w + p);
        var x = Torch.Randn([n, c, h, w], generator: g);
        var wt = Torch.Randn([o, c, 3, 3], generator: g);
        var b = bias ? Torch.Randn([o], generator: g) : null;
        var (expected, scale) = NaiveConv(x.ToArray<float>(), wt.ToArray<float>(), b?.ToArray<float>(), n, c, h, w, o, p, p, h + 2 * p - 2, w + 2 * p - 2);
        var im2col = With(0, () => F.Conv2d(x, wt, b, padding: p)).ToArray<float>();
        AssertClose(expected, im2col, scale, 2e-6, "im2col");
        foreach (int m in new[] { 2, 4 })
        {
            var y = With(m, () => F.Conv2d(x, wt, b, padding: p)).ToArray<float>();
            AssertClose(expected, y, scale, Tol(m), $"F({m},3) vs naive");
            AssertClose(im2col.Select(v => (double)v).ToArray(), y, scale, Tol(m), $"F({m},3) vs im2col");
        }
    }

    /// <summary>The transposed convolution runs the input gradient with bias: dx[c] = b[c] + Σ dy[o, h + p − i, w + p − j]·w[o, c, i, j].</summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public void InputGradientMatchesNaiveAndIm2Col(int n, int c, int o, int h, int w, int p, bool bias)
    {
        // dy [n, o, h, w] is the input of the transposed convolution with weight [o, c, 3, 3]; padding p + 1 as well
        // (a plan offset of 1 − p, negative for p = 2) where the output stays non-empty, else the largest that does.
        int maxPad = Math.Min((h + 1) / 2, (w + 1) / 2);
        int checkedPads = 0;
        foreach (int pad in new[] { p, p + 1, maxPad }.Distinct())
        {
            int dh = h + 2 - 2 * pad, dw = w + 2 - 2 * pad;
            if (dh < 1 || dw < 1 || (pad == maxPad && checkedPads > 0)) continue;
            checkedPads++;
            var g = new Generator(n * 1000 + c * 31 + o * 7 + h * 3 + w + pad + 17);
            var dy = Torch.Randn([n, o, h, w], generator: g);
            var wt = Torch.Randn([o, c, 3, 3], generator: g);
            var b = bias ? Torch.Randn([c], generator: g) : null;
            var (expected, scale) = NaiveInputGrad(dy.ToArray<float>(), wt.ToArray<float>(), b?.ToArray<float>(), n, c, dh, dw, o, pad, h, w);
            var im2col = With(0, () => F.ConvTranspose2d(dy, wt, b, padding: pad)).ToArray<float>();
            AssertClose(expected, im2col, scale, 2e-6, "im2col");
            foreach (int m in new[] { 2, 4 })
            {
                var dx = With(m, () => F.ConvTranspose2d(dy, wt, b, padding: pad)).ToArray<float>();
                AssertClose(expected, dx, scale, Tol(m), $"F({m},3) input gradient vs naive (padding {pad})");
            }
        }
        Assert.True(checkedPads > 0);
    }

    /// <summary>float32 backward (input gradient by Winograd) agrees with the float64 one (im2col) through F.Conv2d.</summary>
    [Theory]
    [InlineData(2, 64, 64, 16, 16, 1)]
    [InlineData(3, 17, 20, 9, 7, 2)]
    [InlineData(1, 64, 32, 4, 4, 1)]
    [InlineData(2, 32, 64, 2, 2, 1)]
    [InlineData(2, 5, 3, 6, 13, 0)]
    public void Float32BackwardMatchesFloat64(int n, int c, int o, int h, int w, int p)
    {
        var g = new Generator(n + c + o + h + w + p);
        var x64 = Torch.Randn([n, c, h, w], DType.Float64, g);
        var w64 = Torch.Randn([o, c, 3, 3], DType.Float64, g);
        var b64 = Torch.Randn([o], DType.Float64, g);
        int oh = h + 2 * p - 2, ow = w + 2 * p - 2;
        var r64 = Torch.Randn([n, o, oh, ow], DType.Float64, g);
        var (y64, dx64) = ForwardBackward(x64, w64, b64, r64);
        // The scale of dx: Σ|r·w| over the taps that reach it.
        var (_, dxScale) = NaiveInputGrad(r64.To(DType.Float32).ToArray<float>(), w64.To(DType.Float32).ToArray<float>(), null, n, c, h, w, o, p, oh, ow);
        var (_, yScale) = NaiveConv(x64.To(DType.Float32).ToArray<float>(), w64.To(DType.Float32).ToArray<float>(), b64.To(DType.Float32).ToArray<float>(), n, c, h, w, o, p, p, oh, ow);
        foreach (int m in new[] { 2, 4 })
        {
            var (y32, dx32) = With(m, () => ForwardBackward(x64.To(DType.Float32), w64.To(DType.Float32), b64.To(DType.Float32), r64.To(DType.Float32)));
            AssertClose(y64.ToArray<double>(), y32.ToArray<float>(), yScale, Tol(m), $"F({m},3) forward vs float64");
            AssertClose(dx64.ToArray<double>(), dx32.ToArray<float>(), dxScale, Tol(m), $"F({m},3) input gradient vs float64");
        }
    }

    private static (Tensor Y, Tensor Dx) ForwardBackward(Tensor x, Tensor w, Tensor b, Tensor r)
    {
        var xl = x.Detach().RequiresGrad_();
        var y = F.Conv2d(xl, w, b, padding: (int)((r.ShapeArray[2] - x.ShapeArray[2] + 2) / 2));
        (y * r).Sum().Backward();
        return (y.Detach(), xl.Grad!);
    }

    /// <summary>float64 convolutions never take Winograd: their gradients pass gradcheck, their values equal im2col's bit for bit.</summary>
    [Fact]
    public void Float64StaysOnIm2ColAndPassesGradcheck()
    {
        var x = TestUtil.Input(2, 3, 5, 6);
        var w = TestUtil.Input(4, 3, 3, 3);
        var b = TestUtil.Input(4);
        With(4, () => { TestUtil.GradOk(t => F.Conv2d(t[0], t[1], t[2], padding: 1), x, w, b); return 0; });
        var a = With(4, () => F.Conv2d(x, w, b, padding: 1)).ToArray<double>();
        var e = With(0, () => F.Conv2d(x, w, b, padding: 1)).ToArray<double>();
        Assert.Equal(e, a);
    }

    /// <summary>Shapes Winograd does not take (stride 2, dilation 2, groups, 5×5) give im2col's result bit for bit whatever is forced.</summary>
    [Theory]
    [InlineData(3, 2, 1, 1)]
    [InlineData(3, 1, 2, 1)]
    [InlineData(3, 1, 1, 2)]
    [InlineData(5, 1, 1, 1)]
    public void OtherShapesKeepIm2Col(int k, int s, int d, int groups)
    {
        var g = new Generator(k + s + d + groups);
        var x = Torch.Randn([2, 32, 9, 9], generator: g);
        var w = Torch.Randn([32, 32 / groups, k, k], generator: g);
        var a = With(4, () => F.Conv2d(x, w, null, s, 1, d, groups)).ToArray<float>();
        var e = With(0, () => F.Conv2d(x, w, null, s, 1, d, groups)).ToArray<float>();
        Assert.Equal(e, a);
    }

    /// <summary>The measured dispatch: F(4,3) for ResNet-18's 64-channel 16×16 layers and its 128-channel 8×8 ones (batch 8
    /// to 32; F(2,3) there in inference mode, whose transformed weights are kept), F(2,3) for its 256-channel 4×4 ones at batch 32; im2col for 4×4 planes at batch 16, 2×2 planes, batch 1, and the conv benchmark's 3-channel layer.</summary>
    [Fact]
    public void DispatchTable()
    {
        static ConvGeometry G(int n, int c, int hw) => new(n, c, hw, hw, c, 3, 3, 1, 1, 1, 1, 1, 1, 1, hw, hw);
        foreach (bool backward in new[] { false, true })
        {
            Assert.Equal(0, Winograd.Choose(new ConvGeometry(64, 3, 32, 32, 64, 3, 3, 1, 1, 1, 1, 1, 1, 1, 32, 32), backward));
            Assert.Equal(4, Winograd.Choose(G(32, 64, 16), backward));
            Assert.Equal(4, Winograd.Choose(G(16, 64, 16), backward));
            Assert.Equal(4, Winograd.Choose(G(32, 128, 8), backward));
            Assert.Equal(4, Winograd.Choose(G(16, 128, 8), backward));
            Assert.Equal(0, Winograd.Choose(G(1, 64, 16), backward));
            Assert.Equal(2, Winograd.Choose(G(32, 256, 4), backward));
            Assert.Equal(0, Winograd.Choose(G(16, 256, 4), backward));
            Assert.Equal(4, Winograd.Choose(G(8, 128, 8), backward));
            Assert.Equal(2, Winograd.Choose(G(32, 128, 7), backward));
            Assert.Equal(0, Winograd.Choose(G(4, 128, 8), backward));
            Assert.Equal(0, Winograd.Choose(G(32, 512, 2), backward));
            Assert.Equal(4, Winograd.Choose(G(32, 32, 16), backward));
            Assert.Equal(0, Winograd.Choose(G(32, 16, 32), backward));
        }
        // Inference mode transforms the weights once: the forward pass takes Winograd with fewer tiles.
        using (Torch.InferenceMode())
        {
            Assert.Equal(4, Winograd.Choose(G(1, 64, 16), backward: false));
            Assert.Equal(2, Winograd.Choose(G(1, 128, 8), backward: false));
            Assert.Equal(2, Winograd.Choose(G(16, 128, 8), backward: false));
            Assert.Equal(4, Winograd.Choose(G(16, 128, 8), backward: true));
            Assert.Equal(0, Winograd.Choose(G(1, 256, 4), backward: false));
            Assert.Equal(2, Winograd.Choose(G(16, 256, 4), backward: false));
            Assert.Equal(0, Winograd.Choose(G(16, 512, 2), backward: false));
            Assert.Equal(0, Winograd.Choose(G(1, 128, 8), backward: true));
            Assert.Equal(0, Winograd.Choose(G(16, 256, 4), backward: true));
        }
    }

    internal static T With<T>(int? force, Func<T> f)
    {
        var saved = Winograd.Force;
        Winograd.Force = force;
        try { return f(); }
        finally { Winograd.Force = saved; }
    }

    internal static void AssertClose(double[] expected, float[] actual, double scale, double tol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            double e = Math.Abs(actual[i] - expected[i]);
            if (!(e <= worst) || double.IsNaN(actual[i])) { worst = double.IsNaN(actual[i]) ? double.PositiveInfinity : e; at = i; }
        }
        Assert.True(worst <= tol * scale, $"{what}: error {worst:G3} at {at} exceeds {tol:G2} × scale {scale:G4}");
    }

    /// <summary>y[n, o, oh, ow] = b[o] + Σ x[n, c, oh − pt + i, ow − pl + j]·w[o, c, i, j] in float64, and the output scale.</summary>
    internal static (double[] Y, double Scale) NaiveConv(float[] x, float[] w, float[]? b, int n, int c, int h, int wd, int o, int pt, int pl, int oh, int ow)
    {
        var y = new double[n * o * oh * ow];
        double scale = 0;
        for (int s = 0; s < n; s++)
            for (int k = 0; k < o; k++)
                for (int r = 0; r < oh; r++)
                    for (int q = 0; q < ow; q++)
                    {
                        double acc = b is null ? 0 : b[k], abs = b is null ? 0 : Math.Abs(b[k]);
                        for (int ci = 0; ci < c; ci++)
                            for (int i = 0; i < 3; i++)
                                for (int j = 0; j < 3; j++)
                                {
                                    int ih = r - pt + i, iw = q - pl + j;
                                    if (ih < 0 || ih >= h || iw < 0 || iw >= wd) continue;
                                    double v = (double)x[((s * c + ci) * h + ih) * wd + iw] * w[((k * c + ci) * 3 + i) * 3 + j];
                                    acc += v;
                                    abs += Math.Abs(v);
                                }
                        y[((s * o + k) * oh + r) * ow + q] = acc;
                        scale = Math.Max(scale, abs);
                    }
        return (y, Math.Max(scale, 1e-30));
    }

    /// <summary>dx[n, c, h, w] = b[c] + Σ dy[n, o, h + p − i, w + p − j]·w[o, c, i, j] in float64 (dx [n, c, h, wd], dy [n, o, oh, ow]).</summary>
    internal static (double[] Dx, double Scale) NaiveInputGrad(float[] dy, float[] w, float[]? b, int n, int c, int h, int wd, int o, int p, int oh, int ow)
    {
        var dx = new double[n * c * h * wd];
        double scale = 0;
        for (int s = 0; s < n; s++)
            for (int ci = 0; ci < c; ci++)
                for (int r = 0; r < h; r++)
                    for (int q = 0; q < wd; q++)
                    {
                        double acc = b is null ? 0 : b[ci], abs = b is null ? 0 : Math.Abs(b[ci]);
                        for (int k = 0; k < o; k++)
                            for (int i = 0; i < 3; i++)
                                for (int j = 0; j < 3; j++)
                                {
                                    int yh = r + p - i, yw = q + p - j;
                                    if (yh < 0 || yh >= oh || yw < 0 || yw >= ow) continue;
                                    double v = (double)dy[((s * o + k) * oh + yh) * ow + yw] * w[((k * c + ci) * 3 + i) * 3 + j];
                                    acc += v;
                                    abs += Math.Abs(v);
                                }
                        dx[((s * c + ci) * h + r) * wd + q] = acc;
                        scale = Math.Max(scale, abs);
                    }
        return (dx, Math.Max(scale, 1e-30));
    }
}

/// <summary>Winograd results do not depend on the thread count (chunks and stage splits compute each element the same way).</summary>
[Collection("Gemm.NumThreads")]
public class WinogradThreadTests
{
    [Theory]
    [InlineData(32, 64, 16, 4)]
    [InlineData(1, 64, 16, 4)]
    [InlineData(16, 128, 8, 4)]
    [InlineData(3, 256, 4, 2)]
    [InlineData(32, 64, 2, 2)]
    public void SameResultOn1To3Threads(int n, int c, int hw, int m)
    {
        var g = new Generator(n + c + hw);
        var x = Torch.Randn([n, c, hw, hw], generator: g);
        var w = Torch.Randn([c, c, 3, 3], generator: g);
        var b = Torch.Randn([c], generator: g);
        float[]? first = null, firstT = null;
        int saved = Threading.NumThreads;
        try
        {
            foreach (int t in new[] { 1, 2, 3 })
            {
                Threading.NumThreads = t;
                var y = WinogradTests.With(m, () => F.Conv2d(x, w, b, padding: 1)).ToArray<float>();
                var dx = WinogradTests.With(m, () => F.ConvTranspose2d(x, w, b, padding: 1)).ToArray<float>();
                if (first is null) { first = y; firstT = dx; }
                else
                {
                    Assert.Equal(first, y);
                    Assert.Equal(firstT, dx);
                }
            }
        }
        finally { Threading.NumThreads = saved; }
    }
}
