namespace Ember.Data;

/// <summary>A CSV table turned into tensors by <see cref="CsvPreprocessor.Transform"/>.</summary>
/// <param name="Features">float32 [N, F], columns named by <paramref name="FeatureNames"/>.</param>
/// <param name="Targets">int64 class indices or float32 values, [N] for one label column or [N, L] for several;
/// null when the table has no label columns (e.g. a test file without answers).</param>
/// <param name="FeatureNames">The F feature names: numeric columns, then one-hot columns <c>col_value</c>.</param>
/// <param name="Lines">The 1-based source line of each of the N rows (rows dropped for missing values are absent).</param>
public sealed record CsvData(Tensor Features, Tensor? Targets, IReadOnlyList<string> FeatureNames, IReadOnlyList<int> Lines);
