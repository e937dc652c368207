using Ember.Onnx.Proto;
using static Ember.Onnx.Tests.Import.TestGraphs;
using DataType = Ember.Onnx.Proto.TensorProto.Types.DataType;

namespace Ember.Onnx.Tests.Import;

/// <summary>
/// Operator variants the node tests leave out — older opsets' attribute forms, asymmetric and automatic padding,
/// bidirectional recurrences with initial states — compared with ONNX Runtime on random inputs.
/// </summary>
public class OperatorSemanticsTests
{
    public static IEnumerable<object[]> Cases() => Builders.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(string name)
    {
        var (model, inputs) = Builders[name]();
        AssertMatchesOrt(model, inputs);
    }

    private static (string, float[], int[]) In(string name, int seed, params int[] shape) =>
        (name, Random(seed, shape.Aggregate(1, (a, b) => a * b)), shape);

    private static ModelProto Single(long opset, NodeProto node, (string Name, int[] Shape)[] inputs, string output, TensorProto[]? inits = null)
    {
        var m = Model(opset, node);
        foreach (var (n, s) in inputs) m.Graph.Input.Add(Value(n, s.Select(d => (long?)d).ToArray()));
        if (inits is not null) m.Graph.Initializer.Add(inits);
        m.Graph.Output.Add(new ValueInfoProto { Name = output, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)DataType.Float } } });
        return m;
    }

    private delegate (ModelProto, (string, float[], int[])[]) Builder();

    private static readonly Dictionary<string, Builder> Builders = new()
    {
        ["Squeeze opset 11 (axes attribute)"] = () => (Single(11, Node("Squeeze", ["x"], ["y"], Ints("axes", -1, 1)), [("x", [2, 1, 3, 1])], "y"), [In("x", 1, 2, 1, 3, 1)]),
        ["Unsqueeze opset 11 (axes attribute)"] = () => (Single(11, Node("Unsqueeze", ["x"], ["y"], Ints("axes", 0, -1)), [("x", [2, 3])], "y"), [In("x", 1, 2, 3)]),
        ["ReduceSum opset 11 (axes attribute)"] = () => (Single(11, Node("ReduceSum", ["x"], ["y"], Ints("axes", 0, 2), Int("keepdims", 0)), [("x", [2, 3, 4])], "y"), [In("x", 2, 2, 3, 4)]),
        ["ReduceSum opset 13 (axes input)"] = () => (Single(13, Node("ReduceSum", ["x", "axes"], ["y"]), [("x", [2, 3, 4])], "y", [Longs("axes", [-1], 1)]), [In("x", 2, 2, 3, 4)]),
        ["Split opset 11 (split attribute)"] = () => (Single(11, Node("Split", ["x"], ["a", "y"], Int("axis", 1), Ints("split", 1, 3)), [("x", [2, 4])], "y"), [In("x", 3, 2, 4)]),
        ["Softmax opset 11 (coerced to 2-D)"] = () => (Single(11, Node("Softmax", ["x"], ["y"], Int("axis", 1)), [("x", [2, 3, 4])], "y"), [In("x", 4, 2, 3, 4)]),
        ["LogSoftmax opset 11 (default axis 1)"] = () => (Single(11, Node("LogSoftmax", ["x"], ["y"]), [("x", [2, 3, 4])], "y"), [In("x", 4, 2, 3, 4)]),
        ["Clip opset 6 (min/max attributes)"] = () => (Single(6, Node("Clip", ["x"], ["y"], Float("min", -0.5f), Float("max", 0.75f)), [("x", [3, 4])], "y"), [In("x", 5, 3, 4)]),
        ["Pad opset 2 (pads attribute, reflect)"] = () => (Single(2, Node("Pad", ["x"], ["y"], Ints("pads", 0, 0, 1, 2, 0, 0, 2, 1), Str("mode", "reflect")), [("x", [1, 2, 4, 4])], "y"), [In("x", 6, 1, 2, 4, 4)]),
        ["Slice opset 9 (attributes)"] = () => (Single(9, Node("Slice", ["x"], ["y"], Ints("starts", 1, -3), Ints("ends", 100, -1), Ints("axes", 0, 1)), [("x", [3, 5])], "y"), [In("x", 7, 3, 5)]),
        ["Gemm transA, scalar C, alpha and beta"] = () => (Single(13, Node("Gemm", ["a", "b", "c"], ["y"], Int("transA", 1), Float("alpha", 0.25f), Float("beta", -2f)), [("a", [4, 3]), ("b", [4, 5]), ("c", [1])], "y"),
            [In("a", 8, 4, 3), In("b", 9, 4, 5), In("c", 10, 1)]),
        ["Conv 2-D SAME_LOWER stride 2"] = () => (Single(13, Node("Conv", ["x", "w"], ["y"], Str("auto_pad", "SAME_LOWER"), Ints("strides", 2, 2)), [("x", [2, 2, 6, 5]), ("w", [3, 2, 4, 3])], "y"),
            [In("x", 11, 2, 2, 6, 5), In("w", 12, 3, 2, 4, 3)]),
        ["Conv 1-D dilation and groups"] = () => (Single(13, Node("Conv", ["x", "w", "b"], ["y"], Ints("dilations", 2), Int("group", 2), Ints("pads", 1, 2)), [("x", [2, 4, 9]), ("w", [6, 2, 3]), ("b", [6])], "y"),
            [In("x", 13, 2, 4, 9), In("w", 14, 6, 2, 3), In("b", 15, 6)]),
        ["ConvTranspose groups, dilation, output_padding, asymmetric pads"] = () => (Single(13,
                Node("ConvTranspose", ["x", "w", "b"], ["y"], Int("group", 2), Ints("dilations", 2, 1), Ints("strides", 2, 3), Ints("output_padding", 1, 2), Ints("pads", 0, 1, 2, 0)),
                [("x", [1, 4, 3, 4]), ("w", [4, 3, 3, 2]), ("b", [6])], "y"),
            [In("x", 16, 1, 4, 3, 4), In("w", 17, 4, 3, 3, 2), In("b", 18, 6)]),
        ["MaxPool 1-D ceil_mode, wide asymmetric pads"] = () => (Single(12, Node("MaxPool", ["x"], ["y"], Ints("kernel_shape", 3), Ints("strides", 2), Ints("pads", 2, 1), Int("ceil_mode", 1)), [("x", [2, 3, 10])], "y"),
            [In("x", 19, 2, 3, 10)]),
        ["MaxPool 2-D dilations"] = () => (Single(12, Node("MaxPool", ["x"], ["y"], Ints("kernel_shape", 2, 3), Ints("dilations", 2, 1), Ints("pads", 1, 1, 1, 1)), [("x", [1, 2, 7, 6])], "y"),
            [In("x", 20, 1, 2, 7, 6)]),
        ["AveragePool SAME_UPPER excluding pads"] = () => (Single(11, Node("AveragePool", ["x"], ["y"], Ints("kernel_shape", 3, 2), Ints("strides", 2, 2), Str("auto_pad", "SAME_UPPER")), [("x", [1, 2, 5, 5])], "y"),
            [In("x", 21, 1, 2, 5, 5)]),
        ["AveragePool asymmetric pads including pads"] = () => (Single(11, Node("AveragePool", ["x"], ["y"], Ints("kernel_shape", 3, 3), Ints("pads", 0, 2, 2, 1), Int("count_include_pad", 1)), [("x", [1, 2, 5, 6])], "y"),
            [In("x", 22, 1, 2, 5, 6)]),
        ["Conv 3-D strides, dilations, groups, asymmetric pads, bias"] = () => (Single(13,
                Node("Conv", ["x", "w", "b"], ["y"], Ints("strides", 2, 1, 2), Ints("dilations", 1, 2, 1), Int("group", 2), Ints("pads", 1, 0, 2, 0, 2, 1)),
                [("x", [2, 4, 5, 6, 7]), ("w", [6, 2, 3, 2, 3]), ("b", [6])], "y"),
            [In("x", 60, 2, 4, 5, 6, 7), In("w", 61, 6, 2, 3, 2, 3), In("b", 62, 6)]),
        ["ConvTranspose 3-D strides, pads, output_padding"] = () => (Single(13,
                Node("ConvTranspose", ["x", "w", "b"], ["y"], Ints("strides", 2, 1, 2), Ints("pads", 1, 0, 0, 0, 1, 1), Ints("output_padding", 1, 0, 1), Int("group", 2)),
                [("x", [1, 4, 3, 4, 3]), ("w", [4, 2, 3, 2, 3]), ("b", [4])], "y"),
            [In("x", 63, 1, 4, 3, 4, 3), In("w", 64, 4, 2, 3, 2, 3), In("b", 65, 4)]),
        ["MaxPool 3-D pads, ceil_mode, dilations"] = () => (Single(12,
                Node("MaxPool", ["x"], ["y"], Ints("kernel_shape", 2, 3, 2), Ints("strides", 2, 2, 1), Ints("pads", 1, 1, 0, 0, 1, 1), Ints("dilations", 1, 1, 2), Int("ceil_mode", 1)),
                [("x", [2, 2, 5, 6, 7])], "y"),
            [In("x", 66, 2, 2, 5, 6, 7)]),
        ["AveragePool 3-D SAME_UPPER excluding pads"] = () => (Single(11,
                Node("AveragePool", ["x"], ["y"], Ints("kernel_shape", 3, 2, 3), Ints("strides", 2, 2, 2), Str("auto_pad", "SAME_UPPER")),
                [("x", [1, 2, 5, 6, 7])], "y"),
            [In("x", 67, 1, 2, 5, 6, 7)]),
        ["GlobalAveragePool 1-D"] = () => (Single(13, Node("GlobalAveragePool", ["x"], ["y"]), [("x", [2, 3, 7])], "y"), [In("x", 23, 2, 3, 7)]),
        ["GRU bidirectional, linear_before_reset 0, initial state"] = () => Recurrent("GRU", 3, false, 0),
        ["GRU bidirectional, sequence_lens"] = () => Recurrent("GRU", 3, false, 1, lengths: true),
        ["LSTM bidirectional, sequence_lens"] = () => Recurrent("LSTM", 4, false, 0, lengths: true),
        ["GRU bidirectional, linear_before_reset 1, initial state"] = () => Recurrent("GRU", 3, false, 1),
        ["LSTM bidirectional, initial states, peepholes"] = () => Recurrent("LSTM", 4, false, 0),
        ["RNN reverse, Relu"] = () =>
        {
            const int h = 4;
            var m = Model(14, Node("RNN", ["x", "w", "r", "b"], ["y", "yh"], Int("hidden_size", h), Str("direction", "reverse"), Strs("activations", "Relu")));
            AddValues(m, [("x", [5, 2, 3]), ("w", [1, h, 3]), ("r", [1, h, h]), ("b", [1, 2 * h])], ["y", "yh"]);
            return (m, [In("x", 30, 5, 2, 3), In("w", 31, 1, h, 3), In("r", 32, 1, h, h), In("b", 33, 1, 2 * h)]);
        },
        ["LayerNormalization axis 1 with statistics"] = () =>
        {
            var m = Model(17, Node("LayerNormalization", ["x", "s", "b"], ["y", "mean", "inv"], Int("axis", 1), Float("epsilon", 1e-3f)));
            AddValues(m, [("x", [2, 3, 4]), ("s", [3, 4]), ("b", [3, 4])], ["y", "mean", "inv"]);
            return (m, [In("x", 40, 2, 3, 4), In("s", 41, 3, 4), In("b", 42, 3, 4)]);
        },
        ["InstanceNormalization"] = () => (Single(6, Node("InstanceNormalization", ["x", "s", "b"], ["y"], Float("epsilon", 1e-2f)), [("x", [2, 3, 5]), ("s", [3]), ("b", [3])], "y"),
            [In("x", 43, 2, 3, 5), In("s", 44, 3), In("b", 45, 3)]),
    };

    private static AttributeProto Strs(string name, params string[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        a.Strings.Add(values.Select(Google.Protobuf.ByteString.CopyFromUtf8));
        return a;
    }

    private static void AddValues(ModelProto m, (string Name, int[] Shape)[] inputs, string[] outputs)
    {
        foreach (var (n, s) in inputs) m.Graph.Input.Add(Value(n, s.Select(d => (long?)d).ToArray()));
        foreach (string o in outputs)
            m.Graph.Output.Add(new ValueInfoProto { Name = o, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)DataType.Float } } });
    }

    /// <summary>
    /// A bidirectional GRU or LSTM with biases and initial states (and peepholes for a sequence-first LSTM). ONNX Runtime
    /// refuses layout 1; the node tests test_lstm_batchwise and test_gru_batchwise cover it.
    /// </summary>
    private static (ModelProto, (string, float[], int[])[]) Recurrent(string op, int gates, bool batchFirst, int linearBeforeReset, bool lengths = false)
    {
        const int h = 5, seq = 4, batch = 3, inSize = 2, dirs = 2;
        bool lstm = op == "LSTM";
        bool peep = lstm && !batchFirst;
        var ins = new List<string> { "x", "w", "r", "b", lengths ? "lens" : "", "h0" };
        if (lstm) ins.Add("c0");
        if (peep) ins.Add("p");
        var attrs = new List<AttributeProto> { Int("hidden_size", h), Str("direction", "bidirectional") };
        if (!lstm) attrs.Add(Int("linear_before_reset", linearBeforeReset));
        if (batchFirst) attrs.Add(Int("layout", 1));
        string[] outs = lstm ? ["y", "yh", "yc"] : ["y", "yh"];
        var m = Model(14, Node(op, ins.ToArray(), outs, attrs.ToArray()));
        int[] xs = batchFirst ? [batch, seq, inSize] : [seq, batch, inSize];
        int[] hs = batchFirst ? [batch, dirs, h] : [dirs, batch, h];
        var values = new List<(string, int[])> { ("x", xs), ("w", [dirs, gates * h, inSize]), ("r", [dirs, gates * h, h]), ("b", [dirs, 2 * gates * h]), ("h0", hs) };
        if (lstm) values.Add(("c0", hs));
        if (peep) values.Add(("p", [dirs, 3 * h]));
        AddValues(m, values.ToArray(), outs);
        if (lengths)
        {
            var lens = new TensorProto { Name = "lens", DataType = (int)DataType.Int32 };
            lens.Dims.Add(batch);
            lens.Int32Data.Add([seq, 1, 3]);
            m.Graph.Initializer.Add(lens);
        }
        return (m, values.Select((v, i) => In(v.Item1, 50 + i, v.Item2)).ToArray());
    }
}
