// Register-blocked GEMM micro-kernels. The bodies are mechanical unrollings of one pattern (MR rows × NV vectors
// of accumulators); keep all kernels in step when editing.
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ember.Kernels;

/// <summary>8×2·Vector512&lt;T&gt;.Count register-blocked micro-kernel using Vector512 FMA.</summary>
internal unsafe struct Kernel512x8x2<T> : IGemmKernel<T> where T : unmanaged, INumber<T>
{
    /// <inheritdoc/>
    public static int MR => 8;
    /// <inheritdoc/>
    public static int NR => 2 * Vector512<T>.Count;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, T* b, T* c, nint ldc, bool accumulate)
    {
        Vector512<T> c00 = default; Vector512<T> c01 = default;
        Vector512<T> c10 = default; Vector512<T> c11 = default;
        Vector512<T> c20 = default; Vector512<T> c21 = default;
        Vector512<T> c30 = default; Vector512<T> c31 = default;
        Vector512<T> c40 = default; Vector512<T> c41 = default;
        Vector512<T> c50 = default; Vector512<T> c51 = default;
        Vector512<T> c60 = default; Vector512<T> c61 = default;
        Vector512<T> c70 = default; Vector512<T> c71 = default;
        Vector512<T> av;
        Vector512<T> b0, b1;
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(c + 0 * ldc + 0 * Vector512<T>.Count);
            Sse.Prefetch0(c + 0 * ldc + 1 * Vector512<T>.Count);
            Sse.Prefetch0(c + 1 * ldc + 0 * Vector512<T>.Count);
            Sse.Prefetch0(c + 1 * ldc + 1 * Vector512<T>.Count);
            Sse.Prefetch0(c + 2 * ldc + 0 * Vector512<T>.Count);
            Sse.Prefetch0(c + 2 * ldc + 1 * Vector512<T>.Count);
            Sse.Prefetch0(c + 3 * ldc + 0 * Vector512<T>.Count);
            Sse.Prefetch0(c + 3 * ldc + 1 * Vector512<T>.Count);
            Sse.Prefetch0(c + 4 * ldc + 0 * Vector512<T>.Count);
            Sse.Prefetch0(c + 4 * ldc + 1 * Vector512<T>.Count);
            Sse.Prefetch0(c + 5 * ldc + 0 * Vector512<T>.Count);
            Sse.Prefetch0(c + 5 * ldc + 1 * Vector512<T>.Count);
            Sse.Prefetch0(c + 6 * ldc + 0 * Vector512<T>.Count);
            Sse.Prefetch0(c + 6 * ldc + 1 * Vector512<T>.Count);
            Sse.Prefetch0(c + 7 * ldc + 0 * Vector512<T>.Count);
            Sse.Prefetch0(c + 7 * ldc + 1 * Vector512<T>.Count);
        }
        int p = 0;
        for (; p < kc; p++)
        {
            b0 = Vector512.Load(b + 0 * NR + 0 * Vector512<T>.Count);
            b1 = Vector512.Load(b + 0 * NR + 1 * Vector512<T>.Count);
            av = Vector512.Create(a[0 * 8 + 0]); c00 = V.Fma(av, b0, c00); c01 = V.Fma(av, b1, c01);
            av = Vector512.Create(a[0 * 8 + 1]); c10 = V.Fma(av, b0, c10); c11 = V.Fma(av, b1, c11);
            av = Vector512.Create(a[0 * 8 + 2]); c20 = V.Fma(av, b0, c20); c21 = V.Fma(av, b1, c21);
            av = Vector512.Create(a[0 * 8 + 3]); c30 = V.Fma(av, b0, c30); c31 = V.Fma(av, b1, c31);
            av = Vector512.Create(a[0 * 8 + 4]); c40 = V.Fma(av, b0, c40); c41 = V.Fma(av, b1, c41);
            av = Vector512.Create(a[0 * 8 + 5]); c50 = V.Fma(av, b0, c50); c51 = V.Fma(av, b1, c51);
            av = Vector512.Create(a[0 * 8 + 6]); c60 = V.Fma(av, b0, c60); c61 = V.Fma(av, b1, c61);
            av = Vector512.Create(a[0 * 8 + 7]); c70 = V.Fma(av, b0, c70); c71 = V.Fma(av, b1, c71);
            a += 8; b += NR;
        }
        if (accumulate)
        {
            { T* cr = c + 0 * ldc; Vector512.Store(c00 + Vector512.Load(cr + 0 * Vector512<T>.Count), cr + 0 * Vector512<T>.Count); Vector512.Store(c01 + Vector512.Load(cr + 1 * Vector512<T>.Count), cr + 1 * Vector512<T>.Count); }
            { T* cr = c + 1 * ldc; Vector512.Store(c10 + Vector512.Load(cr + 0 * Vector512<T>.Count), cr + 0 * Vector512<T>.Count); Vector512.Store(c11 + Vector512.Load(cr + 1 * Vector512<T>.Count), cr + 1 * Vector512<T>.Count); }
            { T* cr = c + 2 * ldc; Vector512.Store(c20 + Vector512.Load(cr + 0 * Vector512<T>.Count), cr + 0 * Vector512<T>.Count); Vector512.Store(c21 + Vector512.Load(cr + 1 * Vector512<T>.Count), cr + 1 * Vector512<T>.Count); }
            { T* cr = c + 3 * ldc; Vector512.Store(c30 + Vector512.Load(cr + 0 * Vector512<T>.Count), cr + 0 * Vector512<T>.Count); Vector512.Store(c31 + Vector512.Load(cr + 1 * Vector512<T>.Count), cr + 1 * Vector512<T>.Count); }
            { T* cr = c + 4 * ldc; Vector512.Store(c40 + Vector512.Load(cr + 0 * Vector512<T>.Count), cr + 0 * Vector512<T>.Count); Vector512.Store(c41 + Vector512.Load(cr + 1 * Vector512<T>.Count), cr + 1 * Vector512<T>.Count); }
            { T* cr = c + 5 * ldc; Vector512.Store(c50 + Vector512.Load(cr + 0 * Vector512<T>.Count), cr + 0 * Vector512<T>.Count); Vector512.Store(c51 + Vector512.Load(cr + 1 * Vector512<T>.Count), cr + 1 * Vector512<T>.Count); }
            { T* cr = c + 6 * ldc; Vector512.Store(c60 + Vector512.Load(cr + 0 * Vector512<T>.Count), cr + 0 * Vector512<T>.Count); Vector512.Store(c61 + Vector512.Load(cr + 1 * Vector512<T>.Count), cr + 1 * Vector512<T>.Count); }
            { T* cr = c + 7 * ldc; Vector512.Store(c70 + Vector512.Load(cr + 0 * Vector512<T>.Count), cr + 0 * Vector512<T>.Count); Vector512.Store(c71 + Vector512.Load(cr + 1 * Vector512<T>.Count), cr + 1 * Vector512<T>.Count); }
        }
        else
        {
            { T* cr = c + 0 * ldc; Vector512.Store(c00, cr + 0 * Vector512<T>.Count); Vector512.Store(c01, cr + 1 * Vector512<T>.Count); }
            { T* cr = c + 1 * ldc; Vector512.Store(c10, cr + 0 * Vector512<T>.Count); Vector512.Store(c11, cr + 1 * Vector512<T>.Count); }
            { T* cr = c + 2 * ldc; Vector512.Store(c20, cr + 0 * Vector512<T>.Count); Vector512.Store(c21, cr + 1 * Vector512<T>.Count); }
            { T* cr = c + 3 * ldc; Vector512.Store(c30, cr + 0 * Vector512<T>.Count); Vector512.Store(c31, cr + 1 * Vector512<T>.Count); }
            { T* cr = c + 4 * ldc; Vector512.Store(c40, cr + 0 * Vector512<T>.Count); Vector512.Store(c41, cr + 1 * Vector512<T>.Count); }
            { T* cr = c + 5 * ldc; Vector512.Store(c50, cr + 0 * Vector512<T>.Count); Vector512.Store(c51, cr + 1 * Vector512<T>.Count); }
            { T* cr = c + 6 * ldc; Vector512.Store(c60, cr + 0 * Vector512<T>.Count); Vector512.Store(c61, cr + 1 * Vector512<T>.Count); }
            { T* cr = c + 7 * ldc; Vector512.Store(c70, cr + 0 * Vector512<T>.Count); Vector512.Store(c71, cr + 1 * Vector512<T>.Count); }
        }
    }
}

