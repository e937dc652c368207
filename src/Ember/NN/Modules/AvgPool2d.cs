namespace Ember.NN;

/// <summary>
/// 2-D average pooling (PyTorch's <c>nn.AvgPool2d</c>): [N, C, H, W] or [C, H, W] → [N, C, H_out, W_out] with the mean
/// of each window (see <see cref="F.AvgPool2d(Tensor, int, int?, int, bool, bool, int?)"/>). No parameters.
/// </summary>
public sealed class AvgPool2d : Module<Tensor, Tensor>
{
    private readonly string _repr;

    /// <summary>Creates the layer with square windows.</summary>
    /// <param name="kernelSize">The window's height and width.</param>
    /// <param name="stride">The step between windows (default null: <paramref name="kernelSize"/>).</param>
    /// <param name="padding">The implicit zero padding on each side, at most half the kernel (default 0).</param>
    /// <param name="ceilMode">Round the output size up instead of down (default false).</param>
    /// <param name="countIncludePad">Count the padding in the divisor (default true).</param>
    /// <param name="divisorOverride">The divisor of every window instead of its size (default null).</param>
    public AvgPool2d(int kernelSize, int? stride = null, int padding = 0, bool ceilMode = false, bool countIncludePad = true, int? divisorOverride = null)
    {
        int s = stride ?? kernelSize;
        (KernelSize, Stride, Padding, CeilMode, CountIncludePad, DivisorOverride) =
            ((kernelSize, kernelSize), (s, s), (padding, padding), ceilMode, countIncludePad, divisorOverride);
        _repr = $"kernel_size={kernelSize}, stride={s}, padding={padding}";
    }

    /// <summary>Creates the layer with (height, width) pairs.</summary>
    /// <param name="kernelSize">The window's (height, width).</param>
    /// <param name="stride">The step between windows (default null: <paramref name="kernelSize"/>).</param>
    /// <param name="padding">The implicit zero padding (default null: 0).</param>
    /// <param name="ceilMode">Round the output size up instead of down (default false).</param>
    /// <param name="countIncludePad">Count the padding in the divisor (default true).</param>
    /// <param name="divisorOverride">The divisor of every window instead of its size (default null).</param>
    public AvgPool2d((int, int) kernelSize, (int, int)? stride = null, (int, int)? padding = null, bool ceilMode = false, bool countIncludePad = true,
        int? divisorOverride = null)
    {
        (KernelSize, Stride, Padding, CeilMode, CountIncludePad, DivisorOverride) =
            (kernelSize, stride ?? kernelSize, padding ?? (0, 0), ceilMode, countIncludePad, divisorOverride);
        _repr = $"kernel_size={PoolRepr.Pair(kernelSize)}, stride={PoolRepr.Pair(Stride)}, padding={(padding is { } p ? PoolRepr.Pair(p) : "0")}";
    }

    /// <summary>The window's (height, width).</summary>
    public (int H, int W) KernelSize { get; }

    /// <summary>The step between windows.</summary>
    public (int H, int W) Stride { get; }

    /// <summary>The implicit zero padding.</summary>
    public (int H, int W) Padding { get; }

    /// <summary>Whether the output size is rounded up.</summary>
    public bool CeilMode { get; }

    /// <summary>Whether the padding counts in the divisor.</summary>
    public bool CountIncludePad { get; }

    /// <summary>The divisor of every window, or null for its size.</summary>
    public int? DivisorOverride { get; }

    /// <summary>Pools the input.</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W].</param>
    /// <returns>The pooled tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input has the wrong rank or an empty dimension, the padding is more than half the kernel, the kernel is larger than the padded input, or the divisor override is 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or the padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public override Tensor Forward(Tensor input) => F.AvgPool2d(input, KernelSize, Stride, Padding, CeilMode, CountIncludePad, DivisorOverride);

    /// <inheritdoc/>
    protected override string ExtraRepr() => _repr;
}
