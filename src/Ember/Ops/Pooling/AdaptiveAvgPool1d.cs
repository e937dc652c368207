namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// 1-D adaptive average pooling (PyTorch's <c>F.adaptive_avg_pool1d</c>): splits the last dimension into
    /// <paramref name="outputSize"/> bins, bin i covering [⌊i·L/out⌋, ⌈(i + 1)·L/out⌉), and averages each.
    /// Input [N, C, L] or [C, L]; output [N, C, outputSize].
    /// </summary>
    /// <param name="input">A floating-point tensor [N, C, L] or [C, L] (N may be 0).</param>
    /// <param name="outputSize">The output's length.</param>
    /// <returns>The pooled tensor, of the input's dtype.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is not 2-D or 3-D or has an empty non-batch dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The output size is not positive.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor AdaptiveAvgPool1d(Tensor input, int outputSize) => AdaptivePoolNd(input, 1, (1, outputSize), false, "adaptive_avg_pool1d").Output;
}
