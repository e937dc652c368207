using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// β·input + α·(mat1 @ mat2) (PyTorch's <c>torch.addmm</c>), the product through <see cref="Matmul"/>. The input
    /// broadcasts to [n, p]; with β = 0 it is ignored (a NaN in it does not propagate) and gets no gradient. The three
    /// tensors must share one dtype; float16/bfloat16 are computed in float32, int32/uint8 in int64 (wrapping back).
    /// </summary>
    /// <param name="input">The matrix (or a tensor broadcastable to [n, p]) to add.</param>
    /// <param name="mat1">The left matrix, [n, m].</param>
    /// <param name="mat2">The right matrix, [m, p].</param>
    /// <param name="beta">The multiplier of <paramref name="input"/> (default 1).</param>
    /// <param name="alpha">The multiplier of the product (default 1).</param>
    /// <returns>An [n, p] tensor.</returns>
    /// <exception cref="ArgumentException">A matrix is not 2-D, the inner sizes differ, the input does not broadcast to
    /// [n, p], the dtypes differ, or β/α are fractional for an integer dtype.</exception>
    /// <exception cref="NotSupportedException">The dtype is bool.</exception>
    public static Tensor Addmm(Tensor input, Tensor mat1, Tensor mat2, double beta = 1, double alpha = 1)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(mat1);
        ArgumentNullException.ThrowIfNull(mat2);
        if (mat1.Dim != 2) throw new ArgumentException($"addmm: mat1 must be a matrix, got {mat1.Dim}-D tensor (shape {mat1.Shape})", nameof(mat1));
        if (mat2.Dim != 2) throw new ArgumentException($"addmm: mat2 must be a matrix, got {mat2.Dim}-D tensor (shape {mat2.Shape})", nameof(mat2));
        int n = mat1.ShapeArray[0], m = mat1.ShapeArray[1], p = mat2.ShapeArray[1];
        if (mat2.ShapeArray[0] != m)
            throw new ArgumentException($"addmm: mat1 and mat2 shapes cannot be multiplied ({n}x{m} and {mat2.ShapeArray[0]}x{p})", nameof(mat2));
        if (mat1.DType != input.DType || mat2.DType != input.DType)
            throw new ArgumentException(
                $"addmm: expected input, mat1 and mat2 to have the same dtype, but got {input.DType.TorchName()}, {mat1.DType.TorchName()} and {mat2.DType.TorchName()}", nameof(mat1));
        if (!Broadcasting.CanBroadcastTo(input.ShapeArray, [n, p]))
            throw new ArgumentException($"addmm: the input of shape {input.Shape} cannot be broadcast to the product's shape [{n}, {p}]", nameof(input));
        var dt = input.DType;
        if (dt == DType.Bool) throw Dispatch.Unsupported("addmm", dt);
        if (dt.IsIntegral())
        {
            if (alpha != Math.Floor(alpha) || beta != Math.Floor(beta))
                throw new ArgumentException($"addmm: for integer tensors beta and alpha must be integers (got beta {beta}, alpha {alpha})", nameof(alpha));
            if (dt != DType.Int64)
                return Addmm(input.Cast(DType.Int64), mat1.Cast(DType.Int64), mat2.Cast(DType.Int64), beta, alpha).Cast(dt);
        }
        if (dt.IsReducedFloat())
            return Addmm(input.To(DType.Float32), mat1.To(DType.Float32), mat2.To(DType.Float32), beta, alpha).To(dt);
        var y = Matmul(mat1, mat2);
        if (alpha != 1) y = dt.IsIntegral() ? Mul(y, (long)alpha) : Mul(y, alpha);
        if (beta == 0) return y;
        var scaled = beta == 1 ? input : dt.IsIntegral() ? Mul(input, (long)beta) : Mul(input, beta);
        return Add(scaled, y);
    }
}

public partial class Tensor
{
    /// <summary>β·this + α·(mat1 @ mat2) (see <see cref="Torch.Addmm"/>).</summary>
    /// <param name="mat1">The left matrix.</param>
    /// <param name="mat2">The right matrix.</param>
    /// <param name="beta">The multiplier of this tensor (default 1).</param>
    /// <param name="alpha">The multiplier of the product (default 1).</param>
    /// <exception cref="ArgumentException">The operands' sizes do not fit a matrix product.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Tensor Addmm(Tensor mat1, Tensor mat2, double beta = 1, double alpha = 1) => Torch.Addmm(this, mat1, mat2, beta, alpha);

    /// <summary>In-place <c>this = β·this + α·(mat1 @ mat2)</c> (PyTorch's <c>x.addmm_(mat1, mat2)</c>); returns this tensor.</summary>
    /// <param name="mat1">The left matrix, [n, m].</param>
    /// <param name="mat2">The right matrix, [m, p].</param>
    /// <param name="beta">The multiplier of this tensor (default 1).</param>
    /// <param name="alpha">The multiplier of the product (default 1).</param>
    /// <exception cref="ArgumentException">This tensor is not [n, p], or see <see cref="Torch.Addmm"/>.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Addmm_(Tensor mat1, Tensor mat2, double beta = 1, double alpha = 1)
    {
        ArgumentNullException.ThrowIfNull(mat1);
        ArgumentNullException.ThrowIfNull(mat2);
        if (Dim != 2 || mat1.Dim < 1 || mat2.Dim < 2 || ShapeArray[0] != mat1.ShapeArray[0] || ShapeArray[1] != mat2.ShapeArray[^1])
            throw new ArgumentException($"addmm_: this tensor {Shape} must have the shape of the product of {mat1.Shape} and {mat2.Shape}", nameof(mat1));
        return InPlace("addmm_", t => Torch.Addmm(t, mat1, mat2, beta, alpha));
    }
}
