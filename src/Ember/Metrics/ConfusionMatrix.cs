namespace Ember.Metrics;

/// <summary>
/// The confusion matrix (scikit-learn's <c>confusion_matrix</c> with <c>labels=range(numClasses)</c>): element
/// [i, j] counts the samples of true class i predicted as class j (rows true, columns predicted).
/// </summary>
/// <remarks>Predictions and targets are read as by <see cref="Accuracy"/> (float [N] binary scores at 0.5);
/// class indices must be below <see cref="NumClasses"/>.</remarks>
public sealed class ConfusionMatrix : Metric<Tensor>
{
    private readonly long[] _counts;

    /// <summary>Creates the metric.</summary>
    /// <param name="numClasses">The number of classes C (at least 1, at most 65,536).</param>
    /// <param name="name">The display name (default <c>"confusion_matrix"</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numClasses"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public ConfusionMatrix(int numClasses, string name = "confusion_matrix") : base(name)
    {
        if (numClasses is < 1 or > 65536)
            throw new ArgumentOutOfRangeException(nameof(numClasses), $"confusion_matrix: numClasses must be in [1, 65536], got {numClasses}");
        NumClasses = numClasses;
        _counts = new long[numClasses * numClasses];
    }

    /// <summary>The number of classes C.</summary>
    public int NumClasses { get; }

    /// <inheritdoc/>
    protected override long UpdateCore(Tensor predictions, Tensor targets)
    {
        var pred = MetricInput.PredictedLabels(predictions, 0.5, NumClasses, Name);
        var truth = MetricInput.TrueLabels(targets, NumClasses, Name);
        MetricInput.CheckSameCount(pred.Length, truth.Length, predictions, targets, Name);
        for (int i = 0; i < pred.Length; i++) _counts[truth[i] * NumClasses + pred[i]]++;
        return pred.Length;
    }

    /// <summary>The counts so far, an int64 tensor [C, C] (rows true class, columns predicted class).</summary>
    protected override Tensor ComputeCore() => Torch.FromArray((long[])_counts.Clone(), NumClasses, NumClasses);

    /// <inheritdoc/>
    protected override void ResetCore() => Array.Clear(_counts);
}
