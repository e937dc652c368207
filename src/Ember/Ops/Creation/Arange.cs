using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>The integers 0, 1, …, <paramref name="end"/>-1 as int64 (PyTorch's <c>torch.arange(end)</c>).</summary>
    /// <param name="end">The exclusive end.</param>
    /// <exception cref="ArgumentException"><paramref name="end"/> is negative, or more than <see cref="Tensor.MaxNumel"/>.</exception>
    public static Tensor Arange(long end) => Arange(0, end, 1);

    /// <summary>Integers from <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive) in steps of <paramref name="step"/>, as int64.</summary>
    /// <param name="start">The first value.</param>
    /// <param name="end">The exclusive end.</param>
    /// <param name="step">The step (default 1); non-zero, and its sign must lead from start toward end.</param>
    /// <param name="dtype">The element type (default int64).</param>
    /// <exception cref="ArgumentException">The step is zero or points away from <paramref name="end"/>, or the range has more than <see cref="Tensor.MaxNumel"/> elements.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined dtype.</exception>
    public static Tensor Arange(long start, long end, long step = 1, DType? dtype = null)
    {
        dtype?.CheckDefined("arange");
        CheckRange(start, end, step);
        // In 128 bits: end - start can overflow a long.
        var n = ((Int128)end - start + step + (step > 0 ? -1 : 1)) / step;
        CheckLength((double)n, start, end, step);
        var t = Tensor.Empty([(int)Int128.Max(n, 0)], DType.Int64, op: "arange");
        CreationKernels.LongRange(t, start, step);
        return dtype is { } dt && dt != DType.Int64 ? t.Cast(dt) : t;
    }

    /// <summary>
    /// Values from <paramref name="start"/> to <paramref name="end"/> (exclusive) in steps of
    /// <paramref name="step"/>, as floating point (PyTorch's <c>torch.arange(0.0, 1.0, 0.1)</c>).
    /// </summary>
    /// <param name="start">The first value.</param>
    /// <param name="end">The exclusive end.</param>
    /// <param name="step">The step; non-zero, and its sign must lead from start toward end.</param>
    /// <param name="dtype">The element type (default: <see cref="GetDefaultDType"/>).</param>
    /// <exception cref="ArgumentException">The step is zero or points away from <paramref name="end"/>, a bound is not finite, or the range has more than <see cref="Tensor.MaxNumel"/> elements.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined dtype.</exception>
    public static Tensor Arange(double start, double end, double step, DType? dtype = null)
    {
        dtype?.CheckDefined("arange");
        if (!double.IsFinite(start) || !double.IsFinite(end) || !double.IsFinite(step))
            throw new ArgumentException($"arange: unsupported range: {start} -> {end} with step {step}");
        CheckRange(start, end, step);
        double count = Math.Ceiling((end - start) / step);
        CheckLength(count, start, end, step);
        int n = (int)Math.Max(count, 0);
        var t = Tensor.Empty([n], dtype ?? GetDefaultDType(), op: "arange");
        CreationKernels.Generate(t, i => start + i * step);
        return t;
    }

    private static void CheckRange(double start, double end, double step)
    {
        if (step == 0) throw new ArgumentException("arange: step must be nonzero", nameof(step));
        if ((step > 0 && end < start) || (step < 0 && end > start))
            throw new ArgumentException($"arange: upper bound and larger bound inconsistent with step sign (start {start}, end {end}, step {step})", nameof(step));
    }

    private static void CheckLength(double n, object start, object end, object step)
    {
        if (n > Tensor.MaxNumel)
            throw new ArgumentException($"arange: the range {start} -> {end} with step {step} has {n} elements, more than the {Tensor.MaxNumel} a tensor can hold", nameof(step));
    }
}
