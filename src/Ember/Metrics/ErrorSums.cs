namespace Ember.Metrics;

/// <summary>The accumulator behind MSE, RMSE and MAE: per-output sums of squared or absolute errors.</summary>
internal sealed class ErrorSums(bool squared)
{
    private readonly OutputSums _sums = new();

    internal long Update(Tensor predictions, Tensor targets, string name)
    {
        var (p, t, n, outputs) = RegressionInput.Read(predictions, targets, _sums.Outputs, name);
        _sums.EnsureOutputs(outputs);
        for (int i = 0; i < p.Length; i++)
        {
            double e = p[i] - t[i];
            _sums.Add(i % outputs, squared ? e * e : Math.Abs(e));
        }
        return n;
    }

    /// <summary>
    /// scikit-learn's <c>multioutput="uniform_average"</c>: each output's mean error over <paramref name="count"/> samples
    /// (its square root with <paramref name="root"/>), averaged over the outputs.
    /// </summary>
    internal double UniformAverage(long count, bool root = false)
    {
        double total = 0;
        for (int k = 0; k < _sums.Outputs; k++)
        {
            double mean = _sums[k] / count;
            total += root ? Math.Sqrt(mean) : mean;
        }
        return total / _sums.Outputs;
    }

    internal void Reset() => _sums.Reset();
}
