using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;

/// <summary>
/// An A operand [m, k] packed ONCE into the micro-kernel's MR-row panels, per K block exactly as
/// <see cref="GemmDriver{T, TK}"/> packs it, for products C = A·B repeated with many B: a convolution's weight in
/// inference mode, whose implicit GEMM would otherwise pack the whole weight on every call (and on every thread that
/// takes a band of columns). The driver reads the panels in place (<see cref="IAPacker{T}"/>), so each element's
/// summation order is the one the unpacked product has. Null from <see cref="TryCreate"/> where the GEMM has no SIMD kernel.
/// </summary>
internal sealed unsafe class GemmPrepackedA<T> where T : unmanaged, INumber<T>
{
    private readonly int _m, _k, _mPad;
    private readonly T[] _packed;
    private readonly T* _p;
    private readonly Kind _kind;
    private enum Kind { K512, K256, K128 }

    private GemmPrepackedA(Kind kind, int mr, int kc, ReadOnlySpan<T> a, int aRowStride, int aColStride, int m, int k)
    {
        (_kind, _m, _k) = (kind, m, k);
        _mPad = (m + mr - 1) / mr * mr;
        // Zeroed: the rows of the last panel past m are read by the edge tiles (and only land in their scratch tile).
        _packed = GC.AllocateArray<T>(checked(_mPad * k + 64 / sizeof(T)), pinned: true);
        nint addr = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_packed));
        _p = (T*)((addr + 63) & ~(nint)63);
        int kBlocks = (k + kc - 1) / kc, kcMax = (k + kBlocks - 1) / kBlocks;
        fixed (T* pa = a)
            for (int pc = 0; pc < k; pc += kcMax)
                GemmPacking.Pack(_p + (nint)pc * _mPad, pa + (nint)pc * aColStride, aRowStride, aColStride, m, Math.Min(kcMax, k - pc), mr);
    }

    /// <summary>Rows of A.</summary>
    public int M => _m;

    /// <summary>Columns of A (the reduction depth).</summary>
    public int K => _k;

    /// <summary>
    /// Packs A[i, p] = a[i·aRowStride + p·aColStride] for the micro-kernel the GEMM runs on this CPU; null for element
    /// types or hardware without one (or an empty A), where the caller keeps the unpacked product.
    /// </summary>
    public static GemmPrepackedA<T>? TryCreate(ReadOnlySpan<T> a, int aRowStride, int aColStride, int m, int k)
    {
        if ((typeof(T) != typeof(float) && typeof(T) != typeof(double)) || m <= 0 || k <= 0) return null;
        if ((long)(m - 1) * aRowStride + (long)(k - 1) * aColStride >= a.Length)
            throw new ArgumentException($"GemmPrepackedA: span of {a.Length} too short for a {m}×{k} matrix");
        if (Vector512.IsHardwareAccelerated) return Create<Kernel512x8x2<T>>(Kind.K512, a, aRowStride, aColStride, m, k);
        if (Vector256.IsHardwareAccelerated) return Create<Kernel256x6x2<T>>(Kind.K256, a, aRowStride, aColStride, m, k);
        if (Vector128.IsHardwareAccelerated) return Create<Kernel128x6x2<T>>(Kind.K128, a, aRowStride, aColStride, m, k);
        return null;
    }

    private static GemmPrepackedA<T> Create<TK>(Kind kind, ReadOnlySpan<T> a, int rs, int cs, int m, int k) where TK : struct, IGemmKernel<T> =>
        new(kind, TK.MR, GemmBlocking.For<T>(TK.MR, TK.NR).KC, a, rs, cs, m, k);

    /// <summary>C[M, n] (row stride <paramref name="ldc"/>) = (accumulate ? C : 0) + A·B, B [K, n] from <paramref name="packB"/>.</summary>
    public void Multiply<TB>(int n, TB packB, Span<T> c, int ldc, bool accumulate) where TB : struct, IBPacker<T>
    {
        if (n == 0) return;
        if (ldc < n || (long)(_m - 1) * ldc + n > c.Length)
            throw new ArgumentException($"GemmPrepackedA: output span of {c.Length} (row stride {ldc}) too short for [{_m}, {n}]");
        fixed (T* pc = c)
        {
            var args = new GemmArgs<T>(_m, n, _k, null, 0, 0, null, 0, 0, pc, ldc, accumulate);
            var panels = new PrepackedPanels<T>(_p, _mPad);
            switch (_kind)
            {
                case Kind.K512: GemmParallel.Run<T, Kernel512x8x2<T>, PrepackedPanels<T>, TB>(in args, panels, packB); break;
                case Kind.K256: GemmParallel.Run<T, Kernel256x6x2<T>, PrepackedPanels<T>, TB>(in args, panels, packB); break;
                default: GemmParallel.Run<T, Kernel128x6x2<T>, PrepackedPanels<T>, TB>(in args, panels, packB); break;
            }
        }
        GC.KeepAlive(_packed);
    }
}

/// <summary>The panels of a <see cref="GemmPrepackedA{T}"/>, read in place: block (ic, pc) starts at pc·mPad + ic·kc.</summary>
internal readonly unsafe struct PrepackedPanels<T>(T* packed, int mPad) : IAPacker<T> where T : unmanaged
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T* Panels(T* workspace, int ic, int pc, int mc, int kc, int mr) => packed + (nint)pc * mPad + (nint)ic * kc;
}
