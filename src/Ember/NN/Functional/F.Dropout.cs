using System.Numerics;
using System.Runtime.InteropServices;

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
    public static Tensor Dropout(Tensor input, double p = 0.5, bool training = true, bool inplace = false, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckDropoutProbability(p);
        if (!training || p == 0 || input.Numel == 0) return input;
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"dropout: expected a floating point input, got {input.DType.TorchName()} (shape {input.Shape})", nameof(input));
        var mask = p == 1 ? Torch.Scalar(0.0, input.DType) : DropoutMask(input.ShapeArray, input.DType, p, generator ?? Generator.Default);
        return inplace ? input.Mul_(mask) : input * mask;
    }

    /// <summary>Throws PyTorch's error for a dropout probability outside [0, 1] (or NaN).</summary>
    internal static void CheckDropoutProbability(double p)
    {
        if (!(p >= 0 && p <= 1))
            throw new ArgumentException($"dropout probability has to be between 0 and 1, but got {PyRepr.Float(p)}", nameof(p));
    }

    /// <summary>
    /// A contiguous tensor of 1/(1 − p) (kept, probability 1 − p) and 0 (dropped), one 32-bit draw per element:
    /// kept when the draw is ≥ round(p·2³²).
    /// </summary>
    internal static Tensor DropoutMask(int[] shape, DType dtype, double p, Generator generator)
    {
        var mask = Tensor.Empty(shape.ToArray(), dtype);
        ulong threshold = (ulong)Math.Round(p * 4294967296.0);
        double scale = 1.0 / (1.0 - p);
        if (dtype == DType.Float32) Fill(mask.ContiguousSpan<float>(), (float)scale, threshold, generator);
        else Fill(mask.ContiguousSpan<double>(), scale, threshold, generator);
        return mask;
    }

    private static void Fill<T>(Span<T> mask, T scale, ulong threshold, Generator generator) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int B = 512;
        Span<ulong> bits64 = stackalloc ulong[B / 2];
        var bits = MemoryMarshal.Cast<ulong, uint>(bits64);
        for (int b = 0; b < mask.Length; b += B)
        {
            int m = Math.Min(B, mask.Length - b);
            for (int k = 0; k < (m + 1) / 2; k++) bits64[k] = generator.NextUInt64();
            var dst = mask.Slice(b, m);
            int i = 0;
            if (Vector.IsHardwareAccelerated && typeof(T) == typeof(float))
            {
                var t = new Vector<uint>((uint)Math.Min(threshold, uint.MaxValue));
                var s = new Vector<float>(float.CreateTruncating(scale));
                var d = MemoryMarshal.Cast<T, float>(dst);
                bool all = threshold > uint.MaxValue; // p rounds to 1: nothing survives
                for (; i <= m - Vector<uint>.Count; i += Vector<uint>.Count)
                {
                    var keep = Vector.AsVectorInt32(Vector.GreaterThanOrEqual(new Vector<uint>(bits.Slice(i)), t));
                    (all ? Vector<float>.Zero : Vector.ConditionalSelect(keep, s, Vector<float>.Zero)).CopyTo(d.Slice(i));
                }
            }
            else if (Vector.IsHardwareAccelerated && typeof(T) == typeof(double))
            {
                var t = new Vector<ulong>(threshold);
                var s = new Vector<double>(double.CreateTruncating(scale));
                var d = MemoryMarshal.Cast<T, double>(dst);
                int w = Vector<ulong>.Count;
                for (; i <= m - 2 * w; i += 2 * w)
                {
                    Vector.Widen(new Vector<uint>(bits.Slice(i)), out var lo, out var hi);
                    Vector.ConditionalSelect(Vector.AsVectorInt64(Vector.GreaterThanOrEqual(lo, t)), s, Vector<double>.Zero).CopyTo(d.Slice(i));
                    Vector.ConditionalSelect(Vector.AsVectorInt64(Vector.GreaterThanOrEqual(hi, t)), s, Vector<double>.Zero).CopyTo(d.Slice(i + w));
                }
            }
            for (; i < m; i++) dst[i] = bits[i] >= threshold ? scale : T.Zero;
        }
    }
}
