using Ember.Kernels;
using Ember.NN;
using Xunit;

namespace Ember.Tests.Kernels;

/// <summary>
/// The direct AVX-512 convolution kernels (<see cref="DirectConv"/>: forward, input gradient, weight gradient) called
/// directly on odd geometries — widths 1..37 (row tails of every length, several vectors per row), kernels 1×1 to 5×5
/// and non-square, padding 0..5 including padding past the kernel (the input gradient then skips leading rows) and
/// asymmetric bottom/right padding, channel counts that leave partial register blocks — against naive loops accumulated
/// in float64. Tolerance: |r − ref| ≤ 2e-6·S, S the largest Σ|terms| of an output (the magnitude the float32 sums work at).
/// </summary>
[Collection("ConvPathToggle")]
public class DirectConvTests
{
    public static IEnumerable<object[]> Shapes()
    {
        // n, c, o, h, w, kh, kw, pt, pl, pb, pr
        yield return new object[] { 2, 3, 64, 32, 32, 3, 3, 1, 1, 1, 1 };    // the conv benchmark's layer
        yield return new object[] { 3, 1, 6, 28, 28, 5, 5, 2, 2, 2, 2 };     // LeNet conv1
        yield return new object[] { 9, 6, 16, 14, 14, 5, 5, 0, 0, 0, 0 };    // LeNet conv2: 10-wide rows, samples share blocks
        yield return new object[] { 1, 2, 5, 7, 37, 3, 2, 0, 1, 2, 0 };      // 3 vectors per row, asymmetric padding
        yield return new object[] { 2, 16, 3, 9, 17, 1, 1, 0, 0, 0, 0 };     // pointwise, a 1-lane tail
        yield return new object[] { 1, 4, 9, 1, 1, 3, 3, 1, 1, 1, 1 };      // one pixel
        yield return new object[] { 2, 5, 17, 6, 5, 3, 3, 4, 3, 5, 3 };      // padding past the kernel
        yield return new object[] { 4, 2, 7, 3, 16, 2, 5, 1, 4, 0, 0 };      // a full 16-lane row, non-square kernel
        yield return new object[] { 1, 3, 1, 12, 15, 4, 4, 3, 3, 0, 0 };     // one output channel, even kernel
        yield return new object[] { 3, 7, 8, 5, 33, 3, 1, 1, 0, 1, 0 };      // 8 channels: one full gradient block
    }

    /// <summary>The kernels run wherever AVX-512 is available and decline elsewhere (the GEMM path then runs).</summary>
    private static bool Ran(bool ran)
    {
        DirectConv.Force = false;
        Assert.Equal(System.Runtime.Intrinsics.X86.Avx512F.IsSupported, ran);
        return ran;
    }

