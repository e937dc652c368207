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

    /// <summary>Rounds an element count up to a whole number of 64-byte cache lines.</summary>
    public static int RoundToLine(int elements)
    {
        int perLine = 64 / sizeof(T);
        return (elements + perLine - 1) / perLine * perLine;
    }

    /// <summary>Returns a 64-byte aligned workspace of at least <paramref name="elements"/> elements for this thread.</summary>
    public static T* Get(int elements)
    {
        if (t_capacity < elements)
        {
            int slack = 64 / sizeof(T);
            var arr = GC.AllocateUninitializedArray<T>(elements + slack, pinned: true);
            nint p = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(arr));
            t_aligned = (p + 63) & ~(nint)63;
            t_array = arr;
            t_capacity = elements;
        }
        return (T*)t_aligned;
    }
}

/// <summary>Splits a GEMM over threads into independent blocks of C and runs the packed driver on each.</summary>
internal static unsafe class GemmParallel
{
    /// <summary>Runs the whole problem, in parallel when it is large enough.</summary>
    public static void Run<T, TK>(in GemmArgs<T> g, GemmBlocking bs)
        where T : unmanaged, INumber<T> where TK : struct, IGemmKernel<T>
    {
        int m = g.M, n = g.N;
        int nt = Threading.NumThreads;
        if ((long)m * n * g.K < Gemm.ParallelThreshold)
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
                RunParallel<T, TK>(g, bs, nt, splitM, units);
                return;
            }
        }
        GemmDriver<T, TK>.Run(in g, in bs, 0, m, 0, n);
    }

    private static void RunParallel<T, TK>(GemmArgs<T> g, GemmBlocking bs, int nt, bool splitM, int units)
        where T : unmanaged, INumber<T> where TK : struct, IGemmKernel<T>
    {
        Parallel.For(0, nt, new ParallelOptions { MaxDegreeOfParallelism = nt }, t =>
        {
            int u0 = (int)((long)units * t / nt), u1 = (int)((long)units * (t + 1) / nt);
            if (splitM)
                GemmDriver<T, TK>.Run(in g, in bs, u0 * bs.MR, Math.Min(g.M, u1 * bs.MR), 0, g.N);
            else
                GemmDriver<T, TK>.Run(in g, in bs, 0, g.M, u0 * bs.NR, Math.Min(g.N, u1 * bs.NR));
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
        T* ws = GemmBuffers<T>.Get(aSize + bSize + MR * NR);
        T* ap = ws, bp = ws + aSize, tile = ws + aSize + bSize;

        nint ldc = g.Ldc;
        for (int jc = j0; jc < j1; jc += ncMax)
        {
            int nc = Math.Min(ncMax, j1 - jc);
            for (int pc = 0; pc < k; pc += kcMax)
            {
                int kc = Math.Min(kcMax, k - pc);
                bool acc = g.Accumulate || pc > 0;
                PackB(bp, g.B + pc * g.BRs + jc * g.BCs, g.BRs, g.BCs, kc, nc);
                for (int ic = i0; ic < i1; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, i1 - ic);
                    PackA(ap, g.A + ic * g.ARs + pc * g.ACs, g.ARs, g.ACs, mc, kc);
                    Macro(kc, mc, nc, ap, bp, g.C + ic * ldc + jc, ldc, acc, tile);
                }
            }
        }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

    /// <summary>Runs the micro-kernel over an mc×nc block of C from packed panels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Macro(int kc, int mc, int nc, T* ap, T* bp, T* c, nint ldc, bool acc, T* tile)
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
                    for (int r = 0; r < mr; r++)
                    {
                        T* cr = cij + r * ldc;
                        T* tr = tile + r * NR;
                        if (acc)
                            for (int j = 0; j < nr; j++) cr[j] += tr[j];
                        else
                            for (int j = 0; j < nr; j++) cr[j] = tr[j];
                    }
                }
            }
        }
    }

    /// <summary>
    /// Packs B[0:kc, 0:nc] (element (p,j) at b[p*rs + j*cs]) into ⌈nc/NR⌉ panels of kc×NR, row-major within
    /// a panel, zero-padding the last panel's missing columns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB(T* dst, T* b, nint rs, nint cs, int kc, int nc)
    {
        int NR = TK.NR;
        for (int j = 0; j < nc; j += NR)
        {
            int w = Math.Min(NR, nc - j);
            T* d = dst + (nint)j * kc;
            T* s = b + j * cs;
            if (cs == 1 && w == NR)
            {
                for (int p = 0; p < kc; p++)
                    Unsafe.CopyBlockUnaligned(d + p * NR, s + p * rs, (uint)(NR * sizeof(T)));
            }
            else if (cs == 1)
            {
                for (int p = 0; p < kc; p++)
                {
                    T* dp = d + p * NR, sp = s + p * rs;
                    for (int jj = 0; jj < w; jj++) dp[jj] = sp[jj];
                    for (int jj = w; jj < NR; jj++) dp[jj] = T.Zero;
                }
            }
            else
            {
                for (int jj = 0; jj < w; jj++)
                {
                    T* sc = s + jj * cs;
                    T* dc = d + jj;
                    for (int p = 0; p < kc; p++) dc[p * NR] = sc[p * rs];
                }
                if (w < NR)
                    for (int p = 0; p < kc; p++)
                        for (int jj = w; jj < NR; jj++) d[p * NR + jj] = T.Zero;
            }
        }
    }

    /// <summary>
    /// Packs A[0:mc, 0:kc] (element (i,p) at a[i*rs + p*cs]) into ⌈mc/MR⌉ panels of kc×MR (MR values of one
    /// column of A per step), zero-padding the last panel's missing rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA(T* dst, T* a, nint rs, nint cs, int mc, int kc)
    {
        int MR = TK.MR;
        for (int i = 0; i < mc; i += MR)
        {
            int h = Math.Min(MR, mc - i);
            T* d = dst + (nint)i * kc;
            T* s = a + i * rs;
            if (rs == 1 && h == MR)
            {
                for (int p = 0; p < kc; p++)
                    Unsafe.CopyBlockUnaligned(d + p * MR, s + p * cs, (uint)(MR * sizeof(T)));
            }
            else
            {
                for (int r = 0; r < h; r++)
                {
                    T* sr = s + r * rs;
                    T* dr = d + r;
                    for (int p = 0; p < kc; p++) dr[p * MR] = sr[p * cs];
                }
                if (h < MR)
                    for (int p = 0; p < kc; p++)
                        for (int r = h; r < MR; r++) d[p * MR + r] = T.Zero;
            }
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
