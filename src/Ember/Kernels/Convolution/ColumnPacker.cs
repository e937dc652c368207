using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ember.Kernels;

/// <summary>
/// The samples an implicit GEMM reads its column matrix from: planes [Cg, Hp, Wp] (zero-padded, or the input itself when
/// no padding is needed) at x, x + sampleStride, …; row (c·KH + i)·KW + j, column s·OHW + oh·OW + ow of the matrix is
/// sample s's element [c, oh·SH + i·DH, ow·SW + j·DW]. Reads stay before <see cref="End"/>.
/// </summary>
internal readonly unsafe struct ConvPlanes<T> where T : unmanaged, INumber<T>
{
    /// <summary>The first sample's planes and the end of readable memory.</summary>
    public readonly T* X, End;
    /// <summary>Elements between two samples' planes, and between two planes.</summary>
    public readonly nint SampleStride, Plane;
    /// <summary>The geometry's output size, kernel, strides and dilations, and the padded width.</summary>
    public readonly int OH, OW, KH, KW, SH, SW, DH, DW, Wp;

    /// <summary>Describes samples whose padded planes are hp × wp.</summary>
    public ConvPlanes(T* x, T* end, nint sampleStride, in ConvGeometry g, int hp, int wp)
    {
        X = x; End = end; SampleStride = sampleStride; Plane = (nint)hp * wp; Wp = wp;
        OH = g.OH; OW = g.OW; KH = g.KH; KW = g.KW; SH = g.SH; SW = g.SW; DH = g.DH; DW = g.DW;
    }

    /// <summary>Offset of row r = (c·KH + i)·KW + j of the column matrix (its tap) from a sample's first plane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public nint TapOffset(int c, int i, int j) => c * Plane + (nint)i * DH * Wp + (nint)j * DW;

    /// <summary>Splits row r into its tap (c, i, j).</summary>
    public void Tap(int r, out int c, out int i, out int j)
    {
        int kk = KH * KW;
        c = r / kk;
        i = r % kk / KW;
        j = r % KW;
    }

    /// <summary>Advances (c, i, j) to the next row of the column matrix.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void NextTap(ref int c, ref int i, ref int j)
    {
        if (++j < KW) return;
        j = 0;
        if (++i < KH) return;
        i = 0;
        c++;
    }

    /// <summary>
    /// Cuts columns [first, first + count) of the column matrix into runs along output rows: run u covers columns
    /// start[u] … start[u] + len[u] − 1 (relative to first), whose tap-0 elements are every SW-th from baseOff[u].
    /// Returns the number of runs.
    /// </summary>
    public int Runs(int first, int count, int* start, int* len, nint* baseOff)
    {
        int ohw = OH * OW, runs = 0;
        int s = first / ohw, q = first % ohw, oh = q / OW, ow = q % OW;
        for (int x = 0; x < count;)
        {
            int n = Math.Min(count - x, OW - ow);
            start[runs] = x;
            len[runs] = n;
            baseOff[runs] = s * SampleStride + (nint)oh * SH * Wp + (nint)ow * SW;
            runs++;
            x += n;
            ow += n;
            if (ow == OW)
            {
                ow = 0;
                if (++oh == OH) { oh = 0; s++; }
            }
        }
        return runs;
    }

    /// <summary>The offset of every column of the runs (for rows too short to copy run by run).</summary>
    public void ColumnOffsets(int runs, int* start, int* len, nint* baseOff, nint* off)
    {
        for (int u = 0; u < runs; u++)
            for (int t = 0; t < len[u]; t++)
                off[start[u] + t] = baseOff[u] + (nint)t * SW;
    }
}

