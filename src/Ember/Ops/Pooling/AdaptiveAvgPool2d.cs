using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// 2-D adaptive average pooling (PyTorch's <c>F.adaptive_avg_pool2d</c>): splits every H × W plane into
    /// outputSize × outputSize bins, bin i of an axis covering [⌊i·in/out⌋, ⌈(i + 1)·in/out⌉) (bins may overlap when
    /// the sizes do not divide), and averages each. Input [N, C, H, W] or [C, H, W]; output [N, C, out, out].
    /// </summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W] (N may be 0).</param>
    /// <param name="outputSize">The output's height and width (1 for global average pooling).</param>
    /// <returns>The pooled tensor, of the input's dtype.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The output size is not positive.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor AdaptiveAvgPool2d(Tensor input, int outputSize) => AdaptivePoolNd(input, 2, (outputSize, outputSize), false, "adaptive_avg_pool2d").Output;

    /// <summary>2-D adaptive average pooling to (height, width); a null side keeps the input's size (PyTorch's <c>None</c>).</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W].</param>
    /// <param name="outputSize">The output's (height, width), either null for the input's.</param>
    /// <returns>The pooled tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An output size is not positive.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor AdaptiveAvgPool2d(Tensor input, (int?, int?) outputSize) => AdaptivePoolNd(input, 2, outputSize, false, "adaptive_avg_pool2d").Output;

    /// <summary>Adaptive average (or max, with indices) pooling of 1 or 2 spatial dimensions.</summary>
    private static (Tensor Output, Tensor Indices) AdaptivePoolNd(Tensor input, int spatial, (int? H, int? W) size, bool max, string op, bool withIndices = false)
    {
        var (p, h, w) = Pooling.Planes(input, spatial, op);
        int oh = spatial == 1 ? 1 : size.H ?? h, ow = size.W ?? w;
        if (oh <= 0 || ow <= 0)
            throw new ArgumentOutOfRangeException("outputSize",
                $"{op}: elements of output_size must be greater than 0, but got output_size={Pooling.Fmt(spatial, oh, ow)} for input of shape {input.Shape}");
        var shape = Pooling.OutShape(input, spatial, oh, ow);
        Tensor.NumelOf(shape, op);
        bool empty = p == 0;
        var ah = empty || spatial == 1 ? PoolAxis.Unit : PoolAxis.Adaptive(h, oh);
        var aw = empty ? PoolAxis.Unit : PoolAxis.Adaptive(w, ow);
        string dims = spatial == 2 ? "2D" : "1D";
        if (!max)
        {
            var map = new WindowMap($"AdaptiveAvgPool{dims}Backward0", op, p, ah, aw, null, input.ShapeArray.ToArray(), shape);
            return (map.Run(input, false), null!);
        }
        var x = FloatDispatch.Widen(input.Detach()).Contiguous();
        bool record = Graph.NeedsGrad(input);
        var (y, idx) = PoolKernels.Max(x, p, ah, aw, shape, withIndices || record, op);
        GC.KeepAlive(x);
        if (y.DType != input.DType) y = y.Cast(input.DType);
        if (record)
            Graph.Record(y, new MaxPoolBackward($"AdaptiveMaxPool{dims}Backward0", op, idx!, p, h * w, oh * ow, input.ShapeArray.ToArray(), shape), input);
        return (y, idx!);
    }
}
