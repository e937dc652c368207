namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// 1-D convolution (PyTorch's <c>torch.conv1d</c> / <c>F.conv1d</c>): y[n, o] = bias[o] + Σ over the input channels of
    /// group o / (out_channels/groups) of the cross-correlation of x[n, c] with weight[o, c]. Runs as im2col + the packed
    /// GEMM (a plain GEMM for 1×1 kernels, a direct kernel for depthwise), in parallel over the batch; float16/bfloat16
    /// are computed in float32 and rounded back.
    /// </summary>
    /// <param name="input">The input [N, C_in, L] or unbatched [C_in, L], floating point.</param>
    /// <param name="weight">The filters [C_out, C_in/groups, kW], same dtype.</param>
    /// <param name="bias">The bias [C_out], or null for none (default).</param>
    /// <param name="stride">The stride: an int or a tuple of 1 ints (default 1).</param>
    /// <param name="padding">The implicit zero padding on both sides: an int, a tuple of 1 ints, <c>"valid"</c> (none) or
    /// <c>"same"</c> (output size = input size; stride 1 only; an odd total padding puts the extra one on the right/bottom) (default 0).</param>
    /// <param name="dilation">The spacing between kernel elements: an int or a tuple of 1 ints (default 1).</param>
    /// <param name="groups">The number of blocked connections from input to output channels; divides C_in and C_out (default 1).</param>
    /// <returns>The output [N, C_out, L_out] (unbatched: [C_out, L_out]), out = ⌊(in + pad_lo + pad_hi − dilation·(k − 1) − 1) / stride⌋ + 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="weight"/> is null.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    /// <exception cref="ArgumentException">The input is not 2-D or 3-D or the weight not 3-D; the channels do not match
    /// (e.g. <c>conv1d: Given groups=1, weight of size [64, 3, 3, 3], expected input[64, 4, 32, 32] to have 3 channels, but got 4 channels
    /// instead</c>); groups does not divide the channels or is not positive; a stride or dilation is not positive; the padding is
    /// negative or an unknown string, or "same" with a stride; the (dilated) kernel is larger than the padded input; a tuple has the
    /// wrong length; the dtypes differ; the bias is not [C_out]; or the result would be too large.</exception>
    public static Tensor Conv1d(Tensor input, Tensor weight, Tensor? bias = null, IntTuple stride = default, ConvPadding padding = default,
        IntTuple dilation = default, int groups = 1) =>
        Convolution.Conv(input, weight, bias, stride, padding, dilation, groups, 1, "conv1d");
}
