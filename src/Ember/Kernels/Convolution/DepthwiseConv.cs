using System.Buffers;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ember.Kernels;

/// <summary>
/// Depthwise float32 convolution with AVX-512 (groups = in_channels, any channel multiplier m = O / C, any stride up to
/// <see cref="MaxStride"/> and any dilation). Each source plane is copied once into zero-padded planes split by the
/// stride's phases: sub-plane (a, b) holds padded[SH·r + a, SW·q + b], so every tap of a strided convolution reads its
/// sub-plane at unit stride, and an output row vector of 16 lanes is one plain load per tap. A register block keeps
/// <see cref="VectorBlock"/> output vectors and sums all taps before one store (the row path loads and stores each output
/// row KH·KW times). The input gradient is the stride-1 convolution of dy, zero-inserted by the stride and padded, with
/// the flipped kernel (the m output channels of an input channel are taps of one sum; the rows of each row phase run
/// only the taps that meet rows of dy, so a row stride of 2 halves the work); the weight gradient sums dy·x per
/// tap lane-wise over the batch in order. Padding zeros are multiplied here where the row path skips them: the forward
/// pass and the input gradient decline a non-finite weight, and a weight gradient with a non-finite sum is recomputed by
/// the row path, so non-finite values propagate exactly as there. Every plane is computed by one thread in a fixed
/// order: results do not depend on the thread count.
/// </summary>
internal static unsafe partial class DepthwiseConv
{
    private const int Lanes = 16;

    /// <summary>Output vectors per register block of the forward pass and the input gradient.</summary>
    private const int VectorBlock = 8;

    /// <summary>The largest stride handled (a stride s splits each plane into s² sub-planes).</summary>
    private const int MaxStride = 4;

    /// <summary>Work (multiply-adds) from which the kernels run in parallel.</summary>
    private const long ParallelWork = 1L << 17;

    /// <summary>Work (multiply-adds) of a part of the parallel split: planes are grouped up to it.</summary>
    private const long PartWork = 1L << 15;

    /// <summary>Whether the depthwise kernels may run (tests and benchmarks compare them with the row path).</summary>
    internal static bool Enabled = true;

    /// <summary>
    /// The buffer the block kernels read for one unit of work: <paramref name="Sources"/> source planes, each split into
    /// <paramref name="Phases"/> sub-planes of Hq × Wq floats, then <see cref="Lanes"/> floats of slack (a row vector's
    /// lanes past its row read the next row or the slack).
    /// </summary>
    private readonly record struct Layout(int Phases, int Hq, int Wq, int Sources)
    {
        public int SubLen => Hq * Wq;
        public int PlaneLen => Phases * SubLen;
        public int Length => Sources * PlaneLen + Lanes;

        /// <summary>The forward pass and the weight gradient: x split by the stride; output (oh, ow) of tap (i, j) reads
        /// sub-plane ((i·DH) mod SH, (j·DW) mod SW) at (oh + ⌊i·DH/SH⌋, ow + ⌊j·DW/SW⌋).</summary>
        public static Layout Forward(in ConvGeometry g) =>
            new(g.SH * g.SW, g.OH + (g.KH - 1) * g.DH / g.SH, g.OW + (g.KW - 1) * g.DW / g.SW, 1);

        /// <summary>The input gradient: the m planes of dy of an input channel, zero-inserted by the stride and padded so
        /// that dx (ih, iw) of flipped tap (i, j) reads (ih + i·DH, iw + j·DW).</summary>
        public static Layout Transposed(in ConvGeometry g) =>
            new(1, g.H + (g.KH - 1) * g.DH, g.W + (g.KW - 1) * g.DW, g.Og);

        /// <summary>Whether every size and offset fits an int with room.</summary>
        public static bool Fits(long phases, long hq, long wq, long sources) => phases * hq * (wq + Lanes) * sources < int.MaxValue / 4;
    }

