namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// 1-D average pooling (PyTorch's <c>F.avg_pool1d</c>): the mean of each window of <paramref name="kernelSize"/>
    /// elements along the last dimension, the input implicitly padded with zeros. Input [N, C, L] or [C, L]; output
    /// [N, C, L_out] with L_out = ⌊(L + 2·padding − kernelSize)/stride⌋ + 1 (⌈…⌉ in ceil mode).
    /// </summary>
    /// <param name="input">A floating-point tensor [N, C, L] or [C, L] (N may be 0).</param>
    /// <param name="kernelSize">The window's length.</param>
    /// <param name="stride">The step between windows (default null: <paramref name="kernelSize"/>).</param>
    /// <param name="padding">The implicit zero padding on each side, at most half the kernel (default 0).</param>
    /// <param name="ceilMode">Round the output size up instead of down (default false).</param>
    /// <param name="countIncludePad">Count the padding in the divisor (default true).</param>
    /// <returns>The pooled tensor, of the input's dtype.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is not 2-D or 3-D or has an empty non-batch dimension, the padding is more than half the kernel, or the output would be empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The kernel size or stride is not positive, or the padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor AvgPool1d(Tensor input, int kernelSize, int? stride = null, int padding = 0, bool ceilMode = false, bool countIncludePad = true) =>
        AvgPoolNd(input, 1, (1, kernelSize), (1, stride ?? kernelSize), (0, padding), ceilMode, countIncludePad, null);
}
