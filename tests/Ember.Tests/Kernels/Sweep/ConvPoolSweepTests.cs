using Ember.NN;

namespace Ember.Tests.Kernels.Sweep;

/// <summary>
/// conv1d/conv2d (stride, padding, dilation, groups, depthwise) and max/avg pooling, forward and backward (autograd),
/// over a sampled set of odd shapes, with contiguous, transposed (H and W swapped in memory) and strided inputs, against
/// naive loops in double. A convolution output or gradient of t terms is allowed (t + 2)·ε·Σ|terms|; max pooling is
/// exact and average pooling within a few ulps.
/// </summary>
public class ConvPoolSweepTests
{
    /// <summary>A 2-D convolution case (a 1-D one has H = kh = 1, unit stride/padding/dilation along H).</summary>
    public sealed record ConvCase(int N, int Cin, int Cout, int H, int W, int Kh, int Kw, int Sh, int Sw, int Ph, int Pw,
        int Dh, int Dw, int Groups, bool Bias)
    {
        public int Oh => (H + 2 * Ph - Dh * (Kh - 1) - 1) / Sh + 1;
        public int Ow => (W + 2 * Pw - Dw * (Kw - 1) - 1) / Sw + 1;
        public override string ToString() =>
            $"N={N} Cin={Cin} Cout={Cout} H={H} W={W} k=({Kh},{Kw}) s=({Sh},{Sw}) p=({Ph},{Pw}) d=({Dh},{Dw}) g={Groups} bias={Bias}";
    }

    private static readonly ConvCase[] Conv2dCases =
    [
        new(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, false),
        new(2, 3, 5, 7, 9, 3, 3, 1, 1, 1, 1, 1, 1, 1, true),
        new(1, 3, 8, 28, 28, 5, 5, 1, 1, 0, 0, 1, 1, 1, true),   // LeNet's first layer
        new(2, 4, 6, 11, 13, 3, 3, 2, 2, 1, 1, 1, 1, 2, true),   // stride 2, groups 2
        new(1, 6, 6, 10, 9, 3, 3, 1, 1, 1, 1, 1, 1, 6, true),    // depthwise
        new(2, 4, 8, 9, 10, 3, 3, 2, 1, 2, 1, 1, 1, 4, false),   // depthwise, multiplier 2
        new(1, 2, 3, 17, 15, 3, 2, 1, 2, 2, 0, 2, 3, 1, true),   // dilation, odd padding
        new(3, 5, 7, 8, 8, 1, 1, 1, 1, 0, 0, 1, 1, 1, true),     // 1×1
        new(1, 3, 4, 6, 7, 6, 7, 1, 1, 0, 0, 1, 1, 1, true),     // kernel = input
        new(2, 8, 16, 13, 13, 3, 3, 1, 1, 1, 1, 1, 1, 1, true),  // a 3×3 layer (Winograd's shape)
        new(1, 16, 4, 5, 33, 3, 3, 3, 3, 1, 1, 1, 1, 2, true),
        new(1, 1, 2, 1, 257, 1, 5, 1, 1, 0, 2, 1, 1, 1, true),
        new(0, 2, 2, 5, 5, 3, 3, 1, 1, 1, 1, 1, 1, 1, true),     // empty batch
        new(2, 3, 3, 4, 3, 2, 2, 1, 1, 1, 1, 2, 2, 3, false),
    ];

    private static readonly ConvCase[] Conv1dCases =
    [
        new(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, false),
        new(2, 3, 4, 1, 50, 1, 5, 1, 1, 0, 2, 1, 1, 1, true),
        new(1, 4, 4, 1, 257, 1, 3, 1, 2, 0, 1, 1, 1, 4, true),   // depthwise, stride 2
        new(3, 6, 9, 1, 31, 1, 4, 1, 3, 0, 3, 1, 2, 3, false),   // dilation 2, groups 3
        new(1, 2, 2, 1, 129, 1, 129, 1, 1, 0, 0, 1, 1, 1, true), // kernel = input
    ];

    private static double[] Cut(double[] v, int n) => v[..n];

