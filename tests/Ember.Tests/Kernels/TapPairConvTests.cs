using Ember.Kernels;
using Ember.NN;

namespace Ember.Tests.Kernels;

/// <summary>
/// The tap-pair convolution (one GEMM per tap over the output/input pixel pairs it joins, for planes where most of
/// im2col's products are with the padding): the forward pass, the input gradient and the weight gradient against float64
/// loops over the taps that land in the input, on 2×2 and 1×1 planes, a 5×5 kernel on 3×3, a 1×3 row, stride 2,
/// dilation 2 and outputs that see only padding; the same bits on 3, 2 and 1 threads; infinities placed as PyTorch
/// places them (the padding is never multiplied); and the shapes it declines. Tolerance 2e-6 · S, S the largest
/// Σ|term| of an element.
/// </summary>
[Collection("ConvPathToggle")]
public class TapPairConvTests
{
    public static TheoryData<int, int, int, int, int, int, int, int, int> Geometries => new()
    {
        // N, C, O, H, W, K, stride, padding, dilation
        { 9, 20, 24, 2, 2, 3, 1, 1, 1 },    // ResNet's last stage: 16 of 36 products real
        { 8, 17, 33, 1, 1, 3, 1, 1, 1 },    // a 1×1 plane: the centre tap only
        { 10, 12, 9, 3, 3, 5, 1, 2, 1 },    // 5×5 on 3×3: 81 of 225
        { 8, 19, 16, 1, 3, 3, 1, 1, 1 },    // a 1×3 row: 7 of 27
        { 11, 16, 18, 3, 3, 3, 2, 1, 1 },   // stride 2: 16 of 36
        { 8, 16, 21, 2, 2, 3, 1, 2, 2 },    // dilation 2: 4 of 36
        { 8, 16, 17, 1, 1, 3, 1, 3, 1 },    // padding 3: 24 of 25 outputs see only padding (the bias)
    };

    private static ConvGeometry Geometry(int n, int c, int o, int h, int w, int k, int s, int p, int d) =>
        new(n, c, h, w, o, k, k, s, s, p, p, d, d, 1, (h + 2 * p - d * (k - 1) - 1) / s + 1, (w + 2 * p - d * (k - 1) - 1) / s + 1);

