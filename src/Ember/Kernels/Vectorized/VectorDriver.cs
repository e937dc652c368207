using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;

/// <summary>
/// The generic elementwise driver: runs an operator struct (<see cref="IVectorOp1{T}"/>, <see cref="IVectorOp2{T}"/>,
/// <see cref="IVectorOp3{T}"/>, <see cref="IVectorUpdate{T}"/>) over contiguous spans with the widest accelerated
/// vector that fits the length (a JIT-time constant per element type), in a main loop unrolled by four vectors, then
/// single vectors, then one last vector that ends at the end of the spans and overlaps the elements already done.
/// That last vector is loaded and computed before anything is stored, so the result is right when the output is one
/// of the inputs (in place): every element gets the body's value of its original inputs, possibly twice. Outputs
/// must not partially overlap the inputs (shifted views). Spans shorter than one 128-bit vector run the scalar body.
/// Nothing allocates.
/// </summary>
internal static partial class VectorDriver
{
    /// <summary>Whether spans of <paramref name="n"/> elements run on 512-bit vectors.</summary>
    internal static bool Use512<T>(nuint n) => Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && n >= (nuint)Vector512<T>.Count;

    /// <summary>Whether spans of <paramref name="n"/> elements run on 256-bit vectors (when 512-bit ones do not).</summary>
    internal static bool Use256<T>(nuint n) => Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && n >= (nuint)Vector256<T>.Count;

    /// <summary>Whether spans of <paramref name="n"/> elements run on 128-bit vectors (when wider ones do not).</summary>
    internal static bool Use128<T>(nuint n) => Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported && n >= (nuint)Vector128<T>.Count;

    /// <summary>y[i] = op(x[i]) for i &lt; x.Length; <paramref name="y"/> may be <paramref name="x"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="y"/> is shorter than <paramref name="x"/>.</exception>
    public static void Map<TOp, T>(TOp op, ReadOnlySpan<T> x, Span<T> y) where TOp : struct, IVectorOp1<T> where T : unmanaged
    {
        if (y.Length < x.Length) throw new ArgumentException("vector driver: the output is shorter than the input");
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        nuint n = (nuint)x.Length;
        if (Use512<T>(n)) Map512(op, ref xr, ref yr, n);
        else if (Use256<T>(n)) Map256(op, ref xr, ref yr, n);
        else if (Use128<T>(n)) Map128(op, ref xr, ref yr, n);
        else for (nuint i = 0; i < n; i++) Unsafe.Add(ref yr, i) = op.Invoke(Unsafe.Add(ref xr, i));
    }

    /// <summary>y[i] = op(a[i], b[i]) for i &lt; a.Length; <paramref name="y"/> may be an input.</summary>
    /// <exception cref="ArgumentException">b or y is shorter than a.</exception>
    public static void Map<TOp, T>(TOp op, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) where TOp : struct, IVectorOp2<T> where T : unmanaged
    {
        if (b.Length < a.Length || y.Length < a.Length) throw new ArgumentException("vector driver: spans of different lengths");
        ref T ar = ref MemoryMarshal.GetReference(a);
        ref T br = ref MemoryMarshal.GetReference(b);
        ref T yr = ref MemoryMarshal.GetReference(y);
        nuint n = (nuint)a.Length;
        if (Use512<T>(n)) Map512(op, ref ar, ref br, ref yr, n);
        else if (Use256<T>(n)) Map256(op, ref ar, ref br, ref yr, n);
        else if (Use128<T>(n)) Map128(op, ref ar, ref br, ref yr, n);
        else for (nuint i = 0; i < n; i++) Unsafe.Add(ref yr, i) = op.Invoke(Unsafe.Add(ref ar, i), Unsafe.Add(ref br, i));
    }

