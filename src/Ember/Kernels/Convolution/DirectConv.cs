using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ember.Kernels;

/// <summary>
/// Direct float32 convolution with AVX-512, for stride 1, dilation 1 and one group, where one side has few channels (a
/// network's first layer, LeNet's layers, the input gradient of a layer with few input channels). An im2col GEMM spends
/// most of its time packing there: with K = Cin·KH·KW of 27 or with 3 output rows, every micro-tile is mostly loads and
/// stores. Here nothing is packed: the samples are copied once into zero-padded planes, and each register block holds
/// <see cref="ChannelBlock"/> output channels × <see cref="VectorBlock"/> row vectors of 16 outputs (24 accumulators),
/// fed per tap by 4 loads and 6 broadcasts. Row tails are masked on store, so any width works; vectors from several
/// samples share a block, so small feature maps fill the blocks too. Every output is computed by one thread in the same
/// order whatever the thread count.
/// </summary>
internal static unsafe class DirectConv
{
    private const int Lanes = 16;

    /// <summary>Output channels per register block.</summary>
    private const int ChannelBlock = 6;

    /// <summary>Row vectors per register block (6 × 4 = 24 accumulators of the 32 vector registers; per tap 4 vector loads
    /// and 6 broadcasts. Measured: 3 channels × 8 vectors, 8 loads that mostly cross a cache line, ran at half the rate).</summary>
    private const int VectorBlock = 4;

    /// <summary>Whether the direct kernels may run (tests compare both paths).</summary>
    internal static bool Enabled = true;

    /// <summary>Runs the direct kernels on every geometry they can compute, whether or not they are the faster path
    /// there (tests; this thread only).</summary>
    [ThreadStatic] internal static bool Force;

    /// <summary>
    /// One direct convolution: source planes [N, Cin, H, W] placed at row/column offsets (PT, PL) of the zero-padded
    /// planes (negative: leading rows or columns are skipped), output [N, Cout, OH, OW], KH×KW taps, unit stride.
    /// </summary>
    internal readonly record struct Shape(int N, int Cin, int H, int W, int PT, int PL, int Cout, int OH, int OW, int KH, int KW)
    {
        public int Hp => OH + KH - 1;
        public int Wp => OW + KW - 1;
        public int PlaneLen => Hp * Wp;
        public int SampleLen => Cin * PlaneLen;
        public int Taps => Cin * KH * KW;
        public int RowVectors => (OW + Lanes - 1) / Lanes;
        public int SampleVectors => OH * RowVectors;
        public int ChannelBlocks => (Cout + ChannelBlock - 1) / ChannelBlock;
        public long Work => (long)N * Cout * OH * OW * Taps;

        /// <summary>The convolution itself: x [N, C, H, W] → y [N, O, OH, OW].</summary>
        public static Shape Forward(in ConvGeometry g) => new(g.N, g.C, g.H, g.W, g.PT, g.PL, g.O, g.OH, g.OW, g.KH, g.KW);

        /// <summary>Its input gradient as a convolution of dy [N, O, OH, OW] → dx [N, C, H, W]: dx reads dy rows
        /// oh = ih + PT − i, so dy sits at row/column offsets (KH − 1 − PT, KW − 1 − PL) of the padded planes.</summary>
        public static Shape Transposed(in ConvGeometry g) => new(g.N, g.O, g.OH, g.OW, g.KH - 1 - g.PT, g.KW - 1 - g.PL, g.C, g.H, g.W, g.KH, g.KW);
    }

    /// <summary>Work (multiply-adds) from which the kernels run in parallel.</summary>
    private const long ParallelWork = 1L << 17;

    /// <summary>Whether a geometry has the form the direct kernels compute: float32 on AVX-512, unit stride and
    /// dilation, one group, and a source whose padded planes have room (sizes within int range).</summary>
    private static bool Fits(in ConvGeometry g) =>
        Enabled && Avx512F.IsSupported && g.Groups == 1 && g.SH == 1 && g.SW == 1 && g.DH == 1 && g.DW == 1
        && g.N > 0 && g.O > 0 && g.C > 0 && g.OHW > 0
        && (long)g.C * (g.OH + g.KH) * (g.OW + g.KW + Lanes) < int.MaxValue / 2
        && (long)g.O * (g.H + g.KH) * (g.W + g.KW + Lanes) < int.MaxValue / 2;

    /// <summary>The most channels on the small side for which the direct kernel beats the implicit GEMM (measured).</summary>
    private const int SmallChannels = 16;

