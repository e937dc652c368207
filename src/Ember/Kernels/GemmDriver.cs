using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Ember.Kernels;

/// <summary>
/// A register-blocked micro-kernel: C[0:MR, 0:NR] (row stride ldc) = (accumulate ? C : 0) + Σ_p Ap[p]·Bp[p],
/// where Ap holds kc groups of MR values of A (one per row) and Bp holds kc groups of NR values of B.
/// Each output element is accumulated from zero in order of p and only then added to C.
/// </summary>
internal unsafe interface IGemmKernel<T> where T : unmanaged
{
    /// <summary>Rows of the micro-tile.</summary>
    static abstract int MR { get; }
    /// <summary>Columns of the micro-tile.</summary>
    static abstract int NR { get; }
    /// <summary>Computes one full MR×NR tile.</summary>
    static abstract void Run(int kc, T* a, T* b, T* c, nint ldc, bool accumulate);
}

/// <summary>
/// Packs a block of B into the micro-kernel's NR-wide panels: the GEMM driver asks for B[pc:pc+kc, jc:jc+nc], laid out as
/// ⌈nc/NR⌉ panels of kc groups of NR values (the last panel zero-padded), exactly as <see cref="GemmPacking.Pack{T}"/>
/// lays them out. A strided matrix is one source (<see cref="StridedB{T}"/>); a convolution packs its column matrix
/// straight from the input (implicit GEMM) without writing it out first.
/// </summary>
internal unsafe interface IBPacker<T> where T : unmanaged
{
    /// <summary>Packs B[pc:pc+kc, jc:jc+nc] into NR-wide panels at <paramref name="dst"/>.</summary>
    void Pack(T* dst, int pc, int kc, int jc, int nc, int nr);
}

/// <summary>
/// Supplies blocks of A in the micro-kernel's MR-wide panels: the GEMM driver asks for A[ic:ic+mc, pc:pc+kc] (ic a
/// multiple of MR), laid out as ⌈mc/MR⌉ panels of kc groups of MR values, as <see cref="GemmPacking.Pack{T}"/> lays them
/// out. A strided matrix is packed into the workspace (<see cref="StridedA{T}"/>); a weight packed once for inference is
/// read in place (<see cref="GemmPrepackedA{T}"/>).
/// </summary>
internal unsafe interface IAPacker<T> where T : unmanaged
{
    /// <summary>The panels of A[ic:ic+mc, pc:pc+kc]: packed into <paramref name="workspace"/> (and returned), or found packed.</summary>
    T* Panels(T* workspace, int ic, int pc, int mc, int kc, int mr);
}

/// <summary>A as a strided matrix: A[i, p] = a[i·rs + p·cs], packed into the workspace block by block.</summary>
internal readonly unsafe struct StridedA<T>(T* a, nint rs, nint cs) : IAPacker<T> where T : unmanaged, INumber<T>
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T* Panels(T* workspace, int ic, int pc, int mc, int kc, int mr)
    {
        GemmPacking.Pack(workspace, a + ic * rs + pc * cs, rs, cs, mc, kc, mr);
        return workspace;
    }
}

/// <summary>B as a strided matrix: B[p, j] = b[p·rs + j·cs].</summary>
internal readonly unsafe struct StridedB<T>(T* b, nint rs, nint cs) : IBPacker<T> where T : unmanaged, INumber<T>
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Pack(T* dst, int pc, int kc, int jc, int nc, int nr) => GemmPacking.Pack(dst, b + pc * rs + jc * cs, cs, rs, nc, kc, nr);
}

/// <summary>Fused multiply-add helpers that specialize per element type and ISA at JIT time.</summary>
internal static class V
{
    /// <summary>a·b + c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Fma<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return a * b + c;
    }

    /// <summary>a·b + c (fused when the hardware has FMA).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        if (System.Runtime.Intrinsics.X86.Fma.IsSupported)
        {
            if (typeof(T) == typeof(float))
                return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
            if (typeof(T) == typeof(double))
                return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }
        return a * b + c;
    }

    /// <summary>a·b + c (fused when the hardware has FMA).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Fma<T>(Vector128<T> a, Vector128<T> b, Vector128<T> c)
    {
        if (System.Runtime.Intrinsics.X86.Fma.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            if (typeof(T) == typeof(float))
                return Vector128.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
            if (typeof(T) == typeof(double))
                return Vector128.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }
        return a * b + c;
    }
}