    /// <summary>y[i] = op(a[i], b[i], c[i]) for i &lt; a.Length; <paramref name="y"/> may be an input.</summary>
    /// <exception cref="ArgumentException">b, c or y is shorter than a.</exception>
    public static void Map<TOp, T>(TOp op, ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> c, Span<T> y) where TOp : struct, IVectorOp3<T> where T : unmanaged
    {
        if (b.Length < a.Length || c.Length < a.Length || y.Length < a.Length) throw new ArgumentException("vector driver: spans of different lengths");
        ref T ar = ref MemoryMarshal.GetReference(a);
        ref T br = ref MemoryMarshal.GetReference(b);
        ref T cr = ref MemoryMarshal.GetReference(c);
        ref T yr = ref MemoryMarshal.GetReference(y);
        nuint n = (nuint)a.Length;
        if (Use512<T>(n)) Map512(op, ref ar, ref br, ref cr, ref yr, n);
        else if (Use256<T>(n)) Map256(op, ref ar, ref br, ref cr, ref yr, n);
        else if (Use128<T>(n)) Map128(op, ref ar, ref br, ref cr, ref yr, n);
        else for (nuint i = 0; i < n; i++) Unsafe.Add(ref yr, i) = op.Invoke(Unsafe.Add(ref ar, i), Unsafe.Add(ref br, i), Unsafe.Add(ref cr, i));
    }

    // ---- 512-bit loops (n >= one vector) ----

    /// <summary>The 512-bit loop of one operand (n ≥ one vector); internal so that tests can force the width.</summary>
    internal static void Map512<TOp, T>(TOp op, ref T x, ref T y, nuint n) where TOp : struct, IVectorOp1<T> where T : unmanaged
    {
        nuint w = (nuint)Vector512<T>.Count, i = 0;
        // The last vector (overlapping the main loop's last elements), computed before anything is stored.
        var last = op.Invoke(Vector512.LoadUnsafe(ref x, n - w));
        for (; i + 4 * w <= n; i += 4 * w)
        {
            var y0 = op.Invoke(Vector512.LoadUnsafe(ref x, i));
            var y1 = op.Invoke(Vector512.LoadUnsafe(ref x, i + w));
            var y2 = op.Invoke(Vector512.LoadUnsafe(ref x, i + 2 * w));
            var y3 = op.Invoke(Vector512.LoadUnsafe(ref x, i + 3 * w));
            y0.StoreUnsafe(ref y, i);
            y1.StoreUnsafe(ref y, i + w);
            y2.StoreUnsafe(ref y, i + 2 * w);
            y3.StoreUnsafe(ref y, i + 3 * w);
        }
        for (; i + w <= n; i += w) op.Invoke(Vector512.LoadUnsafe(ref x, i)).StoreUnsafe(ref y, i);
        if (i < n) last.StoreUnsafe(ref y, n - w);
    }

    /// <summary>The 512-bit loop of two operands (n ≥ one vector).</summary>
    internal static void Map512<TOp, T>(TOp op, ref T a, ref T b, ref T y, nuint n) where TOp : struct, IVectorOp2<T> where T : unmanaged
    {
        nuint w = (nuint)Vector512<T>.Count, i = 0;
        var last = op.Invoke(Vector512.LoadUnsafe(ref a, n - w), Vector512.LoadUnsafe(ref b, n - w));
        for (; i + 4 * w <= n; i += 4 * w)
        {
            var y0 = op.Invoke(Vector512.LoadUnsafe(ref a, i), Vector512.LoadUnsafe(ref b, i));
            var y1 = op.Invoke(Vector512.LoadUnsafe(ref a, i + w), Vector512.LoadUnsafe(ref b, i + w));
            var y2 = op.Invoke(Vector512.LoadUnsafe(ref a, i + 2 * w), Vector512.LoadUnsafe(ref b, i + 2 * w));
            var y3 = op.Invoke(Vector512.LoadUnsafe(ref a, i + 3 * w), Vector512.LoadUnsafe(ref b, i + 3 * w));
            y0.StoreUnsafe(ref y, i);
            y1.StoreUnsafe(ref y, i + w);
            y2.StoreUnsafe(ref y, i + 2 * w);
            y3.StoreUnsafe(ref y, i + 3 * w);
        }
        for (; i + w <= n; i += w) op.Invoke(Vector512.LoadUnsafe(ref a, i), Vector512.LoadUnsafe(ref b, i)).StoreUnsafe(ref y, i);
        if (i < n) last.StoreUnsafe(ref y, n - w);
    }

