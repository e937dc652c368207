using Ember.Data;
using Ember.Training;

namespace Ember.Selection;

/// <summary>Cross-validates each candidate with the same splits and training seeds, and ranks them.</summary>
internal static class SearchRunner
{
    /// <summary>Lower is better for names containing loss, error, mse or mae (also rmse, log_rmse); higher otherwise.</summary>
    public static MonitorMode Resolve(string scoring, MonitorMode mode)
    {
        if (mode != MonitorMode.Auto) return mode;
        string s = scoring.ToLowerInvariant();
        return s.Contains("loss", StringComparison.Ordinal) || s.Contains("error", StringComparison.Ordinal)
            || s.Contains("mse", StringComparison.Ordinal) || s.Contains("mae", StringComparison.Ordinal) ? MonitorMode.Min : MonitorMode.Max;
    }

    public static void CheckScoring(string scoring, MonitorMode mode, string op)
    {
        ArgumentNullException.ThrowIfNull(scoring);
        if (scoring.Length == 0) throw new ArgumentException($"{op}: scoring must name a logged quantity (e.g. \"val_loss\"), got an empty string", nameof(scoring));
        if (!Enum.IsDefined(mode)) throw new ArgumentOutOfRangeException(nameof(mode), mode, $"{op}: unknown mode {(int)mode}");
    }

    public static SearchResult Run(string op, IReadOnlyList<IReadOnlyDictionary<string, object>> candidates,
        Func<IReadOnlyDictionary<string, object>, int, Trainer> factory, Dataset<(Tensor Input, Tensor Target)> dataset,
        string scoring, MonitorMode mode, CrossValidationOptions? options)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        options ??= new CrossValidationOptions();
        // Every candidate sees the same folds and the same training streams (scikit-learn reuses one set of splits).
        var fixedOptions = new CrossValidationOptions
        {
            K = options.K, Stratified = options.Stratified, Shuffle = options.Shuffle,
            RandomState = options.Shuffle ? options.RandomState ?? unchecked((long)Generator.Default.NextUInt64()) : options.RandomState,
            Epochs = options.Epochs, BatchSize = options.BatchSize, ShuffleBatches = options.ShuffleBatches,
            Seed = options.Seed ?? unchecked((long)Generator.Default.NextUInt64()),
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, Callbacks = options.Callbacks, OnFoldEnd = options.OnFoldEnd,
            Output = options.Output,
        };
        var resolved = Resolve(scoring, mode);
        var results = new List<SearchCandidate>(candidates.Count);
        for (int i = 0; i < candidates.Count; i++)
        {
            var parameters = candidates[i];
            fixedOptions.Output?.WriteLine($"candidate {i + 1}/{candidates.Count}: {ParameterGrid.Format(parameters)}");
            var cv = CrossValidation.CrossValidate(fold => factory(parameters, fold), dataset, fixedOptions);
            var scores = new double[cv.Folds.Count];
            for (int f = 0; f < scores.Length; f++)
                if (!cv.Folds[f].Final.TryGetValue(scoring, out scores[f]))
                    throw new ArgumentException($"{op}: scoring '{scoring}' was not logged; the folds logged {string.Join(", ", cv.Folds[f].Final.Keys)}", nameof(scoring));
            results.Add(new SearchCandidate(i, parameters, scores, cv));
        }
        return new SearchResult(scoring, resolved, results);
    }
}
