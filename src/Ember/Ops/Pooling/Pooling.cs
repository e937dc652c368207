using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

/// <summary>
/// What the pooling and resampling ops share: input validation ([N, C, *spatial] or unbatched [C, *spatial]), the
/// pooled size, and <see cref="PlaneMap"/>, a map between planes that is linear in its input (average pooling,
/// interpolation, max pooling's backward, max unpooling) whose backward is its adjoint, itself recorded, so gradients
/// of any order exist.
/// </summary>
internal static class Pooling
{
    /// <summary>The most window taps one axis's table may hold (a guard against unbounded tables).</summary>
    private const long MaxTaps = 1L << 26;

    /// <summary>
    /// Validates a pooling input of <paramref name="spatial"/> (1 or 2) spatial dimensions, batched or not, with
    /// every dimension but the batch non-empty and a floating-point dtype.
    /// </summary>
    /// <returns>P (the product of the leading dimensions), H (1 for 1-D) and W.</returns>
    public static (int P, int H, int W) Planes(Tensor input, int spatial, string op)
    {
        ArgumentNullException.ThrowIfNull(input);
        int d = input.Dim;
        if (d != spatial + 1 && d != spatial + 2)
            throw new ArgumentException(
                $"{op}: Expected {spatial + 1}D or {spatial + 2}D (batch mode) tensor with optional 0 dim batch size for input, but got input of shape {input.Shape}", nameof(input));
        for (int i = d == spatial + 2 ? 1 : 0; i < d; i++)
            if (input.Size(i) == 0)
                throw new ArgumentException(
                    $"{op}: Expected {spatial + 1}D or {spatial + 2}D (batch mode) tensor with optional 0 dim batch size for input, but got input of shape {input.Shape} (dimension {i} is empty)", nameof(input));
        if (!input.DType.IsFloatingPoint()) throw Dispatch.Unsupported(op, input.DType);
        int p = 1;
        for (int i = 0; i < d - spatial; i++) p *= input.Size(i);
        return (p, spatial == 2 ? input.Size(-2) : 1, input.Size(-1));
    }

    /// <summary>The input's leading dimensions followed by <paramref name="spatialOut"/>.</summary>
    public static int[] OutShape(Tensor input, int spatial, params int[] spatialOut)
    {
        var s = new int[input.Dim];
        for (int i = 0; i < input.Dim - spatial; i++) s[i] = input.Size(i);
        for (int i = 0; i < spatial; i++) s[input.Dim - spatial + i] = spatialOut[spatialOut.Length - spatial + i];
        return s;
    }

    /// <summary>Formats a 1-D value as itself and a 2-D one as (h, w).</summary>
    public static string Fmt(int spatial, long h, long w) => spatial == 1 ? $"{w}" : $"({h}, {w})";

    /// <summary>
    /// Checks the window parameters and returns the pooled size of one axis (PyTorch's <c>pooling_output_shape</c>):
    /// ⌊(in + 2·pad − dilation·(kernel − 1) − 1 [+ stride − 1 in ceil mode]) / stride⌋ + 1, less one in ceil mode when
    /// the last window would start past the input and the left padding.
    /// </summary>
    public static long OutputLength(long inLen, long kernel, long stride, long pad, long dilation, bool ceilMode)
    {
        long num = inLen + 2 * pad - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0);
        long o = (long)Math.Floor((double)num / stride) + 1;
        if (num >= 0) o = num / stride + 1;
        if (ceilMode && (o - 1) * stride >= inLen + pad) o--;
        return o;
    }

    /// <summary>
    /// Validates kernel, stride, padding and dilation of a <paramref name="spatial"/>-D max or average pooling of an
    /// H × W plane and returns the pooled size, with PyTorch's messages.
    /// </summary>
    public static (int OH, int OW) Pooled(Tensor input, int spatial, int h, int w, (int H, int W) k, (int H, int W) s, (int H, int W) p,
        (int H, int W) d, bool ceilMode, string op)
    {
        if (k.H <= 0 || k.W <= 0)
            throw new ArgumentOutOfRangeException("kernelSize", $"{op}: kernel size should be greater than zero, but got kernel_size={Fmt(spatial, k.H, k.W)}");
        if (s.H <= 0 || s.W <= 0)
            throw new ArgumentOutOfRangeException("stride", $"{op}: stride should be greater than zero, but got stride={Fmt(spatial, s.H, s.W)}");
        if (d.H <= 0 || d.W <= 0)
            throw new ArgumentOutOfRangeException("dilation", $"{op}: dilation should be greater than zero, but got dilation={Fmt(spatial, d.H, d.W)}");
        if (p.H < 0 || p.W < 0)
            throw new ArgumentOutOfRangeException("padding", $"{op}: pad must be non-negative, but got pad={Fmt(spatial, p.H, p.W)}");
        if (p.H > k.H / 2 || p.W > k.W / 2)
            throw new ArgumentException(
                $"{op}: pad should be at most half of kernel size, but got pad={Fmt(spatial, p.H, p.W)} and kernel_size={Fmt(spatial, k.H, k.W)}", "padding");
        long oh = OutputLength(h, k.H, s.H, p.H, d.H, ceilMode), ow = OutputLength(w, k.W, s.W, p.W, d.W, ceilMode);
        if (oh < 1 || ow < 1)
        {
            string c = input.Dim == spatial + 2 ? $"{input.Size(1)}x" : $"{input.Size(0)}x";
            string hi = spatial == 2 ? $"{h}x" : "", ho = spatial == 2 ? $"{oh}x" : "";
            throw new ArgumentException(
                $"{op}: Given input size: ({c}{hi}{w}). Calculated output size: ({c}{ho}{ow}). Output size is too small " +
                $"(input of shape {input.Shape}, kernel_size={Fmt(spatial, k.H, k.W)}, stride={Fmt(spatial, s.H, s.W)}, padding={Fmt(spatial, p.H, p.W)}, dilation={Fmt(spatial, d.H, d.W)})", nameof(input));
        }
        CheckTaps(oh, Math.Min(k.H, h), op);
        CheckTaps(ow, Math.Min(k.W, w), op);
        return ((int)oh, (int)ow);
    }

    /// <summary>Rejects window tables beyond <see cref="MaxTaps"/> (outputs × taps along one axis).</summary>
    public static void CheckTaps(long outputs, long taps, string op)
    {
        if (outputs * taps > MaxTaps)
            throw new ArgumentException($"{op}: {outputs} windows of {taps} taps along one dimension are more than the {MaxTaps} this implementation supports");
    }

    /// <summary>The element type the kernels compute <paramref name="dtype"/> in (float32 for the 16-bit floats).</summary>
    public static bool ComputesInDouble(DType dtype, string op) => FloatDispatch.ComputeType(dtype) switch
    {
        DType.Float32 => false,
        DType.Float64 => true,
        _ => throw Dispatch.Unsupported(op, dtype),
    };
}

