using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;

/// <summary>
/// An elementwise op of two operands built from compares and selects (max, min, relu), with one body per
/// vector width and a scalar body that gives the same results (NaN and ±0 included).
/// </summary>
internal interface ISelectOp<T> where T : unmanaged
{
    static abstract T Invoke(T a, T b);
    static abstract Vector512<T> Invoke(Vector512<T> a, Vector512<T> b);
    static abstract Vector256<T> Invoke(Vector256<T> a, Vector256<T> b);
    static abstract Vector128<T> Invoke(Vector128<T> a, Vector128<T> b);
}

/// <summary>
/// a &gt; b ? a : b, NaN when a is NaN, b when b is NaN; of −0 and +0 the second operand (x86's maxps order,
/// which is what PyTorch's vectorized maximum returns).
/// </summary>
internal readonly struct MaxSelect<T> : ISelectOp<T> where T : unmanaged, INumber<T>
{
    public static T Invoke(T a, T b) => T.IsNaN(a) ? a : a > b ? a : b;
    public static Vector512<T> Invoke(Vector512<T> a, Vector512<T> b)
    {
        var r = Vector512.ConditionalSelect(Vector512.GreaterThan(a, b), a, b);
        return RowOps.IsFloat<T>() ? Vector512.ConditionalSelect(Vector512.Equals(a, a), r, a) : r;
    }
    public static Vector256<T> Invoke(Vector256<T> a, Vector256<T> b)
    {
        var r = Vector256.ConditionalSelect(Vector256.GreaterThan(a, b), a, b);
        return RowOps.IsFloat<T>() ? Vector256.ConditionalSelect(Vector256.Equals(a, a), r, a) : r;
    }
    public static Vector128<T> Invoke(Vector128<T> a, Vector128<T> b)
    {
        var r = Vector128.ConditionalSelect(Vector128.GreaterThan(a, b), a, b);
        return RowOps.IsFloat<T>() ? Vector128.ConditionalSelect(Vector128.Equals(a, a), r, a) : r;
    }
}

/// <summary>a &lt; b ? a : b with the NaN and ±0 rules of <see cref="MaxSelect{T}"/>.</summary>
internal readonly struct MinSelect<T> : ISelectOp<T> where T : unmanaged, INumber<T>
{
    public static T Invoke(T a, T b) => T.IsNaN(a) ? a : a < b ? a : b;
    public static Vector512<T> Invoke(Vector512<T> a, Vector512<T> b)
    {
        var r = Vector512.ConditionalSelect(Vector512.LessThan(a, b), a, b);
        return RowOps.IsFloat<T>() ? Vector512.ConditionalSelect(Vector512.Equals(a, a), r, a) : r;
    }
    public static Vector256<T> Invoke(Vector256<T> a, Vector256<T> b)
    {
        var r = Vector256.ConditionalSelect(Vector256.LessThan(a, b), a, b);
        return RowOps.IsFloat<T>() ? Vector256.ConditionalSelect(Vector256.Equals(a, a), r, a) : r;
    }
    public static Vector128<T> Invoke(Vector128<T> a, Vector128<T> b)
    {
        var r = Vector128.ConditionalSelect(Vector128.LessThan(a, b), a, b);
        return RowOps.IsFloat<T>() ? Vector128.ConditionalSelect(Vector128.Equals(a, a), r, a) : r;
    }
}

/// <summary>a &lt; b ? b : a: relu with b = 0 (NaN stays NaN, −0 stays −0, as in PyTorch).</summary>
internal readonly struct FloorSelect<T> : ISelectOp<T> where T : unmanaged, INumber<T>
{
    public static T Invoke(T a, T b) => a < b ? b : a;
    public static Vector512<T> Invoke(Vector512<T> a, Vector512<T> b) => Vector512.ConditionalSelect(Vector512.LessThan(a, b), b, a);
    public static Vector256<T> Invoke(Vector256<T> a, Vector256<T> b) => Vector256.ConditionalSelect(Vector256.LessThan(a, b), b, a);
    public static Vector128<T> Invoke(Vector128<T> a, Vector128<T> b) => Vector128.ConditionalSelect(Vector128.LessThan(a, b), b, a);
}