    private static void AssertClose(double[] expected, double scale, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (!double.IsFinite(expected[i]))
            {
                Assert.True(expected[i].Equals((double)actual[i]), $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
                continue;
            }
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 2e-6 * scale + 1e-30, $"{what}[{i}]: expected {expected[i]}, got {actual[i]} (S = {scale})");
        }
    }

    /// <summary>Runs <paramref name="body"/> with the path forced on (and reports whether it ran).</summary>
    private static T Forced<T>(Func<T> body)
    {
        TapPairConv.Force = true;
        try { return body(); }
        finally { TapPairConv.Force = null; }
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void ForwardMatchesNaiveLoops(int n, int c, int o, int h, int w, int k, int s, int p, int d)
    {
        var g = Geometry(n, c, o, h, w, k, s, p, d);
        int oh = g.OH, ow = g.OW;
        var gen = new Generator(n * 31 + c * 7 + k);
        var x = Torch.Randn([n, c, h, w], generator: gen);
        var wt = Torch.Randn([o, c, k, k], generator: gen);
        var b = Torch.Randn([o], generator: gen);
        foreach (var bias in new[] { b, null })
        {
            var (expected, scale) = NaiveConv.Forward(x.ToArray<float>(), wt.ToArray<float>(), bias?.ToArray<float>(), g);
            var y = Torch.Full([n, o, oh, ow], float.NaN);
            Assert.True(Forced(() => TapPairConv.TryForward(x, wt, bias, y, g)));
            AssertClose(expected, scale, y.ToArray<float>(), "y");
        }
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void InputGradientMatchesNaiveLoops(int n, int c, int o, int h, int w, int k, int s, int p, int d)
    {
        var g = Geometry(n, c, o, h, w, k, s, p, d);
        int oh = g.OH, ow = g.OW;
        var gen = new Generator(n * 37 + c * 5 + k);
        var dy = Torch.Randn([n, o, oh, ow], generator: gen);
        var wt = Torch.Randn([o, c, k, k], generator: gen);
        var b = Torch.Randn([c], generator: gen);
        foreach (var bias in new[] { b, null })
        {
            var (expected, scale) = NaiveConv.InputGrad(dy.ToArray<float>(), wt.ToArray<float>(), bias?.ToArray<float>(), g);
            var dx = Torch.Full([n, c, h, w], float.NaN);
            Assert.True(Forced(() => TapPairConv.TryBackwardInput(dy, wt, bias, dx, g)));
            AssertClose(expected, scale, dx.ToArray<float>(), "dx");
        }
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void WeightGradientMatchesNaiveLoops(int n, int c, int o, int h, int w, int k, int s, int p, int d)
    {
        var g = Geometry(n, c, o, h, w, k, s, p, d);
        int oh = g.OH, ow = g.OW;
        var gen = new Generator(n * 41 + c * 3 + k);
        var x = Torch.Randn([n, c, h, w], generator: gen);
        var dy = Torch.Randn([n, o, oh, ow], generator: gen);
        var (expected, scale) = NaiveConv.WeightGrad(x.ToArray<float>(), dy.ToArray<float>(), g);
        var dw = Torch.Full([o, c, k, k], float.NaN);
        Assert.True(Forced(() => TapPairConv.TryBackwardWeight(x, dy, dw, g)));
        AssertClose(expected, scale, dw.ToArray<float>(), "dw");
    }

    [Fact]
    public void SameBitsOnAnyThreadCount()
    {
        // 128 channels at batch 16: the centre tap's GEMM (128 × 64 × 128) and the transposes run on the team.
        var g = Geometry(16, 128, 136, 2, 2, 3, 1, 1, 1);
        var gen = new Generator(5);
        var x = Torch.Randn([16, 128, 2, 2], generator: gen);
        var w = Torch.Randn([136, 128, 3, 3], generator: gen);
        var dy = Torch.Randn([16, 136, 2, 2], generator: gen);
        var b = Torch.Randn([136], generator: gen);
        int saved = Threading.NumThreads;
        float[]? y1 = null, dx1 = null, dw1 = null;
        try
        {
            // 3, 2, then 1 thread: a part a split missed cannot be found filled by an earlier serial run in a pooled buffer.
            foreach (int threads in new[] { 3, 2, 1 })
            {
                Threading.NumThreads = threads;
                var y = Torch.Full([16, 136, 2, 2], float.NaN);
                var dx = Torch.Full([16, 128, 2, 2], float.NaN);
                var dw = Torch.Full([136, 128, 3, 3], float.NaN);
                Assert.True(Forced(() => TapPairConv.TryForward(x, w, b, y, g)));
                Assert.True(Forced(() => TapPairConv.TryBackwardInput(dy, w, null, dx, g)));
                Assert.True(Forced(() => TapPairConv.TryBackwardWeight(x, dy, dw, g)));
                if (y1 is null)
                {
                    (y1, dx1, dw1) = (y.ToArray<float>(), dx.ToArray<float>(), dw.ToArray<float>());
                    var (ey, sy) = NaiveConv.Forward(x.ToArray<float>(), w.ToArray<float>(), b.ToArray<float>(), g);
                    AssertClose(ey, sy, y1, "y");
                    var (edx, sdx) = NaiveConv.InputGrad(dy.ToArray<float>(), w.ToArray<float>(), null, g);
                    AssertClose(edx, sdx, dx1, "dx");
                    var (edw, sdw) = NaiveConv.WeightGrad(x.ToArray<float>(), dy.ToArray<float>(), g);
                    AssertClose(edw, sdw, dw1, "dw");
                    continue;
                }
                Assert.Equal(y1, y.ToArray<float>());
                Assert.Equal(dx1, dx.ToArray<float>());
                Assert.Equal(dw1, dw.ToArray<float>());
            }
        }
        finally
        {
            Threading.NumThreads = saved;
        }
    }

    [Fact]
    public void InfinitiesLandWherePyTorchPutsThem()
    {
        // PyTorch (oneDNN) never multiplies the padding: an infinite corner weight reaches only the outputs whose corner
        // tap lands in the input (one of four on a 2×2 plane), an infinite dy only the taps that meet x. im2col makes NaN
        // of 0·∞ there.
        var g = Geometry(8, 16, 16, 2, 2, 3, 1, 1, 1);
        var gen = new Generator(11);
        var x = Torch.Randn([8, 16, 2, 2], generator: gen);
        var w = Torch.Randn([16, 16, 3, 3], generator: gen);
        var dy = Torch.Randn([8, 16, 2, 2], generator: gen);
        var wa = w.ToArray<float>();
        wa[0] = float.PositiveInfinity;
        var wInf = Torch.FromArray(wa, 16, 16, 3, 3);
        var dya = dy.ToArray<float>();
        dya[3] = float.NegativeInfinity;
        var dyInf = Torch.FromArray(dya, 8, 16, 2, 2);

        var y = Torch.Zeros([8, 16, 2, 2]);
        Assert.True(Forced(() => TapPairConv.TryForward(x, wInf, null, y, g)));
        var (ey, sy) = NaiveConv.Forward(x.ToArray<float>(), wa, null, g);
        AssertClose(ey, sy, y.ToArray<float>(), "y");
        Assert.Equal(8, y.ToArray<float>().Count(float.IsInfinity));

        var dx = Torch.Zeros([8, 16, 2, 2]);
        Assert.True(Forced(() => TapPairConv.TryBackwardInput(dyInf, w, null, dx, g)));
        var (edx, sdx) = NaiveConv.InputGrad(dya, w.ToArray<float>(), null, g);
        AssertClose(edx, sdx, dx.ToArray<float>(), "dx");
        Assert.DoesNotContain(dx.ToArray<float>(), float.IsNaN);

        var dw = Torch.Zeros([16, 16, 3, 3]);
        Assert.True(Forced(() => TapPairConv.TryBackwardWeight(x, dyInf, dw, g)));
        var (edw, sdw) = NaiveConv.WeightGrad(x.ToArray<float>(), dya, g);
        AssertClose(edw, sdw, dw.ToArray<float>(), "dw");
        // dy's infinity at output (1, 1) of sample 0, channel 0 meets x through the 4 upper-left taps of each of 16 inputs.
        Assert.Equal(64, dw.ToArray<float>().Count(float.IsInfinity));
        Assert.DoesNotContain(dw.ToArray<float>(), float.IsNaN);
    }

    [Fact]
    public void InferenceModeKeepsTheTapMajorWeightUntilItChanges()
    {
        // A weight seen twice in inference mode is copied tap-major once and kept: the same bits as the copy made per
        // call; written in place (a new version), it is copied again.
        var g = Geometry(16, 24, 40, 2, 2, 3, 1, 1, 1);
        var gen = new Generator(17);
        var x = Torch.Randn([16, 24, 2, 2], generator: gen);
        var w = Torch.Randn([40, 24, 3, 3], generator: gen);
        var b = Torch.Randn([40], generator: gen);
        float[] Forward()
        {
            var y = Torch.Full([16, 40, 2, 2], float.NaN);
            Assert.True(TapPairConv.TryForward(x, w, b, y, g));
            return y.ToArray<float>();
        }
        var perCall = Forward();
        using (Torch.InferenceMode())
            for (int call = 0; call < 3; call++) Assert.Equal(perCall, Forward());
        w[3, 5, 1, 2] = Torch.Scalar(100f);
        var (expected, scale) = NaiveConv.Forward(x.ToArray<float>(), w.ToArray<float>(), b.ToArray<float>(), g);
        using (Torch.InferenceMode())
            for (int call = 0; call < 3; call++) AssertClose(expected, scale, Forward(), $"y after the write, call {call}");
    }

    [Fact]
    public void PairsAndRunsOfResNetsLastStage()
    {
        var g = Geometry(32, 512, 512, 2, 2, 3, 1, 1, 1);
        Assert.Equal(16, TapPairConv.Pairs(g));
        Span<TapPairConv.Run> runs = stackalloc TapPairConv.Run[4];
        // The centre tap joins every output to the input pixel under it: one run of 4.
        Assert.Equal(1, TapPairConv.Runs(g, 1, 1, runs));
        Assert.Equal(new TapPairConv.Run(0, 0, 4), runs[0]);
        // The top-middle tap: outputs 2, 3 read inputs 0, 1.
        Assert.Equal(1, TapPairConv.Runs(g, 0, 1, runs));
        Assert.Equal(new TapPairConv.Run(2, 0, 2), runs[0]);
        // The middle-left tap: outputs 1 and 3 read inputs 0 and 2, not consecutive: two runs.
        Assert.Equal(2, TapPairConv.Runs(g, 1, 0, runs));
        Assert.Equal(new TapPairConv.Run(1, 0, 1), runs[0]);
        Assert.Equal(new TapPairConv.Run(3, 2, 1), runs[1]);
        // The bottom-right corner: output 0 reads input 3.
        Assert.Equal(1, TapPairConv.Runs(g, 2, 2, runs));
        Assert.Equal(new TapPairConv.Run(0, 3, 1), runs[0]);
        Assert.True(TapPairConv.Choose(g));
    }

    [Fact]
    public void DeclinesWhereIm2colIsBetterOrItDoesNotApply()
    {
        var resnet = Geometry(32, 512, 512, 2, 2, 3, 1, 1, 1);
        Assert.True(TapPairConv.Choose(resnet));
        // 4×4 planes: 100 of 144 products real (Winograd's).
        Assert.False(TapPairConv.Choose(Geometry(32, 256, 256, 4, 4, 3, 1, 1, 1)));
        // Fewer than 16 samples, or fewer than 16 channels.
        Assert.False(TapPairConv.Choose(resnet with { N = 15 }));
        Assert.False(TapPairConv.Choose(resnet with { C = 15 }));
        Assert.False(TapPairConv.Choose(resnet with { O = 15 }));
        // Groups, and more output pixels than pairs allowed; not even when forced.
        Assert.False(Forced(() => TapPairConv.Choose(resnet with { Groups = 2 })));
        Assert.False(Forced(() => TapPairConv.Choose(Geometry(8, 16, 16, 1, 1, 3, 1, 9, 1))));
        // Float64 runs im2col.
        var g = Geometry(8, 16, 16, 2, 2, 3, 1, 1, 1);
        var x = Torch.Randn([8, 16, 2, 2], dtype: DType.Float64);
        var w = Torch.Randn([16, 16, 3, 3], dtype: DType.Float64);
        Assert.False(Forced(() => TapPairConv.TryForward(x, w, null, Torch.Zeros([8, 16, 2, 2], dtype: DType.Float64), g)));
        // Off: nothing written.
        TapPairConv.Force = false;
        try
        {
            var y = Torch.Full([32, 512, 2, 2], 7f);
            Assert.False(TapPairConv.TryForward(Torch.Zeros([32, 512, 2, 2]), Torch.Zeros([512, 512, 3, 3]), null, y, resnet));
            Assert.All(y.ToArray<float>(), v => Assert.Equal(7f, v));
        }
        finally { TapPairConv.Force = null; }
    }

    [Fact]
    public void Conv2dTakesThePathInEveryPass()
    {
        // Through the module's autograd (the dispatcher's choice, not forced): the last stage of a ResNet at batch 16 with
        // 32 channels gives the bits of the path's own three passes (im2col sums in another order), and stays within
        // float32 rounding of the same convolution in float64 (im2col).
        var g = Geometry(16, 32, 48, 2, 2, 3, 1, 1, 1);
        var gen = new Generator(3);
        var x = Torch.Randn([16, 32, 2, 2], generator: gen);
        var w = Torch.Randn([48, 32, 3, 3], generator: gen);
        var b = Torch.Randn([48], generator: gen);
        var dy = Torch.Randn([16, 48, 2, 2], generator: gen);
        Assert.True(TapPairConv.Choose(g));
        var y = Torch.Zeros([16, 48, 2, 2]);
        var dx = Torch.Zeros([16, 32, 2, 2]);
        var dw = Torch.Zeros([48, 32, 3, 3]);
        Assert.True(TapPairConv.TryForward(x, w, b, y, g));
        Assert.True(TapPairConv.TryBackwardInput(dy, w, null, dx, g));
        Assert.True(TapPairConv.TryBackwardWeight(x, dy, dw, g));
        (float[] Y, float[] Dx, float[] Dw) Run(DType dtype)
        {
            var xs = x.To(dtype).Detach().RequiresGrad_();
            var ws = w.To(dtype).Detach().RequiresGrad_();
            var ys = F.Conv2d(xs, ws, b.To(dtype), padding: 1);
            ys.Backward(dy.To(dtype));
            return (ys.To(DType.Float32).ToArray<float>(), xs.Grad!.To(DType.Float32).ToArray<float>(), ws.Grad!.To(DType.Float32).ToArray<float>());
        }
        var f32 = Run(DType.Float32);
        Assert.Equal(y.ToArray<float>(), f32.Y);
        Assert.Equal(dx.ToArray<float>(), f32.Dx);
        Assert.Equal(dw.ToArray<float>(), f32.Dw);
        var f64 = Run(DType.Float64);
        foreach (var (a, e, what) in new[] { (f32.Y, f64.Y, "y"), (f32.Dx, f64.Dx, "dx"), (f32.Dw, f64.Dw, "dw") })
            for (int i = 0; i < a.Length; i++)
                Assert.True(Math.Abs(a[i] - e[i]) <= 1e-4 * (1 + Math.Abs(e[i])), $"{what}[{i}]: {a[i]} vs {e[i]}");
    }
}