/// <summary>
/// A map between [P, InPlane] and [P, OutPlane] planes that is linear in its input; <see cref="Run"/> applies it (or
/// its adjoint) and records a node whose backward runs the other direction, recorded in turn.
/// </summary>
internal abstract class PlaneMap(string name, int[] inShape, int[] outShape)
{
    /// <summary>PyTorch's name of the forward's backward node, e.g. <c>AvgPool2DBackward0</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The shape of the map's input.</summary>
    public int[] InShape { get; } = inShape;

    /// <summary>The shape of the map's output.</summary>
    public int[] OutShape { get; } = outShape;

    /// <summary>The map on a contiguous float32/float64 tensor of <see cref="InShape"/>'s size; returns <see cref="OutShape"/>.</summary>
    protected abstract Tensor Forward(Tensor x);

    /// <summary>The adjoint on a contiguous float32/float64 tensor of <see cref="OutShape"/>'s size; returns <see cref="InShape"/>.</summary>
    protected abstract Tensor Adjoint(Tensor g);

    /// <summary>Applies the map (or its adjoint) to <paramref name="input"/> (any layout, a floating dtype), recording autograd.</summary>
    public Tensor Run(Tensor input, bool adjoint)
    {
        var dt = input.DType;
        var x = FloatDispatch.Widen(input.Detach()).Contiguous();
        var y = adjoint ? Adjoint(x) : Forward(x);
        GC.KeepAlive(x);
        if (y.DType != dt) y = y.Cast(dt);
        if (Graph.NeedsGrad(input)) Graph.Record(y, new PlaneMapBackward(this, !adjoint), input);
        return y;
    }

    private sealed class PlaneMapBackward(PlaneMap map, bool adjoint) : Node
    {
        public override string Name => adjoint ? map.Name : map.Name.Replace("Backward0", "BackwardBackward0", StringComparison.Ordinal);

        protected internal override Tensor?[] Backward(Tensor grad) => [map.Run(grad, adjoint)];
    }
}

/// <summary>A weighted-window map (average pooling, adaptive average pooling, interpolation) over two axes.</summary>
internal sealed class WindowMap(string name, string op, int planes, PoolAxis ah, PoolAxis aw, double? divisorOverride, int[] inShape, int[] outShape)
    : PlaneMap(name, inShape, outShape)
{
    protected override Tensor Forward(Tensor x) => PoolKernels.Weighted(x, planes, ah, aw, divisorOverride, (int[])OutShape.Clone(), op);

    protected override Tensor Adjoint(Tensor g) => PoolKernels.WeightedAdjoint(g, planes, ah, aw, divisorOverride, (int[])InShape.Clone(), op);
}

/// <summary>
/// The scatter of values into planes at int64 positions (max pooling's backward; max unpooling when
/// <paramref name="set"/>), whose adjoint gathers.
/// </summary>
internal sealed class IndexMap(string name, string op, int planes, Tensor indices, int smallPlane, int bigPlane, bool set, int[] inShape, int[] outShape)
    : PlaneMap(name, inShape, outShape)
{
    private readonly Tensor _indices = indices.Contiguous();

    protected override Tensor Forward(Tensor x) => PoolKernels.Scatter(x, _indices, planes, smallPlane, bigPlane, set, (int[])OutShape.Clone(), op);

    protected override Tensor Adjoint(Tensor g) => PoolKernels.Gather(g, _indices, planes, bigPlane, smallPlane, (int[])InShape.Clone(), op);
}
