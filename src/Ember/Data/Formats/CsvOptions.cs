namespace Ember.Data;

/// <summary>
/// How <see cref="CsvDataset"/> and <see cref="CsvPreprocessor"/> read a CSV file and turn it into
/// features and labels. Every property has a default; set the ones you need with an object initializer.
/// </summary>
/// <example>
/// <code>
/// var options = new CsvOptions
/// {
///     LabelColumns = ["SalePrice"], LabelKind = CsvLabelKind.Regression, DropColumns = ["Id"],
///     Missing = MissingPolicy.FillMean, Standardize = true,
/// };
/// var (train, test) = CsvDataset.Load("train.csv", "test.csv", options);
/// </code>
/// </example>
public sealed record CsvOptions
{
    /// <summary>
    /// pandas' default <c>na_values</c> (pandas ≥ 2.0; 1.x lacks <c>None</c>): the empty string, <c>NA</c>, <c>N/A</c>,
    /// <c>NaN</c>, <c>nan</c>, <c>-NaN</c>, <c>NULL</c>, <c>null</c>, <c>None</c>, …, matched exactly (so <c>NAN</c> is not one:
    /// as in pandas it is text, and in a numeric column an error).
    /// </summary>
    public static IReadOnlySet<string> DefaultMissingValues { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>",
        "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
    };

    /// <summary>Whether the first row names the columns (default true). Without it columns are named "0", "1", ….</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>The field separator (default ',').</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>The label column(s), by name or 0-based index (default none: a data set without targets).
    /// One column gives targets of shape [N]; several give [N, L].</summary>
    public IReadOnlyList<CsvColumn> LabelColumns { get; init; } = [];

    /// <summary>Whether labels are class names mapped to int64 indices (default) or float32 regression values.</summary>
    public CsvLabelKind LabelKind { get; init; } = CsvLabelKind.Class;

    /// <summary>Columns that are neither features nor labels (ids, free text); default none.</summary>
    public IReadOnlyList<CsvColumn> DropColumns { get; init; } = [];

    /// <summary>Columns to one-hot encode even when their values look numeric (codes such as <c>MSSubClass</c>); default none.</summary>
    public IReadOnlyList<CsvColumn> CategoricalColumns { get; init; } = [];

    /// <summary>
    /// Whether a column none of whose values is a number is treated as categorical (pandas' object columns;
    /// default true). A column mixing numbers and non-numbers is always an error unless listed in
    /// <see cref="CategoricalColumns"/>, since it is usually a typo or an unlisted missing-value marker.
    /// </summary>
    public bool InferCategorical { get; init; } = true;

    /// <summary>The cell values that mean "missing", compared after trimming (default <see cref="DefaultMissingValues"/>).</summary>
    public IReadOnlySet<string> MissingValues { get; init; } = DefaultMissingValues;

    /// <summary>What to do with missing values (default <see cref="MissingPolicy.Error"/>).</summary>
    public MissingPolicy Missing { get; init; } = MissingPolicy.Error;

    /// <summary>Whether each categorical column gets an extra <c>col_nan</c> indicator column (pandas' <c>dummy_na</c>; default false).</summary>
    public bool DummyNa { get; init; }

    /// <summary>
    /// Whether numeric feature columns are standardized to zero mean and unit variance with statistics
    /// fitted on the training data only (scikit-learn's <c>StandardScaler</c>; default false). One-hot
    /// columns are left as 0/1.
    /// </summary>
    public bool Standardize { get; init; }

    /// <summary>
    /// The standard deviation's correction (delta degrees of freedom) used by <see cref="Standardize"/>: the
    /// variance is Σ(x - mean)² / (n - correction). 0 (default) is the population variance of scikit-learn's
    /// <c>StandardScaler</c>; 1 is the sample variance of pandas' <c>std()</c> and <c>torch.std</c>, as d2l uses.
    /// Non-negative. A column with no more than <c>correction</c> values, or a constant one, gets scale 1.
    /// </summary>
    public int StandardizeCorrection { get; init; }

    /// <summary>
    /// Whether missing numeric values are filled after standardizing rather than before (default false) — d2l's order in
    /// "Predicting House Prices on Kaggle": <c>x = (x - x.mean()) / x.std()</c> over the values present (pandas skips NaN),
    /// then <c>fillna(0)</c>. With it the mean and standard deviation ignore the missing cells, and
    /// <see cref="MissingPolicy.FillValue"/>(v) puts v in standardized units (0: the mean), <see cref="MissingPolicy.FillMean"/>
    /// puts 0 (the mean, standardized). Without it the fill values take part in the statistics. No effect without <see cref="Standardize"/>.
    /// d2l's recipe: <c>Standardize = true, StandardizeCorrection = 1, FillAfterStandardize = true,
    /// Missing = MissingPolicy.FillValue(0), DummyNa = true</c> (d2l fits on the training and test features together;
    /// Ember fits on the training file only).
    /// </summary>
    public bool FillAfterStandardize { get; init; }
}