/// <summary>
/// Drives an <see cref="ISelectOp{T}"/> over spans (either operand may be a broadcast scalar); safe in place.
/// Large outputs are written with non-temporal stores, as TensorPrimitives does.
/// </summary>
internal static unsafe class SelectKernel
{
    /// <summary>Outputs larger than this many bytes bypass the cache (TensorPrimitives' threshold).</summary>
    private const int NonTemporalBytes = 256 * 1024;

    public static void Run<TOp, T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d, bool nonTemporal = true) where TOp : ISelectOp<T> where T : unmanaged
    {
        if (b.Length < a.Length || d.Length < a.Length) throw new ArgumentException("select kernel: spans of different lengths");
        fixed (T* pa = a, pb = b, pd = d) Core<TOp, T>(pa, false, pb, false, pd, (nuint)a.Length, nonTemporal);
    }

    public static void Run<TOp, T>(ReadOnlySpan<T> a, T b, Span<T> d) where TOp : ISelectOp<T> where T : unmanaged
    {
        if (d.Length < a.Length) throw new ArgumentException("select kernel: destination too short");
        fixed (T* pa = a, pd = d) Core<TOp, T>(pa, false, &b, true, pd, (nuint)a.Length, true);
    }

    public static void Run<TOp, T>(T a, ReadOnlySpan<T> b, Span<T> d) where TOp : ISelectOp<T> where T : unmanaged
    {
        if (d.Length < b.Length) throw new ArgumentException("select kernel: destination too short");
        fixed (T* pb = b, pd = d) Core<TOp, T>(&a, true, pb, false, pd, (nuint)b.Length, true);
    }

    private static void Core<TOp, T>(T* pa, bool aScalar, T* pb, bool bScalar, T* pd, nuint n, bool nonTemporal) where TOp : ISelectOp<T> where T : unmanaged
    {
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && n >= (nuint)Vector512<T>.Count)
        {
            nuint w = (nuint)Vector512<T>.Count;
            var va = aScalar ? Vector512.Create(*pa) : default;
            var vb = bScalar ? Vector512.Create(*pb) : default;
            if (nonTemporal && n * (nuint)sizeof(T) > NonTemporalBytes && (nuint)pd % (nuint)sizeof(T) == 0)
            {
                // scalar head up to 64-byte alignment of the destination, then aligned streaming stores
                nuint head = ((64 - (nuint)pd % 64) % 64) / (nuint)sizeof(T);
                for (; i < head; i++) pd[i] = TOp.Invoke(aScalar ? *pa : pa[i], bScalar ? *pb : pb[i]);
                for (; i + w <= n; i += w)
                    TOp.Invoke(aScalar ? va : Vector512.Load(pa + i), bScalar ? vb : Vector512.Load(pb + i)).StoreAlignedNonTemporal(pd + i);
            }
            else
            {
                for (; i + w <= n; i += w)
                    TOp.Invoke(aScalar ? va : Vector512.Load(pa + i), bScalar ? vb : Vector512.Load(pb + i)).Store(pd + i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            nuint w = (nuint)Vector256<T>.Count;
            var va = aScalar ? Vector256.Create(*pa) : default;
            var vb = bScalar ? Vector256.Create(*pb) : default;
            for (; i + w <= n; i += w)
                TOp.Invoke(aScalar ? va : Vector256.Load(pa + i), bScalar ? vb : Vector256.Load(pb + i)).Store(pd + i);
        }
        else if (Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported)
        {
            nuint w = (nuint)Vector128<T>.Count;
            var va = aScalar ? Vector128.Create(*pa) : default;
            var vb = bScalar ? Vector128.Create(*pb) : default;
            for (; i + w <= n; i += w)
                TOp.Invoke(aScalar ? va : Vector128.Load(pa + i), bScalar ? vb : Vector128.Load(pb + i)).Store(pd + i);
        }
        for (; i < n; i++) pd[i] = TOp.Invoke(aScalar ? *pa : pa[i], bScalar ? *pb : pb[i]);
    }
}
