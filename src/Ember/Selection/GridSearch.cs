using Ember.Data;
using Ember.Training;

namespace Ember.Selection;

/// <summary>
/// Exhaustive search over a <see cref="ParameterGrid"/> (scikit-learn's <c>GridSearchCV</c> without refit): every
/// candidate is cross-validated with <see cref="CrossValidation"/> on the same folds and training seeds, and scored by the
/// mean over folds of one logged quantity's final value.
/// </summary>
/// <example><code>
/// var search = new GridSearch(grid, (p, fold) =&gt;
/// {
///     var net = new Linear(8, 1);
///     return new Trainer(net, F.MseLoss, new Adam(net.Parameters(), lr: (double)p["lr"]));
/// }, scoring: "val_loss", options: new CrossValidationOptions { K = 5, Epochs = 20 });
/// var result = search.Fit(train);
/// Console.WriteLine(result);   // the table; result.BestParameters, result.BestScore
/// </code></example>
public sealed class GridSearch
{
    /// <summary>Creates the search.</summary>
    /// <param name="grid">The candidates.</param>
    /// <param name="trainerFactory">Builds a fresh <see cref="Trainer"/> for (candidate parameters, fold index).</param>
    /// <param name="scoring">The logged quantity to score (default <c>"val_loss"</c>), e.g. <c>"val_accuracy"</c>.</param>
    /// <param name="mode">Whether lower or higher is better (default <see cref="MonitorMode.Auto"/>: lower for names containing
    /// <c>loss</c>, <c>error</c>, <c>mse</c> or <c>mae</c> — so also <c>rmse</c> and <c>log_rmse</c> —, higher otherwise).</param>
    /// <param name="options">The cross-validation (default <c>new CrossValidationOptions()</c>). When <see cref="CrossValidationOptions.Seed"/>
    /// (or, with shuffling, <see cref="CrossValidationOptions.RandomState"/>) is null, one value is drawn per <see cref="Fit"/> and used for every candidate.</param>
    /// <exception cref="ArgumentNullException"><paramref name="grid"/>, <paramref name="trainerFactory"/> or <paramref name="scoring"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="scoring"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not a defined value.</exception>
    public GridSearch(ParameterGrid grid, Func<IReadOnlyDictionary<string, object>, int, Trainer> trainerFactory, string scoring = "val_loss",
        MonitorMode mode = MonitorMode.Auto, CrossValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(trainerFactory);
        SearchRunner.CheckScoring(scoring, mode, "gridsearch");
        Grid = grid;
        TrainerFactory = trainerFactory;
        Scoring = scoring;
        Mode = SearchRunner.Resolve(scoring, mode);
        Options = options ?? new CrossValidationOptions();
    }

    /// <summary>The candidates.</summary>
    public ParameterGrid Grid { get; }

    /// <summary>Builds a trainer for (parameters, fold).</summary>
    public Func<IReadOnlyDictionary<string, object>, int, Trainer> TrainerFactory { get; }

    /// <summary>The scored quantity.</summary>
    public string Scoring { get; }

    /// <summary>Whether lower (<see cref="MonitorMode.Min"/>) or higher (<see cref="MonitorMode.Max"/>) is better (never <see cref="MonitorMode.Auto"/>).</summary>
    public MonitorMode Mode { get; }

    /// <summary>The cross-validation options.</summary>
    public CrossValidationOptions Options { get; }

    /// <summary>Cross-validates every candidate of the grid, in grid order.</summary>
    /// <param name="dataset">The samples (input, target).</param>
    /// <returns>Every candidate's scores and rank, and the best parameters.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> is null.</exception>
    /// <exception cref="ArgumentException">The scored quantity was not logged, or as
    /// <see cref="CrossValidation.CrossValidate(Func{int, Trainer}, Dataset{ValueTuple{Tensor, Tensor}}, CrossValidationOptions?)"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="CrossValidation.CrossValidate(Func{int, Trainer}, Dataset{ValueTuple{Tensor, Tensor}}, CrossValidationOptions?)"/>.</exception>
    public SearchResult Fit(Dataset<(Tensor Input, Tensor Target)> dataset) =>
        SearchRunner.Run("gridsearch", Grid, TrainerFactory, dataset, Scoring, Mode, Options);
}
