using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The product of the elements over <paramref name="dims"/> (all dimensions when null or empty),
    /// PyTorch's <c>torch.prod</c>. Integer and bool inputs give int64; an empty product is 1.
    /// The gradient is exact with zeros: with one zero in a slice, the zero's gradient is the product of
    /// the others; with two or more, it is zero.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <param name="dims">The dimensions to reduce (negative counts from the end); null for all.</param>
    /// <param name="keepdim">Keep reduced dimensions with size 1 (default false).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="ArgumentException">A dimension is repeated.</exception>
    public static Tensor Prod(Tensor input, int[]? dims = null, bool keepdim = false)
    {
        NotNull(input);
        if (input.DType.IsReducedFloat()) return Prod(input.To(DType.Float32), dims, keepdim).To(input.DType);
        if (!input.DType.IsFloatingPoint()) input = input.Cast(DType.Int64);
        var mask = ReductionPlan.ReducedMask(input, dims, "prod");
        var plan = ReductionPlan.Create(input, mask);
        var yKeep = input.DType switch
        {
            DType.Float32 => Reduction.Run<ProdReducer<float>, float>(plan),
            DType.Float64 => Reduction.Run<ProdReducer<double>, double>(plan),
            DType.Int64 => Reduction.Run<ProdReducer<long>, long>(plan),
            _ => throw Dispatch.Unsupported("prod", input.DType),
        };
        var y = keepdim ? yKeep : yKeep.Detach().View(plan.OutShape);
        if (Graph.NeedsGrad(input))
        {
            var reduced = new List<int>();
            for (int d = 0; d < mask.Length; d++) if (mask[d]) reduced.Add(d);
            Graph.Record(y, new ProdBackward(input, yKeep.Detach(), plan.KeepShape, reduced.ToArray()), input);
        }
        return y;
    }

    /// <summary>The product over one dimension (see <see cref="Prod(Tensor, int[], bool)"/>).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="dim">The dimension to reduce.</param>
    /// <param name="keepdim">Keep it with size 1 (default false).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public static Tensor Prod(Tensor input, int dim, bool keepdim = false) => Prod(input, [dim], keepdim);

    private sealed class ProdBackward(Tensor x, Tensor yKeep, int[] keepShape, int[] reduced) : Node
    {
        private SavedTensor _x = new(x), _y = new(yKeep);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var xv = Unpack(_x);
            var yv = Unpack(_y);
            var g = grad.Reshape(keepShape);
            var zero = Torch.Scalar(0.0, xv.DType);
            var isZero = Torch.Eq(xv, zero).To(xv.DType);
            bool anyZero;
            using (Torch.NoGrad()) anyZero = isZero.Sum().Item<double>() > 0;
            if (!anyZero) return [g * yv / xv];

            // With zeros, y / x is useless: use the product of the non-zero elements and the zero count.
            Tensor others;
            using (Torch.NoGrad())
            {
                var xnz = xv.Detach() + isZero;                   // zeros replaced by ones
                var pnz = Prod(xnz, reduced, keepdim: true);      // product of the non-zero elements
                var count = isZero.Sum(reduced, keepdim: true);
                var none = Torch.Eq(count, zero).To(xv.DType);
                var one = Torch.Eq(count, Torch.Scalar(1.0, xv.DType)).To(xv.DType);
                others = none * pnz / xnz + one * isZero * pnz;
            }
            return [g * others];
        }

        protected override void ReleaseSaved()
        {
            _x = default;
            _y = default;
        }
    }
}

public partial class Tensor
{
    /// <summary>The product over <paramref name="dims"/> (see <see cref="Torch.Prod(Tensor, int[], bool)"/>).</summary>
    /// <param name="dims">The dimensions to reduce; null for all.</param>
    /// <param name="keepdim">Keep reduced dimensions with size 1 (default false).</param>
    /// <exception cref="ArgumentException">A dimension is repeated.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Prod(int[]? dims = null, bool keepdim = false) => Torch.Prod(this, dims, keepdim);

    /// <summary>The product over one dimension.</summary>
    /// <param name="dim">The dimension to reduce.</param>
    /// <param name="keepdim">Keep it with size 1 (default false).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Prod(int dim, bool keepdim = false) => Torch.Prod(this, [dim], keepdim);
}
