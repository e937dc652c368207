using System.Buffers;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;

/// <summary>
/// Winograd convolution F(2×2, 3×3) and F(4×4, 3×3) for float32 3×3 convolutions with unit stride and dilation and one
/// group: the forward pass and the input gradient (a 3×3 convolution of dy with the weights rotated by 180° and the
/// channels swapped, padded by 2 − p), which is also the transposed convolution's forward pass. <see cref="ConvKernels"/>
/// asks <see cref="TryForward"/> / <see cref="TryBackwardInput"/> first; they run only where <see cref="Choose"/> found
/// Winograd faster than im2col + GEMM on the 2-core AVX-512 machine (see its table), else return false.
/// </summary>
internal static unsafe class Winograd
{
    /// <summary>Channel counts are padded to a multiple of this (every lane width divides it).</summary>
    public const int LanePad = 16;

    /// <summary>n rounded up to a multiple of <see cref="LanePad"/>.</summary>
    public static int Pad(int n) => (n + LanePad - 1) / LanePad * LanePad;

    /// <summary>Tests and benchmarks: null runs the measured choice, 0 never uses Winograd, 2 or 4 uses F(2,3) or F(4,3)
    /// wherever it applies. Per thread (read by the thread that starts the convolution), so a test cannot steer another's.</summary>
    [ThreadStatic] internal static int? Force;

    /// <summary>The smallest plane side on which F(4,3) runs outside inference mode (the weight gradient's too); an internal
    /// switch for A/B measurement, like <see cref="Force"/>.</summary>
    internal static int F4Plane = 8;

    /// <summary>A 3×3 kernel, unit stride and dilation, one group, nothing empty.</summary>
    public static bool Applicable(in ConvGeometry g) =>
        g.KH == 3 && g.KW == 3 && g.SH == 1 && g.SW == 1 && g.DH == 1 && g.DW == 1 && g.Groups == 1 &&
        g.N > 0 && g.C > 0 && g.O > 0 && g.H > 0 && g.W > 0 && g.OH > 0 && g.OW > 0;

    /// <summary>
    /// The tile size to use (0: keep im2col) for the forward pass (<paramref name="backward"/> false: input channels C,
    /// output [OH, OW]) or the input gradient (input channels O, output [H, W]). Measured on the 2-core AVX-512 machine
    /// (interleaved best-of-N against im2col + GEMM, 2 threads; ResNet-18's 3×3 layers at 64 px, batch 1/16/32):
    /// Winograd wins 1.3–3× at 64 channels on 16×16 and 128 on 8×8 from batch 16 up (and at 32–128 channels on 8×8 to
    /// 32×32 planes), from 512 output pixels per batch (8×8 at batch 8: input gradient 0.85 → 0.54 ms at 128 channels;
    /// 4×4 at batch 32: 2.25 → 1.94 ms forward, 2.61 → 1.78 ms input gradient at 256 channels), and loses on 2×2 planes
    /// (the weight transform, α²·C·O values per call, costs more than the GEMM saves with one tile per sample), with fewer
    /// pixels per batch (4×4 at batch 24: 1.74 → 2.07 ms), at batch 1 (too few tiles), and with 3 or 16 input or
    /// output channels (lanes mostly padding, transforms dominate). F(4,3) (about 1e-5 relative error, F(2,3) 15 times
    /// less) is taken on planes of 8 and more, F(2,3) below: on 8×8 planes at batch 32 the forward pass and input
    /// gradient take 1.36–1.48 and 1.31–1.99 ms against 1.78–1.97 and 1.81–2.33 at 128 channels, 0.37 and 0.40 against
    /// 0.58 and 0.59 at 64. The inference-mode forward pass, whose transformed weights are kept (F(4,3)'s 36 points per
    /// channel pair are 2.25 times the bytes to read at batch 1), keeps F(2,3) below 16×16 as before.
    /// In inference mode (weights transformed once) the forward pass takes Winograd from 64 output pixels on 8×8 planes
    /// and 256 on 4×4 ones: ResNet-18 at batch 16 16.9 → 15.1 ms, at batch 1 about 5% faster; 4×4 planes at batch 1
    /// (16 pixels) lose (2.0 → 2.5 ms for the network).
    /// </summary>
    public static int Choose(in ConvGeometry g, bool backward)
    {
        if (Force is int f) return f;
        int cin = backward ? g.O : g.C, cout = backward ? g.C : g.O;
        int h = backward ? g.H : g.OH, w = backward ? g.W : g.OW;
        if (cin < 32 || cout < 32 || Math.Min(h, w) < 4) return 0;
        // In inference mode the forward pass's transformed weights are made once per weight version (PackedWeights), so
        // fewer tiles pay: from 64 output pixels on planes of 8×8 and more, 256 on 4×4 to 7×7.
        bool kept = !backward && Autograd.InferenceMode.IsEnabled && PackedWeights.Enabled;
        long pixels = (long)g.N * h * w;
        if (pixels < (!kept ? 512 : Math.Min(h, w) >= 8 ? 64 : 256)) return 0;
        return Math.Min(h, w) >= (kept ? 16 : F4Plane) ? 4 : 2;
    }

