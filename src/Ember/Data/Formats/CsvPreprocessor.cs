using System.Globalization;
using Ember.Data.Formats;

namespace Ember.Data;

/// <summary>
/// Turns CSV tables into a float32 feature matrix and a target tensor, with every statistic fitted on
/// the training table and reused unchanged for validation and test tables: which columns are
/// numeric or categorical, the fill values for missing numbers, the categories of each categorical
/// column, the standardization statistics and the label classes.
/// </summary>
/// <remarks>
/// <para>Features are laid out as pandas' <c>get_dummies</c> lays them out: the numeric columns in file
/// order, then for each categorical column (in file order) one 0/1 column per category, named
/// <c>col_value</c>, categories sorted (numerically when all are numbers, else ordinally as Python sorts
/// strings), plus <c>col_nan</c> with <see cref="CsvOptions.DummyNa"/>. A category not seen in training
/// gives all-zero one-hot columns (scikit-learn's <c>handle_unknown='ignore'</c>).</para>
/// <para>Order of operations: rows are dropped (<see cref="MissingPolicy.Drop"/>), missing numbers are
/// filled, categories encoded, then numeric columns standardized (<see cref="CsvOptions.Standardize"/>).</para>
/// <para>The fitted state is exposed as arrays (<see cref="FillValues"/>, <see cref="Categories"/>,
/// <see cref="Scaler"/>'s Mean/Scale, <see cref="LabelClasses"/>) so it can be saved with a model.</para>
/// </remarks>
public sealed class CsvPreprocessor
{
    private readonly int[] _numericIndex;      // fit-time column positions
    private readonly int[] _categoricalIndex;
    private readonly int[] _labelIndex;
    private readonly string[] _numeric;
    private readonly string[] _categorical;
    private readonly string[][] _categories;
    private readonly Dictionary<string, int>[] _categoryLookup;
    private readonly double[] _fill;
    private readonly string[] _labels;
    private readonly string[][] _classes;
    private readonly Dictionary<string, int>[] _classLookup;
    private readonly string[] _featureNames;

    private CsvPreprocessor(CsvOptions options, int[] numericIndex, string[] numeric, int[] categoricalIndex, string[] categorical,
        string[][] categories, double[] fill, int[] labelIndex, string[] labels, string[][] classes)
    {
        Options = options;
        _numericIndex = numericIndex;
        _numeric = numeric;
        _categoricalIndex = categoricalIndex;
        _categorical = categorical;
        _categories = categories;
        _categoryLookup = categories.Select(c => Lookup(c)).ToArray();
        _fill = fill;
        _labelIndex = labelIndex;
        _labels = labels;
        _classes = classes;
        _classLookup = classes.Select(c => Lookup(c)).ToArray();
        var names = new List<string>(numeric);
        for (int k = 0; k < categorical.Length; k++)
        {
            foreach (var v in categories[k]) names.Add($"{categorical[k]}_{v}");
            if (options.DummyNa) names.Add($"{categorical[k]}_nan");
        }
        _featureNames = names.ToArray();
    }

    /// <summary>The options the preprocessor was fitted with.</summary>
    public CsvOptions Options { get; }

    /// <summary>The output feature names, F of them (numeric columns, then one-hot columns).</summary>
    public IReadOnlyList<string> FeatureNames => _featureNames;

    /// <summary>The number of output features F.</summary>
    public int FeatureCount => _featureNames.Length;

    /// <summary>The numeric source columns, in output order.</summary>
    public IReadOnlyList<string> NumericColumns => _numeric;

    /// <summary>The categorical (one-hot encoded) source columns, in output order.</summary>
    public IReadOnlyList<string> CategoricalColumns => _categorical;

    /// <summary>The sorted categories of each categorical column, aligned with <see cref="CategoricalColumns"/>.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Categories => _categories;

    /// <summary>The value that replaces a missing number in each numeric column, aligned with <see cref="NumericColumns"/>
    /// (the training mean for <see cref="MissingPolicy.FillMean"/>, the constant for FillValue, NaN when the policy does not fill).</summary>
    public double[] FillValues => (double[])_fill.Clone();

    /// <summary>The standardization fitted on the training features (identity on one-hot columns), or null when
    /// <see cref="CsvOptions.Standardize"/> is off.</summary>
    public StandardScaler? Scaler { get; private set; }

    /// <summary>The label column names (empty when the options name none).</summary>
    public IReadOnlyList<string> LabelColumns => _labels;

    /// <summary>For class labels, the sorted classes of each label column (a target is an index into them); empty lists for regression.</summary>
    public IReadOnlyList<IReadOnlyList<string>> LabelClasses => _classes;

