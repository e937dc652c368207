using System.Text.Json;
using Ember.NN;

namespace Ember.Cli;

/// <summary>
/// Builds a <see cref="Sequential"/> from a JSON layer list, e.g.
/// <c>[{"type":"Linear","in":64,"out":128},{"type":"ReLU"},{"type":"Dropout","p":0.1},{"type":"Linear","in":128,"out":10}]</c>.
/// Every mistake is reported with the layer's index and type and the field: an unknown type or field, a missing or
/// mistyped value, a value out of range.
/// </summary>
internal static class JsonLayers
{
    /// <summary>Each type's fields (required ones first, then optional ones with their defaults in <see cref="Help"/>).</summary>
    private static readonly Dictionary<string, string[]> Fields = new(StringComparer.Ordinal)
    {
        ["Linear"] = ["in", "out", "bias"],
        ["ReLU"] = [],
        ["Sigmoid"] = [],
        ["Tanh"] = [],
        ["GELU"] = ["approximate"],
        ["LeakyReLU"] = ["slope"],
        ["Dropout"] = ["p"],
        ["Flatten"] = ["start", "end"],
        ["Unflatten"] = ["dim", "shape"],
        ["Conv2d"] = ["in", "out", "kernel", "stride", "padding"],
        ["MaxPool2d"] = ["kernel", "stride", "padding"],
        ["AvgPool2d"] = ["kernel", "stride", "padding"],
        ["BatchNorm1d"] = ["features"],
        ["BatchNorm2d"] = ["features"],
        ["LayerNorm"] = ["shape"],
    };

    public const string Help =
        "Linear{in,out,bias=true} ReLU Sigmoid Tanh GELU{approximate=\"none\"} LeakyReLU{slope=0.01} Dropout{p=0.5} Flatten{start=1,end=-1} " +
        "Unflatten{dim,shape} Conv2d{in,out,kernel,stride=1,padding=0} MaxPool2d{kernel,stride=kernel,padding=0} AvgPool2d{kernel,stride=kernel,padding=0} " +
        "BatchNorm1d{features} BatchNorm2d{features} LayerNorm{shape}";

    public static Sequential Build(JsonElement layers)
    {
        if (layers.ValueKind != JsonValueKind.Array) throw new CliException("model: \"layers\" must be a list of layer objects");
        if (layers.GetArrayLength() == 0) throw new CliException("model: \"layers\" is empty");
        var seq = new Sequential();
        int i = 0;
        foreach (var layer in layers.EnumerateArray())
        {
            seq.Append(Layer(layer, i));
            i++;
        }
        return seq;
    }

    private static Module<Tensor, Tensor> Layer(JsonElement e, int index)
    {
        if (e.ValueKind != JsonValueKind.Object) throw Error(index, null, $"must be an object like {{\"type\": \"ReLU\"}}, got {Show(e)}");
        if (!e.TryGetProperty("type", out var typeElement)) throw Error(index, null, "has no \"type\" field");
        if (typeElement.ValueKind != JsonValueKind.String) throw Error(index, null, $"field \"type\" must be a string, got {Show(typeElement)}");
        string type = typeElement.GetString()!;
        if (!Fields.TryGetValue(type, out var known))
        {
            var near = Fields.Keys.FirstOrDefault(k => string.Equals(k, type, StringComparison.OrdinalIgnoreCase));
            throw Error(index, null, $"unknown type \"{type}\"{(near is null ? "" : $" (did you mean \"{near}\"?)")}; known types: {string.Join(", ", Fields.Keys)}");
        }
        foreach (var p in e.EnumerateObject())
            if (p.Name != "type" && !known.Contains(p.Name))
                throw Error(index, type, $"unknown field \"{p.Name}\" ({(known.Length == 0 ? "it takes no field" : "fields: " + string.Join(", ", known))})");
        var f = new Reader(e, index, type);
        try
        {
            return type switch
            {
                "Linear" => new Linear(f.Positive("in"), f.Positive("out"), f.Bool("bias", true)),
                "ReLU" => new ReLU(),
                "Sigmoid" => new Sigmoid(),
                "Tanh" => new Tanh(),
                "GELU" => new GELU(f.Choice("approximate", "none", "none", "tanh")),
                "LeakyReLU" => new LeakyReLU(f.Number("slope", 0.01)),
                "Dropout" => new Dropout(f.Probability("p", 0.5)),
                "Flatten" => new Flatten(f.Int("start", 1), f.Int("end", -1)),
                "Unflatten" => new Unflatten(f.Int("dim", null), f.Shape("shape")),
                "Conv2d" => new Conv2d(f.Positive("in"), f.Positive("out"), f.Positive("kernel"), f.Positive("stride", 1), f.NonNegative("padding", 0)),
                "MaxPool2d" => Pool(f, max: true),
                "AvgPool2d" => Pool(f, max: false),
                "BatchNorm1d" => new BatchNorm1d(f.Positive("features")),
                "BatchNorm2d" => new BatchNorm2d(f.Positive("features")),
                _ => new LayerNorm(f.Shape("shape")),
            };
        }
        catch (ArgumentException x)
        {
            throw Error(index, type, x.Message);
        }
    }