/// <summary>6×2·Vector256&lt;T&gt;.Count register-blocked micro-kernel using Vector256 FMA.</summary>
internal unsafe struct Kernel256x6x2<T> : IGemmKernel<T> where T : unmanaged, INumber<T>
{
    /// <inheritdoc/>
    public static int MR => 6;
    /// <inheritdoc/>
    public static int NR => 2 * Vector256<T>.Count;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, T* b, T* c, nint ldc, bool accumulate)
    {
        Vector256<T> c00 = default; Vector256<T> c01 = default;
        Vector256<T> c10 = default; Vector256<T> c11 = default;
        Vector256<T> c20 = default; Vector256<T> c21 = default;
        Vector256<T> c30 = default; Vector256<T> c31 = default;
        Vector256<T> c40 = default; Vector256<T> c41 = default;
        Vector256<T> c50 = default; Vector256<T> c51 = default;
        Vector256<T> av;
        Vector256<T> b0, b1;
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(c + 0 * ldc + 0 * Vector256<T>.Count);
            Sse.Prefetch0(c + 0 * ldc + 1 * Vector256<T>.Count);
            Sse.Prefetch0(c + 1 * ldc + 0 * Vector256<T>.Count);
            Sse.Prefetch0(c + 1 * ldc + 1 * Vector256<T>.Count);
            Sse.Prefetch0(c + 2 * ldc + 0 * Vector256<T>.Count);
            Sse.Prefetch0(c + 2 * ldc + 1 * Vector256<T>.Count);
            Sse.Prefetch0(c + 3 * ldc + 0 * Vector256<T>.Count);
            Sse.Prefetch0(c + 3 * ldc + 1 * Vector256<T>.Count);
            Sse.Prefetch0(c + 4 * ldc + 0 * Vector256<T>.Count);
            Sse.Prefetch0(c + 4 * ldc + 1 * Vector256<T>.Count);
            Sse.Prefetch0(c + 5 * ldc + 0 * Vector256<T>.Count);
            Sse.Prefetch0(c + 5 * ldc + 1 * Vector256<T>.Count);
        }
        int p = 0;
        for (; p < kc; p++)
        {
            b0 = Vector256.Load(b + 0 * NR + 0 * Vector256<T>.Count);
            b1 = Vector256.Load(b + 0 * NR + 1 * Vector256<T>.Count);
            av = Vector256.Create(a[0 * 6 + 0]); c00 = V.Fma(av, b0, c00); c01 = V.Fma(av, b1, c01);
            av = Vector256.Create(a[0 * 6 + 1]); c10 = V.Fma(av, b0, c10); c11 = V.Fma(av, b1, c11);
            av = Vector256.Create(a[0 * 6 + 2]); c20 = V.Fma(av, b0, c20); c21 = V.Fma(av, b1, c21);
            av = Vector256.Create(a[0 * 6 + 3]); c30 = V.Fma(av, b0, c30); c31 = V.Fma(av, b1, c31);
            av = Vector256.Create(a[0 * 6 + 4]); c40 = V.Fma(av, b0, c40); c41 = V.Fma(av, b1, c41);
            av = Vector256.Create(a[0 * 6 + 5]); c50 = V.Fma(av, b0, c50); c51 = V.Fma(av, b1, c51);
            a += 6; b += NR;
        }
        if (accumulate)
        {
            { T* cr = c + 0 * ldc; Vector256.Store(c00 + Vector256.Load(cr + 0 * Vector256<T>.Count), cr + 0 * Vector256<T>.Count); Vector256.Store(c01 + Vector256.Load(cr + 1 * Vector256<T>.Count), cr + 1 * Vector256<T>.Count); }
            { T* cr = c + 1 * ldc; Vector256.Store(c10 + Vector256.Load(cr + 0 * Vector256<T>.Count), cr + 0 * Vector256<T>.Count); Vector256.Store(c11 + Vector256.Load(cr + 1 * Vector256<T>.Count), cr + 1 * Vector256<T>.Count); }
            { T* cr = c + 2 * ldc; Vector256.Store(c20 + Vector256.Load(cr + 0 * Vector256<T>.Count), cr + 0 * Vector256<T>.Count); Vector256.Store(c21 + Vector256.Load(cr + 1 * Vector256<T>.Count), cr + 1 * Vector256<T>.Count); }
            { T* cr = c + 3 * ldc; Vector256.Store(c30 + Vector256.Load(cr + 0 * Vector256<T>.Count), cr + 0 * Vector256<T>.Count); Vector256.Store(c31 + Vector256.Load(cr + 1 * Vector256<T>.Count), cr + 1 * Vector256<T>.Count); }
            { T* cr = c + 4 * ldc; Vector256.Store(c40 + Vector256.Load(cr + 0 * Vector256<T>.Count), cr + 0 * Vector256<T>.Count); Vector256.Store(c41 + Vector256.Load(cr + 1 * Vector256<T>.Count), cr + 1 * Vector256<T>.Count); }
            { T* cr = c + 5 * ldc; Vector256.Store(c50 + Vector256.Load(cr + 0 * Vector256<T>.Count), cr + 0 * Vector256<T>.Count); Vector256.Store(c51 + Vector256.Load(cr + 1 * Vector256<T>.Count), cr + 1 * Vector256<T>.Count); }
        }
        else
        {
            { T* cr = c + 0 * ldc; Vector256.Store(c00, cr + 0 * Vector256<T>.Count); Vector256.Store(c01, cr + 1 * Vector256<T>.Count); }
            { T* cr = c + 1 * ldc; Vector256.Store(c10, cr + 0 * Vector256<T>.Count); Vector256.Store(c11, cr + 1 * Vector256<T>.Count); }
            { T* cr = c + 2 * ldc; Vector256.Store(c20, cr + 0 * Vector256<T>.Count); Vector256.Store(c21, cr + 1 * Vector256<T>.Count); }
            { T* cr = c + 3 * ldc; Vector256.Store(c30, cr + 0 * Vector256<T>.Count); Vector256.Store(c31, cr + 1 * Vector256<T>.Count); }
            { T* cr = c + 4 * ldc; Vector256.Store(c40, cr + 0 * Vector256<T>.Count); Vector256.Store(c41, cr + 1 * Vector256<T>.Count); }
            { T* cr = c + 5 * ldc; Vector256.Store(c50, cr + 0 * Vector256<T>.Count); Vector256.Store(c51, cr + 1 * Vector256<T>.Count); }
        }
    }
}

