using System.Buffers;

namespace Ember.Kernels;

/// <summary>
/// A float32 convolution (one group) on planes so small that most of im2col's products are with the padding: ResNet's
/// last stage (3×3, padding 1, on 2×2 planes) reads 4 of each output's 9 taps, so im2col multiplies 36 column entries
/// per sample and channel pair where 16 are real. Here each tap t is one GEMM over the (output pixel p, input pixel q)
/// pairs it joins: with the batch in the columns, Y[·, p, ·] += W[·, ·, t] · X[·, q, ·] for a run of consecutive pairs
/// (p, q), (p + 1, q + 1), … in one call, so only real products are made (2.25 times fewer at 2×2).
/// </summary>
/// <remarks>
/// <para>Layouts: the weight [O, C, KH, KW] is copied tap-major [KH·KW, O, C]; x [N, C, H·W] and dy [N, O, OH·OW] are
/// transposed batch-last ([C, H·W, N], [O, OH·OW, N]), so a run of pairs is a contiguous block of columns. The input
/// gradient runs the same pairs with W[·, ·, t]ᵀ, the weight gradient sums them over the batch into dW[·, ·, t].</para>
/// <para>Each output's terms are summed in a fixed order (taps in order, each tap's GEMM in its own order), whatever the
/// thread count. The padding is never multiplied, as in PyTorch's oneDNN path: an infinite weight whose tap only meets
/// the padding leaves that output finite (im2col, multiplying it by zero, makes NaN).</para>
/// </remarks>
internal static unsafe class TapPairConv
{
    /// <summary>Tests and benchmarks: null runs the measured choice, false never, true wherever it applies. Per thread.</summary>
    [ThreadStatic] internal static bool? Force;

    /// <summary>The fewest samples for which the path is chosen: they are the GEMMs' columns, and a run of one pair at
    /// batch 8 fills a quarter of the 32-column micro-kernel (512 channels on 2×2 planes at batch 8: input and weight
    /// gradients 1.50 → 1.73 and 1.42 → 1.95 ms; at batch 16: 2.04 → 1.58 and 1.79 → 1.71).</summary>
    internal const int MinBatch = 16;

    /// <summary>The most pairs (GEMM calls at worst), and output pixels, for which the path applies.</summary>
    internal const int MaxPairs = 256;

    /// <summary>A run of pairs of one tap: output pixels P … P + Length − 1 read input pixels Q … Q + Length − 1.</summary>
    internal readonly record struct Run(int P, int Q, int Length);

    /// <summary>Float32-sized workspaces that fit arrays, one group, and few pairs.</summary>
    public static bool Applicable(in ConvGeometry g)
    {
        if (g.Groups != 1 || g.N <= 0 || g.C <= 0 || g.O <= 0 || g.OHW <= 0 || g.HW <= 0 || g.OHW > MaxPairs) return false;
        long kk = (long)g.KH * g.KW, max = Array.MaxLength;
        // The tap-major weight: KK taps, each at most 1087 values past O·C (TapStride).
        return (long)g.C * g.HW * g.N < max && (long)g.O * g.OHW * g.N < max && kk * ((long)g.O * g.C + 1088) < max && Pairs(g) <= MaxPairs;
    }

    /// <summary>
    /// Where the pairs beat im2col + GEMM (measured on the 2-core AVX-512 machine, ResNet-18's 3×3 layers on 2×2 planes at
    /// batch 32, 512 channels: forward 3.77 → 2.08 ms, input gradient 4.10 → 2.25, weight gradient 3.9 → 2.1): at most
    /// half of im2col's products are real, from <see cref="MinBatch"/> samples and 16 channels each way.
    /// </summary>
    public static bool Choose(in ConvGeometry g)
    {
        if (Force is bool f) return f && Applicable(g);
        return Applicable(g) && g.N >= MinBatch && g.C >= 16 && g.O >= 16 && 2L * Pairs(g) <= (long)g.OHW * g.KH * g.KW;
    }

    /// <summary>The (output pixel, input pixel, tap) triples in the padding's interior: Σ over rows of the taps that
    /// land in the input, times the same over columns.</summary>
    public static long Pairs(in ConvGeometry g) =>
        (long)Valid(g.OH, g.KH, g.SH, g.PT, g.DH, g.H) * Valid(g.OW, g.KW, g.SW, g.PL, g.DW, g.W);

    private static long Valid(int outs, int taps, int stride, int pad, int dilation, int size)
    {
        long n = 0;
        for (int o = 0; o < outs; o++)
            for (int k = 0; k < taps; k++)
            {
                long i = (long)o * stride - pad + (long)k * dilation;
                if (i >= 0 && i < size) n++;
            }
        return n;
    }

