using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;

// Reducers and row kernels for the reduction family (prod, max/min, argmax/argmin, norm, softmax).

/// <summary>Product reducer (the product of an empty span is one).</summary>
internal readonly struct ProdReducer<T> : IReducer<T> where T : unmanaged, INumber<T>
{
    public static T Identity => T.One;
    public static T Combine(T a, T b) => a * b;
    public static T Reduce(ReadOnlySpan<T> x) => x.IsEmpty ? T.One : TensorPrimitives.Product(x);
    public static void Accumulate(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.Multiply(acc, x, acc);
}

/// <summary>Sum of squares (the squared Euclidean norm); <c>Combine(acc, x)</c> = acc + x².</summary>
internal readonly struct SumSquaresReducer<T> : IReducer<T> where T : unmanaged, INumber<T>
{
    public static T Identity => T.Zero;
    public static T Combine(T a, T b) => a + b * b;
    public static T Reduce(ReadOnlySpan<T> x) => TensorPrimitives.SumOfSquares(x);
    public static void Accumulate(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.MultiplyAdd(x, x, acc, acc);
}

/// <summary>Maximum reducer that propagates NaN; callers reject empty reductions first.</summary>
internal readonly struct MaxReducer<T> : IReducer<T> where T : unmanaged, INumber<T>
{
    public static T Identity => T.CreateSaturating(double.NegativeInfinity);
    public static T Combine(T a, T b) => MaxExtreme<T>.Scalar(a, b);
    public static T Reduce(ReadOnlySpan<T> x) => RowOps.Extreme<MaxExtreme<T>, T>(x);
    public static void Accumulate(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.Max(acc, x, acc);
}

/// <summary>Minimum reducer that propagates NaN; callers reject empty reductions first.</summary>
internal readonly struct MinReducer<T> : IReducer<T> where T : unmanaged, INumber<T>
{
    public static T Identity => T.CreateSaturating(double.PositiveInfinity);
    public static T Combine(T a, T b) => MinExtreme<T>.Scalar(a, b);
    public static T Reduce(ReadOnlySpan<T> x) => RowOps.Extreme<MinExtreme<T>, T>(x);
    public static void Accumulate(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.Min(acc, x, acc);
}

/// <summary>A max or min: native (non-NaN-propagating) vector bodies plus a strict scalar "better than" test.</summary>
internal interface IExtremeOp<T> where T : unmanaged
{
    static abstract Vector512<T> Native(Vector512<T> a, Vector512<T> b);
    static abstract Vector256<T> Native(Vector256<T> a, Vector256<T> b);
    static abstract Vector128<T> Native(Vector128<T> a, Vector128<T> b);
    /// <summary>True when <paramref name="a"/> is strictly better than <paramref name="b"/> (ignoring NaN).</summary>
    static abstract bool Better(T a, T b);
    /// <summary>acc[i] = extreme(acc[i], x[i]), NaN-propagating.</summary>
    static abstract void Accumulate(ReadOnlySpan<T> x, Span<T> acc);
}

internal readonly struct MaxExtreme<T> : IExtremeOp<T> where T : unmanaged, INumber<T>
{
    public static Vector512<T> Native(Vector512<T> a, Vector512<T> b) => Vector512.MaxNative(a, b);
    public static Vector256<T> Native(Vector256<T> a, Vector256<T> b) => Vector256.MaxNative(a, b);
    public static Vector128<T> Native(Vector128<T> a, Vector128<T> b) => Vector128.MaxNative(a, b);
    public static bool Better(T a, T b) => a > b;
    public static void Accumulate(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.Max(acc, x, acc);
    public static T Scalar(T a, T b) => T.IsNaN(a) || T.IsNaN(b) ? (T.IsNaN(a) ? a : b) : (b > a ? b : a);
}

internal readonly struct MinExtreme<T> : IExtremeOp<T> where T : unmanaged, INumber<T>
{
    public static Vector512<T> Native(Vector512<T> a, Vector512<T> b) => Vector512.MinNative(a, b);
    public static Vector256<T> Native(Vector256<T> a, Vector256<T> b) => Vector256.MinNative(a, b);
    public static Vector128<T> Native(Vector128<T> a, Vector128<T> b) => Vector128.MinNative(a, b);
    public static bool Better(T a, T b) => a < b;
    public static void Accumulate(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.Min(acc, x, acc);
    public static T Scalar(T a, T b) => T.IsNaN(a) || T.IsNaN(b) ? (T.IsNaN(a) ? a : b) : (b < a ? b : a);
}

/// <summary>Vectorized row kernels: extreme value, its first index, and the softmax family.</summary>
internal static class RowOps
{
    internal static bool IsFloat<T>() => typeof(T) == typeof(float) || typeof(T) == typeof(double);

    /// <summary>
    /// The max (or min) of a non-empty span, NaN when any element is NaN. Uses native vector max/min
    /// (fast, NaN-unaware) with a separate NaN mask.
    /// </summary>
    public static T Extreme<TOp, T>(ReadOnlySpan<T> x) where TOp : IExtremeOp<T> where T : unmanaged, INumber<T>
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
    /// (same layout); <paramref name="scratch"/> holds 3·inner elements (unused when inner is 1).
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
                T sum = SumExp(y);
                TensorPrimitives.Subtract(y, T.Log(sum), y);
            }
            else
            {
                TensorPrimitives.Exp(y, y);
                T sum = TensorPrimitives.Sum((ReadOnlySpan<T>)y);
                TensorPrimitives.Multiply(y, T.One / sum, y);
            }
            return;
        }
        // Column-wise over a [n, inner] block. Sums are accumulated in blocks of rows (two-level summation)
        // to keep float32 rounding error small for long columns.
        const int SumBlock = 256;
        var m = scratch[..inner];
        var s = scratch.Slice(inner, inner);
        var t = scratch.Slice(2 * inner, inner);
        x[..inner].CopyTo(m);
        for (int r = 1; r < n; r++) TensorPrimitives.Max(m, x.Slice(r * inner, inner), m);
        s.Clear();
        t.Clear();
        for (int r = 0; r < n; r++)
        {
            if (r > 0 && r % SumBlock == 0)
            {
                TensorPrimitives.Add(s, t, s);
                t.Clear();
            }
            var yr = y.Slice(r * inner, inner);
            TensorPrimitives.Subtract(x.Slice(r * inner, inner), m, yr);
            if (log)
            {
                AddExp(yr, t); // y keeps x - max
            }
            else
            {
                TensorPrimitives.Exp(yr, yr);
                TensorPrimitives.Add(t, yr, t);
            }
        }
        TensorPrimitives.Add(s, t, s);
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

    /// <summary>acc += exp(x), elementwise, through a stack buffer (x is left unchanged).</summary>
    private static void AddExp<T>(ReadOnlySpan<T> x, Span<T> acc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int Chunk = 256;
        Span<T> buf = stackalloc T[Chunk];
        for (int i = 0; i < x.Length; i += Chunk)
        {
            int len = Math.Min(Chunk, x.Length - i);
            var b = buf[..len];
            TensorPrimitives.Exp(x.Slice(i, len), b);
            var a = acc.Slice(i, len);
            TensorPrimitives.Add(a, b, a);
        }
    }

    /// <summary>sum(exp(y)) without modifying y, in chunks through a stack buffer.</summary>
    private static T SumExp<T>(ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int Chunk = 256;
        Span<T> buf = stackalloc T[Chunk];
        T sum = T.Zero;
        for (int i = 0; i < y.Length; i += Chunk)
        {
            int len = Math.Min(Chunk, y.Length - i);
            var b = buf[..len];
            TensorPrimitives.Exp(y.Slice(i, len), b);
            sum += TensorPrimitives.Sum((ReadOnlySpan<T>)b);
        }
        return sum;
    }
}

/// <summary>Max/min with indices (and argmax/argmin) over a <see cref="ReductionPlan"/>.</summary>
internal static class ArgReduction
{
    /// <summary>
    /// The first extreme of each reduced slice (NaN wins) and its index within the reduced block, both in
    /// the plan's keepdim shape; values are skipped when <paramref name="wantValues"/> is false.
    /// The plan's reduced size must be positive.
    /// </summary>
    public static (Tensor? Values, Tensor Indices) Run<TOp, T>(in ReductionPlan plan, bool wantValues)
        where TOp : IExtremeOp<T> where T : unmanaged, INumber<T>
    {
        var src = plan.Source;
        var xs = src.Typed<T>().Array;
        int outer = plan.Outer, reduced = plan.Reduced, inner = plan.Inner, xo = src.Offset;
        var idx = Tensor.Empty(plan.KeepShape, DType.Int64);
        var vals = wantValues ? Tensor.Empty(plan.KeepShape, DTypeExtensions.Of<T>()) : null;
        var ia = idx.Typed<long>().Array;
        var va = vals?.Typed<T>().Array;
        if (inner == 1)
        {
            void Rows(int s, int len)
            {
                for (int o = s; o < s + len; o++)
                {
                    var row = new ReadOnlySpan<T>(xs, xo + o * reduced, reduced);
                    int j = RowOps.IndexOfExtreme<TOp, T>(row);
                    ia[o] = j;
                    if (va != null) va[o] = row[j];
                }
            }
            RowParallel.Rows(outer, (long)outer * reduced, Rows);
        }
        else
        {
            void Blocks(int s, int len)
            {
                var tmp = va == null ? new T[inner] : null;
                var iscratch = Unsafe.SizeOf<T>() == 4 ? new int[inner] : [];
                for (int o = s; o < s + len; o++)
                {
                    var block = new ReadOnlySpan<T>(xs, xo + o * reduced * inner, reduced * inner);
                    var v = va != null ? va.AsSpan(o * inner, inner) : tmp.AsSpan();
                    RowOps.ColumnExtreme<TOp, T>(block, reduced, inner, v, ia.AsSpan(o * inner, inner), iscratch);
                }
            }
            RowParallel.Rows(outer, (long)outer * reduced * inner, Blocks);
        }
        GC.KeepAlive(src);
        return (vals, idx);
    }
}

/// <summary>Softmax / log-softmax over one dimension of a tensor, viewed as [outer, n, inner].</summary>
internal static class SoftmaxKernel
{
    public static Tensor Run<T>(Tensor x, int dim, bool log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        x = x.Contiguous();
        var y = Tensor.Empty(x.ShapeArray.ToArray(), x.DType);
        int outer = 1, n = 1, inner = 1;
        for (int d = 0; d < x.Dim; d++)
        {
            int s = x.ShapeArray[d];
            if (d < dim) outer *= s; else if (d == dim) n = s; else inner *= s;
        }
        var xs = x.Typed<T>().Array;
        var ys = y.Typed<T>().Array;
        int xo = x.Offset, block = n * inner;
        if (block > 0)
        {
            void Blocks(int s, int len)
            {
                var scratch = inner > 1 ? new T[3 * inner] : [];
                for (int o = s; o < s + len; o++)
                    RowOps.Softmax<T>(new ReadOnlySpan<T>(xs, xo + o * block, block), ys.AsSpan(o * block, block), n, inner, log, scratch);
            }
            RowParallel.Rows(outer, (long)outer * block, Blocks);
        }
        GC.KeepAlive(x);
        return y;
    }
}

/// <summary>The fused backward of softmax / log-softmax (used when no graph of the backward is being built).</summary>
internal static class SoftmaxBackwardKernel
{
    /// <summary>
    /// softmax: dx = y·(g − Σ g·y); log-softmax: dx = g − exp(y)·Σ g, the sums along <paramref name="dim"/>.
    /// <paramref name="y"/> is the (contiguous) forward output; <paramref name="grad"/> has its shape and dtype.
    /// </summary>
    public static Tensor Run<T>(Tensor y, Tensor grad, int dim, bool log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        y = y.Contiguous();
        var g = grad.Contiguous();
        var dx = Tensor.Empty(y.ShapeArray.ToArray(), y.DType);
        int outer = 1, n = 1, inner = 1;
        for (int d = 0; d < y.Dim; d++)
        {
            int s = y.ShapeArray[d];
            if (d < dim) outer *= s; else if (d == dim) n = s; else inner *= s;
        }
        var ya = y.Typed<T>().Array;
        var ga = g.Typed<T>().Array;
        var da = dx.Typed<T>().Array;
        int yo = y.Offset, go = g.Offset, block = n * inner;
        if (block > 0)
        {
            RowParallel.Rows(outer, (long)outer * block, (s, len) =>
            {
                var acc = inner > 1 ? new T[inner] : [];
                for (int o = s; o < s + len; o++)
                {
                    var yb = new ReadOnlySpan<T>(ya, yo + o * block, block);
                    var gb = new ReadOnlySpan<T>(ga, go + o * block, block);
                    var db = da.AsSpan(o * block, block);
                    if (inner == 1)
                    {
                        if (log)
                        {
                            T sum = TensorPrimitives.Sum(gb);
                            TensorPrimitives.Exp(yb, db);
                            TensorPrimitives.MultiplyAdd(db, -sum, gb, db);
                        }
                        else
                        {
                            T dot = TensorPrimitives.Dot(gb, yb);
                            TensorPrimitives.Subtract(gb, dot, db);
                            TensorPrimitives.Multiply(db, yb, db);
                        }
                        continue;
                    }
                    acc.AsSpan().Clear();
                    for (int r = 0; r < n; r++)
                    {
                        var gr = gb.Slice(r * inner, inner);
                        if (log) TensorPrimitives.Add(acc, gr, acc);
                        else TensorPrimitives.MultiplyAdd(gr, yb.Slice(r * inner, inner), acc, acc);
                    }
                    for (int r = 0; r < n; r++)
                    {
                        var gr = gb.Slice(r * inner, inner);
                        var yr = yb.Slice(r * inner, inner);
                        var dr = db.Slice(r * inner, inner);
                        if (log)
                        {
                            TensorPrimitives.Exp(yr, dr);
                            TensorPrimitives.Multiply(dr, acc, dr);
                            TensorPrimitives.Subtract(gr, dr, dr);
                        }
                        else
                        {
                            TensorPrimitives.Subtract(gr, acc, dr);
                            TensorPrimitives.Multiply(dr, yr, dr);
                        }
                    }
                }
            });
        }
        GC.KeepAlive(y);
        GC.KeepAlive(g);
        return dx;
    }
}

/// <summary>Splits independent rows across threads by the amount of work, not the number of rows.</summary>
internal static class RowParallel
{
    /// <summary>
    /// Runs <paramref name="body"/>(start, length) over [0, <paramref name="rows"/>) on up to
    /// <see cref="Threading.NumThreads"/> threads when <paramref name="work"/> (elements touched) is large.
    /// </summary>
    public static void Rows(int rows, long work, Action<int, int> body)
    {
        long chunks = Math.Min(Math.Min(Threading.NumThreads, rows), work / (Elementwise.ParallelThreshold / 2));
        if (chunks <= 1)
        {
            body(0, rows);
            return;
        }
        int n = (int)chunks, per = (rows + n - 1) / n;
        System.Threading.Tasks.Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = n }, c =>
        {
            int s = c * per;
            if (s < rows) body(s, Math.Min(per, rows - s));
        });
    }
}

/// <summary>Fused single-output reductions over a <see cref="ReductionPlan"/>: squared deviations and log-sum-exp.</summary>
internal static class FusedReductions
{
    private const int Chunk = 256;     // stack buffer length for row passes
    private const int SumBlock = 256;  // rows summed before flushing a column partial sum (two-level summation)

    /// <summary>The sum of squared deviations from the mean of each reduced slice (keepdim shape). Two passes.</summary>
    public static Tensor SumSquaredDeviations<T>(in ReductionPlan plan) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = Tensor.Empty(plan.KeepShape, DTypeExtensions.Of<T>());
        var src = plan.Source;
        var xs = src.Typed<T>().Array;
        var ys = y.Typed<T>().Array;
        int outer = plan.Outer, reduced = plan.Reduced, inner = plan.Inner, xo = src.Offset;
        T count = T.CreateTruncating(reduced);
        if (inner == 1)
        {
            RowParallel.Rows(outer, (long)outer * reduced, (s, len) =>
            {
                Span<T> buf = stackalloc T[Chunk];
                for (int o = s; o < s + len; o++)
                {
                    var row = new ReadOnlySpan<T>(xs, xo + o * reduced, reduced);
                    T mean = TensorPrimitives.Sum(row) / count;
                    T ss = T.Zero;
                    for (int i = 0; i < reduced; i += Chunk)
                    {
                        var b = buf[..Math.Min(Chunk, reduced - i)];
                        TensorPrimitives.Subtract(row.Slice(i, b.Length), mean, b);
                        ss += TensorPrimitives.SumOfSquares((ReadOnlySpan<T>)b);
                    }
                    ys[o] = ss;
                }
            });
        }
        else
        {
            RowParallel.Rows(outer, (long)outer * reduced * inner, (s, len) =>
            {
                var state = new T[2 * inner]; // [mean | deviation scratch]
                var part = new T[inner];
                for (int o = s; o < s + len; o++)
                {
                    var block = new ReadOnlySpan<T>(xs, xo + o * reduced * inner, reduced * inner);
                    var mean = state.AsSpan(0, inner);
                    ColumnSum(block, reduced, inner, mean, part, static (row, p, _) => TensorPrimitives.Add(p, row, p), default);
                    TensorPrimitives.Divide(mean, count, mean);
                    ColumnSum(block, reduced, inner, ys.AsSpan(o * inner, inner), part, static (row, p, st) =>
                    {
                        var d = st.Slice(st.Length / 2);
                        TensorPrimitives.Subtract(row, st[..(st.Length / 2)], d);
                        TensorPrimitives.MultiplyAdd(d, d, p, p);
                    }, state);
                }
            });
        }
        GC.KeepAlive(src);
        return y;
    }

    private delegate void ColumnStep<T>(ReadOnlySpan<T> row, Span<T> partial, Span<T> state);

    /// <summary>result = Σ_r step(row r), accumulated in blocks of rows to limit rounding error.</summary>
    private static void ColumnSum<T>(ReadOnlySpan<T> block, int reduced, int inner, Span<T> result, Span<T> part, ColumnStep<T> step, Span<T> state)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        result.Clear();
        part.Clear();
        for (int r = 0; r < reduced; r++)
        {
            if (r > 0 && r % SumBlock == 0)
            {
                TensorPrimitives.Add(result, part, result);
                part.Clear();
            }
            step(block.Slice(r * inner, inner), part, state);
        }
        TensorPrimitives.Add(result, part, result);
    }

    /// <summary>log(sum(exp(x))) of each reduced slice (keepdim shape), subtracting the slice max (0 when it is infinite).</summary>
    public static Tensor LogSumExp<T>(in ReductionPlan plan) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = Tensor.Empty(plan.KeepShape, DTypeExtensions.Of<T>());
        var src = plan.Source;
        var xs = src.Typed<T>().Array;
        var ys = y.Typed<T>().Array;
        int outer = plan.Outer, reduced = plan.Reduced, inner = plan.Inner, xo = src.Offset;
        if (reduced == 0)
        {
            y.ContiguousSpan<T>().Fill(T.NegativeInfinity);
        }
        else if (inner == 1)
        {
            RowParallel.Rows(outer, (long)outer * reduced, (s, len) =>
            {
                Span<T> buf = stackalloc T[Chunk];
                for (int o = s; o < s + len; o++)
                {
                    var row = new ReadOnlySpan<T>(xs, xo + o * reduced, reduced);
                    T m = RowOps.Extreme<MaxExtreme<T>, T>(row);
                    if (T.IsInfinity(m)) m = T.Zero;
                    T sum = T.Zero;
                    for (int i = 0; i < reduced; i += Chunk)
                    {
                        var b = buf[..Math.Min(Chunk, reduced - i)];
                        TensorPrimitives.Subtract(row.Slice(i, b.Length), m, b);
                        TensorPrimitives.Exp(b, b);
                        sum += TensorPrimitives.Sum((ReadOnlySpan<T>)b);
                    }
                    ys[o] = T.Log(sum) + m;
                }
            });
        }
        else
        {
            RowParallel.Rows(outer, (long)outer * reduced * inner, (s, len) =>
            {
                var state = new T[2 * inner]; // [max | deviation scratch]
                var part = new T[inner];
                for (int o = s; o < s + len; o++)
                {
                    var block = new ReadOnlySpan<T>(xs, xo + o * reduced * inner, reduced * inner);
                    var m = state.AsSpan(0, inner);
                    block[..inner].CopyTo(m);
                    for (int r = 1; r < reduced; r++) TensorPrimitives.Max(m, block.Slice(r * inner, inner), m);
                    foreach (ref T v in m) if (T.IsInfinity(v)) v = T.Zero;
                    var acc = ys.AsSpan(o * inner, inner);
                    ColumnSum(block, reduced, inner, acc, part, static (row, p, st) =>
                    {
                        var d = st.Slice(st.Length / 2);
                        TensorPrimitives.Subtract(row, st[..(st.Length / 2)], d);
                        TensorPrimitives.Exp(d, d);
                        TensorPrimitives.Add(p, d, p);
                    }, state);
                    TensorPrimitives.Log(acc, acc);
                    TensorPrimitives.Add(acc, m, acc);
                }
            });
        }
        GC.KeepAlive(src);
        return y;
    }
}
