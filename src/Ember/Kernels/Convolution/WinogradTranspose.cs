using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ember.Kernels;

/// <summary>
/// The layout changes around the Winograd transforms (planes [C, H·W] ↔ pixels [H·W, C]), the tap pairs' batch-last
/// copies and the weight layouts: a float matrix transpose in 8×8 register blocks where AVX is available, two blocks
/// down at a time so that each destination line is written whole (a [256, 2304] weight: 220 → 125 µs), scalar
/// elsewhere and at the edges; <see cref="InParallel"/> splits it over the team. Pure data movement (exact).
/// </summary>
internal static unsafe class WinogradTranspose
{
    /// <summary>dst[c·dstLd + r] = src[r·srcLd + c] for r &lt; rows, c &lt; cols.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(float* src, nint srcLd, int rows, int cols, float* dst, nint dstLd)
    {
        int r = 0;
        if (Avx.IsSupported)
        {
            // Strips of 16 rows: each destination line gets its 64 bytes from two blocks in a row, so it is written once
            // rather than half now and half after the whole strip's width has gone through the cache.
            for (; r + 16 <= rows; r += 16)
            {
                int c = 0;
                for (; c + 8 <= cols; c += 8)
                {
                    GemmPacking.Transpose8x8(src + r * srcLd + c, srcLd, dst + c * dstLd + r, dstLd);
                    GemmPacking.Transpose8x8(src + (r + 8) * srcLd + c, srcLd, dst + c * dstLd + r + 8, dstLd);
                }
                for (; c < cols; c++)
                    for (int i = r; i < r + 16; i++) dst[c * dstLd + i] = src[i * srcLd + c];
            }
            for (; r + 8 <= rows; r += 8)
            {
                int c = 0;
                for (; c + 8 <= cols; c += 8) GemmPacking.Transpose8x8(src + r * srcLd + c, srcLd, dst + c * dstLd + r, dstLd);
                for (; c < cols; c++)
                    for (int i = r; i < r + 8; i++) dst[c * dstLd + i] = src[i * srcLd + c];
            }
        }
        // Remaining rows: walk each row (contiguous reads).
        for (; r < rows; r++)
        {
            float* s = src + r * srcLd;
            for (int c = 0; c < cols; c++) dst[c * dstLd + r] = s[c];
        }
    }

    /// <summary><see cref="Run"/> split over the team along the longer side.</summary>
    public static void InParallel(float* src, nint srcLd, int rows, int cols, float* dst, nint dstLd)
    {
        nint s = (nint)src, d = (nint)dst;
        long work = (long)rows * cols;
        if (rows >= cols)
            RowParallel.Rows(rows, work, (r0, len) => Run((float*)s + r0 * srcLd, srcLd, len, cols, (float*)d + r0, dstLd));
        else
            RowParallel.Rows(cols, work, (c0, len) => Run((float*)s + c0, srcLd, rows, len, (float*)d + c0 * dstLd, dstLd));
    }
}
