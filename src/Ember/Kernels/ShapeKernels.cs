using Ember.Kernels;

namespace Ember;

/// <summary>Copies for flip, roll and tril/triu, for every dtype (element moves only, no arithmetic).</summary>
internal static class ShapeKernels
{
    /// <summary>A contiguous copy of <paramref name="x"/> with the dimensions in <paramref name="flip"/> reversed.</summary>
    public static Tensor Flip(Tensor x, bool[] flip)
    {
        var y = Tensor.Empty(x.ShapeArray.ToArray(), x.DType);
        if (y.Numel == 0) return y;
        var strides = x.StridesArray.ToArray();
        int offset = x.Offset;
        for (int d = 0; d < strides.Length; d++)
        {
            if (!flip[d]) continue;
            offset += (x.ShapeArray[d] - 1) * strides[d];
            strides[d] = -strides[d];
        }
        // A reversed view with negative strides exists only here, read by the strided copy.
        var reversed = new Tensor(x.Storage, x.ShapeArray.ToArray(), strides, offset);
        Elementwise.CopyInto(reversed, y);
        GC.KeepAlive(x);
        return y;
    }

    /// <summary>A contiguous copy of <paramref name="x"/> rolled by <paramref name="shift"/> along <paramref name="dim"/>.</summary>
    public static Tensor Roll(Tensor x, long shift, int dim)
    {
        var src = x.Detach();
        var y = Tensor.Empty(x.ShapeArray.ToArray(), x.DType);
        int n = x.ShapeArray[dim];
        int s = n == 0 ? 0 : (int)((shift % n + n) % n);
        if (s == 0 || y.Numel == 0)
        {
            Elementwise.CopyInto(src, y);
            return y;
        }
        // y[s:] = x[:n−s], y[:s] = x[n−s:]
        Elementwise.CopyInto(src.Slice(dim, n - s, n, 1), y.Slice(dim, 0, s, 1));
        Elementwise.CopyInto(src.Slice(dim, 0, n - s, 1), y.Slice(dim, s, n, 1));
        return y;
    }

    /// <summary>
    /// A contiguous copy of <paramref name="x"/> (at least 2-D) with the elements above (lower) or below (upper) the
    /// <paramref name="diagonal"/>-th diagonal of each matrix in the last two dimensions set to zero.
    /// </summary>
    public static Tensor Triangle(Tensor x, long diagonal, bool lower)
    {
        var y = Tensor.Empty(x.ShapeArray.ToArray(), x.DType);
        Elementwise.CopyInto(x, y);
        var f = new ZeroTriangle(y, diagonal, lower);
        Dispatch.Any<ZeroTriangle, bool>(y.DType, ref f);
        return y;
    }

    private readonly struct ZeroTriangle(Tensor y, long diagonal, bool lower) : IElementFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged
        {
            int rows = y.ShapeArray[^2], cols = y.ShapeArray[^1];
            int matrices = rows * cols == 0 ? 0 : y.Numel / (rows * cols);
            var span = y.ContiguousSpan<T>();
            for (int b = 0; b < matrices; b++)
                for (int i = 0; i < rows; i++)
                {
                    var row = span.Slice((b * rows + i) * cols, cols);
                    // lower keeps j ≤ i + diagonal; upper keeps j ≥ i + diagonal
                    // (a diagonal past the matrix saturates: i + diagonal must not overflow)
                    long bound = diagonal >= cols ? cols : Math.Clamp(i + diagonal + (lower ? 1 : 0), 0, cols);
                    if (lower) row[(int)bound..].Clear();
                    else row[..(int)bound].Clear();
                }
            GC.KeepAlive(y);
            return true;
        }
    }
}