    /// <summary>Fits the preprocessing on a training table.</summary>
    /// <param name="table">The training table.</param>
    /// <param name="options">The options.</param>
    /// <returns>The fitted preprocessor.</returns>
    /// <exception cref="ArgumentException">A label, drop or categorical column names no column of the table, or no feature column is left.</exception>
    /// <exception cref="InvalidDataException">The table has no data rows (after dropping), a numeric column holds a value that is not a number,
    /// a value is missing under <see cref="MissingPolicy.Error"/>, or a FillMean column has no value at all; the message gives the line and column.</exception>
    public static CsvPreprocessor Fit(CsvTable table, CsvOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Missing);
        var cols = table.Columns;
        string src = table.Source;
        int[] labelIndex = ResolveAll(options.LabelColumns, cols, "label", src);
        int[] dropIndex = ResolveAll(options.DropColumns, cols, "drop", src);
        int[] declared = ResolveAll(options.CategoricalColumns, cols, "categorical", src);
        var features = Enumerable.Range(0, cols.Count).Where(i => !labelIndex.Contains(i) && !dropIndex.Contains(i)).ToArray();
        if (features.Length == 0)
            throw new ArgumentException($"csv: {src}: no feature column left after removing the label and drop columns (columns: {string.Join(", ", cols)})");

        var miss = options.MissingValues;
        var rows = KeptRows(table, features, labelIndex, options, src);
        if (rows.Count == 0)
            throw new InvalidDataException($"csv: {src}: no data rows{(table.RowCount > 0 ? " left after dropping rows with missing values" : "")}");

        var numericIndex = new List<int>();
        var categoricalIndex = new List<int>();
        foreach (int c in features)
        {
            if (declared.Contains(c)) { categoricalIndex.Add(c); continue; }
            int numbers = 0, firstBad = -1;
            foreach (int r in rows)
            {
                string v = table[r, c];
                if (miss.Contains(v)) continue;
                if (TryNumber(v, out _)) numbers++;
                else if (firstBad < 0) firstBad = r;
            }
            if (firstBad < 0) numericIndex.Add(c);
            else if (numbers == 0 && options.InferCategorical) categoricalIndex.Add(c);
            else
                throw new InvalidDataException(
                    $"csv: {src}: line {table.LineOf(firstBad)}, column '{cols[c]}': cannot parse '{table[firstBad, c]}' as a number " +
                    (numbers > 0 ? "(the column's other values are numbers); " : "(InferCategorical is off); ") +
                    "list the column in CategoricalColumns to one-hot encode it, or add the value to MissingValues if it marks a missing value");
        }

        // Missing values under the Error policy.
        if (options.Missing.Kind == MissingPolicyKind.Error)
        {
            foreach (int r in rows)
            {
                foreach (int c in numericIndex) CheckNotMissing(table, r, c, miss, src, "");
                if (!options.DummyNa) foreach (int c in categoricalIndex) CheckNotMissing(table, r, c, miss, src, " (or set DummyNa)");
                foreach (int c in labelIndex) CheckNotMissing(table, r, c, miss, src, "");
            }
        }
        else if (options.Missing.Kind != MissingPolicyKind.Drop)
            foreach (int r in rows)
                foreach (int c in labelIndex)
                    if (miss.Contains(table[r, c]))
                        throw new InvalidDataException($"csv: {src}: line {table.LineOf(r)}, column '{cols[c]}': missing label ('{table[r, c]}'); labels are never filled: use MissingPolicy.Drop or fix the file");

        var fill = new double[numericIndex.Count];
        for (int k = 0; k < fill.Length; k++)
        {
            int c = numericIndex[k];
            switch (options.Missing.Kind)
            {
                case MissingPolicyKind.FillMean:
                    double sum = 0;
                    int n = 0;
                    foreach (int r in rows)
                        if (!miss.Contains(table[r, c])) { sum += Number(table, r, c, src); n++; }
                    bool any = rows.Any(r => miss.Contains(table[r, c]));
                    if (n == 0 && any)
                        throw new InvalidDataException($"csv: {src}: column '{cols[c]}' has no value to compute the mean that fills its missing values from");
                    fill[k] = n == 0 ? 0 : sum / n;
                    break;
                case MissingPolicyKind.FillValue:
                    fill[k] = options.Missing.Value;
                    break;
                default:
                    fill[k] = double.NaN;
                    break;
            }
        }

        var categories = categoricalIndex.Select(c => SortedDistinct(rows.Select(r => table[r, c]).Where(v => !miss.Contains(v)))).ToArray();
        var classes = labelIndex.Select(c => options.LabelKind == CsvLabelKind.Class
            ? SortedDistinct(rows.Select(r => table[r, c]).Where(v => !miss.Contains(v)))
            : []).ToArray();

