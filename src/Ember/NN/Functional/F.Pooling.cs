namespace Ember.NN;

public static partial class F
{
    /// <summary>1-D max pooling (PyTorch's <c>F.max_pool1d</c>); see <see cref="Torch.MaxPool1d"/>.</summary>
    /// <param name="input">A floating-point tensor [N, C, L] or [C, L] (N may be 0).</param>
    /// <param name="kernelSize">The window's size.</param>
    /// <param name="stride">The step between windows (default null: the kernel size).</param>
    /// <param name="padding">The implicit padding on each side, at most half the kernel (default 0).</param>
    /// <param name="dilation">The step between a window's taps (default 1).</param>
    /// <param name="ceilMode">Round the output size up instead of down (default false).</param>
    /// <returns>The pooled tensor, of the input's dtype.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not 2-D or 3-D or has an empty non-batch dimension, the padding is more than half the kernel, or the output would be empty (the kernel is larger than the padded input).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A kernel size, stride or dilation is not positive, or a padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor MaxPool1d(Tensor input, int kernelSize, int? stride = null, int padding = 0, int dilation = 1, bool ceilMode = false) =>
        Torch.MaxPool1d(input, kernelSize, stride, padding, dilation, ceilMode);

    /// <summary>1-D max pooling returning the indices too (PyTorch's <c>F.max_pool1d(..., return_indices=True)</c>); see <see cref="Torch.MaxPool1dWithIndices"/>.</summary>
    /// <param name="input">A floating-point tensor [N, C, L] or [C, L] (N may be 0).</param>
    /// <param name="kernelSize">The window's size.</param>
    /// <param name="stride">The step between windows (default null: the kernel size).</param>
    /// <param name="padding">The implicit padding on each side, at most half the kernel (default 0).</param>
    /// <param name="dilation">The step between a window's taps (default 1).</param>
    /// <param name="ceilMode">Round the output size up instead of down (default false).</param>
    /// <returns>The pooled tensor and the int64 flat per-plane indices of the maxima.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not 2-D or 3-D or has an empty non-batch dimension, the padding is more than half the kernel, or the output would be empty (the kernel is larger than the padded input).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A kernel size, stride or dilation is not positive, or a padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static (Tensor Output, Tensor Indices) MaxPool1dWithIndices(Tensor input, int kernelSize, int? stride = null, int padding = 0, int dilation = 1, bool ceilMode = false) =>
        Torch.MaxPool1dWithIndices(input, kernelSize, stride, padding, dilation, ceilMode);

    /// <summary>2-D max pooling (PyTorch's <c>F.max_pool2d</c>); see <see cref="Torch.MaxPool2d(Tensor, int, int?, int, int, bool)"/>.</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W] (N may be 0).</param>
    /// <param name="kernelSize">The window's size.</param>
    /// <param name="stride">The step between windows (default null: the kernel size).</param>
    /// <param name="padding">The implicit padding on each side, at most half the kernel (default 0).</param>
    /// <param name="dilation">The step between a window's taps (default 1).</param>
    /// <param name="ceilMode">Round the output size up instead of down (default false).</param>
    /// <returns>The pooled tensor, of the input's dtype.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension, the padding is more than half the kernel, or the output would be empty (the kernel is larger than the padded input).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A kernel size, stride or dilation is not positive, or a padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor MaxPool2d(Tensor input, int kernelSize, int? stride = null, int padding = 0, int dilation = 1, bool ceilMode = false) =>
        Torch.MaxPool2d(input, kernelSize, stride, padding, dilation, ceilMode);

    /// <summary>2-D max pooling with (height, width) pairs (PyTorch's <c>F.max_pool2d</c>).</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W] (N may be 0).</param>
    /// <param name="kernelSize">The window's (height, width).</param>
    /// <param name="stride">The step between windows (default null: the kernel size).</param>
    /// <param name="padding">The implicit padding (default null: (0, 0)).</param>
    /// <param name="dilation">The step between taps (default null: (1, 1)).</param>
    /// <param name="ceilMode">Round the output size up instead of down (default false).</param>
    /// <returns>The pooled tensor, of the input's dtype.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension, the padding is more than half the kernel, or the output would be empty (the kernel is larger than the padded input).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A kernel size, stride or dilation is not positive, or a padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor MaxPool2d(Tensor input, (int, int) kernelSize, (int, int)? stride = null, (int, int)? padding = null, (int, int)? dilation = null, bool ceilMode = false) =>
        Torch.MaxPool2d(input, kernelSize, stride, padding, dilation, ceilMode);

