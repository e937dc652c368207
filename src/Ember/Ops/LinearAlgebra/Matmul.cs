using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Matrix product with PyTorch's <c>torch.matmul</c> rules: 1-D·1-D is a dot product (0-d result);
    /// 2-D·2-D a matrix product; a 1-D operand is treated as a row (left) or column (right) vector and
    /// the added dimension removed; with more dimensions the leading (batch) dimensions broadcast:
    /// [..., m, k] · [..., k, n] → [broadcast(...), m, n]. Runs on the cache-blocked, vectorized,
    /// multi-threaded GEMM; transposed operands are read in place without copying.
    /// </summary>
    /// <param name="input">The left operand, at least 1-D.</param>
    /// <param name="other">The right operand, at least 1-D, same dtype.</param>
    /// <exception cref="NotSupportedException">The operands are bool and neither is empty.</exception>
    /// <exception cref="ArgumentException">An operand is 0-d, the dtypes differ, the inner
    /// sizes differ (e.g. <c>matmul: [2, 3] and [4, 5] cannot be multiplied (3 != 4)</c>), the batch
    /// dimensions do not broadcast, or the product would have more than <see cref="Tensor.MaxNumel"/> elements.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="other"/> is null.</exception>
    public static Tensor Matmul(Tensor input, Tensor other)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(other);
        if (input.Dim == 0 || other.Dim == 0)
            throw new ArgumentException($"matmul: both arguments need to be at least 1D, but they are {input.Dim}D and {other.Dim}D");
        CheckOperands(input, other, "matmul");
        int ka = input.ShapeArray[^1];
        int kb = other.Dim == 1 ? other.ShapeArray[0] : other.ShapeArray[^2];
        if (ka != kb)
            throw new ArgumentException($"matmul: {input.Shape} and {other.Shape} cannot be multiplied ({ka} != {kb})");

        if (input.Dim == 1 && other.Dim == 1) return BatchedMatmul(input.Unsqueeze(0), other.Unsqueeze(1), "matmul").Reshape();
        if (input.Dim == 1) return BatchedMatmul(input.Unsqueeze(0), other, "matmul").Squeeze(-2);
        if (other.Dim == 1) return BatchedMatmul(input, other.Unsqueeze(1), "matmul").Squeeze(-1);
        return BatchedMatmul(input, other, "matmul");
    }

    /// <summary>The product of two matrices (PyTorch's <c>torch.mm</c>): [n, m] · [m, p] → [n, p].</summary>
    /// <param name="input">The left matrix, 2-D.</param>
    /// <param name="mat2">The right matrix, 2-D, same dtype.</param>
    /// <exception cref="ArgumentException">An operand is not 2-D, the dtypes differ, or the inner sizes differ.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="mat2"/> is null.</exception>
    public static Tensor Mm(Tensor input, Tensor mat2)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(mat2);
        if (input.Dim != 2) throw new ArgumentException($"mm: self must be a matrix, got a {input.Dim}D tensor of shape {input.Shape}");
        if (mat2.Dim != 2) throw new ArgumentException($"mm: mat2 must be a matrix, got a {mat2.Dim}D tensor of shape {mat2.Shape}");
        CheckOperands(input, mat2, "mm");
        if (input.ShapeArray[1] != mat2.ShapeArray[0])
            throw new ArgumentException($"mm: mat1 {input.Shape} and mat2 {mat2.Shape} cannot be multiplied ({input.ShapeArray[1]} != {mat2.ShapeArray[0]})");
        return BatchedMatmul(input, mat2, "mm");
    }

    /// <summary>Batched matrix product (PyTorch's <c>torch.bmm</c>): [b, n, m] · [b, m, p] → [b, n, p], no broadcasting.</summary>
    /// <param name="input">The left batch, 3-D.</param>
    /// <param name="mat2">The right batch, 3-D, same batch size and dtype.</param>
    /// <exception cref="ArgumentException">An operand is not 3-D, the batch sizes or inner sizes differ, or the dtypes differ.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="mat2"/> is null.</exception>
    public static Tensor Bmm(Tensor input, Tensor mat2)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(mat2);
        if (input.Dim != 3) throw new ArgumentException($"bmm: batch1 must be a 3D tensor, got shape {input.Shape}");
        if (mat2.Dim != 3) throw new ArgumentException($"bmm: batch2 must be a 3D tensor, got shape {mat2.Shape}");
        CheckOperands(input, mat2, "bmm");
        if (input.ShapeArray[0] != mat2.ShapeArray[0])
            throw new ArgumentException($"bmm: batch1 {input.Shape} and batch2 {mat2.Shape} must have the same batch size ({input.ShapeArray[0]} != {mat2.ShapeArray[0]})");
        if (input.ShapeArray[2] != mat2.ShapeArray[1])
            throw new ArgumentException($"bmm: batch1 {input.Shape} and batch2 {mat2.Shape} cannot be multiplied ({input.ShapeArray[2]} != {mat2.ShapeArray[1]})");
        return BatchedMatmul(input, mat2, "bmm");
    }

    private static void CheckOperands(Tensor a, Tensor b, string op)
    {
        if (a.DType != b.DType)
            throw new ArgumentException($"{op}: expected both operands to have the same dtype, but got {a.DType.TorchName()} {a.Shape} and {b.DType.TorchName()} {b.Shape}");
        // PyTorch's bool GEMM is missing, but an empty operand is answered (empty or zeros) before it is reached
        if (a.DType == DType.Bool && a.Numel != 0 && b.Numel != 0)
            throw new NotSupportedException($"{op}: not implemented for dtype torch.bool ({a.Shape} and {b.Shape})");
    }

    /// <summary>[..., m, k] · [..., k, n] with broadcast batch dimensions; both at least 2-D, sizes already checked.</summary>
    internal static Tensor BatchedMatmul(Tensor a, Tensor b, string op)
    {
        int m = a.ShapeArray[^2], k = a.ShapeArray[^1], n = b.ShapeArray[^1];
        var batch = Broadcasting.Shape(a.ShapeArray.AsSpan(0, a.Dim - 2), b.ShapeArray.AsSpan(0, b.Dim - 2), op);
        var outShape = new int[batch.Length + 2];
        batch.CopyTo(outShape, 0);
        outShape[^2] = m;
        outShape[^1] = n;
        // k = 0 gives zeros; an empty operand's batch offsets can point past its (empty) storage, so skip the GEMM.
        var y = Tensor.Empty(outShape, a.DType, zero: k == 0, op);
        if (k != 0 && y.Numel != 0)
        {
            switch (a.DType)
            {
                case DType.Float32: GemmBatches<float>(a, b, y, batch); break;
                case DType.Float64: GemmBatches<double>(a, b, y, batch); break;
                case DType.Int64: GemmBatches<long>(a, b, y, batch); break;
                case DType.Int32: GemmBatches<int>(a, b, y, batch); break;
                case DType.UInt8: GemmBatches<byte>(a, b, y, batch); break;
                case DType.Float16 or DType.BFloat16:
                    // Accumulated in float32 and rounded once, as PyTorch's bfloat16 GEMM.
                    var y32 = Tensor.Empty(outShape, DType.Float32);
                    GemmBatches<float>(a.Cast(DType.Float32), b.Cast(DType.Float32), y32, batch);
                    Elementwise.CopyInto(y32, y);
                    break;
                default: throw Dispatch.Unsupported(op, a.DType);
            }
        }
        if (Graph.NeedsGrad(a, b))
            Graph.Record(y, new MatmulBackward(a, b, batch), a, b);
        return y;
    }

    private static void GemmBatches<T>(Tensor a, Tensor b, Tensor y, int[] batch) where T : unmanaged, System.Numerics.INumber<T> =>
        GemmBatched.Run<T>(a, b, y, batch, BatchStrides(a, batch), BatchStrides(b, batch));

    /// <summary>Strides of the batch dimensions of <paramref name="t"/> broadcast to <paramref name="batch"/> (0 where broadcast).</summary>
    private static int[] BatchStrides(Tensor t, int[] batch)
    {
        int nb = t.Dim - 2;
        return Broadcasting.Strides(t.ShapeArray.AsSpan(0, nb), t.StridesArray.AsSpan(0, nb), batch);
    }

    private sealed class MatmulBackward : Node
    {
        private SavedTensor _a, _b;
        private readonly bool _aColumnMajor, _bColumnMajor;

        /// <summary>Saves each operand only where the other one's gradient needs it.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <param name="batch">The (broadcast) batch dimensions of the product.</param>
        public MatmulBackward(Tensor a, Tensor b, int[] batch)
        {
            if (b.RequiresGrad) _a = new SavedTensor(a);
            if (a.RequiresGrad) _b = new SavedTensor(b);
            _aColumnMajor = ColumnMajor(a, batch);
            _bColumnMajor = ColumnMajor(b, batch);
        }

        public override string Name => "MmBackward0";

        // The engine sums broadcast batch dimensions back to each operand's shape. An operand stored
        // column-major (e.g. the weight.T of a linear layer) gets its gradient column-major too, computed
        // as the transpose of the transposed product (like PyTorch's mm backward): the view op that made
        // the operand then hands its own input a contiguous gradient, with no transposing copy anywhere.
        protected internal override Tensor?[] Backward(Tensor grad) =>
        [
            NeedsGrad(0) ? (_aColumnMajor ? BatchedMatmul(Unpack(_b), grad.MT, "matmul_backward").MT
                : BatchedMatmul(grad, Unpack(_b).MT, "matmul_backward")) : null,
            NeedsGrad(1) ? (_bColumnMajor ? BatchedMatmul(grad.MT, Unpack(_a), "matmul_backward").MT
                : BatchedMatmul(Unpack(_a).MT, grad, "matmul_backward")) : null,
        ];

        /// <summary>
        /// True when the last two dimensions of <paramref name="t"/> are a transposed contiguous matrix and its
        /// gradient needs no summing over broadcast batch dimensions (which would copy it to row-major anyway).
        /// </summary>
        private static bool ColumnMajor(Tensor t, int[] batch) =>
            t.StridesArray[^2] == 1 && t.StridesArray[^1] == t.ShapeArray[^2] && t.ShapeArray[^1] > 1 && t.ShapeArray[^2] > 1
            && t.ShapeArray.AsSpan(0, t.Dim - 2).SequenceEqual(batch);

        protected override void ReleaseSaved() => (_a, _b) = (default, default);
    }
}

public partial class Tensor
{
    /// <summary>Matrix product with broadcasting (see <see cref="Torch.Matmul"/>).</summary>
    /// <param name="other">The right operand.</param>
    /// <exception cref="ArgumentException">The operands' sizes do not fit a matrix product.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public Tensor Matmul(Tensor other) => Torch.Matmul(this, other);

    /// <summary>Product of two matrices (see <see cref="Torch.Mm"/>).</summary>
    /// <param name="mat2">The right matrix.</param>
    /// <exception cref="ArgumentException">The operands' sizes do not fit a matrix product.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="mat2"/> is null.</exception>
    public Tensor Mm(Tensor mat2) => Torch.Mm(this, mat2);

    /// <summary>Batched matrix product (see <see cref="Torch.Bmm"/>).</summary>
    /// <param name="mat2">The right batch.</param>
    /// <exception cref="ArgumentException">An operand is not 3-D, or the sizes do not fit.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="mat2"/> is null.</exception>
    public Tensor Bmm(Tensor mat2) => Torch.Bmm(this, mat2);
}
