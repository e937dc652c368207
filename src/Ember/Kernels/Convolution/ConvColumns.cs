using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ember.Kernels;

/// <summary>
/// The column matrix of a convolution (im2col) and its adjoint (col2im) for one sample. Both work on a zero-padded copy
/// of the sample's planes ([Cg, Hp, Wp], rented by the caller; see <see cref="PaddedLength"/>), so that every tap reads
/// (or adds to) a whole output row without bounds checks: row (c, i, j) of the column matrix is the strided window
/// xpad[c, i·DH + oh·SH, j·DW + ow·SW]. Without padding the sample's planes are used in place. Rows are copied with
/// whole vectors (overlapping the last one instead of running past the row), so feature maps of 2 or 4 columns cost a
/// few instructions per row, and a stride-2 row is compacted with one permute per vector (rows of 4 to 15 with masked
/// loads and stores, so nothing past them is read; col2im adds them back the same way). Planes of at most 32 input and
/// 16 output pixels skip the padded copy: <see cref="SmallPlaneColumns"/> makes each row with one permute.
/// </summary>
internal static unsafe class ConvColumns
{
    /// <summary>Elements read past the end of a padded plane by the stride-2 vector path (kept inside the buffer).</summary>
    private const int Slack = 64;

    /// <summary>The padded plane: tall and wide enough for the input at (PT, PL) and for every tap of every output.</summary>
    public static (int Hp, int Wp) PaddedSize(in ConvGeometry g)
    {
        long hp = Math.Max((long)g.H + g.PT, g.OH == 0 ? 0 : (long)(g.OH - 1) * g.SH + (long)(g.KH - 1) * g.DH + 1);
        long wp = Math.Max((long)g.W + g.PL, g.OW == 0 ? 0 : (long)(g.OW - 1) * g.SW + (long)(g.KW - 1) * g.DW + 1);
        if ((long)g.Cg * hp * wp + Slack > Array.MaxLength)
            throw new ArgumentException($"conv: the padded input [{g.Cg}, {hp}, {wp}] is too large");
        return ((int)hp, (int)wp);
    }

    /// <summary>Whether the sample's own planes serve as the padded planes (no padding on any side).</summary>
    public static bool Unpadded(in ConvGeometry g) => PaddedLength(g) == 0;

    /// <summary>Elements of the workspace <see cref="Im2Col{T}"/> and <see cref="Col2Im{T}"/> need (0 when unpadded).</summary>
    public static int PaddedLength(in ConvGeometry g)
    {
        var (hp, wp) = PaddedSize(g);
        return g.PT == 0 && g.PL == 0 && hp == g.H && wp == g.W ? 0 : g.Cg * hp * wp + Slack;
    }

    /// <summary>cols[(c·KH + i)·KW + j, oh·OW + ow] = x[c, oh·SH − PT + i·DH, ow·SW − PL + j·DW] (0 outside); rows of cols
    /// are <paramref name="ld"/> apart. <paramref name="pad"/> is a workspace of <see cref="PaddedLength"/> elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Im2Col<T>(ReadOnlySpan<T> x, Span<T> cols, int ld, in ConvGeometry g, Span<T> pad) where T : unmanaged, INumber<T>
    {
        bool unpadded = CheckBuffers(x.Length, cols.Length, ld, g, pad.Length, "im2col");
        if (g.K == 0 || g.OHW == 0) return;
        if (typeof(T) == typeof(float) && SmallPlaneColumns.Applies(g))
            fixed (T* xs = x)
            fixed (T* cs = cols)
                if (SmallPlaneColumns.TryIm2Col((float*)xs, x.Length, (float*)cs, ld, g)) return;
        ReadOnlySpan<T> src = x;
        if (!unpadded)
        {
            PadPlanes(x, pad, g);
            src = pad.Slice(0, PaddedLength(g));
        }
        fixed (T* xp = src)
        fixed (T* cp = cols)
            WalkRows<T, CopyInto<T>>(xp, cp, ld, g, xp + src.Length);
    }

    /// <summary>Writes the sample's planes into the zero-padded planes pad[c, PT + h, PL + w] (<see cref="PaddedLength"/> elements, padding included).</summary>
    public static void PadPlanes<T>(ReadOnlySpan<T> x, Span<T> pad, in ConvGeometry g) where T : unmanaged, INumber<T>
    {
        var (hp, wp) = PaddedSize(g);
        var p = pad.Slice(0, PaddedLength(g));
        if ((long)g.Cg * g.HW > x.Length) throw new ArgumentException("conv: input too short for the geometry");
        p.Clear();
        // Rows of a few elements: inline vector copies rather than a memmove call per row.
        fixed (T* xs = x)
        fixed (T* ps = p)
            for (int c = 0; c < g.Cg; c++)
                for (int h = 0; h < g.H; h++)
                    CopyRow(xs + (nint)c * g.HW + (nint)h * g.W, ps + ((nint)c * hp + h + g.PT) * wp + g.PL, g.W, 1, xs + x.Length);
    }

