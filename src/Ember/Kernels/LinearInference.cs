namespace Ember.Kernels;

/// <summary>
/// A linear layer in inference mode: y = x·Wᵀ + b written in one pass (each row of y starts as the bias and the product
/// is accumulated onto it), with W packed once (<see cref="PackedWeights"/>) once a batch has enough rows and outputs for
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
    public static Tensor? TryForward(Tensor x, Tensor w, Tensor? b)
    {
        if (!Autograd.InferenceMode.IsEnabled || x.Dim != 2 || !x.IsContiguous || !w.IsContiguous || x.DType != w.DType
            || (b is not null && (b.Dim != 1 || !b.IsContiguous || b.DType != x.DType || b.Numel != w.ShapeArray[0])))
            return null;
        return x.DType switch
        {
            DType.Float32 => Forward<float>(x, w, b),
            DType.Float64 => Forward<double>(x, w, b),
            _ => null,
        };
    }

    private static Tensor Forward<T>(Tensor x, Tensor w, Tensor? b) where T : unmanaged, System.Numerics.INumber<T>
    {
        int m = x.ShapeArray[0], k = x.ShapeArray[1], n = w.ShapeArray[0];
        var y = Tensor.Empty([m, n], x.DType, zero: b is null && k == 0, op: "linear");
        var ys = y.ContiguousSpan<T>();
        if (b is not null)
        {
            var bias = b.ContiguousSpan<T>();
            for (int i = 0; i < m; i++) bias.CopyTo(ys.Slice(i * n, n));
        }
        if (k > 0 && m > 0 && n > 0)
        {
            var xs = x.ContiguousSpan<T>();
            if (m >= PackedRows && n >= PackedColumns && PackedWeights.TransposedB<T>(w, 0, 1, n, k) is { } packed)
                packed.Multiply(m, xs, k, 1, ys, n, accumulate: b is not null);
            else
                Gemm.Compute<T>(m, n, k, xs, k, 1, w.ContiguousSpan<T>(), 1, k, ys, n, accumulate: b is not null);
        }
        GC.KeepAlive(x); GC.KeepAlive(w); GC.KeepAlive(b);
        return y;
    }
}
