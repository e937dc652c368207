using System.Numerics.Tensors;

namespace Ember.Kernels;

/// <summary>Numerics behind <see cref="NN.Init"/>: the normal CDF and its inverse, and orthonormalization.</summary>
internal static class InitMath
{
    private const double Sqrt2 = 1.4142135623730950488;
    private const double InvSqrtPi = 0.56418958354775628695;
    private const double Sqrt2Pi = 2.5066282746310005024;

    /// <summary>erfc(x) to about 1e-15 relative accuracy: a positive-term series for |x| &lt; 1.5, a continued fraction beyond.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x < 0) return 2 - Erfc(-x);
        if (x < 1.5)
        {
            // erf(x) = 2/√π · e^{-x²} · Σₙ 2ⁿ x^{2n+1} / (1·3·…·(2n+1)); every term is positive.
            double term = x, sum = x, x2 = 2 * x * x;
            for (int n = 1; n < 200 && term > 1e-17 * sum; n++)
            {
                term *= x2 / (2 * n + 1);
                sum += term;
            }
            return 1 - 2 * InvSqrtPi * Math.Exp(-x * x) * sum;
        }
        if (x > 27) return 0;
        // erfc(x) = e^{-x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated with Lentz's method.
        const double tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (int n = 1; n < 500; n++)
        {
            double an = n * 0.5;
            d = x + an * d;
            if (Math.Abs(d) < tiny) d = tiny;
            c = x + an / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return InvSqrtPi * Math.Exp(-x * x) / f;
    }

    /// <summary>Φ(x), the standard normal CDF, accurate in relative terms in the lower tail.</summary>
    public static double NormalCdf(double x) => double.IsNegativeInfinity(x) ? 0 : double.IsPositiveInfinity(x) ? 1 : 0.5 * Erfc(-x / Sqrt2);

    /// <summary>Φ⁻¹(p): Acklam's rational approximation refined by two Halley steps on <see cref="NormalCdf"/> (about 1e-15 relative).</summary>
    public static double NormalIcdf(double p)
    {
        if (double.IsNaN(p)) return double.NaN;
        if (p <= 0) return double.NegativeInfinity;
        if (p >= 1) return double.PositiveInfinity;
        // Φ⁻¹(p) = −Φ⁻¹(1 − p): work in the lower half, where 1 − p is exact and the CDF keeps its relative precision.
        if (p > 0.5) return -NormalIcdf(1 - p);
        const double pLow = 0.02425;
        double x;
        if (p < pLow)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            x = (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
                / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q + 3.754408661907416e+00) * q + 1);
        }
        else
        {
            double q = p - 0.5, r = q * q;
            x = (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
                / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);
        }
        for (int i = 0; i < 2; i++)
        {
            double density = Math.Exp(-0.5 * x * x) / Sqrt2Pi;
            if (density == 0) break;
            double u = (NormalCdf(x) - p) / density;
            x -= u / (1 + 0.5 * x * u);
        }
        return x;
    }

    /// <summary>
    /// Replaces the n columns of the column-major m×n matrix <paramref name="a"/> (m ≥ n, full column rank) with
    /// orthonormal ones spanning the same nested subspaces: the Q of A = QR with diag(R) &gt; 0. Modified
    /// Gram–Schmidt with one reorthogonalization pass ("twice is enough") keeps QᵀQ = I to rounding.
    /// </summary>
    public static void OrthonormalizeColumns(double[] a, int m, int n)
    {
        for (int j = 0; j < n; j++)
        {
            var cj = a.AsSpan(j * m, m);
            for (int pass = 0; pass < 2; pass++)
                for (int k = 0; k < j; k++)
                {
                    var ck = a.AsSpan(k * m, m);
                    double dot = TensorPrimitives.Dot<double>(ck, cj);
                    TensorPrimitives.MultiplyAdd<double>(ck, -dot, cj, cj);
                }
            double norm = TensorPrimitives.Norm<double>(cj);
            if (norm == 0) continue; // rank deficient (probability zero for a normal matrix)
            TensorPrimitives.Divide<double>(cj, norm, cj);
        }
    }
}
