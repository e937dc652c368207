using System.Numerics.Tensors;
using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The vector p-norm over <paramref name="dims"/> (all dimensions when null or empty), PyTorch's
    /// <c>torch.norm(input, p, dim, keepdim)</c> / <c>torch.linalg.vector_norm</c>:
    /// p = 2 the Euclidean norm (its gradient at an all-zero slice is zero), p = 1 the sum of absolute values,
    /// p = ∞ (<see cref="double.PositiveInfinity"/>) the largest absolute value, p = −∞ the smallest,
    /// p = 0 the number of non-zero elements, any other p (sum |x|^p)^(1/p).
    /// </summary>
    /// <param name="input">A floating-point tensor.</param>
    /// <param name="p">The order of the norm (default 2).</param>
    /// <param name="dims">The dimensions to reduce; null for all.</param>
    /// <param name="keepdim">Keep reduced dimensions with size 1 (default false).</param>
    /// <remarks>Over an empty slice the norm is 0 for every p (±∞ included), as torch.norm's kernel gives.</remarks>
    /// <exception cref="ArgumentException">The input is not floating point, p is NaN, or a dimension is repeated.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public static Tensor Norm(Tensor input, double p = 2, int[]? dims = null, bool keepdim = false)
    {
        NotNull(input);
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"norm: expected a floating point input, got {input.DType.TorchName()}", nameof(input));
        if (double.IsNaN(p)) throw new ArgumentException("norm: the order p must not be NaN", nameof(p));
        if (input.DType.IsReducedFloat()) return Norm(input.To(DType.Float32), p, dims, keepdim).To(input.DType);
        var mask = ReductionPlan.ReducedMask(input, dims, "norm");
        var all = dims is null || dims.Length == 0 ? null : dims;
        // torch.norm gives 0 for every p over an empty slice (±∞ included, unlike linalg.vector_norm)
        if (input.Numel == 0) return input.Abs().Sum(all, keepdim);
        if (double.IsInfinity(p))
        {
            var a = input.Abs();
            return p > 0 ? a.Amax(all, keepdim) : a.Amin(all, keepdim);
        }
        if (p == 1) return input.Abs().Sum(all, keepdim);
        if (p == 0)
        {
            Tensor count;
            using (NoGrad()) count = Ne(input, Scalar(0.0, input.DType)).To(input.DType).Sum(all, keepdim);
            if (Graph.NeedsGrad(input)) Graph.Record(count, new NormZeroBackward(NormMath.KeepShape(input, mask), input.ShapeArray), input);
            return count;
        }

        Tensor yKeep;
        int[] keepShape, outShape;
        if (p == 2)
        {
            var plan = ReductionPlan.Create(input, mask);
            keepShape = plan.KeepShape;
            outShape = plan.OutShape;
            yKeep = input.DType == DType.Float32 ? Reduction.Run<SumSquaresReducer<float>, float>(plan)
                : input.DType == DType.Float64 ? Reduction.Run<SumSquaresReducer<double>, double>(plan)
                : throw Dispatch.Unsupported("norm", input.DType);
            yKeep.Sqrt_();
        }
        else
        {
            Tensor sum;
            using (NoGrad()) sum = NormMath.AbsPow(input, p).Sum(all, keepdim: true);
            yKeep = NormMath.AbsPow(sum, 1 / p);
            keepShape = yKeep.ShapeArray;
            outShape = NormMath.OutShape(input, mask);
        }
        var y = keepdim ? yKeep : yKeep.Detach().View(outShape);
        if (Graph.NeedsGrad(input)) Graph.Record(y, new NormBackward(input, yKeep.Detach(), keepShape, p), input);
        return y;
    }

    /// <summary>The vector p-norm over one dimension (see <see cref="Norm(Tensor, double, int[], bool)"/>).</summary>
    /// <param name="input">A floating-point tensor.</param>
    /// <param name="p">The order of the norm.</param>
    /// <param name="dim">The dimension to reduce.</param>
    /// <param name="keepdim">Keep it with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public static Tensor Norm(Tensor input, double p, int dim, bool keepdim = false) => Norm(input, p, [dim], keepdim);

    /// <summary>
    /// Backward of the 2-norm and the general p-norm: grad · sign(x)·|x|^(p−1) / y^(p−1) (x / y for p = 2),
    /// zero where the norm is zero.
    /// </summary>
    private sealed class NormBackward(Tensor x, Tensor yKeep, int[] keepShape, double p) : Node
    {
        private SavedTensor _x = new(x), _y = new(yKeep);

        public override string Name => "LinalgVectorNormBackward0";

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var xv = Unpack(_x);
            var yv = Unpack(_y);
            var g = grad.Reshape(keepShape);
            var isZero = Eq(yv, Scalar(0.0, yv.DType)).To(yv.DType);
            if (p == 2) return [xv * (g * (1.0 - isZero) / (yv + isZero))];
            Tensor num, den;
            using (NoGrad())
            {
                num = xv.Sign() * NormMath.AbsPow(xv, p - 1);
                den = NormMath.AbsPow(yv, p - 1) + isZero;
            }
            return [g * (1.0 - isZero) / den * num];
        }

        protected override void ReleaseSaved()
        {
            _x = default;
            _y = default;
        }
    }

    /// <summary>The 0-"norm" counts non-zeros: its gradient is zero everywhere.</summary>
    private sealed class NormZeroBackward(int[] keepShape, int[] inputShape) : Node
    {
        public override string Name => "LinalgVectorNormBackward0";

        protected internal override Tensor?[] Backward(Tensor grad) => [grad.Reshape(keepShape).Expand(inputShape) * 0.0];
    }
}

/// <summary>Non-differentiable helpers of the p-norm.</summary>
internal static class NormMath
{
    public static int[] KeepShape(Tensor x, bool[] mask)
    {
        var s = x.ShapeArray.ToArray();
        for (int d = 0; d < s.Length; d++) if (mask[d]) s[d] = 1;
        return s;
    }

    public static int[] OutShape(Tensor x, bool[] mask)
    {
        var s = new List<int>();
        for (int d = 0; d < x.Dim; d++) if (!mask[d]) s.Add(x.ShapeArray[d]);
        return s.ToArray();
    }

    /// <summary>|x|^q elementwise as a new contiguous tensor (not recorded).</summary>
    public static Tensor AbsPow(Tensor x, double q)
    {
        using (Torch.NoGrad()) return x.Detach().Abs().Pow_(q);
    }
}

public partial class Tensor
{
    /// <summary>The vector p-norm over <paramref name="dims"/> (see <see cref="Torch.Norm(Tensor, double, int[], bool)"/>).</summary>
    /// <param name="p">The order of the norm (default 2).</param>
    /// <param name="dims">The dimensions to reduce; null for all.</param>
    /// <param name="keepdim">Keep reduced dimensions with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Norm(double p = 2, int[]? dims = null, bool keepdim = false) => Torch.Norm(this, p, dims, keepdim);

    /// <summary>The vector p-norm over one dimension.</summary>
    /// <param name="p">The order of the norm.</param>
    /// <param name="dim">The dimension to reduce.</param>
    /// <param name="keepdim">Keep it with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Norm(double p, int dim, bool keepdim = false) => Torch.Norm(this, p, [dim], keepdim);
}
