using Ember.Onnx.Proto;
using Ember.Serialization;
using Google.Protobuf;
using static Ember.Onnx.Tests.Import.TestGraphs;
using AttrType = Ember.Onnx.Proto.AttributeProto.Types.AttributeType;

namespace Ember.Onnx.Tests.Import;

/// <summary>
/// Untrusted model files: malformed protobuf or graphs raise <see cref="ModelFormatException"/>, unsupported operators
/// and variants a <see cref="NotSupportedException"/> naming them — never another exception type.
/// </summary>
public class MalformedModelTests
{
    /// <summary>A small valid model: Conv (raw_data weights) → Relu → Reshape (int64 shape) → Gemm → Softmax.</summary>
    private static ModelProto Valid()
    {
        var m = Model(17,
            Node("Conv", ["x", "w", "b"], ["c"], Ints("pads", 1, 1, 1, 1), Ints("kernel_shape", 3, 3)),
            Node("Relu", ["c"], ["r"]),
            Node("Reshape", ["r", "shape"], ["f"]),
            Node("Gemm", ["f", "fw", "fb"], ["g"], Int("transB", 1), Float("alpha", 0.5f)),
            Node("Softmax", ["g"], ["y"], Int("axis", -1)));
        m.Graph.Initializer.Add(Floats("w", Random(1, 2 * 1 * 3 * 3), 2, 1, 3, 3));
        m.Graph.Initializer.Add(Floats("b", Random(2, 2), 2));
        m.Graph.Initializer.Add(Longs("shape", [0, -1], 2));
        m.Graph.Initializer.Add(Floats("fw", Random(3, 3 * 32), 3, 32));
        m.Graph.Initializer.Add(Floats("fb", Random(4, 3), 3));
        m.Graph.Input.Add(Value("x", [null, 1, 4, 4]));
        m.Graph.Output.Add(Value("y", [null, 3]));
        return m;
    }

    private static Tensor Input(int batch) => Torch.FromArray(Random(5, batch * 16), batch, 1, 4, 4);

    [Fact]
    public void TheValidModelRunsAndMatchesOnnxRuntime() =>
        AssertMatchesOrt(Valid(), ("x", Random(5, 3 * 16), [3, 1, 4, 4]));

    [Fact]
    public void EveryTruncationIsAFormatErrorOrLoads()
    {
        byte[] bytes = Valid().ToByteArray();
        int formatErrors = 0;
        for (int n = 0; n < bytes.Length; n++)
            if (Outcome(bytes[..n]) is ModelFormatException) formatErrors++;
        Assert.True(formatErrors > bytes.Length / 2, $"only {formatErrors} of {bytes.Length} truncations were format errors");
    }

    [Fact]
    public void RandomMutationsRaiseOnlyDocumentedExceptions()
    {
        byte[] original = Valid().ToByteArray();
        var counts = new Dictionary<string, int>();
        for (int seed = 0; seed < 400; seed++)
        {
            var r = new Random(seed);
            byte[] bytes = (byte[])original.Clone();
            int edits = 1 + r.Next(4);
            for (int e = 0; e < edits; e++)
            {
                switch (r.Next(4))
                {
                    case 0: bytes[r.Next(bytes.Length)] = (byte)r.Next(256); break;
                    case 1: bytes[r.Next(bytes.Length)] ^= (byte)(1 << r.Next(8)); break;
                    case 2: bytes = bytes[..r.Next(bytes.Length)]; break;
                    default:
                        int at = r.Next(bytes.Length + 1);
                        bytes = [.. bytes[..at], (byte)r.Next(256), .. bytes[at..]];
                        break;
                }
                if (bytes.Length == 0) break;
            }
            string kind = Outcome(bytes)?.GetType().Name ?? "loaded";
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
        }
        Assert.True(counts.GetValueOrDefault(nameof(ModelFormatException)) > 50, string.Join(", ", counts));
    }

    /// <summary>Loads (and, when that works, runs) mutated bytes; any exception other than the documented ones fails.</summary>
    private static Exception? Outcome(byte[] bytes)
    {
        OnnxModel model;
        try { model = OnnxModel.Load(bytes); }
        catch (ModelFormatException e) { return e; }
        catch (NotSupportedException e) { return e; }
        try
        {
            if (model.InputNames.Count == 1) model.Run(Input(2));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException) { }
        return null;
    }

