using Ember.NN;

namespace Ember.Selection;

/// <summary>
/// Stacking of trained classifiers (scikit-learn's <c>StackingClassifier(cv='prefit', stack_method='predict_proba')</c> with
/// its default final estimator, a multinomial <c>LogisticRegression(C)</c>): the models' softmax probabilities, side by side
/// (and the input with <see cref="Passthrough"/>), are the features of a linear layer trained by <see cref="Fit"/> on
/// held-out data — data the models were not trained on.
/// </summary>
/// <remarks>
/// <para>The final estimator is a float64 <see cref="Linear"/> [C outputs] minimizing the summed cross-entropy plus
/// ‖W‖²/(2C) (intercept not penalized), solved to convergence with L-BFGS — the unique optimum, which scikit-learn's lbfgs
/// approaches (its default 100 iterations may stop earlier). Unlike scikit-learn with two classes, no probability column is
/// dropped.</para>
/// <para>A module: <see cref="Forward"/> gives <see cref="PredictProba"/>. The base models are its children <c>"0"</c>,
/// <c>"1"</c>, …, the fitted layer <c>"final_estimator"</c>; base models run in evaluation mode under no-grad and each
/// module's mode is put back.</para>
/// </remarks>
public sealed class StackingClassifier : Module<Tensor, Tensor>
{
    private const string Op = "stackingclassifier";
    private readonly Module<Tensor, Tensor>[] _models;

    /// <summary>Creates the (unfitted) ensemble.</summary>
    /// <param name="models">The trained classifiers (at least one), each giving logits [N, C] with the same C.</param>
    /// <param name="passthrough">Also feed the input, flattened, to the final estimator (default false).</param>
    /// <param name="c">The inverse regularization strength (scikit-learn's <c>C</c>, default 1); positive and finite.</param>
    /// <param name="maxIter">The most L-BFGS iterations (default 1000); at least 1.</param>
    /// <exception cref="ArgumentNullException"><paramref name="models"/> or a model is null.</exception>
    /// <exception cref="ArgumentException">No model.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="c"/> is not positive and finite, or <paramref name="maxIter"/> &lt; 1.</exception>
    public StackingClassifier(IEnumerable<Module<Tensor, Tensor>> models, bool passthrough = false, double c = 1.0, int maxIter = 1000)
    {
        _models = Ensemble.Models(models, Op);
        if (!(c > 0) || !double.IsFinite(c)) throw new ArgumentOutOfRangeException(nameof(c), c, $"{Op}: C must be positive and finite, got {c}");
        if (maxIter < 1) throw new ArgumentOutOfRangeException(nameof(maxIter), maxIter, $"{Op}: maxIter must be at least 1, got {maxIter}");
        Passthrough = passthrough;
        C = c;
        MaxIter = maxIter;
        for (int i = 0; i < _models.Length; i++) RegisterModule(i.ToString(System.Globalization.CultureInfo.InvariantCulture), _models[i]);
    }

    /// <summary>The base models, in order.</summary>
    public IReadOnlyList<Module<Tensor, Tensor>> Models => _models;

    /// <summary>Whether the input is fed to the final estimator too.</summary>
    public bool Passthrough { get; }

    /// <summary>The inverse regularization strength.</summary>
    public double C { get; }

    /// <summary>The most L-BFGS iterations.</summary>
    public int MaxIter { get; }

    /// <summary>The fitted final estimator (features → logits), or null before <see cref="Fit"/>.</summary>
    public Linear? FinalEstimator { get; private set; }

    /// <summary>The final estimator's input: the models' probabilities side by side (and the flattened input with <see cref="Passthrough"/>).</summary>
    /// <param name="input">The inputs [N, …] the models take.</param>
    /// <returns>float64 [N, models·C (+ D)].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The models' outputs are not logits [N, C] of one shape; with passthrough, the input is not floating point.</exception>
    public Tensor Features(Tensor input) => Stacking.Features(_models, input, Passthrough, classifier: true, Op).Features;

    /// <summary>Trains the final estimator on held-out data and returns this ensemble.</summary>
    /// <param name="input">Held-out inputs [N, …] (not used to train the base models).</param>
    /// <param name="targets">Their classes, integer [N], each in [0, C).</param>
    /// <returns>This ensemble.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The targets are not integer [N] with values in [0, C), a feature is not finite, or as <see cref="Features"/>.</exception>
    public StackingClassifier Fit(Tensor input, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var (features, classes) = Stacking.Features(_models, input, Passthrough, classifier: true, Op);
        Stacking.CheckRows(features, targets, Op);
        if (targets.Dim != 1 || !targets.DType.IsIntegral())
            throw new ArgumentException($"{Op}: targets must be integer classes [N], got {targets.Describe()}", nameof(targets));
        var y = targets.ToArray<long>();
        for (int i = 0; i < y.Length; i++)
            if (y[i] < 0 || y[i] >= classes)
                throw new ArgumentException($"{Op}: target {y[i]} at {i} is outside the models' {classes} classes", nameof(targets));
        int n = features.Size(0), d = features.Size(1);
        var x = features.ToArray<double>();
        if (x.Any(v => !double.IsFinite(v))) throw new ArgumentException($"{Op}: the models' probabilities (or the passthrough input) on the held-out data must be finite", nameof(input));
        var (w, b) = LinearSolvers.Logistic(x, n, d, y, classes, C, MaxIter);
        FinalEstimator = RegisterModule("final_estimator", Stacking.Layer(w, b, d, classes));
        return this;
    }

    /// <summary>The final estimator's softmax probabilities.</summary>
    /// <param name="input">The inputs [N, …] the models take.</param>
    /// <returns>float64 [N, C].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><see cref="Fit"/> has not been called.</exception>
    /// <exception cref="ArgumentException">As <see cref="Features"/>, or the features' width differs from the fit's.</exception>
    public Tensor PredictProba(Tensor input)
    {
        var final = FinalEstimator ?? throw new InvalidOperationException($"{Op}: this ensemble is not fitted yet; call Fit with held-out data first");
        var features = Features(input);
        if (features.Size(1) != final.InFeatures)
            throw new ArgumentException($"{Op}: the input gives {features.Size(1)} features, the fit had {final.InFeatures}", nameof(input));
        using (Torch.NoGrad()) return F.Softmax(final.Call(features), 1);
    }

    /// <summary>The most probable class of each sample.</summary>
    /// <param name="input">The inputs [N, …] the models take.</param>
    /// <returns>Labels, int64 [N].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><see cref="Fit"/> has not been called.</exception>
    /// <exception cref="ArgumentException">As <see cref="PredictProba"/>.</exception>
    public Tensor Predict(Tensor input) => PredictProba(input).Argmax(1);

    /// <summary>Same as <see cref="PredictProba"/>.</summary>
    /// <param name="input">The inputs [N, …] the models take.</param>
    /// <returns>float64 [N, C].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><see cref="Fit"/> has not been called.</exception>
    /// <exception cref="ArgumentException">As <see cref="PredictProba"/>.</exception>
    public override Tensor Forward(Tensor input) => PredictProba(input);
}
