using System.Text.Json;

namespace Ember.Cli;

/// <summary>Writes the report of a run. For now the record as JSON; the HTML report replaces this body.</summary>
internal static class ReportWriter
{
    public static void Write(RunRecord record, string path)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllText(path, JsonSerializer.Serialize(RunRecordJson.From(record), CliJson.Default.RunRecordJson));
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

    public string[]? GradientWarnings { get; set; }

    public double WallSeconds { get; set; }

    public string? ModelFile { get; set; }

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
                Warnings = e.Warnings.Select(w => w.Message).ToArray(),
            }).ToArray(),
            GradientWarnings = r.GradientWarnings?.Select(w => w.Message).ToArray(),
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

    public string[] Warnings { get; set; } = [];
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
