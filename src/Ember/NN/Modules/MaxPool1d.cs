namespace Ember.NN;

/// <summary>
/// 1-D max pooling (PyTorch's <c>nn.MaxPool1d</c>): [N, C, L] or [C, L] → [N, C, L_out] with the largest value of each
/// window (see <see cref="F.MaxPool1d"/>). No parameters. <see cref="ForwardWithIndices"/> also returns the positions.
/// </summary>
public sealed class MaxPool1d : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="kernelSize">The window's length.</param>
    /// <param name="stride">The step between windows (default null: <paramref name="kernelSize"/>).</param>
    /// <param name="padding">The implicit −inf padding on each side, at most half the kernel (default 0).</param>
    /// <param name="dilation">The step between a window's taps (default 1).</param>
    /// <param name="ceilMode">Round the output size up instead of down (default false).</param>
    public MaxPool1d(int kernelSize, int? stride = null, int padding = 0, int dilation = 1, bool ceilMode = false) =>
        (KernelSize, Stride, Padding, Dilation, CeilMode) = (kernelSize, stride ?? kernelSize, padding, dilation, ceilMode);

    /// <summary>The window's length.</summary>
    public int KernelSize { get; }

    /// <summary>The step between windows.</summary>
    public int Stride { get; }

    /// <summary>The implicit −inf padding.</summary>
    public int Padding { get; }

    /// <summary>The step between a window's taps.</summary>
    public int Dilation { get; }

    /// <summary>Whether the output size is rounded up.</summary>
    public bool CeilMode { get; }

    /// <summary>Pools the input.</summary>
    /// <param name="input">A floating-point tensor [N, C, L] or [C, L].</param>
    /// <returns>The pooled tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input has the wrong rank or an empty dimension, the padding is more than half the kernel, or the kernel is larger than the padded input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or the padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public override Tensor Forward(Tensor input) => F.MaxPool1d(input, KernelSize, Stride, Padding, Dilation, CeilMode);

    /// <summary>Pools the input and returns the int64 positions of the maxima too (not through hooks).</summary>
    /// <param name="input">A floating-point tensor [N, C, L] or [C, L].</param>
    /// <returns>The pooled tensor and the indices.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input has the wrong rank or an empty dimension, the padding is more than half the kernel, or the kernel is larger than the padded input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or the padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public (Tensor Output, Tensor Indices) ForwardWithIndices(Tensor input) => F.MaxPool1dWithIndices(input, KernelSize, Stride, Padding, Dilation, CeilMode);

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        $"kernel_size={KernelSize}, stride={Stride}, padding={Padding}, dilation={Dilation}, ceil_mode={PyRepr.Bool(CeilMode)}";
}
