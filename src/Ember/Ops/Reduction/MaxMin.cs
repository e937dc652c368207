using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

/// <summary>Shared forward code of max/min/amax/amin/argmax/argmin.</summary>
internal static class Extremes
{
    /// <summary>
    /// The dtype a max/min is computed in: bool as int64 and the 16-bit floats as float32 (the caller converts the
    /// values back, exactly: the extremes are elements of the input).
    /// </summary>
    public static Tensor Numeric(Tensor x) =>
        Torch.NotNull(x, "input").DType == DType.Bool ? x.Cast(DType.Int64) : x.DType.IsReducedFloat() ? x.Cast(DType.Float32) : x;

    /// <summary>Rejects a reduction over an empty dimension (max/min have no identity).</summary>
    public static void CheckNonEmpty(Tensor x, bool[] mask, string op)
    {
        for (int d = 0; d < x.Dim; d++)
            if (mask[d] && x.ShapeArray[d] == 0)
                throw new ArgumentException($"{op}(): Expected reduction dim {d} to have non-zero size (input shape {x.Shape})");
    }

    /// <summary>The extreme values over the plan (keepdim shape), NaN-propagating.</summary>
    public static Tensor Values(in ReductionPlan plan, DType dt, bool max) => (dt, max) switch
    {
        (DType.Float32, true) => Reduction.Run<MaxReducer<float>, float>(plan),
        (DType.Float64, true) => Reduction.Run<MaxReducer<double>, double>(plan),
        (DType.Int64, true) => Reduction.Run<MaxReducer<long>, long>(plan),
        (DType.Int32, true) => Reduction.Run<MaxReducer<int>, int>(plan),
        (DType.UInt8, true) => Reduction.Run<MaxReducer<byte>, byte>(plan),
        (DType.Float32, false) => Reduction.Run<MinReducer<float>, float>(plan),
        (DType.Float64, false) => Reduction.Run<MinReducer<double>, double>(plan),
        (DType.Int64, false) => Reduction.Run<MinReducer<long>, long>(plan),
        (DType.Int32, false) => Reduction.Run<MinReducer<int>, int>(plan),
        (DType.UInt8, false) => Reduction.Run<MinReducer<byte>, byte>(plan),
        _ => throw Dispatch.Unsupported(max ? "max" : "min", dt),
    };

    /// <summary>The first extreme and its index over the plan (keepdim shapes).</summary>
    public static (Tensor? Values, Tensor Indices) WithIndices(in ReductionPlan plan, DType dt, bool max, bool wantValues) => (dt, max) switch
    {
        (DType.Float32, true) => ArgReduction.Run<MaxExtreme<float>, float>(plan, wantValues),
        (DType.Float64, true) => ArgReduction.Run<MaxExtreme<double>, double>(plan, wantValues),
        (DType.Int64, true) => ArgReduction.Run<MaxExtreme<long>, long>(plan, wantValues),
        (DType.Int32, true) => ArgReduction.Run<MaxExtreme<int>, int>(plan, wantValues),
        (DType.UInt8, true) => ArgReduction.Run<MaxExtreme<byte>, byte>(plan, wantValues),
        (DType.Float32, false) => ArgReduction.Run<MinExtreme<float>, float>(plan, wantValues),
        (DType.Float64, false) => ArgReduction.Run<MinExtreme<double>, double>(plan, wantValues),
        (DType.Int64, false) => ArgReduction.Run<MinExtreme<long>, long>(plan, wantValues),
        (DType.Int32, false) => ArgReduction.Run<MinExtreme<int>, int>(plan, wantValues),
        (DType.UInt8, false) => ArgReduction.Run<MinExtreme<byte>, byte>(plan, wantValues),
        _ => throw Dispatch.Unsupported(max ? "argmax" : "argmin", dt),
    };

