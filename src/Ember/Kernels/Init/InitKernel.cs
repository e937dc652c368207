using System.Numerics;

namespace Ember.Kernels;

/// <summary>A source of samples drawn in double precision, one per call (the distributions of <see cref="NN.Init"/>).</summary>
internal interface ISampler
{
    double Next();
}

/// <summary>U(a, a + width).</summary>
internal readonly struct UniformSampler(Generator generator, double a, double width) : ISampler
{
    public double Next() => a + width * generator.NextDouble();
}

/// <summary>N(mean, std²).</summary>
internal readonly struct NormalSampler(Generator generator, double mean, double std) : ISampler
{
    public double Next() => mean + std * generator.NextNormal();
}

/// <summary>
/// N(mean, std²) truncated to [a, b], sampled by inverting the normal CDF (exact and fast even far in the tails);
/// in the upper tail the mirror image is sampled from the lower tail, where the CDF keeps its precision.
/// </summary>
internal readonly struct TruncNormalSampler : ISampler
{
    private readonly Generator _generator;
    private readonly double _mean, _std, _a, _b, _lo, _hi, _pLo, _pHi;
    private readonly bool _mirror;

    /// <param name="generator">The generator.</param>
    /// <param name="mean">The mean of the untruncated normal.</param>
    /// <param name="std">Its standard deviation (positive).</param>
    /// <param name="a">The lower cut-off.</param>
    /// <param name="b">The upper cut-off (greater than <paramref name="a"/>).</param>
    public TruncNormalSampler(Generator generator, double mean, double std, double a, double b)
    {
        (_generator, _mean, _std, _a, _b) = (generator, mean, std, a, b);
        double alpha = (a - mean) / std, beta = (b - mean) / std;
        _mirror = alpha > 0;
        (_lo, _hi) = _mirror ? (-beta, -alpha) : (alpha, beta);
        _pLo = InitMath.NormalCdf(_lo);
        _pHi = InitMath.NormalCdf(_hi);
    }

    public double Next()
    {
        double z = InitMath.NormalIcdf(_pLo + (_pHi - _pLo) * _generator.NextDouble());
        z = Math.Clamp(double.IsNaN(z) ? _lo : z, _lo, _hi);
        if (_mirror) z = -z;
        return Math.Clamp(_mean + _std * z, _a, _b);
    }
}

/// <summary>The sampling kernels of <see cref="NN.Init"/>.</summary>
internal static class InitKernel
{
    /// <summary>
    /// A new contiguous tensor of <paramref name="shape"/> and the floating-point <paramref name="dtype"/> holding one
    /// sample per element in row-major order (drawn in double, rounded once to the dtype; float16 and bfloat16 through float32).
    /// </summary>
    /// <exception cref="NotSupportedException"><paramref name="dtype"/> is not floating point.</exception>
    public static Tensor Sample<TS>(int[] shape, DType dtype, TS sampler, string op) where TS : struct, ISampler
    {
        var values = Tensor.Empty(shape.ToArray(), FloatDispatch.ComputeType(dtype));
        var f = new SampleFunc<TS>(values, sampler);
        FloatDispatch.Run<SampleFunc<TS>, bool>(values.DType, op, ref f);
        return values.Cast(dtype);
    }

    private readonly struct SampleFunc<TS>(Tensor values, TS sampler) : IFloatFunc<bool> where TS : struct, ISampler
    {
        public bool Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            var s = sampler;
            foreach (ref var v in values.ContiguousSpan<T>()) v = T.CreateTruncating(s.Next());
            GC.KeepAlive(values);
            return true;
        }
    }

    /// <summary>
    /// A float64 [rows, cols] (semi-)orthogonal matrix times <paramref name="gain"/>: the Q factor (R with a positive
    /// diagonal) of a standard normal matrix drawn in row-major order, in its tall orientation and transposed back when
    /// rows &lt; cols, so that rows are orthonormal when rows ≤ cols and columns when rows ≥ cols.
    /// </summary>
    public static Tensor Orthogonal(int rows, int cols, double gain, Generator generator)
    {
        // The tall orientation [m, n], m ≥ n: the transpose of the normal matrix when it is wide.
        bool wide = rows < cols;
        int m = Math.Max(rows, cols), n = Math.Min(rows, cols);
        var normal = new double[rows * cols];
        for (int i = 0; i < normal.Length; i++) normal[i] = generator.NextNormal();
        var q = new double[m * n]; // column-major [m, n]: column j at q[j*m ..]
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                // element (r, c) of the [rows, cols] matrix; in the tall orientation it is (c, r) when wide.
                int ti = wide ? c : r, tj = wide ? r : c;
                q[tj * m + ti] = normal[r * cols + c];
            }
        InitMath.OrthonormalizeColumns(q, m, n);
        var result = Tensor.Empty([rows, cols], DType.Float64);
        var ra = result.ContiguousSpan<double>();
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                int ti = wide ? c : r, tj = wide ? r : c;
                ra[r * cols + c] = gain * q[tj * m + ti];
            }
        GC.KeepAlive(result);
        return result;
    }
}