/// <summary>
/// Per-thread, grow-only, pinned and 64-byte-aligned packing workspace, so that warm GEMM calls allocate nothing.
/// </summary>
internal static unsafe class GemmBuffers<T> where T : unmanaged
{
    [ThreadStatic] private static T[]? t_array;
    [ThreadStatic] private static nint t_aligned;
    [ThreadStatic] private static int t_capacity;
    [ThreadStatic] private static bool t_inUse;

    /// <summary>Rounds an element count up to a whole number of 64-byte cache lines.</summary>
    public static int RoundToLine(int elements)
    {
        int perLine = 64 / sizeof(T);
        return (elements + perLine - 1) / perLine * perLine;
    }

    /// <summary>
    /// Returns a 64-byte aligned workspace of at least <paramref name="elements"/> elements. Normally this is the
    /// calling thread's cached buffer; if that is already in use (re-entrant call on the same thread) a one-off
    /// pinned array is returned in <paramref name="temp"/>, which the caller must keep alive until <see cref="Return"/>.
    /// </summary>
    public static T* Rent(int elements, out T[]? temp)
    {
        if (t_inUse)
        {
            temp = GC.AllocateUninitializedArray<T>(elements + 64 / sizeof(T), pinned: true);
            return Align(temp);
        }
        temp = null;
        if (t_capacity < elements)
        {
            t_array = null; // let the old buffer go before allocating the larger one
            var arr = GC.AllocateUninitializedArray<T>(elements + 64 / sizeof(T), pinned: true);
            t_aligned = (nint)Align(arr);
            t_array = arr;
            t_capacity = elements;
        }
        t_inUse = true;
        return (T*)t_aligned;
    }

    /// <summary>Releases a workspace obtained from <see cref="Rent"/>.</summary>
    public static void Return(T[]? temp)
    {
        if (temp is null)
            t_inUse = false;
        GC.KeepAlive(temp);
    }

    private static T* Align(T[] pinned)
    {
        nint p = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
        return (T*)((p + 63) & ~(nint)63);
    }
}

/// <summary>Splits a GEMM over threads into independent blocks of C and runs the packed driver on each.</summary>
internal static unsafe class GemmParallel
{
    /// <summary>Runs the whole problem, in parallel when it is large enough.</summary>
    public static void Run<T, TK>(in GemmArgs<T> g)
        where T : unmanaged, INumber<T> where TK : struct, IGemmKernel<T> =>
        Run<T, TK, StridedB<T>>(g, new StridedB<T>(g.B, g.BRs, g.BCs));

    /// <summary>Runs the whole problem with B packed by <paramref name="packB"/> (g.B is not read), in parallel when it is large enough.</summary>
    public static void Run<T, TK, TB>(in GemmArgs<T> g, TB packB)
        where T : unmanaged, INumber<T> where TK : struct, IGemmKernel<T> where TB : struct, IBPacker<T> =>
        Run<T, TK, StridedA<T>, TB>(g, new StridedA<T>(g.A, g.ARs, g.ACs), packB);

    /// <summary>Runs the whole problem with A from <paramref name="packA"/> and B from <paramref name="packB"/> (g.A and g.B
    /// are not read), in parallel when it is large enough.</summary>
    public static void Run<T, TK, TA, TB>(in GemmArgs<T> g, TA packA, TB packB)
        where T : unmanaged, INumber<T> where TK : struct, IGemmKernel<T> where TA : struct, IAPacker<T> where TB : struct, IBPacker<T>
    {
        var bs = GemmBlocking.For<T>(TK.MR, TK.NR);
        int m = g.M, n = g.N;
        int nt = Threading.NumThreads;
        if ((long)m * n * g.K < Gemm.ParallelThreshold || ThreadTeam.RunsSerially)
            nt = 1;
        if (nt > 1)
        {
            int mUnits = (m + bs.MR - 1) / bs.MR, nUnits = (n + bs.NR - 1) / bs.NR;
            // Split the dimension that gives each thread the most work units; splitting M duplicates
            // B packing per thread, splitting N duplicates A packing.
            bool splitM = mUnits >= nt && (mUnits * bs.MR >= nUnits * bs.NR || nUnits < nt);
            int units = splitM ? mUnits : nUnits;
            nt = Math.Min(nt, units);
            if (nt > 1)
            {
                RunParallel<T, TK, TA, TB>(g, packA, packB, bs, nt, splitM, units);
                return;
            }
        }
        GemmDriver<T, TK>.Run(in g, ref packA, ref packB, in bs, 0, m, 0, n);
    }

