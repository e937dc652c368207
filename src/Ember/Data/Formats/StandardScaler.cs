namespace Ember.Data;

/// <summary>
/// Per-feature standardization <c>(x - mean) / scale</c> (scikit-learn's <c>StandardScaler</c>): fit the
/// statistics on training data, then apply the same ones to validation and test data. The statistics are
/// plain arrays (<see cref="Mean"/>, <see cref="Scale"/>) that can be saved and passed back to the constructor.
/// </summary>
/// <remarks>The variance is the population variance (ddof = 0), as scikit-learn's, unless a <c>correction</c> is given
/// to <see cref="Fit(Tensor, int)"/> (1: the sample variance of pandas' <c>std()</c>). A feature whose standard deviation is
/// zero (within rounding error of zero, scikit-learn's test) gets scale 1, so it maps to 0 rather than NaN.</remarks>
public sealed class StandardScaler
{
    private readonly double[] _mean;
    private readonly double[] _scale;

    /// <summary>A scaler with given statistics (e.g. saved from an earlier fit).</summary>
    /// <param name="mean">The per-feature means, length F.</param>
    /// <param name="scale">The per-feature scales (standard deviations), length F, each positive and finite.</param>
    /// <exception cref="ArgumentException">The lengths differ, or a scale is not positive and finite, or a mean is not finite.</exception>
    public StandardScaler(double[] mean, double[] scale)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(scale);
        if (mean.Length != scale.Length)
            throw new ArgumentException($"StandardScaler: mean has {mean.Length} features but scale has {scale.Length}", nameof(scale));
        for (int j = 0; j < scale.Length; j++)
        {
            if (!(scale[j] > 0) || double.IsInfinity(scale[j]))
                throw new ArgumentException($"StandardScaler: scale[{j}] = {scale[j]} must be positive and finite", nameof(scale));
            if (!double.IsFinite(mean[j]))
                throw new ArgumentException($"StandardScaler: mean[{j}] = {mean[j]} must be finite", nameof(mean));
        }
        _mean = (double[])mean.Clone();
        _scale = (double[])scale.Clone();
    }

    /// <summary>The number of features F.</summary>
    public int Features => _mean.Length;

    /// <summary>A copy of the per-feature means (scikit-learn's <c>mean_</c>).</summary>
    public double[] Mean => (double[])_mean.Clone();

    /// <summary>A copy of the per-feature scales (scikit-learn's <c>scale_</c>; 1 where the standard deviation is zero).</summary>
    public double[] Scale => (double[])_scale.Clone();

    /// <summary>Fits the statistics on the rows of <paramref name="x"/>.</summary>
    /// <param name="x">Training data [N, F] (any dtype but bool), N ≥ 1.</param>
    /// <param name="correction">The variance's correction (delta degrees of freedom): Σ(x - mean)² / (N - correction).
    /// 0 (default) is scikit-learn's population variance; 1 the sample variance of pandas' <c>std()</c> and <c>torch.std</c>. Non-negative.</param>
    /// <returns>The fitted scaler.</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> is not 2-D, has no rows, or holds a non-finite value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="correction"/> is negative.</exception>
    public static StandardScaler Fit(Tensor x, int correction = 0)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Dim != 2) throw new ArgumentException($"StandardScaler: expected a 2-D tensor [N, F], got {x.Shape}", nameof(x));
        CheckCorrection(correction, "StandardScaler");
        var data = x.ToArray<double>();
        for (int i = 0; i < data.Length; i++)
            if (!double.IsFinite(data[i]))
                throw new ArgumentException($"StandardScaler: feature {i % x.Size(1)} of row {i / x.Size(1)} is {data[i]}; the data must be finite", nameof(x));
        if (x.Size(0) == 0) throw new ArgumentException("StandardScaler: cannot fit on 0 rows", nameof(x));
        var (mean, scale) = Statistics(data, x.Size(0), x.Size(1), null, correction, skipNaN: false);
        return new StandardScaler(mean, scale);
    }

    internal static void CheckCorrection(int correction, string op)
    {
        if (correction < 0)
            throw new ArgumentOutOfRangeException(nameof(correction), correction, $"{op}: correction must be non-negative (0 for the population variance, 1 for the sample variance), got {correction}");
    }

    /// <summary>
    /// Per-column mean and scale of a row-major [rows, features] buffer of finite values (NaN marks a missing value when
    /// <paramref name="skipNaN"/>: it is left out, as pandas' skipna). Columns with <paramref name="identity"/> set get mean 0
    /// and scale 1, as do columns without values; a column with no spread to measure (constant within rounding, scikit-learn's
    /// test, or at most <paramref name="correction"/> values) gets scale 1. A column whose statistics overflow double is scaled
    /// down first rather than becoming infinite.
    /// </summary>
    internal static (double[] Mean, double[] Scale) Statistics(double[] data, int rows, int features, bool[]? identity, int correction, bool skipNaN)
    {
        var mean = new double[features];
        var scale = new double[features];
        for (int j = 0; j < features; j++)
        {
            scale[j] = 1;
            if (identity is not null && identity[j]) continue;
            double sum = 0, max = 0;
            long n = 0;
            for (long i = j; i < data.Length; i += features)
            {
                double v = data[i];
                if (double.IsNaN(v) && skipNaN) continue;
                sum += v;
                max = Math.Max(max, Math.Abs(v));
                n++;
            }
            if (n == 0) continue;
            double m = sum / n;
            if (!double.IsFinite(m)) // the sum overflowed: average values scaled by the largest magnitude
            {
                double scaled = 0;
                for (long i = j; i < data.Length; i += features)
                    if (!(double.IsNaN(data[i]) && skipNaN)) scaled += data[i] / max;
                m = scaled / n * max;
            }
            double ss = 0, spread = 0;
            for (long i = j; i < data.Length; i += features)
            {
                double v = data[i];
                if (double.IsNaN(v) && skipNaN) continue;
                double d = v - m;
                ss += d * d;
                spread = Math.Max(spread, Math.Abs(d));
            }
            double popStd, std;
            if (double.IsFinite(ss))
            {
                popStd = Math.Sqrt(ss / n);
                std = n > correction ? Math.Sqrt(ss / (n - correction)) : 0;
            }
            else
            {
                // (x - m)² overflowed: sum the squares of (x - m) / spread, and scale the roots back.
                double scaledSs = 0;
                for (long i = j; i < data.Length; i += features)
                    if (!(double.IsNaN(data[i]) && skipNaN)) scaledSs += Math.Pow((data[i] - m) / spread, 2);
                popStd = spread * Math.Sqrt(scaledSs / n);
                std = n > correction ? spread * Math.Sqrt(scaledSs / (n - correction)) : 0;
            }
            mean[j] = m;
            // scikit-learn's _is_constant_feature: var <= n·eps·var + (n·mean·eps)², i.e. a variance within rounding error of zero.
            // Solved for the standard deviation, so that huge means cannot overflow it: std <= |mean|·n·eps / sqrt(1 - n·eps).
            const double Eps = 2.220446049250313e-16;
            double ne = n * Eps;
            bool constant = popStd <= Math.Abs(m) * ne / Math.Sqrt(1 - ne);
            if (std > 0 && double.IsFinite(std) && !constant) scale[j] = std;
        }
        return (mean, scale);
    }

    /// <summary>Standardizes <paramref name="x"/>: <c>(x - Mean) / Scale</c> per feature (the last dimension).</summary>
    /// <param name="x">Data [N, F] or [F], float32 or float64.</param>
    /// <returns>A new tensor of the same shape and dtype.</returns>
    /// <exception cref="ArgumentException">The last dimension is not F, or the dtype is not floating point.</exception>
    public Tensor Transform(Tensor x) => Apply(x, inverse: false);

    /// <summary>Undoes <see cref="Transform"/>: <c>x · Scale + Mean</c> per feature.</summary>
    /// <param name="x">Standardized data [N, F] or [F], float32 or float64.</param>
    /// <returns>A new tensor of the same shape and dtype.</returns>
    /// <exception cref="ArgumentException">The last dimension is not F, or the dtype is not floating point.</exception>
    public Tensor InverseTransform(Tensor x) => Apply(x, inverse: true);

    /// <summary>Standardizes a row-major [rows, F] buffer in place.</summary>
    internal void TransformInPlace(double[] data)
    {
        int f = _mean.Length;
        for (int i = 0; i < data.Length; i++) data[i] = (data[i] - _mean[i % f]) / _scale[i % f];
    }

    private Tensor Apply(Tensor x, bool inverse)
    {
        ArgumentNullException.ThrowIfNull(x);
        string op = inverse ? "StandardScaler.InverseTransform" : "StandardScaler.Transform";
        if (!x.DType.IsFloatingPoint()) throw new ArgumentException($"{op}: expected a float32 or float64 tensor, got {x.DType.TorchName()}", nameof(x));
        if (x.Dim is not (1 or 2) || x.Size(-1) != _mean.Length)
            throw new ArgumentException($"{op}: expected [N, {_mean.Length}] or [{_mean.Length}], got {x.Shape}", nameof(x));
        var v = x.ToArray<double>();
        int f = _mean.Length;
        for (int i = 0; i < v.Length; i++)
            v[i] = inverse ? v[i] * _scale[i % f] + _mean[i % f] : (v[i] - _mean[i % f]) / _scale[i % f];
        var result = Torch.FromArray(v, x.Shape.ToArray());
        return x.DType == DType.Float64 ? result : result.To(x.DType);
    }
}
