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
/// filled, categories encoded, then numeric columns standardized (<see cref="CsvOptions.Standardize"/>, with the
/// population or sample standard deviation: <see cref="CsvOptions.StandardizeCorrection"/>); with
/// <see cref="CsvOptions.FillAfterStandardize"/> the statistics skip missing cells and the fill comes last (d2l's order).</para>
/// <para>Numbers are read as pandas reads them: <c>inf</c>, <c>-Infinity</c>, … are infinite and rejected with an
/// <see cref="InvalidDataException"/> naming the line and column (an infinite feature turns every statistic and loss into
/// NaN; list the spelling in <see cref="CsvOptions.MissingValues"/> to treat it as missing), and NaN spellings that are not
/// missing values (<c>NAN</c>, <c>nAn</c>) are text, so a numeric column holding one is an error, never a silent NaN.</para>
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
    /// (the training mean for <see cref="MissingPolicy.FillMean"/>, the constant for FillValue, NaN when the policy does not fill);
    /// with <see cref="CsvOptions.FillAfterStandardize"/> (and <see cref="CsvOptions.Standardize"/>) in standardized units: 0 for FillMean.</summary>
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
    /// <exception cref="ArgumentException">A label, drop or categorical column names no column of the table, no feature column is left,
    /// or an option is invalid (an undefined <see cref="MissingPolicyKind"/> or <see cref="CsvLabelKind"/>, a non-finite fill value,
    /// a negative <see cref="CsvOptions.StandardizeCorrection"/>).</exception>
    /// <exception cref="InvalidDataException">The table has no data rows (after dropping), a numeric column holds a value that is not a number
    /// or is infinite, a value is missing under <see cref="MissingPolicy.Error"/>, a FillMean column has no value at all, or the encoded
    /// features would not fit in one array; the message gives the line and column.</exception>
    public static CsvPreprocessor Fit(CsvTable table, CsvOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Missing);
        ArgumentNullException.ThrowIfNull(options.MissingValues);
        if (!Enum.IsDefined(options.Missing.Kind))
            throw new ArgumentException($"csv: unknown MissingPolicy kind {(int)options.Missing.Kind} (use Error, Drop, FillMean or FillValue)", nameof(options));
        if (!double.IsFinite(options.Missing.Value))
            throw new ArgumentException($"csv: the MissingPolicy fill value must be finite, got {options.Missing.Value}", nameof(options));
        if (!Enum.IsDefined(options.LabelKind))
            throw new ArgumentException($"csv: unknown LabelKind {(int)options.LabelKind} (use Class or Regression)", nameof(options));
        if (options.StandardizeCorrection < 0)
            throw new ArgumentException($"csv: StandardizeCorrection must be non-negative (0: population, 1: sample standard deviation), got {options.StandardizeCorrection}", nameof(options));
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

        bool fillAfter = options.Standardize && options.FillAfterStandardize;
        var fill = new double[numericIndex.Count];
        for (int k = 0; k < fill.Length; k++)
        {
            int c = numericIndex[k];
            switch (options.Missing.Kind)
            {
                case MissingPolicyKind.FillMean when fillAfter:
                    fill[k] = 0; // the mean, in standardized units
                    break;
                case MissingPolicyKind.FillMean:
                    double sum = 0;
                    int n = 0;
                    foreach (int r in rows)
                        if (!miss.Contains(table[r, c])) { sum += FiniteNumber(table, r, c, src, "feature"); n++; }
                    bool any = rows.Any(r => miss.Contains(table[r, c]));
                    if (n == 0 && any)
                        throw new InvalidDataException($"csv: {src}: column '{cols[c]}' has no value to compute the mean that fills its missing values from");
                    fill[k] = n == 0 ? 0 : sum / n;
                    if (!double.IsFinite(fill[k])) // the sum overflowed: average the values scaled down
                    {
                        double max = rows.Where(r => !miss.Contains(table[r, c])).Max(r => Math.Abs(FiniteNumber(table, r, c, src, "feature")));
                        fill[k] = rows.Where(r => !miss.Contains(table[r, c])).Sum(r => FiniteNumber(table, r, c, src, "feature") / max) / n * max;
                    }
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
            // Unscaled features; with FillAfterStandardize missing numbers stay NaN, which the statistics skip (pandas' skipna).
            var (x, _, n) = pre.BuildFeatures(table, unscaled: true, out _);
            var identity = new bool[pre.FeatureCount];
            for (int j = pre._numeric.Length; j < identity.Length; j++) identity[j] = true;
            var (mean, scale) = StandardScaler.Statistics(x, n, pre.FeatureCount, identity, options.StandardizeCorrection, skipNaN: fillAfter);
            pre.Scaler = new StandardScaler(mean, scale);
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
    /// <exception cref="InvalidDataException">A numeric cell is not a number or is infinite, a value is missing under <see cref="MissingPolicy.Error"/>,
    /// a class label was not seen in training, or the encoded features would not fit in one array; the message gives the line and column.</exception>
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
        CheckSize(src, nRows, f);
        var x = new double[(long)nRows * f];
        bool errorPolicy = Options.Missing.Kind == MissingPolicyKind.Error;
        bool fillAfter = Options.Standardize && Options.FillAfterStandardize;
        for (int i = 0; i < nRows; i++)
        {
            int r = rows[i];
            long o = (long)i * f;
            for (int k = 0; k < num.Length; k++)
            {
                string v = table[r, num[k]];
                if (miss.Contains(v))
                {
                    if (errorPolicy) CheckNotMissing(table, r, num[k], miss, src, "");
                    x[o + k] = fillAfter ? double.NaN : _fill[k]; // NaN: filled after standardizing
                }
                else if (TryNumber(v, out double d)) x[o + k] = Finite(d, table, r, num[k], src, "feature");
                else
                    throw new InvalidDataException($"csv: {src}: line {table.LineOf(r)}, column '{_numeric[k]}': cannot parse '{v}' as a number (the column is numeric in the training data)");
            }
            long at = o + num.Length;
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
        if (!unscaled)
        {
            Scaler?.TransformInPlace(x);
            if (fillAfter)
                for (long i = 0; i < x.Length; i += f)
                    for (int k = 0; k < num.Length; k++)
                        if (double.IsNaN(x[i + k])) x[i + k] = _fill[k];
        }

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
                        y[i * l + k] = (float)Finite(d, table, r, lab[k], src, "label");
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

    /// <summary>
    /// Parses a cell as pandas' C parser does: decimal and exponent forms, and <c>inf</c>/<c>infinity</c> in any case with an
    /// optional sign; NaN spellings that are not missing values (<c>NAN</c>, <c>nAn</c>, <c>+NaN</c>) and overflowing literals
    /// (<c>1e999</c>) are text, not numbers (.NET would read them as NaN and infinity).
    /// </summary>
    internal static bool TryNumber(string s, out double value)
    {
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            return !double.IsNaN(value) && (double.IsFinite(value) || IsInfinity(s));
        if (!IsInfinity(s)) return false;
        value = s[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
        return true;
    }

    private static bool IsInfinity(string s)
    {
        var t = s.AsSpan();
        if (t.Length > 0 && t[0] is '+' or '-') t = t[1..];
        return t.Equals("inf", StringComparison.OrdinalIgnoreCase) || t.Equals("infinity", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>An infinite feature or label is an error: it would make the column's mean, its standardization and the model's output NaN.</summary>
    private static double Finite(double v, CsvTable table, int r, int c, string src, string role) =>
        double.IsFinite(v) ? v
            : throw new InvalidDataException(
                $"csv: {src}: line {table.LineOf(r)}, column '{table.Columns[c]}': the {role} '{table[r, c]}' is infinite; infinite values are rejected " +
                "(they turn means, standardization and losses into NaN): fix the file, or add the value to MissingValues to treat it as missing");

    private static double FiniteNumber(CsvTable table, int r, int c, string src, string role) =>
        TryNumber(table[r, c], out double v) ? Finite(v, table, r, c, src, role)
            : throw new InvalidDataException($"csv: {src}: line {table.LineOf(r)}, column '{table.Columns[c]}': cannot parse '{table[r, c]}' as a number");

    /// <summary>The [rows, features] matrix must fit in one array; the usual culprit is an id-like column one-hot encoded.</summary>
    private void CheckSize(string src, int rows, int features)
    {
        long size = (long)rows * features;
        if (size <= Array.MaxLength) return;
        int widest = 0;
        for (int k = 1; k < _categories.Length; k++)
            if (_categories[k].Length > _categories[widest].Length) widest = k;
        string hint = _categories.Length > 0
            ? $"; the widest categorical column is '{_categorical[widest]}' with {_categories[widest].Length} categories (list id-like columns in DropColumns)"
            : "";
        throw new InvalidDataException($"csv: {src}: the encoded features would be {rows} rows x {features} columns = {size} values, more than one array can hold ({Array.MaxLength}){hint}");
    }

    // Sorted as pandas/scikit-learn sort unique values: numerically when every value is a number, else ordinally (Python's str order).
    private static string[] SortedDistinct(IEnumerable<string> values)
    {
        var distinct = values.Distinct(StringComparer.Ordinal).ToArray();
        if (distinct.All(v => TryNumber(v, out _)))
            return distinct.OrderBy(v => TryNumber(v, out double d) ? d : 0).ThenBy(v => v, StringComparer.Ordinal).ToArray();
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