    private static void RunParallel<T, TK, TA, TB>(GemmArgs<T> g, TA packA, TB packB, GemmBlocking bs, int nt, bool splitM, int units)
        where T : unmanaged, INumber<T> where TK : struct, IGemmKernel<T> where TA : struct, IAPacker<T> where TB : struct, IBPacker<T>
    {
        ThreadTeam.For(nt, t =>
        {
            var pa = packA;
            var pb = packB;
            int u0 = (int)((long)units * t / nt), u1 = (int)((long)units * (t + 1) / nt);
            if (splitM)
                GemmDriver<T, TK>.Run(in g, ref pa, ref pb, in bs, u0 * bs.MR, Math.Min(g.M, u1 * bs.MR), 0, g.N);
            else
                GemmDriver<T, TK>.Run(in g, ref pa, ref pb, in bs, 0, g.M, u0 * bs.NR, Math.Min(g.N, u1 * bs.NR));
        });
    }
}

/// <summary>The GotoBLAS loop nest (jc → pc → ic → jr → ir) over one rectangular block of C.</summary>
internal static unsafe class GemmDriver<T, TK> where T : unmanaged, INumber<T> where TK : struct, IGemmKernel<T>
{
    /// <summary>Computes C[i0:i1, j0:j1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmArgs<T> g, in GemmBlocking bs, int i0, int i1, int j0, int j1)
    {
        var packA = new StridedA<T>(g.A, g.ARs, g.ACs);
        var packB = new StridedB<T>(g.B, g.BRs, g.BCs);
        Run(in g, ref packA, ref packB, in bs, i0, i1, j0, j1);
    }

    /// <summary>Computes C[i0:i1, j0:j1] (i0 a multiple of MR) with A from <paramref name="packA"/> and B from <paramref name="packB"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TA, TB>(in GemmArgs<T> g, ref TA packA, ref TB packB, in GemmBlocking bs, int i0, int i1, int j0, int j1)
        where TA : struct, IAPacker<T> where TB : struct, IBPacker<T>
    {
        int MR = TK.MR, NR = TK.NR;
        int k = g.K, m = i1 - i0, n = j1 - j0;
        if (m <= 0 || n <= 0)
            return;

        // K blocking depends only on k, so every element's summation order is independent of the split.
        int kBlocks = (k + bs.KC - 1) / bs.KC;
        int kcMax = (k + kBlocks - 1) / kBlocks;
        int mBlocks = (m + bs.MC - 1) / bs.MC;
        int mcMax = RoundUp((m + mBlocks - 1) / mBlocks, MR);
        int nBlocks = (n + bs.NC - 1) / bs.NC;
        int ncMax = RoundUp((n + nBlocks - 1) / nBlocks, NR);

        int aSize = GemmBuffers<T>.RoundToLine(mcMax * kcMax);
        int bSize = GemmBuffers<T>.RoundToLine(kcMax * ncMax);
        T* ws = GemmBuffers<T>.Rent(aSize + bSize + MR * NR, out T[]? temp);
        try
        {
            Blocks(in g, ref packA, ref packB, ws, ws + aSize, ws + aSize + bSize, i0, i1, j0, j1, kcMax, mcMax, ncMax);
        }
        finally
        {
            GemmBuffers<T>.Return(temp);
        }
    }

