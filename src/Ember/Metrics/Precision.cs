namespace Ember.Metrics;

/// <summary>
/// Precision, tp / (tp + fp) (scikit-learn's <c>precision_score</c>, with its <c>average</c>, <c>pos_label</c>, <c>labels</c> and
/// <c>zero_division</c> behaviour), streamed over batches.
/// </summary>
/// <remarks>
/// Predictions and targets are read as by <see cref="Accuracy"/>: [N, C] scores give the class by argmax, integer [N]
/// tensors are class indices, float [N] scores are thresholded at 0.5 (probabilities); targets are class indices.
/// The classes are those seen in the targets or the predictions (scikit-learn's default <c>labels=None</c>), or
/// 0..numClasses-1 when <c>numClasses</c> is given (scikit-learn's <c>labels=range(numClasses)</c>, so a class never
/// seen counts, with zero division, in the macro average). A class never predicted (or never true) has a zero
/// denominator, whose value is <c>zeroDivision</c>: 0 is scikit-learn's default <c>"warn"</c> (without the warning).
/// </remarks>
public sealed class Precision : Metric<double>
{
    private readonly ClassCounts _counts;

    /// <summary>Creates the metric.</summary>
    /// <param name="average">How classes combine (default <see cref="Metrics.Average.Binary"/>, scikit-learn's default: only
    /// <paramref name="posLabel"/>, and the labels seen must be at most two).</param>
    /// <param name="posLabel">The positive class for <see cref="Metrics.Average.Binary"/> (default 1).</param>
    /// <param name="zeroDivision">The value of a ratio whose denominator is zero: 0 (default, scikit-learn's "warn") or 1.</param>
    /// <param name="numClasses">The number of classes (default null: the classes seen); labels must then be below it.</param>
    /// <param name="name">The display name (default <c>"precision"</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="average"/> is undefined, or <paramref name="posLabel"/> or
    /// <paramref name="numClasses"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="zeroDivision"/> is not 0 or 1, or <paramref name="name"/> is empty.</exception>
    public Precision(Average average = Average.Binary, int posLabel = 1, double zeroDivision = 0, int? numClasses = null, string name = "precision")
        : base(name)
    {
        ClassCounts.CheckOptions(name, average, posLabel, zeroDivision, numClasses);
        (Average, PosLabel, ZeroDivision, NumClasses) = (average, posLabel, zeroDivision, numClasses);
        _counts = new ClassCounts(average, posLabel, zeroDivision, numClasses);
    }

    /// <summary>How classes combine.</summary>
    public Average Average { get; }

    /// <summary>The positive class for <see cref="Metrics.Average.Binary"/>.</summary>
    public int PosLabel { get; }

    /// <summary>The value of a ratio with a zero denominator (0 or 1).</summary>
    public double ZeroDivision { get; }

    /// <summary>The number of classes, or null for the classes seen.</summary>
    public int? NumClasses { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">More than two labels were seen with <see cref="Metrics.Average.Binary"/>.</exception>
    protected override long UpdateCore(Tensor predictions, Tensor targets) => _counts.Update(predictions, targets, Name);

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">With <see cref="Metrics.Average.Binary"/>, two labels were seen and neither is
    /// <see cref="PosLabel"/>.</exception>
    protected override double ComputeCore() => _counts.Compute(ClassCounts.Score.Precision, Name);

    /// <inheritdoc/>
    protected override void ResetCore() => _counts.Reset();
}
