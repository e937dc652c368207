using Ember.Onnx.Import;
using Ember.Onnx.Proto;

namespace Ember.Onnx.Tests.Import;

/// <summary>
/// The official ONNX backend node tests installed by Debian's libonnx-testdata: which cases Ember claims (every node's
/// operator in <see cref="OnnxModel.SupportedOperators"/>, every graph value of an element type Ember has), how to run
/// one, and how to compare with ONNX's tolerances (rtol 1e-3, atol 1e-7, as onnx's backend test runner).
/// </summary>
internal static class NodeTestCases
{
    public const string Root = "/usr/share/libonnx-testdata/data/node";
    public const double Rtol = 1e-3, Atol = 1e-7;

    /// <summary>
    /// Claimed-operator cases that Ember does not run, each a narrow variant with its reason. Everything else that uses
    /// only claimed operators must pass.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Excluded = new Dictionary<string, string>
    {
        // training mode: random dropout masks and batch statistics
        ["test_training_dropout"] = "training-mode Dropout (random)",
        ["test_training_dropout_default"] = "training-mode Dropout (random)",
        ["test_training_dropout_default_mask"] = "training-mode Dropout (random)",
        ["test_training_dropout_mask"] = "training-mode Dropout (random)",
        ["test_batchnorm_epsilon_training_mode"] = "training-mode BatchNormalization",
        ["test_batchnorm_example_training_mode"] = "training-mode BatchNormalization",
        // onnx 1.12's generator truncates float → bfloat16; Ember rounds to nearest even, as PyTorch and ONNX Runtime do
        ["test_cast_FLOAT_to_BFLOAT16"] = "bfloat16 rounding of the reference data",
        // the data sets give 'like' the shape [1] while the models declare [3, 4]; Ember rejects inputs whose fixed
        // dimensions contradict the declaration, as ONNX Runtime does
        ["test_castlike_BFLOAT16_to_FLOAT"] = "input shape contradicts the model",
        ["test_castlike_BFLOAT16_to_FLOAT_expanded"] = "input shape contradicts the model",
        ["test_castlike_FLOAT_to_BFLOAT16"] = "input shape contradicts the model",
        ["test_castlike_FLOAT_to_BFLOAT16_expanded"] = "input shape contradicts the model",
    };

    private static readonly HashSet<int> EmberTypes = [1, 2, 6, 7, 9, 10, 11, 16];

    /// <summary>Why the node tests cannot run here (the package is missing and not required), or null.</summary>
    public static string? Unavailable =>
        Directory.Exists(Root) || Environment.GetEnvironmentVariable("EMBER_REQUIRE_ORACLES") == "1"
            ? null : $"ONNX's node tests are not installed at {Root} (apt-get install libonnx-testdata)";

    public static IEnumerable<string> All() => Unavailable is not null ? [] : Directory.GetDirectories(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static ModelProto Model(string name) => ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(Root, name, "model.onnx")));

    /// <summary>Whether every operator of the case is claimed and every graph value has an Ember element type.</summary>
    public static bool Claimed(string name) => OnlyClaimedOperators(name) && OnlyEmberTypes(name);

    public static bool OnlyClaimedOperators(string name)
    {
        var supported = OnnxModel.SupportedOperators.ToHashSet();
        return Model(name).Graph.Node.All(n => n.Domain is "" or "ai.onnx" && supported.Contains(n.OpType));
    }

    public static bool OnlyEmberTypes(string name)
    {
        var m = Model(name);
        bool Ok(ValueInfoProto v) => v.Type?.TensorType is { } t && EmberTypes.Contains(t.ElemType);
        return m.Graph.Input.All(Ok) && m.Graph.Output.All(Ok) && m.Graph.Initializer.All(t => EmberTypes.Contains(t.DataType));
    }

    public static IEnumerable<string> ClaimedCases() => All().Where(Claimed).Where(n => !Excluded.ContainsKey(n));

    /// <summary>Runs every data set of a case; returns null when all outputs match, else what differed.</summary>
    public static string? Run(string name)
    {
        string dir = Path.Combine(Root, name);
        var model = OnnxModel.Load(Path.Combine(dir, "model.onnx"));
        foreach (string set in Directory.GetDirectories(dir, "test_data_set_*").Order(StringComparer.Ordinal))
        {
            var inputs = Enumerable.Range(0, model.InputNames.Count)
                .Select(i => ReadData(Path.Combine(set, $"input_{i}.pb"))).ToArray();
            var outputs = model.Run(inputs);
            for (int i = 0; i < outputs.Length; i++)
            {
                var expected = ReadData(Path.Combine(set, $"output_{i}.pb"));
                if (Compare(expected, outputs[i]) is { } problem) return $"{Path.GetFileName(set)} output {i} ({model.OutputNames[i]}): {problem}";
            }
        }
        return null;
    }

    /// <summary>
    /// Reads a data file. onnx 1.12's generator wrote bfloat16 values as UINT16 tensors of the same bits (the models
    /// declare BFLOAT16); those are read as the bfloat16 values they hold.
    /// </summary>
    private static Tensor ReadData(string path)
    {
        var proto = TensorProto.Parser.ParseFrom(File.ReadAllBytes(path));
        if (proto.DataType == (int)TensorProto.Types.DataType.Uint16) proto.DataType = (int)TensorProto.Types.DataType.Bfloat16;
        return OnnxTensors.Read(proto, path);
    }

    public static string? Compare(Tensor expected, Tensor actual, double rtol = Rtol, double atol = Atol)
    {
        if (expected.DType != actual.DType) return $"dtype {actual.DType}, expected {expected.DType}";
        if (expected.Shape != actual.Shape) return $"shape {actual.Shape}, expected {expected.Shape}";
        double[] e = expected.ToArray<double>(), a = actual.ToArray<double>();
        for (int i = 0; i < e.Length; i++)
        {
            if (double.IsNaN(e[i]) && double.IsNaN(a[i])) continue;
            if (e[i] == a[i]) continue;
            if (!(Math.Abs(a[i] - e[i]) <= atol + rtol * Math.Abs(e[i])))
                return $"element {i}: {a[i]:R}, expected {e[i]:R}";
        }
        return null;
    }
}
