using System.Buffers;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ember.Kernels;

/// <summary>
/// float32 max pooling of planes whose rows have fewer than 16 outputs (LeNet's 28 × 28 → 14 × 14 and 10 × 10 → 5 × 5):
/// one AVX-512 vector holds R consecutive output rows of a plane (R·OW lanes, so the outputs of a vector are contiguous
/// and a 5-wide plane fills 10 lanes, not 5). For window row i of the group, two loads bring the 32 source values from the
/// group's first source row on, and one two-register permute per window column j picks each lane's tap (lane (r, c) reads
/// r·SH·WP + c·SW + j·DW), so any stride, kernel and dilation whose taps fit in those 32 values take the vector path.
/// Planes with padding or windows past the input (ceil mode) are first copied into a −inf-padded plane; the others are
/// read in place. Each lane walks its window in PyTorch's order with PyTorch's rule (take a value greater than the
/// maximum so far, or NaN), starting from the window's first in-range position, so values and indices equal the scalar
/// kernel's; a padding tap is −inf and never taken.
/// </summary>
internal static unsafe class MaxPoolSmall
{
    private const int Lanes = 16;

    /// <summary>The source values one group row loads (two vectors).</summary>
    private const int Reach = 2 * Lanes;

    /// <summary>
    /// Whether <see cref="Run"/> handles these axes: AVX-512, sliding windows, rows of fewer than 16 outputs whose taps
    /// (from the first window's first tap to the last window's last) span at most 32 source values, and a padded plane
    /// (where one is needed) that fits an array.
    /// </summary>
    public static bool Supports(PoolAxis ah, PoolAxis aw) =>
        Avx512F.IsSupported && ah.Spec is not null && aw.Spec is { } s && aw.Out < Lanes && RowSpan(aw.Out, s.Stride, s.Kernel, s.Dilation) <= Reach &&
        Layout(ah, aw).PadLen <= Array.MaxLength;

    /// <summary>
    /// How <see cref="Run"/> reads the planes: in place (<c>Direct</c>, pitch W) when every tap is inside the plane, else
    /// through a −inf-padded copy of <c>Hp</c> × <c>Wp</c> values and room for the last loads (<c>PadLen</c>, in 64 bits).
    /// </summary>
    private static (bool Direct, long Hp, long Wp, long PadLen) Layout(PoolAxis ah, PoolAxis aw)
    {
        var (kh, sh, ph, dh) = ah.Spec!.Value;
        var (kw, sw, pw, dw) = aw.Spec!.Value;
        long needH = (long)(ah.Out - 1) * sh + (long)(kh - 1) * dh + 1, needW = RowSpan(aw.Out, sw, kw, dw);
        if (ph == 0 && pw == 0 && needH <= ah.In && needW <= aw.In) return (true, ah.In, aw.In, 0);
        long hp = Math.Max((long)ah.In + ph, needH), wp = Math.Max((long)aw.In + pw, needW);
        return (false, hp, wp, hp * wp + Reach);
    }

    /// <summary>The source values one output row's taps span: (ow − 1)·stride + (kernel − 1)·dilation + 1 (in 64 bits).</summary>
    private static long RowSpan(int ow, int stride, int kernel, int dilation) => (long)(ow - 1) * stride + (long)(kernel - 1) * dilation + 1;

