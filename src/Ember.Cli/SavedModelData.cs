using System.Globalization;
using Ember.Data;
using Ember.Data.Formats;

namespace Ember.Cli;

/// <summary>Reads data for a saved model the way its training run read it (same label, task, image size, CSV encoding, split).</summary>
internal static class SavedModelData
{
    public const string SplitHelp = "test | train | all (default: test when the data is the model's training source, else all)";

    /// <summary>Loads <paramref name="spec"/> (default the training source) and picks the part asked.</summary>
    public static DataSet Load(ModelCard card, string? spec, string? split) => Load(card, spec, split, out _);

    /// <summary>As <see cref="Load(ModelCard, string?, string?)"/>, also saying which part was taken (<c>test</c>, <c>train</c> or <c>all</c>).</summary>
    public static DataSet Load(ModelCard card, string? spec, string? split, out string part)
    {
        spec ??= card.Data;
        var options = new DataSources.Options(card.Label, card.TaskKind, card.ImageSize, TrainingCsv(card, spec));
        var data = DataSources.Load(spec, options);
        bool sameSource = spec == card.Data;
        split ??= sameSource && card.TestData is null ? "test" : "all";
        part = split;
        if (split == "all") return data;
        if (!sameSource || card.TestData is not null)
            throw new CliException($"--split {split} applies to the model's training source {card.Data} split at random; use --split all for {spec}", 2);
        if (data.Test is DataSet own) return split == "test" ? own : data;
        var (train, test) = Experiment.HoldOut(data, card.TestSplit, card.Seed);
        return split == "test" ? test : train;
    }

    /// <summary>The CSV encoding fitted on the training file, for a csv: source other than it (null otherwise).</summary>
    public static CsvPreprocessor? TrainingCsv(ModelCard card, string spec)
    {
        if (!card.Data.StartsWith("csv:", StringComparison.Ordinal) || spec == card.Data) return null;
        string file = card.Data[4..];
        if (!File.Exists(file))
            throw new CliException($"the model was trained on {card.Data}, which is needed to encode other CSV files the same way, but it is not found (run from the training directory)");
        return DataSources.Load(card.Data, new DataSources.Options(card.Label, card.TaskKind, card.ImageSize)).Csv;
    }

    /// <summary>Reads a CSV of inputs to predict: a csv:-trained model's columns (the label column optional), or plain rows of numbers.</summary>
    public static Tensor ReadInputs(ModelCard card, string path)
    {
        if (!File.Exists(path)) throw new CliException($"input file not found: {path}");
        if (card.Data.StartsWith("csv:", StringComparison.Ordinal))
        {
            var preprocessor = TrainingCsv(card, "csv:" + path) ?? DataSources.Load(card.Data, new DataSources.Options(card.Label, card.TaskKind, card.ImageSize)).Csv!;
            return preprocessor.Transform(CsvTable.Read(path)).Features; // the label column may be absent
        }
        var rows = new List<float[]>();
        int expected = card.Model.InputShape.Aggregate(1, (a, b) => a * b);
        int line = 0;
        foreach (var raw in File.ReadLines(path))
        {
            line++;
            if (raw.Trim().Length == 0) continue;
            var cells = raw.Split(',');
            var values = new float[cells.Length];
            bool numeric = true;
            for (int j = 0; j < cells.Length && numeric; j++)
                numeric = float.TryParse(cells[j].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[j]);
            if (!numeric)
            {
                if (rows.Count == 0 && line == 1) continue; // a header
                throw new CliException($"{path}:{line}: not a row of numbers: '{(raw.Length > 40 ? raw[..40] + "..." : raw)}'");
            }
            if (values.Length != expected)
                throw new CliException($"{path}:{line}: {values.Length} values, but the model takes {expected} per sample (shape [{string.Join(", ", card.Model.InputShape)}])");
            rows.Add(values);
        }
        if (rows.Count == 0) throw new CliException($"{path} holds no row of numbers");
        var flat = rows.SelectMany(r => r).ToArray();
        return Torch.FromArray(flat, [rows.Count, .. card.Model.InputShape]);
    }
}
