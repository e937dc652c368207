namespace Ember.NN;

/// <summary>
/// The partial inverse of <see cref="MaxPool2d"/> (PyTorch's <c>nn.MaxUnpool2d</c>): writes each input value at its
/// index in a zero tensor of the unpooled size (see <see cref="F.MaxUnpool2d(Tensor, Tensor, int, int?, int, int[])"/>).
/// Input: the pooled tensor and the indices from <see cref="MaxPool2d.ForwardWithIndices"/>. No parameters.
/// </summary>
public sealed class MaxUnpool2d : Module<(Tensor Input, Tensor Indices), Tensor>
{
    /// <summary>Creates the layer with square windows.</summary>
    /// <param name="kernelSize">The pooling's kernel height and width.</param>
    /// <param name="stride">The pooling's stride (default null: <paramref name="kernelSize"/>).</param>
    /// <param name="padding">The pooling's padding (default 0).</param>
    public MaxUnpool2d(int kernelSize, int? stride = null, int padding = 0) : this((kernelSize, kernelSize), stride is { } s ? (s, s) : null, (padding, padding))
    {
    }

    /// <summary>Creates the layer with (height, width) pairs.</summary>
    /// <param name="kernelSize">The pooling's kernel (height, width).</param>
    /// <param name="stride">The pooling's stride (default null: <paramref name="kernelSize"/>).</param>
    /// <param name="padding">The pooling's padding (default null: (0, 0)).</param>
    public MaxUnpool2d((int, int) kernelSize, (int, int)? stride = null, (int, int)? padding = null) =>
        (KernelSize, Stride, Padding) = (kernelSize, stride ?? kernelSize, padding ?? (0, 0));

    /// <summary>The pooling's kernel (height, width).</summary>
    public (int H, int W) KernelSize { get; }

    /// <summary>The pooling's stride.</summary>
    public (int H, int W) Stride { get; }

    /// <summary>The pooling's padding.</summary>
    public (int H, int W) Padding { get; }

    /// <summary>Unpools to the default size (H − 1)·stride − 2·padding + kernel.</summary>
    /// <param name="input">The pooled tensor and its int64 indices.</param>
    /// <returns>The unpooled tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor is null.</exception>
    /// <exception cref="ArgumentException">The input has the wrong rank, the indices are not int64 or not of the input's shape, or an index is outside the output plane.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or the padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public override Tensor Forward((Tensor Input, Tensor Indices) input) => F.MaxUnpool2d(input.Input, input.Indices, KernelSize, Stride, Padding);

    /// <summary>Unpools to <paramref name="outputSize"/> (or the default size), not through hooks.</summary>
    /// <param name="input">The pooled tensor [N, C, H, W] or [C, H, W].</param>
    /// <param name="indices">Its int64 indices.</param>
    /// <param name="outputSize">The unpooled size, [H_out, W_out] or [N, C, H_out, W_out] (default null).</param>
    /// <returns>The unpooled tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor is null.</exception>
    /// <exception cref="ArgumentException">The input has the wrong rank, the indices are not int64 or not of the input's shape, the output size is out of range, or an index is outside the output plane.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or the padding is negative.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public Tensor Forward(Tensor input, Tensor indices, int[]? outputSize = null) => F.MaxUnpool2d(input, indices, KernelSize, Stride, Padding, outputSize);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"kernel_size={PoolRepr.Pair(KernelSize)}, stride={PoolRepr.Pair(Stride)}, padding={PoolRepr.Pair(Padding)}";
}
