namespace Ember.Metrics;

/// <summary>
/// The mean squared error, mean((pred - target)²) (scikit-learn's <c>mean_squared_error</c>; PyTorch's <c>MSELoss</c> for one output), streamed over batches.
/// </summary>
/// <remarks>Predictions and targets have the same shape [N, …] ([N] against [N, 1] is accepted, as scikit-learn);
/// every trailing element is one output, and several outputs are averaged uniformly (scikit-learn's
/// <c>multioutput="uniform_average"</c>: the MSE of each output, then their mean). Sums are compensated float64.
/// NaN and infinite values are rejected, as scikit-learn does.</remarks>
public sealed class MeanSquaredError : Metric<double>
{
    private readonly ErrorSums _errors = new(squared: true);

    /// <summary>Creates the metric.</summary>
    /// <param name="name">The display name (default <c>"mean_squared_error"</c>, Keras' name).</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public MeanSquaredError(string name = "mean_squared_error") : base(name) { }

    /// <inheritdoc/>
    protected override long UpdateCore(Tensor predictions, Tensor targets) => _errors.Update(predictions, targets, Name);

    /// <inheritdoc/>
    protected override double ComputeCore() => _errors.UniformAverage(Count);

    /// <inheritdoc/>
    protected override void ResetCore() => _errors.Reset();
}
