namespace Ember.NN;

/// <summary>
/// A 2-D convolution layer (PyTorch's <c>nn.Conv2d</c>) over an input [N, C_in, H, W] or unbatched [C_in, H, W]:
/// weight [out_channels, in_channels/groups, kH, kW], bias [out_channels]. See <see cref="Torch.Conv2d"/>.
/// </summary>
/// <example>
/// <code>
/// var conv = new Conv2d(3, 64, 3, padding: 1);
/// var y = conv.Call(Torch.Randn(8, 3, 32, 32));   // [8, 64, 32, 32]
/// Console.WriteLine(conv);   // Conv2d(3, 64, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
/// </code>
/// </example>
public sealed class Conv2d : ConvNd
{
    /// <summary>Creates the layer and initializes it like PyTorch (see <see cref="ConvNd.ResetParameters"/>).</summary>
    /// <param name="inChannels">The number of input channels.</param>
    /// <param name="outChannels">The number of output channels.</param>
    /// <param name="kernelSize">The kernel size: an int or a tuple of 2 ints.</param>
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
    public Conv2d(int inChannels, int outChannels, IntTuple kernelSize, IntTuple stride = default, ConvPadding padding = default,
        IntTuple dilation = default, int groups = 1, bool bias = true, string paddingMode = "zeros", DType dtype = DType.Float32,
        Generator? generator = null)
        : base("Conv2d", 2, false, inChannels, outChannels, kernelSize, stride, padding, dilation, default, groups, bias, paddingMode, dtype, generator)
    {
    }

    /// <summary>Applies the convolution (see <see cref="F.Conv2d"/>), after padding the input by the padding mode.</summary>
    /// <param name="input">The input [N, in_channels, H, W] or [in_channels, H, W].</param>
    /// <returns>The output [N, out_channels, H_out, W_out].</returns>
    /// <exception cref="ArgumentException">The input's shape or dtype does not fit the layer.</exception>
    public override Tensor Forward(Tensor input) => ForwardWith(input, Weight, Bias);

    /// <summary>This layer's convolution with other parameters (PyTorch's <c>_conv_forward</c>), then ReLU when
    /// <paramref name="relu"/>: BatchNorm (and the activation) folded in at inference.</summary>
    internal Tensor ForwardWith(Tensor input, Tensor weight, Tensor? bias, bool relu = false) => PaddingMode == "zeros"
        ? Convolution.Conv(input, weight, bias, (int[])[.. Stride], FunctionalPadding, (int[])[.. Dilation], Groups, 2, "conv2d", relu)
        : Convolution.Conv(PadInput(input), weight, bias, (int[])[.. Stride], 0, (int[])[.. Dilation], Groups, 2, "conv2d", relu);
}
