using System.Numerics;
using Ember.Kernels;

namespace Ember;

/// <summary>
/// Stable sorting along one dimension for sort, argsort and topk: each row (the sorted dimension moved last and
/// made contiguous) is sorted as a permutation of its positions, ties broken by position, with NaN ordered above
/// every number (PyTorch's order); then the values are gathered. Rows are spread over threads.
/// </summary>
internal static class SortKernels
{
    /// <summary>
    /// The first <paramref name="k"/> entries of every row of <paramref name="x"/> (at least 1-D) sorted along
    /// <paramref name="dim"/>: the values (x's dtype) and their int64 positions, both contiguous, with
    /// size <paramref name="k"/> along <paramref name="dim"/>.
    /// </summary>
    public static (Tensor Values, Tensor Indices) Sort(Tensor x, int dim, bool descending, int k, string op)
    {
        int last = x.Dim - 1;
        var xt = x.Detach().Transpose(dim, last).Contiguous();
        var keys = xt.DType switch
        {
            DType.Float32 or DType.Float64 or DType.Int64 or DType.Int32 or DType.UInt8 => xt,
            DType.Bool => xt.Cast(DType.UInt8),
            DType.Float16 or DType.BFloat16 => xt.Cast(DType.Float32), // exact, order-preserving
            _ => throw Dispatch.Unsupported(op, xt.DType),
        };
        int n = xt.ShapeArray[last];
        var outShape = xt.ShapeArray.ToArray();
        outShape[last] = k;
        var indices = Tensor.Empty(outShape, DType.Int64);
        var values = Tensor.Empty(outShape.ToArray(), xt.DType);
        int rows = n == 0 ? 0 : xt.Numel / n;
        if (k > 0 && rows > 0)
        {
            switch (keys.DType)
            {
                case DType.Float32: SortRows<float>(keys, indices, rows, n, k, descending); break;
                case DType.Float64: SortRows<double>(keys, indices, rows, n, k, descending); break;
                case DType.Int64: SortRows<long>(keys, indices, rows, n, k, descending); break;
                case DType.Int32: SortRows<int>(keys, indices, rows, n, k, descending); break;
                case DType.UInt8: SortRows<byte>(keys, indices, rows, n, k, descending); break;
                default: throw Dispatch.Unsupported(op, keys.DType);
            }
            var take = new TakeRows(xt, indices, values, rows, n, k);
            Dispatch.Any<TakeRows, bool>(xt.DType, ref take);
        }
        return (values.Transpose(dim, last).Contiguous(), indices.Transpose(dim, last).Contiguous());
    }

    private static void SortRows<T>(Tensor keys, Tensor indices, int rows, int n, int k, bool descending) where T : unmanaged, INumber<T>
    {
        var data = keys.Typed<T>().Array;
        var idx = indices.Typed<long>().Array;
        int offset = keys.Offset;
        long work = (long)rows * n * Math.Max(1, BitOperations.Log2((uint)n));
        RowParallel.Rows(rows, work, (start, count) =>
        {
            var perm = new int[n];
            for (int r = start; r < start + count; r++)
            {
                for (int i = 0; i < n; i++) perm[i] = i;
                perm.AsSpan().Sort(new PositionComparer<T>(data, offset + r * n, descending));
                for (int j = 0; j < k; j++) idx[r * k + j] = perm[j];
            }
        });
        GC.KeepAlive(keys);
    }

    /// <summary>Orders positions of one row by value (NaN above everything, ±0 equal), then by position (stability).</summary>
    private readonly struct PositionComparer<T>(T[] data, int offset, bool descending) : IComparer<int> where T : unmanaged, INumber<T>
    {
        public int Compare(int i, int j)
        {
            int c = CompareValues(data[offset + i], data[offset + j]);
            if (descending) c = -c;
            return c != 0 ? c : i.CompareTo(j);
        }
    }

    /// <summary>−1, 0 or 1 with NaN greater than every number and equal to NaN.</summary>
    public static int CompareValues<T>(T a, T b) where T : unmanaged, INumber<T>
    {
        bool an = T.IsNaN(a), bn = T.IsNaN(b);
        if (an || bn) return an == bn ? 0 : an ? 1 : -1;
        return a < b ? -1 : a > b ? 1 : 0;
    }

    /// <summary>values[r, j] = x[r, indices[r, j]] for contiguous [rows, n] and [rows, k] tensors of any dtype.</summary>
    private readonly struct TakeRows(Tensor x, Tensor indices, Tensor values, int rows, int n, int k) : IElementFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged
        {
            var src = x.ContiguousSpan<T>();
            var idx = indices.ContiguousSpan<long>();
            var dst = values.ContiguousSpan<T>();
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < k; j++) dst[r * k + j] = src[r * n + (int)idx[r * k + j]];
            GC.KeepAlive(x); GC.KeepAlive(indices); GC.KeepAlive(values);
            return true;
        }
    }
}
