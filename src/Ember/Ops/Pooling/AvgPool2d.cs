using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// 2-D average pooling (PyTorch's <c>F.avg_pool2d</c>): the mean of each kernelSize window of every plane, windows
    /// <paramref name="stride"/> apart over the input implicitly padded with zeros. The divisor is the window's size
    /// clipped at the padded input (<paramref name="countIncludePad"/>) or at the input (padding not counted), or
    /// <paramref name="divisorOverride"/>. Input [N, C, H, W] or [C, H, W]; output size as max pooling's with dilation 1.
    /// float16 and bfloat16 are computed in float32.
    /// </summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W] (N may be 0).</param>
    /// <param name="kernelSize">The window's height and width.</param>
    /// <param name="stride">The step between windows (default null: <paramref name="kernelSize"/>).</param>
    /// <param name="padding">The implicit zero padding on each side, at most half the kernel (default 0).</param>
    /// <param name="ceilMode">Round the output size up instead of down (default false).</param>
    /// <param name="countIncludePad">Count the padding in the divisor (default true).</param>
    /// <param name="divisorOverride">The divisor of every window instead of its size (default null).</param>
    /// <returns>The pooled tensor, of the input's dtype.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension, the padding is more than half the kernel, the output would be empty, or the divisor override is 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The kernel size or stride is not positive, or the padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor AvgPool2d(Tensor input, int kernelSize, int? stride = null, int padding = 0, bool ceilMode = false, bool countIncludePad = true,
        int? divisorOverride = null) =>
        AvgPoolNd(input, 2, (kernelSize, kernelSize), stride is { } s ? (s, s) : null, (padding, padding), ceilMode, countIncludePad, divisorOverride);

    /// <summary>2-D average pooling with (height, width) pairs (see <see cref="AvgPool2d(Tensor, int, int?, int, bool, bool, int?)"/>).</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W].</param>
    /// <param name="kernelSize">The window's (height, width).</param>
    /// <param name="stride">The step between windows (default null: <paramref name="kernelSize"/>).</param>
    /// <param name="padding">The implicit zero padding (default null: (0, 0)).</param>
    /// <param name="ceilMode">Round the output size up instead of down (default false).</param>
    /// <param name="countIncludePad">Count the padding in the divisor (default true).</param>
    /// <param name="divisorOverride">The divisor of every window instead of its size (default null).</param>
    /// <returns>The pooled tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension, the padding is more than half the kernel, the output would be empty, or the divisor override is 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The kernel size or stride is not positive, or the padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor AvgPool2d(Tensor input, (int, int) kernelSize, (int, int)? stride = null, (int, int)? padding = null, bool ceilMode = false,
        bool countIncludePad = true, int? divisorOverride = null) =>
        AvgPoolNd(input, 2, kernelSize, stride, padding ?? (0, 0), ceilMode, countIncludePad, divisorOverride);

    /// <summary>Average pooling of 1 or 2 spatial dimensions (1-D: the height parameters are 1, 1, 0).</summary>
    private static Tensor AvgPoolNd(Tensor input, int spatial, (int H, int W) k, (int H, int W)? stride, (int H, int W) pad, bool ceilMode,
        bool countIncludePad, int? divisorOverride)
    {
        string op = spatial == 2 ? "avg_pool2d" : "avg_pool1d";
        var (p, h, w) = Pooling.Planes(input, spatial, op);
        var s = stride ?? k;
        var (oh, ow) = Pooling.Pooled(input, spatial, h, w, k, s, pad, (1, 1), ceilMode, op);
        if (divisorOverride == 0) throw new ArgumentException($"{op}: divisor must be not zero", nameof(divisorOverride));
        var shape = Pooling.OutShape(input, spatial, oh, ow);
        Tensor.NumelOf(shape, op);
        bool empty = p == 0;
        var ah = empty || spatial == 1 ? PoolAxis.Unit : PoolAxis.Window(h, oh, k.H, s.H, pad.H, 1, true, countIncludePad);
        var aw = empty ? PoolAxis.Unit : PoolAxis.Window(w, ow, k.W, s.W, pad.W, 1, true, countIncludePad);
        var map = new WindowMap(spatial == 2 ? "AvgPool2DBackward0" : "AvgPool1DBackward0", op, p, ah, aw, divisorOverride, input.ShapeArray.ToArray(), shape);
        return map.Run(input, false);
    }
}