    /// <summary>amax/amin over <paramref name="dims"/>; <paramref name="evenNaN"/> selects max()'s backward (NaN results share the gradient among NaN inputs).</summary>
    public static Tensor Reduce(Tensor input, int[]? dims, bool keepdim, bool max, string op, bool evenNaN)
    {
        var x = Numeric(input);
        var mask = ReductionPlan.ReducedMask(x, dims, op);
        if (dims is null && x.Numel == 0)
            throw new ArgumentException($"{op}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument (input shape {x.Shape})");
        CheckNonEmpty(x, mask, op);
        var plan = ReductionPlan.Create(x, mask);
        var yKeep = Values(plan, x.DType, max);
        if (input.DType != x.DType) yKeep = yKeep.Cast(input.DType);
        var y = keepdim ? yKeep : yKeep.Detach().View(plan.OutShape);
        if (Graph.NeedsGrad(input))
        {
            var reduced = new List<int>();
            for (int d = 0; d < mask.Length; d++) if (mask[d]) reduced.Add(d);
            Graph.Record(y, new AmaxBackward(input, yKeep.Detach(), plan.KeepShape, reduced.ToArray(), evenNaN, max), input);
        }
        return y;
    }

    /// <summary>The values and first indices of the extreme over one dimension.</summary>
    public static (Tensor Values, Tensor Indices) ReduceDim(Tensor input, int dim, bool keepdim, bool max, string op)
    {
        var x = Numeric(input);
        var mask = ReductionPlan.ReducedMask(x, [dim], op);
        CheckNonEmpty(x, mask, op);
        var plan = ReductionPlan.Create(x, mask);
        var (vk, ik) = WithIndices(plan, x.DType, max, wantValues: true);
        var vKeep = vk!;
        if (input.DType != x.DType) vKeep = vKeep.Cast(input.DType);
        var values = keepdim ? vKeep : vKeep.Detach().View(plan.OutShape);
        var indices = keepdim ? ik : ik.View(plan.OutShape);
        if (Graph.NeedsGrad(input))
        {
            int d = Tensor.NormalizeDim(dim, x.Dim, op);
            Graph.Record(values, new MaxDimBackward(ik, input.ShapeArray, plan.KeepShape, d, max), input);
        }
        return (values, indices);
    }

    /// <summary>argmax/argmin: over one dimension, or over the flattened tensor when <paramref name="dim"/> is null.</summary>
    public static Tensor ArgIndex(Tensor input, int? dim, bool keepdim, bool max, string op)
    {
        // PyTorch has no argmax/argmin kernel for bool ("argmax_cpu" not implemented for 'Bool'; max/min take it),
        // but answers an empty input before reaching it
        if (Torch.NotNull(input, "input").DType == DType.Bool && input.Numel != 0) throw Dispatch.Unsupported(op, DType.Bool);
        var x = Numeric(input).Detach();
        if (dim is null)
        {
            if (x.Numel == 0)
                throw new ArgumentException($"{op}(): Expected reduction dim to be specified for input.numel() == 0 (input shape {x.Shape})");
            var flat = x.Reshape(-1);
            var fplan = ReductionPlan.Create(flat, [true]);
            var (_, fi) = WithIndices(fplan, flat.DType, max, wantValues: false);
            var ones = new int[x.Dim];
            Array.Fill(ones, 1);
            return fi.View(keepdim ? ones : []);
        }
        var mask = ReductionPlan.ReducedMask(x, [dim.Value], op);
        CheckNonEmpty(x, mask, op);
        var plan = ReductionPlan.Create(x, mask);
        var (_, ik) = WithIndices(plan, x.DType, max, wantValues: false);
        return keepdim ? ik : ik.View(plan.OutShape);
    }

    /// <summary>
    /// amax/amin (and full max/min) backward: the gradient is shared evenly among the elements equal to the result.
    /// </summary>
    private sealed class AmaxBackward(Tensor x, Tensor yKeep, int[] keepShape, int[] reduced, bool evenNaN, bool max) : Node
    {
        private SavedTensor _x = new(x), _y = new(yKeep);

        public override string Name => evenNaN ? (max ? "MaxBackward1" : "MinBackward1") : (max ? "AmaxBackward0" : "AminBackward0");

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var xv = Unpack(_x);
            var yv = Unpack(_y);
            var hit = Torch.Eq(xv, yv);
            if (evenNaN && yv.Numel == 1 && double.IsNaN(yv.Item<double>())) hit = Torch.Ne(xv, xv);
            var m = hit.To(grad.DType);
            var count = m.Sum(reduced, keepdim: true);
            return [grad.Reshape(keepShape) / count * m];
        }

