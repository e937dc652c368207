using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The partial inverse of 2-D max pooling (PyTorch's <c>F.max_unpool2d</c>): a zero tensor of the unpooled size
    /// with every input value written at its index (a flat position h·W_out + w in its plane, as
    /// <see cref="MaxPool2dWithIndices(Tensor, int, int?, int, int, bool)"/> returns). The unpooled size is
    /// (H − 1)·stride − 2·padding + kernelSize, or <paramref name="outputSize"/>.
    /// </summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W] (N may be 0).</param>
    /// <param name="indices">The int64 positions, of the input's shape.</param>
    /// <param name="kernelSize">The pooling's kernel height and width.</param>
    /// <param name="stride">The pooling's stride (default null: <paramref name="kernelSize"/>).</param>
    /// <param name="padding">The pooling's padding (default 0).</param>
    /// <param name="outputSize">The unpooled size, [H_out, W_out] or [N, C, H_out, W_out] (default null: computed); each
    /// side must be within a stride of the computed one.</param>
    /// <returns>[N, C, H_out, W_out] (or [C, H_out, W_out]), of the input's dtype.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="indices"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension, the indices are not int64 or not of the input's shape, the output size is out of range, or an index is outside the output plane.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The kernel size or stride is not positive, or the padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor MaxUnpool2d(Tensor input, Tensor indices, int kernelSize, int? stride = null, int padding = 0, int[]? outputSize = null) =>
        MaxUnpool2d(input, indices, (kernelSize, kernelSize), stride is { } s ? (s, s) : null, (padding, padding), outputSize);

    /// <summary>Max unpooling with (height, width) pairs (see <see cref="MaxUnpool2d(Tensor, Tensor, int, int?, int, int[])"/>).</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W].</param>
    /// <param name="indices">The int64 positions, of the input's shape.</param>
    /// <param name="kernelSize">The pooling's kernel (height, width).</param>
    /// <param name="stride">The pooling's stride (default null: <paramref name="kernelSize"/>).</param>
    /// <param name="padding">The pooling's padding (default null: (0, 0)).</param>
    /// <param name="outputSize">The unpooled size, [H_out, W_out] or [N, C, H_out, W_out] (default null: computed).</param>
    /// <returns>The unpooled tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="indices"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D or has an empty non-batch dimension, the indices are not int64 or not of the input's shape, the output size is out of range, or an index is outside the output plane.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The kernel size or stride is not positive, or the padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor MaxUnpool2d(Tensor input, Tensor indices, (int, int) kernelSize, (int, int)? stride = null, (int, int)? padding = null, int[]? outputSize = null)
    {
        const string op = "max_unpool2d";
        ArgumentNullException.ThrowIfNull(indices);
        var (p, h, w) = Pooling.Planes(input, 2, op);
        var k = kernelSize;
        var s = stride ?? k;
        var pad = padding ?? (0, 0);
        if (k.Item1 <= 0 || k.Item2 <= 0)
            throw new ArgumentOutOfRangeException(nameof(kernelSize), $"{op}: kernel size should be greater than zero, but got kernel_size=({k.Item1}, {k.Item2})");
        if (s.Item1 <= 0 || s.Item2 <= 0)
            throw new ArgumentOutOfRangeException(nameof(stride), $"{op}: stride should be greater than zero, but got stride=({s.Item1}, {s.Item2})");
        if (pad.Item1 < 0 || pad.Item2 < 0)
            throw new ArgumentOutOfRangeException(nameof(padding), $"{op}: padding must be non-negative, but got padding=({pad.Item1}, {pad.Item2})");
        if (indices.DType != DType.Int64)
            throw new ArgumentException($"{op}: elements in indices should be type int64 but got: {indices.DType.TorchName()}", nameof(indices));
        if (!indices.ShapeArray.AsSpan().SequenceEqual(input.ShapeArray))
            throw new ArgumentException($"{op}: Expected shape of indices to be same as that of the input tensor ({input.Shape}) but got indices tensor with shape: {indices.Shape}", nameof(indices));
        long dh = ((long)h - 1) * s.Item1 - 2L * pad.Item1 + k.Item1, dw = ((long)w - 1) * s.Item2 - 2L * pad.Item2 + k.Item2;
        long oh = dh, ow = dw;
        if (outputSize is not null)
        {
            if (outputSize.Length != 2 && outputSize.Length != 4)
                throw new ArgumentException($"{op}: output_size must have 2 or 4 elements, but got {outputSize.Length} ([{string.Join(", ", outputSize)}])", nameof(outputSize));
            oh = outputSize[^2];
            ow = outputSize[^1];
            foreach (var (size, def, st, dim) in new[] { (oh, dh, (long)s.Item1, 0), (ow, dw, (long)s.Item2, 1) })
                if (size < def - st || size > def + st)
                    throw new ArgumentException(
                        $"{op}: invalid output_size [{string.Join(", ", outputSize)}] (dim {dim} must be between {def - st} and {def + st})", nameof(outputSize));
        }
        if (oh <= 0 || ow <= 0 || oh > int.MaxValue || ow > int.MaxValue)
            throw new ArgumentException($"{op}: the output size ({oh}, {ow}) for input of shape {input.Shape} is not positive or too large", nameof(outputSize));
        var shape = Pooling.OutShape(input, 2, (int)oh, (int)ow);
        Tensor.NumelOf(shape, op);
        int plane = (int)Math.Min(oh * ow, int.MaxValue);
        if (oh * ow > Tensor.MaxNumel && p > 0)
            throw new ArgumentException($"{op}: an output plane of {oh}x{ow} is too large", nameof(outputSize));
        var idx = indices.Detach().Contiguous();
        if (p > 0 && PoolKernels.FirstOutOfRange(idx, plane) is { } bad)
            throw new ArgumentException($"{op}: Found an invalid max index: {bad} (output volumes are of size {oh}x{ow}", nameof(indices));
        var map = new IndexMap("MaxUnpool2DBackward0", op, p, idx, h * w, plane, true, input.ShapeArray.ToArray(), shape);
        return map.Run(input, false);
    }
}
