namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// 2-D adaptive max pooling (PyTorch's <c>F.adaptive_max_pool2d</c>): the largest value of each of
    /// outputSize × outputSize bins, bin i of an axis covering [⌊i·in/out⌋, ⌈(i + 1)·in/out⌉). A NaN in a bin is its
    /// maximum. Input [N, C, H, W] or [C, H, W]; output [N, C, out, out].
    /// </summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W] (N may be 0).</param>
    /// <param name="outputSize">The output's height and width.</param>
    /// <returns>The pooled tensor, of the input's dtype.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The output size is not positive.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor AdaptiveMaxPool2d(Tensor input, int outputSize) => AdaptivePoolNd(input, 2, (outputSize, outputSize), true, "adaptive_max_pool2d").Output;

    /// <summary>2-D adaptive max pooling to (height, width); a null side keeps the input's size.</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W].</param>
    /// <param name="outputSize">The output's (height, width), either null for the input's.</param>
    /// <returns>The pooled tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An output size is not positive.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor AdaptiveMaxPool2d(Tensor input, (int?, int?) outputSize) => AdaptivePoolNd(input, 2, outputSize, true, "adaptive_max_pool2d").Output;

    /// <summary>2-D adaptive max pooling that also returns the int64 flat per-plane positions (h·W + w) of the maxima (PyTorch's <c>return_indices=True</c>).</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W].</param>
    /// <param name="outputSize">The output's height and width.</param>
    /// <returns>The pooled tensor and the indices.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The output size is not positive.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static (Tensor Output, Tensor Indices) AdaptiveMaxPool2dWithIndices(Tensor input, int outputSize) =>
        AdaptivePoolNd(input, 2, (outputSize, outputSize), true, "adaptive_max_pool2d", true);

    /// <summary>2-D adaptive max pooling to (height, width) that also returns the indices.</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W].</param>
    /// <param name="outputSize">The output's (height, width), either null for the input's.</param>
    /// <returns>The pooled tensor and the indices.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An output size is not positive.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static (Tensor Output, Tensor Indices) AdaptiveMaxPool2dWithIndices(Tensor input, (int?, int?) outputSize) =>
        AdaptivePoolNd(input, 2, outputSize, true, "adaptive_max_pool2d", true);
}
