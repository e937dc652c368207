using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;

/// <summary>
/// C = (accumulate ? C : 0) + A·B for a few rows of A and a row-major B (unit column stride) no deeper than one packed
/// block: the micro-kernel reads B's rows in place instead of a packed copy. Each value of B is used only m times, so
/// packing it (a read and a write of all of B, mostly from memory) cost as much as the product: a convolution's input
/// gradient with 3 input channels (m = 27, k = 64, n = 1024 per sample) spent 40% of its time packing dy.
/// </summary>
/// <remarks>
/// Every element is summed exactly as the packed driver sums it when k fits one depth block (from zero over p in order,
/// then stored or added to C), so the bits do not depend on which path runs, nor on the thread count (the split is over
/// whole column panels).
/// </remarks>
internal static unsafe class GemmInPlaceB
{
    /// <summary>The most rows of A for which B is read in place; above it a packed B is used often enough to pay.</summary>
    internal const int MaxRows = 48;

    /// <summary>Whether the path may be used (tests compare both paths).</summary>
    internal static bool Enabled = true;

    /// <summary>Whether a product suits the path: float or double on AVX-512, few rows, one depth block, B row-major.</summary>
    public static bool Suits<T>(int m, int n, int k, nint bColStride) where T : unmanaged, INumber<T> =>
        Enabled && Vector512.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double))
        && m <= MaxRows && bColStride == 1 && n >= Kernel512x8x2<T>.NR
        && k <= GemmBlocking.For<T>(Kernel512x8x2<T>.MR, Kernel512x8x2<T>.NR).KC;

    /// <summary>Computes the whole product (which <see cref="Suits{T}"/>), on the team when it is large enough.</summary>
    public static void Run<T>(in GemmArgs<T> g) where T : unmanaged, INumber<T>
    {
        int mr = Kernel512x8x2<T>.MR, nr = Kernel512x8x2<T>.NR;
        int panels = (g.N + nr - 1) / nr;
        int aSize = GemmBuffers<T>.RoundToLine((g.M + mr - 1) / mr * mr * g.K);
        // A's panels, then room for the one partial column panel (only the last panel can be partial).
        T* ap = GemmBuffers<T>.Rent(aSize + g.K * nr, out T[]? temp);
        try
        {
            GemmPacking.Pack(ap, g.A, g.ARs, g.ACs, g.M, g.K, mr);
            int nt = (long)g.M * g.N * g.K < Gemm.ParallelThreshold || ThreadTeam.RunsSerially ? 1 : Math.Min(Threading.NumThreads, panels);
            if (nt <= 1) Panels(g, ap, ap + aSize, 0, panels);
            else InParallel(g, (nint)ap, aSize, panels, nt);
        }
        finally
        {
            GemmBuffers<T>.Return(temp);
        }
    }

    // Apart from Run: a lambda's closure is allocated on entry to the method that declares it.
    private static void InParallel<T>(GemmArgs<T> g, nint ap, int aSize, int panels, int nt) where T : unmanaged, INumber<T> =>
        ThreadTeam.For(nt, t => Panels(g, (T*)ap, (T*)ap + aSize, (int)((long)panels * t / nt), (int)((long)panels * (t + 1) / nt)));

    /// <summary>Column panels p0 … p1 − 1 of C: whole panels read B in place, the last partial one from a zero-padded copy.</summary>
    private static void Panels<T>(in GemmArgs<T> g, T* ap, T* edge, int p0, int p1) where T : unmanaged, INumber<T>
    {
        int mr = Kernel512x8x2<T>.MR, nr = Kernel512x8x2<T>.NR, k = g.K;
        T* tile = stackalloc T[mr * nr];
        for (int p = p0; p < p1; p++)
        {
            int j = p * nr, cols = Math.Min(nr, g.N - j);
            if (cols == nr)
            {
                Rows(g, ap, g.B + j, g.BRs, j, cols, tile);
                continue;
            }
            GemmPacking.Pack(edge, g.B + j, 1, g.BRs, cols, k, nr);
            Rows(g, ap, edge, nr, j, cols, tile);
        }
    }

    /// <summary>Every row tile of one column panel whose k rows of nr values lie at b with row stride ldb.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows<T>(in GemmArgs<T> g, T* ap, T* b, nint ldb, int j, int cols, T* tile) where T : unmanaged, INumber<T>
    {
        int mr = Kernel512x8x2<T>.MR, nr = Kernel512x8x2<T>.NR, k = g.K;
        nint ldc = g.Ldc;
        for (int i = 0; i < g.M; i += mr)
        {
            int rows = Math.Min(mr, g.M - i);
            T* a = ap + (nint)i * k, c = g.C + i * ldc + j;
            if (rows == mr && cols == nr)
            {
                Tile<T, EightRows>(k, a, b, ldb, c, ldc, g.Accumulate);
                continue;
            }
            // A tail of 4 rows or fewer (27 = 3·8 + 3) runs half the tile: 12% of a 3-channel input gradient's products.
            if (rows <= 4) Tile<T, FourRows>(k, a, b, ldb, tile, nr, false);
            else Tile<T, EightRows>(k, a, b, ldb, tile, nr, false);
            GemmTile.Store(tile, nr, c, ldc, rows, cols, g.Accumulate);
        }
    }

    /// <summary>The full 8-row tile.</summary>
    private struct EightRows;

    /// <summary>Its first 4 rows only (A's panels stay 8 wide): a tail of 4 rows or fewer.</summary>
    private struct FourRows;

    /// <summary>
    /// <see cref="Kernel512x8x2{T}"/>'s 8 × 2 vectors of accumulators (4 × 2 for <see cref="FourRows"/>, the JIT dropping
    /// the other half) with B's rows at stride <paramref name="ldb"/> (the packed kernel's rows are NR apart):
    /// C[0:8, 0:NR] = (accumulate ? C : 0) + Σ_p a[8p … 8p + 7] ⊗ b[p·ldb …].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<T, TRows>(int kc, T* a, T* b, nint ldb, T* c, nint ldc, bool accumulate) where T : unmanaged, INumber<T> where TRows : struct
    {
        int w = Vector512<T>.Count;
        bool eight = typeof(TRows) == typeof(EightRows);
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<T> c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + w);
            var av = Vector512.Create(a[0]); c00 = V.Fma(av, b0, c00); c01 = V.Fma(av, b1, c01);
            av = Vector512.Create(a[1]); c10 = V.Fma(av, b0, c10); c11 = V.Fma(av, b1, c11);
            av = Vector512.Create(a[2]); c20 = V.Fma(av, b0, c20); c21 = V.Fma(av, b1, c21);
            av = Vector512.Create(a[3]); c30 = V.Fma(av, b0, c30); c31 = V.Fma(av, b1, c31);
            if (eight)
            {
                av = Vector512.Create(a[4]); c40 = V.Fma(av, b0, c40); c41 = V.Fma(av, b1, c41);
                av = Vector512.Create(a[5]); c50 = V.Fma(av, b0, c50); c51 = V.Fma(av, b1, c51);
                av = Vector512.Create(a[6]); c60 = V.Fma(av, b0, c60); c61 = V.Fma(av, b1, c61);
                av = Vector512.Create(a[7]); c70 = V.Fma(av, b0, c70); c71 = V.Fma(av, b1, c71);
            }
            a += 8; b += ldb;
        }
        Put(c, w, accumulate, c00, c01); Put(c + ldc, w, accumulate, c10, c11);
        Put(c + 2 * ldc, w, accumulate, c20, c21); Put(c + 3 * ldc, w, accumulate, c30, c31);
        if (!eight) return;
        Put(c + 4 * ldc, w, accumulate, c40, c41); Put(c + 5 * ldc, w, accumulate, c50, c51);
        Put(c + 6 * ldc, w, accumulate, c60, c61); Put(c + 7 * ldc, w, accumulate, c70, c71);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<T>(T* cr, int w, bool accumulate, Vector512<T> v0, Vector512<T> v1) where T : unmanaged, INumber<T>
    {
        if (accumulate)
        {
            v0 += Vector512.Load(cr);
            v1 += Vector512.Load(cr + w);
        }
        Vector512.Store(v0, cr);
        Vector512.Store(v1, cr + w);
    }
}