    private static ConvGeometry Geometry(int n, int c, int o, int h, int w, int kh, int kw, int pt, int pl, int pb, int pr) =>
        new(n, c, h, w, o, kh, kw, 1, 1, pt, pl, 1, 1, 1, h + pt + pb - kh + 1, w + pl + pr - kw + 1);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ForwardMatchesNaive(int n, int c, int o, int h, int w, int kh, int kw, int pt, int pl, int pb, int pr)
    {
        var g = Geometry(n, c, o, h, w, kh, kw, pt, pl, pb, pr);
        var gen = new Generator(n * 7 + c * 11 + o * 13 + h * 17 + w);
        var x = Torch.Randn([n, c, h, w], generator: gen);
        var wt = Torch.Randn([o, c, kh, kw], generator: gen);
        var b = Torch.Randn([o], generator: gen);
        var y = Torch.Full([n, o, g.OH, g.OW], (double)float.NaN);
        DirectConv.Force = true;
        if (!Ran(DirectConv.TryForward(x, wt, b, y, g))) return;
        var (expected, scale) = NaiveConv.Forward(x.ToArray<float>(), wt.ToArray<float>(), b.ToArray<float>(), g);
        WinogradTests.AssertClose(expected, y.ToArray<float>(), scale, 2e-6, "direct forward");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void InputGradientMatchesNaive(int n, int c, int o, int h, int w, int kh, int kw, int pt, int pl, int pb, int pr)
    {
        var g = Geometry(n, c, o, h, w, kh, kw, pt, pl, pb, pr);
        var gen = new Generator(n * 5 + c * 3 + o * 19 + h * 23 + w + 1);
        var dy = Torch.Randn([n, o, g.OH, g.OW], generator: gen);
        var wt = Torch.Randn([o, c, kh, kw], generator: gen);
        var b = Torch.Randn([c], generator: gen);
        var dx = Torch.Full([n, c, h, w], (double)float.NaN);
        DirectConv.Force = true;
        if (!Ran(DirectConv.TryBackwardInput(dy, wt, b, dx, g))) return;
        var (expected, scale) = Naive.InputGrad(dy.ToArray<float>(), wt.ToArray<float>(), b.ToArray<float>(), g);
        WinogradTests.AssertClose(expected, dx.ToArray<float>(), scale, 2e-6, "direct input gradient");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void WeightGradientMatchesNaive(int n, int c, int o, int h, int w, int kh, int kw, int pt, int pl, int pb, int pr)
    {
        var g = Geometry(n, c, o, h, w, kh, kw, pt, pl, pb, pr);
        var gen = new Generator(n * 3 + c * 29 + o * 31 + h * 37 + w + 2);
        var x = Torch.Randn([n, c, h, w], generator: gen);
        var dy = Torch.Randn([n, o, g.OH, g.OW], generator: gen);
        var dw = Torch.Full([o, c, kh, kw], (double)float.NaN);
        DirectConv.Force = true;
        if (!Ran(DirectConv.TryBackwardWeight(x, dy, dw, g))) return;
        var (expected, scale) = Naive.WeightGrad(x.ToArray<float>(), dy.ToArray<float>(), g);
        WinogradTests.AssertClose(expected, dw.ToArray<float>(), scale, 2e-6, "direct weight gradient");
    }

    /// <summary>
    /// Infinities and NaN in x and dy reach exactly the outputs whose sums contain them (a padding zero times an infinite
    /// gradient is NaN, as in PyTorch): a row tail's lanes read values past the row (the next row's), which must never
    /// meet a (masked) zero gradient as 0·∞ = NaN.
    /// </summary>
    [Fact]
    public void NonFiniteValuesReachOnlyTheirOwnOutputs()
    {
        var g = Geometry(2, 2, 5, 6, 10, 3, 3, 1, 0, 1, 0); // OW = 8: every row vector has 8 lanes past its row
        var gen = new Generator(5);
        var x = Torch.Randn([2, 2, 6, 10], generator: gen);
        var dy = Torch.Randn([2, 5, g.OH, g.OW], generator: gen);
        var wt = Torch.Randn([5, 2, 3, 3], generator: gen);
        var xs = x.ToArray<float>();
        xs[9] = float.PositiveInfinity;   // sample 0, channel 0, row 0, the last column: only the kernel's right column reaches it
        xs[10 * 6 + 4] = float.NaN;       // channel 1, row 0
        var xi = Torch.FromArray(xs, 2, 2, 6, 10);
        var dys = dy.ToArray<float>();
        dys[g.OH * g.OW - 1] = float.NegativeInfinity;
        var dyi = Torch.FromArray(dys, 2, 5, g.OH, g.OW);
        var dw = Torch.Empty([5, 2, 3, 3]);
        DirectConv.Force = true;
        if (!Ran(DirectConv.TryBackwardWeight(xi, dyi, dw, g))) return;
        var (edw, _) = Naive.WeightGrad(xs, dys, g);
        AssertSameNonFinite(edw, dw.ToArray<float>(), "weight gradient");
        var y = Torch.Empty([2, 5, g.OH, g.OW]);
        DirectConv.Force = true;
        Assert.True(Ran(DirectConv.TryForward(xi, wt, null, y, g)));
        var (ey, _) = NaiveConv.Forward(xs, wt.ToArray<float>(), null, g);
        AssertSameNonFinite(ey, y.ToArray<float>(), "forward");
        var dx = Torch.Empty([2, 2, 6, 10]);
        DirectConv.Force = true;
        Assert.True(Ran(DirectConv.TryBackwardInput(dyi, wt, null, dx, g)));
        var (edx, _) = Naive.InputGrad(dys, wt.ToArray<float>(), null, g);
        AssertSameNonFinite(edx, dx.ToArray<float>(), "input gradient");
    }

    private static void AssertSameNonFinite(double[] expected, float[] actual, string what)
    {
        int nonFinite = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            bool e = double.IsFinite(expected[i]), a = float.IsFinite(actual[i]);
            Assert.True(e == a, $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
            if (!e) { nonFinite++; Assert.Equal(double.IsNaN(expected[i]), float.IsNaN(actual[i])); }
            else Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4 * (1 + Math.Abs(expected[i])), $"{what}[{i}]: {actual[i]} vs {expected[i]}");
        }
        Assert.True(nonFinite > 0 && nonFinite < expected.Length, $"{what}: {nonFinite} non-finite outputs");
    }

    [Theory]
    [InlineData(2, 1, 3, 3, 3, 1)]   // stride 2
    [InlineData(1, 2, 3, 3, 3, 1)]   // dilation 2
    [InlineData(1, 1, 2, 4, 3, 1)]   // groups 2
    [InlineData(1, 1, 1, 32, 3, 1)]  // 32 input channels: the GEMM is faster
    public void OtherGeometriesAreLeftToTheGemm(int stride, int dilation, int groups, int c, int k, int p)
    {
        int h = 12, oh = (h + 2 * p - dilation * (k - 1) - 1) / stride + 1;
        var g = new ConvGeometry(2, c, h, h, 4, k, k, stride, stride, p, p, dilation, dilation, groups, oh, oh);
        var x = Torch.Randn([2, c, h, h]);
        var w = Torch.Randn([4, c / groups, k, k]);
        Assert.False(DirectConv.TryForward(x, w, null, Torch.Empty([2, 4, oh, oh]), g));
        Assert.False(DirectConv.TryBackwardWeight(x, Torch.Empty([2, 4, oh, oh]), Torch.Empty([4, c / groups, k, k]), g));
    }

    /// <summary>
    /// Naive float64 gradients for a stride-1 geometry, and the output scale max Σ|terms| (the forward pass is
    /// <see cref="NaiveConv.Forward"/>). As in PyTorch's im2col, a padding position is a zero that is multiplied (so an
    /// infinite gradient meeting it gives NaN) in the weight gradient; the input gradient sums the valid taps only (col2im).
    /// </summary>
    internal static class Naive
    {
        public static (double[], double) InputGrad(float[] dy, float[] w, float[]? b, ConvGeometry g)
        {
            var dx = new double[g.N * g.C * g.HW];
            double scale = 0;
            for (int n = 0; n < g.N; n++)
                for (int c = 0; c < g.C; c++)
                    for (int r = 0; r < g.H; r++)
                        for (int q = 0; q < g.W; q++)
                        {
                            double acc = b is null ? 0 : b[c], abs = Math.Abs(acc);
                            for (int o = 0; o < g.O; o++)
                                for (int i = 0; i < g.KH; i++)
                                    for (int j = 0; j < g.KW; j++)
                                    {
                                        int yh = r + g.PT - i, yw = q + g.PL - j;
                                        if (yh < 0 || yh >= g.OH || yw < 0 || yw >= g.OW) continue;
                                        double v = (double)dy[((n * g.O + o) * g.OH + yh) * g.OW + yw] * w[((o * g.C + c) * g.KH + i) * g.KW + j];
                                        acc += v;
                                        abs += Math.Abs(v);
                                    }
                            dx[((n * g.C + c) * g.H + r) * g.W + q] = acc;
                            scale = Math.Max(scale, abs);
                        }
            return (dx, Math.Max(scale, 1e-30));
        }

        public static (double[], double) WeightGrad(float[] x, float[] dy, ConvGeometry g)
        {
            var dw = new double[g.O * g.C * g.KH * g.KW];
            double scale = 0;
            for (int o = 0; o < g.O; o++)
                for (int c = 0; c < g.C; c++)
                    for (int i = 0; i < g.KH; i++)
                        for (int j = 0; j < g.KW; j++)
                        {
                            double acc = 0, abs = 0;
                            for (int n = 0; n < g.N; n++)
                                for (int r = 0; r < g.OH; r++)
                                    for (int q = 0; q < g.OW; q++)
                                    {
                                        int ih = r - g.PT + i, iw = q - g.PL + j;
                                        bool inside = ih >= 0 && ih < g.H && iw >= 0 && iw < g.W;
                                        double v = (double)dy[((n * g.O + o) * g.OH + r) * g.OW + q] * (inside ? x[((n * g.C + c) * g.H + ih) * g.W + iw] : 0.0);
                                        acc += v;
                                        abs += Math.Abs(v);
                                    }
                            dw[((o * g.C + c) * g.KH + i) * g.KW + j] = acc;
                            scale = Math.Max(scale, abs);
                        }
            return (dw, Math.Max(scale, 1e-30));
        }
    }
}