    /// <summary>The adjoint of <see cref="Im2Col{T}"/>: x[c, ih, iw] = Σ of the column entries that read it (x is
    /// overwritten). <paramref name="pad"/> is a workspace of <see cref="PaddedLength"/> elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Col2Im<T>(ReadOnlySpan<T> cols, Span<T> x, int ld, in ConvGeometry g, Span<T> pad) where T : unmanaged, INumber<T>
    {
        var (hp, wp) = PaddedSize(g);
        bool unpadded = CheckBuffers(x.Length, cols.Length, ld, g, pad.Length, "col2im");
        Span<T> dst = unpadded ? x.Slice(0, g.Cg * g.HW) : pad.Slice(0, PaddedLength(g));
        dst.Clear();
        if (g.K > 0 && g.OHW > 0)
            fixed (T* cp = cols)
            fixed (T* xp = dst)
                WalkRows<T, AddFrom<T>>(xp, cp, ld, g, xp + dst.Length);
        if (!unpadded)
            // Rows of a few elements: inline vector copies rather than a memmove call per row.
            fixed (T* ps = dst)
            fixed (T* xs = x)
                for (int c = 0; c < g.Cg; c++)
                    for (int h = 0; h < g.H; h++)
                        CopyRow(ps + ((nint)c * hp + h + g.PT) * wp + g.PL, xs + (nint)c * g.HW + (nint)h * g.W, g.W, 1, ps + dst.Length);
    }

    /// <summary>Checks the buffers of <see cref="Im2Col{T}"/> or <see cref="Col2Im{T}"/>; returns whether the planes are used unpadded.</summary>
    private static bool CheckBuffers(int planes, int cols, int ld, in ConvGeometry g, int pad, string op)
    {
        bool unpadded = Unpadded(g);
        if ((long)g.Cg * g.HW > planes || ld < g.OHW || (g.K > 0 && (long)(g.K - 1) * ld + g.OHW > cols)
            || (!unpadded && pad < PaddedLength(g)))
            throw new ArgumentException($"conv: {op} buffers are too short for the geometry");
        return unpadded;
    }

    /// <summary>What <see cref="WalkRows{T, TOp}"/> does with one output row of one tap.</summary>
    private interface IRowOp<T> where T : unmanaged
    {
        /// <summary>Moves n values between the padded plane (every sw-th from <paramref name="plane"/>) and a column row.</summary>
        static abstract void Apply(T* plane, T* col, int n, int sw, T* end);
    }

