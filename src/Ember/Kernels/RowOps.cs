using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;


/// <summary>Vectorized row kernels: extreme value, its first index, and the softmax family.</summary>
internal static class RowOps
{
    internal static bool IsFloat<T>() => typeof(T) == typeof(float) || typeof(T) == typeof(double);

    /// <summary>
    /// The max (or min) of a non-empty span, NaN when any element is NaN; a zero result has the sign of the
    /// first zero in the span (as max(dim) reports it, whatever the vector lanes did).
    /// </summary>
    public static T Extreme<TOp, T>(ReadOnlySpan<T> x) where TOp : IExtremeOp<T> where T : unmanaged, INumber<T>
    {
        T r = ExtremeAnyZero<TOp, T>(x);
        if (IsFloat<T>() && r == T.Zero)
            foreach (var v in x)
                if (v == T.Zero) return v;
        return r;
    }

    /// <summary>
    /// <see cref="Extreme{TOp, T}"/> where the sign of a zero result is unspecified. Uses native vector max/min
    /// (fast, NaN-unaware) with a separate NaN mask.
    /// </summary>
    private static T ExtremeAnyZero<TOp, T>(ReadOnlySpan<T> x) where TOp : IExtremeOp<T> where T : unmanaged, INumber<T>
    {
        int n = x.Length;
        ref T p = ref MemoryMarshal.GetReference(x);
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && n >= Vector512<T>.Count)
        {
            int w = Vector512<T>.Count;
            var a0 = Vector512.LoadUnsafe(ref p);
            var a1 = a0;
            var nan = IsFloat<T>() ? ~Vector512.Equals(a0, a0) : Vector512<T>.Zero;
            int i = w;
            for (; i <= n - 2 * w; i += 2 * w)
            {
                var v0 = Vector512.LoadUnsafe(ref p, (nuint)i);
                var v1 = Vector512.LoadUnsafe(ref p, (nuint)(i + w));
                a0 = TOp.Native(a0, v0);
                a1 = TOp.Native(a1, v1);
                if (IsFloat<T>()) nan |= ~Vector512.Equals(v0, v0) | ~Vector512.Equals(v1, v1);
            }
            for (; i <= n - w; i += w)
            {
                var v = Vector512.LoadUnsafe(ref p, (nuint)i);
                a0 = TOp.Native(a0, v);
                if (IsFloat<T>()) nan |= ~Vector512.Equals(v, v);
            }
            if (i < n)
            {
                var v = Vector512.LoadUnsafe(ref p, (nuint)(n - w)); // overlapping tail: max is idempotent
                a1 = TOp.Native(a1, v);
                if (IsFloat<T>()) nan |= ~Vector512.Equals(v, v);
            }
            a0 = TOp.Native(a0, a1);
            if (IsFloat<T>())
            {
                nan |= ~Vector512.Equals(a0, a0);
                if (nan != Vector512<T>.Zero) return T.CreateTruncating(double.NaN);
            }
            return Horizontal<TOp, T>(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<Vector512<T>, T>(ref a0), w));
        }
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && n >= Vector256<T>.Count)
        {
            int w = Vector256<T>.Count;
            var a0 = Vector256.LoadUnsafe(ref p);
            var a1 = a0;
            var nan = IsFloat<T>() ? ~Vector256.Equals(a0, a0) : Vector256<T>.Zero;
            int i = w;
            for (; i <= n - 2 * w; i += 2 * w)
            {
                var v0 = Vector256.LoadUnsafe(ref p, (nuint)i);
                var v1 = Vector256.LoadUnsafe(ref p, (nuint)(i + w));
                a0 = TOp.Native(a0, v0);
                a1 = TOp.Native(a1, v1);
                if (IsFloat<T>()) nan |= ~Vector256.Equals(v0, v0) | ~Vector256.Equals(v1, v1);
            }
            for (; i <= n - w; i += w)
            {
                var v = Vector256.LoadUnsafe(ref p, (nuint)i);
                a0 = TOp.Native(a0, v);
                if (IsFloat<T>()) nan |= ~Vector256.Equals(v, v);
            }
            if (i < n)
            {
                var v = Vector256.LoadUnsafe(ref p, (nuint)(n - w));
                a1 = TOp.Native(a1, v);
                if (IsFloat<T>()) nan |= ~Vector256.Equals(v, v);
            }
            a0 = TOp.Native(a0, a1);
            if (IsFloat<T>())
            {
                nan |= ~Vector256.Equals(a0, a0);
                if (nan != Vector256<T>.Zero) return T.CreateTruncating(double.NaN);
            }
            return Horizontal<TOp, T>(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<Vector256<T>, T>(ref a0), w));
        }
        return Horizontal<TOp, T>(x);
    }

    /// <summary>Scalar extreme of a short non-empty span with NaN propagation.</summary>
    private static T Horizontal<TOp, T>(ReadOnlySpan<T> x) where TOp : IExtremeOp<T> where T : unmanaged, INumber<T>
    {
        T best = x[0];
        if (T.IsNaN(best)) return best;
        for (int i = 1; i < x.Length; i++)
        {
            T v = x[i];
            if (T.IsNaN(v)) return v;
            if (TOp.Better(v, best)) best = v;
        }
        return best;
    }

    /// <summary>
    /// The index of the first max (min) of a non-empty span; the first NaN wins when there is one
    /// (PyTorch's argmax/argmin). Ties of -0 and +0 count as equal.
    /// </summary>
    public static int IndexOfExtreme<TOp, T>(ReadOnlySpan<T> x) where TOp : IExtremeOp<T> where T : unmanaged, INumber<T>
    {
        T target = Extreme<TOp, T>(x);
        if (T.IsNaN(target))
        {
            for (int j = 0; j < x.Length; j++) if (T.IsNaN(x[j])) return j;
        }
        int n = x.Length, i = 0;
        ref T p = ref MemoryMarshal.GetReference(x);
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            var t = Vector512.Create(target);
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var eq = Vector512.Equals(Vector512.LoadUnsafe(ref p, (nuint)i), t);
                if (eq != Vector512<T>.Zero) return i + BitOperations.TrailingZeroCount(eq.ExtractMostSignificantBits());
            }
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var t = Vector256.Create(target);
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var eq = Vector256.Equals(Vector256.LoadUnsafe(ref p, (nuint)i), t);
                if (eq != Vector256<T>.Zero) return i + BitOperations.TrailingZeroCount(eq.ExtractMostSignificantBits());
            }
        }
        for (; i < n; i++) if (x[i] == target) return i;
        return 0; // unreachable: the target occurs in x
    }

    /// <summary>
    /// For each of <paramref name="inner"/> columns of a [reduced, inner] block, the first max (min)
    /// (NaN wins) and its row index. <paramref name="reduced"/> must be positive; <paramref name="scratch"/>
    /// holds at least inner ints (used for float32). Two vectorized passes: the column extremes, then a
    /// backward scan over the rows that keeps the earliest row equal to the extreme.
    /// </summary>
    public static void ColumnExtreme<TOp, T>(ReadOnlySpan<T> block, int reduced, int inner, Span<T> values, Span<long> indices, Span<int> scratch)
        where TOp : IExtremeOp<T> where T : unmanaged, INumber<T>
    {
        block[..inner].CopyTo(values);
        for (int r = 1; r < reduced; r++) TOp.Accumulate(block.Slice(r * inner, inner), values);
        if (Unsafe.SizeOf<T>() == 4)
        {
            var idx = scratch[..inner];
            MatchRows<T, int>(block, reduced, inner, values, idx);
            for (int i = 0; i < inner; i++) indices[i] = idx[i];
        }
        else
        {
            MatchRows<T, long>(block, reduced, inner, values, indices);
        }
        // report the value at the index (the extreme of -0 and +0 is the first one, as in PyTorch)
        for (int i = 0; i < inner; i++) values[i] = block[(int)indices[i] * inner + i];
    }

    /// <summary>idx[i] = the first row r with block[r, i] equal to values[i] (NaN matches NaN); TI has T's width.</summary>
    private static void MatchRows<T, TI>(ReadOnlySpan<T> block, int reduced, int inner, ReadOnlySpan<T> values, Span<TI> idx)
        where T : unmanaged, INumber<T> where TI : unmanaged, IBinaryInteger<TI>
    {
        int i0 = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && inner >= Vector256<T>.Count)
        {
            int w = Vector256<T>.Count, vecEnd = inner - inner % w;
            ref T pv = ref MemoryMarshal.GetReference(values);
            ref T pb = ref MemoryMarshal.GetReference(block);
            ref TI pi = ref MemoryMarshal.GetReference(idx);
            idx[..vecEnd].Clear();
            for (int r = reduced - 1; r >= 0; r--)
            {
                var rv = Vector256.Create(TI.CreateTruncating(r));
                nuint rowOff = (nuint)(r * inner);
                for (int i = 0; i < vecEnd; i += w)
                {
                    var v = Vector256.LoadUnsafe(ref pv, (nuint)i);
                    var x = Vector256.LoadUnsafe(ref pb, rowOff + (nuint)i);
                    var eq = Vector256.Equals(x, v);
                    if (IsFloat<T>()) eq |= ~Vector256.Equals(x, x) & ~Vector256.Equals(v, v);
                    var cur = Vector256.LoadUnsafe(ref pi, (nuint)i);
                    Vector256.ConditionalSelect(eq.As<T, TI>(), rv, cur).StoreUnsafe(ref pi, (nuint)i);
                }
            }
            i0 = vecEnd;
        }
        for (int i = i0; i < inner; i++)
        {
            T v = values[i];
            bool nan = T.IsNaN(v);
            int r = 0;
            while (r < reduced - 1 && !(block[r * inner + i] == v || (nan && T.IsNaN(block[r * inner + i])))) r++;
            idx[i] = TI.CreateTruncating(r);
        }
    }

    /// <summary>
    /// Softmax (or log-softmax) of each column of a contiguous [n, inner] block into <paramref name="y"/>
    /// (same layout); <paramref name="scratch"/> holds at least 2·inner elements (unused when inner is 1).
    /// Stable: the max is subtracted first.
    /// </summary>
    public static void Softmax<T>(ReadOnlySpan<T> x, Span<T> y, int n, int inner, bool log, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n == 0 || inner == 0) return;
        if (inner == 1)
        {
            T max = Extreme<MaxExtreme<T>, T>(x);
            TensorPrimitives.Subtract(x, max, y);
            if (log)
            {
                // y = (x - max) - log(sum(exp(x - max)))
                T sum = CascadeSum.ChunkedRow<ExpDeviationTerm<T>, T>(y, T.Zero);
                TensorPrimitives.Subtract(y, T.Log(sum), y);
            }
            else
            {
                TensorPrimitives.Exp(y, y);
                T sum = CascadeSum.ChunkedRow<PlainTerm<T>, T>(y, T.Zero);
                TensorPrimitives.Multiply(y, T.One / sum, y);
            }
            return;
        }
        // Column-wise over a [n, inner] block; the column sums are cascade sums.
        var m = scratch[..inner];
        var s = scratch.Slice(inner, inner);
        x[..inner].CopyTo(m);
        for (int r = 1; r < n; r++) TensorPrimitives.Max(m, x.Slice(r * inner, inner), m);
        var sums = ArrayPool<T>.Shared.Rent(CascadeSum.ColumnScratch<T>(inner));
        for (int r = 0; r < n; r++)
        {
            var yr = y.Slice(r * inner, inner);
            TensorPrimitives.Subtract(x.Slice(r * inner, inner), m, yr);
            if (!log) TensorPrimitives.Exp(yr, yr);
        }
        if (log) CascadeSum.Column<ExpDeviationTerm<T>, T>(x, n, inner, inner, m, s, sums);   // Σ exp(x - max); y keeps x - max
        else CascadeSum.Column<PlainTerm<T>, T>(y, n, inner, inner, default, s, sums);     // Σ exp(x - max)
        ArrayPool<T>.Shared.Return(sums);
        if (log)
        {
            // y = (x - max) - log(sum): subtracting the two small terms avoids cancellation against a large max
            TensorPrimitives.Log(s, s);
            for (int r = 0; r < n; r++)
            {
                var yr = y.Slice(r * inner, inner);
                TensorPrimitives.Subtract(yr, s, yr);
            }
        }
        else
        {
            TensorPrimitives.Divide(T.One, s, s);
            for (int r = 0; r < n; r++)
            {
                var yr = y.Slice(r * inner, inner);
                TensorPrimitives.Multiply(yr, s, yr);
            }
        }
    }
}
