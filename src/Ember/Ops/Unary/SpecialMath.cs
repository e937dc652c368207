namespace Ember;

/// <summary>Scalar special functions in double precision: erfc over the whole line and erfinv.</summary>
internal static class SpecialMath
{
    private const double TwoOverSqrtPi = 1.1283791670955125739;

    /// <summary>erfc(x) for any x: <see cref="NormalCdf.Erfc"/> for x ≥ 0 and 2 − erfc(−x) below (NaN stays NaN).</summary>
    public static double Erfc(double x) => x >= 0 ? NormalCdf.Erfc(x) : x < 0 ? 2 - NormalCdf.Erfc(-x) : double.NaN;

    /// <summary>
    /// The inverse error function: erf(erfinv(y)) = y for y in (−1, 1), ±∞ at ±1, NaN outside [−1, 1]. Winitzki's
    /// closed-form start (relative error below 2e-3), then Halley steps on erf(x) − y, the residual computed as
    /// (1 − |y|) − erfc(|x|) in the tails so that it keeps its relative precision next to ±1.
    /// </summary>
    public static double Erfinv(double y)
    {
        if (double.IsNaN(y) || y < -1 || y > 1) return double.NaN;
        if (y == 1) return double.PositiveInfinity;
        if (y == -1) return double.NegativeInfinity;
        if (y == 0) return y; // keeps the sign of −0
        const double A = 0.147;
        double a = Math.Abs(y);
        double w = Math.Log((1 - a) * (1 + a)); // ln(1 − y²), accurate next to 1
        double t = 2 / (Math.PI * A) + w / 2;
        double x = Math.Sqrt(Math.Sqrt(t * t - w / A) - t);
        for (int i = 0; i < 4; i++)
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
