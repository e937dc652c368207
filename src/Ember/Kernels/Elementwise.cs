using System.Numerics.Tensors;

namespace Ember.Kernels;

/// <summary>
/// Drivers that run elementwise ops over tensors: a contiguous fast path that hands whole spans to
/// the vectorized op body (split across threads when large), and a strided path that hands it rows.
/// Every driver keeps its input tensors alive until it returns (pooled storage; see <see cref="Storage"/>).
/// </summary>
internal static class Elementwise
{
    /// <summary>Below this many elements an op runs on one thread.</summary>
    internal const int ParallelThreshold = 1 << 16;

    public static Tensor Unary<TOp, T>(Tensor x) where TOp : IUnaryOp<T> where T : unmanaged
    {
        var y = Tensor.Empty(x.ShapeArray.ToArray(), x.DType);
        UnaryInto<TOp, T>(x, y);
        return y;
    }

    /// <summary>y = op(x) elementwise; <paramref name="y"/> may be <paramref name="x"/> (in place).</summary>
    public static void UnaryInto<TOp, T>(Tensor x, Tensor y) where TOp : IUnaryOp<T> where T : unmanaged
    {
        if (x.IsContiguous && y.IsContiguous)
        {
            var xa = x.Typed<T>().Array;
            var ya = y.Typed<T>().Array;
            int xo = x.Offset, yo = y.Offset, n = x.Numel;
            // Some span bodies (e.g. TensorPrimitives.Sigmoid) reject empty spans.
            if (n == 0) { }
            else if (n >= ParallelThreshold && Threading.NumThreads > 1)
                ParallelChunks(n, (start, len) => TOp.Invoke(xa.AsSpan(xo + start, len), ya.AsSpan(yo + start, len)));
            else
                TOp.Invoke(xa.AsSpan(xo, n), ya.AsSpan(yo, n));
        }
        else
        {
            var body = new UnaryRows<TOp, T>(x.Typed<T>().Array, y.Typed<T>().Array);
            StridedDriver.Run(ref body, y.ShapeArray, y.StridesArray, y.Offset, x.StridesArray, x.Offset, default, 0);
        }
        GC.KeepAlive(x);
        GC.KeepAlive(y);
    }

    private struct UnaryRows<TOp, T>(T[] x, T[] y) : IRowBody where TOp : IUnaryOp<T> where T : unmanaged
    {
        public void Row(int oy, int ox, int _, int length, int sy, int sx, int __)
        {
            if (sy == 1 && sx == 1)
            {
                TOp.Invoke(x.AsSpan(ox, length), y.AsSpan(oy, length));
                return;
            }
            for (int i = 0; i < length; i++, oy += sy, ox += sx) y[oy] = TOp.Invoke(x[ox]);
        }
    }

    /// <summary>out = op(a, b) with broadcasting; both operands must already have dtype <typeparamref name="T"/>.</summary>
    public static Tensor Binary<TOp, T>(Tensor a, Tensor b, string op) where TOp : IBinaryOp<T> where T : unmanaged
    {
        var shape = Broadcasting.Shape(a.ShapeArray, b.ShapeArray, op);
        var y = Tensor.Empty(shape, DTypeExtensions.Of<T>());
        BinaryInto<TOp, T>(a, b, y);
        return y;
    }