    /// <summary>The runs of tap (ky, kx) in order of output pixel, written to <paramref name="runs"/> (room for OH·OW); their number.</summary>
    internal static int Runs(in ConvGeometry g, int ky, int kx, Span<Run> runs)
    {
        int count = 0, p0 = -1, q0 = -1, len = 0;
        for (int oy = 0; oy < g.OH; oy++)
        {
            int iy = oy * g.SH - g.PT + ky * g.DH;
            if (iy < 0 || iy >= g.H) continue;
            for (int ox = 0; ox < g.OW; ox++)
            {
                int ix = ox * g.SW - g.PL + kx * g.DW;
                if (ix < 0 || ix >= g.W) continue;
                int p = oy * g.OW + ox, q = iy * g.W + ix;
                if (len > 0 && p == p0 + len && q == q0 + len) { len++; continue; }
                if (len > 0) runs[count++] = new Run(p0, q0, len);
                (p0, q0, len) = (p, q, 1);
            }
        }
        if (len > 0) runs[count++] = new Run(p0, q0, len);
        return count;
    }

    /// <summary>y = conv(x, w) + b when <see cref="Choose"/> says so; false: nothing done.</summary>
    public static bool TryForward(Tensor x, Tensor w, Tensor? b, Tensor y, in ConvGeometry g)
    {
        if (y.DType != DType.Float32 || !Choose(g)) return false;
        Pairs(x, w, b, y, g, transposed: false);
        return true;
    }

    /// <summary>dx = the input gradient for dy (+ bias per channel of dx) when <see cref="Choose"/> says so; false: nothing done.</summary>
    public static bool TryBackwardInput(Tensor dy, Tensor w, Tensor? b, Tensor dx, in ConvGeometry g)
    {
        if (dx.DType != DType.Float32 || !Choose(g)) return false;
        Pairs(dy, w, b, dx, g, transposed: true);
        return true;
    }

    /// <summary>
    /// The forward pass (input x [N, C, H·W] → output [N, O, OH·OW]: out[·, P…, ·] += W_t [O, C] · in[·, Q…, ·]) or, when
    /// <paramref name="transposed"/>, the input gradient (input dy → output dx: out[·, Q…, ·] += W_tᵀ [C, O] · in[·, P…, ·]),
    /// the output starting from the bias per channel (or zero).
    /// </summary>
    private static void Pairs(Tensor input, Tensor w, Tensor? b, Tensor output, in ConvGeometry g, bool transposed)
    {
        int n = g.N, c = g.C, o = g.O, kk = g.KH * g.KW, ts = TapStride(o * c);
        int inCh = transposed ? o : c, inPix = transposed ? g.OHW : g.HW, outCh = transposed ? c : o, outPix = transposed ? g.HW : g.OHW;
        // In inference mode the forward pass's tap-major weight is made once per weight version.
        float[]? kept = transposed ? null : PackedWeights.TapMajor(w, o, c * kk, kk, static (span, rows, k, taps) => TapMajor(span, rows * (k / taps), taps));
        float[] wt = kept ?? ArrayPool<float>.Shared.Rent(kk * ts), it = ArrayPool<float>.Shared.Rent(inCh * inPix * n), ot = ArrayPool<float>.Shared.Rent(outCh * outPix * n);
        Span<Run> runs = stackalloc Run[g.OHW];
        try
        {
            fixed (float* pin = input.Typed<float>().Array, pw = w.Typed<float>().Array, pout = output.Typed<float>().Array, pwt = wt, pit = it, pot = ot)
            fixed (float* pb = b?.Typed<float>().Array)
            {
                if (kept is null) WinogradTranspose.InParallel(pw + w.Offset, kk, o * c, kk, pwt, ts);
                WinogradTranspose.InParallel(pin + input.Offset, inCh * inPix, n, inCh * inPix, pit, n);
                Fill(pot, outCh, outPix * n, pb is null ? null : pb + b!.Offset);
                for (int ky = 0; ky < g.KH; ky++)
                    for (int kx = 0; kx < g.KW; kx++)
                    {
                        var a = new ReadOnlySpan<float>(pwt + (nint)(ky * g.KW + kx) * ts, o * c);
                        int count = Runs(g, ky, kx, runs);
                        // B's rows are the input channels, inPix·N apart; a run of pairs is a block of columns.
                        foreach (var r in runs[..count])
                        {
                            int from = transposed ? r.P : r.Q, to = transposed ? r.Q : r.P;
                            Gemm.Compute<float>(outCh, r.Length * n, inCh, a, transposed ? 1 : c, transposed ? c : 1,
                                new ReadOnlySpan<float>(pit + (nint)from * n, (inCh - 1) * inPix * n + r.Length * n), inPix * n, 1,
                                new Span<float>(pot + (nint)to * n, (outCh - 1) * outPix * n + r.Length * n), outPix * n, accumulate: true);
                        }
                    }
                WinogradTranspose.InParallel(pot, n, outCh * outPix, n, pout + output.Offset, outCh * outPix);
            }
        }
        finally
        {
            if (kept is null) ArrayPool<float>.Shared.Return(wt);
            ArrayPool<float>.Shared.Return(it); ArrayPool<float>.Shared.Return(ot);
        }
        GC.KeepAlive(input); GC.KeepAlive(w); GC.KeepAlive(b); GC.KeepAlive(output);
    }

