namespace Ember.Metrics;

/// <summary>
/// The base of <see cref="Precision"/>, <see cref="Recall"/> and <see cref="F1Score"/>: per-class counts streamed over
/// batches and combined as scikit-learn does (its <c>average</c>, <c>pos_label</c>, <c>labels</c> and <c>zero_division</c>).
/// </summary>
/// <remarks>
/// Predictions and targets are read as by <see cref="Accuracy"/>: [N, C] scores give the class by argmax, integer [N]
/// tensors are class indices, float [N] scores are thresholded at 0.5 (probabilities); targets are class indices.
/// The classes are those seen in the targets or the predictions (scikit-learn's default <c>labels=None</c>), or
/// 0..numClasses-1 when <c>numClasses</c> is given (scikit-learn's <c>labels=range(numClasses)</c>, so a class never
/// seen counts, with zero division, in the macro average). A class never predicted (or never true) has a zero
/// denominator, whose value is <c>zeroDivision</c>: 0 is scikit-learn's default <c>"warn"</c> (without the warning).
/// </remarks>
public abstract class ClassScore : Metric<double>
{
    private readonly ClassCounts _counts;
    private readonly ClassCounts.Score _score;

    private protected ClassScore(ClassCounts.Score score, Average average, int posLabel, double zeroDivision, int? numClasses, string name)
        : base(name)
    {
        ClassCounts.CheckOptions(name, average, posLabel, zeroDivision, numClasses);
        (Average, PosLabel, ZeroDivision, NumClasses, _score) = (average, posLabel, zeroDivision, numClasses, score);
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
    protected override double ComputeCore() => _counts.Compute(_score, Name);

    /// <inheritdoc/>
    protected override void ResetCore() => _counts.Reset();
}