    /// <summary>The 512-bit loop of three operands (n ≥ one vector).</summary>
    internal static void Map512<TOp, T>(TOp op, ref T a, ref T b, ref T c, ref T y, nuint n) where TOp : struct, IVectorOp3<T> where T : unmanaged
    {
        nuint w = (nuint)Vector512<T>.Count, i = 0;
        var last = op.Invoke(Vector512.LoadUnsafe(ref a, n - w), Vector512.LoadUnsafe(ref b, n - w), Vector512.LoadUnsafe(ref c, n - w));
        for (; i + 4 * w <= n; i += 4 * w)
        {
            var y0 = op.Invoke(Vector512.LoadUnsafe(ref a, i), Vector512.LoadUnsafe(ref b, i), Vector512.LoadUnsafe(ref c, i));
            var y1 = op.Invoke(Vector512.LoadUnsafe(ref a, i + w), Vector512.LoadUnsafe(ref b, i + w), Vector512.LoadUnsafe(ref c, i + w));
            var y2 = op.Invoke(Vector512.LoadUnsafe(ref a, i + 2 * w), Vector512.LoadUnsafe(ref b, i + 2 * w), Vector512.LoadUnsafe(ref c, i + 2 * w));
            var y3 = op.Invoke(Vector512.LoadUnsafe(ref a, i + 3 * w), Vector512.LoadUnsafe(ref b, i + 3 * w), Vector512.LoadUnsafe(ref c, i + 3 * w));
            y0.StoreUnsafe(ref y, i);
            y1.StoreUnsafe(ref y, i + w);
            y2.StoreUnsafe(ref y, i + 2 * w);
            y3.StoreUnsafe(ref y, i + 3 * w);
        }
        for (; i + w <= n; i += w)
            op.Invoke(Vector512.LoadUnsafe(ref a, i), Vector512.LoadUnsafe(ref b, i), Vector512.LoadUnsafe(ref c, i)).StoreUnsafe(ref y, i);
        if (i < n) last.StoreUnsafe(ref y, n - w);
    }

    // ---- 256-bit loops (n >= one vector) ----

    /// <summary>The 256-bit loop of one operand (n ≥ one vector); internal so that tests can force the width.</summary>
    internal static void Map256<TOp, T>(TOp op, ref T x, ref T y, nuint n) where TOp : struct, IVectorOp1<T> where T : unmanaged
    {
        nuint w = (nuint)Vector256<T>.Count, i = 0;
        var last = op.Invoke(Vector256.LoadUnsafe(ref x, n - w));
        for (; i + 4 * w <= n; i += 4 * w)
        {
            var y0 = op.Invoke(Vector256.LoadUnsafe(ref x, i));
            var y1 = op.Invoke(Vector256.LoadUnsafe(ref x, i + w));
            var y2 = op.Invoke(Vector256.LoadUnsafe(ref x, i + 2 * w));
            var y3 = op.Invoke(Vector256.LoadUnsafe(ref x, i + 3 * w));
            y0.StoreUnsafe(ref y, i);
            y1.StoreUnsafe(ref y, i + w);
            y2.StoreUnsafe(ref y, i + 2 * w);
            y3.StoreUnsafe(ref y, i + 3 * w);
        }
        for (; i + w <= n; i += w) op.Invoke(Vector256.LoadUnsafe(ref x, i)).StoreUnsafe(ref y, i);
        if (i < n) last.StoreUnsafe(ref y, n - w);
    }

