using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ember.Kernels;

/// <summary>
/// Implicit GEMM for a convolution's forward pass: packs blocks of a chunk's column matrix straight from the samples'
/// (zero-padded) planes into the GEMM's panels, so the column matrix is never written out and read back. Row
/// (c·KH + i)·KW + j, column s·OHW + oh·OW + ow of the matrix is plane s's element [c, oh·SH + i·DH, ow·SW + j·DW]; the
/// columns of a panel are cut into runs along output rows (one or two vector copies per row for maps of 16 or more
/// columns), or copied through per-column offsets when the rows are too short for runs to pay.
/// </summary>
internal readonly unsafe struct ColumnPacker<T> : IBPacker<T> where T : unmanaged, INumber<T>
{
    private readonly T* _x, _end;
    private readonly nint _sampleStride, _plane;
    private readonly int _oh, _ow, _kh, _kw, _sh, _sw, _dh, _dw, _wp;

    /// <summary>Packs from samples whose planes ([Cg, Hp, Wp]) start at x, x + sampleStride, …; reads stay before end.</summary>
    public ColumnPacker(T* x, T* end, nint sampleStride, in ConvGeometry g, int hp, int wp)
    {
        _x = x; _end = end; _sampleStride = sampleStride; _plane = (nint)hp * wp; _wp = wp;
        _oh = g.OH; _ow = g.OW; _kh = g.KH; _kw = g.KW; _sh = g.SH; _sw = g.SW; _dh = g.DH; _dw = g.DW;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Pack(T* dst, int pc, int kc, int jc, int nc, int nr)
    {
        int ohw = _oh * _ow;
        int* runStart = stackalloc int[nr];
        int* runLen = stackalloc int[nr];
        nint* runBase = stackalloc nint[nr];
        for (int x0 = 0; x0 < nc; x0 += nr)
        {
            int w = Math.Min(nr, nc - x0), runs = 0;
            int col = jc + x0, s = col / ohw, q = col % ohw, oh = q / _ow, ow = q % _ow;
            for (int x = 0; x < w;)
            {
                int len = Math.Min(w - x, _ow - ow);
                runStart[runs] = x;
                runLen[runs] = len;
                runBase[runs] = s * _sampleStride + (nint)oh * _sh * _wp + (nint)ow * _sw;
                runs++;
                x += len;
                ow += len;
                if (ow == _ow)
                {
                    ow = 0;
                    if (++oh == _oh) { oh = 0; s++; }
                }
            }
            T* panel = dst + (nint)x0 * kc;
            if (runs > 4)
            {
                Gather(panel, pc, kc, nr, w, runs, runStart, runLen, runBase);
                continue;
            }
            int kk = _kh * _kw, r0 = pc, c = r0 / kk, i = r0 % kk / _kw, j = r0 % _kw;
            for (int p = 0; p < kc; p++)
            {
                nint rowOff = c * _plane + (nint)i * _dh * _wp + (nint)j * _dw;
                T* d = panel + (nint)p * nr;
                for (int u = 0; u < runs; u++)
                    ConvColumns.CopyRow(_x + runBase[u] + rowOff, d + runStart[u], runLen[u], _sw, _end);
                for (int x = w; x < nr; x++) d[x] = T.Zero;
                if (++j == _kw)
                {
                    j = 0;
                    if (++i == _kh) { i = 0; c++; }
                }
            }
        }
    }

    /// <summary>Short rows (maps of a few columns): each row of the panel is copied element by element through the
    /// columns' precomputed offsets, instead of one short run at a time.</summary>
    private void Gather(T* panel, int pc, int kc, int nr, int w, int runs, int* runStart, int* runLen, nint* runBase)
    {
        nint* off = stackalloc nint[nr];
        for (int u = 0; u < runs; u++)
            for (int t = 0; t < runLen[u]; t++)
                off[runStart[u] + t] = runBase[u] + (nint)t * _sw;
        int kk = _kh * _kw, c = pc / kk, i = pc % kk / _kw, j = pc % _kw;
        for (int p = 0; p < kc; p++)
        {
            T* b = _x + c * _plane + (nint)i * _dh * _wp + (nint)j * _dw;
            T* d = panel + (nint)p * nr;
            for (int x = 0; x < w; x++) d[x] = b[off[x]];
            for (int x = w; x < nr; x++) d[x] = T.Zero;
            if (++j == _kw)
            {
                j = 0;
                if (++i == _kh) { i = 0; c++; }
            }
        }
    }
}

/// <summary>
/// Implicit GEMM for a convolution's weight gradient, whose B is the transposed column matrix (B[t, r] = column matrix
/// [r, t]): for each panel, the 32 (NR) rows r it needs are cut from the samples' planes over the block's pixels into a
/// small per-thread block that stays in cache, then transposed into the panel — instead of writing the whole column
/// matrix out and reading it back.
/// </summary>
internal readonly unsafe struct TransposedColumnPacker<T> : IBPacker<T> where T : unmanaged, INumber<T>
{
    private readonly T* _x, _end;
    private readonly nint _sampleStride, _plane;
    private readonly int _oh, _ow, _kh, _kw, _sh, _sw, _dh, _dw, _wp;

    [ThreadStatic] private static T[]? t_block;

    /// <summary>Packs from samples whose planes ([Cg, Hp, Wp]) start at x, x + sampleStride, …; reads stay before end.</summary>
    public TransposedColumnPacker(T* x, T* end, nint sampleStride, in ConvGeometry g, int hp, int wp)
    {
        _x = x; _end = end; _sampleStride = sampleStride; _plane = (nint)hp * wp; _wp = wp;
        _oh = g.OH; _ow = g.OW; _kh = g.KH; _kw = g.KW; _sh = g.SH; _sw = g.SW; _dh = g.DH; _dw = g.DW;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Pack(T* dst, int pc, int kc, int jc, int nc, int nr)
    {
        // The block's pixels [pc, pc + kc) as runs along output rows, the same for every row r.
        int ohw = _oh * _ow;
        int* runStart = stackalloc int[kc];
        int* runLen = stackalloc int[kc];
        nint* runBase = stackalloc nint[kc];
        int runs = 0;
        int s = pc / ohw, q = pc % ohw, oh = q / _ow, ow = q % _ow;
        for (int p = 0; p < kc;)
        {
            int len = Math.Min(kc - p, _ow - ow);
            runStart[runs] = p;
            runLen[runs] = len;
            runBase[runs] = s * _sampleStride + (nint)oh * _sh * _wp + (nint)ow * _sw;
            runs++;
            p += len;
            ow += len;
            if (ow == _ow)
            {
                ow = 0;
                if (++oh == _oh) { oh = 0; s++; }
            }
        }
        // Runs of a few pixels (maps of a few columns) are copied through per-pixel offsets instead.
        bool shortRuns = runs * 4 > kc;
        nint* off = stackalloc nint[shortRuns ? kc : 0];
        for (int u = 0; shortRuns && u < runs; u++)
            for (int t = 0; t < runLen[u]; t++)
                off[runStart[u] + t] = runBase[u] + (nint)t * _sw;
        var block = t_block;
        if (block is null || block.Length < nr * kc) t_block = block = new T[nr * kc];
        int kk = _kh * _kw;
        fixed (T* bp = block)
            for (int x0 = 0; x0 < nc; x0 += nr)
            {
                int w = Math.Min(nr, nc - x0);
                for (int x = 0; x < w; x++)
                {
                    int r = jc + x0 + x, c = r / kk, i = r % kk / _kw, j = r % _kw;
                    T* src = _x + c * _plane + (nint)i * _dh * _wp + (nint)j * _dw;
                    T* row = bp + (nint)x * kc;
                    if (shortRuns)
                        for (int p = 0; p < kc; p++) row[p] = src[off[p]];
                    else
                        for (int u = 0; u < runs; u++)
                            ConvColumns.CopyRow(src + runBase[u], row + runStart[u], runLen[u], _sw, _end);
                }
                GemmPacking.Pack(dst + (nint)x0 * kc, bp, kc, 1, w, kc, nr);
            }
    }
}
