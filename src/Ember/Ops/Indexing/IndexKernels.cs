using System.Runtime.CompilerServices;

namespace Ember.Kernels;

/// <summary>
/// Strided kernels for the indexing ops, generic over the element type (float, double, long, bool).
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
        switch (dst.DType)
        {
            case DType.Float32: Gather<float>(shape, dst, dstStrides, index, indexStrides, src, srcStrides, dimStride, dimSize, dim, op); break;
            case DType.Float64: Gather<double>(shape, dst, dstStrides, index, indexStrides, src, srcStrides, dimStride, dimSize, dim, op); break;
            case DType.Int64: Gather<long>(shape, dst, dstStrides, index, indexStrides, src, srcStrides, dimStride, dimSize, dim, op); break;
            default: Gather<bool>(shape, dst, dstStrides, index, indexStrides, src, srcStrides, dimStride, dimSize, dim, op); break;
        }
        GC.KeepAlive(dst); GC.KeepAlive(index); GC.KeepAlive(src);
    }

    private static void Gather<T>(ReadOnlySpan<int> shape, Tensor dst, ReadOnlySpan<int> dstStrides, Tensor index,
        ReadOnlySpan<int> indexStrides, Tensor src, ReadOnlySpan<int> srcStrides, int dimStride, int dimSize, int dim, string op)
        where T : unmanaged
    {
        var body = new GatherRows<T>(dst.Typed<T>().Array, index.Typed<long>().Array, src.Typed<T>().Array, dimStride, dimSize, dim, op);
        StridedDriver.Run(ref body, shape, dstStrides, dst.Offset, indexStrides, index.Offset, srcStrides, src.Offset);
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
        switch (self.DType)
        {
            case DType.Float32: Scatter<float>(shape, index, indexStrides, src, srcStrides, self, selfStrides, dimStride, dimSize, dim, accumulate, op); break;
            case DType.Float64: Scatter<double>(shape, index, indexStrides, src, srcStrides, self, selfStrides, dimStride, dimSize, dim, accumulate, op); break;
            case DType.Int64: Scatter<long>(shape, index, indexStrides, src, srcStrides, self, selfStrides, dimStride, dimSize, dim, accumulate, op); break;
            default: Scatter<bool>(shape, index, indexStrides, src, srcStrides, self, selfStrides, dimStride, dimSize, dim, accumulate, op); break;
        }
        GC.KeepAlive(self); GC.KeepAlive(index); GC.KeepAlive(src);
    }

    private static void Scatter<T>(ReadOnlySpan<int> shape, Tensor index, ReadOnlySpan<int> indexStrides, Tensor src,
        ReadOnlySpan<int> srcStrides, Tensor self, ReadOnlySpan<int> selfStrides, int dimStride, int dimSize, int dim,
        bool accumulate, string op) where T : unmanaged
    {
        var body = new ScatterRows<T>(index.Typed<long>().Array, src.Typed<T>().Array, self.Typed<T>().Array, dimStride, dimSize, dim, accumulate, op);
        StridedDriver.Run(ref body, shape, indexStrides, index.Offset, srcStrides, src.Offset, selfStrides, self.Offset);
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
        switch (dst.DType)
        {
            case DType.Float32: MaskedSelect<float>(shape, mask, maskStrides, src, srcStrides, dst); break;
            case DType.Float64: MaskedSelect<double>(shape, mask, maskStrides, src, srcStrides, dst); break;
            case DType.Int64: MaskedSelect<long>(shape, mask, maskStrides, src, srcStrides, dst); break;
            default: MaskedSelect<bool>(shape, mask, maskStrides, src, srcStrides, dst); break;
        }
        GC.KeepAlive(mask); GC.KeepAlive(src); GC.KeepAlive(dst);
    }

    private static void MaskedSelect<T>(ReadOnlySpan<int> shape, Tensor mask, ReadOnlySpan<int> maskStrides, Tensor src,
        ReadOnlySpan<int> srcStrides, Tensor dst) where T : unmanaged
    {
        var body = new MaskedSelectRows<T>(mask.Typed<bool>().Array, src.Typed<T>().Array, dst.Typed<T>().Array, dst.Offset);
        StridedDriver.Run(ref body, shape, maskStrides, mask.Offset, srcStrides, src.Offset, default, 0);
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
        switch (dst.DType)
        {
            case DType.Float32: MaskedScatter<float>(dst, mask, maskStrides, source); break;
            case DType.Float64: MaskedScatter<double>(dst, mask, maskStrides, source); break;
            case DType.Int64: MaskedScatter<long>(dst, mask, maskStrides, source); break;
            default: MaskedScatter<bool>(dst, mask, maskStrides, source); break;
        }
        GC.KeepAlive(dst); GC.KeepAlive(mask); GC.KeepAlive(source);
    }

    private static void MaskedScatter<T>(Tensor dst, Tensor mask, ReadOnlySpan<int> maskStrides, Tensor source) where T : unmanaged
    {
        var body = new MaskedScatterRows<T>(dst.Typed<T>().Array, mask.Typed<bool>().Array, source.Typed<T>().Array, source.Offset);
        StridedDriver.Run(ref body, dst.ShapeArray, dst.StridesArray, dst.Offset, maskStrides, mask.Offset, default, 0);
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
    public static void MaskedFill(Tensor dst, Tensor mask, ReadOnlySpan<int> maskStrides, double value)
    {
        switch (dst.DType)
        {
            case DType.Float32: FillMasked(dst, mask, maskStrides, (float)value); break;
            case DType.Float64: FillMasked(dst, mask, maskStrides, value); break;
            case DType.Int64: FillMasked(dst, mask, maskStrides, (long)value); break;
            default: FillMasked(dst, mask, maskStrides, value != 0); break;
        }
    }

    private static void FillMasked<T>(Tensor dst, Tensor mask, ReadOnlySpan<int> maskStrides, T value) where T : unmanaged
    {
        var body = new MaskedFillRows<T>(dst.Typed<T>().Array, mask.Typed<bool>().Array, value);
        StridedDriver.Run(ref body, dst.ShapeArray, dst.StridesArray, dst.Offset, maskStrides, mask.Offset, default, 0);
        GC.KeepAlive(dst); GC.KeepAlive(mask);
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
        switch (dst.DType)
        {
            case DType.Float32: Where<float>(shape, cond, condStrides, a, aStrides, b, bStrides, dst); break;
            case DType.Float64: Where<double>(shape, cond, condStrides, a, aStrides, b, bStrides, dst); break;
            case DType.Int64: Where<long>(shape, cond, condStrides, a, aStrides, b, bStrides, dst); break;
            default: Where<bool>(shape, cond, condStrides, a, aStrides, b, bStrides, dst); break;
        }
        GC.KeepAlive(cond); GC.KeepAlive(a); GC.KeepAlive(b); GC.KeepAlive(dst);
    }

    private static void Where<T>(ReadOnlySpan<int> shape, Tensor cond, ReadOnlySpan<int> condStrides, Tensor a,
        ReadOnlySpan<int> aStrides, Tensor b, ReadOnlySpan<int> bStrides, Tensor dst) where T : unmanaged
    {
        var body = new WhereRows<T>(cond.Typed<bool>().Array, a.Typed<T>().Array, b.Typed<T>().Array, dst.Typed<T>().Array, dst.Offset);
        StridedDriver.Run(ref body, shape, condStrides, cond.Offset, aStrides, a.Offset, bStrides, b.Offset);
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