    private static Module<Tensor, Tensor> Pool(Reader f, bool max)
    {
        int kernel = f.Positive("kernel");
        int stride = f.Positive("stride", kernel);
        int padding = f.NonNegative("padding", 0);
        if (2 * padding > kernel) throw Error(f.Index, f.Type, $"field \"padding\" ({padding}) must be at most half the kernel ({kernel})");
        return max ? new MaxPool2d(kernel, stride, padding) : new AvgPool2d(kernel, stride, padding);
    }

    internal static CliException Error(int index, string? type, string message) =>
        new($"model: layer {index}{(type is null ? "" : $" ({type})")}: {message}");

    private static string Show(JsonElement e)
    {
        string text = e.GetRawText();
        return text.Length > 40 ? text[..37] + "..." : text;
    }

    /// <summary>Reads typed fields of one layer object, with errors naming the layer and field.</summary>
    private readonly struct Reader(JsonElement e, int index, string type)
    {
        public int Index => index;

        public string Type => type;

        public int Int(string name, int? fallback)
        {
            if (!e.TryGetProperty(name, out var v))
                return fallback ?? throw Error(index, type, $"missing field \"{name}\"");
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int n)) throw Error(index, type, $"field \"{name}\" must be an integer, got {Show(v)}");
            return n;
        }

        public int Positive(string name, int? fallback = null)
        {
            int n = Int(name, fallback);
            return n >= 1 ? n : throw Error(index, type, $"field \"{name}\" must be a positive integer, got {n}");
        }

        public int NonNegative(string name, int fallback)
        {
            int n = Int(name, fallback);
            return n >= 0 ? n : throw Error(index, type, $"field \"{name}\" must not be negative, got {n}");
        }

        public double Number(string name, double fallback)
        {
            if (!e.TryGetProperty(name, out var v)) return fallback;
            if (v.ValueKind != JsonValueKind.Number) throw Error(index, type, $"field \"{name}\" must be a number, got {Show(v)}");
            return v.GetDouble();
        }

        public double Probability(string name, double fallback)
        {
            double p = Number(name, fallback);
            return p is >= 0 and < 1 ? p : throw Error(index, type, $"field \"{name}\" must be in [0, 1), got {p}");
        }

        public bool Bool(string name, bool fallback)
        {
            if (!e.TryGetProperty(name, out var v)) return fallback;
            return v.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Error(index, type, $"field \"{name}\" must be true or false, got {Show(v)}"),
            };
        }

        public string Choice(string name, string fallback, params string[] allowed)
        {
            if (!e.TryGetProperty(name, out var v)) return fallback;
            if (v.ValueKind != JsonValueKind.String || !allowed.Contains(v.GetString()))
                throw Error(index, type, $"field \"{name}\" must be one of {string.Join(", ", allowed.Select(a => $"\"{a}\""))}, got {Show(v)}");
            return v.GetString()!;
        }

        public int[] Shape(string name)
        {
            if (!e.TryGetProperty(name, out var v)) throw Error(index, type, $"missing field \"{name}\"");
            if (v.ValueKind == JsonValueKind.Number) return [Positive(name)];
            if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() == 0)
                throw Error(index, type, $"field \"{name}\" must be a positive integer or a non-empty list of them, got {Show(v)}");
            var dims = new int[v.GetArrayLength()];
            int k = 0;
            foreach (var d in v.EnumerateArray())
            {
                if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out int n) || n < 1)
                    throw Error(index, type, $"field \"{name}\" must list positive integers, got {Show(v)}");
                dims[k++] = n;
            }
            return dims;
        }
    }
}
