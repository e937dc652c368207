using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The sum of the elements over <paramref name="dims"/> (all dimensions when null or empty), PyTorch's
    /// <c>torch.sum</c>. Integer and bool inputs give int64.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <param name="dims">The dimensions to reduce (negative counts from the end); null for all.</param>
    /// <param name="keepdim">Keep reduced dimensions with size 1 (default false).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="ArgumentException">A dimension is repeated.</exception>
    public static Tensor Sum(Tensor input, int[]? dims = null, bool keepdim = false)
    {
        NotNull(input);
        // The 16-bit floats accumulate in float32 and round once, as PyTorch; integers and bools sum as int64.
        if (input.DType.IsReducedFloat()) return Sum(input.To(DType.Float32), dims, keepdim).To(input.DType);
        if (!input.DType.IsFloatingPoint()) input = input.Cast(DType.Int64);
        var mask = ReductionPlan.ReducedMask(input, dims, "sum");
        var plan = ReductionPlan.Create(input, mask);
        var y = input.DType switch
        {
            DType.Float32 => Reduction.Run<SumReducer<float>, float>(plan),
            DType.Float64 => Reduction.Run<SumReducer<double>, double>(plan),
            DType.Int64 => Reduction.Run<SumReducer<long>, long>(plan),
            _ => throw Dispatch.Unsupported("sum", input.DType),
        };
        if (!keepdim) y = y.Detach().View(plan.OutShape);
        if (Graph.NeedsGrad(input)) Graph.Record(y, new SumBackward(input.ShapeArray, plan.KeepShape), input);
        return y;
    }

    /// <summary>The sum over one dimension (see <see cref="Sum(Tensor, int[], bool)"/>).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="dim">The dimension to reduce.</param>
    /// <param name="keepdim">Keep it with size 1 (default false).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public static Tensor Sum(Tensor input, int dim, bool keepdim = false) => Sum(input, [dim], keepdim);

    private sealed class SumBackward(int[] inputShape, int[] keepShape) : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad) => [grad.Reshape(keepShape).Expand(inputShape)];
    }
}

public partial class Tensor
{
    /// <summary>The sum over <paramref name="dims"/> (see <see cref="Torch.Sum(Tensor, int[], bool)"/>).</summary>
    /// <param name="dims">The dimensions to reduce; null for all.</param>
    /// <param name="keepdim">Keep reduced dimensions with size 1 (default false).</param>
    /// <exception cref="ArgumentException">A dimension is repeated.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Sum(int[]? dims = null, bool keepdim = false) => Torch.Sum(this, dims, keepdim);

    /// <summary>The sum over one dimension.</summary>
    /// <param name="dim">The dimension to reduce.</param>
    /// <param name="keepdim">Keep it with size 1 (default false).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Sum(int dim, bool keepdim = false) => Torch.Sum(this, [dim], keepdim);

    /// <summary>
    /// Sums a broadcast gradient back down to <paramref name="shape"/>: over the leading dimensions it
    /// lacks and over its dimensions of size 1 (the inverse of broadcasting).
    /// </summary>
    internal Tensor SumToShape(int[] shape)
    {
        int lead = Dim - shape.Length;
        var dims = new List<int>();
        for (int d = 0; d < Dim; d++)
            if (d < lead || (shape[d - lead] == 1 && ShapeArray[d] != 1)) dims.Add(d);
        var r = dims.Count == 0 ? this : Sum(dims.ToArray(), keepdim: true);
        return r.Reshape(shape);
    }
}
