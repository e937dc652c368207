namespace Ember.Metrics;

/// <summary>
/// Precision, tp / (tp + fp) (scikit-learn's <c>precision_score</c>, with its <c>average</c>, <c>pos_label</c>, <c>labels</c> and <c>zero_division</c>
/// behaviour), streamed over batches; see <see cref="ClassScore"/> for how predictions and classes are read.
/// </summary>
public sealed class Precision : ClassScore
{
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
        : base(ClassCounts.Score.Precision, average, posLabel, zeroDivision, numClasses, name)
    {
    }
}
