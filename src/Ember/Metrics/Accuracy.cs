namespace Ember.Metrics;

/// <summary>
/// The fraction of samples whose predicted class equals the true class (scikit-learn's <c>accuracy_score</c>,
/// Keras' <c>accuracy</c>).
/// </summary>
/// <remarks>
/// Predictions: [N, C] logits or probabilities (C ≥ 2) give the class by argmax (the first maximum wins);
/// integer [N] (or [N, 1]) tensors are class indices; float [N] (or [N, 1]) tensors are binary scores, class 1 when
/// the score is greater than <see cref="Threshold"/> (0.5 suits probabilities; pass 0 for logits).
/// Targets: integer-valued class indices [N] (or [N, 1], any dtype), or one-hot rows [N, C] (argmax).
/// </remarks>
/// <example>
/// <code>
/// var acc = new Accuracy();
/// foreach (var (x, y) in loader) acc.Update(model.Call(x), y);
/// double a = acc.Compute();
/// </code>
/// </example>
public sealed class Accuracy : Metric<double>
{
    private long _correct;

    /// <summary>Creates the metric.</summary>
    /// <param name="threshold">The threshold for float [N] binary scores (default 0.5; use 0 for logits).</param>
    /// <param name="name">The display name (default <c>"accuracy"</c>).</param>
    /// <exception cref="ArgumentException"><paramref name="threshold"/> is NaN, or <paramref name="name"/> is empty.</exception>
    public Accuracy(double threshold = 0.5, string name = "accuracy") : base(name)
    {
        if (double.IsNaN(threshold)) throw new ArgumentException("accuracy: threshold must not be NaN", nameof(threshold));
        Threshold = threshold;
    }

    /// <summary>The threshold applied to float [N] binary scores.</summary>
    public double Threshold { get; }

    /// <inheritdoc/>
    protected override long UpdateCore(Tensor predictions, Tensor targets)
    {
        var pred = MetricInput.PredictedLabels(predictions, Threshold, null, Name);
        var truth = MetricInput.TrueLabels(targets, null, Name);
        MetricInput.CheckSameCount(pred.Length, truth.Length, predictions, targets, Name);
        long correct = 0;
        for (int i = 0; i < pred.Length; i++) if (pred[i] == truth[i]) correct++;
        _correct += correct;
        return pred.Length;
    }

    /// <inheritdoc/>
    protected override double ComputeCore() => (double)_correct / Count;

    /// <inheritdoc/>
    protected override void ResetCore() => _correct = 0;
}
