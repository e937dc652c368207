using System.Runtime.CompilerServices;

namespace Ember.Kernels;

/// <summary>
/// Strided kernels for the indexing ops, generic over the element type (all eight dtypes, dispatched with <see cref="Dispatch.Any"/>).
/// Each walks up to three operands of one iteration shape with <see cref="StridedDriver"/> (PyTorch's
/// TensorIterator trick for gather/scatter: the indexed operand gets stride 0 along the indexed
/// dimension, and the index value times that dimension's real stride is added per element). No
/// allocations happen inside the loops; every tensor whose buffer is used is kept alive to the end.
/// </summary>
internal static class IndexKernels
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static IndexOutOfRangeException OutOfBounds(string op, long index, int dim, int size) =>
        new($"{op}: index {index} is out of bounds for dimension {dim} with size {size}");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Add<T>(T a, T b) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return (T)(object)((float)(object)a + (float)(object)b);
        if (typeof(T) == typeof(double)) return (T)(object)((double)(object)a + (double)(object)b);
        if (typeof(T) == typeof(long)) return (T)(object)((long)(object)a + (long)(object)b);
        if (typeof(T) == typeof(int)) return (T)(object)unchecked((int)(object)a + (int)(object)b);
        if (typeof(T) == typeof(byte)) return (T)(object)unchecked((byte)((byte)(object)a + (byte)(object)b));
        if (typeof(T) == typeof(Half)) return (T)(object)(Half)((float)(Half)(object)a + (float)(Half)(object)b);
        if (typeof(T) == typeof(BFloat16)) return (T)(object)(BFloat16)((float)(BFloat16)(object)a + (float)(BFloat16)(object)b);
        return (T)(object)((bool)(object)a | (bool)(object)b);
    }

    // ---------------------------------------------------------------- range check

    /// <summary>Throws <see cref="IndexOutOfRangeException"/> for the first value of <paramref name="index"/> outside [0, size).</summary>
    public static void CheckRange(Tensor index, int size, int dim, string op)
    {
        var body = new RangeRows(index.Typed<long>().Array, size, dim, op);
        StridedDriver.Run(ref body, index.ShapeArray, index.StridesArray, index.Offset, default, 0, default, 0);
        GC.KeepAlive(index);
    }

    private readonly struct RangeRows(long[] idx, int size, int dim, string op) : IRowBody
    {
        public void Row(int oi, int _, int __, int length, int si, int ___, int ____)
        {
            for (int k = 0; k < length; k++, oi += si)
            {
                long j = idx[oi];
                if ((ulong)j >= (ulong)size) throw OutOfBounds(op, j, dim, size);
            }
        }
    }

    /// <summary>
    /// A contiguous int64 copy of <paramref name="index"/> with negative values wrapped (Python indexing),
    /// throwing for values outside [-size, size).
    /// </summary>
    public static Tensor Wrapped(Tensor index, int size, int dim, string op)
    {
        var values = index.ToArray<long>();
        for (int i = 0; i < values.Length; i++)
        {
            long j = values[i];
            if (j < -size || j >= size) throw OutOfBounds(op, j, dim, size);
            if (j < 0) values[i] = j + size;
        }
        return Torch.FromArray(values, index.ShapeArray.ToArray());
    }

    // ---------------------------------------------------------------- gather

    /// <summary>
    /// dst[p] = src[p with p[dim] replaced by index[p]] for every p of <paramref name="shape"/>. The
    /// stride arrays are per operand over <paramref name="shape"/>; <paramref name="srcStrides"/> must hold 0
    /// at the indexed dimension, whose real stride and size are <paramref name="dimStride"/>/<paramref name="dimSize"/>.
    /// </summary>
    public static void Gather(ReadOnlySpan<int> shape, Tensor dst, ReadOnlySpan<int> dstStrides, Tensor index,
        ReadOnlySpan<int> indexStrides, Tensor src, ReadOnlySpan<int> srcStrides, int dimStride, int dimSize, int dim, string op)
    {
        var f = new GatherFunc(shape, dst, dstStrides, index, indexStrides, src, srcStrides, dimStride, dimSize, dim, op);
        Dispatch.Any<GatherFunc, bool>(dst.DType, ref f);
        GC.KeepAlive(dst); GC.KeepAlive(index); GC.KeepAlive(src);
    }

    private readonly ref struct GatherFunc : IElementFunc<bool>
    {
        private readonly ReadOnlySpan<int> _shape;
        private readonly Tensor _dst;
        private readonly ReadOnlySpan<int> _dstStrides;
        private readonly Tensor _index;
        private readonly ReadOnlySpan<int> _indexStrides;
        private readonly Tensor _src;
        private readonly ReadOnlySpan<int> _srcStrides;
        private readonly int _dimStride;
        private readonly int _dimSize;
        private readonly int _dim;
        private readonly string _op;

        public GatherFunc(ReadOnlySpan<int> shape, Tensor dst, ReadOnlySpan<int> dstStrides, Tensor index, ReadOnlySpan<int> indexStrides, Tensor src, ReadOnlySpan<int> srcStrides, int dimStride, int dimSize, int dim, string op)
        {
            _shape = shape;
            _dst = dst;
            _dstStrides = dstStrides;
            _index = index;
            _indexStrides = indexStrides;
            _src = src;
            _srcStrides = srcStrides;
            _dimStride = dimStride;
            _dimSize = dimSize;
            _dim = dim;
            _op = op;
        }

        public bool Invoke<T>() where T : unmanaged
        {
            var body = new GatherRows<T>(_dst.Typed<T>().Array, _index.Typed<long>().Array, _src.Typed<T>().Array, _dimStride, _dimSize, _dim, _op);
            StridedDriver.Run(ref body, _shape, _dstStrides, _dst.Offset, _indexStrides, _index.Offset, _srcStrides, _src.Offset);
            return true;
        }
    }

    private readonly struct GatherRows<T>(T[] dst, long[] idx, T[] src, int dimStride, int dimSize, int dim, string op) : IRowBody
        where T : unmanaged
    {
        public void Row(int od, int oi, int os, int length, int sd, int si, int ss)
        {
            if (si == 0 && sd == 1 && ss == 1)
            {
                // one index for the whole row (index_select of rows): a block copy
                long j = idx[oi];
                if ((ulong)j >= (ulong)dimSize) throw OutOfBounds(op, j, dim, dimSize);
                src.AsSpan(os + (int)j * dimStride, length).CopyTo(dst.AsSpan(od, length));
                return;
            }
            for (int k = 0; k < length; k++, od += sd, oi += si, os += ss)
            {
                long j = idx[oi];
                if ((ulong)j >= (ulong)dimSize) throw OutOfBounds(op, j, dim, dimSize);
                dst[od] = src[os + (int)j * dimStride];
            }
        }
    }

    // ---------------------------------------------------------------- scatter

    /// <summary>
    /// self[p with p[dim] replaced by index[p]] = src[p] (or += when <paramref name="accumulate"/>) for every p
    /// of <paramref name="shape"/>. <paramref name="selfStrides"/> holds 0 at the indexed dimension, whose real
    /// stride and size are <paramref name="dimStride"/>/<paramref name="dimSize"/>. <paramref name="src"/> has the
    /// dtype of <paramref name="self"/> (a 0-d source with zero strides fills a value).
    /// </summary>
    public static void Scatter(ReadOnlySpan<int> shape, Tensor index, ReadOnlySpan<int> indexStrides, Tensor src,
        ReadOnlySpan<int> srcStrides, Tensor self, ReadOnlySpan<int> selfStrides, int dimStride, int dimSize, int dim,
        bool accumulate, string op)
    {
        var f = new ScatterFunc(shape, index, indexStrides, src, srcStrides, self, selfStrides, dimStride, dimSize, dim, accumulate, op);
        Dispatch.Any<ScatterFunc, bool>(self.DType, ref f);
        GC.KeepAlive(self); GC.KeepAlive(index); GC.KeepAlive(src);
    }

    private readonly ref struct ScatterFunc : IElementFunc<bool>
    {
        private readonly ReadOnlySpan<int> _shape;
        private readonly Tensor _index;
        private readonly ReadOnlySpan<int> _indexStrides;
        private readonly Tensor _src;
        private readonly ReadOnlySpan<int> _srcStrides;
        private readonly Tensor _self;
        private readonly ReadOnlySpan<int> _selfStrides;
        private readonly int _dimStride;
        private readonly int _dimSize;
        private readonly int _dim;
        private readonly bool _accumulate;
        private readonly string _op;

        public ScatterFunc(ReadOnlySpan<int> shape, Tensor index, ReadOnlySpan<int> indexStrides, Tensor src, ReadOnlySpan<int> srcStrides, Tensor self, ReadOnlySpan<int> selfStrides, int dimStride, int dimSize, int dim, bool accumulate, string op)
        {
            _shape = shape;
            _index = index;
            _indexStrides = indexStrides;
            _src = src;
            _srcStrides = srcStrides;
            _self = self;
            _selfStrides = selfStrides;
            _dimStride = dimStride;
            _dimSize = dimSize;
            _dim = dim;
            _accumulate = accumulate;
            _op = op;
        }

        public bool Invoke<T>() where T : unmanaged
        {
            var body = new ScatterRows<T>(_index.Typed<long>().Array, _src.Typed<T>().Array, _self.Typed<T>().Array, _dimStride, _dimSize, _dim, _accumulate, _op);
            StridedDriver.Run(ref body, _shape, _indexStrides, _index.Offset, _srcStrides, _src.Offset, _selfStrides, _self.Offset);
            return true;
        }
    }

    private readonly struct ScatterRows<T>(long[] idx, T[] src, T[] self, int dimStride, int dimSize, int dim, bool accumulate, string op) : IRowBody
        where T : unmanaged
    {
        public void Row(int oi, int os, int od, int length, int si, int ss, int sd)
        {
            if (accumulate)
            {
                for (int k = 0; k < length; k++, oi += si, os += ss, od += sd)
                {
                    long j = idx[oi];
                    if ((ulong)j >= (ulong)dimSize) throw OutOfBounds(op, j, dim, dimSize);
                    int at = od + (int)j * dimStride;
                    self[at] = Add(self[at], src[os]);
                }
            }
            else
            {
                for (int k = 0; k < length; k++, oi += si, os += ss, od += sd)
                {
                    long j = idx[oi];
                    if ((ulong)j >= (ulong)dimSize) throw OutOfBounds(op, j, dim, dimSize);
                    self[od + (int)j * dimStride] = src[os];
                }
            }
        }
    }

    // ---------------------------------------------------------------- masks

    /// <summary>The number of true elements of <paramref name="mask"/> viewed with <paramref name="maskStrides"/> as <paramref name="shape"/>.</summary>
    public static int CountTrue(ReadOnlySpan<int> shape, Tensor mask, ReadOnlySpan<int> maskStrides)
    {
        var body = new CountRows(mask.Typed<bool>().Array);
        StridedDriver.Run(ref body, shape, maskStrides, mask.Offset, default, 0, default, 0);
        GC.KeepAlive(mask);
        return body.Count;
    }

    private struct CountRows(bool[] mask) : IRowBody
    {
        public int Count;

        public void Row(int om, int _, int __, int length, int sm, int ___, int ____)
        {
            int c = 0;
            for (int k = 0; k < length; k++, om += sm) if (mask[om]) c++;
            Count += c;
        }
    }

    /// <summary>The row-major positions of the true elements of <paramref name="mask"/>, as a 1-D int64 tensor.</summary>
    public static Tensor TruePositions(Tensor mask)
    {
        int n = CountTrue(mask.ShapeArray, mask, mask.StridesArray);
        var result = Tensor.Empty([n], DType.Int64);
        var body = new PositionRows(mask.Typed<bool>().Array, result.Typed<long>().Array);
        StridedDriver.Run(ref body, mask.ShapeArray, mask.StridesArray, mask.Offset, default, 0, default, 0);
        GC.KeepAlive(mask); GC.KeepAlive(result);
        return result;
    }

    private struct PositionRows(bool[] mask, long[] dst) : IRowBody
    {
        private long _position;
        private int _written;

        // StridedDriver walks the elements in row-major order, so a running counter is the flat position.
        public void Row(int om, int _, int __, int length, int sm, int ___, int ____)
        {
            for (int k = 0; k < length; k++, om += sm, _position++)
                if (mask[om]) dst[_written++] = _position;
        }
    }

    /// <summary>
    /// Writes the elements of <paramref name="src"/> where <paramref name="mask"/> is true, in row-major order of
    /// <paramref name="shape"/>, into the contiguous 1-D <paramref name="dst"/> (which has exactly that many elements).
    /// </summary>
    public static void MaskedSelect(ReadOnlySpan<int> shape, Tensor mask, ReadOnlySpan<int> maskStrides, Tensor src,
        ReadOnlySpan<int> srcStrides, Tensor dst)
    {
        var f = new MaskedSelectFunc(shape, mask, maskStrides, src, srcStrides, dst);
        Dispatch.Any<MaskedSelectFunc, bool>(dst.DType, ref f);
        GC.KeepAlive(mask); GC.KeepAlive(src); GC.KeepAlive(dst);
    }

    private readonly ref struct MaskedSelectFunc : IElementFunc<bool>
    {
        private readonly ReadOnlySpan<int> _shape;
        private readonly Tensor _mask;
        private readonly ReadOnlySpan<int> _maskStrides;
        private readonly Tensor _src;
        private readonly ReadOnlySpan<int> _srcStrides;
        private readonly Tensor _dst;

        public MaskedSelectFunc(ReadOnlySpan<int> shape, Tensor mask, ReadOnlySpan<int> maskStrides, Tensor src, ReadOnlySpan<int> srcStrides, Tensor dst)
        {
            _shape = shape;
            _mask = mask;
            _maskStrides = maskStrides;
            _src = src;
            _srcStrides = srcStrides;
            _dst = dst;
        }

        public bool Invoke<T>() where T : unmanaged
        {
            var body = new MaskedSelectRows<T>(_mask.Typed<bool>().Array, _src.Typed<T>().Array, _dst.Typed<T>().Array, _dst.Offset);
            StridedDriver.Run(ref body, _shape, _maskStrides, _mask.Offset, _srcStrides, _src.Offset, default, 0);
            return true;
        }
    }

    private struct MaskedSelectRows<T>(bool[] mask, T[] src, T[] dst, int start) : IRowBody where T : unmanaged
    {
        private int _next = start;

        public void Row(int om, int os, int _, int length, int sm, int ss, int __)
        {
            for (int k = 0; k < length; k++, om += sm, os += ss)
                if (mask[om]) dst[_next++] = src[os];
        }
    }

    /// <summary>
    /// Writes consecutive elements of the contiguous <paramref name="source"/> into <paramref name="dst"/> where
    /// <paramref name="mask"/> (viewed with <paramref name="maskStrides"/> as dst's shape) is true, in row-major order.
    /// The caller checks that the source holds enough elements.
    /// </summary>
    public static void MaskedScatter(Tensor dst, Tensor mask, ReadOnlySpan<int> maskStrides, Tensor source)
    {
        var f = new MaskedScatterFunc(dst, mask, maskStrides, source);
        Dispatch.Any<MaskedScatterFunc, bool>(dst.DType, ref f);
        GC.KeepAlive(dst); GC.KeepAlive(mask); GC.KeepAlive(source);
    }

    private readonly ref struct MaskedScatterFunc : IElementFunc<bool>
    {
        private readonly Tensor _dst;
        private readonly Tensor _mask;
        private readonly ReadOnlySpan<int> _maskStrides;
        private readonly Tensor _source;

        public MaskedScatterFunc(Tensor dst, Tensor mask, ReadOnlySpan<int> maskStrides, Tensor source)
        {
            _dst = dst;
            _mask = mask;
            _maskStrides = maskStrides;
            _source = source;
        }

        public bool Invoke<T>() where T : unmanaged
        {
            var body = new MaskedScatterRows<T>(_dst.Typed<T>().Array, _mask.Typed<bool>().Array, _source.Typed<T>().Array, _source.Offset);
            StridedDriver.Run(ref body, _dst.ShapeArray, _dst.StridesArray, _dst.Offset, _maskStrides, _mask.Offset, default, 0);
            return true;
        }
    }

    private struct MaskedScatterRows<T>(T[] dst, bool[] mask, T[] source, int start) : IRowBody where T : unmanaged
    {
        private int _next = start;

        public void Row(int od, int om, int _, int length, int sd, int sm, int __)
        {
            for (int k = 0; k < length; k++, od += sd, om += sm)
                if (mask[om]) dst[od] = source[_next++];
        }
    }

    /// <summary>dst[p] = value where mask[p] (mask viewed with <paramref name="maskStrides"/> as dst's shape).</summary>
    /// <remarks>The value is a 0-d tensor of any dtype, converted to dst's dtype (the caller has checked that it fits).</remarks>
    public static void MaskedFill(Tensor dst, Tensor mask, ReadOnlySpan<int> maskStrides, Tensor value)
    {
        var f = new MaskedFillFunc(dst, mask, maskStrides, value.Cast(dst.DType));
        Dispatch.Any<MaskedFillFunc, bool>(dst.DType, ref f);
        GC.KeepAlive(dst); GC.KeepAlive(mask);
    }

    private readonly ref struct MaskedFillFunc : IElementFunc<bool>
    {
        private readonly Tensor _dst;
        private readonly Tensor _mask;
        private readonly ReadOnlySpan<int> _maskStrides;
        private readonly Tensor _value;

        public MaskedFillFunc(Tensor dst, Tensor mask, ReadOnlySpan<int> maskStrides, Tensor value)
        {
            _dst = dst;
            _mask = mask;
            _maskStrides = maskStrides;
            _value = value;
        }

        public bool Invoke<T>() where T : unmanaged
        {
            var body = new MaskedFillRows<T>(_dst.Typed<T>().Array, _mask.Typed<bool>().Array, _value.Typed<T>().Array[_value.Offset]);
            StridedDriver.Run(ref body, _dst.ShapeArray, _dst.StridesArray, _dst.Offset, _maskStrides, _mask.Offset, default, 0);
            return true;
        }
    }

    private readonly struct MaskedFillRows<T>(T[] dst, bool[] mask, T value) : IRowBody where T : unmanaged
    {
        public void Row(int od, int om, int _, int length, int sd, int sm, int __)
        {
            for (int k = 0; k < length; k++, od += sd, om += sm)
                if (mask[om]) dst[od] = value;
        }
    }

    // ---------------------------------------------------------------- where

    /// <summary>
    /// The contiguous <paramref name="dst"/> of <paramref name="shape"/> = cond ? a : b, each operand viewed with
    /// its (broadcast) strides; a and b have dst's dtype.
    /// </summary>
    public static void Where(ReadOnlySpan<int> shape, Tensor cond, ReadOnlySpan<int> condStrides, Tensor a,
        ReadOnlySpan<int> aStrides, Tensor b, ReadOnlySpan<int> bStrides, Tensor dst)
    {
        var f = new WhereFunc(shape, cond, condStrides, a, aStrides, b, bStrides, dst);
        Dispatch.Any<WhereFunc, bool>(dst.DType, ref f);
        GC.KeepAlive(cond); GC.KeepAlive(a); GC.KeepAlive(b); GC.KeepAlive(dst);
    }

    private readonly ref struct WhereFunc : IElementFunc<bool>
    {
        private readonly ReadOnlySpan<int> _shape;
        private readonly Tensor _cond;
        private readonly ReadOnlySpan<int> _condStrides;
        private readonly Tensor _a;
        private readonly ReadOnlySpan<int> _aStrides;
        private readonly Tensor _b;
        private readonly ReadOnlySpan<int> _bStrides;
        private readonly Tensor _dst;

        public WhereFunc(ReadOnlySpan<int> shape, Tensor cond, ReadOnlySpan<int> condStrides, Tensor a, ReadOnlySpan<int> aStrides, Tensor b, ReadOnlySpan<int> bStrides, Tensor dst)
        {
            _shape = shape;
            _cond = cond;
            _condStrides = condStrides;
            _a = a;
            _aStrides = aStrides;
            _b = b;
            _bStrides = bStrides;
            _dst = dst;
        }

        public bool Invoke<T>() where T : unmanaged
        {
            var body = new WhereRows<T>(_cond.Typed<bool>().Array, _a.Typed<T>().Array, _b.Typed<T>().Array, _dst.Typed<T>().Array, _dst.Offset);
            StridedDriver.Run(ref body, _shape, _condStrides, _cond.Offset, _aStrides, _a.Offset, _bStrides, _b.Offset);
            return true;
        }
    }

    private struct WhereRows<T>(bool[] cond, T[] a, T[] b, T[] dst, int start) : IRowBody where T : unmanaged
    {
        private int _next = start;

        // The driver visits elements in row-major order, so the contiguous output is written sequentially.
        public void Row(int oc, int oa, int ob, int length, int sc, int sa, int sb)
        {
            int o = _next;
            for (int k = 0; k < length; k++, oc += sc, oa += sa, ob += sb)
                dst[o++] = cond[oc] ? a[oa] : b[ob];
            _next = o;
        }
    }
}
