namespace Ember.NN;

/// <summary>
/// A 1-D convolution layer (PyTorch's <c>nn.Conv1d</c>) over an input [N, C_in, L] or unbatched [C_in, L]:
/// weight [out_channels, in_channels/groups, kW], bias [out_channels]. See <see cref="Torch.Conv1d"/>.
/// </summary>
/// <example>
/// <code>
/// var conv = new Conv1d(16, 33, 3, stride: 2);
/// var y = conv.Call(Torch.Randn(20, 16, 50));   // [20, 33, 24]
/// </code>
/// </example>
public sealed class Conv1d : ConvNd
{
    /// <summary>Creates the layer and initializes it like PyTorch (see <see cref="ConvNd.ResetParameters"/>).</summary>
    /// <param name="inChannels">The number of input channels.</param>
    /// <param name="outChannels">The number of output channels.</param>
    /// <param name="kernelSize">The kernel size: an int or a tuple of 1 ints.</param>
    /// <param name="stride">The stride (default 1).</param>
    /// <param name="padding">An int, a tuple, "valid" or "same" (default 0).</param>
    /// <param name="dilation">The dilation (default 1).</param>
    /// <param name="groups">The number of groups; divides both channel counts (default 1).</param>
    /// <param name="bias">Whether to learn a bias (default true).</param>
    /// <param name="paddingMode">"zeros" (default), "reflect", "replicate" or "circular".</param>
    /// <param name="dtype">The parameters' floating-point dtype (default float32).</param>
    /// <param name="generator">The generator for the initial values (default: <see cref="Generator.Default"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="paddingMode"/> is null.</exception>
    /// <exception cref="ArgumentException">groups is not positive or does not divide the channels; a size is out of range or a
    /// tuple has the wrong length; the padding string or padding mode is unknown; "same" with a stride; or the dtype is not
    /// floating point.</exception>
    public Conv1d(int inChannels, int outChannels, IntTuple kernelSize, IntTuple stride = default, ConvPadding padding = default,
        IntTuple dilation = default, int groups = 1, bool bias = true, string paddingMode = "zeros", DType dtype = DType.Float32,
        Generator? generator = null)
        : base("Conv1d", 1, false, inChannels, outChannels, kernelSize, stride, padding, dilation, default, groups, bias, paddingMode, dtype, generator)
    {
    }

    /// <summary>Applies the convolution (see <see cref="F.Conv1d"/>), after padding the input by the padding mode.</summary>
    /// <param name="input">The input [N, in_channels, L] or [in_channels, L].</param>
    /// <returns>The output [N, out_channels, L_out].</returns>
    /// <exception cref="ArgumentException">The input's shape or dtype does not fit the layer.</exception>
    public override Tensor Forward(Tensor input) => PaddingMode == "zeros"
        ? F.Conv1d(input, Weight, Bias, (int[])[.. Stride], FunctionalPadding, (int[])[.. Dilation], Groups)
        : F.Conv1d(PadInput(input), Weight, Bias, (int[])[.. Stride], 0, (int[])[.. Dilation], Groups);
}
