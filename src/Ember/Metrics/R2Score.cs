namespace Ember.Metrics;

/// <summary>
/// The coefficient of determination R² = 1 - Σ(target - pred)² / Σ(target - mean(target))² (scikit-learn's
/// <c>r2_score</c>), streamed over batches.
/// </summary>
/// <remarks>
/// <para>Predictions and targets have the same shape [N, …] ([N] against [N, 1] is accepted); several outputs are
/// averaged uniformly (scikit-learn's <c>multioutput="uniform_average"</c>).</para>
/// <para>scikit-learn's edge cases: a perfect prediction scores 1 (even for a constant target); a constant target
/// predicted imperfectly scores 0 (not -∞); fewer than two samples give NaN. The target's spread is merged over
/// batches with Chan's parallel algorithm on targets shifted by the first target (each batch's mean and squared
/// deviations, then combined), so a constant target gives exactly zero spread and a large common offset causes no
/// cancellation.</para>
/// </remarks>
public sealed class R2Score : Metric<double>
{
    private readonly OutputSums _residual = new();
    private double[] _shift = [], _mean = [], _m2 = []; // mean and M2 of (target - shift), shift = the first target

    /// <summary>Creates the metric.</summary>
    /// <param name="name">The display name (default <c>"r2_score"</c>, Keras' name).</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public R2Score(string name = "r2_score") : base(name) { }

    /// <inheritdoc/>
    protected override long UpdateCore(Tensor predictions, Tensor targets)
    {
        var (p, t, n, outputs) = RegressionInput.Read(predictions, targets, _residual.Outputs, Name);
        if (_residual.Outputs < 0)
        {
            _residual.EnsureOutputs(outputs);
            _shift = new double[outputs];
            _mean = new double[outputs];
            _m2 = new double[outputs];
        }
        if (n == 0) return 0;
        for (int i = 0; i < p.Length; i++)
        {
            double e = t[i] - p[i];
            _residual.Add(i % outputs, e * e);
        }
        long seen = Count;
        for (int k = 0; k < outputs; k++)
        {
            if (seen == 0) _shift[k] = t[k];
            double shift = _shift[k], sum = 0, c = 0;
            for (int i = 0; i < n; i++) Neumaier(ref sum, ref c, t[i * outputs + k] - shift);
            double batchMean = (sum + c) / n;
            double m2 = 0; c = 0;
            for (int i = 0; i < n; i++)
            {
                double d = t[i * outputs + k] - shift - batchMean;
                Neumaier(ref m2, ref c, d * d);
            }
            m2 += c;
            if (seen == 0) { _mean[k] = batchMean; _m2[k] = m2; continue; }
            double total = seen + (double)n, delta = batchMean - _mean[k];
            _mean[k] += delta * (n / total);
            _m2[k] += m2 + delta * delta * (seen * (n / total));
        }
        return n;
    }

    private static void Neumaier(ref double sum, ref double compensation, double x)
    {
        double t = sum + x;
        compensation += Math.Abs(sum) >= Math.Abs(x) ? (sum - t) + x : (x - t) + sum;
        sum = t;
    }

    /// <inheritdoc/>
    protected override double ComputeCore()
    {
        if (Count < 2) return double.NaN;
        double total = 0;
        for (int k = 0; k < _residual.Outputs; k++)
        {
            double numerator = _residual[k], denominator = _m2[k];
            total += numerator == 0 ? 1.0 : denominator == 0 ? 0.0 : 1 - numerator / denominator;
        }
        return total / _residual.Outputs;
    }

    /// <inheritdoc/>
    protected override void ResetCore()
    {
        _residual.Reset();
        _shift = [];
        _mean = [];
        _m2 = [];
    }
}
