namespace Ember.Kernels;

/// <summary>
/// A linear layer in inference mode: y = x·Wᵀ + b written in one pass (the bias, and a following ReLU, applied by each
/// thread to its block of the product while it is in cache; unpacked, each row of y starts as the bias and the product is
/// accumulated onto it), with W packed once (<see cref="PackedWeights"/>) once a batch has enough rows and outputs for
/// the packed product to pay (a single row reads W in place with dot products; 10 outputs run transposed).
/// </summary>
internal static class LinearInference
{
    /// <summary>Rows from which the packed weight is used.</summary>
    private const int PackedRows = 16;

    /// <summary>Outputs from which the packed weight is used (below one 32-wide micro-tile, the GEMM runs transposed).</summary>
    private const int PackedColumns = 32;

    /// <summary>
    /// y [m, out] = x [m, in]·Wᵀ + b for a contiguous float32/float64 x and W [out, in] and a contiguous 1-D bias [out] (or
    /// none), in inference mode; null (nothing done) otherwise.
    /// </summary>
    public static Tensor? TryForward(Tensor x, Tensor w, Tensor? b) => TryForward(x, w, b, relu: false);

    /// <summary>
    /// As <see cref="TryForward(Tensor, Tensor, Tensor?)"/>, then ReLU when <paramref name="relu"/> (a Linear followed by a
    /// ReLU in a Sequential): with the packed weight, bias and ReLU are the epilogue of each thread's block of the product.
    /// Also null when x is not [m, in_features] of W.
    /// </summary>
    public static Tensor? TryForward(Tensor x, Tensor w, Tensor? b, bool relu)
    {
        if (!Autograd.InferenceMode.IsEnabled || x.Dim != 2 || w.Dim != 2 || x.ShapeArray[1] != w.ShapeArray[1] || !x.IsContiguous || !w.IsContiguous || x.DType != w.DType
            || (b is not null && (b.Dim != 1 || !b.IsContiguous || b.DType != x.DType || b.Numel != w.ShapeArray[0])))
            return null;
        return x.DType switch
        {
            DType.Float32 => Forward<float>(x, w, b, relu),
            DType.Float64 => Forward<double>(x, w, b, relu),
            _ => null,
        };
    }

    private static Tensor Forward<T>(Tensor x, Tensor w, Tensor? b, bool relu) where T : unmanaged, System.Numerics.INumber<T>
    {
        int m = x.ShapeArray[0], k = x.ShapeArray[1], n = w.ShapeArray[0];
        var y = Tensor.Empty([m, n], x.DType, zero: b is null && k == 0, op: "linear");
        var ys = y.ContiguousSpan<T>();
        var packed = k > 0 && m >= PackedRows && n >= PackedColumns ? PackedWeights.TransposedB<T>(w, 0, 1, n, k) : null;
        if (packed is not null)
            // The bias and the ReLU are the epilogue of each thread's block.
            packed.Multiply(m, x.ContiguousSpan<T>(), k, 1, ys, n, accumulate: false, b is null ? default : b.ContiguousSpan<T>(), relu);
        else
        {
            T[] xa = x.Typed<T>().Array, wa = w.Typed<T>().Array, ya = y.Typed<T>().Array;
            T[]? ba = b?.Typed<T>().Array;
            // Bands of a fixed height (never a function of the thread count, so neither are the results).
            int bands = (long)m * n * k >= BandWork && !ThreadTeam.RunsSerially && Threading.NumThreads > 1 ? (m + BandRows - 1) / BandRows : 1;
            if (bands <= 1) Band(xa, x.Offset, wa, w.Offset, ba, b?.Offset ?? 0, ya, y.Offset, 0, m, n, k, relu);
            else BandsInParallel(xa, x.Offset, wa, w.Offset, ba, b?.Offset ?? 0, ya, y.Offset, m, n, k, relu, bands);
        }
        GC.KeepAlive(x); GC.KeepAlive(w); GC.KeepAlive(b);
        return y;
    }

    /// <summary>Multiply-adds from which the unpacked product (few outputs, e.g. a 10-class head) is split into bands of rows.</summary>
    private const long BandWork = 1L << 18;

    /// <summary>Rows of a band (the last may have fewer).</summary>
    private const int BandRows = 128;

    private static void BandsInParallel<T>(T[] x, int xo, T[] w, int wo, T[]? b, int bo, T[] y, int yo, int m, int n, int k, bool relu, int bands)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        ThreadTeam.For(bands, t => Band(x, xo, w, wo, b, bo, y, yo, t * BandRows, Math.Min(m, (t + 1) * BandRows), n, k, relu));
    }

    /// <summary>Rows [i0, i1) of y = x·Wᵀ + b (then ReLU): each row starts as the bias and the product is accumulated onto it.</summary>
    private static void Band<T>(T[] x, int xo, T[] w, int wo, T[]? b, int bo, T[] y, int yo, int i0, int i1, int n, int k, bool relu)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        int rows = i1 - i0;
        var ys = y.AsSpan(yo + i0 * n, rows * n);
        if (b is not null)
            for (int i = 0; i < rows; i++) b.AsSpan(bo, n).CopyTo(ys.Slice(i * n, n));
        if (k > 0 && rows > 0 && n > 0)
            Gemm.Compute<T>(rows, n, k, x.AsSpan(xo + i0 * k, rows * k), k, 1, w.AsSpan(wo, n * k), 1, k, ys, n, accumulate: b is not null);
        if (relu) System.Numerics.Tensors.TensorPrimitives.Max<T>(ys, T.Zero, ys);
    }
}
