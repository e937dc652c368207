namespace Ember.Kernels;

/// <summary>The batched GEMM behind matmul/bmm: one packed GEMM per batch index, on the operands' own strides.</summary>
internal static class GemmBatched
{
    /// <summary>
    /// y[i] = a[i]·b[i] for every index i of the broadcast batch <paramref name="batch"/>: a [..., m, k] and b [..., k, n]
    /// strided (batch strides given, 0 where broadcast), y contiguous [batch..., m, n].
    /// </summary>
    public static void Run<T>(Tensor a, Tensor b, Tensor y, int[] batch, int[] aStrides, int[] bStrides) where T : unmanaged, System.Numerics.INumber<T>
    {
        int m = a.ShapeArray[^2], k = a.ShapeArray[^1], n = b.ShapeArray[^1];
        int count = Tensor.NumelOf(batch);
        var aa = a.Typed<T>().Array;
        var ba = b.Typed<T>().Array;
        var ya = y.Typed<T>().Array;
        int ars = a.StridesArray[^2], acs = a.StridesArray[^1], brs = b.StridesArray[^2], bcs = b.StridesArray[^1];
        for (int i = 0; i < count; i++)
        {
            int rest = i, ao = a.Offset, bo = b.Offset;
            for (int d = batch.Length - 1; d >= 0; d--)
            {
                int id = rest % batch[d];
                rest /= batch[d];
                ao += id * aStrides[d];
                bo += id * bStrides[d];
            }
            Gemm.Compute<T>(m, n, k, aa.AsSpan(ao), ars, acs, ba.AsSpan(bo), brs, bcs, ya.AsSpan(i * m * n, m * n), n, accumulate: false);
        }
        GC.KeepAlive(a);
        GC.KeepAlive(b);
        GC.KeepAlive(y);
    }
}