    /// <summary>
    /// y = op(a, b) where a and b broadcast to y's shape; y may alias a (in place).
    /// </summary>
    public static void BinaryInto<TOp, T>(Tensor a, Tensor b, Tensor y) where TOp : IBinaryOp<T> where T : unmanaged
    {
        var aa = a.Typed<T>().Array;
        var ba = b.Typed<T>().Array;
        var ya = y.Typed<T>().Array;
        int n = y.Numel;
        bool sameShapes = a.ShapeArray.AsSpan().SequenceEqual(y.ShapeArray) && b.ShapeArray.AsSpan().SequenceEqual(y.ShapeArray);
        if (n > 0 && y.IsContiguous && a.IsContiguous && (b.Numel == 1 || (sameShapes && b.IsContiguous)))
        {
            int ao = a.Offset, bo = b.Offset, yo = y.Offset;
            bool scalarB = b.Numel == 1 && !sameShapes;
            if (!scalarB || a.Numel == n)
            {
                T bs = ba[bo];
                if (n >= ParallelThreshold && Threading.NumThreads > 1)
                {
                    if (scalarB) ParallelChunks(n, (s, len) => TOp.Invoke(aa.AsSpan(ao + s, len), bs, ya.AsSpan(yo + s, len)));
                    else ParallelChunks(n, (s, len) => TOp.Invoke(aa.AsSpan(ao + s, len), ba.AsSpan(bo + s, len), ya.AsSpan(yo + s, len)));
                }
                else if (scalarB) TOp.Invoke(aa.AsSpan(ao, n), bs, ya.AsSpan(yo, n));
                else TOp.Invoke(aa.AsSpan(ao, n), ba.AsSpan(bo, n), ya.AsSpan(yo, n));
                GC.KeepAlive(a); GC.KeepAlive(b); GC.KeepAlive(y);
                return;
            }
        }
        var sa = Broadcasting.Strides(a.ShapeArray, a.StridesArray, y.ShapeArray);
        var sb = Broadcasting.Strides(b.ShapeArray, b.StridesArray, y.ShapeArray);
        var body = new BinaryRows<TOp, T>(ya, aa, ba);
        StridedDriver.Run(ref body, y.ShapeArray, y.StridesArray, y.Offset, sa, a.Offset, sb, b.Offset);
        GC.KeepAlive(a); GC.KeepAlive(b); GC.KeepAlive(y);
    }

    private struct BinaryRows<TOp, T>(T[] y, T[] a, T[] b) : IRowBody where TOp : IBinaryOp<T> where T : unmanaged
    {
        public void Row(int oy, int oa, int ob, int length, int sy, int sa, int sb)
        {
            if (sy == 1)
            {
                if (sa == 1 && sb == 1) { TOp.Invoke(a.AsSpan(oa, length), b.AsSpan(ob, length), y.AsSpan(oy, length)); return; }
                if (sa == 1 && sb == 0) { TOp.Invoke(a.AsSpan(oa, length), b[ob], y.AsSpan(oy, length)); return; }
                if (sa == 0 && sb == 1) { TOp.Invoke(a[oa], b.AsSpan(ob, length), y.AsSpan(oy, length)); return; }
            }
            for (int i = 0; i < length; i++, oy += sy, oa += sa, ob += sb) y[oy] = TOp.Invoke(a[oa], b[ob]);
        }
    }

    /// <summary>bool out = pred(a, b) with broadcasting; both operands have dtype <typeparamref name="T"/>.</summary>
    public static Tensor Compare<TPred, T>(Tensor a, Tensor b, string op) where TPred : IPredicate<T> where T : unmanaged
    {
        var shape = Broadcasting.Shape(a.ShapeArray, b.ShapeArray, op);
        var y = Tensor.Empty(shape, DType.Bool);
        var sa = Broadcasting.Strides(a.ShapeArray, a.StridesArray, shape);
        var sb = Broadcasting.Strides(b.ShapeArray, b.StridesArray, shape);
        var body = new CompareRows<TPred, T>(y.Typed<bool>().Array, a.Typed<T>().Array, b.Typed<T>().Array);
        StridedDriver.Run(ref body, shape, y.StridesArray, 0, sa, a.Offset, sb, b.Offset);
        GC.KeepAlive(a); GC.KeepAlive(b);
        return y;
    }

    private struct CompareRows<TPred, T>(bool[] y, T[] a, T[] b) : IRowBody where TPred : IPredicate<T> where T : unmanaged
    {
        public void Row(int oy, int oa, int ob, int length, int sy, int sa, int sb)
        {
            for (int i = 0; i < length; i++, oy += sy, oa += sa, ob += sb) y[oy] = TPred.Invoke(a[oa], b[ob]);
        }
    }

    /// <summary>Copies <paramref name="src"/> (broadcast to <paramref name="dst"/>'s shape) into <paramref name="dst"/>, converting dtype.</summary>
    public static void CopyInto(Tensor src, Tensor dst)
    {
        var f = new CopyToType(src, dst);
        Dispatch.Any<CopyToType, bool>(dst.DType, ref f);
    }