    private static void AssertFormatError(ModelProto m, string fragment)
    {
        var e = Assert.Throws<ModelFormatException>(() => OnnxModel.Load(m.ToByteArray()));
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void GarbageIsAFormatError() => Assert.Throws<ModelFormatException>(() => OnnxModel.Load(new byte[] { 0xff, 0xff, 0xff, 0xff, 0x0f }));

    [Fact]
    public void AnUnknownInputNameIsAFormatError()
    {
        var m = Valid();
        m.Graph.Node[1].Input[0] = "nowhere";
        AssertFormatError(m, "'nowhere'");
    }

    [Fact]
    public void ACycleIsAFormatError()
    {
        var m = Model(17, Node("Relu", ["x", ""], ["a"]), Node("Add", ["a", "b"], ["c"]), Node("Neg", ["c"], ["b"]));
        m.Graph.Node[0].Input.RemoveAt(1);
        m.Graph.Node[0].Input[0] = "b";
        m.Graph.Input.Add(Value("x", [2]));
        m.Graph.Output.Add(Value("c", [2]));
        AssertFormatError(m, "cycle");
    }

    [Fact]
    public void AValueDefinedTwiceIsAFormatError()
    {
        var m = Valid();
        m.Graph.Node[1].Output[0] = "c";
        AssertFormatError(m, "defined twice");
    }

    [Fact]
    public void AnUndefinedGraphOutputIsAFormatError()
    {
        var m = Valid();
        m.Graph.Output.Add(Value("ghost", [1]));
        AssertFormatError(m, "'ghost'");
    }

    [Fact]
    public void AnAttributeOfTheWrongTypeIsAFormatError()
    {
        var m = Valid();
        var alpha = m.Graph.Node[3].Attribute.Single(a => a.Name == "alpha");
        alpha.Type = AttrType.Int;
        alpha.I = 2;
        AssertFormatError(m, "attribute 'alpha' has type Int, expected Float");
    }

    [Fact]
    public void RawDataOfTheWrongLengthIsAFormatError()
    {
        var m = Valid();
        m.Graph.Initializer[0].RawData = ByteString.CopyFrom(new byte[17]);
        AssertFormatError(m, "raw_data holds 17 bytes");
    }

    [Fact]
    public void DimsThatOverflowOrAreNegativeAreFormatErrors()
    {
        var m = Valid();
        m.Graph.Initializer[1].Dims[0] = 1L << 40;
        AssertFormatError(m, "invalid dimension");
        m = Valid();
        m.Graph.Initializer[0].Dims.Clear();
        m.Graph.Initializer[0].Dims.Add([1L << 20, 1L << 20, 1L << 20]);
        AssertFormatError(m, "too many elements");
        m = Valid();
        m.Graph.Initializer[1].Dims[0] = -2;
        AssertFormatError(m, "invalid dimension");
    }

    [Fact]
    public void TypedDataOfTheWrongCountIsAFormatError()
    {
        var m = Valid();
        m.Graph.Initializer[2].Int64Data.Add(7);
        AssertFormatError(m, "int64_data holds 3 values");
    }

    [Fact]
    public void ExternalDataIsAFormatError()
    {
        var m = Valid();
        var w = m.Graph.Initializer[0];
        w.ClearRawData();
        w.DataLocation = TensorProto.Types.DataLocation.External;
        w.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = "/etc/passwd" });
        AssertFormatError(m, "external file");
    }

    [Fact]
    public void AMissingGraphOrOpsetIsAFormatError()
    {
        var m = Valid();
        m.Graph = null;
        AssertFormatError(m, "no graph");
        m = Valid();
        m.OpsetImport.Clear();
        AssertFormatError(m, "opset_import");
    }

    [Fact]
    public void AnUnsupportedOperatorIsNamedWithItsNode()
    {
        var m = Model(17,
            Node("Relu", ["boxes"], ["r"]),
            Node("NonMaxSuppression", ["r", "scores"], ["selected"]),
            Node("Unique", ["selected"], ["u"]));
        m.Graph.Node[1].Name = "nms_1";
        m.Graph.Input.Add(Value("boxes", [1, 4, 4]));
        m.Graph.Input.Add(Value("scores", [1, 1, 4]));
        m.Graph.Output.Add(Value("u", [null], TensorProto.Types.DataType.Int64));
        var e = Assert.Throws<NotSupportedException>(() => OnnxModel.Load(m.ToByteArray()));
        Assert.Contains("'NonMaxSuppression'", e.Message);
        Assert.Contains("'nms_1'", e.Message);
        Assert.DoesNotContain("Unique", e.Message);
    }

    [Fact]
    public void AnotherDomainIsNotSupported()
    {
        var m = Valid();
        m.Graph.Node[1].Domain = "com.microsoft";
        var e = Assert.Throws<NotSupportedException>(() => OnnxModel.Load(m.ToByteArray()));
        Assert.Contains("com.microsoft:Relu", e.Message);
    }

    [Fact]
    public void NewerOpsetsAndIrVersionsAreNotSupported()
    {
        var m = Valid();
        m.OpsetImport[0].Version = 18;
        Assert.Contains("opset 18", Assert.Throws<NotSupportedException>(() => OnnxModel.Load(m.ToByteArray())).Message);
        m = Valid();
        m.IrVersion = 9;
        Assert.Contains("IR version 9", Assert.Throws<NotSupportedException>(() => OnnxModel.Load(m.ToByteArray())).Message);
    }

    [Fact]
    public void AnElementTypeEmberLacksIsNotSupported()
    {
        var m = Valid();
        m.Graph.Initializer[1].DataType = (int)TensorProto.Types.DataType.Int8;
        m.Graph.Initializer[1].RawData = ByteString.CopyFrom(new byte[2]);
        Assert.Contains("Int8", Assert.Throws<NotSupportedException>(() => OnnxModel.Load(m.ToByteArray())).Message);
    }
}
