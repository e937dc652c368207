using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ember.Kernels;

/// <summary>
/// The layout changes around the Winograd transforms (planes [C, H·W] ↔ pixels [H·W, C]): a float matrix transpose in
/// 8×8 register blocks where AVX is available, scalar elsewhere and at the edges. Pure data movement (exact).
/// </summary>
internal static unsafe class WinogradTranspose
{
    /// <summary>dst[c·dstLd + r] = src[r·srcLd + c] for r &lt; rows, c &lt; cols.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(float* src, nint srcLd, int rows, int cols, float* dst, nint dstLd)
    {
        int r = 0;
        if (Avx.IsSupported)
            for (; r + 8 <= rows; r += 8)
            {
                int c = 0;
                for (; c + 8 <= cols; c += 8) Block8(src + r * srcLd + c, srcLd, dst + c * dstLd + r, dstLd);
                for (; c < cols; c++)
                    for (int i = r; i < r + 8; i++) dst[c * dstLd + i] = src[i * srcLd + c];
            }
        // Remaining rows: walk each row (contiguous reads).
        for (; r < rows; r++)
        {
            float* s = src + r * srcLd;
            for (int c = 0; c < cols; c++) dst[c * dstLd + r] = s[c];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block8(float* src, nint ss, float* dst, nint ds)
    {
        Vector256<float> r0 = Avx.LoadVector256(src), r1 = Avx.LoadVector256(src + ss);
        Vector256<float> r2 = Avx.LoadVector256(src + 2 * ss), r3 = Avx.LoadVector256(src + 3 * ss);
        Vector256<float> r4 = Avx.LoadVector256(src + 4 * ss), r5 = Avx.LoadVector256(src + 5 * ss);
        Vector256<float> r6 = Avx.LoadVector256(src + 6 * ss), r7 = Avx.LoadVector256(src + 7 * ss);
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44), s5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44), s7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(dst + ds, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(dst + 2 * ds, Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(dst + 3 * ds, Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(dst + 4 * ds, Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(dst + 5 * ds, Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(dst + 6 * ds, Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(dst + 7 * ds, Avx.Permute2x128(s3, s7, 0x31));
    }
}
