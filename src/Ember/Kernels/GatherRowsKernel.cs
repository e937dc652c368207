namespace Ember.Kernels;

/// <summary>
/// index_select of whole rows: dst[i, :] = src[index[i], :] for a contiguous source and destination (a minibatch drawn
/// from a data set), on the thread team when the copy is large. Every index is checked before anything is copied.
/// </summary>
internal static class GatherRowsKernel
{
    /// <summary>Elements copied from which the rows are split over the thread team.</summary>
    private const int ParallelElements = 1 << 16;

    /// <summary>Rows per part (a function of the row length only).</summary>
    private const int PartElements = 1 << 14;

    /// <summary>Rows shorter than this are left to the strided gather.</summary>
    private const int MinRow = 64;

    /// <summary>Whether <see cref="Run"/> applies: dim 0 of contiguous tensors, rows of at least <see cref="MinRow"/> elements,
    /// enough elements to split.</summary>
    public static bool Suits(Tensor src, Tensor dst, int dim) =>
        dim == 0 && src.Dim >= 2 && src.ShapeArray[0] > 0 && src.Numel / src.ShapeArray[0] >= MinRow && src.IsContiguous && dst.IsContiguous
        && dst.Numel >= ParallelElements && !ThreadTeam.RunsSerially;

    /// <summary>
    /// dst [n, …] = src[index] along dim 0 (src [size, …] with the same trailing shape); index is an int64 vector.
    /// </summary>
    /// <exception cref="IndexOutOfRangeException">An index is outside [0, size) (nothing is copied).</exception>
    public static void Run(Tensor src, Tensor index, Tensor dst, string op)
    {
        int size = src.ShapeArray[0];
        IndexKernels.CheckRange(index, size, 0, op);
        var f = new Copy(src, index, dst);
        Dispatch.Any<Copy, bool>(dst.DType, ref f);
        GC.KeepAlive(src); GC.KeepAlive(index); GC.KeepAlive(dst);
    }

    private readonly struct Copy(Tensor src, Tensor index, Tensor dst) : IElementFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged
        {
            int n = index.Numel, row = n == 0 ? 0 : dst.Numel / n;
            int perPart = Math.Max(1, PartElements / Math.Max(1, row));
            Rows(src.Typed<T>().Array, src.Offset, index.Typed<long>().Array, index.Offset, index.Numel == 1 ? 0 : index.StridesArray[0],
                dst.Typed<T>().Array, dst.Offset, n, row, perPart);
            return true;
        }
    }

    private static void Rows<T>(T[] src, int so, long[] idx, int io, int istride, T[] dst, int dOff, int n, int row, int perPart) where T : unmanaged =>
        ThreadTeam.For((n + perPart - 1) / perPart, part =>
        {
            for (int i = part * perPart, end = Math.Min(n, i + perPart); i < end; i++)
                src.AsSpan(so + (int)idx[io + i * istride] * row, row).CopyTo(dst.AsSpan(dOff + i * row, row));
        });
}
