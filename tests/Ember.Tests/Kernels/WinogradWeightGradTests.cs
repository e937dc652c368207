using Ember.Kernels;
using Ember.NN;

namespace Ember.Tests.Kernels;

/// <summary>
/// The weight gradient by Winograd F(2,3) and F(4,3) against a naive loop accumulated in float64 and against im2col, on
/// odd sizes (planes 1..18, tiles cut by the border, padding 0..2, channel counts off the 16-lane padding), several
/// chunks, any thread count, non-finite inputs (im2col then runs) and through autograd. Tolerance: |dw − ref| ≤ 2e-6 · S
/// for F(2,3), whose coefficients are exact (its error is that of the sums), 2e-5 · S for F(4,3) (as its forward pass),
/// S the largest Σ|x·dy| over a weight.
/// </summary>
[Collection("Gemm.NumThreads")]
public class WinogradWeightGradTests
{
    private static (double[] Dw, double Scale) Naive(float[] x, float[] dy, int n, int c, int h, int w, int o, int p, int oh, int ow)
    {
        var dw = new double[o * c * 9];
        var mag = new double[o * c * 9];
        for (int s = 0; s < n; s++)
            for (int oo = 0; oo < o; oo++)
                for (int cc = 0; cc < c; cc++)
                    for (int i = 0; i < 3; i++)
                        for (int j = 0; j < 3; j++)
                        {
                            double acc = 0, m = 0;
                            for (int y = 0; y < oh; y++)
                                for (int z = 0; z < ow; z++)
                                {
                                    int hy = y - p + i, wz = z - p + j;
                                    if (hy < 0 || hy >= h || wz < 0 || wz >= w) continue;
                                    double v = (double)x[((s * c + cc) * h + hy) * w + wz] * dy[((s * o + oo) * oh + y) * ow + z];
                                    acc += v; m += Math.Abs(v);
                                }
                            int k = (oo * c + cc) * 9 + i * 3 + j;
                            dw[k] += acc; mag[k] += m;
                        }
        return (dw, mag.Max());
    }

    private static float[] Grad(Tensor x, Tensor dy, in ConvGeometry g, bool winograd, long? chunkBytes = null, int? tile = null)
    {
        var dw = Torch.Full([g.O, g.C, 3, 3], float.NaN);
        WinogradWeightGrad.Force = winograd;
        WinogradWeightGrad.ChunkBytesOverride = chunkBytes;
        WinogradWeightGrad.ForceTile = tile;
        try { ConvKernels.BackwardWeight(x, dy, dw, g); }
        finally { WinogradWeightGrad.Force = null; WinogradWeightGrad.ChunkBytesOverride = null; WinogradWeightGrad.ForceTile = null; }
        return dw.ToArray<float>();
    }

    private static double Tolerance(int tile) => tile == 4 ? 2e-5 : 2e-6;

