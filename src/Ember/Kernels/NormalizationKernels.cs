using System.Numerics;
using System.Numerics.Tensors;

namespace Ember.Kernels;

/// <summary>Shared row helpers of the normalization kernels.</summary>
internal static class NormRows
{
    /// <summary>Widens a float or double span to double.</summary>
    public static void ToDouble<T>(ReadOnlySpan<T> x, Span<double> d) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(x).CopyTo(d);
        else TensorPrimitives.ConvertTruncating<float, double>(System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(x), d);
    }

    /// <summary>d = x·a + b with scalar a and b, vectorized (d may be x).</summary>
    public static void Affine<T>(ReadOnlySpan<T> x, T a, T b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var va = new Vector<T>(a);
            var vb = new Vector<T>(b);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
                (new Vector<T>(x.Slice(i)) * va + vb).CopyTo(d.Slice(i));
        }
        for (; i < x.Length; i++) d[i] = x[i] * a + b;
    }

    /// <summary>Σ (x − m)², vectorized in T.</summary>
    public static T SumSquaredDeviation<T>(ReadOnlySpan<T> x, T m) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && x.Length >= Vector<T>.Count)
        {
            var vm = new Vector<T>(m);
            var acc = Vector<T>.Zero;
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var d = new Vector<T>(x.Slice(i)) - vm;
                acc += d * d;
            }
            sum = Vector.Sum(acc);
        }
        for (; i < x.Length; i++)
        {
            T d = x[i] - m;
            sum += d * d;
        }
        return sum;
    }

    /// <summary>Σ g·(x − m), vectorized in T.</summary>
    public static T SumCenteredProduct<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> x, T m) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && x.Length >= Vector<T>.Count)
        {
            var vm = new Vector<T>(m);
            var acc = Vector<T>.Zero;
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
                acc += new Vector<T>(g.Slice(i)) * (new Vector<T>(x.Slice(i)) - vm);
            sum = Vector.Sum(acc);
        }
        for (; i < x.Length; i++) sum += g[i] * (x[i] - m);
        return sum;
    }
}

/// <summary>
/// The statistics a normalization forward saves for its backward: per channel (batch norm) or per row (layer norm),
/// the mean and 1/√(var + eps), in double.
/// </summary>
internal sealed class NormStats(double[] mean, double[] rstd)
{
    /// <summary>The means.</summary>
    public double[] Mean { get; } = mean;

    /// <summary>The reciprocal standard deviations 1/√(var + eps).</summary>
    public double[] Rstd { get; } = rstd;

    /// <summary>The means as a float64 tensor of <paramref name="shape"/> (for a differentiable backward).</summary>
    public Tensor MeanTensor(int[] shape) => Torch.FromArray(Mean, shape);

    /// <summary>The reciprocal standard deviations as a float64 tensor of <paramref name="shape"/>.</summary>
    public Tensor RstdTensor(int[] shape) => Torch.FromArray(Rstd, shape);

    /// <summary>The elements of <paramref name="t"/> (any dtype, layout; no autograd) as doubles in row-major order, or null.</summary>
    internal static double[]? Doubles(Tensor? t) => t?.Detach().To(DType.Float64).ToArray<double>();
}