/// <summary>
/// Implicit GEMM for a convolution's forward pass: packs blocks of the column matrix (B[r, t]) straight from the samples
/// into the GEMM's panels, so the matrix is never written out and read back. The columns of a panel are cut into runs
/// along output rows (one or two vector copies per row for maps of 16 or more columns), or copied through per-column
/// offsets when the rows are too short for runs to pay.
/// </summary>
internal readonly unsafe struct ColumnPacker<T>(ConvPlanes<T> planes) : IBPacker<T> where T : unmanaged, INumber<T>
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Pack(T* dst, int pc, int kc, int jc, int nc, int nr)
    {
        var pl = planes;
        int* runStart = stackalloc int[nr];
        int* runLen = stackalloc int[nr];
        nint* runBase = stackalloc nint[nr];
        nint* off = stackalloc nint[nr];
        for (int x0 = 0; x0 < nc; x0 += nr)
        {
            int w = Math.Min(nr, nc - x0);
            int runs = pl.Runs(jc + x0, w, runStart, runLen, runBase);
            bool shortRuns = runs > 4;
            if (shortRuns) pl.ColumnOffsets(runs, runStart, runLen, runBase, off);
            T* panel = dst + (nint)x0 * kc;
            pl.Tap(pc, out int c, out int i, out int j);
            for (int p = 0; p < kc; p++, pl.NextTap(ref c, ref i, ref j))
            {
                T* src = pl.X + pl.TapOffset(c, i, j);
                T* d = panel + (nint)p * nr;
                if (shortRuns)
                    for (int x = 0; x < w; x++) d[x] = src[off[x]];
                else
                    for (int u = 0; u < runs; u++)
                        ConvColumns.CopyRow(src + runBase[u], d + runStart[u], runLen[u], pl.SW, pl.End);
                for (int x = w; x < nr; x++) d[x] = T.Zero;
            }
        }
    }
}

/// <summary>
/// Implicit GEMM for a convolution's weight gradient, whose B is the transposed column matrix (B[t, r] = column matrix
/// [r, t]): for each panel, the NR rows r it needs are cut from the samples over the block's pixels into a small
/// per-thread block that stays in cache, then transposed into the panel — instead of writing the whole column matrix out
/// and reading it back.
/// </summary>
internal readonly unsafe struct TransposedColumnPacker<T>(ConvPlanes<T> planes) : IBPacker<T> where T : unmanaged, INumber<T>
{
    [ThreadStatic] private static T[]? t_block;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Pack(T* dst, int pc, int kc, int jc, int nc, int nr)
    {
        var pl = planes;
        // The block's pixels [pc, pc + kc) as runs along output rows, the same for every row r; runs of a few pixels
        // (maps of a few columns) are copied through per-pixel offsets instead.
        int* runStart = stackalloc int[kc];
        int* runLen = stackalloc int[kc];
        nint* runBase = stackalloc nint[kc];
        int runs = pl.Runs(pc, kc, runStart, runLen, runBase);
        bool shortRuns = runs * 4 > kc;
        nint* off = stackalloc nint[shortRuns ? kc : 0];
        if (shortRuns) pl.ColumnOffsets(runs, runStart, runLen, runBase, off);
        var block = t_block;
        if (block is null || block.Length < nr * kc) t_block = block = new T[nr * kc];
        fixed (T* bp = block)
            for (int x0 = 0; x0 < nc; x0 += nr)
            {
                int w = Math.Min(nr, nc - x0);
                pl.Tap(jc + x0, out int c, out int i, out int j);
                for (int x = 0; x < w; x++, pl.NextTap(ref c, ref i, ref j))
                {
                    T* src = pl.X + pl.TapOffset(c, i, j);
                    T* row = bp + (nint)x * kc;
                    if (shortRuns)
                        for (int p = 0; p < kc; p++) row[p] = src[off[p]];
                    else
                        for (int u = 0; u < runs; u++)
                            ConvColumns.CopyRow(src + runBase[u], row + runStart[u], runLen[u], pl.SW, pl.End);
                }
                GemmPacking.Pack(dst + (nint)x0 * kc, bp, kc, 1, w, kc, nr);
            }
    }
}
