using System.Text.Json;
using Ember.NN;

namespace Ember.Cli;

/// <summary>
/// Turns the <c>--model</c> option into a <see cref="ModelDescription"/> for a data shape, and a description into a
/// module. Built-ins adapt to the data: an MLP flattens images; LeNet and ResNet-18 view a square table row (the 64
/// pixels of digits) as a 1-channel image.
/// </summary>
internal static class ModelSpec
{
    public static readonly string[] BuiltIns = ["mlp", "linear", "lenet", "resnet18"];

    public const string Help = "mlp | linear | lenet | resnet18 | PATH.json (a JSON layer list)";

    public static ModelDescription Describe(string model, int[] inputShape, int outputs, int[] hidden, double dropout)
    {
        if (BuiltIns.Contains(model))
        {
            var d = new ModelDescription { Kind = model, InputShape = inputShape, Outputs = outputs };
            if (model == "mlp") { d.Hidden = hidden; d.Dropout = dropout; }
            if (model is "lenet" or "resnet18") ImageShape(inputShape, model);
            return d;
        }
        if (!File.Exists(model))
            throw new CliException($"model: unknown model '{model}' (expected {Help}; no such file)", 2);
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(model), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            root = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new CliException($"model: {model} is not valid JSON: {e.Message}");
        }
        var layers = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("layers", out var l) ? l : root;
        if (layers.ValueKind != JsonValueKind.Array)
            throw new CliException($"model: {model} must hold {{\"layers\": [ ... ]}} (a list of layer objects)");
        var desc = new ModelDescription { Kind = "layers", InputShape = inputShape, Outputs = outputs, Layers = layers };
        JsonLayers.Build(layers); // validates every layer's fields
        return desc;
    }

    public static Module<Tensor, Tensor> Build(ModelDescription d, Generator? generator = null)
    {
        int features = d.InputShape.Aggregate(1, (a, b) => a * b);
        var seq = new Sequential();
        switch (d.Kind)
        {
            case "mlp":
            {
                if (d.InputShape.Length > 1) seq.Append(new Flatten());
                int width = features;
                foreach (int h in d.Hidden)
                {
                    seq.Append(new Linear(width, h, generator: generator));
                    seq.Append(new ReLU());
                    if (d.Dropout > 0) seq.Append(new Dropout(d.Dropout));
                    width = h;
                }
                seq.Append(new Linear(width, d.Outputs, generator: generator));
                return seq;
            }
            case "linear":
                if (d.InputShape.Length > 1) seq.Append(new Flatten());
                seq.Append(new Linear(features, d.Outputs, generator: generator));
                return seq;
            case "lenet":
            {
                var (c, h, w) = ImageShape(d.InputShape, "lenet");
                if (d.InputShape.Length == 1) seq.Append(new Unflatten(1, [c, h, w]));
                // LeNet-5 with ReLU and max pooling (d2l's modern variant); the second convolution is padded for images under 16 px.
                int pad2 = Math.Min(h, w) < 16 ? 2 : 0;
                seq.Append(new Conv2d(c, 6, 5, padding: 2, generator: generator)).Append(new ReLU()).Append(new MaxPool2d(2));
                int h1 = h / 2, w1 = w / 2;
                int h2 = (h1 + 2 * pad2 - 4) / 2, w2 = (w1 + 2 * pad2 - 4) / 2;
                if (h2 < 1 || w2 < 1) throw new CliException($"model: lenet needs images of at least 4×4 pixels, got {h}×{w}");
                seq.Append(new Conv2d(6, 16, 5, padding: pad2, generator: generator)).Append(new ReLU()).Append(new MaxPool2d(2));
                seq.Append(new Flatten()).Append(new Linear(16 * h2 * w2, 120, generator: generator)).Append(new ReLU())
                    .Append(new Linear(120, 84, generator: generator)).Append(new ReLU()).Append(new Linear(84, d.Outputs, generator: generator));
                return seq;
            }
            case "resnet18":
            {
                var (c, h, w) = ImageShape(d.InputShape, "resnet18");
                var net = Vision.Models.ResNet18(numClasses: d.Outputs, inChannels: c, generator: generator);
                if (d.InputShape.Length > 1) return net;
                return seq.Append(new Unflatten(1, [c, h, w])).Append(net);
            }
            case "layers":
                return d.Layers is JsonElement layers ? JsonLayers.Build(layers) : throw new CliException("model: the description has no layers");
            default:
                throw new CliException($"model: unknown model kind '{d.Kind}' in the model description (expected {string.Join(", ", BuiltIns)} or layers)");
        }
    }

    /// <summary>The image a model sees: [C, H, W] as given, or a square table row viewed as [1, s, s].</summary>
    private static (int C, int H, int W) ImageShape(int[] shape, string model)
    {
        if (shape.Length == 3) return (shape[0], shape[1], shape[2]);
        if (shape.Length == 1)
        {
            int s = (int)Math.Round(Math.Sqrt(shape[0]));
            if (s * s == shape[0]) return (1, s, s);
        }
        throw new CliException($"model: {model} needs image inputs [C, H, W] or square table rows (e.g. 64 = 8×8 pixels), got samples of shape [{string.Join(", ", shape)}]", 2);
    }
}