        var pre = new CsvPreprocessor(options,
            numericIndex.ToArray(), numericIndex.Select(c => cols[c]).ToArray(),
            categoricalIndex.ToArray(), categoricalIndex.Select(c => cols[c]).ToArray(),
            categories, fill, labelIndex, labelIndex.Select(c => cols[c]).ToArray(), classes);
        if (options.Standardize)
        {
            var (x, _, n) = pre.BuildFeatures(table, unscaled: true, out _);
            var identity = new bool[pre.FeatureCount];
            for (int j = pre._numeric.Length; j < identity.Length; j++) identity[j] = true;
            pre.Scaler = StandardScaler.Fit(x, n, pre.FeatureCount, identity);
        }
        return pre;
    }

    /// <summary>Fits on <paramref name="table"/> and transforms it (<see cref="Fit"/> then <see cref="Transform"/>).</summary>
    /// <param name="table">The training table.</param>
    /// <param name="options">The options.</param>
    /// <returns>The fitted preprocessor and the table's tensors.</returns>
    /// <exception cref="ArgumentException">As <see cref="Fit"/>.</exception>
    /// <exception cref="InvalidDataException">As <see cref="Fit"/>.</exception>
    public static (CsvPreprocessor Preprocessor, CsvData Data) FitTransform(CsvTable table, CsvOptions options)
    {
        var pre = Fit(table, options);
        return (pre, pre.Transform(table));
    }

    /// <summary>
    /// Applies the fitted preprocessing to a table (the training table itself, or validation/test data with the same columns;
    /// with a header, columns are matched by name, without one by position).
    /// </summary>
    /// <param name="table">The table.</param>
    /// <returns>Features float32 [N, F], targets (null when the table lacks the label columns), feature names and source lines.</returns>
    /// <exception cref="ArgumentException">A feature column seen in training is missing from the table.</exception>
    /// <exception cref="InvalidDataException">A numeric cell is not a number, a value is missing under <see cref="MissingPolicy.Error"/>,
    /// or a class label was not seen in training; the message gives the line and column.</exception>
    public CsvData Transform(CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var (x, targets, n) = BuildFeatures(table, unscaled: false, out var lines);
        var features = Torch.FromArray(Array.ConvertAll(x, v => (float)v), n, FeatureCount);
        return new CsvData(features, targets, _featureNames, lines);
    }

    private (double[] X, Tensor? Targets, int Rows) BuildFeatures(CsvTable table, bool unscaled, out int[] lines)
    {
        string src = table.Source;
        var miss = Options.MissingValues;
        int[] num = _numericIndex.Select((c, k) => Locate(table, c, _numeric[k], required: true)).ToArray();
        int[] cat = _categoricalIndex.Select((c, k) => Locate(table, c, _categorical[k], required: true)).ToArray();
        int[] lab = _labelIndex.Select((c, k) => Locate(table, c, _labels[k], required: false)).ToArray();
        bool hasLabels = lab.Length > 0 && lab.All(i => i >= 0);
        var features = num.Concat(cat).ToArray();
        var rows = KeptRows(table, features, hasLabels ? lab : [], Options, src);
        int f = FeatureCount, nRows = rows.Count;
        var x = new double[(long)nRows * f];
        bool errorPolicy = Options.Missing.Kind == MissingPolicyKind.Error;
        for (int i = 0; i < nRows; i++)
        {
            int r = rows[i];
            int o = i * f;
            for (int k = 0; k < num.Length; k++)
            {
                string v = table[r, num[k]];
                if (miss.Contains(v))
                {
                    if (errorPolicy) CheckNotMissing(table, r, num[k], miss, src, "");
                    x[o + k] = _fill[k];
                }
                else if (TryNumber(v, out double d)) x[o + k] = d;
                else
                    throw new InvalidDataException($"csv: {src}: line {table.LineOf(r)}, column '{_numeric[k]}': cannot parse '{v}' as a number (the column is numeric in the training data)");
            }
            int at = o + num.Length;
            for (int k = 0; k < cat.Length; k++)
            {
                string v = table[r, cat[k]];
                int width = _categories[k].Length + (Options.DummyNa ? 1 : 0);
                if (miss.Contains(v))
                {
                    if (Options.DummyNa) x[at + width - 1] = 1;
                    else if (errorPolicy) CheckNotMissing(table, r, cat[k], miss, src, " (or set DummyNa)");
                }
                else if (_categoryLookup[k].TryGetValue(v, out int index)) x[at + index] = 1;
                at += width;
            }
        }
        if (!unscaled) Scaler?.TransformInPlace(x);

        lines = rows.Select(table.LineOf).ToArray();
        Tensor? targets = null;
        if (hasLabels && !unscaled)
        {
            int l = lab.Length;
            if (Options.LabelKind == CsvLabelKind.Class)
            {
                var y = new long[nRows * l];
                for (int i = 0; i < nRows; i++)
                    for (int k = 0; k < l; k++)
                    {
                        int r = rows[i];
                        string v = table[r, lab[k]];
                        if (miss.Contains(v))
                            throw new InvalidDataException($"csv: {src}: line {table.LineOf(r)}, column '{_labels[k]}': missing label ('{v}'); use MissingPolicy.Drop or fix the file");
                        if (!_classLookup[k].TryGetValue(v, out int c))
                            throw new InvalidDataException($"csv: {src}: line {table.LineOf(r)}, column '{_labels[k]}': label '{v}' was not seen in the training data (classes: {Preview(_classes[k])})");
                        y[i * l + k] = c;
                    }
                targets = l == 1 ? Torch.FromArray(y, nRows) : Torch.FromArray(y, nRows, l);
            }
            else
            {
                var y = new float[nRows * l];
                for (int i = 0; i < nRows; i++)
                    for (int k = 0; k < l; k++)
                    {
                        int r = rows[i];
                        string v = table[r, lab[k]];
                        if (miss.Contains(v))
                            throw new InvalidDataException($"csv: {src}: line {table.LineOf(r)}, column '{_labels[k]}': missing label ('{v}'); use MissingPolicy.Drop or fix the file");
                        if (!TryNumber(v, out double d))
                            throw new InvalidDataException($"csv: {src}: line {table.LineOf(r)}, column '{_labels[k]}': cannot parse label '{v}' as a number (LabelKind is Regression)");
                        y[i * l + k] = (float)d;
                    }
                targets = l == 1 ? Torch.FromArray(y, nRows) : Torch.FromArray(y, nRows, l);
            }
        }
        return (x, targets, nRows);
    }

    // With a header, match by name; without, by the fit-time position.
    private int Locate(CsvTable table, int fitIndex, string name, bool required)
    {
        int i = Options.HasHeader ? table.IndexOf(name) : fitIndex < table.Columns.Count ? fitIndex : -1;
        if (i < 0 && required)
            throw new ArgumentException($"csv: {table.Source}: column '{name}' (a feature in the training data) is missing; columns: {Preview(table.Columns)}");
        return i;
    }

    private static List<int> KeptRows(CsvTable table, int[] features, int[] labels, CsvOptions options, string src)
    {
        var rows = new List<int>(table.RowCount);
        var miss = options.MissingValues;
        bool drop = options.Missing.Kind == MissingPolicyKind.Drop;
        for (int r = 0; r < table.RowCount; r++)
        {
            if (drop && (features.Any(c => miss.Contains(table[r, c])) || labels.Any(c => miss.Contains(table[r, c])))) continue;
            rows.Add(r);
        }
        return rows;
    }

    private static void CheckNotMissing(CsvTable table, int r, int c, IReadOnlySet<string> miss, string src, string hint)
    {
        if (miss.Contains(table[r, c]))
            throw new InvalidDataException(
                $"csv: {src}: line {table.LineOf(r)}, column '{table.Columns[c]}': missing value ('{table[r, c]}'); choose CsvOptions.Missing = MissingPolicy.Drop, FillMean or FillValue(x){hint}");
    }

    private static int[] ResolveAll(IReadOnlyList<CsvColumn> wanted, IReadOnlyList<string> cols, string role, string src)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        var result = new int[wanted.Count];
        for (int k = 0; k < wanted.Count; k++)
        {
            int i = wanted[k].Resolve(cols);
            if (i < 0)
                throw new ArgumentException($"csv: {src}: unknown {role} column {wanted[k]}; the file has {cols.Count} columns: {Preview(cols)}");
            result[k] = i;
        }
        return result;
    }

    private static bool TryNumber(string s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static double Number(CsvTable table, int r, int c, string src) =>
        TryNumber(table[r, c], out double v) ? v
            : throw new InvalidDataException($"csv: {src}: line {table.LineOf(r)}, column '{table.Columns[c]}': cannot parse '{table[r, c]}' as a number");

    // Sorted as pandas/scikit-learn sort unique values: numerically when every value is a number, else ordinally (Python's str order).
    private static string[] SortedDistinct(IEnumerable<string> values)
    {
        var distinct = values.Distinct(StringComparer.Ordinal).ToArray();
        if (distinct.All(v => TryNumber(v, out _)))
            return distinct.OrderBy(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ThenBy(v => v, StringComparer.Ordinal).ToArray();
        Array.Sort(distinct, StringComparer.Ordinal);
        return distinct;
    }

    private static Dictionary<string, int> Lookup(string[] values)
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < values.Length; i++) d[values[i]] = i;
        return d;
    }

    private static string Preview(IReadOnlyList<string> items) =>
        items.Count <= 10 ? string.Join(", ", items) : string.Join(", ", items.Take(10)) + $", … ({items.Count} in all)";
}
