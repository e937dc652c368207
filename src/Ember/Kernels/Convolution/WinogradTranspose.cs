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
                for (; c + 8 <= cols; c += 8) GemmPacking.Transpose8x8(src + r * srcLd + c, srcLd, dst + c * dstLd + r, dstLd);
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
}