    /// <summary>2-D max pooling returning the indices too (PyTorch's <c>F.max_pool2d(..., return_indices=True)</c>).</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W] (N may be 0).</param>
    /// <param name="kernelSize">The window's size.</param>
    /// <param name="stride">The step between windows (default null: the kernel size).</param>
    /// <param name="padding">The implicit padding on each side, at most half the kernel (default 0).</param>
    /// <param name="dilation">The step between a window's taps (default 1).</param>
    /// <param name="ceilMode">Round the output size up instead of down (default false).</param>
    /// <returns>The pooled tensor and the int64 flat per-plane indices of the maxima.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension, the padding is more than half the kernel, or the output would be empty (the kernel is larger than the padded input).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A kernel size, stride or dilation is not positive, or a padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static (Tensor Output, Tensor Indices) MaxPool2dWithIndices(Tensor input, int kernelSize, int? stride = null, int padding = 0, int dilation = 1, bool ceilMode = false) =>
        Torch.MaxPool2dWithIndices(input, kernelSize, stride, padding, dilation, ceilMode);

    /// <summary>2-D max pooling with (height, width) pairs, returning the indices too.</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W] (N may be 0).</param>
    /// <param name="kernelSize">The window's (height, width).</param>
    /// <param name="stride">The step between windows (default null: the kernel size).</param>
    /// <param name="padding">The implicit padding (default null: (0, 0)).</param>
    /// <param name="dilation">The step between taps (default null: (1, 1)).</param>
    /// <param name="ceilMode">Round the output size up instead of down (default false).</param>
    /// <returns>The pooled tensor and the int64 flat per-plane indices of the maxima.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension, the padding is more than half the kernel, or the output would be empty (the kernel is larger than the padded input).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A kernel size, stride or dilation is not positive, or a padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static (Tensor Output, Tensor Indices) MaxPool2dWithIndices(Tensor input, (int, int) kernelSize, (int, int)? stride = null, (int, int)? padding = null, (int, int)? dilation = null, bool ceilMode = false) =>
        Torch.MaxPool2dWithIndices(input, kernelSize, stride, padding, dilation, ceilMode);

    /// <summary>The partial inverse of max pooling (PyTorch's <c>F.max_unpool2d</c>); see <see cref="Torch.MaxUnpool2d(Tensor, Tensor, int, int?, int, int[])"/>.</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W] (N may be 0).</param>
    /// <param name="indices">The int64 positions returned by max pooling, of the input's shape.</param>
    /// <param name="kernelSize">The window's size.</param>
    /// <param name="stride">The step between windows (default null: the kernel size).</param>
    /// <param name="padding">The pooling's padding (default 0).</param>
    /// <param name="outputSize">The unpooled size, [H_out, W_out] or [N, C, H_out, W_out] (default null: (H − 1)·stride − 2·padding + kernel).</param>
    /// <returns>The unpooled tensor.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension, the indices are not int64 or not of the input's shape, the output size is out of range, or an index is outside the output plane.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The kernel size or stride is not positive, or the padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor MaxUnpool2d(Tensor input, Tensor indices, int kernelSize, int? stride = null, int padding = 0, int[]? outputSize = null) =>
        Torch.MaxUnpool2d(input, indices, kernelSize, stride, padding, outputSize);

    /// <summary>Max unpooling with (height, width) pairs (PyTorch's <c>F.max_unpool2d</c>).</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W] (N may be 0).</param>
    /// <param name="indices">The int64 positions returned by max pooling, of the input's shape.</param>
    /// <param name="kernelSize">The window's (height, width).</param>
    /// <param name="stride">The step between windows (default null: the kernel size).</param>
    /// <param name="padding">The implicit padding (default null: (0, 0)).</param>
    /// <param name="outputSize">The unpooled size, [H_out, W_out] or [N, C, H_out, W_out] (default null: (H − 1)·stride − 2·padding + kernel).</param>
    /// <returns>The unpooled tensor.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension, the indices are not int64 or not of the input's shape, the output size is out of range, or an index is outside the output plane.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The kernel size or stride is not positive, or the padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor MaxUnpool2d(Tensor input, Tensor indices, (int, int) kernelSize, (int, int)? stride = null, (int, int)? padding = null, int[]? outputSize = null) =>
        Torch.MaxUnpool2d(input, indices, kernelSize, stride, padding, outputSize);