    private readonly struct CopyToType(Tensor src, Tensor dst) : IElementFunc<bool>
    {
        public bool Invoke<TOut>() where TOut : unmanaged
        {
            var f = new CopyFromType<TOut>(src, dst);
            return Dispatch.Any<CopyFromType<TOut>, bool>(src.DType, ref f);
        }
    }

    private readonly struct CopyFromType<TOut>(Tensor src, Tensor dst) : IElementFunc<bool> where TOut : unmanaged
    {
        public bool Invoke<TIn>() where TIn : unmanaged
        {
            CopyInto<TIn, TOut>(src, dst);
            return true;
        }
    }

    private static void CopyInto<TIn, TOut>(Tensor src, Tensor dst) where TIn : unmanaged where TOut : unmanaged
    {
        var ss = Broadcasting.Strides(src.ShapeArray, src.StridesArray, dst.ShapeArray);
        var body = new CopyRows<TIn, TOut>(dst.Typed<TOut>().Array, src.Typed<TIn>().Array);
        StridedDriver.Run(ref body, dst.ShapeArray, dst.StridesArray, dst.Offset, ss, src.Offset, default, 0);
        GC.KeepAlive(src); GC.KeepAlive(dst);
    }

    private struct CopyRows<TIn, TOut>(TOut[] y, TIn[] x) : IRowBody where TIn : unmanaged where TOut : unmanaged
    {
        public void Row(int oy, int ox, int _, int length, int sy, int sx, int __)
        {
            if (typeof(TIn) == typeof(TOut))
            {
                var xs = (TOut[])(object)x;
                if (sy == 1 && sx == 1) { xs.AsSpan(ox, length).CopyTo(y.AsSpan(oy, length)); return; }
                if (sy == 1 && sx == 0) { y.AsSpan(oy, length).Fill(xs[ox]); return; }
                for (int i = 0; i < length; i++, oy += sy, ox += sx) y[oy] = xs[ox];
                return;
            }
            if (sy == 1 && sx == 1)
            {
                // The bulk float32 <-> float16 conversions are vectorized.
                if (typeof(TIn) == typeof(float) && typeof(TOut) == typeof(Half))
                {
                    TensorPrimitives.ConvertToHalf(((float[])(object)x).AsSpan(ox, length), ((Half[])(object)y).AsSpan(oy, length));
                    return;
                }
                if (typeof(TIn) == typeof(Half) && typeof(TOut) == typeof(float))
                {
                    TensorPrimitives.ConvertToSingle(((Half[])(object)x).AsSpan(ox, length), ((float[])(object)y).AsSpan(oy, length));
                    return;
                }
            }
            for (int i = 0; i < length; i++, oy += sy, ox += sx) y[oy] = Convert.Scalar<TIn, TOut>(x[ox]);
        }
    }

    /// <summary>Fills every element of <paramref name="dst"/> (any layout) with <paramref name="value"/>.</summary>
    public static void Fill<T>(Tensor dst, T value) where T : unmanaged
    {
        var body = new FillRows<T>(dst.Typed<T>().Array, value);
        StridedDriver.Run(ref body, dst.ShapeArray, dst.StridesArray, dst.Offset, default, 0, default, 0);
        GC.KeepAlive(dst);
    }

    private struct FillRows<T>(T[] y, T value) : IRowBody where T : unmanaged
    {
        public void Row(int oy, int _, int __, int length, int sy, int ___, int ____)
        {
            if (sy == 1) { y.AsSpan(oy, length).Fill(value); return; }
            for (int i = 0; i < length; i++, oy += sy) y[oy] = value;
        }
    }

    /// <summary>Splits [0, n) into one chunk per thread and runs <paramref name="body"/>(start, length) on each.</summary>
    public static void ParallelChunks(int n, Action<int, int> body)
    {
        int chunks = Math.Min(Threading.NumThreads, Math.Max(1, n / (ParallelThreshold / 4)));
        if (chunks <= 1) { body(0, n); return; }
        int per = (n + chunks - 1) / chunks;
        per = (per + 63) & ~63;
        ThreadTeam.For(chunks, c =>
        {
            int s = c * per;
            if (s < n) body(s, Math.Min(per, n - s));
        });
    }
}