    /// <summary>y = conv(x, w) + bias, then ReLU when <paramref name="relu"/> (applied as each block's sums are stored),
    /// when the geometry suits the direct kernel (few input channels); false otherwise.</summary>
    public static bool TryForward(Tensor xt, Tensor wt, Tensor? bt, Tensor yt, in ConvGeometry g, bool relu = false)
    {
        if (!Fits(g)) return false;
        var s = Shape.Forward(g);
        if (!Force && (g.C > SmallChannels || LaneUse(s) * ChannelUse(s) < 0.5)) return false;
        RunPacked(xt, wt, transposed: false, bt, yt, s, relu);
        return true;
    }

    /// <summary>
    /// dx = the input gradient of conv for dy (the transposed convolution of dy, + bias per channel of dx when given),
    /// when the geometry suits the direct kernel (few channels in dx); false otherwise. It is the convolution of dy with
    /// the flipped, transposed weight at padding (KH − 1 − PT, KW − 1 − PL).
    /// </summary>
    public static bool TryBackwardInput(Tensor dyt, Tensor wt, Tensor? bt, Tensor dxt, in ConvGeometry g)
    {
        if (!Fits(g)) return false;
        var s = Shape.Transposed(g);
        // Over the zero-padded dy the direct kernel multiplies H·W/(OH·OW) times what the GEMM + col2im does: only
        // where that is about 1 ("same" padding) does it win.
        if (!Force && (g.C > SmallChannels || LaneUse(s) < 0.5 || ChannelUse(s) < 0.6 || (long)g.H * g.W * 4 > (long)g.OH * g.OW * 5)) return false;
        RunPacked(dyt, wt, transposed: true, bt, dxt, s, relu: false);
        return true;
    }

    /// <summary>dst = the convolution of src with w (flipped and transposed when asked) + bias, the weight packed for the blocks first.</summary>
    private static void RunPacked(Tensor src, Tensor wt, bool transposed, Tensor? bt, Tensor dst, in Shape s, bool relu)
    {
        float[] packed = ArrayPool<float>.Shared.Rent(s.ChannelBlocks * ChannelBlock * s.Taps);
        try
        {
            Pack(wt.Typed<float>().Array, wt.Offset, s, transposed, packed);
            Run(src.Typed<float>().Array, src.Offset, packed, bt?.Typed<float>().Array, bt?.Offset ?? 0, dst.Typed<float>().Array, dst.Offset, s, relu);
        }
        finally { ArrayPool<float>.Shared.Return(packed); }
    }

    /// <summary>Output channels per weight-gradient register block (8 × 3 taps = 24 accumulators).</summary>
    private const int GradChannels = 8;

    /// <summary>Taps per weight-gradient register block.</summary>
    private const int GradTaps = 3;

    /// <summary>The most floats of a run's lane-wise weight-gradient partial (O·taps·16): 1 MB.</summary>
    private const int MaxPartial = 1 << 18;

    /// <summary>The most runs of samples a weight gradient is split into (a function of the batch only).</summary>
    private const int MaxRuns = 8;

    /// <summary>
    /// dw [O, C, KH, KW] = Σₙ Σ_pixels dy·x (overwritten) when the geometry suits the direct kernel (few input channels);
    /// false otherwise. Each run of samples keeps lane-wise partial sums (16 per weight), added in run order at the end.
    /// </summary>
    public static bool TryBackwardWeight(Tensor xt, Tensor dyt, Tensor dwt, in ConvGeometry g)
    {
        if (!Fits(g)) return false;
        var s = Shape.Forward(g);
        if (!Force && (g.C > SmallChannels || LaneUse(s) < 0.75)) return false;
        int oBlocks = (s.Cout + GradChannels - 1) / GradChannels, partial = oBlocks * GradChannels * s.Taps * Lanes;
        if (partial > MaxPartial) return false;
        int per = SamplesPerChunk(s), chunks = (s.N + per - 1) / per, runs = Math.Min(MaxRuns, chunks);
        float[] parts = ArrayPool<float>.Shared.Rent(runs * partial);
        try
        {
            float[] x = xt.Typed<float>().Array, dy = dyt.Typed<float>().Array;
            int xo = xt.Offset, dyo = dyt.Offset;
            if (runs == 1 || s.Work < ParallelWork || ThreadTeam.RunsSerially)
                for (int r = 0; r < runs; r++) GradRun(x, xo, dy, dyo, parts, partial, s, per, chunks, runs, r);
            else GradInParallel(x, xo, dy, dyo, parts, partial, s, per, chunks, runs);
            SumLanes(parts, partial, runs, dwt.Typed<float>().Array, dwt.Offset, s);
        }
        finally { ArrayPool<float>.Shared.Return(parts); }
        return true;
    }

    private static void GradInParallel(float[] x, int xo, float[] dy, int dyo, float[] parts, int partial, Shape s, int per, int chunks, int runs) =>
        ThreadTeam.For(runs, r => GradRun(x, xo, dy, dyo, parts, partial, s, per, chunks, runs, r));

