namespace Ember.Selection;

/// <summary>The closed-form and convex fits behind the stacking ensembles' final estimators, in float64.</summary>
internal static class LinearSolvers
{
    /// <summary>
    /// scikit-learn's multinomial <c>LogisticRegression(C)</c>: minimizes Σᵢ −log softmax(W·xᵢ + b)[yᵢ] + ‖W‖²/(2C) (the
    /// intercept not penalized) with L-BFGS. x is row-major [n, d]; returns W [k, d] (row-major) and b [k].
    /// </summary>
    public static (double[] W, double[] B) Logistic(double[] x, int n, int d, long[] y, int k, double c, int maxIter)
    {
        var theta = new double[k * d + k];
        var logits = new double[k];
        double Objective(double[] t, double[] grad)
        {
            Array.Clear(grad);
            double loss = 0;
            for (int i = 0; i < n; i++)
            {
                double max = double.NegativeInfinity;
                for (int j = 0; j < k; j++)
                {
                    double z = t[k * d + j];
                    for (int f = 0; f < d; f++) z += t[j * d + f] * x[i * d + f];
                    logits[j] = z;
                    max = Math.Max(max, z);
                }
                double sum = 0;
                for (int j = 0; j < k; j++) sum += Math.Exp(logits[j] - max);
                double logSum = max + Math.Log(sum);
                loss += logSum - logits[y[i]];
                for (int j = 0; j < k; j++)
                {
                    double r = Math.Exp(logits[j] - logSum) - (j == y[i] ? 1 : 0);
                    for (int f = 0; f < d; f++) grad[j * d + f] += r * x[i * d + f];
                    grad[k * d + j] += r;
                }
            }
            double penalty = 0;
            for (int p = 0; p < k * d; p++)
            {
                penalty += t[p] * t[p];
                grad[p] += t[p] / c;
            }
            return loss + penalty / (2 * c);
        }
        Lbfgs.Minimize(Objective, theta, maxIter, gtol: 1e-10 * Math.Max(1, n));
        return (theta[..(k * d)], theta[(k * d)..]);
    }

    /// <summary>
    /// Least squares with an intercept (scikit-learn's <c>LinearRegression</c>; with <paramref name="alpha"/> &gt; 0 its
    /// <c>Ridge(alpha)</c>, intercept not penalized): centers x and y, solves (XᵀX + αI)·W = Xᵀy through a symmetric eigen
    /// decomposition (the minimum-norm solution when XᵀX is singular, as <c>lstsq</c>). x [n, d], y [n, t] row-major; returns
    /// W [t, d] (row-major) and b [t].
    /// </summary>
    public static (double[] W, double[] B) LeastSquares(double[] x, int n, int d, double[] y, int t, double alpha)
    {
        var xm = new double[d];
        var ym = new double[t];
        for (int i = 0; i < n; i++)
        {
            for (int f = 0; f < d; f++) xm[f] += x[i * d + f] / n;
            for (int j = 0; j < t; j++) ym[j] += y[i * t + j] / n;
        }
        var a = new double[d, d];
        var xty = new double[d, t];
        for (int i = 0; i < n; i++)
            for (int f = 0; f < d; f++)
            {
                double xf = x[i * d + f] - xm[f];
                for (int g = f; g < d; g++) a[f, g] += xf * (x[i * d + g] - xm[g]);
                for (int j = 0; j < t; j++) xty[f, j] += xf * (y[i * t + j] - ym[j]);
            }
        for (int f = 0; f < d; f++)
        {
            a[f, f] += alpha;
            for (int g = 0; g < f; g++) a[f, g] = a[g, f];
        }
        var (values, vectors) = Jacobi(a, d);
        double cutoff = values.Max() * 1e-13 * Math.Max(d, 1);
        var w = new double[t * d];
        for (int j = 0; j < t; j++)
            for (int e = 0; e < d; e++)
            {
                if (!(values[e] > cutoff)) continue;
                double proj = 0;
                for (int f = 0; f < d; f++) proj += vectors[f, e] * xty[f, j];
                proj /= values[e];
                for (int f = 0; f < d; f++) w[j * d + f] += proj * vectors[f, e];
            }
        var b = new double[t];
        for (int j = 0; j < t; j++)
        {
            b[j] = ym[j];
            for (int f = 0; f < d; f++) b[j] -= w[j * d + f] * xm[f];
        }
        return (w, b);
    }

    /// <summary>Cyclic Jacobi eigen decomposition of a symmetric matrix: eigenvalues and eigenvectors (columns).</summary>
    private static (double[] Values, double[,] Vectors) Jacobi(double[,] input, int d)
    {
        var a = (double[,])input.Clone();
        var v = new double[d, d];
        for (int i = 0; i < d; i++) v[i, i] = 1;
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, norm = 0;
            for (int p = 0; p < d; p++)
                for (int q = 0; q < d; q++)
                {
                    norm += a[p, q] * a[p, q];
                    if (p != q) off += a[p, q] * a[p, q];
                }
            if (off <= 1e-30 * norm || off == 0) break;
            for (int p = 0; p < d - 1; p++)
                for (int q = p + 1; q < d; q++)
                {
                    if (a[p, q] == 0) continue;
                    double theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    double tt = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    double cs = 1 / Math.Sqrt(tt * tt + 1), sn = tt * cs;
                    for (int k = 0; k < d; k++)
                    {
                        double akp = a[k, p], akq = a[k, q];
                        a[k, p] = cs * akp - sn * akq;
                        a[k, q] = sn * akp + cs * akq;
                    }
                    for (int k = 0; k < d; k++)
                    {
                        double apk = a[p, k], aqk = a[q, k];
                        a[p, k] = cs * apk - sn * aqk;
                        a[q, k] = sn * apk + cs * aqk;
                    }
                    for (int k = 0; k < d; k++)
                    {
                        double vkp = v[k, p], vkq = v[k, q];
                        v[k, p] = cs * vkp - sn * vkq;
                        v[k, q] = sn * vkp + cs * vkq;
                    }
                }
        }
        var values = new double[d];
        for (int i = 0; i < d; i++) values[i] = a[i, i];
        return (values, v);
    }
}
