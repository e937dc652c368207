using Ember.Kernels;

namespace Ember.NN;

public static partial class F
{
    /// <summary>
    /// Channel-wise dropout for 1-D feature maps (PyTorch's <c>F.dropout1d</c>): when <paramref name="training"/>, zeroes
    /// each whole channel input[n, c, :] (input[c, :] for an unbatched input) with probability <paramref name="p"/> and
    /// scales the others by 1/(1 − p); otherwise (or when p = 0) returns <paramref name="input"/> itself. The mask (one
    /// draw per channel) comes from <paramref name="generator"/>.
    /// </summary>
    /// <param name="input">A floating-point tensor [N, C, L] or [C, L].</param>
    /// <param name="p">The probability of zeroing a channel, in [0, 1] (default 0.5).</param>
    /// <param name="training">Apply dropout (default true).</param>
    /// <param name="inplace">Multiply <paramref name="input"/> in place and return it (default false).</param>
    /// <param name="generator">The generator the mask is drawn from (default: <see cref="Generator.Default"/>).</param>
    /// <returns>A tensor of the input's shape (the input itself when not training or in place).</returns>
    /// <exception cref="ArgumentException"><paramref name="p"/> is outside [0, 1], the input is not 2-D or 3-D, or not floating point.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place may not be (a leaf that requires grad, or overlapping memory).</exception>
    public static Tensor Dropout1d(Tensor input, double p = 0.5, bool training = true, bool inplace = false, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckChannelDropoutProbability(p, "dropout1d");
        if (input.Dim is not (2 or 3))
            throw new ArgumentException(
                $"dropout1d: Expected 2D or 3D input, but received a {input.Dim}D input (shape {input.Shape}). Note that dropout1d exists to provide " +
                "channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).",
                nameof(input));
        return FeatureDropout(input, p, training, inplace, generator, input.Dim == 3 ? 2 : 1, "dropout1d");
    }

    /// <summary>
    /// Channel-wise dropout for 2-D feature maps (PyTorch's <c>F.dropout2d</c>): when <paramref name="training"/>, zeroes
    /// each whole channel input[n, c] with probability <paramref name="p"/> and scales the others by 1/(1 − p); otherwise
    /// (or when p = 0) returns <paramref name="input"/> itself. As PyTorch 1.13, dimension 0 is always the batch and
    /// dimension 1 the channel: a 3-D input is taken as [N, C, L] (1-D channel-wise dropout, with PyTorch's warning), and an
    /// input that is not 3-D or 4-D is accepted with PyTorch's deprecation warning (written once to
    /// <see cref="System.Diagnostics.Trace"/>). The mask (one draw per channel) comes from <paramref name="generator"/>.
    /// </summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] (or [N, C, L]; at least 2-D).</param>
    /// <param name="p">The probability of zeroing a channel, in [0, 1] (default 0.5).</param>
    /// <param name="training">Apply dropout (default true).</param>
    /// <param name="inplace">Multiply <paramref name="input"/> in place and return it (default false).</param>
    /// <param name="generator">The generator the mask is drawn from (default: <see cref="Generator.Default"/>).</param>
    /// <returns>A tensor of the input's shape (the input itself when not training or in place).</returns>
    /// <exception cref="ArgumentException"><paramref name="p"/> is outside [0, 1], the input has fewer than 2 dimensions when training, or it is not floating point.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place may not be (a leaf that requires grad, or overlapping memory).</exception>
    public static Tensor Dropout2d(Tensor input, double p = 0.5, bool training = true, bool inplace = false, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckChannelDropoutProbability(p, "dropout2d");
        if (input.Dim is not (3 or 4) && !_warnedDropout2dRank)
        {
            _warnedDropout2dRank = true;
            System.Diagnostics.Trace.TraceWarning(
                $"dropout2d: Received a {input.Dim}-D input to dropout2d, which is deprecated and will result in an error in a future release. " +
                "To retain the behavior and silence this warning, please use dropout instead.");
        }
        if (input.Dim == 3 && !_warnedDropout2d3D)
        {
            _warnedDropout2d3D = true;
            System.Diagnostics.Trace.TraceWarning(
                "dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout behavior is desired - input is interpreted " +
                "as shape (N, C, L), where C is the channel dim. To maintain the 1D channel-wise dropout behavior, please switch to using dropout1d instead.");
        }
        return FeatureDropout(input, p, training, inplace, generator, 2, "dropout2d");
    }

    // PyTorch's warnings show once per process (Python's default filter); so do these
    private static volatile bool _warnedDropout2dRank, _warnedDropout2d3D;

    private static void CheckChannelDropoutProbability(double p, string op)
    {
        if (!(p >= 0 && p <= 1))
            throw new ArgumentException($"{op}: dropout probability has to be between 0 and 1, but got {PyRepr.Float(p)}", nameof(p));
    }

    /// <summary>
    /// ATen's feature dropout: one mask value per index of the first <paramref name="keptDims"/> dimensions (the rest
    /// broadcast), 1/(1 − p) or 0.
    /// </summary>
    private static Tensor FeatureDropout(Tensor input, double p, bool training, bool inplace, Generator? generator, int keptDims, string op)
    {
        if (!training || p == 0 || input.Numel == 0) return input;
        if (input.Dim < keptDims)
            throw new ArgumentException($"{op}: Feature dropout requires at least 2 dimensions in the input, got shape {input.Shape}", nameof(input));
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"{op}: expected a floating point input, got {input.DType.TorchName()} (shape {input.Shape})", nameof(input));
        var maskShape = input.ShapeArray.ToArray();
        for (int i = keptDims; i < maskShape.Length; i++) maskShape[i] = 1;
        var mask = p == 1 ? Torch.Zeros(new Size(maskShape), input.DType) : DropoutKernel.Mask(maskShape, input.DType, p, generator ?? Generator.Default);
        return inplace ? input.Mul_(mask) : input * mask;
    }
}
