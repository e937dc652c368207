namespace Ember.Metrics;

/// <summary>
/// A streaming metric: <see cref="Update(Tensor, Tensor)"/> once per batch, then a result over every sample seen
/// (exactly scikit-learn's value on the concatenated predictions), then <see cref="Reset()"/> for the next epoch.
/// Counts are exact integers and sums are accumulated in float64 whatever the input dtype. A metric is not
/// thread-safe: update it from one thread at a time. Derive from <see cref="Metric{TResult}"/> to add a metric.
/// </summary>
public abstract class Metric
{
    /// <summary>Creates the metric with its display name.</summary>
    /// <param name="name">The name (Keras style, e.g. <c>"accuracy"</c>) shown in progress lines and the history.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    protected Metric(string name)
    {
        if (string.IsNullOrEmpty(name)) throw new ArgumentException("metric: the name must not be empty", nameof(name));
        Name = name;
    }

    /// <summary>The metric's name (Keras style: <c>"accuracy"</c>, <c>"top_5_accuracy"</c>, <c>"precision"</c>, …).</summary>
    public string Name { get; }

    /// <summary>The number of samples accumulated since construction or the last <see cref="Reset()"/>.</summary>
    public long Count { get; private set; }

    /// <summary>
    /// Accumulates one batch. The input is fully validated before any state changes, so a batch that throws
    /// leaves the metric as it was.
    /// </summary>
    /// <param name="predictions">The model's output for the batch (shape documented by each metric; any dtype, read as float64).</param>
    /// <param name="targets">The true values for the batch.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes do not match, or a value is invalid (NaN, a class index out of range, …);
    /// the message starts with the metric's name.</exception>
    public void Update(Tensor predictions, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        Count += UpdateCore(predictions, targets);
    }

    /// <summary>Forgets every sample seen (call at the start of each epoch).</summary>
    public void Reset()
    {
        Count = 0;
        ResetCore();
    }

    /// <summary>Validates and accumulates one batch; returns the number of samples it held.</summary>
    /// <param name="predictions">The predictions (not null).</param>
    /// <param name="targets">The targets (not null).</param>
    protected abstract long UpdateCore(Tensor predictions, Tensor targets);

    /// <summary>Clears the accumulated state.</summary>
    protected abstract void ResetCore();

    /// <summary>Throws when no sample has been accumulated yet.</summary>
    /// <exception cref="InvalidOperationException">No sample was seen since construction or the last reset.</exception>
    protected void EnsureSamples()
    {
        if (Count == 0)
            throw new InvalidOperationException($"{Name}: Compute was called before any Update with at least one sample (or right after Reset)");
    }

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