    /// <summary>y[p, oh, ow] = max of plane p's window (oh, ow); idx (when given) its flat position in the plane.</summary>
    /// <param name="x">The input array: <paramref name="planes"/> contiguous H × W planes from <paramref name="xo"/>.</param>
    /// <param name="xo">The offset of the first plane in <paramref name="x"/>.</param>
    /// <param name="y">The output, P·OH·OW values from 0.</param>
    /// <param name="idx">The indices (P·OH·OW from 0), or null when nobody needs them.</param>
    /// <param name="planes">P.</param>
    /// <param name="ah">The height axis (a sliding window).</param>
    /// <param name="aw">The width axis (a sliding window, <see cref="Supports"/>).</param>
    public static void Run(float[] x, int xo, float[] y, long[]? idx, int planes, PoolAxis ah, PoolAxis aw)
    {
        var (kh, sh, ph, dh) = ah.Spec!.Value;
        var (kw, sw, pw, dw) = aw.Spec!.Value;
        int h = ah.In, w = aw.In, oh = ah.Out, ow = aw.Out;
        long needW = RowSpan(ow, sw, kw, dw);
        var (direct, _, wpLong, padLong) = Layout(ah, aw);
        int wp = (int)wpLong, padLen = (int)padLong;
        // Rows per vector: as many whole output rows as fit 16 lanes with all their taps within the 32 loaded values.
        int rowsPer = 1;
        while (rowsPer < oh && (rowsPer + 1) * ow <= Lanes && (long)rowsPer * sh * wp + needW <= Reach) rowsPer++;
        // With padding, the flat index of every window's first in-range position (the index when nothing beats −inf),
        // with room for the last vector's unused lanes; without, that is the window's tap (0, 0).
        int outPlane = oh * ow, inPlane = h * w;
        int[]? first = null;
        if (idx is not null && (ph > 0 || pw > 0))
        {
            first = ArrayPool<int>.Shared.Rent(outPlane + Lanes);
            for (int o = 0; o < oh; o++)
                for (int c = 0; c < ow; c++)
                    first[o * ow + c] = ah.First[o] * w + aw.First[c];
        }
        var lane = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        var vr = Vector512<int>.Zero;
        for (int l = ow; l < Lanes; l += ow) vr += Vector512.GreaterThanOrEqual(lane, Vector512.Create(l)) & Vector512<int>.One; // lane / ow
        var vc = lane - vr * Vector512.Create(ow);
        var pick = Vector512.ConditionalSelect(Vector512.LessThan(lane, Vector512.Create(rowsPer * ow)),
            vr * Vector512.Create(sh * wp) + vc * Vector512.Create(sw), Vector512<int>.Zero); // lane (r, c)'s tap (0, 0) in the 32 values loaded
        var flat = vr * Vector512.Create(sh * w) + vc * Vector512.Create(sw); // its flat input position, less the row's
        var job = new Job(x, xo, y, idx, first, direct, padLen, inPlane, h, ph,
            new Geometry(w, oh, ow, kh, sh, ph, dh, kw, pw, dw, wp, rowsPer, pick, flat));
        try
        {
            // RowParallel's rule for one part, without the closure (a batch-1 LeNet pool runs here)
            long work = (long)planes * Math.Max(inPlane, outPlane) * 2;
            if (work < Elementwise.ParallelThreshold || planes <= 1 || Threading.NumThreads <= 1) job.Planes(0, planes);
            else InParts(job, planes, work);
        }
        finally
        {
            if (first is not null) ArrayPool<int>.Shared.Return(first);
        }
    }

    private static void InParts(Job job, int planes, long work) => RowParallel.Rows(planes, work, (p0, len) => job.Planes(p0, len));

    /// <summary>One call's arrays and geometry; <see cref="Planes"/> pools a range of planes.</summary>
    private readonly struct Job(float[] x, int xo, float[] y, long[]? idx, int[]? first, bool direct, int padLen, int inPlane, int h, int ph, Geometry g)
    {
        public void Planes(int p0, int len)
        {
            var pad = direct ? null : ArrayPool<float>.Shared.Rent(padLen);
            try
            {
                fixed (float* pp = pad)
                fixed (float* xp = x)
                fixed (float* yp = y)
                fixed (long* ip = idx)
                fixed (int* fp = first)
                {
                    if (!direct) new Span<float>(pp, padLen).Fill(float.NegativeInfinity);
                    float* end = xp + x.Length;
                    int w = g.W, wp = g.Wp, pw = g.PW, outPlane = g.OH * g.OW;
                    for (int p = p0; p < p0 + len; p++)
                    {
                        float* plane = xp + xo + (long)p * inPlane;
                        if (!direct)
                        {
                            // Rows of a few vectors: inline copies rather than a memmove call per row.
                            for (int r = 0; r < h; r++)
                                ConvColumns.CopyRow(plane + (long)r * w, pp + (long)(r + ph) * wp + pw, w, 1, plane + (long)h * w);
                            plane = pp;
                        }
                        Plane(plane, direct ? end : pp + padLen, yp + (long)p * outPlane, ip is null ? null : ip + (long)p * outPlane, fp, g);
                    }
                }
            }
            finally
            {
                if (pad is not null) ArrayPool<float>.Shared.Return(pad);
            }
        }
    }