    /// <summary>Whether a geometry is one the kernels compute: float32 on AVX-512, depthwise, strides up to
    /// <see cref="MaxStride"/>, sizes within int range.</summary>
    private static bool Fits(in ConvGeometry g)
    {
        if (!Enabled || !Avx512F.IsSupported || !g.IsDepthwise || g.Og < 1 || g.O != g.C * g.Og) return false;
        if (g.N <= 0 || g.H <= 0 || g.W <= 0 || g.OH <= 0 || g.OW <= 0 || g.KH <= 0 || g.KW <= 0) return false;
        if (g.SH < 1 || g.SW < 1 || g.SH > MaxStride || g.SW > MaxStride || g.DH < 1 || g.DW < 1) return false;
        long kk = (long)g.KH * g.KW * g.Og;
        if (kk > 1 << 16 || (long)g.KH * g.DH > 1 << 16 || (long)g.KW * g.DW > 1 << 16) return false;
        return Layout.Fits(g.SH * g.SW, g.OH + (long)(g.KH - 1) * g.DH / g.SH, g.OW + (long)(g.KW - 1) * g.DW / g.SW, 1)
            && Layout.Fits(1, g.H + (long)(g.KH - 1) * g.DH, g.W + (long)(g.KW - 1) * g.DW, g.Og)
            && (long)Math.Max(g.OH, g.H) * ((Math.Max(g.OW, g.W) + Lanes - 1) / Lanes) * 3 + (kk + VectorBlock * 3 + 1) * (MaxStride + 1) < int.MaxValue / 4;
    }

    /// <summary>y = conv(x, w) + bias for a depthwise geometry; false (nothing written) when it declines.</summary>
    public static bool TryForward(Tensor xt, Tensor wt, Tensor? bt, Tensor yt, in ConvGeometry g)
    {
        int kk = g.KH * g.KW;
        if (!Fits(g) || !FiniteCheck.All(wt.Typed<float>().Array, wt.Offset, g.O * kk)) return false;
        var l = Layout.Forward(g);
        var t = new Tables(g.OH, g.OW, l.Wq, kk);
        int[] table = ArrayPool<int>.Shared.Rent(t.Length);
        try
        {
            fixed (int* tp = table) { tp[t.TapCounts] = kk; ForwardTaps(tp + t.TapLists, g, l); t.Fill(tp); }
            var job = new Job(xt.Typed<float>().Array, xt.Offset, wt.Typed<float>().Array, wt.Offset, bt?.Typed<float>().Array, bt?.Offset ?? 0,
                yt.Typed<float>().Array, yt.Offset, table, t, l, g);
            Run(job, Kind.Forward, g.N * g.C, (long)g.Og * kk * t.Vectors * Lanes);
        }
        finally { ArrayPool<int>.Shared.Return(table); }
        return true;
    }

    /// <summary>dx = conv's input gradient for dy (+ bias per channel of dx when given) for a depthwise geometry; false
    /// (nothing written) when it declines.</summary>
    public static bool TryBackwardInput(Tensor dyt, Tensor wt, Tensor? bt, Tensor dxt, in ConvGeometry g)
    {
        int kk = g.KH * g.KW;
        float[] w = wt.Typed<float>().Array;
        if (!Fits(g) || !FiniteCheck.All(w, wt.Offset, g.O * kk)) return false;
        var l = Layout.Transposed(g);
        // dx rows ih ≡ ρ (mod SH) read only the flipped taps i whose zero-inserted dy row ih + i·DH − top is a row of dy:
        // the rows of each phase run with their own taps (SH = 1: one phase, all taps).
        int sh = g.SH, taps = g.Og * kk, top = (g.KH - 1) * g.DH - g.PT;
        var t = new Tables(g.H, g.W, l.Wq, taps, sh);
        int[] table = ArrayPool<int>.Shared.Rent(t.Length);
        float[] flipped = ArrayPool<float>.Shared.Rent(sh * g.O * kk);
        try
        {
            // flipped[(ρ·C + c)·m·KK + k]: the weights of phase ρ's k-th tap (s, i, j) of channel c, w[c·m + s, KH − 1 − i, KW − 1 − j].
            fixed (int* tp = table)
            {
                for (int ph = 0; ph < sh; ph++)
                {
                    int k = 0;
                    for (int s = 0; s < g.Og; s++)
                        for (int i = 0; i < g.KH; i++)
                        {
                            if (((ph + i * g.DH - top) % sh + sh) % sh != 0) continue;
                            for (int j = 0; j < g.KW; j++, k++)
                            {
                                tp[t.TapLists + ph * taps + k] = s * l.PlaneLen + i * g.DH * l.Wq + j * g.DW;
                                for (int c = 0; c < g.C; c++)
                                    flipped[(ph * g.C + c) * taps + k] = w[wt.Offset + (c * g.Og + s) * kk + kk - 1 - (i * g.KW + j)];
                            }
                        }
                    tp[t.TapCounts + ph] = k;
                }
                t.Fill(tp);
            }
            var job = new Job(dyt.Typed<float>().Array, dyt.Offset, flipped, 0, bt?.Typed<float>().Array, bt?.Offset ?? 0,
                dxt.Typed<float>().Array, dxt.Offset, table, t, l, g);
            Run(job, Kind.BackwardInput, g.N * g.C, (long)g.Og * kk * t.Vectors * Lanes);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(table);
            ArrayPool<float>.Shared.Return(flipped);
        }
        return true;
    }

