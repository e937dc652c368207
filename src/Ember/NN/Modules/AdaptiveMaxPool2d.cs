namespace Ember.NN;

/// <summary>
/// 2-D adaptive max pooling (PyTorch's <c>nn.AdaptiveMaxPool2d</c>): [N, C, H, W] or [C, H, W] → the output size, each output the max of its
/// bin [⌊i·in/out⌋, ⌈(i + 1)·in/out⌉) (see <see cref="F.AdaptiveMaxPool2d(Tensor, int)"/>). No parameters.
/// </summary>
public sealed class AdaptiveMaxPool2d : Module<Tensor, Tensor>
{
    private readonly string _repr;

    /// <summary>Creates the layer with a square output.</summary>
    /// <param name="outputSize">The output's height and width.</param>
    public AdaptiveMaxPool2d(int outputSize)
    {
        OutputSize = (outputSize, outputSize);
        _repr = $"output_size={outputSize}";
    }

    /// <summary>Creates the layer with an output of (height, width); a null side keeps the input's size (PyTorch's None).</summary>
    /// <param name="outputSize">The output's (height, width).</param>
    public AdaptiveMaxPool2d((int?, int?) outputSize)
    {
        OutputSize = outputSize;
        _repr = $"output_size={PoolRepr.Pair(outputSize)}";
    }

    /// <summary>The output's (height, width); null keeps the input's size.</summary>
    public (int? H, int? W) OutputSize { get; }

    /// <summary>Pools the input.</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W].</param>
    /// <returns>The pooled tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input has the wrong rank or an empty non-batch dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An output size is not positive.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public override Tensor Forward(Tensor input) => F.AdaptiveMaxPool2d(input, OutputSize);

    /// <summary>Pools the input and returns the int64 flat per-plane positions of the maxima too (not through hooks).</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] or [C, H, W].</param>
    /// <returns>The pooled tensor and the indices.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input has the wrong rank or an empty non-batch dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An output size is not positive.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public (Tensor Output, Tensor Indices) ForwardWithIndices(Tensor input) => F.AdaptiveMaxPool2dWithIndices(input, OutputSize);

    /// <inheritdoc/>
    protected override string ExtraRepr() => _repr;
}
