namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// <paramref name="steps"/> evenly spaced values from <paramref name="start"/> to <paramref name="end"/>,
    /// both included (PyTorch's <c>torch.linspace</c>).
    /// </summary>
    /// <param name="start">The first value.</param>
    /// <param name="end">The last value.</param>
    /// <param name="steps">How many values; non-negative.</param>
    /// <param name="dtype">The element type (default: <see cref="GetDefaultDType"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="steps"/> is negative or more than <see cref="Tensor.MaxNumel"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined dtype, or <paramref name="start"/> or
    /// <paramref name="end"/> does not fit it (PyTorch's "value cannot be converted … without overflow").</exception>
    public static Tensor Linspace(double start, double end, int steps, DType? dtype = null)
    {
        if (steps < 0) throw new ArgumentException($"linspace: number of steps must be non-negative, got {steps}", nameof(steps));
        var dt = (dtype ?? GetDefaultDType()).CheckDefined("linspace");
        Kernels.Convert.CheckFits(start, dt, "linspace");
        Kernels.Convert.CheckFits(end, dt, "linspace");
        var t = Tensor.Empty([steps], dt, op: "linspace");
        if (steps == 1)
        {
            Kernels.CreationKernels.Fill(t, start);
            return t;
        }
        int half = steps / 2;
        // Like PyTorch: fill the first half from the start and the second half from the end (symmetric
        // rounding), computing in the element type (float32 in float, integers in double from truncated bounds).
        if (dt == DType.Float32 || dt.IsReducedFloat())
        {
            float s = (float)start, e = (float)end;
            float step = (e - s) / (steps - 1);
            Kernels.CreationKernels.Generate(t, i => i < half ? s + step * i : e - step * (steps - 1 - i));
            return t;
        }
        if (dt.IsIntegral(includeBool: true)) (start, end) = (Math.Truncate(start), Math.Truncate(end));
        double dstep = (end - start) / (steps - 1);
        Kernels.CreationKernels.Generate(t, i => i < half ? start + dstep * i : end - dstep * (steps - 1 - i));
        return t;
    }
}
