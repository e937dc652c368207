using System.Numerics;
using System.Numerics.Tensors;

namespace Ember.Kernels;

/// <summary>
/// A linear layer's forward pass outside inference mode: y = x·Wᵀ, then the bias added to each row in place while the
/// product is in cache (the same roundings as the product followed by a broadcast add, without a second tensor).
/// </summary>
internal static class LinearForward
{
    /// <summary>Elements of y from which the bias is added on the thread team.</summary>
    private const int ParallelElements = 1 << 16;

    /// <summary>Rows per part of the parallel bias add (a function of the shape only).</summary>
    private const int BandRows = 64;

    /// <summary>
    /// y [m, out] (contiguous, written whole) = x [m, in] (any strides) · W [out, in] (any strides)ᵀ + b [out] (contiguous);
    /// float32 or float64, all the same dtype.
    /// </summary>
    public static void Run(Tensor x, Tensor w, Tensor b, Tensor y)
    {
        switch (y.DType)
        {
            case DType.Float32: Run<float>(x, w, b, y); break;
            case DType.Float64: Run<double>(x, w, b, y); break;
            default: throw Dispatch.Unsupported("linear", y.DType);
        }
        GC.KeepAlive(x); GC.KeepAlive(w); GC.KeepAlive(b); GC.KeepAlive(y);
    }

    private static void Run<T>(Tensor x, Tensor w, Tensor b, Tensor y) where T : unmanaged, INumber<T>
    {
        int m = y.ShapeArray[0], n = y.ShapeArray[1], k = x.ShapeArray[1];
        T[] xa = x.Typed<T>().Array, wa = w.Typed<T>().Array, ya = y.Typed<T>().Array, ba = b.Typed<T>().Array;
        int yo = y.Offset, bo = b.Offset;
        if (m == 0 || n == 0) return;
        if (k == 0) ya.AsSpan(yo, m * n).Clear();
        else
            // B[p, j] = W[j, p]: Wᵀ read in place through its strides.
            Gemm.Compute<T>(m, n, k, xa.AsSpan(x.Offset), x.StridesArray[0], x.StridesArray[1],
                wa.AsSpan(w.Offset), w.StridesArray[1], w.StridesArray[0], ya.AsSpan(yo, m * n), n, accumulate: false);
        if ((long)m * n < ParallelElements || m <= BandRows || ThreadTeam.RunsSerially) AddBias(ya, yo, ba, bo, 0, m, n);
        else AddBiasInParallel(ya, yo, ba, bo, m, n);
    }

    // Apart from Run: a lambda's closure is allocated on entry to the method that declares it.
    private static void AddBiasInParallel<T>(T[] y, int yo, T[] b, int bo, int m, int n) where T : unmanaged, INumber<T> =>
        ThreadTeam.For((m + BandRows - 1) / BandRows, t => AddBias(y, yo, b, bo, t * BandRows, Math.Min(m, (t + 1) * BandRows), n));

    private static void AddBias<T>(T[] y, int yo, T[] b, int bo, int i0, int i1, int n) where T : unmanaged, INumber<T>
    {
        var bias = new ReadOnlySpan<T>(b, bo, n);
        for (int i = i0; i < i1; i++)
        {
            var row = y.AsSpan(yo + i * n, n);
            TensorPrimitives.Add(row, bias, row);
        }
    }
}