    /// <summary>1-D average pooling (PyTorch's <c>F.avg_pool1d</c>); see <see cref="Torch.AvgPool1d"/>.</summary>
    /// <param name="input">A floating-point tensor [N, C, L] or [C, L] (N may be 0).</param>
    /// <param name="kernelSize">The window's size.</param>
    /// <param name="stride">The step between windows (default null: the kernel size).</param>
    /// <param name="padding">The implicit padding on each side, at most half the kernel (default 0).</param>
    /// <param name="ceilMode">Round the output size up instead of down (default false).</param>
    /// <param name="countIncludePad">Count the padding in the divisor (default true).</param>
    /// <returns>The pooled tensor, of the input's dtype.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not 2-D or 3-D or has an empty non-batch dimension, the padding is more than half the kernel, or the output would be empty (the kernel is larger than the padded input).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A kernel size, stride or dilation is not positive, or a padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor AvgPool1d(Tensor input, int kernelSize, int? stride = null, int padding = 0, bool ceilMode = false, bool countIncludePad = true) =>
        Torch.AvgPool1d(input, kernelSize, stride, padding, ceilMode, countIncludePad);

    /// <summary>2-D average pooling (PyTorch's <c>F.avg_pool2d</c>); see <see cref="Torch.AvgPool2d(Tensor, int, int?, int, bool, bool, int?)"/>.</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W] (N may be 0).</param>
    /// <param name="kernelSize">The window's size.</param>
    /// <param name="stride">The step between windows (default null: the kernel size).</param>
    /// <param name="padding">The implicit padding on each side, at most half the kernel (default 0).</param>
    /// <param name="ceilMode">Round the output size up instead of down (default false).</param>
    /// <param name="countIncludePad">Count the padding in the divisor (default true).</param>
    /// <param name="divisorOverride">The divisor of every window instead of its size (default null).</param>
    /// <returns>The pooled tensor, of the input's dtype.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension, the padding is more than half the kernel, or the output would be empty (the kernel is larger than the padded input), or the divisor override is 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A kernel size, stride or dilation is not positive, or a padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor AvgPool2d(Tensor input, int kernelSize, int? stride = null, int padding = 0, bool ceilMode = false, bool countIncludePad = true, int? divisorOverride = null) =>
        Torch.AvgPool2d(input, kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride);

    /// <summary>2-D average pooling with (height, width) pairs (PyTorch's <c>F.avg_pool2d</c>).</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W] (N may be 0).</param>
    /// <param name="kernelSize">The window's (height, width).</param>
    /// <param name="stride">The step between windows (default null: the kernel size).</param>
    /// <param name="padding">The implicit padding (default null: (0, 0)).</param>
    /// <param name="ceilMode">Round the output size up instead of down (default false).</param>
    /// <param name="countIncludePad">Count the padding in the divisor (default true).</param>
    /// <param name="divisorOverride">The divisor of every window instead of its size (default null).</param>
    /// <returns>The pooled tensor, of the input's dtype.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension, the padding is more than half the kernel, or the output would be empty (the kernel is larger than the padded input), or the divisor override is 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A kernel size, stride or dilation is not positive, or a padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor AvgPool2d(Tensor input, (int, int) kernelSize, (int, int)? stride = null, (int, int)? padding = null, bool ceilMode = false, bool countIncludePad = true, int? divisorOverride = null) =>
        Torch.AvgPool2d(input, kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride);

    /// <summary>1-D adaptive average pooling (PyTorch's <c>F.adaptive_avg_pool1d</c>); see <see cref="Torch.AdaptiveAvgPool1d"/>.</summary>
    /// <param name="input">A floating-point tensor [N, C, L] or [C, L] (N may be 0).</param>
    /// <param name="outputSize">The output's length.</param>
    /// <returns>The pooled tensor, of the input's dtype.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not 2-D or 3-D or has an empty non-batch dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An output size is not positive.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor AdaptiveAvgPool1d(Tensor input, int outputSize) =>
        Torch.AdaptiveAvgPool1d(input, outputSize);

    /// <summary>2-D adaptive average pooling (PyTorch's <c>F.adaptive_avg_pool2d</c>); see <see cref="Torch.AdaptiveAvgPool2d(Tensor, int)"/>.</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W] (N may be 0).</param>
    /// <param name="outputSize">The output's height and width.</param>
    /// <returns>The pooled tensor, of the input's dtype.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An output size is not positive.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor AdaptiveAvgPool2d(Tensor input, int outputSize) =>
        Torch.AdaptiveAvgPool2d(input, outputSize);

    /// <summary>2-D adaptive average pooling to (height, width) (PyTorch's <c>F.adaptive_avg_pool2d</c>).</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W] (N may be 0).</param>
    /// <param name="outputSize">The output's (height, width); a null side keeps the input's size (PyTorch's None).</param>
    /// <returns>The pooled tensor, of the input's dtype.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An output size is not positive.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor AdaptiveAvgPool2d(Tensor input, (int?, int?) outputSize) =>
        Torch.AdaptiveAvgPool2d(input, outputSize);

