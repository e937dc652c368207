using Ember.NN;

namespace Ember.Selection;

/// <summary>
/// A voting ensemble of trained classifiers (scikit-learn's <c>VotingClassifier</c> over prefit estimators). Each model maps
/// inputs [N, …] to logits [N, C] (the same C for all); a model's probabilities are the softmax of its logits.
/// </summary>
/// <remarks>
/// <para><b>Hard voting</b>: each model predicts its arg-max class (the first on ties); class c gets the sum of the weights of
/// the models predicting it; the class with the largest total wins, the smallest label on ties (scikit-learn's
/// <c>np.argmax(np.bincount(predictions, weights))</c>). <b>Soft voting</b>: the weighted mean of the models' probabilities
/// (NumPy's <c>np.average(probas, weights=…)</c>), and its arg-max.</para>
/// <para>The ensemble is itself a module: <see cref="Forward"/> returns the soft probabilities [N, C] (soft voting) or the hard
/// labels, int64 [N] (hard voting), so it can be evaluated like a model (e.g. with <see cref="Metrics.Accuracy"/>, which takes
/// either). The models are its children <c>"0"</c>, <c>"1"</c>, …; every prediction runs them in evaluation mode under no-grad
/// and puts each module's mode back.</para>
/// </remarks>
public sealed class VotingClassifier : Module<Tensor, Tensor>
{
    private const string Op = "votingclassifier";
    private readonly Module<Tensor, Tensor>[] _models;
    private readonly double[] _weights;

    /// <summary>Creates the ensemble.</summary>
    /// <param name="models">The trained classifiers (at least one), each giving logits [N, C].</param>
    /// <param name="voting">Hard (default) or soft voting.</param>
    /// <param name="weights">One weight per model (default: all 1); finite, non-negative, not all zero.</param>
    /// <exception cref="ArgumentNullException"><paramref name="models"/> or a model is null.</exception>
    /// <exception cref="ArgumentException">No model; weights of the wrong length, negative, not finite or all zero.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="voting"/> is not a defined value.</exception>
    public VotingClassifier(IEnumerable<Module<Tensor, Tensor>> models, Voting voting = Voting.Hard, IReadOnlyList<double>? weights = null)
    {
        _models = Ensemble.Models(models, Op);
        if (!Enum.IsDefined(voting)) throw new ArgumentOutOfRangeException(nameof(voting), voting, $"{Op}: unknown voting {(int)voting}");
        _weights = Ensemble.Weights(weights, _models.Length, Op);
        Voting = voting;
        for (int i = 0; i < _models.Length; i++) RegisterModule(i.ToString(System.Globalization.CultureInfo.InvariantCulture), _models[i]);
    }

    /// <summary>The models, in order.</summary>
    public IReadOnlyList<Module<Tensor, Tensor>> Models => _models;

    /// <summary>The models' weights (all 1 when none were given).</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>Hard or soft voting.</summary>
    public Voting Voting { get; }

    /// <summary>The predicted class of each sample.</summary>
    /// <param name="input">The inputs [N, …] the models take.</param>
    /// <returns>Labels, int64 [N].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The models' outputs are not logits [N, C] of one shape.</exception>
    public Tensor Predict(Tensor input)
    {
        var logits = Ensemble.Outputs(_models, input, Op);
        Ensemble.Classes(logits[0], Op);
        return Voting == Voting.Soft ? Average(logits).Argmax(1) : Vote(logits);
    }

    /// <summary>The weighted mean of the models' softmax probabilities (soft voting only).</summary>
    /// <param name="input">The inputs [N, …] the models take.</param>
    /// <returns>Probabilities [N, C] in the models' output dtype (computed in float64).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The ensemble votes hard (scikit-learn: <c>predict_proba is not available when voting='hard'</c>).</exception>
    /// <exception cref="ArgumentException">The models' outputs are not logits [N, C] of one shape.</exception>
    public Tensor PredictProba(Tensor input)
    {
        if (Voting == Voting.Hard)
            throw new InvalidOperationException($"{Op}: PredictProba is not available when voting is Hard (scikit-learn: predict_proba is not available when voting='hard')");
        var logits = Ensemble.Outputs(_models, input, Op);
        Ensemble.Classes(logits[0], Op);
        return Average(logits).To(logits[0].DType);
    }

    /// <summary>The module's output: <see cref="PredictProba"/> with soft voting, <see cref="Predict"/> with hard voting.</summary>
    /// <param name="input">The inputs [N, …] the models take.</param>
    /// <returns>Probabilities [N, C] (soft) or labels int64 [N] (hard).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The models' outputs are not logits [N, C] of one shape.</exception>
    public override Tensor Forward(Tensor input) => Voting == Voting.Soft ? PredictProba(input) : Predict(input);

    private Tensor Average(Tensor[] logits) =>
        Ensemble.WeightedMean(logits.Select(l => F.Softmax(l, 1, DType.Float64)).ToArray(), _weights);

    /// <summary>Weighted bincount of the models' arg-max classes, arg-max with ties to the smallest label.</summary>
    private Tensor Vote(Tensor[] logits)
    {
        int n = logits[0].Size(0), classes = logits[0].Size(1);
        var votes = new double[n * classes];
        for (int m = 0; m < logits.Length; m++)
        {
            var predicted = logits[m].Argmax(1).ToArray<long>();
            for (int i = 0; i < n; i++) votes[i * classes + predicted[i]] += _weights[m];
        }
        var labels = new long[n];
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            for (int c = 1; c < classes; c++)
                if (votes[i * classes + c] > votes[i * classes + best]) best = c;
            labels[i] = best;
        }
        return Torch.FromArray(labels, n);
    }
}
