using Ember.Kernels;

namespace Ember.NN;

public static partial class F
{
    /// <summary>
    /// Inverted dropout (PyTorch's <c>F.dropout</c>): when <paramref name="training"/>, zeroes each element
    /// independently with probability <paramref name="p"/> and multiplies the survivors by 1/(1 − p), so the
    /// expected value is unchanged; the gradient is the same mask times the same scale. Otherwise (or when p = 0)
    /// returns <paramref name="input"/> itself. p = 1 gives zeros. The mask is drawn from
    /// <paramref name="generator"/>, so a seeded generator repeats it.
    /// </summary>
    /// <param name="input">A floating-point tensor of any shape.</param>
    /// <param name="p">The probability of zeroing an element, in [0, 1] (default 0.5).</param>
    /// <param name="training">Apply dropout (default true); false returns the input unchanged.</param>
    /// <param name="inplace">Multiply <paramref name="input"/> in place and return it (default false).</param>
    /// <param name="generator">The generator the mask is drawn from (default: <see cref="Generator.Default"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="p"/> is outside [0, 1], or the input is not floating point.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public static Tensor Dropout(Tensor input, double p = 0.5, bool training = true, bool inplace = false, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckDropoutProbability(p);
        if (!training || p == 0 || input.Numel == 0) return input;
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"dropout: expected a floating point input, got {input.DType.TorchName()} (shape {input.Shape})", nameof(input));
        var mask = p == 1 ? Torch.Scalar(0.0, input.DType) : DropoutKernel.Mask(input.ShapeArray, input.DType, p, generator ?? Generator.Default);
        return inplace ? input.Mul_(mask) : input * mask;
    }

    /// <summary>Throws PyTorch's error for a dropout probability outside [0, 1] (or NaN).</summary>
    internal static void CheckDropoutProbability(double p)
    {
        if (!(p >= 0 && p <= 1))
            throw new ArgumentException($"dropout: dropout probability has to be between 0 and 1, but got {PyRepr.Float(p)}", nameof(p));
    }
}
