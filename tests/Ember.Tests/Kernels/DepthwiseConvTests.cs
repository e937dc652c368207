using Ember.Kernels;
using Ember.NN;
using Xunit;

namespace Ember.Tests.Kernels;

/// <summary>
/// The depthwise AVX-512 kernels (<see cref="DepthwiseConv"/>: forward, input gradient, weight gradient) called directly
/// on odd geometries — widths and heights 1..37 (row tails of every length, several vectors per row), kernels 1×1 to 7×7
/// and non-square, strides 1, 2 and 3 (also mixed), padding 0..3 including padding past the kernel and asymmetric
/// bottom/right padding (implied by OH/OW), dilation 2, channel multiplier 2, batch 1..3 — against naive loops
/// accumulated in float64; non-finite values against the row path; thread counts; and conv2d with autograd against the
/// row path. Tolerance: |r − ref| ≤ 2e-6·S, S the largest Σ|terms| of an output.
/// </summary>
[Collection("ConvPathToggle")]
public class DepthwiseConvTests
{
    public static IEnumerable<object[]> Shapes()
    {
        // n, c, m, h, w, kh, kw, sh, sw, pt, pl, pb, pr, dh, dw
        yield return [1, 4, 1, 17, 17, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1];    // one tail of 1 lane
        yield return [3, 5, 1, 37, 33, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1];    // stride 2, odd sizes
        yield return [2, 3, 2, 12, 20, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1];    // multiplier 2, 5×5
        yield return [1, 2, 1, 9, 31, 7, 7, 1, 1, 3, 3, 3, 3, 1, 1];     // 7×7
        yield return [2, 3, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1];      // one pixel, 1×1
        yield return [1, 3, 1, 14, 16, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2];    // dilation 2, a full 16-lane row
        yield return [3, 2, 2, 11, 19, 2, 4, 2, 2, 0, 1, 1, 2, 1, 1];    // non-square, stride 2, asymmetric, multiplier 2
        yield return [1, 2, 1, 5, 6, 3, 3, 1, 1, 3, 3, 3, 2, 1, 1];      // padding past the kernel
        yield return [2, 3, 1, 13, 29, 3, 5, 2, 1, 1, 2, 0, 3, 1, 1];    // mixed strides
        yield return [1, 2, 1, 16, 16, 3, 3, 2, 2, 1, 1, 1, 1, 2, 2];    // stride 2 and dilation 2
        yield return [3, 2, 1, 28, 28, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1];    // MobileNet's stride-2 layer (last padded row unused)
        yield return [1, 2, 2, 37, 1, 1, 7, 1, 1, 0, 3, 0, 3, 1, 1];     // width 1
        yield return [2, 2, 1, 3, 36, 4, 4, 1, 1, 3, 0, 0, 3, 1, 1];     // even kernel, asymmetric
        yield return [1, 3, 1, 21, 22, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1];    // stride 3
        yield return [1, 2, 1, 7, 7, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1];      // MobileNet's last maps: 7 vectors, one block
        yield return [2, 2, 1, 8, 35, 2, 2, 2, 2, 0, 0, 0, 0, 1, 1];     // stride 2 without padding, odd width
    }

    private static ConvGeometry Geometry(int n, int c, int m, int h, int w, int kh, int kw, int sh, int sw, int pt, int pl, int pb, int pr, int dh, int dw) =>
        new(n, c, h, w, c * m, kh, kw, sh, sw, pt, pl, dh, dw, c, (h + pt + pb - dh * (kh - 1) - 1) / sh + 1, (w + pl + pr - dw * (kw - 1) - 1) / sw + 1);

