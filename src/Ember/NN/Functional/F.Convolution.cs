namespace Ember.NN;

public static partial class F
{
    /// <summary>1-D convolution (PyTorch's <c>F.conv1d</c>); see <see cref="Torch.Conv1d"/>.</summary>
    /// <param name="input">The input [N, C_in, L] or unbatched [C_in, L].</param>
    /// <param name="weight">The filters [C_out, C_in/groups, kW].</param>
    /// <param name="bias">The bias [C_out], or null (default).</param>
    /// <param name="stride">An int or tuple (default 1).</param>
    /// <param name="padding">An int, a tuple, "valid" or "same" (default 0).</param>
    /// <param name="dilation">An int or tuple (default 1).</param>
    /// <param name="groups">Divides C_in and C_out (default 1).</param>
    /// <returns>The output [N, C_out, L_out].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="weight"/> is null.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    /// <exception cref="ArgumentException">Shapes, channels, groups, stride, padding or dilation are invalid (see <see cref="Torch.Conv1d"/>).</exception>
    public static Tensor Conv1d(Tensor input, Tensor weight, Tensor? bias = null, IntTuple stride = default, ConvPadding padding = default,
        IntTuple dilation = default, int groups = 1) => Torch.Conv1d(input, weight, bias, stride, padding, dilation, groups);

    /// <summary>2-D convolution (PyTorch's <c>F.conv2d</c>); see <see cref="Torch.Conv2d"/>.</summary>
    /// <param name="input">The input [N, C_in, H, W] or unbatched [C_in, H, W].</param>
    /// <param name="weight">The filters [C_out, C_in/groups, kH, kW].</param>
    /// <param name="bias">The bias [C_out], or null (default).</param>
    /// <param name="stride">An int or tuple (default 1).</param>
    /// <param name="padding">An int, a tuple, "valid" or "same" (default 0).</param>
    /// <param name="dilation">An int or tuple (default 1).</param>
    /// <param name="groups">Divides C_in and C_out (default 1).</param>
    /// <returns>The output [N, C_out, H_out, W_out].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="weight"/> is null.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    /// <exception cref="ArgumentException">Shapes, channels, groups, stride, padding or dilation are invalid (see <see cref="Torch.Conv2d"/>).</exception>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, IntTuple stride = default, ConvPadding padding = default,
        IntTuple dilation = default, int groups = 1) => Torch.Conv2d(input, weight, bias, stride, padding, dilation, groups);

    /// <summary>1-D transposed convolution (PyTorch's <c>F.conv_transpose1d</c>); see <see cref="Torch.ConvTranspose1d"/>.</summary>
    /// <param name="input">The input [N, C_in, L] or unbatched [C_in, L].</param>
    /// <param name="weight">The filters [C_in, C_out/groups, kW].</param>
    /// <param name="bias">The bias [C_out], or null (default).</param>
    /// <param name="stride">An int or tuple (default 1).</param>
    /// <param name="padding">An int or tuple (default 0).</param>
    /// <param name="outputPadding">An int or tuple, each smaller than its stride or dilation (default 0).</param>
    /// <param name="groups">Divides C_in (default 1).</param>
    /// <param name="dilation">An int or tuple (default 1).</param>
    /// <returns>The output [N, C_out, L_out].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="weight"/> is null.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    /// <exception cref="ArgumentException">Shapes, channels, groups, stride, padding, output padding or dilation are invalid (see <see cref="Torch.ConvTranspose1d"/>).</exception>
    public static Tensor ConvTranspose1d(Tensor input, Tensor weight, Tensor? bias = null, IntTuple stride = default, IntTuple padding = default,
        IntTuple outputPadding = default, int groups = 1, IntTuple dilation = default) =>
        Torch.ConvTranspose1d(input, weight, bias, stride, padding, outputPadding, groups, dilation);

    /// <summary>2-D transposed convolution (PyTorch's <c>F.conv_transpose2d</c>); see <see cref="Torch.ConvTranspose2d"/>.</summary>
    /// <param name="input">The input [N, C_in, H, W] or unbatched [C_in, H, W].</param>
    /// <param name="weight">The filters [C_in, C_out/groups, kH, kW].</param>
    /// <param name="bias">The bias [C_out], or null (default).</param>
    /// <param name="stride">An int or tuple (default 1).</param>
    /// <param name="padding">An int or tuple (default 0).</param>
    /// <param name="outputPadding">An int or tuple, each smaller than its stride or dilation (default 0).</param>
    /// <param name="groups">Divides C_in (default 1).</param>
    /// <param name="dilation">An int or tuple (default 1).</param>
    /// <returns>The output [N, C_out, H_out, W_out].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="weight"/> is null.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    /// <exception cref="ArgumentException">Shapes, channels, groups, stride, padding, output padding or dilation are invalid (see <see cref="Torch.ConvTranspose2d"/>).</exception>
    public static Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias = null, IntTuple stride = default, IntTuple padding = default,
        IntTuple outputPadding = default, int groups = 1, IntTuple dilation = default) =>
        Torch.ConvTranspose2d(input, weight, bias, stride, padding, outputPadding, groups, dilation);

    /// <summary>Pads (or crops) the last dimensions (PyTorch's <c>F.pad</c>); see <see cref="Torch.Pad"/>.</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="pad">(left, right) pairs, last dimension first.</param>
    /// <param name="mode">"constant" (default), "reflect", "replicate" or "circular".</param>
    /// <param name="value">The constant fill value (default 0).</param>
    /// <returns>The padded tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/>, <paramref name="pad"/> or <paramref name="mode"/> is null.</exception>
    /// <exception cref="ArgumentException">The pad or mode is invalid for the input (see <see cref="Torch.Pad"/>).</exception>
    /// <exception cref="NotSupportedException">Reflect or replicate padding of a non-floating-point input.</exception>
    public static Tensor Pad(Tensor input, int[] pad, string mode = "constant", double value = 0) => Torch.Pad(input, pad, mode, value);
}
