namespace Ember.Metrics;

/// <summary>
/// The root mean squared error of the logarithms, sqrt(mean((log(max(pred, 1)) - log(target))²)): d2l's
/// <c>log_rmse</c>, the Kaggle house-price metric. Predictions below 1 are clamped to 1 first (so the logarithm is
/// defined), as d2l does; relative errors count, not absolute ones.
/// </summary>
/// <remarks>Predictions and targets have the same shape [N, …] ([N] against [N, 1] is accepted); the mean runs over
/// every element (PyTorch's <c>MSELoss</c>), in compensated float64. Targets must be positive; NaN and infinite
/// values are rejected.</remarks>
public sealed class LogRmse : Metric<double>
{
    private readonly OutputSums _sum = new();
    private long _elements;
    private int _outputs = -1;

    /// <summary>Creates the metric.</summary>
    /// <param name="name">The display name (default <c>"log_rmse"</c>, d2l's name).</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public LogRmse(string name = "log_rmse") : base(name) { }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">A target is zero or negative.</exception>
    protected override long UpdateCore(Tensor predictions, Tensor targets)
    {
        var (p, t, n, outputs) = RegressionInput.Read(predictions, targets, _outputs, Name);
        for (int i = 0; i < t.Length; i++)
            if (t[i] <= 0)
                throw new ArgumentException($"{Name}: targets must be positive (their logarithm is taken), got {t[i]} at element {i}", nameof(targets));
        _sum.EnsureOutputs(1);
        _outputs = outputs;
        for (int i = 0; i < p.Length; i++)
        {
            double e = Math.Log(Math.Max(p[i], 1.0)) - Math.Log(t[i]);
            _sum.Add(0, e * e);
        }
        _elements += p.Length;
        return n;
    }

    /// <inheritdoc/>
    protected override double ComputeCore() => Math.Sqrt(_sum[0] / _elements);

    /// <inheritdoc/>
    protected override void ResetCore()
    {
        _sum.Reset();
        _elements = 0;
        _outputs = -1;
    }
}
