namespace Ember.NN;

/// <summary>
/// A 1-D transposed convolution layer (PyTorch's <c>nn.ConvTranspose1d</c>) over an input [N, C_in, L] or unbatched
/// [C_in, L]: weight [in_channels, out_channels/groups, kW], bias [out_channels]. See <see cref="Torch.ConvTranspose1d"/>.
/// </summary>
/// <example>
/// <code>
/// var up = new ConvTranspose1d(16, 8, 4, stride: 2, padding: 1);
/// var y = up.Call(Torch.Randn(2, 16, 10));   // [2, 8, 20]
/// </code>
/// </example>
public sealed class ConvTranspose1d : ConvNd
{
    /// <summary>Creates the layer and initializes it like PyTorch (fan_in = weight.size(1)·∏kernel_size).</summary>
    /// <param name="inChannels">The number of input channels.</param>
    /// <param name="outChannels">The number of output channels.</param>
    /// <param name="kernelSize">The kernel size: an int or a tuple of 1 ints.</param>
    /// <param name="stride">The stride (default 1).</param>
    /// <param name="padding">dilation·(k − 1) − padding zeros are added to both sides of the input (default 0).</param>
    /// <param name="outputPadding">Extra size on one side of the output, smaller than the stride or the dilation (default 0).</param>
    /// <param name="groups">The number of groups; divides both channel counts (default 1).</param>
    /// <param name="bias">Whether to learn a bias (default true).</param>
    /// <param name="dilation">The dilation (default 1).</param>
    /// <param name="paddingMode">Only "zeros" (the default), as PyTorch.</param>
    /// <param name="dtype">The parameters' floating-point dtype (default float32).</param>
    /// <param name="generator">The generator for the initial values (default: <see cref="Generator.Default"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="paddingMode"/> is null.</exception>
    /// <exception cref="ArgumentException">groups is not positive or does not divide the channels; a size is out of range or a
    /// tuple has the wrong length; the padding mode is not "zeros"; or the dtype is not floating point.</exception>
    public ConvTranspose1d(int inChannels, int outChannels, IntTuple kernelSize, IntTuple stride = default, IntTuple padding = default,
        IntTuple outputPadding = default, int groups = 1, bool bias = true, IntTuple dilation = default, string paddingMode = "zeros",
        DType dtype = DType.Float32, Generator? generator = null)
        : base("ConvTranspose1d", 1, true, inChannels, outChannels, kernelSize, stride, padding, dilation, outputPadding, groups, bias, paddingMode, dtype, generator)
    {
    }

    /// <summary>Applies the transposed convolution (see <see cref="F.ConvTranspose1d"/>).</summary>
    /// <param name="input">The input [N, in_channels, L] or [in_channels, L].</param>
    /// <returns>The output [N, out_channels, L_out].</returns>
    /// <exception cref="ArgumentException">The input's shape or dtype does not fit the layer.</exception>
    public override Tensor Forward(Tensor input) =>
        F.ConvTranspose1d(input, Weight, Bias, (int[])[.. Stride], (int[])[.. Padding], (int[])[.. OutputPadding], Groups, (int[])[.. Dilation]);

    /// <summary>
    /// Applies the transposed convolution with the output padding chosen so that the output has <paramref name="outputSize"/>
    /// (PyTorch's <c>forward(input, output_size)</c>; this call bypasses the module hooks).
    /// </summary>
    /// <param name="input">The input [N, in_channels, L] or [in_channels, L].</param>
    /// <param name="outputSize">The spatial output size (1 ints), optionally preceded by N and C.</param>
    /// <returns>The output with the requested spatial size.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The requested size is outside [min, min + stride − 1] per dimension, or the input does not fit the layer.</exception>
    public Tensor Forward(Tensor input, int[] outputSize) =>
        F.ConvTranspose1d(input, Weight, Bias, (int[])[.. Stride], (int[])[.. Padding], OutputPaddingFor(input, outputSize, "ConvTranspose1d"), Groups, (int[])[.. Dilation]);
}
