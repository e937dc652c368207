using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ember.Kernels;

/// <summary>
/// Packing of GEMM operands into micro-panels. Both A and B are packed by the same routine: a block of
/// <c>count</c> "panel-direction" lines (rows of A, or columns of B) by <c>kc</c> depth steps is rearranged into
/// ⌈count/W⌉ panels, each holding kc groups of W consecutive values (W = MR for A, NR for B), with the last
/// panel zero-padded. Element (x, p) of the source is at <c>src[x*xs + p*ps]</c>.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>Packs <paramref name="count"/>×<paramref name="kc"/> values into W-wide panels at <paramref name="dst"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack<T>(T* dst, T* src, nint xs, nint ps, int count, int kc, int W) where T : unmanaged, INumber<T>
    {
        for (int x0 = 0; x0 < count; x0 += W)
        {
            int w = Math.Min(W, count - x0);
            T* d = dst + (nint)x0 * kc;
            T* s = src + x0 * xs;
            if (xs == 1)
                PackContiguousLines(d, s, ps, w, kc, W);
            else if (ps == 1)
                PackTransposed(d, s, xs, w, kc, W);
            else
                PackStrided(d, s, xs, ps, w, kc, W);
        }
    }

    /// <summary>The W values of each depth step are contiguous in the source: one block copy per step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackContiguousLines<T>(T* d, T* s, nint ps, int w, int kc, int W) where T : unmanaged, INumber<T>
    {
        if (w == W && Vector256.IsHardwareAccelerated && W % Vector256<T>.Count == 0)
        {
            // Whole vectors (a block copy of a size known only at run time would call memmove per line).
            for (int p = 0; p < kc; p++)
            {
                T* dp = d + p * W, sp = s + p * ps;
                for (int x = 0; x < W; x += Vector256<T>.Count) Vector256.Store(Vector256.Load(sp + x), dp + x);
            }
        }
        else if (w == W)
        {
            uint bytes = (uint)(W * sizeof(T));
            for (int p = 0; p < kc; p++)
                Unsafe.CopyBlockUnaligned(d + p * W, s + p * ps, bytes);
        }
        else
        {
            for (int p = 0; p < kc; p++)
            {
                T* dp = d + p * W, sp = s + p * ps;
                for (int x = 0; x < w; x++) dp[x] = sp[x];
                for (int x = w; x < W; x++) dp[x] = T.Zero;
            }
        }
    }

    /// <summary>Each source line is contiguous along the depth: a transpose, done in SIMD 8×8 (float) or 4×4 (double) blocks where possible.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackTransposed<T>(T* d, T* s, nint xs, int w, int kc, int W) where T : unmanaged, INumber<T>
    {
        int x = 0;
        if (Avx.IsSupported)
        {
            if (typeof(T) == typeof(float))
            {
                int kc8 = kc & ~7;
                for (; x + 8 <= w; x += 8)
                {
                    float* sx = (float*)(s + x * xs);
                    float* dx = (float*)(d + x);
                    for (int p = 0; p < kc8; p += 8)
                        Transpose8x8(sx + p, xs, dx + p * W, W);
                    for (int p = kc8; p < kc; p++)
                        for (int i = 0; i < 8; i++) dx[p * W + i] = sx[i * xs + p];
                }
            }
            else if (typeof(T) == typeof(double))
            {
                int kc4 = kc & ~3;
                for (; x + 4 <= w; x += 4)
                {
                    double* sx = (double*)(s + x * xs);
                    double* dx = (double*)(d + x);
                    for (int p = 0; p < kc4; p += 4)
                        Transpose4x4(sx + p, xs, dx + p * W, W);
                    for (int p = kc4; p < kc; p++)
                        for (int i = 0; i < 4; i++) dx[p * W + i] = sx[i * xs + p];
                }
            }
        }
        if (x < W)
        {
            // Remaining lines (all of them without AVX), in depth chunks so the destination stays in L1.
            const int PB = 64;
            for (int p0 = 0; p0 < kc; p0 += PB)
            {
                int p1 = Math.Min(kc, p0 + PB);
                for (int xx = x; xx < w; xx++)
                {
                    T* sx = s + xx * xs;
                    for (int p = p0; p < p1; p++) d[p * W + xx] = sx[p];
                }
                for (int xx = Math.Max(x, w); xx < W; xx++)
                    for (int p = p0; p < p1; p++) d[p * W + xx] = T.Zero;
            }
        }
    }

    /// <summary>Fully general strides: scalar gather.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackStrided<T>(T* d, T* s, nint xs, nint ps, int w, int kc, int W) where T : unmanaged, INumber<T>
    {
        for (int p = 0; p < kc; p++)
        {
            T* dp = d + p * W, sp = s + p * ps;
            for (int x = 0; x < w; x++) dp[x] = sp[x * xs];
            for (int x = w; x < W; x++) dp[x] = T.Zero;
        }
    }

    /// <summary>dst[c*dstStride + r] = src[r*srcStride + c] for an 8×8 block of floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Transpose8x8(float* src, nint srcStride, float* dst, nint dstStride)
    {
        Vector256<float> r0 = Avx.LoadVector256(src), r1 = Avx.LoadVector256(src + srcStride);
        Vector256<float> r2 = Avx.LoadVector256(src + 2 * srcStride), r3 = Avx.LoadVector256(src + 3 * srcStride);
        Vector256<float> r4 = Avx.LoadVector256(src + 4 * srcStride), r5 = Avx.LoadVector256(src + 5 * srcStride);
        Vector256<float> r6 = Avx.LoadVector256(src + 6 * srcStride), r7 = Avx.LoadVector256(src + 7 * srcStride);
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44), s5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44), s7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(dst + 2 * dstStride, Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(dst + 3 * dstStride, Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(dst + 4 * dstStride, Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(dst + 5 * dstStride, Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(dst + 6 * dstStride, Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(dst + 7 * dstStride, Avx.Permute2x128(s3, s7, 0x31));
    }

    /// <summary>dst[c*dstStride + r] = src[r*srcStride + c] for a 4×4 block of doubles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4(double* src, nint srcStride, double* dst, nint dstStride)
    {
        Vector256<double> r0 = Avx.LoadVector256(src), r1 = Avx.LoadVector256(src + srcStride);
        Vector256<double> r2 = Avx.LoadVector256(src + 2 * srcStride), r3 = Avx.LoadVector256(src + 3 * srcStride);
        Vector256<double> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<double> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Avx.Store(dst, Avx.Permute2x128(t0, t2, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(t1, t3, 0x20));
        Avx.Store(dst + 2 * dstStride, Avx.Permute2x128(t0, t2, 0x31));
        Avx.Store(dst + 3 * dstStride, Avx.Permute2x128(t1, t3, 0x31));
    }
}
