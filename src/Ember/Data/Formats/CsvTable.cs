using CsvHelper;

namespace Ember.Data.Formats;

/// <summary>
/// A CSV file read as text (with CsvHelper): column names and rows of trimmed field strings, each row
/// remembering the line it starts on for error messages. It is the raw material of
/// <see cref="CsvPreprocessor"/>, which decides what is numeric, categorical or missing.
/// </summary>
/// <remarks>
/// Quoting follows RFC 4180 (a quoted field may hold the delimiter, doubled quotes and line breaks);
/// spaces and tabs around values are trimmed; empty lines are skipped. Without a header the columns are
/// named "0", "1", … (pandas' <c>header=None</c>). Empty header names become <c>Unnamed: i</c> and
/// repeated ones get <c>.1</c>, <c>.2</c> suffixes, as pandas names them.
/// </remarks>
public sealed class CsvTable
{
    private readonly string[][] _rows;
    private readonly int[] _lines;
    private readonly Dictionary<string, int> _index;

    private CsvTable(string source, string[] columns, string[][] rows, int[] lines)
    {
        Source = source;
        Columns = columns;
        _rows = rows;
        _lines = lines;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < columns.Length; i++) _index[columns[i]] = i;
    }

    /// <summary>The name used in error messages (the file name, or the name given to <see cref="Parse"/>).</summary>
    public string Source { get; }

    /// <summary>The column names, in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The number of data rows (the header excluded).</summary>
    public int RowCount => _rows.Length;

    /// <summary>The trimmed text of a field (empty for an empty field).</summary>
    /// <param name="row">The data row, in [0, <see cref="RowCount"/>).</param>
    /// <param name="column">The column, in [0, <see cref="Columns"/>.Count).</param>
    /// <exception cref="IndexOutOfRangeException">The row or column is out of range.</exception>
    public string this[int row, int column]
    {
        get
        {
            CheckRow(row);
            if ((uint)column >= (uint)Columns.Count)
                throw new IndexOutOfRangeException($"csv: {Source}: column {column} is out of range for a table of {Columns.Count} columns");
            return _rows[row][column];
        }
    }

    /// <summary>The 1-based line of the file where data row <paramref name="row"/> starts.</summary>
    /// <param name="row">The data row.</param>
    /// <exception cref="IndexOutOfRangeException">The row is out of range.</exception>
    public int LineOf(int row)
    {
        CheckRow(row);
        return _lines[row];
    }

    private void CheckRow(int row)
    {
        if ((uint)row >= (uint)_rows.Length)
            throw new IndexOutOfRangeException($"csv: {Source}: row {row} is out of range for a table of {_rows.Length} data rows");
    }

    /// <summary>The index of the column named <paramref name="name"/>, or -1.</summary>
    /// <param name="name">The column name (exact, case-sensitive).</param>
    public int IndexOf(string name) => _index.TryGetValue(name, out int i) ? i : -1;

    /// <summary>Reads a CSV file.</summary>
    /// <param name="path">The file (UTF-8, or UTF-16/32 with a byte order mark).</param>
    /// <param name="hasHeader">Whether the first record names the columns (default true).</param>
    /// <param name="delimiter">The field separator (default ','); an ASCII character.</param>
    /// <returns>The table.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is empty, has malformed quoting, or a row's field count differs from the header's (the message gives the line).</exception>
    public static CsvTable Read(string path, bool hasHeader = true, char delimiter = ',')
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"csv: file not found: {path}", path);
        return Load(Path.GetFileName(path), hasHeader, delimiter, o => CsvReader.FromFile(path, o));
    }

    /// <summary>Parses CSV text.</summary>
    /// <param name="text">The whole CSV content.</param>
    /// <param name="hasHeader">Whether the first record names the columns (default true).</param>
    /// <param name="delimiter">The field separator (default ','); an ASCII character.</param>
    /// <param name="name">The name used in error messages (default <c>&lt;text&gt;</c>).</param>
    /// <returns>The table.</returns>
    /// <exception cref="InvalidDataException">The text is empty, has malformed quoting, or a row's field count differs from the header's.</exception>
    public static CsvTable Parse(string text, bool hasHeader = true, char delimiter = ',', string name = "<text>")
    {
        ArgumentNullException.ThrowIfNull(text);
        return Load(name, hasHeader, delimiter, o => CsvReader.FromText(text, o));
    }

    private static CsvTable Load(string name, bool hasHeader, char delimiter, Func<CsvReaderOptions, CsvReader> open)
    {
        if (delimiter > 127 || delimiter is '"' or '\r' or '\n')
            throw new ArgumentException($"csv: delimiter '{delimiter}' must be an ASCII character other than a quote or a line break", nameof(delimiter));
        var options = CsvReaderOptions.Default with
        {
            Separator = delimiter,
            HasHeader = hasHeader,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };
        var rows = new List<string[]>();
        var lines = new List<int>();
        string[]? columns = null;
        try
        {
            using var reader = open(options);
            if (hasHeader)
            {
                var headers = reader.Headers;
                if (headers.Count == 0) throw new InvalidDataException($"csv: {name}: the file is empty (no header row)");
                columns = NameColumns(headers);
            }
            while (reader.Read())
            {
                int n = reader.FieldCount;
                int line = (int)reader.LineNumber;
                if (columns is null)
                {
                    columns = new string[n];
                    for (int i = 0; i < n; i++) columns[i] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                if (n != columns.Length)
                    throw new InvalidDataException($"csv: {name}: line {line} has {n} fields, expected {columns.Length} ({(hasHeader ? "the header's columns" : "as the first row")}: {Preview(columns)})");
                var fields = new string[n];
                for (int i = 0; i < n; i++) fields[i] = reader.GetString(i) ?? "";
                rows.Add(fields);
                lines.Add(line);
            }
        }
        catch (CsvFormatException e)
        {
            string where = e.LineNumber > 0 && !e.Message.Contains($"line {e.LineNumber}", StringComparison.Ordinal) ? $"line {e.LineNumber}: " : "";
            throw new InvalidDataException($"csv: {name}: {where}{e.Message}", e);
        }
        if (columns is null) throw new InvalidDataException($"csv: {name}: the file is empty");
        return new CsvTable(name, columns, rows.ToArray(), lines.ToArray());
    }

    // pandas: an empty name becomes "Unnamed: i"; a repeated name "x" becomes "x.1", "x.2", ….
    private static string[] NameColumns(IReadOnlyList<string> headers)
    {
        var names = new string[headers.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            string h = headers[i]?.Trim() ?? "";
            if (h.Length == 0) h = $"Unnamed: {i}";
            string candidate = h;
            for (int k = 1; !seen.Add(candidate); k++) candidate = $"{h}.{k}";
            names[i] = candidate;
        }
        return names;
    }

    private static string Preview(string[] columns) =>
        columns.Length <= 8 ? string.Join(", ", columns) : string.Join(", ", columns.Take(8)) + $", … ({columns.Length} in all)";
}