    /// <summary>1-D adaptive max pooling (PyTorch's <c>F.adaptive_max_pool1d</c>); see <see cref="Torch.AdaptiveMaxPool1d"/>.</summary>
    /// <param name="input">A floating-point tensor [N, C, L] or [C, L] (N may be 0).</param>
    /// <param name="outputSize">The output's length.</param>
    /// <returns>The pooled tensor, of the input's dtype.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not 2-D or 3-D or has an empty non-batch dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An output size is not positive.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor AdaptiveMaxPool1d(Tensor input, int outputSize) =>
        Torch.AdaptiveMaxPool1d(input, outputSize);

    /// <summary>1-D adaptive max pooling returning the indices too (PyTorch's <c>return_indices=True</c>).</summary>
    /// <param name="input">A floating-point tensor [N, C, L] or [C, L] (N may be 0).</param>
    /// <param name="outputSize">The output's length.</param>
    /// <returns>The pooled tensor and the int64 flat per-plane indices of the maxima.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not 2-D or 3-D or has an empty non-batch dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An output size is not positive.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static (Tensor Output, Tensor Indices) AdaptiveMaxPool1dWithIndices(Tensor input, int outputSize) =>
        Torch.AdaptiveMaxPool1dWithIndices(input, outputSize);

    /// <summary>2-D adaptive max pooling (PyTorch's <c>F.adaptive_max_pool2d</c>); see <see cref="Torch.AdaptiveMaxPool2d(Tensor, int)"/>.</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W] (N may be 0).</param>
    /// <param name="outputSize">The output's height and width.</param>
    /// <returns>The pooled tensor, of the input's dtype.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An output size is not positive.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor AdaptiveMaxPool2d(Tensor input, int outputSize) =>
        Torch.AdaptiveMaxPool2d(input, outputSize);

    /// <summary>2-D adaptive max pooling to (height, width) (PyTorch's <c>F.adaptive_max_pool2d</c>).</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W] (N may be 0).</param>
    /// <param name="outputSize">The output's (height, width); a null side keeps the input's size (PyTorch's None).</param>
    /// <returns>The pooled tensor, of the input's dtype.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An output size is not positive.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor AdaptiveMaxPool2d(Tensor input, (int?, int?) outputSize) =>
        Torch.AdaptiveMaxPool2d(input, outputSize);

    /// <summary>2-D adaptive max pooling returning the indices too (PyTorch's <c>return_indices=True</c>).</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W] (N may be 0).</param>
    /// <param name="outputSize">The output's height and width.</param>
    /// <returns>The pooled tensor and the int64 flat per-plane indices of the maxima.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An output size is not positive.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static (Tensor Output, Tensor Indices) AdaptiveMaxPool2dWithIndices(Tensor input, int outputSize) =>
        Torch.AdaptiveMaxPool2dWithIndices(input, outputSize);

    /// <summary>2-D adaptive max pooling to (height, width), returning the indices too.</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W] (N may be 0).</param>
    /// <param name="outputSize">The output's (height, width); a null side keeps the input's size (PyTorch's None).</param>
    /// <returns>The pooled tensor and the int64 flat per-plane indices of the maxima.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An output size is not positive.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static (Tensor Output, Tensor Indices) AdaptiveMaxPool2dWithIndices(Tensor input, (int?, int?) outputSize) =>
        Torch.AdaptiveMaxPool2dWithIndices(input, outputSize);

    /// <summary>Resamples the spatial dimensions (PyTorch 1.13's <c>F.interpolate</c>); see <see cref="Torch.Interpolate"/>.</summary>
    /// <param name="input">A floating-point tensor [N, C, L] or [N, C, H, W].</param>
    /// <param name="size">The output's spatial size, one value per spatial dimension or one for all (default null).</param>
    /// <param name="scaleFactor">The multiplier of the spatial size, one per spatial dimension or one for all (default null).</param>
    /// <param name="mode">"nearest" (default), "nearest-exact", "linear" (3-D), "bilinear" (4-D) or "area".</param>
    /// <param name="alignCorners">For the linear modes, align the corner pixels (default null: false).</param>
    /// <param name="recomputeScaleFactor">Compute the scale from the output size instead of using the scale factor (default null: false).</param>
    /// <returns>The resampled tensor, of the input's dtype.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension; neither or both of size and scale factor are given, or with the wrong number of values; an output size is not positive or too large; a scale factor is not positive and finite; the mode does not fit the input's rank; or alignCorners is set for a non-linear mode; or recomputeScaleFactor is true with a size.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The output size of mode "area" is not positive.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point, or the mode is not nearest, nearest-exact, linear, bilinear or area.</exception>
    public static Tensor Interpolate(Tensor input, int[]? size = null, double[]? scaleFactor = null, string mode = "nearest", bool? alignCorners = null, bool? recomputeScaleFactor = null) =>
        Torch.Interpolate(input, size, scaleFactor, mode, alignCorners, recomputeScaleFactor);
}