    /// <summary>The 256-bit loop of two operands (n ≥ one vector).</summary>
    internal static void Map256<TOp, T>(TOp op, ref T a, ref T b, ref T y, nuint n) where TOp : struct, IVectorOp2<T> where T : unmanaged
    {
        nuint w = (nuint)Vector256<T>.Count, i = 0;
        var last = op.Invoke(Vector256.LoadUnsafe(ref a, n - w), Vector256.LoadUnsafe(ref b, n - w));
        for (; i + 4 * w <= n; i += 4 * w)
        {
            var y0 = op.Invoke(Vector256.LoadUnsafe(ref a, i), Vector256.LoadUnsafe(ref b, i));
            var y1 = op.Invoke(Vector256.LoadUnsafe(ref a, i + w), Vector256.LoadUnsafe(ref b, i + w));
            var y2 = op.Invoke(Vector256.LoadUnsafe(ref a, i + 2 * w), Vector256.LoadUnsafe(ref b, i + 2 * w));
            var y3 = op.Invoke(Vector256.LoadUnsafe(ref a, i + 3 * w), Vector256.LoadUnsafe(ref b, i + 3 * w));
            y0.StoreUnsafe(ref y, i);
            y1.StoreUnsafe(ref y, i + w);
            y2.StoreUnsafe(ref y, i + 2 * w);
            y3.StoreUnsafe(ref y, i + 3 * w);
        }
        for (; i + w <= n; i += w) op.Invoke(Vector256.LoadUnsafe(ref a, i), Vector256.LoadUnsafe(ref b, i)).StoreUnsafe(ref y, i);
        if (i < n) last.StoreUnsafe(ref y, n - w);
    }

    /// <summary>The 256-bit loop of three operands (n ≥ one vector).</summary>
    internal static void Map256<TOp, T>(TOp op, ref T a, ref T b, ref T c, ref T y, nuint n) where TOp : struct, IVectorOp3<T> where T : unmanaged
    {
        nuint w = (nuint)Vector256<T>.Count, i = 0;
        var last = op.Invoke(Vector256.LoadUnsafe(ref a, n - w), Vector256.LoadUnsafe(ref b, n - w), Vector256.LoadUnsafe(ref c, n - w));
        for (; i + 4 * w <= n; i += 4 * w)
        {
            var y0 = op.Invoke(Vector256.LoadUnsafe(ref a, i), Vector256.LoadUnsafe(ref b, i), Vector256.LoadUnsafe(ref c, i));
            var y1 = op.Invoke(Vector256.LoadUnsafe(ref a, i + w), Vector256.LoadUnsafe(ref b, i + w), Vector256.LoadUnsafe(ref c, i + w));
            var y2 = op.Invoke(Vector256.LoadUnsafe(ref a, i + 2 * w), Vector256.LoadUnsafe(ref b, i + 2 * w), Vector256.LoadUnsafe(ref c, i + 2 * w));
            var y3 = op.Invoke(Vector256.LoadUnsafe(ref a, i + 3 * w), Vector256.LoadUnsafe(ref b, i + 3 * w), Vector256.LoadUnsafe(ref c, i + 3 * w));
            y0.StoreUnsafe(ref y, i);
            y1.StoreUnsafe(ref y, i + w);
            y2.StoreUnsafe(ref y, i + 2 * w);
            y3.StoreUnsafe(ref y, i + 3 * w);
        }
        for (; i + w <= n; i += w)
            op.Invoke(Vector256.LoadUnsafe(ref a, i), Vector256.LoadUnsafe(ref b, i), Vector256.LoadUnsafe(ref c, i)).StoreUnsafe(ref y, i);
        if (i < n) last.StoreUnsafe(ref y, n - w);
    }

    // ---- 128-bit loops (n >= one vector) ----

    /// <summary>The 128-bit loop of one operand (n ≥ one vector); internal so that tests can force the width.</summary>
    internal static void Map128<TOp, T>(TOp op, ref T x, ref T y, nuint n) where TOp : struct, IVectorOp1<T> where T : unmanaged
    {
        nuint w = (nuint)Vector128<T>.Count, i = 0;
        var last = op.Invoke(Vector128.LoadUnsafe(ref x, n - w));
        for (; i + 4 * w <= n; i += 4 * w)
        {
            var y0 = op.Invoke(Vector128.LoadUnsafe(ref x, i));
            var y1 = op.Invoke(Vector128.LoadUnsafe(ref x, i + w));
            var y2 = op.Invoke(Vector128.LoadUnsafe(ref x, i + 2 * w));
            var y3 = op.Invoke(Vector128.LoadUnsafe(ref x, i + 3 * w));
            y0.StoreUnsafe(ref y, i);
            y1.StoreUnsafe(ref y, i + w);
            y2.StoreUnsafe(ref y, i + 2 * w);
            y3.StoreUnsafe(ref y, i + 3 * w);
        }
        for (; i + w <= n; i += w) op.Invoke(Vector128.LoadUnsafe(ref x, i)).StoreUnsafe(ref y, i);
        if (i < n) last.StoreUnsafe(ref y, n - w);
    }