    /// <summary>The forward value, its bound, and the gradients for upstream gradient <paramref name="gy"/>, in double.</summary>
    private static (double[] y, double[] yb, double[] dx, double[] dxb, double[] dw, double[] dwb, double[] db) Naive(
        ConvCase c, double[] x, double[] w, double[] b, double[] gy)
    {
        int cg = c.Cin / c.Groups, og = c.Cout / c.Groups, oh = c.Oh, ow = c.Ow;
        var y = new double[c.N * c.Cout * oh * ow];
        var yb = new double[y.Length];
        var dx = new double[x.Length];
        var dxb = new double[x.Length];
        var dw = new double[w.Length];
        var dwb = new double[w.Length];
        var db = new double[c.Cout];
        for (int n = 0; n < c.N; n++)
            for (int o = 0; o < c.Cout; o++)
            {
                int g = o / og;
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        int yi = ((n * c.Cout + o) * oh + i) * ow + j;
                        double s = c.Bias ? b[o] : 0, abs = Math.Abs(s), gv = gy[yi];
                        db[o] += gv;
                        for (int ci = 0; ci < cg; ci++)
                            for (int p = 0; p < c.Kh; p++)
                            {
                                int h = i * c.Sh - c.Ph + p * c.Dh;
                                if (h < 0 || h >= c.H) continue;
                                for (int q = 0; q < c.Kw; q++)
                                {
                                    int v = j * c.Sw - c.Pw + q * c.Dw;
                                    if (v < 0 || v >= c.W) continue;
                                    int xi = ((n * c.Cin + g * cg + ci) * c.H + h) * c.W + v;
                                    int wi = ((o * cg + ci) * c.Kh + p) * c.Kw + q;
                                    s += x[xi] * w[wi];
                                    abs += Math.Abs(x[xi] * w[wi]);
                                    dx[xi] += gv * w[wi];
                                    dxb[xi] += Math.Abs(gv * w[wi]);
                                    dw[wi] += gv * x[xi];
                                    dwb[wi] += Math.Abs(gv * x[xi]);
                                }
                            }
                        y[yi] = s;
                        yb[yi] = abs;
                    }
            }
        return (y, yb, dx, dxb, dw, dwb, db);
    }

    private static void CheckConv(ConvCase c, DType dt, Layout layout, bool oneD, Random rng)
    {
        int cg = c.Cin / c.Groups;
        var x = SweepData.Values(rng, c.N * c.Cin * c.H * c.W, dt);
        var w = SweepData.Values(rng, c.Cout * cg * c.Kh * c.Kw, dt);
        var b = SweepData.Values(rng, c.Cout, dt);
        var gy = SweepData.Values(rng, c.N * c.Cout * c.Oh * c.Ow, dt);
        var (y, yb, dx, dxb, dw, dwb, db) = Naive(c, x, w, b, gy);
        int[] xs = oneD ? [c.N, c.Cin, c.W] : [c.N, c.Cin, c.H, c.W];
        int[] ws = oneD ? [c.Cout, cg, c.Kw] : [c.Cout, cg, c.Kh, c.Kw];
        int[] ys = oneD ? [c.N, c.Cout, c.Ow] : [c.N, c.Cout, c.Oh, c.Ow];
        var tx = SweepData.Make(x, xs, dt, layout).RequiresGrad_();
        var tw = SweepData.Make(w, ws, dt, layout == Layout.Strided ? Layout.Contiguous : Layout.Strided).RequiresGrad_();
        var tb = c.Bias ? SweepData.Make(b, [c.Cout], dt, Layout.Strided).RequiresGrad_() : null;
        var ty = oneD
            ? F.Conv1d(tx, tw, tb, c.Sw, c.Pw, c.Dw, c.Groups)
            : F.Conv2d(tx, tw, tb, (c.Sh, c.Sw), (c.Ph, c.Pw), (c.Dh, c.Dw), c.Groups);
        Assert.Equal(ys, ty.ShapeArray);
        double eps = SweepData.Eps(dt);
        int terms = cg * c.Kh * c.Kw + 1, batchTerms = c.N * c.Oh * c.Ow * c.Cout / c.Groups * c.Kh * c.Kw;
        string What(string what) => $"{(oneD ? "conv1d" : "conv2d")} {what} {dt} {c} input {layout}";
        SweepData.AllClose(y, ty, i => (terms + 2) * eps * yb[i], () => What("output"));
        if (c.N * c.Oh * c.Ow == 0) return;
        ty.Backward(SweepData.Make(gy, ys, dt, Layout.Strided));
        SweepData.AllClose(dx, tx.Grad!, i => (terms + 2) * eps * dxb[i], () => What("input grad"));
        SweepData.AllClose(dw, tw.Grad!, i => (batchTerms + 2) * eps * dwb[i], () => What("weight grad"));
        if (tb is not null)
        {
            double gAbs = gy.Sum(Math.Abs);
            SweepData.AllClose(db, tb.Grad!, _ => (gy.Length + 2) * eps * gAbs, () => What("bias grad"));
        }
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Conv2d_OddShapes_ForwardAndBackward(DType dt)
    {
        var rng = new Random(67);
        foreach (var c in Conv2dCases)
            foreach (var layout in new[] { Layout.Contiguous, Layout.Transposed, Layout.Strided })
                CheckConv(c, dt, layout, oneD: false, rng);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Conv1d_OddShapes_ForwardAndBackward(DType dt)
    {
        var rng = new Random(71);
        foreach (var c in Conv1dCases)
            foreach (var layout in new[] { Layout.Contiguous, Layout.Transposed, Layout.Strided })
                CheckConv(c, dt, layout, oneD: true, rng);
    }

    [Fact]
    public void Conv1d_EveryLength_0To257()
    {
        // A 3-tap, padding-1 filter bank over every input length (the column and tile tails of the conv kernels).
        var rng = new Random(73);
        for (int len = 1; len <= SweepData.MaxSize; len++)
        {
            var dt = len % 2 == 0 ? DType.Float32 : DType.Float64;
            var layout = len / 17 % 2 == 0 ? Layout.Contiguous : Layout.Strided;
            CheckConv(new ConvCase(2, 3, 4, 1, len, 1, 3, 1, 1 + len % 3 / 2, 0, 1, 1, 1, 1, true), dt, layout, oneD: true, rng);
        }
    }

    /// <summary>A pooling case: 2-D, or 1-D when <paramref name="OneD"/> (H = 1, kh = 1).</summary>
    public sealed record PoolCase(int N, int C, int H, int W, int Kh, int Kw, int Sh, int Sw, int Ph, int Pw, int Dh, int Dw,
        bool Ceil, bool CountIncludePad = true, int? Divisor = null, bool OneD = false)
    {
        public static int Out(int size, int k, int s, int p, int d, bool ceil)
        {
            int span = size + 2 * p - d * (k - 1) - 1;
            int o = (ceil ? (span + s - 1) / s : span / s) + 1;
            if (ceil && (o - 1) * s >= size + p) o--;
            return o;
        }

        public int Oh => Out(H, Kh, Sh, Ph, Dh, Ceil);
        public int Ow => Out(W, Kw, Sw, Pw, Dw, Ceil);
        public override string ToString() =>
            $"N={N} C={C} H={H} W={W} k=({Kh},{Kw}) s=({Sh},{Sw}) p=({Ph},{Pw}) d=({Dh},{Dw}) ceil={Ceil} includePad={CountIncludePad} divisor={Divisor} 1d={OneD}";
    }

    private static readonly PoolCase[] PoolCases =
    [
        new(1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, false),
        new(2, 3, 28, 28, 2, 2, 2, 2, 0, 0, 1, 1, false),          // LeNet's pooling
        new(1, 2, 7, 9, 3, 3, 2, 2, 1, 1, 1, 1, false),
        new(1, 2, 7, 9, 3, 3, 2, 2, 1, 1, 1, 1, true),             // ceil mode
        new(2, 1, 11, 10, 3, 2, 3, 1, 1, 0, 1, 1, true, false),    // padding not counted
        new(1, 3, 8, 13, 2, 3, 1, 2, 1, 1, 1, 1, false, true, 5),  // divisor override
        new(1, 2, 10, 10, 3, 3, 2, 2, 1, 1, 2, 2, false),          // dilation (max only)
        new(2, 4, 17, 33, 5, 4, 3, 4, 2, 2, 1, 1, true),
        new(1, 1, 1, 257, 1, 3, 1, 2, 0, 1, 1, 1, false, OneD: true),
        new(2, 3, 1, 50, 1, 4, 1, 3, 0, 2, 1, 1, true, false, OneD: true),
        new(1, 2, 1, 129, 1, 2, 1, 2, 0, 0, 1, 3, false, OneD: true),
        new(0, 2, 5, 5, 2, 2, 2, 2, 0, 0, 1, 1, false),            // empty batch
        new(1, 2, 9, 40, 3, 3, 1, 1, 1, 1, 1, 1, false),           // rows of 16 outputs or more (the AVX-512 max kernel)
        new(1, 3, 12, 45, 3, 3, 1, 2, 1, 1, 1, 1, true),           // … with width stride 2 and ceil mode
        new(2, 1, 6, 70, 2, 3, 2, 2, 0, 1, 1, 2, false),           // … with dilation
    ];

    private static void CheckPool(PoolCase c, DType dt, Layout layout, bool max, Random rng)
    {
        int oh = c.Oh, ow = c.Ow;
        var x = SweepData.Values(rng, c.N * c.C * c.H * c.W, dt);
        var gy = SweepData.Values(rng, c.N * c.C * oh * ow, dt);
        var y = new double[gy.Length];
        var dx = new double[x.Length];
        var dxb = new double[x.Length];
        for (int nc = 0; nc < c.N * c.C; nc++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++)
                {
                    int yi = (nc * oh + i) * ow + j;
                    if (max)
                    {
                        int best = -1;
                        for (int p = 0; p < c.Kh; p++)
                            for (int q = 0; q < c.Kw; q++)
                            {
                                int h = i * c.Sh - c.Ph + p * c.Dh, v = j * c.Sw - c.Pw + q * c.Dw;
                                if (h < 0 || h >= c.H || v < 0 || v >= c.W) continue;
                                int xi = (nc * c.H + h) * c.W + v;
                                if (best < 0 || x[xi] > x[best]) best = xi;
                            }
                        y[yi] = x[best];
                        dx[best] += gy[yi];
                        dxb[best] += Math.Abs(gy[yi]);
                    }
                    else
                    {
                        int h0 = i * c.Sh - c.Ph, v0 = j * c.Sw - c.Pw;
                        int h1 = Math.Min(h0 + c.Kh, c.H + c.Ph), v1 = Math.Min(v0 + c.Kw, c.W + c.Pw);
                        int poolSize = (h1 - h0) * (v1 - v0);
                        h0 = Math.Max(h0, 0); v0 = Math.Max(v0, 0); h1 = Math.Min(h1, c.H); v1 = Math.Min(v1, c.W);
                        int divisor = c.Divisor ?? (c.CountIncludePad ? poolSize : (h1 - h0) * (v1 - v0));
                        double s = 0;
                        for (int h = h0; h < h1; h++)
                            for (int v = v0; v < v1; v++)
                            {
                                int xi = (nc * c.H + h) * c.W + v;
                                s += x[xi];
                                dx[xi] += gy[yi] / divisor;
                                dxb[xi] += Math.Abs(gy[yi] / divisor);
                            }
                        y[yi] = s / divisor;
                    }
                }
        int[] xs = c.OneD ? [c.N, c.C, c.W] : [c.N, c.C, c.H, c.W];
        int[] ys = c.OneD ? [c.N, c.C, ow] : [c.N, c.C, oh, ow];
        var tx = SweepData.Make(x, xs, dt, layout).RequiresGrad_();
        Tensor ty = (max, c.OneD) switch
        {
            (true, true) => F.MaxPool1d(tx, c.Kw, c.Sw, c.Pw, c.Dw, c.Ceil),
            (true, false) => F.MaxPool2d(tx, (c.Kh, c.Kw), (c.Sh, c.Sw), (c.Ph, c.Pw), (c.Dh, c.Dw), c.Ceil),
            (false, true) => F.AvgPool1d(tx, c.Kw, c.Sw, c.Pw, c.Ceil, c.CountIncludePad),
            (false, false) => F.AvgPool2d(tx, (c.Kh, c.Kw), (c.Sh, c.Sw), (c.Ph, c.Pw), c.Ceil, c.CountIncludePad, c.Divisor),
        };
        Assert.Equal(ys, ty.ShapeArray);
        double eps = SweepData.Eps(dt), ulps = max ? 0 : (c.Kh * c.Kw + 4) * eps;
        string What(string what) => $"{(max ? "max" : "avg")}_pool {what} {dt} {c} input {layout}";
        SweepData.AllClose(y, ty, i => ulps * Math.Max(1, Math.Abs(y[i])), () => What("output"));
        if (gy.Length == 0) return;
        ty.Backward(SweepData.Make(gy, ys, dt, Layout.Strided));
        SweepData.AllClose(dx, tx.Grad!, i => (c.Kh * c.Kw + 4) * eps * dxb[i], () => What("input grad"));
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Pooling_OddShapes_ForwardAndBackward(DType dt)
    {
        var rng = new Random(79);
        foreach (var c in PoolCases)
            foreach (bool max in new[] { true, false })
            {
                if (!max && (c.Dh != 1 || c.Dw != 1 || (c.OneD && c.Divisor is not null))) continue; // avg pooling has no dilation
                foreach (var layout in new[] { Layout.Contiguous, Layout.Transposed, Layout.Strided })
                    CheckPool(c, dt, layout, max, rng);
            }
    }

    [Fact]
    public void MaxAndAvgPool1d_EveryLength_1To257()
    {
        var rng = new Random(83);
        for (int len = 1; len <= SweepData.MaxSize; len++)
        {
            var dt = len % 2 == 0 ? DType.Float32 : DType.Float64;
            var layout = len / 17 % 2 == 0 ? Layout.Contiguous : Layout.Strided;
            int k = Math.Min(len, 2 + len % 3);
            var c = new PoolCase(2, 3, 1, len, 1, k, 1, 1 + len % 2, 0, k / 2, 1, 1, len % 5 == 0, OneD: true);
            CheckPool(c, dt, layout, max: true, rng);
            CheckPool(c, dt, layout, max: false, rng);
        }
    }
}
