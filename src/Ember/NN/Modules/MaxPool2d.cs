namespace Ember.NN;

/// <summary>
/// 2-D max pooling (PyTorch's <c>nn.MaxPool2d</c>): [N, C, H, W] or [C, H, W] → [N, C, H_out, W_out] with the largest
/// value of each window (see <see cref="F.MaxPool2d(Tensor, int, int?, int, int, bool)"/>). No parameters.
/// <see cref="ForwardWithIndices"/> also returns the positions of the maxima (PyTorch's <c>return_indices=True</c>),
/// for <see cref="MaxUnpool2d"/>.
/// </summary>
public sealed class MaxPool2d : Module<Tensor, Tensor>
{
    private readonly string _repr;

    /// <summary>Creates the layer with square windows.</summary>
    /// <param name="kernelSize">The window's height and width.</param>
    /// <param name="stride">The step between windows (default null: <paramref name="kernelSize"/>).</param>
    /// <param name="padding">The implicit −inf padding on each side, at most half the kernel (default 0).</param>
    /// <param name="dilation">The step between a window's taps (default 1).</param>
    /// <param name="ceilMode">Round the output size up instead of down (default false).</param>
    public MaxPool2d(int kernelSize, int? stride = null, int padding = 0, int dilation = 1, bool ceilMode = false)
    {
        int s = stride ?? kernelSize;
        (KernelSize, Stride, Padding, Dilation, CeilMode) = ((kernelSize, kernelSize), (s, s), (padding, padding), (dilation, dilation), ceilMode);
        _repr = $"kernel_size={kernelSize}, stride={s}, padding={padding}, dilation={dilation}, ceil_mode={PyRepr.Bool(ceilMode)}";
    }

    /// <summary>Creates the layer with (height, width) pairs.</summary>
    /// <param name="kernelSize">The window's (height, width).</param>
    /// <param name="stride">The step between windows (default null: <paramref name="kernelSize"/>).</param>
    /// <param name="padding">The implicit −inf padding (default null: 0).</param>
    /// <param name="dilation">The step between taps (default null: 1).</param>
    /// <param name="ceilMode">Round the output size up instead of down (default false).</param>
    public MaxPool2d((int, int) kernelSize, (int, int)? stride = null, (int, int)? padding = null, (int, int)? dilation = null, bool ceilMode = false)
    {
        (KernelSize, Stride, Padding, Dilation, CeilMode) = (kernelSize, stride ?? kernelSize, padding ?? (0, 0), dilation ?? (1, 1), ceilMode);
        _repr = $"kernel_size={PoolRepr.Pair(kernelSize)}, stride={PoolRepr.Pair(Stride)}, padding={(padding is { } p ? PoolRepr.Pair(p) : "0")}, " +
                $"dilation={(dilation is { } d ? PoolRepr.Pair(d) : "1")}, ceil_mode={PyRepr.Bool(ceilMode)}";
    }

    /// <summary>The window's (height, width).</summary>
    public (int H, int W) KernelSize { get; }

    /// <summary>The step between windows.</summary>
    public (int H, int W) Stride { get; }

    /// <summary>The implicit −inf padding.</summary>
    public (int H, int W) Padding { get; }

    /// <summary>The step between a window's taps.</summary>
    public (int H, int W) Dilation { get; }

    /// <summary>Whether the output size is rounded up.</summary>
    public bool CeilMode { get; }

    /// <summary>Pools the input.</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W].</param>
    /// <returns>The pooled tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input has the wrong rank or an empty dimension, the padding is more than half the kernel, or the kernel is larger than the padded input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or the padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public override Tensor Forward(Tensor input) => F.MaxPool2d(input, KernelSize, Stride, Padding, Dilation, CeilMode);

    /// <summary>Pools the input and returns the int64 flat per-plane positions of the maxima too (not through hooks).</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W].</param>
    /// <returns>The pooled tensor and the indices.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input has the wrong rank or an empty dimension, the padding is more than half the kernel, or the kernel is larger than the padded input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or the padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public (Tensor Output, Tensor Indices) ForwardWithIndices(Tensor input) => F.MaxPool2dWithIndices(input, KernelSize, Stride, Padding, Dilation, CeilMode);

    /// <inheritdoc/>
    protected override string ExtraRepr() => _repr;
}

/// <summary>PyTorch's printing of pooling arguments.</summary>
internal static class PoolRepr
{
    /// <summary>A Python pair: <c>(2, 3)</c>.</summary>
    public static string Pair((int, int) v) => $"({v.Item1}, {v.Item2})";

    /// <summary>A Python pair of optional ints: <c>(None, 3)</c>.</summary>
    public static string Pair((int?, int?) v) => $"({v.Item1?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "None"}, {v.Item2?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "None"})";
}
