using System.Text.Json;
using Ember.NN;
using Ember.Serialization;

namespace Ember.Cli;

/// <summary>
/// What <c>ember train --save FILE</c> keeps beside the weights so that <c>evaluate</c> and <c>predict</c> can rebuild the
/// model and read data the same way: the architecture, the task and classes, the input standardization and the data
/// options. Written as <c>FILE.json</c> and, for a safetensors file, also in its metadata (key <see cref="MetadataKey"/>).
/// </summary>
internal sealed class ModelCard
{
    public const string FormatName = "ember-cli-model/1";

    public const string MetadataKey = "ember_cli";

    public string Format { get; set; } = FormatName;

    public ModelDescription Model { get; set; } = new();

    public string Task { get; set; } = "classification";

    public string[]? ClassNames { get; set; }

    /// <summary>Per-feature mean and scale of a table's standardization (fitted on the training part), or null.</summary>
    public double[]? FeatureMean { get; set; }

    public double[]? FeatureScale { get; set; }

    /// <summary>A regression target's mean and scale (the model predicts standardized values), or null.</summary>
    public double? TargetMean { get; set; }

    public double? TargetScale { get; set; }

    /// <summary>The training data spec, its options and split.</summary>
    public string Data { get; set; } = "digits";

    public string? Label { get; set; }

    public int? ImageSize { get; set; }

    public double TestSplit { get; set; }

    public string? TestData { get; set; }

    public int Seed { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public TaskKind TaskKind => Task == "regression" ? TaskKind.Regression : TaskKind.Classification;

    public static string SidecarPath(string modelFile) => modelFile + ".json";

    /// <summary>Saves the weights (safetensors unless the name ends in .pt/.pth) and the card.</summary>
    public void Save(Module model, string path)
    {
        string json = JsonSerializer.Serialize(this, CliJson.Default.ModelCard);
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        bool pytorch = path.EndsWith(".pt", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".pth", StringComparison.OrdinalIgnoreCase);
        model.Save(path, pytorch ? null : new Dictionary<string, string> { [MetadataKey] = json });
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        Serialization.AtomicFile.Write(SidecarPath(path), stream => stream.Write(bytes));
    }

    /// <summary>Reads the card of a saved model: <c>FILE.json</c>, else the safetensors metadata.</summary>
    public static ModelCard Load(string path)
    {
        if (!File.Exists(path)) throw new CliException($"model file not found: {path}");
        string? json = null;
        string sidecar = SidecarPath(path);
        if (File.Exists(sidecar)) json = File.ReadAllText(sidecar);
        else
        {
            try
            {
                var content = Safetensors.Load(path);
                content.Metadata.TryGetValue(MetadataKey, out json);
            }
            catch (ModelFormatException) { }
        }
        if (json is null)
            throw new CliException($"{path} has no model description: neither {Path.GetFileName(sidecar)} beside it nor '{MetadataKey}' metadata (save models with `ember train --save FILE`)");
        ModelCard? card;
        try { card = JsonSerializer.Deserialize(json, CliJson.Default.ModelCard); }
        catch (JsonException e) { throw new CliException($"the model description of {path} is not valid: {e.Message}"); }
        if (card is null || card.Format != FormatName)
            throw new CliException($"the model description of {path} has format '{card?.Format}', expected '{FormatName}'");
        return card;
    }

    /// <summary>Rebuilds the model and loads the weights.</summary>
    public Module<Tensor, Tensor> LoadModel(string path)
    {
        var model = ModelSpec.Build(Model);
        model.Load(path);
        model.Eval();
        return model;
    }
}
