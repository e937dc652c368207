using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;

/// <summary>
/// General matrix multiply (GEMM) for arbitrarily strided operands, BLIS/GotoBLAS style:
/// B is packed into KC×NC panels, A into MC×KC panels, and a register-blocked SIMD micro-kernel
/// computes MR×NR tiles of C. float and double are vectorized and multithreaded; the integer types (wrapping on overflow) use a scalar path.
/// </summary>
internal static class Gemm
{
    /// <summary>Problems with fewer than this many multiply-adds (m·n·k) always run on the calling thread.</summary>
    internal const long ParallelThreshold = 96L * 96 * 96;

    /// <summary>
    /// C[m,n] (row-major, row stride <paramref name="ldc"/>, unit column stride) = (accumulate ? C : 0) + A·B
    /// where element A[i,p] = a[i*aRowStride + p*aColStride] and B[p,j] = b[p*bRowStride + j*bColStride].
    /// Arbitrary (non-negative) strides let callers pass transposed views without copying.
    /// </summary>
    /// <remarks>
    /// The result is deterministic: each element's summation order over k depends only on k, never on the
    /// number of threads.
    /// </remarks>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not float, double, long, int or byte.</exception>
    /// <exception cref="ArgumentException">A size or stride is negative, or a span is too short for its view.</exception>
    public static unsafe void Compute<T>(int m, int n, int k,
        ReadOnlySpan<T> a, int aRowStride, int aColStride,
        ReadOnlySpan<T> b, int bRowStride, int bColStride,
        Span<T> c, int ldc, bool accumulate) where T : unmanaged, INumber<T>
    {
        bool integer = typeof(T) == typeof(long) || typeof(T) == typeof(int) || typeof(T) == typeof(byte);
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double) && !integer)
            throw new NotSupportedException($"Gemm does not support element type {typeof(T).Name}; use float, double, long, int or byte.");
        Validate(m, n, k, a.Length, aRowStride, aColStride, b.Length, bRowStride, bColStride, c.Length, ldc);
        if (m == 0 || n == 0)
            return;
        if (k == 0)
        {
            if (!accumulate)
                for (int i = 0; i < m; i++)
                    c.Slice(i * ldc, n).Clear();
            return;
        }
        if (!integer && TryVectorProduct(m, n, k, a, aRowStride, aColStride, b, bRowStride, bColStride, c, ldc, accumulate))
            return;

        fixed (T* pa = a)
        fixed (T* pb = b)
        fixed (T* pc = c)
        {
            var args = new GemmArgs<T>(m, n, k, pa, aRowStride, aColStride, pb, bRowStride, bColStride, pc, ldc, accumulate);
            if (integer)
            {
                GemmScalar.Run(in args, 0, m, 0, n);
            }
            else if (Vector512.IsHardwareAccelerated)
            {
                GemmParallel.Run<T, Kernel512x8x2<T>>(in args);
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                GemmParallel.Run<T, Kernel256x6x2<T>>(in args);
            }
            else if (Vector128.IsHardwareAccelerated)
            {
                GemmParallel.Run<T, Kernel128x6x2<T>>(in args);
            }
            else
            {
                GemmScalar.Run(in args, 0, m, 0, n);
            }
        }
    }

    /// <summary>
    /// C[m,n] = (accumulate ? C : 0) + A·B like <see cref="Compute{T}"/>, with B never read as a matrix: the driver asks
    /// <paramref name="packB"/> for each block of B in packed form (implicit GEMM: a convolution packs its column matrix
    /// straight from the input). float and double on SIMD hardware only; returns false (nothing computed) otherwise.
    /// </summary>
    /// <exception cref="ArgumentException">A size or stride is negative, or a span is too short for its view.</exception>
    public static unsafe bool TryComputePackedB<T, TB>(int m, int n, int k, ReadOnlySpan<T> a, int aRowStride, int aColStride,
        TB packB, Span<T> c, int ldc, bool accumulate) where T : unmanaged, INumber<T> where TB : struct, IBPacker<T>
    {
        if ((typeof(T) != typeof(float) && typeof(T) != typeof(double)) || !Vector128.IsHardwareAccelerated)
            return false;
        // B is validated by its packer; a 1×1 stand-in satisfies the shared checks.
        Validate(m, n, k, a.Length, aRowStride, aColStride, int.MaxValue, 0, 0, c.Length, ldc);
        if (m == 0 || n == 0) return true;
        if (k == 0)
        {
            if (!accumulate)
                for (int i = 0; i < m; i++) c.Slice(i * ldc, n).Clear();
            return true;
        }
        fixed (T* pa = a)
        fixed (T* pc = c)
        {
            var args = new GemmArgs<T>(m, n, k, pa, aRowStride, aColStride, null, 0, 0, pc, ldc, accumulate);
            if (Vector512.IsHardwareAccelerated) GemmParallel.Run<T, Kernel512x8x2<T>, TB>(in args, packB);
            else if (Vector256.IsHardwareAccelerated) GemmParallel.Run<T, Kernel256x6x2<T>, TB>(in args, packB);
            else GemmParallel.Run<T, Kernel128x6x2<T>, TB>(in args, packB);
        }
        return true;
    }

    /// <summary>
    /// Matrix-vector shapes, where packing would cost more than the arithmetic: a single row of A times a
    /// row-major B (c += Σ_p a[p]·B[p,:], one vectorized multiply-add per row of B), or a row-major A times
    /// a single column of B (one vectorized dot product per row of A). The summation order over k is the
    /// same fixed order whatever the thread count.
    /// </summary>
    private static bool TryVectorProduct<T>(int m, int n, int k,
        ReadOnlySpan<T> a, int aRowStride, int aColStride,
        ReadOnlySpan<T> b, int bRowStride, int bColStride,
        Span<T> c, int ldc, bool accumulate) where T : unmanaged, INumber<T>
    {
        if (m == 1 && bColStride == 1)
        {
            var row = c.Slice(0, n);
            if (!accumulate) row.Clear();
            for (int p = 0; p < k; p++)
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(b.Slice(p * bRowStride, n), a[p * aColStride], row, row);
            return true;
        }
        if (n == 1 && aColStride == 1 && (long)m * k < ParallelThreshold * 4)
        {
            T[]? rented = null;
            ReadOnlySpan<T> column;
            if (bRowStride == 1) column = b.Slice(0, k);
            else
            {
                rented = System.Buffers.ArrayPool<T>.Shared.Rent(k);
                for (int p = 0; p < k; p++) rented[p] = b[p * bRowStride];
                column = rented.AsSpan(0, k);
            }
            for (int i = 0; i < m; i++)
            {
                T dot = System.Numerics.Tensors.TensorPrimitives.Dot<T>(a.Slice(i * aRowStride, k), column);
                c[i * ldc] = accumulate ? c[i * ldc] + dot : dot;
            }
            if (rented is not null) System.Buffers.ArrayPool<T>.Shared.Return(rented);
            return true;
        }
        return false;
    }

    /// <summary>
    /// Naive triple-loop reference with the same contract as <see cref="Compute{T}"/>; the oracle for tests.
    /// Each element is computed as (accumulate ? C : 0) + Σ_p A[i,p]·B[p,j], summed in order of p.
    /// </summary>
    public static void Reference<T>(int m, int n, int k,
        ReadOnlySpan<T> a, int aRowStride, int aColStride,
        ReadOnlySpan<T> b, int bRowStride, int bColStride,
        Span<T> c, int ldc, bool accumulate) where T : unmanaged, INumber<T>
    {
        Validate(m, n, k, a.Length, aRowStride, aColStride, b.Length, bRowStride, bColStride, c.Length, ldc);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++)
                    sum += a[i * aRowStride + p * aColStride] * b[p * bRowStride + j * bColStride];
                c[i * ldc + j] = accumulate ? c[i * ldc + j] + sum : sum;
            }
        }
    }

    private static void Validate(int m, int n, int k, int aLen, int aRs, int aCs, int bLen, int bRs, int bCs, int cLen, int ldc)
    {
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentException($"Gemm: sizes must be non-negative (m={m}, n={n}, k={k}).");
        if (aRs < 0 || aCs < 0 || bRs < 0 || bCs < 0 || ldc < 0)
            throw new ArgumentException("Gemm: strides must be non-negative.");
        if (m > 1 && ldc < n)
            throw new ArgumentException($"Gemm: ldc ({ldc}) must be at least n ({n}).");
        if (m > 0 && k > 0 && (long)(m - 1) * aRs + (long)(k - 1) * aCs >= aLen)
            throw new ArgumentException($"Gemm: span a (length {aLen}) is too short for a {m}×{k} view with strides ({aRs}, {aCs}).");
        if (k > 0 && n > 0 && (long)(k - 1) * bRs + (long)(n - 1) * bCs >= bLen)
            throw new ArgumentException($"Gemm: span b (length {bLen}) is too short for a {k}×{n} view with strides ({bRs}, {bCs}).");
        if (m > 0 && n > 0 && (long)(m - 1) * ldc + n > cLen)
            throw new ArgumentException($"Gemm: span c (length {cLen}) is too short for a {m}×{n} output with ldc {ldc}.");
    }
}

