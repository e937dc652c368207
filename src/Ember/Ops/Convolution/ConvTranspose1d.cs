namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// 1-D transposed convolution (PyTorch's <c>torch.conv_transpose1d</c> / <c>F.conv_transpose1d</c>, sometimes called deconvolution): the
    /// gradient of conv1d with respect to its input, plus a bias. Runs as Wᵀ·x + col2im on the packed GEMM, in parallel over
    /// the batch; float16/bfloat16 are computed in float32 and rounded back.
    /// </summary>
    /// <param name="input">The input [N, C_in, L] or unbatched [C_in, L], floating point.</param>
    /// <param name="weight">The filters [C_in, C_out/groups, kW], same dtype.</param>
    /// <param name="bias">The bias [C_out], or null for none (default).</param>
    /// <param name="stride">The stride: an int or a tuple of 1 ints (default 1).</param>
    /// <param name="padding">dilation·(k − 1) − padding zeros are added on both sides of the input: an int or a tuple of 1 ints (default 0).</param>
    /// <param name="outputPadding">Extra size added to one side of the output: an int or tuple of 1 ints, each smaller than
    /// its stride or its dilation (default 0).</param>
    /// <param name="groups">The number of blocked connections from input to output channels; divides C_in (default 1).</param>
    /// <param name="dilation">The spacing between kernel elements: an int or a tuple of 1 ints (default 1).</param>
    /// <returns>The output [N, C_out, L_out] (unbatched: [C_out, L_out]), out = (in − 1)·stride − 2·padding + dilation·(k − 1) + output_padding + 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="weight"/> is null.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    /// <exception cref="ArgumentException">The input is not 2-D or 3-D or the weight not 3-D; the input's channels differ
    /// from the weight's dimension 0; groups does not divide it or is not positive; a stride or dilation is not positive; the
    /// padding or output padding is negative, or the output padding is not smaller than the stride or the dilation; the
    /// output would be empty or too large; a tuple has the wrong length; the dtypes differ; or the bias is not [C_out].</exception>
    public static Tensor ConvTranspose1d(Tensor input, Tensor weight, Tensor? bias = null, IntTuple stride = default, IntTuple padding = default,
        IntTuple outputPadding = default, int groups = 1, IntTuple dilation = default) =>
        Convolution.ConvTranspose(input, weight, bias, stride, padding, outputPadding, groups, dilation, 1, "conv_transpose1d");
}
