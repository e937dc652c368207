using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// 2-D max pooling (PyTorch's <c>F.max_pool2d</c>): the largest value of each kernelSize window of every
    /// plane, windows <paramref name="stride"/> apart over the input implicitly padded with −inf. A NaN in a window
    /// is its maximum. Input [N, C, H, W] or [C, H, W]; output [N, C, H_out, W_out] (or [C, H_out, W_out]) with
    /// H_out = ⌊(H + 2·padding − dilation·(kernelSize − 1) − 1)/stride⌋ + 1 (⌈…⌉ in ceil mode, where the last window
    /// must start inside the input or the left padding). float16 and bfloat16 are computed in float32.
    /// </summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W] (N may be 0).</param>
    /// <param name="kernelSize">The window's height and width.</param>
    /// <param name="stride">The step between windows (default null: <paramref name="kernelSize"/>).</param>
    /// <param name="padding">The implicit −inf padding on each side, at most half the kernel (default 0).</param>
    /// <param name="dilation">The step between a window's taps (default 1).</param>
    /// <param name="ceilMode">Round the output size up instead of down (default false).</param>
    /// <returns>The pooled tensor, of the input's dtype.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension, the padding is more than half the kernel, or the output would be empty (the kernel is larger than the padded input).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The kernel size, stride or dilation is not positive, or the padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor MaxPool2d(Tensor input, int kernelSize, int? stride = null, int padding = 0, int dilation = 1, bool ceilMode = false) =>
        MaxPoolNd(input, 2, (kernelSize, kernelSize), stride is { } s ? (s, s) : null, (padding, padding), (dilation, dilation), ceilMode, false).Output;

    /// <summary>2-D max pooling with (height, width) pairs (see <see cref="MaxPool2d(Tensor, int, int?, int, int, bool)"/>).</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W].</param>
    /// <param name="kernelSize">The window's (height, width).</param>
    /// <param name="stride">The (vertical, horizontal) step between windows (default null: <paramref name="kernelSize"/>).</param>
    /// <param name="padding">The implicit −inf padding (top/bottom, left/right) (default null: (0, 0)).</param>
    /// <param name="dilation">The step between taps (default null: (1, 1)).</param>
    /// <param name="ceilMode">Round the output size up instead of down (default false).</param>
    /// <returns>The pooled tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension, the padding is more than half the kernel, or the output would be empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The kernel size, stride or dilation is not positive, or the padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor MaxPool2d(Tensor input, (int, int) kernelSize, (int, int)? stride = null, (int, int)? padding = null, (int, int)? dilation = null, bool ceilMode = false) =>
        MaxPoolNd(input, 2, kernelSize, stride, padding ?? (0, 0), dilation ?? (1, 1), ceilMode, false).Output;

    /// <summary>
    /// 2-D max pooling that also returns where each maximum came from (PyTorch's <c>F.max_pool2d(..., return_indices=True)</c>):
    /// the indices are flat positions h·W + w within each input plane, int64, of the output's shape (what
    /// <see cref="MaxUnpool2d(Tensor, Tensor, int, int?, int, int[])"/> takes).
    /// </summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W].</param>
    /// <param name="kernelSize">The window's height and width.</param>
    /// <param name="stride">The step between windows (default null: <paramref name="kernelSize"/>).</param>
    /// <param name="padding">The implicit −inf padding, at most half the kernel (default 0).</param>
    /// <param name="dilation">The step between a window's taps (default 1).</param>
    /// <param name="ceilMode">Round the output size up instead of down (default false).</param>
    /// <returns>The pooled tensor and the int64 indices.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension, the padding is more than half the kernel, or the output would be empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The kernel size, stride or dilation is not positive, or the padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static (Tensor Output, Tensor Indices) MaxPool2dWithIndices(Tensor input, int kernelSize, int? stride = null, int padding = 0, int dilation = 1, bool ceilMode = false) =>
        MaxPoolNd(input, 2, (kernelSize, kernelSize), stride is { } s ? (s, s) : null, (padding, padding), (dilation, dilation), ceilMode, true);

    /// <summary>2-D max pooling with (height, width) pairs, returning the indices too (see <see cref="MaxPool2dWithIndices(Tensor, int, int?, int, int, bool)"/>).</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W].</param>
    /// <param name="kernelSize">The window's (height, width).</param>
    /// <param name="stride">The step between windows (default null: <paramref name="kernelSize"/>).</param>
    /// <param name="padding">The implicit −inf padding (default null: (0, 0)).</param>
    /// <param name="dilation">The step between taps (default null: (1, 1)).</param>
    /// <param name="ceilMode">Round the output size up instead of down (default false).</param>
    /// <returns>The pooled tensor and the int64 indices.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension, the padding is more than half the kernel, or the output would be empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The kernel size, stride or dilation is not positive, or the padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static (Tensor Output, Tensor Indices) MaxPool2dWithIndices(Tensor input, (int, int) kernelSize, (int, int)? stride = null, (int, int)? padding = null, (int, int)? dilation = null, bool ceilMode = false) =>
        MaxPoolNd(input, 2, kernelSize, stride, padding ?? (0, 0), dilation ?? (1, 1), ceilMode, true);

    /// <summary>Max pooling of 1 or 2 spatial dimensions (1-D: the height parameters are 1, 1, 0, 1).</summary>
    private static (Tensor Output, Tensor Indices) MaxPoolNd(Tensor input, int spatial, (int H, int W) k, (int H, int W)? stride, (int H, int W) pad,
        (int H, int W) dil, bool ceilMode, bool withIndices)
    {
        string op = spatial == 2 ? (withIndices ? "max_pool2d_with_indices" : "max_pool2d") : (withIndices ? "max_pool1d_with_indices" : "max_pool1d");
        var (p, h, w) = Pooling.Planes(input, spatial, op);
        var s = stride ?? k;
        var (oh, ow) = Pooling.Pooled(input, spatial, h, w, k, s, pad, dil, ceilMode, op);
        var shape = Pooling.OutShape(input, spatial, oh, ow);
        Tensor.NumelOf(shape, op);
        bool empty = p == 0;
        var ah = empty || spatial == 1 ? PoolAxis.Unit : PoolAxis.Window(h, oh, k.H, s.H, pad.H, dil.H, false, false);
        var aw = empty ? PoolAxis.Unit : PoolAxis.Window(w, ow, k.W, s.W, pad.W, dil.W, false, false);
        var x = FloatDispatch.Widen(input.Detach()).Contiguous();
        bool record = Graph.NeedsGrad(input);
        var (y, idx) = PoolKernels.Max(x, p, ah, aw, shape, withIndices || record, op);
        GC.KeepAlive(x);
        if (y.DType != input.DType) y = y.Cast(input.DType);
        if (record)
            Graph.Record(y, new MaxPoolBackward(spatial == 2 ? "MaxPool2DWithIndicesBackward0" : "MaxPool1DWithIndicesBackward0", op, idx!, p, h * w, oh * ow,
                input.ShapeArray, shape), input);
        return (y, idx!);
    }

    /// <summary>Max pooling's (and adaptive max pooling's) backward: the gradient goes to the saved positions of the maxima.</summary>
    private sealed class MaxPoolBackward(string name, string op, Tensor indices, int planes, int inPlane, int outPlane, int[] inShape, int[] outShape) : Node
    {
        private SavedTensor _indices = new(indices);

        public override string Name => name;

        protected internal override Tensor?[] Backward(Tensor grad) =>
        [
            new IndexMap(BackwardOfBackward(name), op, planes, Unpack(_indices), outPlane, inPlane, false,
                (int[])outShape.Clone(), (int[])inShape.Clone()).Run(grad, false),
        ];

        protected override void ReleaseSaved() => _indices = default;

        /// <summary>The name of this node's own backward (no string built per pass for the usual names).</summary>
        private static string BackwardOfBackward(string name) => name switch
        {
            "MaxPool2DWithIndicesBackward0" => "MaxPool2DWithIndicesBackwardBackward0",
            "MaxPool1DWithIndicesBackward0" => "MaxPool1DWithIndicesBackwardBackward0",
            _ => name.Replace("Backward0", "BackwardBackward0", StringComparison.Ordinal),
        };
    }
}
