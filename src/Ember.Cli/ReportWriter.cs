using System.Text.Json;
using Ember.Diagnostics;
using Ember.Plots;
using Ember.Serialization;

namespace Ember.Cli;

/// <summary>
/// Writes the report of a run: the self-contained HTML report (<see cref="HtmlReport"/>: curves, model summary, confusion
/// matrix, hyper-parameters, gradient health) and, beside it, the run as JSON, from which <c>ember report</c> renders it again.
/// </summary>
internal static class ReportWriter
{
    /// <summary>Writes <paramref name="path"/> (HTML) and <see cref="JsonPath"/> of it; returns the JSON's path.</summary>
    public static string Write(RunRecord record, string path)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        var json = RunRecordJson.From(record);
        string jsonPath = JsonPath(path);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(json, CliJson.Default.RunRecordJson);
        AtomicFile.Write(jsonPath, stream => stream.Write(bytes));
        HtmlReport.Write(json.ToReport(), path);
        return jsonPath;
    }

    /// <summary>The run's JSON beside an HTML report: <c>report.html</c> → <c>report.json</c>.</summary>
    public static string JsonPath(string htmlPath)
    {
        string json = Path.ChangeExtension(htmlPath, ".json");
        return json == htmlPath ? htmlPath + ".run.json" : json;
    }

    /// <summary>Reads a run written by <see cref="Write"/>.</summary>
    /// <exception cref="CliException">The file is missing or is not a run's JSON.</exception>
    public static RunRecordJson Read(string path)
    {
        if (!File.Exists(path)) throw new CliException($"report: run file not found: {path}");
        try
        {
            using var stream = File.OpenRead(path);
            var run = JsonSerializer.Deserialize(stream, CliJson.Default.RunRecordJson) ?? throw new CliException($"report: {path} holds no run");
            run.Validate(path);
            return run;
        }
        catch (JsonException e)
        {
            throw new CliException($"report: {path} is not a run written by `ember train` ({e.Message})");
        }
    }
}

/// <summary>The JSON form of a <see cref="RunRecord"/>.</summary>
internal sealed class RunRecordJson
{
    public string Title { get; set; } = "";

    public Dictionary<string, string> HyperParameters { get; set; } = [];

    public int[] Epochs { get; set; } = [];

    public Dictionary<string, double[]> History { get; set; } = [];

    public string ModelSummary { get; set; } = "";

    public string Task { get; set; } = "";

    public Dictionary<string, double> TestMetrics { get; set; } = [];

    public long[][]? ConfusionMatrix { get; set; }

    public string[]? ClassNames { get; set; }

    public EpochHealthJson[]? GradientEpochs { get; set; }


    public double WallSeconds { get; set; }

    public string? ModelFile { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>Checks what <see cref="ToReport"/> relies on.</summary>
    /// <exception cref="CliException">The run is inconsistent.</exception>
    public void Validate(string path)
    {
        foreach (var (name, values) in History)
            if (values is null || values.Length != Epochs.Length)
                throw new CliException($"report: {path}: history '{name}' has {values?.Length ?? 0} values for {Epochs.Length} epochs");
        if (ConfusionMatrix is { } cm && cm.Any(row => row is null || row.Length != cm.Length))
            throw new CliException($"report: {path}: the confusion matrix is not square");
        if (ConfusionMatrix is { } m && ClassNames is { } names && names.Length != m.Length)
            throw new CliException($"report: {path}: {names.Length} class names for a {m.Length}-class confusion matrix");
        if (Epochs.Any(e => e < 0)) throw new CliException($"report: {path}: negative epoch");
    }

    /// <summary>The HTML report's content.</summary>
    public RunReport ToReport()
    {
        var health = GradientEpochs?.Select(e => e.ToHealth()).ToArray();
        var hyper = new Dictionary<string, string>(HyperParameters) { ["wall time"] = WallSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " s" };
        if (ModelFile is not null) hyper["model file"] = ModelFile;
        return new RunReport
        {
            Title = Title,
            CreatedUtc = CreatedUtc,
            HyperParameters = hyper,
            History = Ember.Training.History.Create(Epochs, History.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double>)kv.Value), health),
            ModelSummary = ModelSummary,
            TestMetrics = TestMetrics,
            ConfusionMatrix = ConfusionMatrix is { } cm ? Torch.FromArray(cm.SelectMany(r => r).ToArray()).View(cm.Length, cm.Length) : null,
            ClassNames = ClassNames,
            GradientHealth = health,
        };
    }

    public static RunRecordJson From(RunRecord r)
    {
        long[][]? cm = null;
        if (r.ConfusionMatrix is Tensor t)
        {
            int n = t.Size(0);
            var flat = t.To(DType.Int64).ToArray<long>();
            cm = Enumerable.Range(0, n).Select(i => flat.AsSpan(i * n, n).ToArray()).ToArray();
        }
        return new RunRecordJson
        {
            Title = r.Title,
            CreatedUtc = DateTime.UtcNow,
            HyperParameters = new(r.HyperParameters),
            Epochs = r.History.Epochs.ToArray(),
            History = r.History.Values.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()),
            ModelSummary = r.ModelSummary,
            Task = r.Task.ToString().ToLowerInvariant(),
            TestMetrics = new(r.TestMetrics),
            ConfusionMatrix = cm,
            ClassNames = r.ClassNames?.ToArray(),
            GradientEpochs = r.GradientEpochs?.Select(e => new EpochHealthJson
            {
                Epoch = e.Epoch,
                Steps = e.Steps,
                Layers = e.Layers.Select(l => new LayerHealthJson
                {
                    Layer = l.Layer, LayerType = l.LayerType, MeanGradNorm = l.MeanGradNorm, MinGradNorm = l.MinGradNorm,
                    MaxGradNorm = l.MaxGradNorm, MeanUpdateRatio = l.MeanUpdateRatio,
                }).ToArray(),
                Warnings = e.Warnings.Select(w => new HealthWarningJson
                {
                    Kind = w.Kind, Layer = w.Layer, LayerType = w.LayerType, Step = w.Step, Value = w.Value, Threshold = w.Threshold, Message = w.Message,
                }).ToArray(),
            }).ToArray(),
            WallSeconds = r.WallSeconds,
            ModelFile = r.ModelFile,
        };
    }
}

internal sealed class EpochHealthJson
{
    public int Epoch { get; set; }

    public long Steps { get; set; }

    public LayerHealthJson[] Layers { get; set; } = [];

    public HealthWarningJson[] Warnings { get; set; } = [];

    public EpochHealth ToHealth() => new(Epoch, Steps,
        Layers.Select(l => new LayerEpochStats(l.Layer, l.LayerType, Steps, l.MeanGradNorm, l.MinGradNorm, l.MaxGradNorm, l.MeanUpdateRatio)).ToArray(),
        Warnings.Select(w => new HealthWarning(w.Kind, w.Layer, w.LayerType, w.Step, w.Value, w.Threshold, w.Message)).ToArray());
}

internal sealed class HealthWarningJson
{
    public HealthWarningKind Kind { get; set; }

    public string Layer { get; set; } = "";

    public string LayerType { get; set; } = "";

    public long Step { get; set; }

    public double Value { get; set; }

    public double Threshold { get; set; }

    public string Message { get; set; } = "";
}

internal sealed class LayerHealthJson
{
    public string Layer { get; set; } = "";

    public string LayerType { get; set; } = "";

    public double MeanGradNorm { get; set; }

    public double MinGradNorm { get; set; }

    public double MaxGradNorm { get; set; }

    public double MeanUpdateRatio { get; set; }
}