    /// <summary>y = conv(x, w) + bias via Winograd when <see cref="Choose"/> says so (float32 only); false: nothing done.</summary>
    public static bool TryForward(Tensor x, Tensor w, Tensor? b, Tensor y, in ConvGeometry g)
    {
        if (y.DType != DType.Float32 || !Applicable(g)) return false;
        int m = Choose(g, backward: false);
        if (m == 0) return false;
        var plan = new WinogradPlan(g.N, g.C, g.H, g.W, g.O, g.OH, g.OW, g.PT, g.PL, m);
        if (!Fits(plan)) return false;
        Run(x, w, b, y, plan, rotate: false);
        return true;
    }

    /// <summary>dx = the input gradient of conv for dy (+ bias per channel of dx) via Winograd when <see cref="Choose"/> says so.</summary>
    public static bool TryBackwardInput(Tensor dy, Tensor w, Tensor? b, Tensor dx, in ConvGeometry g)
    {
        if (dx.DType != DType.Float32 || !Applicable(g)) return false;
        int m = Choose(g, backward: true);
        if (m == 0) return false;
        var plan = new WinogradPlan(g.N, g.O, g.OH, g.OW, g.C, g.H, g.W, 2 - g.PT, 2 - g.PL, m);
        if (!Fits(plan)) return false;
        Run(dy, w, b, dx, plan, rotate: true);
        return true;
    }

    /// <summary>Whether every workspace of the plan fits an array (else im2col runs).</summary>
    private static bool Fits(in WinogradPlan p) => Fits(p, p.SamplesPerChunk);

    /// <summary>Whether every workspace of the plan, in chunks of <paramref name="per"/> samples, fits an array: the
    /// transformed tiles, the padded input or staged output, and the transformed weights (or their gradient).</summary>
    internal static bool Fits(in WinogradPlan p, long per)
    {
        long tiles = per * p.Tiles, max = Array.MaxLength;
        return (long)p.Xi * tiles * Math.Max(p.Cp, p.Op) < max && per * Math.Max(p.PaddedSample, p.StagedSample) < max &&
               (long)p.Xi * Math.Max(p.Cp, 9) * p.Op < max;
    }

    /// <summary>
    /// Transforms the weights and runs the plan. Forward: w [Cout, Cin, 3, 3] as is. Input gradient (<paramref name="rotate"/>):
    /// w [Cin, Cout, 3, 3] of the original convolution (its output channels are this plan's inputs), rotated by 180°.
    /// In inference mode the forward pass's transformed weights are made once per weight version (<see cref="PackedWeights"/>).
    /// </summary>
    private static void Run(Tensor xt, Tensor wt, Tensor? bt, Tensor yt, WinogradPlan p, bool rotate)
    {
        float[] x = xt.Typed<float>().Array, w = wt.Typed<float>().Array, y = yt.Typed<float>().Array;
        float[]? b = bt?.Typed<float>().Array;
        GemmPrepackedB<float>[]? kept = rotate ? null : PackedWeights.Winograd(wt, p.Cout, p.Cin, p.M, static (span, cout, k, m) => Transformed(span, cout, k / 9, m));
        float[]? u = kept is null ? ArrayPool<float>.Shared.Rent(p.Xi * p.Cin * p.Op) : null;
        try
        {
            fixed (float* px = x, pw = w, py = y, pb = b, pu = u)
            {
                if (kept is null) TransformWeights(pw + wt.Offset, p.Cin, p.Cout, p.M, rotate, pu);
                float* bias = b is null ? null : pb + bt!.Offset;
                var weights = new WinogradWeights(pu, kept);
                if (p.M == 4) WithLanes<WinogradF4>(px + xt.Offset, weights, bias, py + yt.Offset, p);
                else WithLanes<WinogradF2>(px + xt.Offset, weights, bias, py + yt.Offset, p);
            }
        }
        finally
        {
            if (u is not null) ArrayPool<float>.Shared.Return(u);
        }
        GC.KeepAlive(xt); GC.KeepAlive(wt); GC.KeepAlive(bt); GC.KeepAlive(yt);
    }

