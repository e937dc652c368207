using System.Text.Json;

namespace Ember.Cli;

/// <summary>
/// Everything needed to rebuild a model's architecture: a built-in kind (<c>mlp</c>, <c>linear</c>, <c>lenet</c>,
/// <c>resnet18</c>) with its sizes, or <c>layers</c> with the JSON layer list. Stored beside a saved model.
/// </summary>
internal sealed class ModelDescription
{
    public string Kind { get; set; } = "mlp";

    /// <summary>One sample's shape, e.g. [64] or [1, 28, 28].</summary>
    public int[] InputShape { get; set; } = [];

    /// <summary>Outputs per sample: classes, or 1 for regression.</summary>
    public int Outputs { get; set; }

    public int[] Hidden { get; set; } = [];

    public double Dropout { get; set; }

    /// <summary>The JSON model's layer list (kind <c>layers</c>).</summary>
    public JsonElement? Layers { get; set; }

    public override string ToString() => Kind switch
    {
        "mlp" => $"MLP {string.Join("-", new[] { Numel() }.Concat(Hidden).Append(Outputs))}" + (Dropout > 0 ? $", dropout {Dropout}" : ""),
        "linear" => $"linear {Numel()}-{Outputs}",
        "layers" => $"JSON model of {Layers?.GetArrayLength() ?? 0} layers",
        _ => Kind,
    };

    private int Numel() => InputShape.Aggregate(1, (a, b) => a * b);
}
