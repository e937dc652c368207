using Ember.NN;

namespace Ember;

/// <summary>Scalar special functions in double precision: erfc over the whole line and erfinv.</summary>
internal static class SpecialMath
{
    private const double TwoOverSqrtPi = 1.1283791670955125739;
    private const double Sqrt1_2 = 0.70710678118654752440;

    /// <summary>erfc(x) for any x: <see cref="NormalCdf.Erfc"/> for x ≥ 0 and 2 − erfc(−x) below (NaN stays NaN).</summary>
    public static double Erfc(double x) => x >= 0 ? NormalCdf.Erfc(x) : x < 0 ? 2 - NormalCdf.Erfc(-x) : double.NaN;

    /// <summary>
    /// The inverse error function: erf(erfinv(y)) = y for y in (−1, 1), ±∞ at ±1, NaN outside [−1, 1]. A start
    /// from the inverse normal CDF, then Halley steps on erf(x) − y, computed as (1 − |y|) − erfc(|x|) in the
    /// tails so that the residual keeps its relative precision next to ±1.
    /// </summary>
    public static double Erfinv(double y)
    {
        if (double.IsNaN(y) || y < -1 || y > 1) return double.NaN;
        if (y == 1) return double.PositiveInfinity;
        if (y == -1) return double.NegativeInfinity;
        if (y == 0) return y; // keeps the sign of −0
        double a = Math.Abs(y);
        // erfinv(a) = Φ⁻¹((1 + a)/2)/√2 = −Φ⁻¹((1 − a)/2)/√2; 1 − a is exact for a ≥ 0.5.
        double x = -InitMath.NormalIcdf((1 - a) / 2) * Sqrt1_2;
        for (int i = 0; i < 3; i++)
        {
            double f = a < 0.5 ? NormalCdf.Erf(x) - a : (1 - a) - NormalCdf.Erfc(x);
            double slope = TwoOverSqrtPi * Math.Exp(-x * x);
            if (f == 0 || slope == 0) break;
            double u = f / slope;
            // Halley: erf'' = −2x·erf'
            x -= u / (1 + x * u);
        }
        return y < 0 ? -x : x;
    }
}