/// <summary>6×2·Vector128&lt;T&gt;.Count register-blocked micro-kernel using Vector128 FMA.</summary>
internal unsafe struct Kernel128x6x2<T> : IGemmKernel<T> where T : unmanaged, INumber<T>
{
    /// <inheritdoc/>
    public static int MR => 6;
    /// <inheritdoc/>
    public static int NR => 2 * Vector128<T>.Count;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, T* b, T* c, nint ldc, bool accumulate)
    {
        Vector128<T> c00 = default; Vector128<T> c01 = default;
        Vector128<T> c10 = default; Vector128<T> c11 = default;
        Vector128<T> c20 = default; Vector128<T> c21 = default;
        Vector128<T> c30 = default; Vector128<T> c31 = default;
        Vector128<T> c40 = default; Vector128<T> c41 = default;
        Vector128<T> c50 = default; Vector128<T> c51 = default;
        Vector128<T> av;
        Vector128<T> b0, b1;
        int p = 0;
        for (; p < kc; p++)
        {
            b0 = Vector128.Load(b + 0 * NR + 0 * Vector128<T>.Count);
            b1 = Vector128.Load(b + 0 * NR + 1 * Vector128<T>.Count);
            av = Vector128.Create(a[0 * 6 + 0]); c00 = V.Fma(av, b0, c00); c01 = V.Fma(av, b1, c01);
            av = Vector128.Create(a[0 * 6 + 1]); c10 = V.Fma(av, b0, c10); c11 = V.Fma(av, b1, c11);
            av = Vector128.Create(a[0 * 6 + 2]); c20 = V.Fma(av, b0, c20); c21 = V.Fma(av, b1, c21);
            av = Vector128.Create(a[0 * 6 + 3]); c30 = V.Fma(av, b0, c30); c31 = V.Fma(av, b1, c31);
            av = Vector128.Create(a[0 * 6 + 4]); c40 = V.Fma(av, b0, c40); c41 = V.Fma(av, b1, c41);
            av = Vector128.Create(a[0 * 6 + 5]); c50 = V.Fma(av, b0, c50); c51 = V.Fma(av, b1, c51);
            a += 6; b += NR;
        }
        if (accumulate)
        {
            { T* cr = c + 0 * ldc; Vector128.Store(c00 + Vector128.Load(cr + 0 * Vector128<T>.Count), cr + 0 * Vector128<T>.Count); Vector128.Store(c01 + Vector128.Load(cr + 1 * Vector128<T>.Count), cr + 1 * Vector128<T>.Count); }
            { T* cr = c + 1 * ldc; Vector128.Store(c10 + Vector128.Load(cr + 0 * Vector128<T>.Count), cr + 0 * Vector128<T>.Count); Vector128.Store(c11 + Vector128.Load(cr + 1 * Vector128<T>.Count), cr + 1 * Vector128<T>.Count); }
            { T* cr = c + 2 * ldc; Vector128.Store(c20 + Vector128.Load(cr + 0 * Vector128<T>.Count), cr + 0 * Vector128<T>.Count); Vector128.Store(c21 + Vector128.Load(cr + 1 * Vector128<T>.Count), cr + 1 * Vector128<T>.Count); }
            { T* cr = c + 3 * ldc; Vector128.Store(c30 + Vector128.Load(cr + 0 * Vector128<T>.Count), cr + 0 * Vector128<T>.Count); Vector128.Store(c31 + Vector128.Load(cr + 1 * Vector128<T>.Count), cr + 1 * Vector128<T>.Count); }
            { T* cr = c + 4 * ldc; Vector128.Store(c40 + Vector128.Load(cr + 0 * Vector128<T>.Count), cr + 0 * Vector128<T>.Count); Vector128.Store(c41 + Vector128.Load(cr + 1 * Vector128<T>.Count), cr + 1 * Vector128<T>.Count); }
            { T* cr = c + 5 * ldc; Vector128.Store(c50 + Vector128.Load(cr + 0 * Vector128<T>.Count), cr + 0 * Vector128<T>.Count); Vector128.Store(c51 + Vector128.Load(cr + 1 * Vector128<T>.Count), cr + 1 * Vector128<T>.Count); }
        }
        else
        {
            { T* cr = c + 0 * ldc; Vector128.Store(c00, cr + 0 * Vector128<T>.Count); Vector128.Store(c01, cr + 1 * Vector128<T>.Count); }
            { T* cr = c + 1 * ldc; Vector128.Store(c10, cr + 0 * Vector128<T>.Count); Vector128.Store(c11, cr + 1 * Vector128<T>.Count); }
            { T* cr = c + 2 * ldc; Vector128.Store(c20, cr + 0 * Vector128<T>.Count); Vector128.Store(c21, cr + 1 * Vector128<T>.Count); }
            { T* cr = c + 3 * ldc; Vector128.Store(c30, cr + 0 * Vector128<T>.Count); Vector128.Store(c31, cr + 1 * Vector128<T>.Count); }
            { T* cr = c + 4 * ldc; Vector128.Store(c40, cr + 0 * Vector128<T>.Count); Vector128.Store(c41, cr + 1 * Vector128<T>.Count); }
            { T* cr = c + 5 * ldc; Vector128.Store(c50, cr + 0 * Vector128<T>.Count); Vector128.Store(c51, cr + 1 * Vector128<T>.Count); }
        }
    }
}

