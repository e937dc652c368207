using Ember.NN;

namespace Ember.Selection;

/// <summary>
/// Stacking of trained regressors (scikit-learn's <c>StackingRegressor(cv='prefit')</c> with a <c>LinearRegression</c> final
/// estimator, or <c>Ridge(alpha)</c> with <see cref="Alpha"/> &gt; 0): the models' outputs, side by side (and the input with
/// <see cref="Passthrough"/>), are the features of a linear layer fitted by least squares in closed form by <see cref="Fit"/>
/// on held-out data.
/// </summary>
/// <remarks>
/// The final estimator is a float64 <see cref="Linear"/>; with collinear features (two models that agree exactly) and no
/// ridge it takes the minimum-norm solution, as <c>lstsq</c>. A module: <see cref="Forward"/> gives <see cref="Predict"/>.
/// The base models are its children <c>"0"</c>, <c>"1"</c>, …, the fitted layer <c>"final_estimator"</c>; base models run in
/// evaluation mode under no-grad and each module's mode is put back.
/// </remarks>
public sealed class StackingRegressor : Module<Tensor, Tensor>
{
    private const string Op = "stackingregressor";
    private readonly Module<Tensor, Tensor>[] _models;
    private bool _vectorTargets;

    /// <summary>Creates the (unfitted) ensemble.</summary>
    /// <param name="models">The trained regressors (at least one), all giving outputs of one shape, [N] or [N, T].</param>
    /// <param name="passthrough">Also feed the input, flattened, to the final estimator (default false).</param>
    /// <param name="alpha">The ridge penalty on the weights (default 0: plain least squares); finite, non-negative.</param>
    /// <exception cref="ArgumentNullException"><paramref name="models"/> or a model is null.</exception>
    /// <exception cref="ArgumentException">No model.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is negative or not finite.</exception>
    public StackingRegressor(IEnumerable<Module<Tensor, Tensor>> models, bool passthrough = false, double alpha = 0)
    {
        _models = Ensemble.Models(models, Op);
        if (!(alpha >= 0) || !double.IsFinite(alpha)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"{Op}: alpha must be finite and non-negative, got {alpha}");
        Passthrough = passthrough;
        Alpha = alpha;
        for (int i = 0; i < _models.Length; i++) RegisterModule(i.ToString(System.Globalization.CultureInfo.InvariantCulture), _models[i]);
    }

    /// <summary>The base models, in order.</summary>
    public IReadOnlyList<Module<Tensor, Tensor>> Models => _models;

    /// <summary>Whether the input is fed to the final estimator too.</summary>
    public bool Passthrough { get; }

    /// <summary>The ridge penalty.</summary>
    public double Alpha { get; }

    /// <summary>The fitted final estimator (features → predictions [N, T]), or null before <see cref="Fit"/>.</summary>
    public Linear? FinalEstimator { get; private set; }

    /// <summary>The final estimator's input: the models' outputs side by side (and the flattened input with <see cref="Passthrough"/>).</summary>
    /// <param name="input">The inputs [N, …] the models take.</param>
    /// <returns>float64 [N, models·T (+ D)].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The models' outputs differ in shape or are not floating point [N] or [N, T]; with passthrough, the input is not floating point.</exception>
    public Tensor Features(Tensor input) => Stacking.Features(_models, input, Passthrough, classifier: false, Op).Features;

    /// <summary>Fits the final estimator on held-out data and returns this ensemble.</summary>
    /// <param name="input">Held-out inputs [N, …] (not used to train the base models).</param>
    /// <param name="targets">Their values, floating point [N] or [N, T]; predictions take the same form.</param>
    /// <returns>This ensemble.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The targets are not floating point [N] or [N, T], not finite, or as <see cref="Features"/>.</exception>
    public StackingRegressor Fit(Tensor input, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var features = Features(input);
        Stacking.CheckRows(features, targets, Op);
        if (targets.Dim > 2 || !targets.DType.IsFloatingPoint())
            throw new ArgumentException($"{Op}: targets must be floating point [N] or [N, T], got {targets.Describe()}", nameof(targets));
        var y = targets.ToArray<double>();
        if (y.Any(v => !double.IsFinite(v))) throw new ArgumentException($"{Op}: targets must be finite", nameof(targets));
        var x = features.ToArray<double>();
        if (x.Any(v => !double.IsFinite(v))) throw new ArgumentException($"{Op}: the models' outputs on the held-out data must be finite", nameof(input));
        int n = features.Size(0), d = features.Size(1), t = targets.Dim == 1 ? 1 : targets.Size(1);
        var (w, b) = LinearSolvers.LeastSquares(x, n, d, y, t, Alpha);
        FinalEstimator = RegisterModule("final_estimator", Stacking.Layer(w, b, d, t));
        _vectorTargets = targets.Dim == 1;
        return this;
    }

    /// <summary>The final estimator's predictions.</summary>
    /// <param name="input">The inputs [N, …] the models take.</param>
    /// <returns>float64 [N] (when fitted on [N] targets) or [N, T].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><see cref="Fit"/> has not been called.</exception>
    /// <exception cref="ArgumentException">As <see cref="Features"/>, or the features' width differs from the fit's.</exception>
    public Tensor Predict(Tensor input)
    {
        var final = FinalEstimator ?? throw new InvalidOperationException($"{Op}: this ensemble is not fitted yet; call Fit with held-out data first");
        var features = Features(input);
        if (features.Size(1) != final.InFeatures)
            throw new ArgumentException($"{Op}: the input gives {features.Size(1)} features, the fit had {final.InFeatures}", nameof(input));
        using (Torch.NoGrad())
        {
            var output = final.Call(features);
            return _vectorTargets ? output.Squeeze(1) : output;
        }
    }

    /// <summary>Same as <see cref="Predict"/>.</summary>
    /// <param name="input">The inputs [N, …] the models take.</param>
    /// <returns>float64 [N] or [N, T].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><see cref="Fit"/> has not been called.</exception>
    /// <exception cref="ArgumentException">As <see cref="Predict"/>.</exception>
    public override Tensor Forward(Tensor input) => Predict(input);
}