    /// <summary>The jc → pc → ic loops with the workspace split into A panel, B panel and edge tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Blocks<TA, TB>(in GemmArgs<T> g, ref TA packA, ref TB packB, T* ap, T* bp, T* tile, int i0, int i1, int j0, int j1, int kcMax, int mcMax, int ncMax)
        where TA : struct, IAPacker<T> where TB : struct, IBPacker<T>
    {
        int MR = TK.MR, NR = TK.NR, k = g.K;
        nint ldc = g.Ldc;
        for (int jc = j0; jc < j1; jc += ncMax)
        {
            int nc = Math.Min(ncMax, j1 - jc);
            for (int pc = 0; pc < k; pc += kcMax)
            {
                int kc = Math.Min(kcMax, k - pc);
                bool acc = g.Accumulate || pc > 0;
                // B[pc:pc+kc, jc:jc+nc] → NR-wide panels (lines = columns of B).
                packB.Pack(bp, pc, kc, jc, nc, NR);
                for (int ic = i0; ic < i1; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, i1 - ic);
                    // A[ic:ic+mc, pc:pc+kc] → MR-wide panels (lines = rows of A).
                    Macro(kc, mc, nc, packA.Panels(ap, ic, pc, mc, kc, MR), bp, g.C + ic * ldc + jc, ldc, acc, tile);
                }
            }
        }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

    /// <summary>Runs the micro-kernel over an mc×nc block of C from packed panels (also <see cref="GemmPrepackedB{T}"/>'s).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Macro(int kc, int mc, int nc, T* ap, T* bp, T* c, nint ldc, bool acc, T* tile)
    {
        int MR = TK.MR, NR = TK.NR;
        for (int jr = 0; jr < nc; jr += NR)
        {
            int nr = Math.Min(NR, nc - jr);
            T* bpan = bp + (nint)jr * kc;
            for (int ir = 0; ir < mc; ir += MR)
            {
                int mr = Math.Min(MR, mc - ir);
                T* apan = ap + (nint)ir * kc;
                T* cij = c + ir * ldc + jr;
                if (mr == MR && nr == NR)
                {
                    TK.Run(kc, apan, bpan, cij, ldc, acc);
                }
                else
                {
                    TK.Run(kc, apan, bpan, tile, NR, false);
                    GemmTile.Store(tile, NR, cij, ldc, mr, nr, acc);
                }
            }
        }
    }
}

/// <summary>The edge of C that a partial micro-tile covers.</summary>
internal static unsafe class GemmTile
{
    /// <summary>C[0:rows, 0:cols] (row stride ldc) = (accumulate ? C : 0) + tile[0:rows, 0:cols] (row stride ldt).</summary>
    public static void Store<T>(T* tile, nint ldt, T* c, nint ldc, int rows, int cols, bool accumulate) where T : unmanaged, INumber<T>
    {
        for (int r = 0; r < rows; r++)
        {
            T* cr = c + r * ldc, tr = tile + r * ldt;
            if (accumulate) for (int j = 0; j < cols; j++) cr[j] += tr[j];
            else for (int j = 0; j < cols; j++) cr[j] = tr[j];
        }
    }
}

/// <summary>Blocked scalar GEMM for element types without a SIMD kernel (long) or hardware without SIMD.</summary>
internal static unsafe class GemmScalar
{
    /// <summary>Computes C[i0:i1, j0:j1]; each element is (accumulate ? C : 0) + A[i,0]·B[0,j] + A[i,1]·B[1,j] + ….</summary>
    public static void Run<T>(in GemmArgs<T> g, int i0, int i1, int j0, int j1) where T : unmanaged, INumber<T>
    {
        const int JB = 512;
        for (int jb = j0; jb < j1; jb += JB)
        {
            int je = Math.Min(j1, jb + JB);
            for (int i = i0; i < i1; i++)
            {
                T* cr = g.C + i * g.Ldc;
                if (!g.Accumulate)
                    for (int j = jb; j < je; j++) cr[j] = T.Zero;
                T* ar = g.A + i * g.ARs;
                for (int p = 0; p < g.K; p++)
                {
                    T aip = ar[p * g.ACs];
                    T* br = g.B + p * g.BRs;
                    nint bcs = g.BCs;
                    for (int j = jb; j < je; j++) cr[j] += aip * br[j * bcs];
                }
            }
        }
    }
}