    /// <summary>col = plane (im2col).</summary>
    private readonly struct CopyInto<T> : IRowOp<T> where T : unmanaged, INumber<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply(T* plane, T* col, int n, int sw, T* end) => CopyRow(plane, col, n, sw, end);
    }

    /// <summary>plane += col (col2im).</summary>
    private readonly struct AddFrom<T> : IRowOp<T> where T : unmanaged, INumber<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply(T* plane, T* col, int n, int sw, T* end) => AddRow(col, plane, n, sw);
    }

    /// <summary>For every tap (c, i, j) and output row oh: the padded plane's row oh·SH + i·DH from column j·DW, against
    /// row (c·KH + i)·KW + j of the column matrix (rows <paramref name="ld"/> apart) from column oh·OW.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WalkRows<T, TOp>(T* planes, T* cols, int ld, in ConvGeometry g, T* end) where T : unmanaged where TOp : IRowOp<T>
    {
        var (hp, wp) = PaddedSize(g);
        // Locals: the stores through T* could alias the geometry, which would otherwise be reloaded per row.
        int cgn = g.Cg, kh = g.KH, kw = g.KW, oh_ = g.OH, ow_ = g.OW, sw = g.SW, dh = g.DH, dw = g.DW;
        nint plane = (nint)hp * wp, rowStep = (nint)g.SH * wp;
        int r = 0;
        for (int c = 0; c < cgn; c++)
            for (int i = 0; i < kh; i++)
                for (int j = 0; j < kw; j++, r++)
                {
                    T* p = planes + c * plane + (nint)i * dh * wp + (nint)j * dw;
                    T* q = cols + (nint)r * ld;
                    for (int oh = 0; oh < oh_; oh++, p += rowStep, q += ow_)
                        TOp.Apply(p, q, ow_, sw, end);
                }
    }

    /// <summary>d[t] = s[t·sw] for t &lt; n; reads stay before <paramref name="end"/>, writes stay inside d[0, n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CopyRow<T>(T* s, T* d, int n, int sw, T* end) where T : unmanaged, INumber<T>
    {
        if (sw == 1)
        {
            if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
            {
                int t = 0;
                for (; t + Vector512<T>.Count <= n; t += Vector512<T>.Count) Vector512.Store(Vector512.Load(s + t), d + t);
                if (t < n) Vector512.Store(Vector512.Load(s + n - Vector512<T>.Count), d + n - Vector512<T>.Count);
                return;
            }
            if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
            {
                int t = 0;
                for (; t + Vector256<T>.Count <= n; t += Vector256<T>.Count) Vector256.Store(Vector256.Load(s + t), d + t);
                if (t < n) Vector256.Store(Vector256.Load(s + n - Vector256<T>.Count), d + n - Vector256<T>.Count);
                return;
            }
            if (Vector128.IsHardwareAccelerated && n >= Vector128<T>.Count)
            {
                int t = 0;
                for (; t + Vector128<T>.Count <= n; t += Vector128<T>.Count) Vector128.Store(Vector128.Load(s + t), d + t);
                if (t < n) Vector128.Store(Vector128.Load(s + n - Vector128<T>.Count), d + n - Vector128<T>.Count);
                return;
            }
            for (int t = 0; t < n; t++) d[t] = s[t];
            return;
        }
        int k = 0;
        if (sw == 2 && Avx512F.IsSupported)
        {
            if (typeof(T) == typeof(float))
            {
                var even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
                for (; k + 16 <= n && s + 2 * k + 32 <= end; k += 16)
                {
                    float* sk = (float*)s + 2 * k;
                    Vector512.Store(Avx512F.PermuteVar16x32x2(Vector512.Load(sk), even, Vector512.Load(sk + 16)), (float*)d + k);
                }
            }
            else if (typeof(T) == typeof(double))
            {
                var even = Vector512.Create(0L, 2, 4, 6, 8, 10, 12, 14);
                for (; k + 8 <= n && s + 2 * k + 16 <= end; k += 8)
                {
                    double* sk = (double*)s + 2 * k;
                    Vector512.Store(Avx512F.PermuteVar8x64x2(Vector512.Load(sk), even, Vector512.Load(sk + 8)), (double*)d + k);
                }
            }
        }
        if (sw == 2 && n - k >= 4 && typeof(T) == typeof(float) && Avx512F.IsSupported)
        {
            // The rest (rows of 4 to 15, and the tail): the source lanes it needs only, so nothing past them is read.
            // Rows of 2 or 3 stay scalar (the masked loads and store cost more there).
            var even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
            for (; k < n; k += 16)
            {
                int m = Math.Min(16, n - k), span = 2 * m - 1;
                float* sk = (float*)s + 2 * k;
                var lo = Avx512F.MaskLoad(sk, FirstLanes(Math.Min(span, 16)), Vector512<float>.Zero);
                var hi = span > 16 ? Avx512F.MaskLoad(sk + 16, FirstLanes(span - 16), Vector512<float>.Zero) : Vector512<float>.Zero;
                Avx512F.MaskStore((float*)d + k, FirstLanes(m), Avx512F.PermuteVar16x32x2(lo, even, hi));
            }
            return;
        }
        for (; k < n; k++) d[k] = s[(nint)k * sw];
    }

    /// <summary>A float mask of lanes 0 … count − 1 (count ≤ 16).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> FirstLanes(int count) => Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();

    /// <summary>d[t·sw] += s[t] for t &lt; n (no element outside the row is touched).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow<T>(T* s, T* d, int n, int sw) where T : unmanaged, INumber<T>
    {
        int t = 0;
        if (sw == 1)
        {
            if (Vector512.IsHardwareAccelerated)
                for (; t + Vector512<T>.Count <= n; t += Vector512<T>.Count)
                    Vector512.Store(Vector512.Load(d + t) + Vector512.Load(s + t), d + t);
            if (Vector256.IsHardwareAccelerated)
                for (; t + Vector256<T>.Count <= n; t += Vector256<T>.Count)
                    Vector256.Store(Vector256.Load(d + t) + Vector256.Load(s + t), d + t);
            if (Vector128.IsHardwareAccelerated)
                for (; t + Vector128<T>.Count <= n; t += Vector128<T>.Count)
                    Vector128.Store(Vector128.Load(d + t) + Vector128.Load(s + t), d + t);
            for (; t < n; t++) d[t] += s[t];
            return;
        }
        if (sw == 2 && n >= 4 && typeof(T) == typeof(float) && Avx512F.IsSupported)
        {
            // Rows of 4 and more (2 or 3 stay scalar): eight values at a time into the even lanes of the 15 they span (the odd lanes are neither read nor written).
            var pairs = Vector512.Create(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7);
            var evenLanes = Vector512.Create(-1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0).AsSingle();
            for (; t < n; t += 8)
            {
                int m = Math.Min(8, n - t);
                var values = Avx512F.PermuteVar16x32(Avx512F.MaskLoad((float*)s + t, FirstLanes(m), Vector512<float>.Zero), pairs);
                var lanes = evenLanes & FirstLanes(2 * m - 1);
                float* dt = (float*)d + 2 * t;
                Avx512F.MaskStore(dt, lanes, Avx512F.MaskLoad(dt, lanes, Vector512<float>.Zero) + values);
            }
            return;
        }
        for (; t < n; t++) d[(nint)t * sw] += s[t];
    }
}