    /// <summary>
    /// dw [O, 1, KH, KW] = Σₙ Σ_pixels dy·x (overwritten) for a depthwise geometry; false when it declines, or when a sum
    /// is not finite (the row path then recomputes dw: it never multiplies a padding zero).
    /// </summary>
    public static bool TryBackwardWeight(Tensor xt, Tensor dyt, Tensor dwt, in ConvGeometry g)
    {
        int kk = g.KH * g.KW;
        if (!Fits(g) || (long)g.Og * kk * Lanes > 1 << 20) return false;
        var l = Layout.Forward(g);
        var t = new Tables(g.OH, g.OW, l.Wq, kk);
        int[] table = ArrayPool<int>.Shared.Rent(t.Length);
        try
        {
            fixed (int* tp = table) { tp[t.TapCounts] = kk; ForwardTaps(tp + t.TapLists, g, l); t.Fill(tp); }
            var job = new Job(xt.Typed<float>().Array, xt.Offset, dyt.Typed<float>().Array, dyt.Offset, null, 0,
                dwt.Typed<float>().Array, dwt.Offset, table, t, l, g);
            Run(job, Kind.BackwardWeight, g.C, (long)g.N * g.Og * kk * t.Vectors * Lanes);
        }
        finally { ArrayPool<int>.Shared.Return(table); }
        return FiniteCheck.All(dwt.Typed<float>().Array, dwt.Offset, g.O * kk);
    }

    /// <summary>taps[(i·KW + j)] = the offset tap (i, j) reads in the split planes, relative to an output's base.</summary>
    private static void ForwardTaps(int* taps, in ConvGeometry g, in Layout l)
    {
        for (int i = 0; i < g.KH; i++)
            for (int j = 0; j < g.KW; j++)
            {
                int di = i * g.DH, dj = j * g.DW;
                taps[i * g.KW + j] = ((di % g.SH) * g.SW + dj % g.SW) * l.SubLen + di / g.SH * l.Wq + dj / g.SW;
            }
    }

    /// <summary>
    /// The int tables of a run, in one rented array: per row phase (rows r ≡ ρ mod Phases; one phase but for the input
    /// gradient of a row stride) its tap count and its tap offsets (Taps apart), then for every output row vector — rows
    /// by phase, 16-column pieces, each phase's vectors filled up to whole blocks with vectors that store nothing — its
    /// base in the source planes, its output offset and how many lanes are in its row.
    /// </summary>
    private readonly struct Tables(int rows, int cols, int ld, int taps, int phases = 1)
    {
        public readonly int Rows = rows, Cols = cols, Ld = ld, Taps = taps, Phases = phases;
        public int RowVectors => (Cols + Lanes - 1) / Lanes;
        public int Vectors => Rows * RowVectors;
        public int PhaseBlocks(int ph) => ((Rows - ph + Phases - 1) / Phases * RowVectors + VectorBlock - 1) / VectorBlock;
        public int Blocks
        {
            get
            {
                int b = 0;
                for (int ph = 0; ph < Phases; ph++) b += PhaseBlocks(ph);
                return b;
            }
        }
        public int TapCounts => 0;
        public int TapLists => Phases;
        public int Bases => TapLists + Phases * Taps;
        public int Outs => Bases + Blocks * VectorBlock;
        public int Counts => Outs + Blocks * VectorBlock;
        public int Length => Counts + Blocks * VectorBlock;

        public void Fill(int* table)
        {
            int v = 0;
            for (int ph = 0; ph < Phases; ph++)
            {
                for (int r = ph; r < Rows; r += Phases)
                    for (int c0 = 0; c0 < Cols; c0 += Lanes, v++)
                    {
                        table[Bases + v] = r * Ld + c0;
                        table[Outs + v] = r * Cols + c0;
                        table[Counts + v] = Math.Min(Lanes, Cols - c0);
                    }
                for (; v % VectorBlock != 0; v++) (table[Bases + v], table[Outs + v], table[Counts + v]) = (0, 0, 0);
            }
        }
    }

