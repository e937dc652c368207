namespace Ember.Metrics;

/// <summary>
/// The fraction of samples whose true class is among the <see cref="K"/> highest-scored classes (scikit-learn's
/// <c>top_k_accuracy_score</c> with <c>labels = 0..C-1</c>; Keras' top-k categorical accuracy).
/// </summary>
/// <remarks>
/// Predictions: [N, C] scores (logits or probabilities), C ≥ 2. Targets: integer-valued class indices [N] (or [N, 1])
/// in [0, C). Ties are broken as scikit-learn does (a stable ascending sort, reversed): among equal scores the class
/// with the larger index ranks higher.
/// </remarks>
public sealed class TopKAccuracy : Metric<double>
{
    private long _hits;
    private int _classes = -1;

    /// <summary>Creates the metric.</summary>
    /// <param name="k">How many top classes count as a hit (default 5); at least 1 and at most C.</param>
    /// <param name="name">The display name (default <c>"top_{k}_accuracy"</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is less than 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public TopKAccuracy(int k = 5, string? name = null) : base(name ?? $"top_{k}_accuracy")
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), $"top_k_accuracy: k must be at least 1, got {k}");
        K = k;
    }

    /// <summary>How many top classes count as a hit.</summary>
    public int K { get; }

    /// <inheritdoc/>
    protected override long UpdateCore(Tensor predictions, Tensor targets)
    {
        if (predictions.Dim != 2 || predictions.ShapeArray[1] < 2)
            throw new ArgumentException($"{Name}: predictions must be [N, C] scores with C >= 2, got shape {predictions.Shape}", nameof(predictions));
        int n = predictions.ShapeArray[0], c = predictions.ShapeArray[1];
        if (K > c) throw new ArgumentException($"{Name}: k ({K}) is greater than the number of classes ({c}) of predictions {predictions.Shape}", nameof(predictions));
        if (_classes >= 0 && c != _classes)
            throw new ArgumentException($"{Name}: predictions have {c} classes but earlier batches had {_classes}", nameof(predictions));
        MetricInput.CheckColumn(targets, Name, "targets");
        var truth = MetricInput.Labels(targets, c, Name, "targets");
        MetricInput.CheckSameCount(n, truth.Length, predictions, targets, Name);
        var s = predictions.ToArray<double>();
        MetricInput.CheckFinite(s, Name, "predictions");
        long hits = 0;
        for (int i = 0; i < n; i++)
        {
            int row = i * c, t = truth[i];
            double st = s[row + t];
            int above = 0;
            for (int j = 0; j < c; j++)
            {
                double x = s[row + j];
                if (x > st || (x == st && j > t)) above++;
            }
            if (above < K) hits++;
        }
        _classes = c;
        _hits += hits;
        return n;
    }

    /// <inheritdoc/>
    protected override double ComputeCore() => (double)_hits / Count;

    /// <inheritdoc/>
    protected override void ResetCore()
    {
        _hits = 0;
        _classes = -1;
    }
}