    /// <summary>The kernels run wherever AVX-512 is available and decline elsewhere (the row path then runs).</summary>
    private static bool Ran(bool ran)
    {
        Assert.Equal(System.Runtime.Intrinsics.X86.Avx512F.IsSupported, ran);
        return ran;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ForwardMatchesNaive(int n, int c, int m, int h, int w, int kh, int kw, int sh, int sw, int pt, int pl, int pb, int pr, int dh, int dw)
    {
        var g = Geometry(n, c, m, h, w, kh, kw, sh, sw, pt, pl, pb, pr, dh, dw);
        var gen = new Generator(n * 7 + c * 11 + m * 13 + h * 17 + w + kh * 5 + sh);
        var x = Torch.Randn([n, c, h, w], generator: gen);
        var wt = Torch.Randn([g.O, 1, kh, kw], generator: gen);
        var b = Torch.Randn([g.O], generator: gen);
        foreach (var bias in new[] { b, null })
        {
            var y = Torch.Full([n, g.O, g.OH, g.OW], (double)float.NaN);
            if (!Ran(DepthwiseConv.TryForward(x, wt, bias, y, g))) return;
            var (expected, scale) = Naive.Forward(x.ToArray<float>(), wt.ToArray<float>(), bias?.ToArray<float>(), g);
            WinogradTests.AssertClose(expected, y.ToArray<float>(), scale, 2e-6, "depthwise forward");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void InputGradientMatchesNaive(int n, int c, int m, int h, int w, int kh, int kw, int sh, int sw, int pt, int pl, int pb, int pr, int dh, int dw)
    {
        var g = Geometry(n, c, m, h, w, kh, kw, sh, sw, pt, pl, pb, pr, dh, dw);
        var gen = new Generator(n * 5 + c * 3 + m * 19 + h * 23 + w + kw * 7 + sw + 1);
        var dy = Torch.Randn([n, g.O, g.OH, g.OW], generator: gen);
        var wt = Torch.Randn([g.O, 1, kh, kw], generator: gen);
        var b = Torch.Randn([c], generator: gen);
        foreach (var bias in new[] { b, null })
        {
            var dx = Torch.Full([n, c, h, w], (double)float.NaN);
            if (!Ran(DepthwiseConv.TryBackwardInput(dy, wt, bias, dx, g))) return;
            var (expected, scale) = Naive.InputGrad(dy.ToArray<float>(), wt.ToArray<float>(), bias?.ToArray<float>(), g);
            WinogradTests.AssertClose(expected, dx.ToArray<float>(), scale, 2e-6, "depthwise input gradient");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void WeightGradientMatchesNaive(int n, int c, int m, int h, int w, int kh, int kw, int sh, int sw, int pt, int pl, int pb, int pr, int dh, int dw)
    {
        var g = Geometry(n, c, m, h, w, kh, kw, sh, sw, pt, pl, pb, pr, dh, dw);
        var gen = new Generator(n * 3 + c * 29 + m * 31 + h * 37 + w + dh + 2);
        var x = Torch.Randn([n, c, h, w], generator: gen);
        var dy = Torch.Randn([n, g.O, g.OH, g.OW], generator: gen);
        var dwt = Torch.Full([g.O, 1, kh, kw], (double)float.NaN);
        if (!Ran(DepthwiseConv.TryBackwardWeight(x, dy, dwt, g))) return;
        var (expected, scale) = Naive.WeightGrad(x.ToArray<float>(), dy.ToArray<float>(), g);
        WinogradTests.AssertClose(expected, dwt.ToArray<float>(), scale, 2e-6, "depthwise weight gradient");
    }

    /// <summary>
    /// Infinities and NaN in x, dy and w give exactly the row path's non-finite outputs: the row path never multiplies a
    /// padding zero, so a non-finite weight makes the forward pass and the input gradient decline, and a non-finite
    /// weight-gradient sum is recomputed by the row path; values past a row's end never reach a stored output.
    /// </summary>
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 1, 1)]
    [InlineData(1, 2, 2)]
    public void NonFiniteValuesPropagateAsInTheRowPath(int stride, int dilation, int m)
    {
        var g = Geometry(2, 3, m, 9, 10, 3, 3, stride, stride, 1, 1, 1, 1, dilation, dilation);
        var gen = new Generator(11);
        var xs = Torch.Randn([2, 3, 9, 10], generator: gen).ToArray<float>();
        xs[9] = float.PositiveInfinity;        // sample 0, channel 0, row 0, the last column
        xs[90 + 4 * 10] = float.NaN;           // channel 1, row 4
        xs[2 * 90 + 8 * 10] = float.NegativeInfinity; // channel 2, the last row, column 0
        var x = Torch.FromArray(xs, 2, 3, 9, 10);
        var dys = Torch.Randn([2, g.O, g.OH, g.OW], generator: gen).ToArray<float>();
        dys[g.OHW - 1] = float.NegativeInfinity;
        dys[g.OHW + 2] = float.NaN;
        var dy = Torch.FromArray(dys, 2, g.O, g.OH, g.OW);
        var ws = Torch.Randn([g.O, 1, 3, 3], generator: gen).ToArray<float>();
        var w = Torch.FromArray(ws, g.O, 1, 3, 3);
        var wi = (float[])ws.Clone();
        wi[0] = float.PositiveInfinity;        // tap (0, 0) of channel 0: it meets the top padding
        var winf = Torch.FromArray(wi, g.O, 1, 3, 3);
        var b = Torch.Randn([g.O], generator: gen);
        var bc = Torch.Randn([3], generator: gen);
        if (!System.Runtime.Intrinsics.X86.Avx512F.IsSupported) return;

        foreach (bool finite in new[] { true, false })
        {
            var wt = finite ? w : winf;
            var y = Torch.Empty([2, g.O, g.OH, g.OW]);
            Assert.Equal(finite, DepthwiseConv.TryForward(x, wt, b, y, g));
            AssertSameAsRowPath(RowPath(() => Fwd(x, wt, b, g)), finite ? y : Fwd(x, wt, b, g), "forward");
            var dx = Torch.Empty([2, 3, 9, 10]);
            Assert.Equal(finite, DepthwiseConv.TryBackwardInput(dy, wt, bc, dx, g));
            AssertSameAsRowPath(RowPath(() => Bwd(dy, wt, bc, g)), finite ? dx : Bwd(dy, wt, bc, g), "input gradient");
        }
        var dw = Torch.Empty([g.O, 1, 3, 3]);
        Assert.False(DepthwiseConv.TryBackwardWeight(x, dy, dw, g));
        AssertSameAsRowPath(RowPath(() => Wgt(x, dy, g)), Wgt(x, dy, g), "weight gradient");
        // Finite values: the kernel's own sums.
        var xf = Torch.Randn([2, 3, 9, 10], generator: gen);
        Assert.True(DepthwiseConv.TryBackwardWeight(xf, Torch.Randn([2, g.O, g.OH, g.OW], generator: gen), dw, g));
    }

    private static Tensor Fwd(Tensor x, Tensor w, Tensor? b, ConvGeometry g)
    {
        var y = Torch.Empty([g.N, g.O, g.OH, g.OW]);
        ConvKernels.Forward(x, w, b, y, g);
        return y;
    }

    private static Tensor Bwd(Tensor dy, Tensor w, Tensor? b, ConvGeometry g)
    {
        var dx = Torch.Empty([g.N, g.C, g.H, g.W]);
        ConvKernels.BackwardInput(dy, w, b, dx, g);
        return dx;
    }

    private static Tensor Wgt(Tensor x, Tensor dy, ConvGeometry g)
    {
        var dw = Torch.Empty([g.O, 1, g.KH, g.KW]);
        ConvKernels.BackwardWeight(x, dy, dw, g);
        return dw;
    }

    private static T RowPath<T>(Func<T> f)
    {
        DepthwiseConv.Enabled = false;
        try { return f(); }
        finally { DepthwiseConv.Enabled = true; }
    }

    private static void AssertSameAsRowPath(Tensor expected, Tensor actual, string what)
    {
        float[] e = expected.ToArray<float>(), a = actual.ToArray<float>();
        int nonFinite = 0;
        for (int i = 0; i < e.Length; i++)
        {
            Assert.True(float.IsFinite(e[i]) == float.IsFinite(a[i]), $"{what}[{i}]: expected {e[i]}, got {a[i]}");
            if (!float.IsFinite(e[i])) { nonFinite++; Assert.Equal(e[i], a[i]); }
            else Assert.True(Math.Abs(e[i] - a[i]) <= 1e-4 * (1 + Math.Abs(e[i])), $"{what}[{i}]: {a[i]} vs {e[i]}");
        }
        Assert.True(nonFinite > 0 && nonFinite < e.Length, $"{what}: {nonFinite} non-finite outputs");
    }

    /// <summary>Large enough to run in parallel: every output bit-identical on 1, 2 and 3 threads.</summary>
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 1, 2)]
    [InlineData(1, 2, 1)]
    public void ResultsDoNotDependOnTheThreadCount(int stride, int dilation, int m)
    {
        var g = Geometry(3, 16, m, 24, 23, 3, 3, stride, stride, 1, 1, 1, 1, dilation, dilation);
        var gen = new Generator(3);
        var x = Torch.Randn([3, 16, 24, 23], generator: gen);
        var w = Torch.Randn([g.O, 1, 3, 3], generator: gen);
        var b = Torch.Randn([g.O], generator: gen);
        var dy = Torch.Randn([3, g.O, g.OH, g.OW], generator: gen);
        int saved = Threading.NumThreads;
        try
        {
            Threading.NumThreads = 1;
            float[][] one = [Fwd(x, w, b, g).ToArray<float>(), Bwd(dy, w, null, g).ToArray<float>(), Wgt(x, dy, g).ToArray<float>()];
            foreach (int threads in new[] { 2, 3 })
            {
                Threading.NumThreads = threads;
                Assert.Equal(one[0], Fwd(x, w, b, g).ToArray<float>());
                Assert.Equal(one[1], Bwd(dy, w, null, g).ToArray<float>());
                Assert.Equal(one[2], Wgt(x, dy, g).ToArray<float>());
            }
        }
        finally { Threading.NumThreads = saved; }
    }

    /// <summary>conv2d with groups = C through autograd: output and the three gradients as the row path computes them.</summary>
    [Theory]
    [InlineData(2, 6, 1, 15, 13, 3, 2, 1, 1)]   // MobileNet-like stride 2
    [InlineData(1, 4, 2, 20, 9, 3, 1, 1, 1)]    // multiplier 2
    [InlineData(2, 3, 1, 12, 18, 7, 1, 3, 1)]   // 7×7, ConvNeXt-like
    [InlineData(1, 5, 1, 11, 14, 4, 1, -1, 2)]  // padding "same" with an even kernel (asymmetric), dilation 2
    [InlineData(5, 8, 1, 14, 14, 3, 2, 1, 1)]   // a batch of 5: the gradients run in runs of samples (ConvBackwardRuns)
    public void Conv2dWithAutogradMatchesTheRowPath(int n, int c, int m, int h, int w, int k, int stride, int padding, int dilation)
    {
        var gen = new Generator(n + c + h + w + k);
        var x = Torch.Randn([n, c, h, w], generator: gen);
        var wt = Torch.Randn([c * m, 1, k, k], generator: gen);
        var b = Torch.Randn([c * m], generator: gen);
        ConvPadding pad = padding < 0 ? "same" : padding;
        var (fast, fy) = Step(x, wt, b, stride, pad, dilation, c, gen);
        var (row, ry) = RowPath(() => Step(x, wt, b, stride, pad, dilation, c, new Generator(n + c + h + w + k + 1)));
        Assert.Equal(ry.Shape, fy.Shape);
        Close(ry, fy, "y");
        for (int i = 0; i < 3; i++) Close(row[i]!, fast[i]!, $"gradient {i}");
    }

    private static (Tensor?[] Grads, Tensor Y) Step(Tensor x, Tensor w, Tensor b, int stride, ConvPadding padding, int dilation, int groups, Generator gen)
    {
        var xl = x.Detach().RequiresGrad_();
        var wl = w.Detach().RequiresGrad_();
        var bl = b.Detach().RequiresGrad_();
        var y = F.Conv2d(xl, wl, bl, stride: stride, padding: padding, dilation: dilation, groups: groups);
        y.Backward(Torch.Randn(y.Shape, generator: new Generator(99)));
        return ([xl.Grad, wl.Grad, bl.Grad], y);
    }

    private static void Close(Tensor expected, Tensor actual, string what)
    {
        double err = (expected - actual).Abs().Max().Item<float>(), scale = expected.Abs().Max().Item<float>();
        Assert.True(err <= 1e-5 * scale, $"{what}: error {err:G3}, scale {scale:G3}");
    }

    [Fact]
    public void OtherGeometriesAreLeftToTheRowPath()
    {
        var x = Torch.Randn([1, 4, 12, 12]);
        // stride 5
        var g = new ConvGeometry(1, 4, 12, 12, 4, 3, 3, 5, 5, 1, 1, 1, 1, 4, 3, 3);
        Assert.False(DepthwiseConv.TryForward(x, Torch.Randn([4, 1, 3, 3]), null, Torch.Empty([1, 4, 3, 3]), g));
        // groups 2 with 2 channels per group
        g = new ConvGeometry(1, 4, 12, 12, 4, 3, 3, 1, 1, 1, 1, 1, 1, 2, 12, 12);
        Assert.False(DepthwiseConv.TryForward(x, Torch.Randn([4, 2, 3, 3]), null, Torch.Empty([1, 4, 12, 12]), g));
        Assert.False(DepthwiseConv.TryBackwardWeight(x, Torch.Empty([1, 4, 12, 12]), Torch.Empty([4, 2, 3, 3]), g));
    }

    /// <summary>Naive float64 loops over the valid taps (padding positions are skipped, as in the row path), and the
    /// output scale max Σ|terms|.</summary>
    private static class Naive
    {
        private static bool Tap(in ConvGeometry g, int oh, int ow, int i, int j, out int ih, out int iw)
        {
            ih = oh * g.SH - g.PT + i * g.DH;
            iw = ow * g.SW - g.PL + j * g.DW;
            return ih >= 0 && ih < g.H && iw >= 0 && iw < g.W;
        }

        public static (double[], double) Forward(float[] x, float[] w, float[]? b, ConvGeometry g)
        {
            var y = new double[g.N * g.O * g.OHW];
            double scale = 0;
            int m = g.O / g.C;
            for (int n = 0; n < g.N; n++)
                for (int o = 0; o < g.O; o++)
                    for (int oh = 0; oh < g.OH; oh++)
                        for (int ow = 0; ow < g.OW; ow++)
                        {
                            double acc = b is null ? 0 : b[o], abs = Math.Abs(acc);
                            for (int i = 0; i < g.KH; i++)
                                for (int j = 0; j < g.KW; j++)
                                {
                                    if (!Tap(g, oh, ow, i, j, out int ih, out int iw)) continue;
                                    double v = (double)x[((n * g.C + o / m) * g.H + ih) * g.W + iw] * w[(o * g.KH + i) * g.KW + j];
                                    acc += v;
                                    abs += Math.Abs(v);
                                }
                            y[((n * g.O + o) * g.OH + oh) * g.OW + ow] = acc;
                            scale = Math.Max(scale, abs);
                        }
            return (y, Math.Max(scale, 1e-30));
        }

        public static (double[], double) InputGrad(float[] dy, float[] w, float[]? b, ConvGeometry g)
        {
            var dx = new double[g.N * g.C * g.HW];
            var abs = new double[dx.Length];
            int m = g.O / g.C;
            for (int n = 0; n < g.N; n++)
                for (int c = 0; c < g.C; c++)
                    for (int r = 0; r < g.HW; r++)
                    {
                        dx[(n * g.C + c) * g.HW + r] = b is null ? 0 : b[c];
                        abs[(n * g.C + c) * g.HW + r] = b is null ? 0 : Math.Abs(b[c]);
                    }
            for (int n = 0; n < g.N; n++)
                for (int o = 0; o < g.O; o++)
                    for (int oh = 0; oh < g.OH; oh++)
                        for (int ow = 0; ow < g.OW; ow++)
                            for (int i = 0; i < g.KH; i++)
                                for (int j = 0; j < g.KW; j++)
                                {
                                    if (!Tap(g, oh, ow, i, j, out int ih, out int iw)) continue;
                                    int at = ((n * g.C + o / m) * g.H + ih) * g.W + iw;
                                    double v = (double)dy[((n * g.O + o) * g.OH + oh) * g.OW + ow] * w[(o * g.KH + i) * g.KW + j];
                                    dx[at] += v;
                                    abs[at] += Math.Abs(v);
                                }
            return (dx, Math.Max(abs.Max(), 1e-30));
        }

        public static (double[], double) WeightGrad(float[] x, float[] dy, ConvGeometry g)
        {
            var dw = new double[g.O * g.KH * g.KW];
            double scale = 0;
            int m = g.O / g.C;
            for (int o = 0; o < g.O; o++)
                for (int i = 0; i < g.KH; i++)
                    for (int j = 0; j < g.KW; j++)
                    {
                        double acc = 0, abs = 0;
                        for (int n = 0; n < g.N; n++)
                            for (int oh = 0; oh < g.OH; oh++)
                                for (int ow = 0; ow < g.OW; ow++)
                                {
                                    if (!Tap(g, oh, ow, i, j, out int ih, out int iw)) continue;
                                    double v = (double)dy[((n * g.O + o) * g.OH + oh) * g.OW + ow] * x[((n * g.C + o / m) * g.H + ih) * g.W + iw];
                                    acc += v;
                                    abs += Math.Abs(v);
                                }
                        dw[(o * g.KH + i) * g.KW + j] = acc;
                        scale = Math.Max(scale, abs);
                    }
            return (dw, Math.Max(scale, 1e-30));
        }
    }
}