    /// <summary>Run r of the weight gradient: its chunks of samples summed lane-wise into its partial.</summary>
    private static void GradRun(float[] x, int xo, float[] dy, int dyo, float[] parts, int partial, in Shape s, int per, int chunks, int runs, int r)
    {
        int c0 = (int)((long)r * chunks / runs), c1 = (int)((long)(r + 1) * chunks / runs);
        var part = parts.AsSpan(r * partial, partial);
        part.Clear();
        int blocks = (per * s.SampleVectors + VectorBlock - 1) / VectorBlock;
        float[] pads = ArrayPool<float>.Shared.Rent(per * s.SampleLen + Lanes);
        int[] table = ArrayPool<int>.Shared.Rent(s.Taps + 3 * blocks * VectorBlock);
        try
        {
            fixed (float* xp = pads)
            fixed (float* dp = dy)
            fixed (float* pp = part)
            fixed (int* tp = table)
            fixed (float* mp = LaneMasks.Float32)
            {
                int* taps = tp, bases = tp + s.Taps, outs = bases + blocks * VectorBlock, counts = outs + blocks * VectorBlock;
                TapOffsets(taps, s);
                int ohw = s.OH * s.OW, oBlocks = (s.Cout + GradChannels - 1) / GradChannels;
                for (int ch = c0; ch < c1; ch++)
                {
                    int n0 = ch * per, cnt = Math.Min(per, s.N - n0);
                    for (int k = 0; k < cnt; k++) Pad(x, xo + (n0 + k) * s.Cin * s.H * s.W, pads, k * s.SampleLen, s);
                    pads.AsSpan(cnt * s.SampleLen, Lanes).Clear();
                    int vectors = cnt * s.SampleVectors;
                    VectorTable(bases, outs, counts, cnt, (vectors + VectorBlock - 1) / VectorBlock, s);
                    float* d = dp + dyo + (long)n0 * s.Cout * ohw;
                    for (int ob = 0; ob < oBlocks; ob++)
                        for (int t0 = 0; t0 < s.Taps; t0 += GradTaps)
                            GradBlock(xp, taps, t0, s.Taps, d, ob * GradChannels, s.Cout, ohw, bases, outs, counts, vectors, mp, pp);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(pads);
            ArrayPool<int>.Shared.Return(table);
        }
    }

    /// <summary>
    /// One weight-gradient register block: channels o0 … o0 + 7 × taps t0 … t0 + 2 summed over the chunk's row vectors
    /// (tails masked to zero on both sides, so a value outside the window never meets a zero gradient), then added to
    /// the lane-wise partial part[(o·Taps + t)·16 …]. Channels and taps past the end repeat the last one and are not added.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GradBlock(float* x, int* taps, int t0, int nTaps, float* dy, int o0, int nO, int ohw,
        int* bases, int* outs, int* counts, int vectors, float* masks, float* part)
    {
        int last = nO - 1;
        long q0 = (long)Math.Min(o0, last) * ohw, q1 = (long)Math.Min(o0 + 1, last) * ohw, q2 = (long)Math.Min(o0 + 2, last) * ohw,
            q3 = (long)Math.Min(o0 + 3, last) * ohw, q4 = (long)Math.Min(o0 + 4, last) * ohw, q5 = (long)Math.Min(o0 + 5, last) * ohw,
            q6 = (long)Math.Min(o0 + 6, last) * ohw, q7 = (long)Math.Min(o0 + 7, last) * ohw;
        int k0 = taps[t0], k1 = taps[Math.Min(t0 + 1, nTaps - 1)], k2 = taps[Math.Min(t0 + 2, nTaps - 1)];
        Vector512<float> a00 = default, a01 = default, a02 = default, a10 = default, a11 = default, a12 = default;
        Vector512<float> a20 = default, a21 = default, a22 = default, a30 = default, a31 = default, a32 = default;
        Vector512<float> a40 = default, a41 = default, a42 = default, a50 = default, a51 = default, a52 = default;
        Vector512<float> a60 = default, a61 = default, a62 = default, a70 = default, a71 = default, a72 = default;
        for (int v = 0; v < vectors; v++)
        {
            int count = counts[v];
            var m = Vector512.Load(masks + count * Lanes);
            float* xv = x + bases[v];
            float* dv = dy + outs[v];
            // The padded planes have room past every vector: plain loads, the tail cleared by the mask.
            var x0 = Vector512.Load(xv + k0) & m;
            var x1 = Vector512.Load(xv + k1) & m;
            var x2 = Vector512.Load(xv + k2) & m;
            var d = LoadRow(dv + q0, count, m);
            a00 = Avx512F.FusedMultiplyAdd(d, x0, a00); a01 = Avx512F.FusedMultiplyAdd(d, x1, a01); a02 = Avx512F.FusedMultiplyAdd(d, x2, a02);
            d = LoadRow(dv + q1, count, m);
            a10 = Avx512F.FusedMultiplyAdd(d, x0, a10); a11 = Avx512F.FusedMultiplyAdd(d, x1, a11); a12 = Avx512F.FusedMultiplyAdd(d, x2, a12);
            d = LoadRow(dv + q2, count, m);
            a20 = Avx512F.FusedMultiplyAdd(d, x0, a20); a21 = Avx512F.FusedMultiplyAdd(d, x1, a21); a22 = Avx512F.FusedMultiplyAdd(d, x2, a22);
            d = LoadRow(dv + q3, count, m);
            a30 = Avx512F.FusedMultiplyAdd(d, x0, a30); a31 = Avx512F.FusedMultiplyAdd(d, x1, a31); a32 = Avx512F.FusedMultiplyAdd(d, x2, a32);
            d = LoadRow(dv + q4, count, m);
            a40 = Avx512F.FusedMultiplyAdd(d, x0, a40); a41 = Avx512F.FusedMultiplyAdd(d, x1, a41); a42 = Avx512F.FusedMultiplyAdd(d, x2, a42);
            d = LoadRow(dv + q5, count, m);
            a50 = Avx512F.FusedMultiplyAdd(d, x0, a50); a51 = Avx512F.FusedMultiplyAdd(d, x1, a51); a52 = Avx512F.FusedMultiplyAdd(d, x2, a52);
            d = LoadRow(dv + q6, count, m);
            a60 = Avx512F.FusedMultiplyAdd(d, x0, a60); a61 = Avx512F.FusedMultiplyAdd(d, x1, a61); a62 = Avx512F.FusedMultiplyAdd(d, x2, a62);
            d = LoadRow(dv + q7, count, m);
            a70 = Avx512F.FusedMultiplyAdd(d, x0, a70); a71 = Avx512F.FusedMultiplyAdd(d, x1, a71); a72 = Avx512F.FusedMultiplyAdd(d, x2, a72);
        }
        int nt = Math.Min(GradTaps, nTaps - t0), no = Math.Min(GradChannels, nO - o0);
        AddRow(part, o0, t0, nTaps, nt, a00, a01, a02);
        if (no > 1) AddRow(part, o0 + 1, t0, nTaps, nt, a10, a11, a12);
        if (no > 2) AddRow(part, o0 + 2, t0, nTaps, nt, a20, a21, a22);
        if (no > 3) AddRow(part, o0 + 3, t0, nTaps, nt, a30, a31, a32);
        if (no > 4) AddRow(part, o0 + 4, t0, nTaps, nt, a40, a41, a42);
        if (no > 5) AddRow(part, o0 + 5, t0, nTaps, nt, a50, a51, a52);
        if (no > 6) AddRow(part, o0 + 6, t0, nTaps, nt, a60, a61, a62);
        if (no > 7) AddRow(part, o0 + 7, t0, nTaps, nt, a70, a71, a72);
    }

    /// <summary>A row vector of dy: a plain load when whole, else a masked one (dy may end right after the row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> LoadRow(float* p, int count, Vector512<float> mask) =>
        count == Lanes ? Vector512.Load(p) : Avx512F.MaskLoad(p, mask, Vector512<float>.Zero);

    /// <summary>part[(o·nTaps + t0 + i)·16 …] += a_i for the block's nt taps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(float* part, int o, int t0, int nTaps, int nt, Vector512<float> a0, Vector512<float> a1, Vector512<float> a2)
    {
        float* p = part + ((long)o * nTaps + t0) * Lanes;
        Vector512.Store(Vector512.Load(p) + a0, p);
        if (nt > 1) Vector512.Store(Vector512.Load(p + Lanes) + a1, p + Lanes);
        if (nt > 2) Vector512.Store(Vector512.Load(p + 2 * Lanes) + a2, p + 2 * Lanes);
    }

    /// <summary>dw[o, t] = Σ over runs in order of the run's 16 lanes, summed in a fixed order.</summary>
    private static void SumLanes(float[] parts, int partial, int runs, float[] dw, int dwo, in Shape s)
    {
        fixed (float* p = parts)
            for (int o = 0; o < s.Cout; o++)
                for (int t = 0; t < s.Taps; t++)
                {
                    long at = ((long)o * s.Taps + t) * Lanes;
                    var acc = Vector512.Load(p + at);
                    for (int r = 1; r < runs; r++) acc += Vector512.Load(p + (long)r * partial + at);
                    dw[dwo + o * s.Taps + t] = Vector512.Sum(acc);
                }
    }

    /// <summary>The share of the row vectors' lanes that compute outputs: row tails (10 of 16 lanes for a 10-wide map)
    /// and the last block's empty vectors are computed for nothing.</summary>
    private static double LaneUse(in Shape s)
    {
        long vectors = (long)s.N * s.SampleVectors, blocks = (vectors + VectorBlock - 1) / VectorBlock;
        return (double)s.N * s.OH * s.OW / (blocks * VectorBlock * Lanes);
    }

    /// <summary>The share of the last channel block's channels that exist (3 output channels use half a 6-channel block).</summary>
    private static double ChannelUse(in Shape s) => (double)s.Cout / (s.ChannelBlocks * ChannelBlock);

    /// <summary>
    /// packed[(b·Taps + t)·6 + q] = w'[6b + q, t] (zero past the last channel), t = (c·KH + i)·KW + j: w' is w [Cout, Cin,
    /// KH, KW] itself, or with <paramref name="transposed"/> the flipped, transposed weight of the input gradient,
    /// w'[c, (o·KH + i)·KW + j] = w[o, c, KH − 1 − i, KW − 1 − j].
    /// </summary>
    private static void Pack(float[] w, int wo, in Shape s, bool transposed, float[] packed)
    {
        int taps = s.Taps, kk = s.KH * s.KW;
        for (int b = 0; b < s.ChannelBlocks; b++)
            for (int t = 0; t < taps; t++)
                for (int q = 0; q < ChannelBlock; q++)
                {
                    int c = b * ChannelBlock + q;
                    packed[(b * taps + t) * ChannelBlock + q] = c >= s.Cout ? 0f
                        : w[wo + (transposed ? ((t / kk) * s.Cout + c) * kk + kk - 1 - t % kk : c * taps + t)];
                }
    }

    /// <summary>Samples per chunk: enough that a chunk has at least 64 row vectors (16 blocks), at most 64 KB of padded planes beyond the first sample.</summary>
    private static int SamplesPerChunk(in Shape s)
    {
        int per = Math.Max(1, (64 + s.SampleVectors - 1) / s.SampleVectors);
        while (per > 1 && (long)per * s.SampleLen > 16384) per--;
        return Math.Min(per, s.N);
    }

    /// <summary>dst[n, o] = Σₜ packed[o, t]·(padded src)[n, tap t] (+ bias[o], then ReLU when asked) for every sample, in parallel over chunks of samples (and over the blocks of a chunk when the chunks are few).</summary>
    private static void Run(float[] src, int srcOff, float[] packed, float[]? bias, int biasOff, float[] dst, int dstOff, Shape s, bool relu)
    {
        int per = SamplesPerChunk(s), chunks = (s.N + per - 1) / per;
        int blocks = (per * s.SampleVectors + VectorBlock - 1) / VectorBlock;
        int threads = s.Work < ParallelWork ? 1 : Threading.NumThreads;
        int splits = chunks >= 2 * threads ? 1 : Math.Min(blocks, (2 * threads + chunks - 1) / chunks);
        int parts = chunks * splits;
        if (threads <= 1 || parts == 1 || ThreadTeam.RunsSerially)
        {
            for (int p = 0; p < parts; p++) RunPart(src, srcOff, packed, bias, biasOff, dst, dstOff, s, per, splits, p, relu);
            return;
        }
        RunInParallel(src, srcOff, packed, bias, biasOff, dst, dstOff, s, per, splits, parts, relu);
    }

    // Apart from Run: a lambda's closure is allocated on entry to the method that declares it, taken or not.
    private static void RunInParallel(float[] src, int srcOff, float[] packed, float[]? bias, int biasOff, float[] dst, int dstOff, Shape s, int per, int splits, int parts, bool relu) =>
        ThreadTeam.For(parts, p => RunPart(src, srcOff, packed, bias, biasOff, dst, dstOff, s, per, splits, p, relu));

    /// <summary>Part p: chunk p / splits, its blocks [lo, hi) of split p % splits.</summary>
    private static void RunPart(float[] src, int srcOff, float[] packed, float[]? bias, int biasOff, float[] dst, int dstOff, in Shape s, int per, int splits, int p, bool relu)
    {
        int chunk = p / splits, split = p % splits;
        int n0 = chunk * per, cnt = Math.Min(per, s.N - n0);
        int vectors = cnt * s.SampleVectors, blocks = (vectors + VectorBlock - 1) / VectorBlock;
        int lo = (int)((long)split * blocks / splits), hi = (int)((long)(split + 1) * blocks / splits);
        if (lo >= hi) return;
        int padLen = cnt * s.SampleLen + Lanes;
        float[] pads = ArrayPool<float>.Shared.Rent(padLen);
        int[] table = ArrayPool<int>.Shared.Rent(s.Taps + 3 * blocks * VectorBlock);
        try
        {
            for (int k = 0; k < cnt; k++)
                Pad(src, srcOff + (n0 + k) * s.Cin * s.H * s.W, pads, k * s.SampleLen, s);
            pads.AsSpan(cnt * s.SampleLen, Lanes).Clear();
            fixed (float* xp = pads)
            fixed (float* wp = packed)
            fixed (float* yp = dst)
            fixed (float* bp = bias)
            fixed (int* tp = table)
            fixed (float* mp = LaneMasks.Float32)
            {
                int* taps = tp, bases = tp + s.Taps, outs = bases + blocks * VectorBlock, counts = outs + blocks * VectorBlock;
                TapOffsets(taps, s);
                VectorTable(bases, outs, counts, cnt, blocks, s);
                float* y = yp + dstOff + (long)n0 * s.Cout * s.OH * s.OW;
                float* b = bp is null ? null : bp + biasOff;
                int ohw = s.OH * s.OW;
                int group = GroupTaps(s), kk = s.KH * s.KW;
                for (int blk = lo; blk < hi; blk++)
                {
                    int v0 = blk * VectorBlock;
                    for (int cb = 0; cb < s.ChannelBlocks; cb++)
                    {
                        int c0 = cb * ChannelBlock, nq = Math.Min(ChannelBlock, s.Cout - c0);
                        float* wb = wp + (long)cb * s.Taps * ChannelBlock;
                        // Input channels in groups whose rows stay in L1; later groups add to the stored sums, the last
                        // applies the ReLU.
                        for (int t0 = 0; t0 < s.Taps; t0 += group)
                            Block(xp, taps + t0, Math.Min(group, s.Taps - t0), wb + (long)t0 * ChannelBlock, b is null ? null : b + c0, nq,
                                t0 > 0, relu && t0 + group >= s.Taps, bases + v0, outs + v0, counts + v0, mp, y + (long)c0 * ohw, ohw);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(pads);
            ArrayPool<int>.Shared.Return(table);
        }
    }

    /// <summary>The zero-padded planes of one sample: padded[c, r, q] = src[c, r − PT, q − PL] inside the source, else 0.</summary>
    private static void Pad(float[] src, int off, float[] pads, int at, in Shape s)
    {
        int hp = s.Hp, wp = s.Wp;
        int q0 = Math.Max(0, s.PL), q1 = Math.Min(wp, s.W + s.PL);
        for (int c = 0; c < s.Cin; c++)
            for (int r = 0; r < hp; r++)
            {
                var row = pads.AsSpan(at + (c * hp + r) * wp, wp);
                int sr = r - s.PT;
                if (sr < 0 || sr >= s.H || q1 <= q0) { row.Clear(); continue; }
                row[..q0].Clear();
                src.AsSpan(off + (c * s.H + sr) * s.W + (q0 - s.PL), q1 - q0).CopyTo(row[q0..]);
                row[q1..].Clear();
            }
    }

    /// <summary>taps[t] = c·Hp·Wp + i·Wp + j for t = (c·KH + i)·KW + j.</summary>
    private static void TapOffsets(int* taps, in Shape s)
    {
        int t = 0;
        for (int c = 0; c < s.Cin; c++)
            for (int i = 0; i < s.KH; i++)
                for (int j = 0; j < s.KW; j++)
                    taps[t++] = c * s.PlaneLen + i * s.Wp + j;
    }

    /// <summary>
    /// The chunk's row vectors in order (sample, row, 16-column piece): where each reads the padded planes, where it
    /// writes the output (channel 0) and how many lanes it stores; the last block is filled with vectors that store nothing.
    /// </summary>
    private static void VectorTable(int* bases, int* outs, int* counts, int cnt, int blocks, in Shape s)
    {
        int v = 0, ohw = s.OH * s.OW;
        for (int k = 0; k < cnt; k++)
            for (int r = 0; r < s.OH; r++)
                for (int c0 = 0; c0 < s.OW; c0 += Lanes, v++)
                {
                    bases[v] = k * s.SampleLen + r * s.Wp + c0;
                    outs[v] = k * s.Cout * ohw + r * s.OW + c0;
                    counts[v] = Math.Min(Lanes, s.OW - c0);
                }
        for (; v < blocks * VectorBlock; v++) (bases[v], outs[v], counts[v]) = (0, 0, 0);
    }


    /// <summary>
    /// Taps per group of input channels: whole channels whose rows under one block (8 vectors: up to 8 + KH − 1 rows of
    /// Wp) take at most 24 KB, so the block's loads hit L1. With 64 input channels (the input gradient of a 3 → 64
    /// layer) all of them take 52 KB, and the loads ran at L2's rate.
    /// </summary>
    private static int GroupTaps(in Shape s)
    {
        long rows = Math.Min(s.Hp, VectorBlock / Math.Max(1, Math.Min(VectorBlock, s.RowVectors)) + s.KH - 1);
        long perChannel = Math.Max(1, rows * s.Wp * sizeof(float));
        return (int)Math.Max(1, Math.Min(s.Cin, (24 << 10) / perChannel)) * s.KH * s.KW;
    }

    /// <summary>One register block: 6 output channels × 4 row vectors over a range of taps, then masked stores. The
    /// sums start from the bias (or zero), or with <paramref name="add"/> from the values stored by the previous range;
    /// with <paramref name="relu"/> (the last range of a fused Conv2d → ReLU) they are stored as max(sum, 0), NaN kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block(float* x, int* taps, int nTaps, float* w, float* bias, int nq, bool add, bool relu,
        int* bases, int* outs, int* counts, float* masks, float* y, int ohw)
    {
        Vector512<float> b0 = default, b1 = default, b2 = default, b3 = default, b4 = default, b5 = default;
        if (bias is not null && !add)
        {
            b0 = Vector512.Create(bias[0]);
            if (nq > 1) b1 = Vector512.Create(bias[1]);
            if (nq > 2) b2 = Vector512.Create(bias[2]);
            if (nq > 3) b3 = Vector512.Create(bias[3]);
            if (nq > 4) b4 = Vector512.Create(bias[4]);
            if (nq > 5) b5 = Vector512.Create(bias[5]);
        }
        // a{v}{q}: row vector v, output channel q.
        Vector512<float> a00 = b0, a01 = b1, a02 = b2, a03 = b3, a04 = b4, a05 = b5;
        Vector512<float> a10 = b0, a11 = b1, a12 = b2, a13 = b3, a14 = b4, a15 = b5;
        Vector512<float> a20 = b0, a21 = b1, a22 = b2, a23 = b3, a24 = b4, a25 = b5;
        Vector512<float> a30 = b0, a31 = b1, a32 = b2, a33 = b3, a34 = b4, a35 = b5;
        if (add)
        {
            Reload(y, ohw, nq, outs[0], masks + counts[0] * Lanes, out a00, out a01, out a02, out a03, out a04, out a05);
            Reload(y, ohw, nq, outs[1], masks + counts[1] * Lanes, out a10, out a11, out a12, out a13, out a14, out a15);
            Reload(y, ohw, nq, outs[2], masks + counts[2] * Lanes, out a20, out a21, out a22, out a23, out a24, out a25);
            Reload(y, ohw, nq, outs[3], masks + counts[3] * Lanes, out a30, out a31, out a32, out a33, out a34, out a35);
        }
        nint p0 = bases[0], p1 = bases[1], p2 = bases[2], p3 = bases[3];
        for (int t = 0; t < nTaps; t++, w += ChannelBlock)
        {
            float* xt = x + taps[t];
            var v0 = Vector512.Load(xt + p0);
            var v1 = Vector512.Load(xt + p1);
            var v2 = Vector512.Load(xt + p2);
            var v3 = Vector512.Load(xt + p3);
            var c = Vector512.Create(w[0]);
            a00 = Avx512F.FusedMultiplyAdd(v0, c, a00); a10 = Avx512F.FusedMultiplyAdd(v1, c, a10); a20 = Avx512F.FusedMultiplyAdd(v2, c, a20); a30 = Avx512F.FusedMultiplyAdd(v3, c, a30);
            c = Vector512.Create(w[1]);
            a01 = Avx512F.FusedMultiplyAdd(v0, c, a01); a11 = Avx512F.FusedMultiplyAdd(v1, c, a11); a21 = Avx512F.FusedMultiplyAdd(v2, c, a21); a31 = Avx512F.FusedMultiplyAdd(v3, c, a31);
            c = Vector512.Create(w[2]);
            a02 = Avx512F.FusedMultiplyAdd(v0, c, a02); a12 = Avx512F.FusedMultiplyAdd(v1, c, a12); a22 = Avx512F.FusedMultiplyAdd(v2, c, a22); a32 = Avx512F.FusedMultiplyAdd(v3, c, a32);
            c = Vector512.Create(w[3]);
            a03 = Avx512F.FusedMultiplyAdd(v0, c, a03); a13 = Avx512F.FusedMultiplyAdd(v1, c, a13); a23 = Avx512F.FusedMultiplyAdd(v2, c, a23); a33 = Avx512F.FusedMultiplyAdd(v3, c, a33);
            c = Vector512.Create(w[4]);
            a04 = Avx512F.FusedMultiplyAdd(v0, c, a04); a14 = Avx512F.FusedMultiplyAdd(v1, c, a14); a24 = Avx512F.FusedMultiplyAdd(v2, c, a24); a34 = Avx512F.FusedMultiplyAdd(v3, c, a34);
            c = Vector512.Create(w[5]);
            a05 = Avx512F.FusedMultiplyAdd(v0, c, a05); a15 = Avx512F.FusedMultiplyAdd(v1, c, a15); a25 = Avx512F.FusedMultiplyAdd(v2, c, a25); a35 = Avx512F.FusedMultiplyAdd(v3, c, a35);
        }
        if (relu)
        {
            var z = Vector512<float>.Zero;
            a00 = Vector512.Max(a00, z); a01 = Vector512.Max(a01, z); a02 = Vector512.Max(a02, z); a03 = Vector512.Max(a03, z); a04 = Vector512.Max(a04, z); a05 = Vector512.Max(a05, z);
            a10 = Vector512.Max(a10, z); a11 = Vector512.Max(a11, z); a12 = Vector512.Max(a12, z); a13 = Vector512.Max(a13, z); a14 = Vector512.Max(a14, z); a15 = Vector512.Max(a15, z);
            a20 = Vector512.Max(a20, z); a21 = Vector512.Max(a21, z); a22 = Vector512.Max(a22, z); a23 = Vector512.Max(a23, z); a24 = Vector512.Max(a24, z); a25 = Vector512.Max(a25, z);
            a30 = Vector512.Max(a30, z); a31 = Vector512.Max(a31, z); a32 = Vector512.Max(a32, z); a33 = Vector512.Max(a33, z); a34 = Vector512.Max(a34, z); a35 = Vector512.Max(a35, z);
        }
        Store(y, ohw, nq, outs[0], counts[0], masks, a00, a01, a02, a03, a04, a05);
        Store(y, ohw, nq, outs[1], counts[1], masks, a10, a11, a12, a13, a14, a15);
        Store(y, ohw, nq, outs[2], counts[2], masks, a20, a21, a22, a23, a24, a25);
        Store(y, ohw, nq, outs[3], counts[3], masks, a30, a31, a32, a33, a34, a35);
    }

    /// <summary>The stored lanes of one row vector (zero elsewhere), for the block's nq channels (OH·OW apart).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Reload(float* y, int ohw, int nq, int at, float* mask, out Vector512<float> c0, out Vector512<float> c1,
        out Vector512<float> c2, out Vector512<float> c3, out Vector512<float> c4, out Vector512<float> c5)
    {
        var m = Vector512.Load(mask);
        float* p = y + at;
        var z = Vector512<float>.Zero;
        c0 = Avx512F.MaskLoad(p, m, z);
        c1 = nq > 1 ? Avx512F.MaskLoad(p + ohw, m, z) : z;
        c2 = nq > 2 ? Avx512F.MaskLoad(p + 2 * ohw, m, z) : z;
        c3 = nq > 3 ? Avx512F.MaskLoad(p + 3 * ohw, m, z) : z;
        c4 = nq > 4 ? Avx512F.MaskLoad(p + 4 * ohw, m, z) : z;
        c5 = nq > 5 ? Avx512F.MaskLoad(p + 5 * ohw, m, z) : z;
    }

    /// <summary>The lanes of one row vector, for the block's nq channels (OH·OW apart): plain stores for a whole vector,
    /// masked ones for a row's tail (a masked store is several times slower on AMD's cores).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* y, int ohw, int nq, int at, int count, float* masks, Vector512<float> c0, Vector512<float> c1,
        Vector512<float> c2, Vector512<float> c3, Vector512<float> c4, Vector512<float> c5)
    {
        float* p = y + at;
        if (count == Lanes)
        {
            Vector512.Store(c0, p);
            if (nq > 1) Vector512.Store(c1, p + ohw);
            if (nq > 2) Vector512.Store(c2, p + 2 * ohw);
            if (nq > 3) Vector512.Store(c3, p + 3 * ohw);
            if (nq > 4) Vector512.Store(c4, p + 4 * ohw);
            if (nq > 5) Vector512.Store(c5, p + 5 * ohw);
            return;
        }
        var m = Vector512.Load(masks + count * Lanes);
        Avx512F.MaskStore(p, m, c0);
        if (nq > 1) Avx512F.MaskStore(p + ohw, m, c1);
        if (nq > 2) Avx512F.MaskStore(p + 2 * ohw, m, c2);
        if (nq > 3) Avx512F.MaskStore(p + 3 * ohw, m, c3);
        if (nq > 4) Avx512F.MaskStore(p + 4 * ohw, m, c4);
        if (nq > 5) Avx512F.MaskStore(p + 5 * ohw, m, c5);
    }
}
