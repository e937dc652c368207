using System.Globalization;

namespace Ember.Training;

/// <summary>
/// Streams each epoch's logs to a CSV file (Keras' <c>CSVLogger</c>): a header <c>epoch,&lt;keys sorted&gt;</c>, then a row
/// per epoch, flushed as it is written so a crash loses nothing already logged.
/// </summary>
public sealed class CsvLogger : Callback, IDisposable
{
    private StreamWriter? _writer;
    private string[]? _keys;

    /// <summary>Creates the logger.</summary>
    /// <param name="filename">The CSV file.</param>
    /// <param name="separator">The field separator (default <c>','</c>).</param>
    /// <param name="append">Append to an existing file (default false: overwrite); with true no second header is written.</param>
    /// <exception cref="ArgumentNullException"><paramref name="filename"/> is null.</exception>
    public CsvLogger(string filename, char separator = ',', bool append = false)
    {
        Filename = filename ?? throw new ArgumentNullException(nameof(filename));
        Separator = separator;
        Append = append;
    }

    /// <summary>The CSV file.</summary>
    public string Filename { get; }

    /// <summary>The field separator.</summary>
    public char Separator { get; }

    /// <summary>Whether rows are appended to an existing file.</summary>
    public bool Append { get; }

    /// <inheritdoc/>
    public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs)
    {
        bool hasHeader = Append && File.Exists(Filename) && new FileInfo(Filename).Length > 0;
        _writer = new StreamWriter(Filename, Append);
        _keys = null;
        if (hasHeader)
        {
            using var reader = new StreamReader(new FileStream(Filename, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            _keys = reader.ReadLine()?.Split(Separator)[1..];
        }
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        if (_writer is null) return;
        if (_keys is null)
        {
            _keys = logs.Keys.Order(StringComparer.Ordinal).ToArray();
            _writer.WriteLine(string.Join(Separator, _keys.Prepend("epoch")));
        }
        _writer.WriteLine(string.Join(Separator, _keys.Select(k => logs.TryGetValue(k, out var v) ? v.ToString("R", CultureInfo.InvariantCulture) : "NA")
            .Prepend(epoch.ToString(CultureInfo.InvariantCulture))));
        _writer.Flush();
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(IReadOnlyDictionary<string, double> logs) => Dispose();

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
    }
}
