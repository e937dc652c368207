using System.Globalization;
using Ember.Data;
using Ember.Data.Transforms;

namespace Ember.Cli;

/// <summary>
/// Reads a data source spec: an embedded set (<c>digits</c>, <c>iris</c>, <c>wine</c>, <c>breast-cancer</c>,
/// <c>diabetes</c>), <c>idx:DIR</c> (MNIST-layout IDX files), <c>csv:FILE</c> (with a label column) or
/// <c>images:DIR</c> (one sub-folder per class).
/// </summary>
internal static class DataSources
{
    public static readonly string[] Embedded = ["digits", "iris", "wine", "breast-cancer", "diabetes"];

    public const string SpecHelp = "digits | iris | wine | breast-cancer | diabetes | idx:DIR | csv:FILE | images:DIR";

    /// <summary>How to read a source: the CSV label column and task, the image size.</summary>
    public sealed record Options(string? Label = null, TaskKind? Task = null, int? ImageSize = null, CsvPreprocessor? Csv = null);

    /// <summary>Checks the form of a spec (not that its files exist); null when it is well formed, else the problem.</summary>
    public static string? Check(string spec)
    {
        if (Embedded.Contains(spec)) return null;
        int colon = spec.IndexOf(':');
        string kind = colon < 0 ? "" : spec[..colon];
        if (kind is "idx" or "csv" or "images")
            return spec.Length > colon + 1 ? null : $"data: '{spec}' names no {(kind == "csv" ? "file" : "folder")} after '{kind}:'";
        return $"data: unknown source '{spec}' (expected {SpecHelp})";
    }

    public static DataSet Load(string spec, Options options)
    {
        if (Check(spec) is string problem) throw new CliException(problem, 2);
        int colon = spec.IndexOf(':');
        if (colon < 0) return LoadEmbedded(spec);
        string kind = spec[..colon], path = spec[(colon + 1)..];
        return kind switch
        {
            "idx" => LoadIdx(spec, path),
            "csv" => LoadCsv(spec, path, options),
            _ => LoadImages(spec, path, options.ImageSize),
        };
    }

    private static DataSet LoadEmbedded(string name)
    {
        var set = name switch
        {
            "digits" => EmbeddedDatasets.Digits(),
            "iris" => EmbeddedDatasets.Iris(),
            "wine" => EmbeddedDatasets.Wine(),
            "breast-cancer" => EmbeddedDatasets.BreastCancer(),
            _ => EmbeddedDatasets.Diabetes(),
        };
        return new DataSet { Spec = name, Name = name, Features = set.Features, Targets = set.Targets, ClassNames = set.TargetNames };
    }

    private static DataSet LoadIdx(string spec, string dir)
    {
        if (!Directory.Exists(dir)) throw new CliException($"data: IDX folder not found: {dir}");
        var train = Mnist.Load(dir, train: true);
        DataSet? test = null;
        if (HasIdx(dir, "t10k-images-idx3-ubyte") && HasIdx(dir, "t10k-labels-idx1-ubyte"))
        {
            var t = Mnist.Load(dir, train: false);
            test = FromMnist(spec, t, null);
        }
        return FromMnist(spec, train, test);
    }

    private static bool HasIdx(string dir, string name) =>
        File.Exists(Path.Combine(dir, name)) || File.Exists(Path.Combine(dir, name + ".gz"));

    private static DataSet FromMnist(string spec, Mnist set, DataSet? test) => new()
    {
        Spec = spec,
        Name = NameOf(set.Root),
        Features = (set.Data.To(DType.Float32) / 255.0).Unsqueeze(1),
        Targets = set.Targets,
        ClassNames = Enumerable.Range(0, 1 + set.Labels.ToArray().DefaultIfEmpty((byte)0).Max()).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray(),
        Test = test,
    };

