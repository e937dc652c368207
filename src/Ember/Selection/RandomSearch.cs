using System.Collections;
using Ember.Data;
using Ember.Training;

namespace Ember.Selection;

/// <summary>
/// Random search over a parameter space (scikit-learn's <c>RandomizedSearchCV</c> without refit): <see cref="NIter"/>
/// candidates are drawn, then each is cross-validated as in <see cref="GridSearch"/>.
/// </summary>
/// <remarks>
/// As scikit-learn's <c>ParameterSampler</c>: when every parameter is a list, the candidates are drawn without replacement
/// from the grid of all combinations (at most its size); otherwise each candidate draws each parameter, in name order, from its
/// <see cref="ParameterDistribution"/> or uniformly from its list. Draws come from an Ember <see cref="Generator"/>, not NumPy,
/// so the candidates differ from scikit-learn's for the same seed.
/// </remarks>
/// <example><code>
/// var space = new Dictionary&lt;string, object&gt;
/// {
///     ["lr"] = Distributions.LogUniform(1e-4, 1e-1),
///     ["hidden"] = new[] { 16, 32, 64 },
/// };
/// var result = new RandomSearch(space, nIter: 10, factory, randomState: 0).Fit(train);
/// </code></example>
public sealed class RandomSearch
{
    /// <summary>Creates the search and draws its candidates.</summary>
    /// <param name="parameterSpace">Each parameter's <see cref="ParameterDistribution"/>, or a list (any non-string
    /// <see cref="IEnumerable"/>) of values drawn uniformly; at least one parameter.</param>
    /// <param name="nIter">The number of candidates (at least 1).</param>
    /// <param name="trainerFactory">Builds a fresh <see cref="Trainer"/> for (candidate parameters, fold index).</param>
    /// <param name="scoring">The logged quantity to score (default <c>"val_loss"</c>).</param>
    /// <param name="mode">Whether lower or higher is better (default <see cref="MonitorMode.Auto"/>, as <see cref="GridSearch"/>).</param>
    /// <param name="randomState">The seed of the candidates' draws (default null: one number from <see cref="Generator.Default"/>).</param>
    /// <param name="options">The cross-validation (default <c>new CrossValidationOptions()</c>), as <see cref="GridSearch"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameterSpace"/>, a value of it, <paramref name="trainerFactory"/> or <paramref name="scoring"/> is null.</exception>
    /// <exception cref="ArgumentException">The space names no parameter, a value is neither a distribution nor a list, a list is empty, or <paramref name="scoring"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nIter"/> &lt; 1, or <paramref name="mode"/> is not a defined value.</exception>
    public RandomSearch(IReadOnlyDictionary<string, object> parameterSpace, int nIter, Func<IReadOnlyDictionary<string, object>, int, Trainer> trainerFactory,
        string scoring = "val_loss", MonitorMode mode = MonitorMode.Auto, long? randomState = null, CrossValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameterSpace);
        ArgumentNullException.ThrowIfNull(trainerFactory);
        if (nIter < 1) throw new ArgumentOutOfRangeException(nameof(nIter), nIter, $"randomsearch: nIter must be at least 1, got {nIter}");
        SearchRunner.CheckScoring(scoring, mode, "randomsearch");
        if (parameterSpace.Count == 0) throw new ArgumentException("randomsearch: the parameter space names no parameter", nameof(parameterSpace));
        var names = parameterSpace.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
        var lists = new object[]?[names.Length];
        var dists = new ParameterDistribution?[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            switch (parameterSpace[names[i]])
            {
                case null: throw new ArgumentNullException(nameof(parameterSpace), $"randomsearch: parameter '{names[i]}' is null");
                case ParameterDistribution d: dists[i] = d; break;
                case IEnumerable e when e is not string:
                    lists[i] = e.Cast<object>().ToArray();
                    if (lists[i]!.Length == 0) throw new ArgumentException($"randomsearch: parameter '{names[i]}' needs a non-empty list of values, got none", nameof(parameterSpace));
                    if (lists[i]!.Any(v => v is null)) throw new ArgumentNullException(nameof(parameterSpace), $"randomsearch: parameter '{names[i]}' has a null value");
                    break;
                case var other:
                    throw new ArgumentException($"randomsearch: parameter '{names[i]}' must be a ParameterDistribution or a list of values, got a {other.GetType().Name}", nameof(parameterSpace));
            }
        }
        var g = new Generator(randomState ?? unchecked((long)Generator.Default.NextUInt64()));
        var candidates = new List<IReadOnlyDictionary<string, object>>();
        if (dists.All(d => d is null))
        {
            var grid = new ParameterGrid(Enumerable.Range(0, names.Length).ToDictionary(i => names[i], i => (IEnumerable<object>)lists[i]!));
            if (grid.Count <= 1 << 16 || 2L * nIter > grid.Count)
            {
                var picks = Sampler<int>.Permutation(grid.Count, g);
                for (int i = 0; i < Math.Min(nIter, grid.Count); i++) candidates.Add(grid[picks[i]]);
            }
            else
            {
                // A large grid: draw distinct indices by rejection instead of permuting all of them.
                var seen = new HashSet<int>();
                while (candidates.Count < nIter)
                {
                    int pick = (int)g.NextInt64(0, grid.Count);
                    if (seen.Add(pick)) candidates.Add(grid[pick]);
                }
            }
        }
        else
            for (int it = 0; it < nIter; it++)
            {
                var values = new object[names.Length];
                for (int i = 0; i < names.Length; i++)
                    values[i] = dists[i] is ParameterDistribution d ? d.Sample(g) : lists[i]![g.NextInt64(0, lists[i]!.Length)];
                candidates.Add(ParameterGrid.Candidate(names, values));
            }
        NIter = nIter;
        Candidates = candidates;
        TrainerFactory = trainerFactory;
        Scoring = scoring;
        Mode = SearchRunner.Resolve(scoring, mode);
        Options = options ?? new CrossValidationOptions();
    }

    /// <summary>The number of candidates asked for.</summary>
    public int NIter { get; }

    /// <summary>The drawn candidates, in search order (fewer than <see cref="NIter"/> when a list-only space has fewer combinations).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object>> Candidates { get; }

    /// <summary>Builds a trainer for (parameters, fold).</summary>
    public Func<IReadOnlyDictionary<string, object>, int, Trainer> TrainerFactory { get; }

    /// <summary>The scored quantity.</summary>
    public string Scoring { get; }

    /// <summary>Whether lower or higher is better (never <see cref="MonitorMode.Auto"/>).</summary>
    public MonitorMode Mode { get; }

    /// <summary>The cross-validation options.</summary>
    public CrossValidationOptions Options { get; }

    /// <summary>Cross-validates every candidate, in order.</summary>
    /// <param name="dataset">The samples (input, target).</param>
    /// <returns>Every candidate's scores and rank, and the best parameters.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> is null.</exception>
    /// <exception cref="ArgumentException">The scored quantity was not logged, or as
    /// <see cref="CrossValidation.CrossValidate(Func{int, Trainer}, Dataset{ValueTuple{Tensor, Tensor}}, CrossValidationOptions?)"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="CrossValidation.CrossValidate(Func{int, Trainer}, Dataset{ValueTuple{Tensor, Tensor}}, CrossValidationOptions?)"/>.</exception>
    public SearchResult Fit(Dataset<(Tensor Input, Tensor Target)> dataset) =>
        SearchRunner.Run("randomsearch", Candidates, TrainerFactory, dataset, Scoring, Mode, Options);
}
