using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;

/// <summary>
/// y = max(y + other, 0) in place: the end of a residual block at inference (one pass instead of an add and a ReLU, each
/// allocating). NaN stays NaN, as PyTorch's ReLU keeps it.
/// </summary>
internal static class AddReluKernel
{
    private const int Piece = 1 << 15;

    /// <summary>
    /// Runs it when both are contiguous float32 or float64 tensors of one shape on different storages (false otherwise,
    /// and nothing is written).
    /// </summary>
    public static bool TryInPlace(Tensor y, Tensor other)
    {
        if (!y.IsContiguous || !other.IsContiguous || y.DType != other.DType || y.Shape != other.Shape || ReferenceEquals(y.Storage, other.Storage))
            return false;
        switch (y.DType)
        {
            case DType.Float32: Run<float>(y, other); break;
            case DType.Float64: Run<double>(y, other); break;
            default: return false;
        }
        y.Storage.BumpVersion();
        GC.KeepAlive(y); GC.KeepAlive(other);
        return true;
    }

    private static void Run<T>(Tensor yt, Tensor ot) where T : unmanaged, INumber<T>
    {
        T[] y = yt.Typed<T>().Array, o = ot.Typed<T>().Array;
        int n = yt.Numel, pieces = (n + Piece - 1) / Piece;
        if (pieces <= 1 || ThreadTeam.RunsSerially) Part(y, yt.Offset, o, ot.Offset, 0, n);
        else InParallel(y, yt.Offset, o, ot.Offset, n, pieces);
    }

    private static void InParallel<T>(T[] y, int yo, T[] o, int oo, int n, int pieces) where T : unmanaged, INumber<T> =>
        ThreadTeam.For(pieces, p => Part(y, yo, o, oo, p * Piece, Math.Min(Piece, n - p * Piece)));

    private static void Part<T>(T[] y, int yo, T[] o, int oo, int start, int len) where T : unmanaged, INumber<T>
    {
        var dst = y.AsSpan(yo + start, len);
        VectorDriver.Map(default(Body<T>), dst, o.AsSpan(oo + start, len), dst);
    }

    /// <summary>max(y + other, 0) in one pass (IEEE maximum: NaN propagates, max(−0, 0) is +0, as TensorPrimitives.Max gives).</summary>
    internal readonly struct Body<T> : IVectorOp2<T> where T : unmanaged, INumber<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T y, T other) => T.Max(y + other, T.Zero);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Invoke(Vector128<T> y, Vector128<T> other) => Vector128.Max(y + other, Vector128<T>.Zero);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Invoke(Vector256<T> y, Vector256<T> other) => Vector256.Max(y + other, Vector256<T>.Zero);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Invoke(Vector512<T> y, Vector512<T> other) => Vector512.Max(y + other, Vector512<T>.Zero);
    }
}