    /// <summary>The window geometry of one call; <c>Wp</c> is the pitch of the plane read and <c>Rows</c> the output rows per vector.</summary>
    /// <remarks><c>Pick</c>: lane (r, c)'s tap (0, 0) among the 32 values loaded from the group's source row (0 for unused
    /// lanes); <c>Flat</c>: the same tap's flat input position, less the source row's.</remarks>
    private readonly record struct Geometry(int W, int OH, int OW, int KH, int SH, int PH, int DH, int KW, int PW, int DW, int Wp, int Rows,
        Vector512<int> Pick, Vector512<int> Flat);

    /// <summary>
    /// One plane: <paramref name="src"/> is the plane read (pitch <c>g.Wp</c>, nothing readable at or past
    /// <paramref name="end"/>); <paramref name="first"/> the windows' first in-range positions, or null without padding.
    /// </summary>
    private static void Plane(float* src, float* end, float* y, long* idx, int* first, in Geometry g)
    {
        var lane = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        var ninf = Vector512.Create(float.NegativeInfinity);
        var pick = g.Pick;
        var flat = g.Flat;
        for (int o0 = 0; o0 < g.OH; o0 += g.Rows)
        {
            int count = Math.Min(g.Rows, g.OH - o0) * g.OW;
            var m = ninf;
            var at = idx is null ? default : first is null ? Vector512.Create(o0 * g.SH * g.W) + flat : Vector512.Load(first + o0 * g.OW);
            for (int i = 0; i < g.KH; i++)
            {
                int pr = o0 * g.SH + i * g.DH; // the group's first source row (padded)
                float* row = src + (long)pr * g.Wp;
                Vector512<float> lo, hi;
                if (row + Reach <= end)
                {
                    lo = Vector512.Load(row);
                    hi = Vector512.Load(row + Lanes);
                }
                else
                {
                    // the last rows of the input: load only what exists (the lanes that need more are unused)
                    long left = end - row;
                    lo = Avx512F.MaskLoad(row, Vector512.LessThan(lane, Vector512.Create((int)Math.Min(left, Lanes))).AsSingle(), ninf);
                    hi = Avx512F.MaskLoad(row + Lanes, Vector512.LessThan(lane, Vector512.Create((int)Math.Max(left - Lanes, 0))).AsSingle(), ninf);
                }
                var rowFlat = Vector512.Create((pr - g.PH) * g.W - g.PW) + flat;
                for (int j = 0; j < g.KW; j++)
                {
                    int off = j * g.DW;
                    var v = Avx512F.PermuteVar16x32x2(lo, pick + Vector512.Create(off), hi);
                    var take = Vector512.GreaterThan(v, m) | ~Vector512.Equals(v, v);
                    m = Vector512.ConditionalSelect(take, v, m);
                    if (idx is not null)
                        at = Vector512.ConditionalSelect(take.AsInt32(), rowFlat + Vector512.Create(off), at);
                }
            }
            var keep = Vector512.LessThan(lane, Vector512.Create(count));
            Avx512F.MaskStore(y + (long)o0 * g.OW, keep.AsSingle(), m);
            if (idx is not null)
            {
                long* d = idx + (long)o0 * g.OW;
                var keepLong = Avx512F.ConvertToVector512Int64(keep.GetLower());
                Avx512F.MaskStore(d, keepLong, Avx512F.ConvertToVector512Int64(at.GetLower()));
                if (count > Lanes / 2)
                    Avx512F.MaskStore(d + Lanes / 2, Avx512F.ConvertToVector512Int64(keep.GetUpper()), Avx512F.ConvertToVector512Int64(at.GetUpper()));
            }
        }
    }
}
