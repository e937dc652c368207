namespace Ember.Metrics;

/// <summary>A streaming metric whose result is a <typeparamref name="TResult"/> (a double for most metrics).</summary>
/// <typeparam name="TResult">The type of the result (<see cref="double"/>, or <see cref="Tensor"/> for the confusion matrix).</typeparam>
public abstract class Metric<TResult> : Metric
{
    /// <summary>Creates the metric with its display name.</summary>
    /// <param name="name">The name (Keras style).</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    protected Metric(string name) : base(name) { }

    /// <summary>The metric over every sample accumulated since construction or the last <see cref="Metric.Reset()"/>.</summary>
    /// <exception cref="InvalidOperationException">No sample was accumulated yet, or the accumulated data does not define
    /// the metric (documented by each metric).</exception>
    public TResult Compute()
    {
        EnsureSamples();
        return ComputeCore();
    }

    /// <summary>Computes the result; called only when at least one sample was seen.</summary>
    protected abstract TResult ComputeCore();
}