    private enum Kind { Forward, BackwardInput, BackwardWeight }

    /// <summary>Everything a part of a run reads: Src (x or dy) split into the planes the kernels read, W (the weight,
    /// flipped for the input gradient; dy for the weight gradient), the optional bias, Dst (y, dx or dw).</summary>
    private readonly record struct Job(float[] Src, int SrcOff, float[] W, int WOff, float[]? Bias, int BiasOff,
        float[] Dst, int DstOff, int[] Table, Tables T, Layout L, ConvGeometry G);

    /// <summary>Runs the units (planes or channels) in fixed parts, in parallel when the work is large.</summary>
    private static void Run(in Job job, Kind kind, int units, long unitWork)
    {
        int per = (int)Math.Clamp(PartWork / Math.Max(1, unitWork), 1, units);
        int parts = (units + per - 1) / per;
        if (parts == 1 || Threading.NumThreads <= 1 || unitWork * units < ParallelWork || ThreadTeam.RunsSerially)
            for (int p = 0; p < parts; p++) RunPart(job, kind, units, per, p);
        else RunInParallel(job, kind, units, per, parts);
    }

    // Apart from Run: a lambda's closure is allocated on entry to the method that declares it, taken or not.
    private static void RunInParallel(Job job, Kind kind, int units, int per, int parts) =>
        ThreadTeam.For(parts, p => RunPart(job, kind, units, per, p));

    /// <summary>Units [p·per, (p + 1)·per) of a run, with this part's planes and partial sums.</summary>
    private static void RunPart(in Job job, Kind kind, int units, int per, int p)
    {
        int u0 = p * per, u1 = Math.Min(units, u0 + per);
        var g = job.G;
        int kk = g.KH * g.KW, partLen = kind == Kind.BackwardWeight ? g.Og * kk * Lanes : 0;
        float[] pads = ArrayPool<float>.Shared.Rent(job.L.Length + partLen);
        try
        {
            fixed (float* sp = job.Src)
            fixed (float* wp = job.W)
            fixed (float* bp = job.Bias)
            fixed (float* dp = job.Dst)
            fixed (float* xp = pads)
            fixed (int* tp = job.Table)
            fixed (float* mp = LaneMasks.Float32)
            {
                var f = new Frame(sp, sp + job.Src.Length, xp, tp, mp);
                for (int u = u0; u < u1; u++)
                {
                    switch (kind)
                    {
                        case Kind.Forward: ForwardUnit(job, f, wp + job.WOff, bp is null ? null : bp + job.BiasOff, dp + job.DstOff, u); break;
                        case Kind.BackwardInput: BackwardInputUnit(job, f, wp + job.WOff, bp is null ? null : bp + job.BiasOff, dp + job.DstOff, u); break;
                        default: WeightUnit(job, f, wp + job.WOff, xp + job.L.Length, dp + job.DstOff, u); break;
                    }
                }
            }
        }
        finally { ArrayPool<float>.Shared.Return(pads); }
    }

    /// <summary>The pointers of a part: the source array and its end, the part's planes, the tables, the tail masks.</summary>
    private readonly struct Frame(float* src, float* srcEnd, float* planes, int* table, float* masks)
    {
        public readonly float* Src = src, SrcEnd = srcEnd, Planes = planes, Masks = masks;
        public readonly int* Table = table;
    }

