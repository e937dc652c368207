namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// 1-D max pooling (PyTorch's <c>F.max_pool1d</c>): the largest value of each window of <paramref name="kernelSize"/>
    /// taps along the last dimension. Input [N, C, L] or [C, L]; output [N, C, L_out] with
    /// L_out = ⌊(L + 2·padding − dilation·(kernelSize − 1) − 1)/stride⌋ + 1 (⌈…⌉ in ceil mode). A NaN in a window is its maximum.
    /// </summary>
    /// <param name="input">A floating-point tensor [N, C, L] or [C, L] (N may be 0).</param>
    /// <param name="kernelSize">The window's length.</param>
    /// <param name="stride">The step between windows (default null: <paramref name="kernelSize"/>).</param>
    /// <param name="padding">The implicit −inf padding on each side, at most half the kernel (default 0).</param>
    /// <param name="dilation">The step between a window's taps (default 1).</param>
    /// <param name="ceilMode">Round the output size up instead of down (default false).</param>
    /// <returns>The pooled tensor, of the input's dtype.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is not 2-D or 3-D or has an empty non-batch dimension, the padding is more than half the kernel, or the output would be empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The kernel size, stride or dilation is not positive, or the padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor MaxPool1d(Tensor input, int kernelSize, int? stride = null, int padding = 0, int dilation = 1, bool ceilMode = false) =>
        MaxPoolNd(input, 1, (1, kernelSize), (1, stride ?? kernelSize), (0, padding), (1, dilation), ceilMode, false).Output;

    /// <summary>
    /// 1-D max pooling that also returns the int64 positions of the maxima along the last dimension (PyTorch's
    /// <c>F.max_pool1d(..., return_indices=True)</c>).
    /// </summary>
    /// <param name="input">A floating-point tensor [N, C, L] or [C, L].</param>
    /// <param name="kernelSize">The window's length.</param>
    /// <param name="stride">The step between windows (default null: <paramref name="kernelSize"/>).</param>
    /// <param name="padding">The implicit −inf padding on each side, at most half the kernel (default 0).</param>
    /// <param name="dilation">The step between a window's taps (default 1).</param>
    /// <param name="ceilMode">Round the output size up instead of down (default false).</param>
    /// <returns>The pooled tensor and the int64 indices, both [N, C, L_out] (or [C, L_out]).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is not 2-D or 3-D or has an empty non-batch dimension, the padding is more than half the kernel, or the output would be empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The kernel size, stride or dilation is not positive, or the padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static (Tensor Output, Tensor Indices) MaxPool1dWithIndices(Tensor input, int kernelSize, int? stride = null, int padding = 0, int dilation = 1, bool ceilMode = false) =>
        MaxPoolNd(input, 1, (1, kernelSize), (1, stride ?? kernelSize), (0, padding), (1, dilation), ceilMode, true);
}