    public static TheoryData<int, int, int, int, int, int> Shapes => new()
    {
        // N, C, O, H, W, padding
        { 2, 3, 5, 7, 9, 1 },
        { 1, 17, 33, 5, 4, 0 },
        { 3, 16, 16, 1, 1, 1 },   // one pixel: only the centre tap
        { 2, 20, 7, 2, 3, 2 },    // padding 2: outputs larger than the input
        { 4, 64, 64, 8, 8, 1 },
        { 2, 96, 100, 11, 13, 1 }, // odd planes: the last tiles overhang
        { 1, 5, 130, 17, 6, 0 },
        { 2, 48, 50, 16, 16, 1 },  // F(4,3)'s own choice (16×16)
        { 1, 33, 20, 18, 17, 1 },  // 18×17: F(4,3)'s last tiles overhang
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatchesNaiveAndIm2Col(int n, int c, int o, int h, int w, int p)
    {
        int oh = h + 2 * p - 2, ow = w + 2 * p - 2;
        var gen = new Generator(n * 97 + c * 13 + o * 5 + h * 3 + w + p);
        var x = Torch.Randn([n, c, h, w], generator: gen);
        var dy = Torch.Randn([n, o, oh, ow], generator: gen);
        var g = new ConvGeometry(n, c, h, w, o, 3, 3, 1, 1, p, p, 1, 1, 1, oh, ow);
        var (expected, scale) = Naive(x.ToArray<float>(), dy.ToArray<float>(), n, c, h, w, o, p, oh, ow);
        var im2col = Grad(x, dy, g, winograd: false);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(im2col[i] - expected[i]) <= 2e-6 * scale, $"im2col dw[{i}] = {im2col[i]}, naive {expected[i]}");
        foreach (int tile in new[] { 2, 4 })
        {
            var wino = Grad(x, dy, g, winograd: true, tile: tile);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(wino[i] - expected[i]) <= Tolerance(tile) * scale, $"F({tile},3) dw[{i}] = {wino[i]}, naive {expected[i]} (scale {scale})");
        }
    }

    [Theory]
    [InlineData(2, 6)]
    [InlineData(4, 10)]
    public void SeveralChunksAndAnyThreadCountGiveTheSameBits(int tile, int hw)
    {
        var gen = new Generator(3);
        var x = Torch.Randn([7, 24, hw, hw], generator: gen);
        var dy = Torch.Randn([7, 40, hw, hw], generator: gen);
        var g = new ConvGeometry(7, 24, hw, hw, 40, 3, 3, 1, 1, 1, 1, 1, 1, 1, hw, hw);
        Assert.Equal(tile, WinogradWeightGrad.Tile(g));
        // One sample per chunk: the chunks' sums are accumulated in order.
        var chunked = Grad(x, dy, g, winograd: true, chunkBytes: 1);
        var whole = Grad(x, dy, g, winograd: true);
        var im2col = Grad(x, dy, g, winograd: false);
        double scale = im2col.Max(Math.Abs);
        for (int i = 0; i < im2col.Length; i++)
        {
            Assert.True(Math.Abs(chunked[i] - im2col[i]) <= 10 * Tolerance(tile) * scale, $"chunked dw[{i}]");
            Assert.True(Math.Abs(whole[i] - im2col[i]) <= 10 * Tolerance(tile) * scale, $"whole dw[{i}]");
        }
        int before = Threading.NumThreads;
        try
        {
            foreach (int t in new[] { 1, 2, 3 })
            {
                Threading.NumThreads = t;
                Assert.Equal(chunked, Grad(x, dy, g, winograd: true, chunkBytes: 1));
                Assert.Equal(whole, Grad(x, dy, g, winograd: true));
            }
        }
        finally { Threading.NumThreads = before; }
    }

    [Fact]
    public void NonFiniteInputsFallBackToIm2Col()
    {
        var gen = new Generator(4);
        var x = Torch.Randn([2, 32, 6, 6], generator: gen);
        var dy = Torch.Randn([2, 32, 6, 6], generator: gen);
        var g = new ConvGeometry(2, 32, 6, 6, 32, 3, 3, 1, 1, 1, 1, 1, 1, 1, 6, 6);
        foreach (float bad in new[] { float.PositiveInfinity, float.NaN })
        {
            var xb = x.Clone();
            xb[1, 5, 2, 3] = Torch.Scalar(bad);
            // Element for element (NaN where im2col gives NaN, ±inf where it gives ±inf).
            foreach (int tile in new[] { 2, 4 })
                Assert.Equal(Grad(xb, dy, g, winograd: false), Grad(xb, dy, g, winograd: true, tile: tile));
        }
    }

    [Theory]
    [InlineData(128, 8)]   // ResNet-18's layer 2: F(4,3)
    [InlineData(64, 16)]   // layer 1: F(4,3)
    [InlineData(128, 6)]   // F(2,3)
    public void ThroughAutogradTheConvolutionGetsTheSameWeightGradient(int c, int hw)
    {
        var gen = new Generator(5);
        var x = Torch.Randn([16, c, hw, hw], generator: gen);
        var w0 = Torch.Randn([c, c, 3, 3], generator: gen) * 0.05;
        var gy = Torch.Randn([16, c, hw, hw], generator: gen);
        float[] Run(bool? force)
        {
            var w = w0.Clone().RequiresGrad_();
            WinogradWeightGrad.Force = force;
            try { F.Conv2d(x, w, null, padding: 1).Backward(gy); }
            finally { WinogradWeightGrad.Force = null; }
            return w.Grad!.ToArray<float>();
        }
        Assert.True(WinogradWeightGrad.Choose(new ConvGeometry(16, c, hw, hw, c, 3, 3, 1, 1, 1, 1, 1, 1, 1, hw, hw)));
        var measured = Run(null);
        var im2col = Run(false);
        Assert.Equal(Run(true), measured);
        double scale = im2col.Max(Math.Abs);
        for (int i = 0; i < im2col.Length; i++) Assert.True(Math.Abs(measured[i] - im2col[i]) <= (hw >= 8 ? 2e-5 : 1e-5) * scale, $"dw[{i}]");
    }

    [Fact]
    public void DispatchTable()
    {
        static ConvGeometry G(int n, int c, int hw, int s = 1, int groups = 1) =>
            new(n, c, hw, hw, c, 3, 3, s, s, 1, 1, 1, 1, groups, (hw - 1) / s + 1, (hw - 1) / s + 1);
        Assert.True(WinogradWeightGrad.Choose(G(32, 128, 8)));   // ResNet-18 layer 2
        Assert.True(WinogradWeightGrad.Choose(G(32, 256, 4)));   // layer 3
        Assert.True(WinogradWeightGrad.Choose(G(32, 64, 16)));   // layer 1, by F(4,3)
        Assert.Equal(4, WinogradWeightGrad.Tile(G(32, 64, 16)));
        Assert.Equal(4, WinogradWeightGrad.Tile(G(32, 128, 8)));
        Assert.Equal(2, WinogradWeightGrad.Tile(G(32, 256, 4)));
        Assert.True(WinogradWeightGrad.Choose(G(32, 48, 16)));
        Assert.False(WinogradWeightGrad.Choose(G(32, 32, 32)));  // F(4,3) only even at 32 channels
        Assert.True(WinogradWeightGrad.Choose(G(32, 64, 8)));    // F(4,3) from 48 channels
        Assert.False(WinogradWeightGrad.Choose(G(64, 64, 6)));   // F(2,3) only from 96
        Assert.False(WinogradWeightGrad.Choose(G(16, 256, 4)));  // 256 pixels per batch
        Assert.False(WinogradWeightGrad.Choose(G(32, 512, 2)));
        Assert.False(WinogradWeightGrad.Choose(G(32, 128, 8, s: 2)));
        Assert.False(WinogradWeightGrad.Choose(G(32, 128, 8, groups: 2)));
    }
}