        protected override void ReleaseSaved()
        {
            _x = default;
            _y = default;
        }
    }

    /// <summary>max(dim)/min(dim) backward: the gradient goes to the selected index of each slice.</summary>
    private sealed class MaxDimBackward(Tensor indicesKeep, int[] inputShape, int[] keepShape, int dim, bool max) : Node
    {
        private SavedTensor _idx = new(indicesKeep);

        public override string Name => max ? "MaxBackward0" : "MinBackward0";

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var idx = Unpack(_idx);
            var g = grad.Reshape(keepShape);
            if (inputShape.Length == 0) return [g];
            var pos = new int[inputShape.Length];
            Array.Fill(pos, 1);
            pos[dim] = inputShape[dim];
            var selected = Torch.Eq(Torch.Arange(inputShape[dim]).View(pos), idx).To(grad.DType);
            return [g * selected];
        }

        protected override void ReleaseSaved() => _idx = default;
    }
}

public static partial class Torch
{
    /// <summary>
    /// The largest element as a 0-d tensor (PyTorch's <c>torch.max(input)</c>). NaN propagates. The
    /// gradient is shared evenly among tied maxima.
    /// </summary>
    /// <param name="input">The tensor; must not be empty.</param>
    /// <exception cref="ArgumentException">The input is empty.</exception>
    public static Tensor Max(Tensor input) => Extremes.Reduce(input, null, false, max: true, "max", evenNaN: true);

    /// <summary>
    /// The largest element of each slice along <paramref name="dim"/> and its index (PyTorch's
    /// <c>torch.max(input, dim)</c>). Indices are int64, the first occurrence on ties; a NaN is the maximum
    /// (the first NaN's index). The gradient flows to the selected positions only.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <param name="dim">The dimension to reduce (negative counts from the end).</param>
    /// <param name="keepdim">Keep it with size 1 (default false).</param>
    /// <returns>The values (the input's dtype) and the int64 indices.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is out of range.</exception>
    /// <exception cref="ArgumentException">The dimension has size zero.</exception>
    public static (Tensor Values, Tensor Indices) Max(Tensor input, int dim, bool keepdim = false) =>
        Extremes.ReduceDim(input, dim, keepdim, max: true, "max");

    /// <summary>The smallest element as a 0-d tensor (PyTorch's <c>torch.min(input)</c>); see <see cref="Max(Tensor)"/>.</summary>
    /// <param name="input">The tensor; must not be empty.</param>
    /// <exception cref="ArgumentException">The input is empty.</exception>
    public static Tensor Min(Tensor input) => Extremes.Reduce(input, null, false, max: false, "min", evenNaN: true);

    /// <summary>
    /// The smallest element of each slice along <paramref name="dim"/> and its index (PyTorch's
    /// <c>torch.min(input, dim)</c>); see <see cref="Max(Tensor, int, bool)"/>.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <param name="dim">The dimension to reduce (negative counts from the end).</param>
    /// <param name="keepdim">Keep it with size 1 (default false).</param>
    /// <returns>The values (the input's dtype) and the int64 indices.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is out of range.</exception>
    /// <exception cref="ArgumentException">The dimension has size zero.</exception>
    public static (Tensor Values, Tensor Indices) Min(Tensor input, int dim, bool keepdim = false) =>
        Extremes.ReduceDim(input, dim, keepdim, max: false, "min");

    /// <summary>
    /// The maximum over <paramref name="dims"/> (all when null or empty), PyTorch's <c>torch.amax</c>.
    /// NaN propagates; the gradient is shared evenly among the elements equal to the maximum.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <param name="dims">The dimensions to reduce; null for all.</param>
    /// <param name="keepdim">Keep reduced dimensions with size 1 (default false).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="ArgumentException">A dimension is repeated or a reduced dimension has size zero.</exception>
    public static Tensor Amax(Tensor input, int[]? dims = null, bool keepdim = false) =>
        Extremes.Reduce(input, dims ?? [], keepdim, max: true, "amax", evenNaN: false);

    /// <summary>The maximum over one dimension (see <see cref="Amax(Tensor, int[], bool)"/>).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="dim">The dimension to reduce.</param>
    /// <param name="keepdim">Keep it with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The reduction runs over an empty dimension (or an empty tensor), which has no identity.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public static Tensor Amax(Tensor input, int dim, bool keepdim = false) => Amax(input, [dim], keepdim);

