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
                // Four columns left (the rows of a 4×4 plane): four 4×4 blocks down the strip.
                if (c + 4 <= cols)
                {
                    for (int i = r; i < r + 16; i += 4) Transpose4x4(src + i * srcLd + c, srcLd, dst + c * dstLd + i, dstLd);
                    c += 4;
                }
                for (; c < cols; c++)
                    for (int i = r; i < r + 16; i++) dst[c * dstLd + i] = src[i * srcLd + c];
            }
            for (; r + 8 <= rows; r += 8)
            {
                int c = 0;
                for (; c + 8 <= cols; c += 8) GemmPacking.Transpose8x8(src + r * srcLd + c, srcLd, dst + c * dstLd + r, dstLd);
                if (c + 4 <= cols)
                {
                    Transpose4x4(src + r * srcLd + c, srcLd, dst + c * dstLd + r, dstLd);
                    Transpose4x4(src + (r + 4) * srcLd + c, srcLd, dst + c * dstLd + r + 4, dstLd);
                    c += 4;
                }
                for (; c < cols; c++)
                    for (int i = r; i < r + 8; i++) dst[c * dstLd + i] = src[i * srcLd + c];
            }
            // Four rows left (a 4-pixel image row read across its channels): 4×4 blocks along them.
            for (; r + 4 <= rows; r += 4)
            {
                int c = 0;
                for (; c + 4 <= cols; c += 4) Transpose4x4(src + r * srcLd + c, srcLd, dst + c * dstLd + r, dstLd);
                for (; c < cols; c++)
                    for (int i = r; i < r + 4; i++) dst[c * dstLd + i] = src[i * srcLd + c];
            }
        }
        // Remaining rows: walk each row (contiguous reads).
        for (; r < rows; r++)
        {
            float* s = src + r * srcLd;
            for (int c = 0; c < cols; c++) dst[c * dstLd + r] = s[c];
        }
    }

    /// <summary>dst[c·dstStride + r] = src[r·srcStride + c] for a 4×4 block (SSE's transpose of four rows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4(float* src, nint srcStride, float* dst, nint dstStride)
    {
        Vector128<float> r0 = Sse.LoadVector128(src), r1 = Sse.LoadVector128(src + srcStride);
        Vector128<float> r2 = Sse.LoadVector128(src + 2 * srcStride), r3 = Sse.LoadVector128(src + 3 * srcStride);
        Vector128<float> t0 = Sse.UnpackLow(r0, r1), t1 = Sse.UnpackLow(r2, r3);
        Vector128<float> t2 = Sse.UnpackHigh(r0, r1), t3 = Sse.UnpackHigh(r2, r3);
        Sse.Store(dst, Sse.MoveLowToHigh(t0, t1));
        Sse.Store(dst + dstStride, Sse.MoveHighToLow(t1, t0));
        Sse.Store(dst + 2 * dstStride, Sse.MoveLowToHigh(t2, t3));
        Sse.Store(dst + 3 * dstStride, Sse.MoveHighToLow(t3, t2));
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