    /// <summary>
    /// The forward pass's transformed weights U [α², Cin, Op] of w [Cout, Cin, 3, 3], kept packed as the B operand of each
    /// transform point's GEMM (which would otherwise pack U[ξ] on every call: at batch 1, with 16 tiles a layer, that
    /// packing cost more than the products).
    /// </summary>
    private static GemmPrepackedB<float>[] Transformed(ReadOnlySpan<float> w, int cout, int cin, int m)
    {
        int alpha = m + 2, op = Pad(cout), per = cin * op;
        float[] u = ArrayPool<float>.Shared.Rent(alpha * alpha * per);
        try
        {
            fixed (float* pw = w, pu = u) TransformWeights(pw, cin, cout, m, rotate: false, pu);
            var points = new GemmPrepackedB<float>[alpha * alpha];
            for (int xi = 0; xi < points.Length; xi++) points[xi] = new GemmPrepackedB<float>(u.AsSpan(xi * per, per), op, 1, cin, op);
            return points;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(u);
        }
    }

    /// <summary>
    /// U [α², cin, Pad(cout)] from w: [cout, cin, 3, 3] for the forward pass, or (<paramref name="rotate"/>) [cin, cout, 3, 3]
    /// of the original convolution, rotated by 180° (the input gradient's plan has cin = its output channels).
    /// </summary>
    private static void TransformWeights(float* wp, int cin, int cout, int m, bool rotate, float* u)
    {
        int op = Pad(cout);
        float[] taps = ArrayPool<float>.Shared.Rent(cin * 9 * op);
        try
        {
            fixed (float* pt = taps)
            {
                nint iw = (nint)wp, it = (nint)pt;
                if (!rotate)
                    // taps[c, tap, o] = w[o, c, tap]: one transpose of the [Cout, Cin·9] matrix.
                    WinogradTranspose.InParallel(wp, (nint)cin * 9, cout, cin * 9, pt, op);
                else
                    // taps[k, tap, c] = w[k, c, tap] (k an input channel of this plan, c an output channel).
                    RowParallel.Rows(cin, (long)cin * cout * 9, (k0, len) =>
                    {
                        for (int k = k0; k < k0 + len; k++)
                            WinogradTranspose.Run((float*)iw + (nint)k * cout * 9, 9, cout, 9, (float*)it + (nint)k * 9 * op, op);
                    });
                if (op > cout)
                    for (int r = 0; r < cin * 9; r++) new Span<float>(pt + (nint)r * op + cout, op - cout).Clear();
                if (m == 4) TransformWithLanes<WinogradF4>(pt, cin, op, rotate, u);
                else TransformWithLanes<WinogradF2>(pt, cin, op, rotate, u);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(taps);
        }
    }

    private static void TransformWithLanes<TF>(float* taps, int cin, int op, bool rotate, float* u) where TF : IWinogradTile
    {
        if (Vector512.IsHardwareAccelerated) WinogradDriver<Lanes512, TF>.TransformWeights(taps, cin, op, rotate, u);
        else if (Vector256.IsHardwareAccelerated) WinogradDriver<Lanes256, TF>.TransformWeights(taps, cin, op, rotate, u);
        else if (Vector128.IsHardwareAccelerated) WinogradDriver<Lanes128, TF>.TransformWeights(taps, cin, op, rotate, u);
        else WinogradDriver<Lanes1, TF>.TransformWeights(taps, cin, op, rotate, u);
    }

    /// <summary>Runs the plan with transformed weights u, with the widest lanes the CPU has and the plan's tile.</summary>
    private static void WithLanes<TF>(float* x, WinogradWeights u, float* bias, float* y, WinogradPlan p) where TF : IWinogradTile
    {
        if (Vector512.IsHardwareAccelerated) WinogradDriver<Lanes512, TF>.Run(x, u, bias, y, p);
        else if (Vector256.IsHardwareAccelerated) WinogradDriver<Lanes256, TF>.Run(x, u, bias, y, p);
        else if (Vector128.IsHardwareAccelerated) WinogradDriver<Lanes128, TF>.Run(x, u, bias, y, p);
        else WinogradDriver<Lanes1, TF>.Run(x, u, bias, y, p);
    }
}