/// <summary>The operands of one GEMM call as raw pointers (the spans are pinned for the call's duration).</summary>
internal readonly unsafe struct GemmArgs<T> where T : unmanaged
{
    /// <summary>Problem sizes.</summary>
    public readonly int M, N, K;
    /// <summary>Operand base pointers.</summary>
    public readonly T* A, B, C;
    /// <summary>Element strides.</summary>
    public readonly nint ARs, ACs, BRs, BCs, Ldc;
    /// <summary>Whether C is added to (true) or overwritten (false).</summary>
    public readonly bool Accumulate;

    /// <summary>Bundles the operands.</summary>
    public GemmArgs(int m, int n, int k, T* a, nint aRs, nint aCs, T* b, nint bRs, nint bCs, T* c, nint ldc, bool accumulate)
    {
        M = m; N = n; K = k; A = a; B = b; C = c;
        ARs = aRs; ACs = aCs; BRs = bRs; BCs = bCs; Ldc = ldc; Accumulate = accumulate;
    }
}

/// <summary>Cache-blocking parameters for one element type and micro-kernel shape.</summary>
internal readonly struct GemmBlocking
{
    /// <summary>Micro-tile rows and columns.</summary>
    public readonly int MR, NR;
    /// <summary>Depth of a packed panel (K block), rows of a packed A block, columns of a packed B block.</summary>
    public readonly int KC, MC, NC;

    /// <summary>Creates a blocking; MC is rounded to a multiple of MR and NC to a multiple of NR.</summary>
    public GemmBlocking(int mr, int nr, int kc, int mc, int nc)
    {
        MR = mr; NR = nr; KC = kc;
        MC = Math.Max(mr, mc / mr * mr);
        NC = Math.Max(nr, nc / nr * nr);
    }

    /// <summary>Default blocking for element type <typeparamref name="T"/> with an MR×NR micro-kernel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GemmBlocking For<T>(int mr, int nr) where T : unmanaged
    {
        // Sizes in bytes: KC·NR·sizeof(T) B-sliver stays in L1, MC·KC A block in L2, KC·NC B block in L2/L3.
        // Measured on a 2-core AVX-512 Xeon (48 KiB L1d, 2 MiB L2): KC 256–384 and small MC (48–96) are best;
        // NC barely matters, so it is kept small (B block ≈ 1.3 MB) to bound the per-thread workspace.
        int kc = typeof(T) == typeof(double) ? 256 : 320;
        int mc = 96;
        int nc = typeof(T) == typeof(double) ? 512 : 1024;
        return new GemmBlocking(mr, nr, kc, mc, nc);
    }
}
