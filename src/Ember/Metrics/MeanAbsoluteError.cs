namespace Ember.Metrics;

/// <summary>
/// The mean absolute error, mean(|pred - target|) (scikit-learn's <c>mean_absolute_error</c>), streamed over batches.
/// </summary>
/// <remarks>Predictions and targets have the same shape [N, …] ([N] against [N, 1] is accepted, as scikit-learn);
/// every trailing element is one output, and several outputs are averaged uniformly (scikit-learn's
/// <c>multioutput="uniform_average"</c>: the MAE of each output, then their mean). Sums are compensated float64.
/// NaN and infinite values are rejected, as scikit-learn does.</remarks>
public sealed class MeanAbsoluteError : Metric<double>
{
    private readonly ErrorSums _errors = new(squared: false);

    /// <summary>Creates the metric.</summary>
    /// <param name="name">The display name (default <c>"mean_absolute_error"</c>, Keras' name).</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public MeanAbsoluteError(string name = "mean_absolute_error") : base(name) { }

    /// <inheritdoc/>
    protected override long UpdateCore(Tensor predictions, Tensor targets) => _errors.Update(predictions, targets, Name);

    /// <inheritdoc/>
    protected override double ComputeCore() => _errors.UniformAverage(Count);

    /// <inheritdoc/>
    protected override void ResetCore() => _errors.Reset();
}
