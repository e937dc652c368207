namespace Ember.Selection;

/// <summary>
/// A small limited-memory BFGS minimizer over a float64 vector (memory 10, backtracking Armijo line search), for the convex
/// final estimators of the stacking ensembles. Deterministic; single-threaded.
/// </summary>
internal static class Lbfgs
{
    /// <summary>
    /// Minimizes f from <paramref name="x"/> (updated in place) until the largest gradient component is at most
    /// <paramref name="gtol"/> or <paramref name="maxIter"/> iterations ran; returns the iterations used.
    /// </summary>
    /// <param name="fg">Writes the gradient at x into its second argument and returns f(x).</param>
    /// <param name="x">The start, replaced by the minimizer.</param>
    /// <param name="maxIter">The most iterations.</param>
    /// <param name="gtol">The gradient tolerance (largest absolute component).</param>
    /// <param name="memory">The number of correction pairs kept.</param>
    public static int Minimize(Func<double[], double[], double> fg, double[] x, int maxIter, double gtol, int memory = 10)
    {
        int n = x.Length;
        var g = new double[n];
        double f = fg(x, g);
        var s = new List<double[]>();
        var y = new List<double[]>();
        var rho = new List<double>();
        var d = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        var alpha = new double[memory];
        for (int it = 0; it < maxIter; it++)
        {
            if (MaxAbs(g) <= gtol) return it;
            // Two-loop recursion: d = −H·g.
            for (int i = 0; i < n; i++) d[i] = -g[i];
            for (int k = s.Count - 1; k >= 0; k--)
            {
                alpha[k] = rho[k] * Dot(s[k], d);
                Axpy(-alpha[k], y[k], d);
            }
            double gamma = s.Count > 0 ? Dot(s[^1], y[^1]) / Dot(y[^1], y[^1]) : 1.0 / Math.Max(1.0, Math.Sqrt(Dot(g, g)));
            for (int i = 0; i < n; i++) d[i] *= gamma;
            for (int k = 0; k < s.Count; k++)
            {
                double beta = rho[k] * Dot(y[k], d);
                Axpy(alpha[k] - beta, s[k], d);
            }
            double slope = Dot(g, d);
            if (!(slope < 0))
            {
                // Not a descent direction (numerical trouble): restart from steepest descent.
                s.Clear(); y.Clear(); rho.Clear();
                for (int i = 0; i < n; i++) d[i] = -g[i] / Math.Max(1.0, Math.Sqrt(Dot(g, g)));
                slope = Dot(g, d);
            }
            double step = 1, fNew;
            while (true)
            {
                for (int i = 0; i < n; i++) xNew[i] = x[i] + step * d[i];
                fNew = fg(xNew, gNew);
                if (fNew <= f + 1e-4 * step * slope) break;
                step *= 0.5;
                if (step < 1e-20) return it; // no further decrease possible in float64
            }
            var si = new double[n];
            var yi = new double[n];
            for (int i = 0; i < n; i++) { si[i] = xNew[i] - x[i]; yi[i] = gNew[i] - g[i]; }
            double sy = Dot(si, yi);
            if (sy > 1e-300)
            {
                if (s.Count == memory) { s.RemoveAt(0); y.RemoveAt(0); rho.RemoveAt(0); }
                s.Add(si); y.Add(yi); rho.Add(1 / sy);
            }
            Array.Copy(xNew, x, n);
            Array.Copy(gNew, g, n);
            f = fNew;
        }
        return maxIter;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static void Axpy(double a, double[] x, double[] y)
    {
        for (int i = 0; i < x.Length; i++) y[i] += a * x[i];
    }

    private static double MaxAbs(double[] a)
    {
        double m = 0;
        foreach (double v in a) m = Math.Max(m, Math.Abs(v));
        return m;
    }
}
