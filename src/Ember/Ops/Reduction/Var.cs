using System.Numerics.Tensors;
using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The variance over <paramref name="dims"/> (all dimensions when null or empty), PyTorch 2's
    /// <c>torch.var(input, dim, correction=..., keepdim=...)</c>: the sum of squared deviations from the mean
    /// divided by max(0, N − <paramref name="correction"/>), where N is the number of reduced elements
    /// (so N ≤ correction gives inf or NaN, as in PyTorch). Computed in two passes (mean, then squared
    /// deviations), which is accurate for data with a large mean.
    /// </summary>
    /// <param name="input">A floating-point tensor.</param>
    /// <param name="dims">The dimensions to reduce; null for all.</param>
    /// <param name="correction">The difference between N and the divisor: 1 (default) is Bessel's correction, 0 the population variance.</param>
    /// <param name="keepdim">Keep reduced dimensions with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The input is not floating point, or a dimension is repeated.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public static Tensor Var(Tensor input, int[]? dims = null, double correction = 1, bool keepdim = false) =>
        VarCore(input, dims, correction, keepdim, "var");

    /// <summary>The variance over one dimension (see <see cref="Var(Tensor, int[], double, bool)"/>).</summary>
    /// <param name="input">A floating-point tensor.</param>
    /// <param name="dim">The dimension to reduce.</param>
    /// <param name="correction">1 (default) for Bessel's correction, 0 for the population variance.</param>
    /// <param name="keepdim">Keep it with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public static Tensor Var(Tensor input, int dim, double correction = 1, bool keepdim = false) => Var(input, [dim], correction, keepdim);

    /// <summary>Var with a fused two-pass kernel (mean, then squared deviations) and its own backward.</summary>
    internal static Tensor VarCore(Tensor input, int[]? dims, double correction, bool keepdim, string op)
    {
        NotNull(input);
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"{op}: {op} only supports floating point dtypes, got {input.DType.TorchName()}", nameof(input));
        if (double.IsNaN(correction))
            throw new ArgumentException($"{op}: correction must be a number, got NaN", nameof(correction));
        if (input.DType.IsReducedFloat()) return VarCore(input.To(DType.Float32), dims, correction, keepdim, op).To(input.DType);
        var mask = ReductionPlan.ReducedMask(input, dims, op);
        var plan = ReductionPlan.Create(input, mask);
        double divisor = Math.Max(0.0, plan.Reduced - correction);
        var yKeep = input.DType == DType.Float32 ? FusedReductions.SumSquaredDeviations<float>(plan)
            : input.DType == DType.Float64 ? FusedReductions.SumSquaredDeviations<double>(plan)
            : throw Dispatch.Unsupported(op, input.DType);
        yKeep.Div_(divisor);
        var y = keepdim ? yKeep : yKeep.Detach().View(plan.OutShape);
        if (Graph.NeedsGrad(input))
        {
            var reduced = new List<int>();
            for (int d = 0; d < mask.Length; d++) if (mask[d]) reduced.Add(d);
            Graph.Record(y, new VarBackward(input, plan.KeepShape, reduced.ToArray(), 2.0 / divisor), input);
        }
        return y;
    }

    /// <summary>grad · 2 (x − mean) / (N − correction).</summary>
    private sealed class VarBackward(Tensor x, int[] keepShape, int[] reduced, double scale) : Node
    {
        private SavedTensor _x = new(x);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var xv = Unpack(_x);
            return [grad.Reshape(keepShape) * scale * (xv - xv.Mean(reduced, keepdim: true))];
        }

        protected override void ReleaseSaved() => _x = default;
    }
}

public partial class Tensor
{
    /// <summary>The variance over <paramref name="dims"/> (see <see cref="Torch.Var(Tensor, int[], double, bool)"/>).</summary>
    /// <param name="dims">The dimensions to reduce; null for all.</param>
    /// <param name="correction">1 (default) for Bessel's correction, 0 for the population variance.</param>
    /// <param name="keepdim">Keep reduced dimensions with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Var(int[]? dims = null, double correction = 1, bool keepdim = false) => Torch.Var(this, dims, correction, keepdim);

    /// <summary>The variance over one dimension.</summary>
    /// <param name="dim">The dimension to reduce.</param>
    /// <param name="correction">1 (default) for Bessel's correction, 0 for the population variance.</param>
    /// <param name="keepdim">Keep it with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Var(int dim, double correction = 1, bool keepdim = false) => Torch.Var(this, [dim], correction, keepdim);
}
