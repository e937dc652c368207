using Ember.Data.Formats;

namespace Ember.Data;

/// <summary>
/// A tabular data set read from a CSV file: float32 features [N, F] (numeric columns, one-hot encoded
/// categorical columns, optionally standardized) and targets (int64 class indices or float32 values),
/// made by a <see cref="CsvPreprocessor"/> fitted on the training file. Samples are
/// (Input float32 [F] — a row view — and Target: int64 0-d / float32 0-d for one label column, [L] for several).
/// </summary>
/// <example>
/// <code>
/// var options = new CsvOptions { LabelColumns = ["Outcome"], Missing = MissingPolicy.FillMean, Standardize = true };
/// var (train, test) = CsvDataset.Load("diabetes-train.csv", "diabetes-test.csv", options);
/// // test uses train's fill values, categories, scaler and classes
/// </code>
/// </example>
public sealed class CsvDataset : Dataset<(Tensor Input, Tensor Target)>
{
    private CsvDataset(CsvPreprocessor preprocessor, CsvData data, string source)
    {
        Preprocessor = preprocessor;
        Features = data.Features;
        Targets = data.Targets;
        Lines = data.Lines;
        Source = source;
    }

    /// <summary>Reads a CSV file, fitting the preprocessing on it unless a fitted <paramref name="preprocessor"/> is given.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="options">How to read and encode it.</param>
    /// <param name="preprocessor">A preprocessor fitted on training data, to encode a validation or test file the same way;
    /// null (default) to fit one on this file (its <see cref="CsvPreprocessor.Options"/> are then <paramref name="options"/>).</param>
    /// <returns>The data set.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">A label, drop or categorical column is unknown, a training feature column is missing, or an
    /// option is invalid (see <see cref="CsvPreprocessor.Fit"/>).</exception>
    /// <exception cref="InvalidDataException">The file is empty or malformed (ragged rows, bad quoting, a non-number or an infinite value in a
    /// numeric column, a missing value under <see cref="MissingPolicy.Error"/>, an unseen class, features too large for one array);
    /// the message gives the line and column.</exception>
    public static CsvDataset Load(string path, CsvOptions options, CsvPreprocessor? preprocessor = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = preprocessor?.Options ?? options;
        var table = CsvTable.Read(path, o.HasHeader, o.Delimiter);
        return FromTable(table, preprocessor ?? CsvPreprocessor.Fit(table, options));
    }

    /// <summary>Reads a training and a test file, fitting the preprocessing on the training file only and applying it to both.</summary>
    /// <param name="trainPath">The training CSV file.</param>
    /// <param name="testPath">The test CSV file (it may lack the label columns: its <see cref="Targets"/> are then null).</param>
    /// <param name="options">How to read and encode them.</param>
    /// <returns>The two data sets, sharing one <see cref="Preprocessor"/>.</returns>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="ArgumentException">A column is unknown, the test file lacks a training feature column, or an option is invalid.</exception>
    /// <exception cref="InvalidDataException">A file is empty or malformed; the message names the file, line and column.</exception>
    public static (CsvDataset Train, CsvDataset Test) Load(string trainPath, string testPath, CsvOptions options)
    {
        var train = Load(trainPath, options);
        return (train, Load(testPath, options, train.Preprocessor));
    }

    /// <summary>Encodes a table that is already read with a fitted preprocessor.</summary>
    /// <param name="table">The table.</param>
    /// <param name="preprocessor">The fitted preprocessor (e.g. <c>CsvPreprocessor.Fit(table, options)</c>).</param>
    /// <returns>The data set.</returns>
    /// <exception cref="ArgumentException">The table lacks a feature column the preprocessor was fitted with.</exception>
    /// <exception cref="InvalidDataException">A cell cannot be encoded (not a number, infinite, missing under the Error policy, an unseen class),
    /// or the features would not fit in one array; the message gives the line and column.</exception>
    public static CsvDataset FromTable(CsvTable table, CsvPreprocessor preprocessor)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(preprocessor);
        return new CsvDataset(preprocessor, preprocessor.Transform(table), table.Source);
    }

    /// <summary>The fitted preprocessing (shared by a training set and the sets encoded with it).</summary>
    public CsvPreprocessor Preprocessor { get; }

    /// <summary>The features, float32 [N, F].</summary>
    public Tensor Features { get; }

    /// <summary>The targets: int64 class indices or float32 values, [N] (one label column) or [N, L]; null when the file has no label columns.</summary>
    public Tensor? Targets { get; }

    /// <summary>The F feature names (numeric columns, then <c>col_value</c> one-hot columns).</summary>
    public IReadOnlyList<string> FeatureNames => Preprocessor.FeatureNames;

    /// <summary>The classes of the (first) label column for class labels — a Target is an index into them; empty for regression or no labels.</summary>
    public IReadOnlyList<string> Classes => Preprocessor.LabelClasses.Count > 0 ? Preprocessor.LabelClasses[0] : [];

    /// <summary>The 1-based source line of each sample.</summary>
    public IReadOnlyList<int> Lines { get; }

    /// <summary>The file name the data came from.</summary>
    public string Source { get; }

    /// <inheritdoc/>
    public override int Count => Features.Size(0);

    /// <summary>Sample <paramref name="index"/>: Input float32 [F] and Target (0-d, or [L] for several label columns), both row views.</summary>
    /// <param name="index">In [0, <see cref="Count"/>).</param>
    /// <exception cref="IndexOutOfRangeException">The index is out of range.</exception>
    /// <exception cref="InvalidOperationException">The data set has no targets (its file had no label columns); use <see cref="Features"/>.</exception>
    public override (Tensor Input, Tensor Target) this[int index]
    {
        get
        {
            CheckIndex(index);
            if (Targets is null)
                throw new InvalidOperationException($"CsvDataset: {Source} has no label columns, so its samples have no target; read Features directly");
            return (Features.Select(0, index), Targets.Select(0, index));
        }
    }
}
