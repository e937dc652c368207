using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;

/// <summary>
/// A B operand [k, n] packed ONCE into the micro-kernel's NR-wide panels (per K block, as <see cref="GemmDriver{T, TK}"/>
/// packs it), for a product C = (acc ? C : 0) + A·B repeated with many A, e.g. h_t·W_hhᵀ at every time step of a
/// recurrence: each call packs only its (small) A. The summation order of each element is the driver's (K blocks in
/// order), independent of the thread count. Falls back to <see cref="Gemm.Compute{T}"/> without SIMD.
/// </summary>
internal sealed unsafe class GemmPrepackedB<T> where T : unmanaged, INumber<T>
{
    private readonly int _k, _n, _nr, _mr, _kcMax, _nPad, _mc;
    private readonly T[]? _packed;
    private readonly T* _p;
    private readonly Kind _kind;
    private readonly T[]? _original; // fallback: an unpacked row-major copy of B
    private enum Kind { K512, K256, K128, Fallback }

    /// <summary>Packs B, element (p, j) at <c>b[p·bRowStride + j·bColStride]</c>.</summary>
    public GemmPrepackedB(ReadOnlySpan<T> b, int bRowStride, int bColStride, int k, int n)
    {
        _k = k;
        _n = n;
        bool simd = typeof(T) == typeof(float) || typeof(T) == typeof(double);
        (_kind, _mr, _nr) = !simd ? (Kind.Fallback, 1, 1)
            : Vector512.IsHardwareAccelerated ? (Kind.K512, Kernel512x8x2<T>.MR, Kernel512x8x2<T>.NR)
            : Vector256.IsHardwareAccelerated ? (Kind.K256, Kernel256x6x2<T>.MR, Kernel256x6x2<T>.NR)
            : Vector128.IsHardwareAccelerated ? (Kind.K128, Kernel128x6x2<T>.MR, Kernel128x6x2<T>.NR)
            : (Kind.Fallback, 1, 1);
        if (_kind == Kind.Fallback || k == 0 || n == 0)
        {
            _kind = Kind.Fallback;
            _original = new T[(long)k * n];
            for (int p = 0; p < k; p++)
                for (int j = 0; j < n; j++) _original[p * n + j] = b[p * bRowStride + j * bColStride];
            return;
        }
        var bs = GemmBlocking.For<T>(_mr, _nr);
        int kBlocks = (k + bs.KC - 1) / bs.KC;
        _kcMax = (k + kBlocks - 1) / kBlocks;
        _mc = bs.MC;
        _nPad = (n + _nr - 1) / _nr * _nr;
        _packed = GC.AllocateUninitializedArray<T>(_nPad * k + 64 / sizeof(T), pinned: true);
        nint addr = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_packed));
        _p = (T*)((addr + 63) & ~(nint)63);
        fixed (T* pb = b)
            for (int pc = 0; pc < k; pc += _kcMax)
            {
                int kc = Math.Min(_kcMax, k - pc);
                GemmPacking.Pack(_p + (nint)pc * _nPad, pb + (nint)pc * bRowStride, bColStride, bRowStride, n, kc, _nr);
            }
    }

    /// <summary>Bytes of packed B from which a product runs on the team whatever its number of rows.</summary>
    private const long StreamedBytes = 512 << 10;

    /// <summary>Rows per thread from which the product is split by rows rather than by columns.</summary>
    private const int RowsPerThread = 64;

    /// <summary>
    /// C[m, n] (row stride <paramref name="ldc"/>) = (accumulate ? C : 0) + A·B, A[i, p] at <c>a[i·aRowStride + p·aColStride]</c>;
    /// then, when given, the epilogue of a layer at inference: + <paramref name="bias"/>[j] on every row, and ReLU when
    /// <paramref name="relu"/>, applied by each thread to its own block of C while it is in cache.
    /// </summary>
    public void Multiply(int m, ReadOnlySpan<T> a, int aRowStride, int aColStride, Span<T> c, int ldc, bool accumulate,
        ReadOnlySpan<T> bias = default, bool relu = false)
    {
        if (m == 0 || _n == 0) return;
        if (!bias.IsEmpty && bias.Length != _n) throw new ArgumentException($"GemmPrepackedB: a bias of {bias.Length} for {_n} columns");
        fixed (T* pb = bias)
        {
            var epilogue = new Epilogue(pb, relu);
            switch (_kind)
            {
                case Kind.K512: Run<Kernel512x8x2<T>>(m, a, aRowStride, aColStride, c, ldc, accumulate, epilogue); break;
                case Kind.K256: Run<Kernel256x6x2<T>>(m, a, aRowStride, aColStride, c, ldc, accumulate, epilogue); break;
                case Kind.K128: Run<Kernel128x6x2<T>>(m, a, aRowStride, aColStride, c, ldc, accumulate, epilogue); break;
                default:
                    Gemm.Compute<T>(m, _n, _k, a, aRowStride, aColStride, _original, _n, 1, c, ldc, accumulate);
                    fixed (T* pc = c) epilogue.Apply(pc, ldc, m, 0, _n);
                    break;
            }
        }
        GC.KeepAlive(_packed);
    }

    /// <summary>What is applied to a finished block of C: + bias[j] (none when null), then ReLU.</summary>
    private readonly struct Epilogue(T* bias, bool relu)
    {
        public bool Any => bias is not null || relu;

        /// <summary>Rows [0, rows) of C from <paramref name="c"/>, columns [j0, j1).</summary>
        public void Apply(T* c, nint ldc, int rows, int j0, int j1)
        {
            if (!Any || j1 <= j0) return;
            for (int i = 0; i < rows; i++)
            {
                var row = new Span<T>(c + i * ldc + j0, j1 - j0);
                if (bias is not null) System.Numerics.Tensors.TensorPrimitives.Add<T>(row, new ReadOnlySpan<T>(bias + j0, j1 - j0), row);
                if (relu) System.Numerics.Tensors.TensorPrimitives.Max<T>(row, T.Zero, row);
            }
        }
    }

    private void Run<TK>(int m, ReadOnlySpan<T> a, int aRs, int aCs, Span<T> c, int ldc, bool accumulate, Epilogue epilogue) where TK : struct, IGemmKernel<T>
    {
        if ((long)(m - 1) * aRs + (long)(_k - 1) * aCs >= a.Length || (long)(m - 1) * ldc + _n > c.Length)
            throw new ArgumentException($"GemmPrepackedB: spans too short for a {m}×{_k} by {_k}×{_n} product");
        fixed (T* pa = a)
        fixed (T* pc = c)
        {
            T* A = pa, C = pc;
            int nUnits = _nPad / _nr;
            // Parallel from the GEMM's threshold, or from 512 KB of packed B at any m: a product with a few rows (a deep
            // layer at batch 1) is bound by reading B, which the threads then share out.
            bool small = (long)m * _n * _k < Gemm.ParallelThreshold && (long)_n * _k * sizeof(T) < StreamedBytes;
            int nt = small || ThreadTeam.RunsSerially ? 1 : Math.Min(Threading.NumThreads, nUnits);
            if (nt <= 1)
            {
                Block<TK>(m, A, aRs, aCs, C, ldc, accumulate, 0, _n);
                epilogue.Apply(C, ldc, m, 0, _n);
                return;
            }
            InParallel<TK>(m, A, aRs, aCs, C, ldc, accumulate, epilogue, nt, nUnits);
        }
    }

    // Apart from Run: a lambda's closure is allocated on entry to the method that declares it, and the serial path (a
    // Winograd transform point's product inside a team part, say) must allocate nothing.
    private void InParallel<TK>(int m, T* A, int aRs, int aCs, T* C, int ldc, bool accumulate, Epilogue epilogue, int nt, int nUnits)
        where TK : struct, IGemmKernel<T>
    {
        nint ia = (nint)A, ic = (nint)C;
        int threads = ThreadTeam.RunsSerially ? 1 : Threading.NumThreads;
        if (m >= RowsPerThread * threads && threads > 1)
        {
            // Enough rows: each thread takes a band of rows and reads all of the packed B (which is shared),
            // instead of every thread packing all of A for its band of columns.
            int band = ((m + threads - 1) / threads + _mr - 1) / _mr * _mr, bands = (m + band - 1) / band;
            ThreadTeam.For(bands, t =>
            {
                int i0 = t * band, rows = Math.Min(band, m - i0);
                Block<TK>(rows, (T*)ia + (nint)i0 * aRs, aRs, aCs, (T*)ic + (nint)i0 * ldc, ldc, accumulate, 0, _n);
                epilogue.Apply((T*)ic + (nint)i0 * ldc, ldc, rows, 0, _n);
            });
            return;
        }
        ThreadTeam.For(nt, t =>
        {
            int u0 = (int)((long)nUnits * t / nt), u1 = (int)((long)nUnits * (t + 1) / nt);
            Block<TK>(m, (T*)ia, aRs, aCs, (T*)ic, ldc, accumulate, u0 * _nr, Math.Min(_n, u1 * _nr));
            epilogue.Apply((T*)ic, ldc, m, u0 * _nr, Math.Min(_n, u1 * _nr));
        });
    }

    /// <summary>Columns j0 (a multiple of NR) .. j1 of C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Block<TK>(int m, T* a, nint aRs, nint aCs, T* c, nint ldc, bool accumulate, int j0, int j1) where TK : struct, IGemmKernel<T>
    {
        if (j1 <= j0) return;
        int mr = TK.MR;
        int mBlocks = (m + _mc - 1) / _mc;
        int mcMax = ((m + mBlocks - 1) / mBlocks + mr - 1) / mr * mr;
        int aSize = GemmBuffers<T>.RoundToLine(mcMax * _kcMax);
        T* ws = GemmBuffers<T>.Rent(aSize + mr * TK.NR, out T[]? temp);
        try
        {
            for (int pc = 0; pc < _k; pc += _kcMax)
            {
                int kc = Math.Min(_kcMax, _k - pc);
                bool acc = accumulate || pc > 0;
                T* bp = _p + (nint)pc * _nPad + (nint)j0 * kc;
                for (int i0 = 0; i0 < m; i0 += mcMax)
                {
                    int mc = Math.Min(mcMax, m - i0);
                    GemmPacking.Pack(ws, a + i0 * aRs + pc * aCs, aRs, aCs, mc, kc, mr);
                    GemmDriver<T, TK>.Macro(kc, mc, j1 - j0, ws, bp, c + i0 * ldc + j0, ldc, acc, ws + aSize);
                }
            }
        }
        finally
        {
            GemmBuffers<T>.Return(temp);
        }
    }
}