    /// <summary>The 128-bit loop of two operands (n ≥ one vector).</summary>
    internal static void Map128<TOp, T>(TOp op, ref T a, ref T b, ref T y, nuint n) where TOp : struct, IVectorOp2<T> where T : unmanaged
    {
        nuint w = (nuint)Vector128<T>.Count, i = 0;
        var last = op.Invoke(Vector128.LoadUnsafe(ref a, n - w), Vector128.LoadUnsafe(ref b, n - w));
        for (; i + 4 * w <= n; i += 4 * w)
        {
            var y0 = op.Invoke(Vector128.LoadUnsafe(ref a, i), Vector128.LoadUnsafe(ref b, i));
            var y1 = op.Invoke(Vector128.LoadUnsafe(ref a, i + w), Vector128.LoadUnsafe(ref b, i + w));
            var y2 = op.Invoke(Vector128.LoadUnsafe(ref a, i + 2 * w), Vector128.LoadUnsafe(ref b, i + 2 * w));
            var y3 = op.Invoke(Vector128.LoadUnsafe(ref a, i + 3 * w), Vector128.LoadUnsafe(ref b, i + 3 * w));
            y0.StoreUnsafe(ref y, i);
            y1.StoreUnsafe(ref y, i + w);
            y2.StoreUnsafe(ref y, i + 2 * w);
            y3.StoreUnsafe(ref y, i + 3 * w);
        }
        for (; i + w <= n; i += w) op.Invoke(Vector128.LoadUnsafe(ref a, i), Vector128.LoadUnsafe(ref b, i)).StoreUnsafe(ref y, i);
        if (i < n) last.StoreUnsafe(ref y, n - w);
    }

    /// <summary>The 128-bit loop of three operands (n ≥ one vector).</summary>
    internal static void Map128<TOp, T>(TOp op, ref T a, ref T b, ref T c, ref T y, nuint n) where TOp : struct, IVectorOp3<T> where T : unmanaged
    {
        nuint w = (nuint)Vector128<T>.Count, i = 0;
        var last = op.Invoke(Vector128.LoadUnsafe(ref a, n - w), Vector128.LoadUnsafe(ref b, n - w), Vector128.LoadUnsafe(ref c, n - w));
        for (; i + 4 * w <= n; i += 4 * w)
        {
            var y0 = op.Invoke(Vector128.LoadUnsafe(ref a, i), Vector128.LoadUnsafe(ref b, i), Vector128.LoadUnsafe(ref c, i));
            var y1 = op.Invoke(Vector128.LoadUnsafe(ref a, i + w), Vector128.LoadUnsafe(ref b, i + w), Vector128.LoadUnsafe(ref c, i + w));
            var y2 = op.Invoke(Vector128.LoadUnsafe(ref a, i + 2 * w), Vector128.LoadUnsafe(ref b, i + 2 * w), Vector128.LoadUnsafe(ref c, i + 2 * w));
            var y3 = op.Invoke(Vector128.LoadUnsafe(ref a, i + 3 * w), Vector128.LoadUnsafe(ref b, i + 3 * w), Vector128.LoadUnsafe(ref c, i + 3 * w));
            y0.StoreUnsafe(ref y, i);
            y1.StoreUnsafe(ref y, i + w);
            y2.StoreUnsafe(ref y, i + 2 * w);
            y3.StoreUnsafe(ref y, i + 3 * w);
        }
        for (; i + w <= n; i += w)
            op.Invoke(Vector128.LoadUnsafe(ref a, i), Vector128.LoadUnsafe(ref b, i), Vector128.LoadUnsafe(ref c, i)).StoreUnsafe(ref y, i);
        if (i < n) last.StoreUnsafe(ref y, n - w);
    }
}
