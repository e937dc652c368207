using Ember.Onnx.Proto;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using AttrType = Ember.Onnx.Proto.AttributeProto.Types.AttributeType;
using DataType = Ember.Onnx.Proto.TensorProto.Types.DataType;

namespace Ember.Onnx.Tests.Import;

/// <summary>Builds small ONNX models by hand for the importer's tests, and runs them in ONNX Runtime as an oracle.</summary>
internal static class TestGraphs
{
    public static ModelProto Model(long opset, params NodeProto[] nodes)
    {
        var m = new ModelProto { IrVersion = 8, ProducerName = "ember-tests", Graph = new GraphProto { Name = "g" } };
        m.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        m.Graph.Node.Add(nodes);
        return m;
    }

    public static NodeProto Node(string op, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var n = new NodeProto { OpType = op, Name = op.ToLowerInvariant() + "_node" };
        n.Input.Add(inputs);
        n.Output.Add(outputs);
        n.Attribute.Add(attributes);
        return n;
    }

    public static AttributeProto Int(string name, long v) => new() { Name = name, Type = AttrType.Int, I = v };
    public static AttributeProto Float(string name, float v) => new() { Name = name, Type = AttrType.Float, F = v };
    public static AttributeProto Str(string name, string v) => new() { Name = name, Type = AttrType.String, S = ByteString.CopyFromUtf8(v) };
    public static AttributeProto Ints(string name, params long[] v) { var a = new AttributeProto { Name = name, Type = AttrType.Ints }; a.Ints.Add(v); return a; }

    /// <summary>A graph value: a float tensor (or another type) with fixed dims, or symbolic ones given as null.</summary>
    public static ValueInfoProto Value(string name, long?[] dims, DataType type = DataType.Float)
    {
        var shape = new TensorShapeProto();
        foreach (long? d in dims)
            shape.Dim.Add(d is { } v ? new TensorShapeProto.Types.Dimension { DimValue = v } : new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }

    public static TensorProto Floats(string name, float[] values, params long[] dims)
    {
        var t = new TensorProto { Name = name, DataType = (int)DataType.Float, RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())) };
        t.Dims.Add(dims);
        return t;
    }

    public static TensorProto Longs(string name, long[] values, params long[] dims)
    {
        var t = new TensorProto { Name = name, DataType = (int)DataType.Int64 };
        t.Int64Data.Add(values);
        t.Dims.Add(dims);
        return t;
    }

    public static float[] Random(int seed, int count)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(r.NextDouble() * 4 - 2)).ToArray();
    }

    /// <summary>Runs the model in ONNX Runtime on float inputs; returns each float output's values and shape.</summary>
    public static (float[] Values, int[] Shape)[] RunOrt(ModelProto model, params (string Name, float[] Values, int[] Shape)[] inputs)
    {
        using var session = new InferenceSession(model.ToByteArray());
        var feeds = inputs.Select(i => NamedOnnxValue.CreateFromTensor(i.Name, new DenseTensor<float>(i.Values, i.Shape))).ToList();
        using var results = session.Run(feeds);
        return results.Select(r =>
        {
            var t = r.AsTensor<float>();
            return (t.ToArray(), t.Dimensions.ToArray());
        }).ToArray();
    }

    /// <summary>Runs the model in Ember and in ONNX Runtime and asserts equal shapes and close values.</summary>
    public static void AssertMatchesOrt(ModelProto model, params (string Name, float[] Values, int[] Shape)[] inputs)
    {
        var expected = RunOrt(model, inputs);
        var ember = OnnxModel.Load(model.ToByteArray());
        var actual = ember.Run(inputs.Select(i => Torch.FromArray(i.Values, i.Shape)).ToArray());
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < actual.Length; k++)
        {
            var e = Torch.FromArray(expected[k].Values, expected[k].Shape.Length == 0 ? [1] : expected[k].Shape);
            if (expected[k].Shape.Length == 0) e = e.Reshape();
            Assert.Null(NodeTestCases.Compare(e, actual[k], 1e-4, 1e-5));
        }
    }
}
