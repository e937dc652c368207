namespace Ember.Metrics;

/// <summary>The accumulator behind MSE, RMSE and MAE: per-output sums of squared or absolute errors.</summary>
internal sealed class ErrorSums(bool squared)
{
    private readonly OutputSums _sums = new();

    internal int Outputs => _sums.Outputs;

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

    /// <summary>The mean error of one output over <paramref name="count"/> samples.</summary>
    internal double Mean(int output, long count) => _sums[output] / count;

    internal void Reset() => _sums.Reset();
}
