namespace Ember.Metrics;

/// <summary>
/// The F1 score, the harmonic mean of precision and recall (scikit-learn's <c>f1_score</c>, with its <c>average</c>, <c>pos_label</c>, <c>labels</c> and <c>zero_division</c>
/// behaviour), streamed over batches; see <see cref="ClassScore"/> for how predictions and classes are read.
/// </summary>
public sealed class F1Score : ClassScore
{
    /// <summary>Creates the metric.</summary>
    /// <param name="average">How classes combine (default <see cref="Metrics.Average.Binary"/>, scikit-learn's default: only
    /// <paramref name="posLabel"/>, and the labels seen must be at most two).</param>
    /// <param name="posLabel">The positive class for <see cref="Metrics.Average.Binary"/> (default 1).</param>
    /// <param name="zeroDivision">The value of a ratio whose denominator is zero: 0 (default, scikit-learn's "warn") or 1.</param>
    /// <param name="numClasses">The number of classes (default null: the classes seen); labels must then be below it.</param>
    /// <param name="name">The display name (default <c>"f1_score"</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="average"/> is undefined, or <paramref name="posLabel"/> or
    /// <paramref name="numClasses"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="zeroDivision"/> is not 0 or 1, or <paramref name="name"/> is empty.</exception>
    public F1Score(Average average = Average.Binary, int posLabel = 1, double zeroDivision = 0, int? numClasses = null, string name = "f1_score")
        : base(ClassCounts.Score.F1, average, posLabel, zeroDivision, numClasses, name)
    {
    }
}
