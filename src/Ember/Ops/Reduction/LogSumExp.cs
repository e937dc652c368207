using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// log(sum(exp(x))) over <paramref name="dims"/> (all dimensions when empty), PyTorch's
    /// <c>torch.logsumexp</c>, computed stably: the (detached) maximum is subtracted before exponentiating,
    /// so large inputs (e.g. 1000) give finite results; a slice that is all −∞ (or empty) gives −∞.
    /// Integer inputs are promoted to float32.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <param name="dims">The dimensions to reduce (negative counts from the end).</param>
    /// <param name="keepdim">Keep reduced dimensions with size 1 (default false).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="ArgumentException">A dimension is repeated.</exception>
    public static Tensor LogSumExp(Tensor input, int[] dims, bool keepdim = false)
    {
        NotNull(input);
        ArgumentNullException.ThrowIfNull(dims);
        if (!input.DType.IsFloatingPoint()) input = input.Cast(TypePromotion.DefaultDType);
        if (input.DType.IsReducedFloat()) return LogSumExp(input.To(DType.Float32), dims, keepdim).To(input.DType);
        var mask = ReductionPlan.ReducedMask(input, dims, "logsumexp");
        var plan = ReductionPlan.Create(input, mask);
        var keepShape = plan.KeepShape;
        var yKeep = input.DType == DType.Float32 ? FusedReductions.LogSumExp<float>(plan)
            : input.DType == DType.Float64 ? FusedReductions.LogSumExp<double>(plan)
            : throw Dispatch.Unsupported("logsumexp", input.DType);
        var y = keepdim ? yKeep : yKeep.Detach().View(plan.OutShape);
        if (Graph.NeedsGrad(input)) Graph.Record(y, new LogSumExpBackward(input, yKeep.Detach(), keepShape), input);
        return y;
    }

    /// <summary>log(sum(exp(x))) over one dimension (see <see cref="LogSumExp(Tensor, int[], bool)"/>).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="dim">The dimension to reduce.</param>
    /// <param name="keepdim">Keep it with size 1 (default false).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public static Tensor LogSumExp(Tensor input, int dim, bool keepdim = false) => LogSumExp(input, [dim], keepdim);

    /// <summary>grad · exp(x − y): the softmax of the reduced slices.</summary>
    private sealed class LogSumExpBackward(Tensor x, Tensor yKeep, int[] keepShape) : Node
    {
        private SavedTensor _x = new(x), _y = new(yKeep);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var xv = Unpack(_x);
            var yv = Unpack(_y);
            return [grad.Reshape(keepShape) * (xv - yv).Exp()];
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
    /// <summary>log(sum(exp(x))) over <paramref name="dims"/> (see <see cref="Torch.LogSumExp(Tensor, int[], bool)"/>).</summary>
    /// <param name="dims">The dimensions to reduce.</param>
    /// <param name="keepdim">Keep reduced dimensions with size 1 (default false).</param>
    /// <exception cref="ArgumentException">A dimension is repeated.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor LogSumExp(int[] dims, bool keepdim = false) => Torch.LogSumExp(this, dims, keepdim);

    /// <summary>log(sum(exp(x))) over one dimension.</summary>
    /// <param name="dim">The dimension to reduce.</param>
    /// <param name="keepdim">Keep it with size 1 (default false).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor LogSumExp(int dim, bool keepdim = false) => Torch.LogSumExp(this, [dim], keepdim);
}
