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
        if (!integer && UseTransposedProducts && TryTransposedProduct(m, n, k, a, aRowStride, aColStride, b, bRowStride, bColStride, c, ldc, accumulate))
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
            else if (GemmInPlaceB.Suits<T>(m, n, k, bColStride))
            {
                GemmInPlaceB.Run(in args);
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
        if (m == 1 && bRowStride == 1)
        {
            RowTimesTransposed(n, k, a, aColStride, b, bColStride, c, accumulate);
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
    /// Multiply-adds (columns × k) from which a row times a transposed B splits its columns over the team: the product
    /// streams B once, and two cores stream it from their own caches. A linear layer of 784 → 256 at batch 1 (196K) took
    /// 8.8 µs on one thread, 5.2 µs on two; from 64K the split pays (256 × 256: 3.8 → 2.1 µs), at 32K it is even.
    /// </summary>
    private const long DotParallelThreshold = 1L << 16;

    /// <summary>Whether skinny products run transposed (true; tests and benchmarks compare both paths).</summary>
    internal static bool UseTransposedProducts = true;

    /// <summary>
    /// Skinny products (few columns: a linear layer with 10 outputs, a convolution of a 2×2 feature map at batch 1)
    /// waste most of a micro-tile's NR columns; they run as Cᵀ = Bᵀ·Aᵀ, whose few rows fill MR-row tiles instead,
    /// when that pads at least 20% less, and the [n, m] result is transposed into C. Each element's sum over k keeps
    /// the order the driver gives every element, so the result does not depend on the thread count.
    /// </summary>
    private static bool TryTransposedProduct<T>(int m, int n, int k,
        ReadOnlySpan<T> a, int aRowStride, int aColStride,
        ReadOnlySpan<T> b, int bRowStride, int bColStride,
        Span<T> c, int ldc, bool accumulate) where T : unmanaged, INumber<T>
    {
        var (mr, nr) = Vector512.IsHardwareAccelerated ? (Kernel512x8x2<T>.MR, Kernel512x8x2<T>.NR)
            : Vector256.IsHardwareAccelerated ? (Kernel256x6x2<T>.MR, Kernel256x6x2<T>.NR)
            : Vector128.IsHardwareAccelerated ? (Kernel128x6x2<T>.MR, Kernel128x6x2<T>.NR) : (0, 0);
        if (mr == 0 || n >= nr)
            return false;
        long direct = (long)RoundUp(m, mr) * RoundUp(n, nr), swapped = (long)RoundUp(n, mr) * RoundUp(m, nr);
        if (swapped * 5 > direct * 4)
            return false;
        T[] temp = System.Buffers.ArrayPool<T>.Shared.Rent(n * m);
        try
        {
            Compute<T>(n, m, k, b, bColStride, bRowStride, a, aColStride, aRowStride, temp.AsSpan(0, n * m), m, accumulate: false);
            for (int i = 0; i < m; i++)
            {
                var row = c.Slice(i * ldc, n);
                for (int j = 0; j < n; j++)
                    row[j] = accumulate ? row[j] + temp[j * m + i] : temp[j * m + i];
            }
        }
        finally
        {
            System.Buffers.ArrayPool<T>.Shared.Return(temp);
        }
        return true;

        static int RoundUp(int v, int to) => (v + to - 1) / to * to;
    }

    /// <summary>
    /// c[j] = (accumulate ? c[j] : 0) + a·B[:, j] where every column of B is contiguous (x·Wᵀ of a linear layer at
    /// batch 1): one dot product per column, each summed in the same order whatever the thread count; large
    /// products split their columns over the <see cref="ThreadTeam"/>.
    /// </summary>
    private static unsafe void RowTimesTransposed<T>(int n, int k, ReadOnlySpan<T> a, int aColStride, ReadOnlySpan<T> b, int bColStride,
        Span<T> c, bool accumulate) where T : unmanaged, INumber<T>
    {
        T[]? rented = null;
        if (aColStride != 1)
        {
            rented = System.Buffers.ArrayPool<T>.Shared.Rent(k);
            for (int p = 0; p < k; p++) rented[p] = a[p * aColStride];
        }
        fixed (T* pa = rented is null ? a : rented)
        fixed (T* pb = b)
        fixed (T* pc = c)
        {
            nint ia = (nint)pa, ib = (nint)pb, ic = (nint)pc;
            int parts = (long)n * k < DotParallelThreshold || ThreadTeam.RunsSerially ? 1 : Math.Min(Threading.NumThreads, (n + 15) / 16);
            if (parts <= 1) Columns(0, n);
            else ThreadTeam.For(parts, t => Columns((int)((long)n * t / parts), (int)((long)n * (t + 1) / parts)));

            void Columns(int j0, int j1) => DotColumns((T*)ia, (T*)ib, bColStride, k, (T*)ic, j0, j1, accumulate);
        }
        if (rented is not null) System.Buffers.ArrayPool<T>.Shared.Return(rented);
    }

    /// <summary>
    /// c[j] (+)= x·b[j·ldb .. j·ldb + k) for j in [j0, j1): four columns at a time share each load of x. Each column is
    /// summed lane-wise over whole vectors, then across lanes, then over the scalar tail: an order fixed by k alone.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void DotColumns<T>(T* x, T* b, nint ldb, int k, T* c, int j0, int j1, bool accumulate) where T : unmanaged, INumber<T>
    {
        int j = j0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            int w = Vector512<T>.Count, kv = k - k % w;
            for (; j + 4 <= j1; j += 4)
            {
                T* b0 = b + j * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
                Vector512<T> s0 = default, s1 = default, s2 = default, s3 = default;
                for (int p = 0; p < kv; p += w)
                {
                    var xv = Vector512.Load(x + p);
                    s0 += xv * Vector512.Load(b0 + p);
                    s1 += xv * Vector512.Load(b1 + p);
                    s2 += xv * Vector512.Load(b2 + p);
                    s3 += xv * Vector512.Load(b3 + p);
                }
                T d0 = Vector512.Sum(s0), d1 = Vector512.Sum(s1), d2 = Vector512.Sum(s2), d3 = Vector512.Sum(s3);
                for (int p = kv; p < k; p++)
                {
                    d0 += x[p] * b0[p]; d1 += x[p] * b1[p]; d2 += x[p] * b2[p]; d3 += x[p] * b3[p];
                }
                Store(c + j, d0); Store(c + j + 1, d1); Store(c + j + 2, d2); Store(c + j + 3, d3);
            }
            for (; j < j1; j++)
            {
                T* b0 = b + j * ldb;
                Vector512<T> s0 = default;
                for (int p = 0; p < kv; p += w) s0 += Vector512.Load(x + p) * Vector512.Load(b0 + p);
                T d0 = Vector512.Sum(s0);
                for (int p = kv; p < k; p++) d0 += x[p] * b0[p];
                Store(c + j, d0);
            }
            return;
        }
        for (; j < j1; j++)
            Store(c + j, System.Numerics.Tensors.TensorPrimitives.Dot<T>(new ReadOnlySpan<T>(x, k), new ReadOnlySpan<T>(b + j * ldb, k)));

        void Store(T* cj, T dot) => *cj = accumulate ? *cj + dot : dot;
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
