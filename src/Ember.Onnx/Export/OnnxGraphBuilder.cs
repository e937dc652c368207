using System.Runtime.InteropServices;
using Ember.Onnx.Proto;
using Google.Protobuf;

namespace Ember.Onnx.Export;

/// <summary>
/// Builds one ONNX graph (opset 17, default domain): nodes with unique names, initializers, and small constants.
/// Value names are unique within the graph.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private int _counter;

    public GraphProto Graph { get; } = new();

    /// <summary>A fresh value name starting with <paramref name="hint"/>.</summary>
    public string Fresh(string hint)
    {
        string name = hint;
        while (!_used.Add(name)) name = $"{hint}_{++_counter}";
        return name;
    }

    /// <summary>Reserves a name given by the user (graph input or output).</summary>
    public void Reserve(string name)
    {
        if (!_used.Add(name)) throw new ArgumentException($"onnx export: the name '{name}' is used twice");
    }

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string Node(string opType, string[] inputs, params AttributeProto[] attributes) => Node(opType, inputs, 1, attributes)[0];

    /// <summary>Adds a node with <paramref name="outputs"/> outputs and returns their names.</summary>
    public string[] Node(string opType, string[] inputs, int outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = Fresh(opType + "_" + Graph.Node.Count) };
        node.Input.AddRange(inputs);
        var names = new string[outputs];
        for (int i = 0; i < outputs; i++) names[i] = Fresh($"{opType}_{Graph.Node.Count}_out{i}");
        node.Output.AddRange(names);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return names;
    }

    private readonly Dictionary<Tensor, string> _initializers = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Adds a tensor's values as an initializer and returns its name; the same tensor object (a parameter shared by two
    /// layers, a layer called twice) is stored once.
    /// </summary>
    public string Initializer(Tensor tensor, string hint)
    {
        if (_initializers.TryGetValue(tensor, out var known)) return known;
        string name = Fresh(hint);
        Graph.Initializer.Add(TensorProtoOf(tensor, name));
        _initializers[tensor] = name;
        return name;
    }

    /// <summary>An int64 initializer (a shape, axes, a permutation).</summary>
    public string Int64s(string hint, params long[] values)
    {
        string name = Fresh(hint);
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        proto.Dims.Add(values.Length);
        proto.Int64Data.AddRange(values);
        Graph.Initializer.Add(proto);
        return name;
    }

    /// <summary>A 0-d float initializer of the element type <paramref name="dtype"/>.</summary>
    public string Scalar(double value, DType dtype, string hint) =>
        Initializer(Torch.FromArray(new[] { value }).To(dtype).Reshape(Array.Empty<int>()), hint);

    /// <summary>The ONNX element type of an Ember dtype.</summary>
    /// <exception cref="NotSupportedException">Never for Ember's eight dtypes.</exception>
    public static int ElemType(DType dtype)
    {
        switch (dtype)
        {
            case DType.Float32: return (int)TensorProto.Types.DataType.Float;
            case DType.Float64: return (int)TensorProto.Types.DataType.Double;
            case DType.Float16: return (int)TensorProto.Types.DataType.Float16;
            case DType.BFloat16: return (int)TensorProto.Types.DataType.Bfloat16;
            case DType.Int64: return (int)TensorProto.Types.DataType.Int64;
            case DType.Int32: return (int)TensorProto.Types.DataType.Int32;
            case DType.UInt8: return (int)TensorProto.Types.DataType.Uint8;
            case DType.Bool: return (int)TensorProto.Types.DataType.Bool;
        }
        throw new NotSupportedException($"onnx export: dtype {dtype} has no ONNX element type");
    }

    /// <summary>A tensor's values as a TensorProto (little-endian raw data, one copy of the values).</summary>
    public static TensorProto TensorProtoOf(Tensor tensor, string name)
    {
        var proto = new TensorProto { Name = name, DataType = ElemType(tensor.DType) };
        foreach (int d in tensor.ShapeArray) proto.Dims.Add(d);
        proto.RawData = tensor.DType switch
        {
            DType.Float32 => Raw<float>(tensor),
            DType.Float64 => Raw<double>(tensor),
            DType.Float16 => Raw<Half>(tensor),
            DType.BFloat16 => Raw<BFloat16>(tensor),
            DType.Int64 => Raw<long>(tensor),
            DType.Int32 => Raw<int>(tensor),
            DType.UInt8 => Raw<byte>(tensor),
            DType.Bool => Raw<bool>(tensor),
            _ => throw new NotSupportedException($"onnx export: dtype {tensor.DType} has no ONNX element type"),
        };
        return proto;
    }

    /// <summary>The elements' little-endian bytes, read through the tensor's public element copy (no storage access here).</summary>
    private static ByteString Raw<T>(Tensor tensor) where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("onnx export: little-endian hosts only");
        return UnsafeByteOperations.UnsafeWrap(MemoryMarshal.AsBytes(tensor.ToArray<T>().AsSpan()).ToArray());
    }

    public static AttributeProto Attr(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Attr(string name, double value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = (float)value };

    public static AttributeProto Attr(string name, string value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Attr(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    public static AttributeProto Attr(string name, IEnumerable<int> values) => Attr(name, values.Select(v => (long)v).ToArray());
}