    private static DataSet LoadCsv(string spec, string file, Options options)
    {
        if (!File.Exists(file)) throw new CliException($"data: CSV file not found: {file}");
        CsvDataset data;
        if (options.Csv is CsvPreprocessor fitted)
            data = CsvDataset.Load(file, fitted.Options, fitted);
        else
        {
            if (options.Label is not string label || label.Length == 0)
                throw new CliException($"data: {spec} needs --label COLUMN (the column holding the targets)", 2);
            var table = Ember.Data.Formats.CsvTable.Read(file);
            var column = int.TryParse(label, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && table.IndexOf(label) < 0
                ? new CsvColumn(index) : new CsvColumn(label);
            if (column.Name is string name && table.IndexOf(name) < 0)
                throw new CliException($"data: {file} has no column '{name}' (columns: {string.Join(", ", table.Columns)})");
            var task = options.Task ?? InferCsvTask(table, column.Resolve(table.Columns));
            var csvOptions = new CsvOptions
            {
                LabelColumns = [column],
                LabelKind = task == TaskKind.Regression ? CsvLabelKind.Regression : CsvLabelKind.Class,
            };
            data = CsvDataset.FromTable(table, CsvPreprocessor.Fit(table, csvOptions));
        }
        if (data.Targets is null) throw new CliException($"data: {file} lacks the label column '{string.Join(", ", data.Preprocessor.LabelColumns)}'");
        if (data.Targets.Dim != 1) throw new CliException($"data: {file}: give one label column, not {data.Targets.Size(1)}", 2);
        return new DataSet
        {
            Spec = spec,
            Name = NameOf(file),
            Features = data.Features,
            Targets = data.Targets,
            ClassNames = data.Classes.Count > 0 ? data.Classes : null,
            Csv = data.Preprocessor,
        };
    }

    /// <summary>Classification when every label is an integer or none is a number; regression when one is a non-integer number.</summary>
    private static TaskKind InferCsvTask(Ember.Data.Formats.CsvTable table, int column)
    {
        bool anyNumber = false, anyText = false, allIntegers = true;
        for (int r = 0; r < table.RowCount; r++)
        {
            string cell = table[r, column].Trim();
            if (cell.Length == 0) continue;
            if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            {
                anyNumber = true;
                if (v != Math.Floor(v) || !long.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)) allIntegers = false;
            }
            else anyText = true;
        }
        return anyNumber && !anyText && !allIntegers ? TaskKind.Regression : TaskKind.Classification;
    }

    private static DataSet LoadImages(string spec, string dir, int? size)
    {
        if (!Directory.Exists(dir)) throw new CliException($"data: image folder not found: {dir}");
        Func<Tensor, Tensor>? transform = size is int s ? new Resize((s, s)).Forward : null;
        var folder = new ImageFolder(dir, transform);
        var inputs = Read(folder);
        var channels = inputs.Select(x => x.Size(0)).Distinct().ToArray();
        if (channels.Length > 1) // gray and color files together: convert all to color (or all to gray without color)
            inputs = Read(folder = new ImageFolder(dir, transform, channels: channels.Max() >= 3 ? 3 : 1));
        for (int i = 1; i < inputs.Length; i++)
            if (!inputs[i].Shape.SequenceEqual(inputs[0].Shape))
                throw new CliException($"data: {folder.Samples[i].Path} is {inputs[i].Size(2)}×{inputs[i].Size(1)} but {folder.Samples[0].Path} is " +
                    $"{inputs[0].Size(2)}×{inputs[0].Size(1)}; give --image-size N to resize every image to N×N");
        return new DataSet
        {
            Spec = spec,
            Name = NameOf(dir),
            Features = Torch.Stack(inputs, 0).To(DType.Float32),
            Targets = Torch.FromArray(folder.Targets.Select(t => (long)t).ToArray()),
            ClassNames = folder.Classes,
        };
    }

    private static Tensor[] Read(ImageFolder folder)
    {
        var inputs = new Tensor[folder.Count];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = folder[i].Input;
        return inputs;
    }

    private static string NameOf(string path)
    {
        string name = Path.GetFileNameWithoutExtension(Path.TrimEndingDirectorySeparator(path));
        return name.Length == 0 ? "data" : name;
    }
}
