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
    /// <remarks>
    /// As PyTorch's kernel: element i is start + i·step with one rounding (a fused multiply-add in float64, in
    /// float32 for float16/bfloat16), then rounded to the dtype. An integer dtype truncates start, end and step to
    /// integers first (so a step below 1 is zero, an error) and counts ⌈(end − start)/step⌉ elements: from the
    /// truncated bounds for int64, from the given ones for the other integer dtypes.
    /// </remarks>
    /// <param name="start">The first value.</param>
    /// <param name="end">The exclusive end.</param>
    /// <param name="step">The step; non-zero, and its sign must lead from start toward end.</param>
    /// <param name="dtype">The element type (default: <see cref="GetDefaultDType"/>).</param>
    /// <exception cref="ArgumentException">The step is zero (for an integer dtype, truncates to zero) or points away from
    /// <paramref name="end"/>, a bound is not finite, or the range has more than <see cref="Tensor.MaxNumel"/> elements.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined dtype.</exception>
    /// <exception cref="NotSupportedException"><paramref name="dtype"/> is bool.</exception>
    public static Tensor Arange(double start, double end, double step, DType? dtype = null)
    {
        dtype?.CheckDefined("arange");
        if (!double.IsFinite(start) || !double.IsFinite(end) || !double.IsFinite(step))
            throw new ArgumentException($"arange: unsupported range: {start} -> {end} with step {step}");
        var dt = dtype ?? GetDefaultDType();
        switch (dt)
        {
            case DType.Float32:
            case DType.Float64:
            {
                CheckRange(start, end, step);
                var t = FloatRange(start, end, step, dt);
                CreationKernels.Generate(t, i => Math.FusedMultiplyAdd(step, i, start));
                return t;
            }
            case DType.Float16:
            case DType.BFloat16:
            {
                CheckRange(start, end, step);
                var t = FloatRange(start, end, step, dt);
                float s0 = (float)start, st = (float)step;
                CreationKernels.Generate(t, i => MathF.FusedMultiplyAdd(st, i, s0));
                return t;
            }
            case DType.Int64:
            case DType.Int32:
            case DType.UInt8:
            {
                long s0 = (long)start, e0 = (long)end, st = (long)step;
                CheckRange(s0, e0, st);
                // int64 counts with the truncated bounds in integers, the narrower integers in float64 (PyTorch's two formulas)
                double count = dt == DType.Int64 ? (double)(((Int128)e0 - s0 + st - Math.Sign(st)) / st) : Math.Ceiling((end - start) / step);
                CheckLength(count, start, end, step);
                var t = Tensor.Empty([(int)Math.Max(count, 0)], DType.Int64, op: "arange");
                CreationKernels.LongRange(t, s0, st);
                return t.Cast(dt);
            }
            case DType.Bool:
                throw Dispatch.Unsupported("arange", dt);
            default:
                throw DTypeExtensions.Undefined(dt, "arange");
        }
    }

    private static Tensor FloatRange(double start, double end, double step, DType dt)
    {
        double count = Math.Ceiling((end - start) / step);
        CheckLength(count, start, end, step);
        return Tensor.Empty([(int)Math.Max(count, 0)], dt, op: "arange");
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