    /// <summary>Forward of input plane u = n·C + c: its m output planes.</summary>
    private static void ForwardUnit(in Job job, in Frame f, float* w, float* bias, float* y, int u)
    {
        var g = job.G;
        var t = job.T;
        int n = u / g.C, c = u % g.C, kk = g.KH * g.KW, ohw = g.OHW;
        Split(f.Src + job.SrcOff + (long)u * g.HW, f.SrcEnd, g.H, g.W, g.PT, g.PL, g.SH, g.SW, f.Planes, job.L);
        for (int k = 0; k < g.Og; k++)
        {
            int o = c * g.Og + k;
            float* yp = y + ((long)n * g.O + o) * ohw;
            float b = bias is null ? 0f : bias[o];
            for (int blk = 0; blk < t.Blocks; blk++)
            {
                int v0 = blk * VectorBlock;
                Block(f.Planes, f.Table + t.TapLists, kk, w + (long)o * kk, b, f.Table + t.Bases + v0, f.Table + t.Outs + v0, f.Table + t.Counts + v0, f.Masks, yp, ohw);
            }
        }
    }

    /// <summary>Input gradient of input plane u = n·C + c: Σ over its m output channels, one block sum.</summary>
    private static void BackwardInputUnit(in Job job, in Frame f, float* flipped, float* bias, float* dx, int u)
    {
        var g = job.G;
        var t = job.T;
        var l = job.L;
        int n = u / g.C, c = u % g.C, kk = g.KH * g.KW, hw = g.HW;
        int top = (g.KH - 1) * g.DH - g.PT, left = (g.KW - 1) * g.DW - g.PL;
        for (int k = 0; k < g.Og; k++)
            Upsample(f.Src + job.SrcOff + ((long)n * g.O + c * g.Og + k) * g.OHW, f.SrcEnd, g.OH, g.OW, top, left, g.SH, g.SW, f.Planes + (long)k * l.PlaneLen, l);
        ClearSlack(f.Planes, l);
        float* dxp = dx + (long)u * hw;
        float b = bias is null ? 0f : bias[c];
        // With several row phases the rows are not stored in order: a row's tail is stored masked (limit 0).
        int taps = g.Og * kk, limit = t.Phases == 1 ? hw : 0;
        for (int ph = 0, blk = 0; ph < t.Phases; ph++)
        {
            int nTaps = f.Table[t.TapCounts + ph];
            int* phaseTaps = f.Table + t.TapLists + ph * taps;
            float* w = flipped + ((long)ph * g.C + c) * taps;
            for (int end = blk + t.PhaseBlocks(ph); blk < end; blk++)
            {
                int v0 = blk * VectorBlock;
                Block(f.Planes, phaseTaps, nTaps, w, b, f.Table + t.Bases + v0, f.Table + t.Outs + v0, f.Table + t.Counts + v0, f.Masks, dxp, limit);
            }
        }
    }

    /// <summary>Weight gradient of input channel c: lane-wise sums over the batch in order, then each tap's 16 lanes.</summary>
    private static void WeightUnit(in Job job, in Frame f, float* dy, float* part, float* dw, int c)
    {
        var g = job.G;
        var t = job.T;
        int kk = g.KH * g.KW, groups = (kk + GradTaps - 1) / GradTaps, size = (kk + groups - 1) / groups;
        new Span<float>(part, g.Og * kk * Lanes).Clear();
        for (int n = 0; n < g.N; n++)
        {
            Split(f.Src + job.SrcOff + ((long)n * g.C + c) * g.HW, f.SrcEnd, g.H, g.W, g.PT, g.PL, g.SH, g.SW, f.Planes, job.L);
            for (int k = 0; k < g.Og; k++)
            {
                float* dyp = dy + ((long)n * g.O + c * g.Og + k) * g.OHW;
                for (int t0 = 0; t0 < kk; t0 += size)
                    GradBlock(Math.Min(size, kk - t0), f.Planes, f.Table + t.TapLists + t0, dyp, f.Table + t.Bases, f.Table + t.Outs, f.Table + t.Counts,
                        t.Vectors, f.Masks, part + (long)(k * kk + t0) * Lanes);
            }
        }
        for (int k = 0; k < g.Og; k++)
            for (int tap = 0; tap < kk; tap++)
                dw[(long)(c * g.Og + k) * kk + tap] = Vector512.Sum(Vector512.Load(part + (long)(k * kk + tap) * Lanes));
    }
}
