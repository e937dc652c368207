namespace Ember.NN;

/// <summary>
/// 1-D adaptive average pooling (PyTorch's <c>nn.AdaptiveAvgPool1d</c>): [N, C, L] or [C, L] → the output size, each output the average of its
/// bin [⌊i·in/out⌋, ⌈(i + 1)·in/out⌉) (see <see cref="F.AdaptiveAvgPool1d"/>). No parameters.
/// </summary>
public sealed class AdaptiveAvgPool1d : Module<Tensor, Tensor>
{
    private readonly string _repr;

    /// <summary>Creates the layer.</summary>
    /// <param name="outputSize">The output's length.</param>
    public AdaptiveAvgPool1d(int outputSize)
    {
        OutputSize = outputSize;
        _repr = $"output_size={outputSize}";
    }

    /// <summary>The output's length.</summary>
    public int OutputSize { get; }

    /// <summary>Pools the input.</summary>
    /// <param name="input">A floating-point tensor [N, C, L] or [C, L].</param>
    /// <returns>The pooled tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input has the wrong rank or an empty non-batch dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An output size is not positive.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public override Tensor Forward(Tensor input) => F.AdaptiveAvgPool1d(input, OutputSize);

    /// <inheritdoc/>
    protected override string ExtraRepr() => _repr;
}
