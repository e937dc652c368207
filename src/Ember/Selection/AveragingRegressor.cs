using Ember.NN;

namespace Ember.Selection;

/// <summary>
/// The weighted mean of trained regressors' predictions (scikit-learn's <c>VotingRegressor</c> over prefit estimators:
/// <c>np.average(predictions, weights=…)</c>). A module: <see cref="Forward"/> is <see cref="Predict"/>; the models (its
/// children <c>"0"</c>, <c>"1"</c>, …) run in evaluation mode under no-grad, and each module's mode is put back.
/// </summary>
public sealed class AveragingRegressor : Module<Tensor, Tensor>
{
    private const string Op = "averagingregressor";
    private readonly Module<Tensor, Tensor>[] _models;
    private readonly double[] _weights;

    /// <summary>Creates the ensemble.</summary>
    /// <param name="models">The trained regressors (at least one), all giving outputs of one shape (e.g. [N] or [N, 1]).</param>
    /// <param name="weights">One weight per model (default: all 1); finite, non-negative, not all zero.</param>
    /// <exception cref="ArgumentNullException"><paramref name="models"/> or a model is null.</exception>
    /// <exception cref="ArgumentException">No model; weights of the wrong length, negative, not finite or all zero.</exception>
    public AveragingRegressor(IEnumerable<Module<Tensor, Tensor>> models, IReadOnlyList<double>? weights = null)
    {
        _models = Ensemble.Models(models, Op);
        _weights = Ensemble.Weights(weights, _models.Length, Op);
        for (int i = 0; i < _models.Length; i++) RegisterModule(i.ToString(System.Globalization.CultureInfo.InvariantCulture), _models[i]);
    }

    /// <summary>The models, in order.</summary>
    public IReadOnlyList<Module<Tensor, Tensor>> Models => _models;

    /// <summary>The models' weights (all 1 when none were given).</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>The weighted mean of the models' outputs.</summary>
    /// <param name="input">The inputs [N, …] the models take.</param>
    /// <returns>The mean, in the models' output shape and dtype (computed in float64).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The models' outputs differ in shape or are not floating point.</exception>
    public Tensor Predict(Tensor input)
    {
        var outputs = Ensemble.Outputs(_models, input, Op);
        if (!outputs[0].DType.IsFloatingPoint())
            throw new ArgumentException($"{Op}: regressors must give floating-point outputs, got {outputs[0].Describe()}", nameof(input));
        return Ensemble.WeightedMean(outputs, _weights).To(outputs[0].DType);
    }

    /// <summary>Same as <see cref="Predict"/>.</summary>
    /// <param name="input">The inputs [N, …] the models take.</param>
    /// <returns>The weighted mean of the models' outputs.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The models' outputs differ in shape or are not floating point.</exception>
    public override Tensor Forward(Tensor input) => Predict(input);
}