    /// <summary>
    /// The minimum over <paramref name="dims"/> (all when null or empty), PyTorch's <c>torch.amin</c>;
    /// see <see cref="Amax(Tensor, int[], bool)"/>.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <param name="dims">The dimensions to reduce; null for all.</param>
    /// <param name="keepdim">Keep reduced dimensions with size 1 (default false).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="ArgumentException">A dimension is repeated or a reduced dimension has size zero.</exception>
    public static Tensor Amin(Tensor input, int[]? dims = null, bool keepdim = false) =>
        Extremes.Reduce(input, dims ?? [], keepdim, max: false, "amin", evenNaN: false);

    /// <summary>The minimum over one dimension (see <see cref="Amin(Tensor, int[], bool)"/>).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="dim">The dimension to reduce.</param>
    /// <param name="keepdim">Keep it with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The reduction runs over an empty dimension (or an empty tensor), which has no identity.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public static Tensor Amin(Tensor input, int dim, bool keepdim = false) => Amin(input, [dim], keepdim);
}

public partial class Tensor
{
    /// <summary>The largest element as a 0-d tensor (see <see cref="Torch.Max(Tensor)"/>).</summary>
    /// <exception cref="ArgumentException">The reduction runs over an empty dimension (or an empty tensor), which has no identity.</exception>
    public Tensor Max() => Torch.Max(this);

    /// <summary>The largest element along <paramref name="dim"/> and its index (see <see cref="Torch.Max(Tensor, int, bool)"/>).</summary>
    /// <param name="dim">The dimension to reduce.</param>
    /// <param name="keepdim">Keep it with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The reduction runs over an empty dimension (or an empty tensor), which has no identity.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public (Tensor Values, Tensor Indices) Max(int dim, bool keepdim = false) => Torch.Max(this, dim, keepdim);

    /// <summary>The smallest element as a 0-d tensor (see <see cref="Torch.Min(Tensor)"/>).</summary>
    /// <exception cref="ArgumentException">The reduction runs over an empty dimension (or an empty tensor), which has no identity.</exception>
    public Tensor Min() => Torch.Min(this);

    /// <summary>The smallest element along <paramref name="dim"/> and its index (see <see cref="Torch.Min(Tensor, int, bool)"/>).</summary>
    /// <param name="dim">The dimension to reduce.</param>
    /// <param name="keepdim">Keep it with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The reduction runs over an empty dimension (or an empty tensor), which has no identity.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public (Tensor Values, Tensor Indices) Min(int dim, bool keepdim = false) => Torch.Min(this, dim, keepdim);

    /// <summary>The maximum over <paramref name="dims"/> (see <see cref="Torch.Amax(Tensor, int[], bool)"/>).</summary>
    /// <param name="dims">The dimensions to reduce; null for all.</param>
    /// <param name="keepdim">Keep reduced dimensions with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The reduction runs over an empty dimension (or an empty tensor), which has no identity.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Amax(int[]? dims = null, bool keepdim = false) => Torch.Amax(this, dims, keepdim);

    /// <summary>The maximum over one dimension.</summary>
    /// <param name="dim">The dimension to reduce.</param>
    /// <param name="keepdim">Keep it with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The reduction runs over an empty dimension (or an empty tensor), which has no identity.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Amax(int dim, bool keepdim = false) => Torch.Amax(this, [dim], keepdim);

    /// <summary>The minimum over <paramref name="dims"/> (see <see cref="Torch.Amin(Tensor, int[], bool)"/>).</summary>
    /// <param name="dims">The dimensions to reduce; null for all.</param>
    /// <param name="keepdim">Keep reduced dimensions with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The reduction runs over an empty dimension (or an empty tensor), which has no identity.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Amin(int[]? dims = null, bool keepdim = false) => Torch.Amin(this, dims, keepdim);

    /// <summary>The minimum over one dimension.</summary>
    /// <param name="dim">The dimension to reduce.</param>
    /// <param name="keepdim">Keep it with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The reduction runs over an empty dimension (or an empty tensor), which has no identity.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Amin(int dim, bool keepdim = false) => Torch.Amin(this, [dim], keepdim);
}