    /// <summary>dw [O, C, KH, KW] = the weight gradient for x and dy when <see cref="Choose"/> says so; false: nothing done.</summary>
    public static bool TryBackwardWeight(Tensor x, Tensor dy, Tensor dw, in ConvGeometry g)
    {
        if (dw.DType != DType.Float32 || !Choose(g)) return false;
        int n = g.N, c = g.C, o = g.O, kk = g.KH * g.KW, hw = g.HW, ohw = g.OHW;
        int ts = TapStride(o * c);
        float[] dwt = ArrayPool<float>.Shared.Rent(kk * ts), xt = ArrayPool<float>.Shared.Rent(c * hw * n), dyt = ArrayPool<float>.Shared.Rent(o * ohw * n);
        Span<Run> runs = stackalloc Run[ohw];
        try
        {
            fixed (float* px = x.Typed<float>().Array, pdy = dy.Typed<float>().Array, pdw = dw.Typed<float>().Array, pdwt = dwt, pxt = xt, pdyt = dyt)
            {
                WinogradTranspose.InParallel(px + x.Offset, c * hw, n, c * hw, pxt, n);
                WinogradTranspose.InParallel(pdy + dy.Offset, o * ohw, n, o * ohw, pdyt, n);
                for (int ky = 0; ky < g.KH; ky++)
                    for (int kx = 0; kx < g.KW; kx++)
                    {
                        var dwTap = new Span<float>(pdwt + (nint)(ky * g.KW + kx) * ts, o * c);
                        int count = Runs(g, ky, kx, runs);
                        if (count == 0) dwTap.Clear();
                        // dW_t [O, C] (+)= dY[o, P…, n] · X[c, Q…, n]ᵀ: the depth is the run's pixels × the batch.
                        for (int i = 0; i < count; i++)
                        {
                            var r = runs[i];
                            Gemm.Compute<float>(o, c, r.Length * n,
                                new ReadOnlySpan<float>(pdyt + (nint)r.P * n, (o - 1) * ohw * n + r.Length * n), ohw * n, 1,
                                new ReadOnlySpan<float>(pxt + (nint)r.Q * n, (c - 1) * hw * n + r.Length * n), 1, hw * n,
                                dwTap, c, accumulate: i > 0);
                        }
                    }
                // dw [O·C, KK] from the tap-major [KK, O·C].
                WinogradTranspose.InParallel(pdwt, ts, kk, o * c, pdw + dw.Offset, kk);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(dwt); ArrayPool<float>.Shared.Return(xt); ArrayPool<float>.Shared.Return(dyt);
        }
        GC.KeepAlive(x); GC.KeepAlive(dy); GC.KeepAlive(dw);
        return true;
    }

    /// <summary>
    /// The distance between two taps' [O, C] matrices in the tap-major weight: at least <paramref name="size"/>, 256 bytes
    /// past a multiple of 4 KB. Taps a multiple of 4 KB apart share their L1 sets: the transpose's 9 store streams then
    /// evicted each other (ResNet's 512-channel weight: 0.39 → 0.15 ms on two threads with the offset).
    /// </summary>
    internal static int TapStride(int size) => checked((size + 1023) / 1024 * 1024 + 64);

    /// <summary>A tap-major copy [KK, rows] (taps <see cref="TapStride"/> apart) of a weight [rows, KK] (rows = O·C).</summary>
    private static float[] TapMajor(ReadOnlySpan<float> w, int rows, int kk)
    {
        var wt = GC.AllocateUninitializedArray<float>(kk * TapStride(rows));
        fixed (float* pw = w, pt = wt) WinogradTranspose.InParallel(pw, kk, rows, kk, pt, TapStride(rows));
        return wt;
    }

    /// <summary>rows × <paramref name="per"/> values: row i all b[i] (zero without a bias).</summary>
    private static void Fill(float* dst, int rows, int per, float* b)
    {
        for (int i = 0; i < rows; i++) new Span<float>(dst + (nint)i * per, per).Fill(b is null ? 0f : b[i]);
    }

}
