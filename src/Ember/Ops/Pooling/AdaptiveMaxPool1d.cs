namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// 1-D adaptive max pooling (PyTorch's <c>F.adaptive_max_pool1d</c>): the largest value of each of
    /// <paramref name="outputSize"/> bins of the last dimension, bin i covering [⌊i·L/out⌋, ⌈(i + 1)·L/out⌉).
    /// Input [N, C, L] or [C, L]; output [N, C, outputSize].
    /// </summary>
    /// <param name="input">A floating-point tensor [N, C, L] or [C, L] (N may be 0).</param>
    /// <param name="outputSize">The output's length.</param>
    /// <returns>The pooled tensor, of the input's dtype.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is not 2-D or 3-D or has an empty non-batch dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The output size is not positive.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor AdaptiveMaxPool1d(Tensor input, int outputSize) => AdaptivePoolNd(input, 1, (1, outputSize), true, "adaptive_max_pool1d").Output;

    /// <summary>1-D adaptive max pooling that also returns the int64 positions of the maxima.</summary>
    /// <param name="input">A floating-point tensor [N, C, L] or [C, L].</param>
    /// <param name="outputSize">The output's length.</param>
    /// <returns>The pooled tensor and the indices.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is not 2-D or 3-D or has an empty non-batch dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The output size is not positive.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static (Tensor Output, Tensor Indices) AdaptiveMaxPool1dWithIndices(Tensor input, int outputSize) =>
        AdaptivePoolNd(input, 1, (1, outputSize), true, "adaptive_max_pool1d", true);
}
