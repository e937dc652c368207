namespace Ember.NN;

/// <summary>
/// 1-D average pooling (PyTorch's <c>nn.AvgPool1d</c>): [N, C, L] or [C, L] → [N, C, L_out] with the mean of each
/// window (see <see cref="F.AvgPool1d"/>). No parameters.
/// </summary>
public sealed class AvgPool1d : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="kernelSize">The window's length.</param>
    /// <param name="stride">The step between windows (default null: <paramref name="kernelSize"/>).</param>
    /// <param name="padding">The implicit zero padding on each side, at most half the kernel (default 0).</param>
    /// <param name="ceilMode">Round the output size up instead of down (default false).</param>
    /// <param name="countIncludePad">Count the padding in the divisor (default true).</param>
    public AvgPool1d(int kernelSize, int? stride = null, int padding = 0, bool ceilMode = false, bool countIncludePad = true) =>
        (KernelSize, Stride, Padding, CeilMode, CountIncludePad) = (kernelSize, stride ?? kernelSize, padding, ceilMode, countIncludePad);

    /// <summary>The window's length.</summary>
    public int KernelSize { get; }

    /// <summary>The step between windows.</summary>
    public int Stride { get; }

    /// <summary>The implicit zero padding.</summary>
    public int Padding { get; }

    /// <summary>Whether the output size is rounded up.</summary>
    public bool CeilMode { get; }

    /// <summary>Whether the padding counts in the divisor.</summary>
    public bool CountIncludePad { get; }

    /// <summary>Pools the input.</summary>
    /// <param name="input">A floating-point tensor [N, C, L] or [C, L].</param>
    /// <returns>The pooled tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input has the wrong rank or an empty dimension, the padding is more than half the kernel, or the kernel is larger than the padded input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or the padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public override Tensor Forward(Tensor input) => F.AvgPool1d(input, KernelSize, Stride, Padding, CeilMode, CountIncludePad);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"kernel_size=({KernelSize},), stride=({Stride},), padding=({Padding},)";
}
