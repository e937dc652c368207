using Ember.Onnx.Proto;
using Ember.Serialization;
using AttrType = Ember.Onnx.Proto.AttributeProto.Types.AttributeType;

namespace Ember.Onnx.Import;

/// <summary>Computes a node's outputs from its inputs (null where an optional input is absent).</summary>
internal delegate Tensor?[] OnnxKernel(Tensor?[] inputs);

/// <summary>
/// One node at load time: its attributes (typed, checked once), which inputs and outputs it has, and the opset version
/// of the default domain that fixes its semantics. Kernel factories read it and return an <see cref="OnnxKernel"/>
/// that never touches the protobuf again.
/// </summary>
internal sealed class NodeContext
{
    private readonly Dictionary<string, AttributeProto> _attributes = new(StringComparer.Ordinal);

    public NodeContext(NodeProto node, long opset)
    {
        Node = node;
        Opset = opset;
        foreach (var a in node.Attribute)
            if (!_attributes.TryAdd(a.Name, a))
                throw Format($"attribute '{a.Name}' appears twice");
    }

    public NodeProto Node { get; }

    /// <summary>The model's opset version of the default domain.</summary>
    public long Opset { get; }

    public string OpType => Node.OpType;

    /// <summary>The number of inputs listed (absent optional ones included as empty names).</summary>
    public int InputCount => Node.Input.Count;

    public int OutputCount => Node.Output.Count;

    public bool HasInput(int i) => i < Node.Input.Count && Node.Input[i].Length > 0;

    public bool HasOutput(int i) => i < Node.Output.Count && Node.Output[i].Length > 0;

    public string Describe => $"node '{Node.Name}' ({Node.OpType})";

    public ModelFormatException Format(string problem) => new($"onnx: {Describe}: {problem}");

    public NotSupportedException Unsupported(string what) => new($"onnx: {Describe}: {what} is not supported");

    public bool Has(string name) => _attributes.ContainsKey(name);

    public long Int(string name, long fallback) => Get(name, AttrType.Int) is { } a ? a.I : fallback;

    public int Int32(string name, int fallback)
    {
        long v = Int(name, fallback);
        if (v < int.MinValue || v > int.MaxValue) throw Format($"attribute '{name}' = {v} is out of range");
        return (int)v;
    }

    public float Float(string name, float fallback) => Get(name, AttrType.Float) is { } a ? a.F : fallback;

    public string String(string name, string fallback) => Get(name, AttrType.String) is { } a ? a.S.ToStringUtf8() : fallback;

    public long[]? Ints(string name) => Get(name, AttrType.Ints) is { } a ? a.Ints.ToArray() : null;

    public int[]? Int32s(string name)
    {
        long[]? v = Ints(name);
        if (v is null) return null;
        var r = new int[v.Length];
        for (int i = 0; i < v.Length; i++)
        {
            if (v[i] < int.MinValue || v[i] > int.MaxValue) throw Format($"attribute '{name}' value {v[i]} is out of range");
            r[i] = (int)v[i];
        }
        return r;
    }

    public float[]? Floats(string name) => Get(name, AttrType.Floats) is { } a ? a.Floats.ToArray() : null;

    public string[]? Strings(string name) => Get(name, AttrType.Strings) is { } a ? a.Strings.Select(s => s.ToStringUtf8()).ToArray() : null;

    public TensorProto? TensorAttr(string name) => Get(name, AttrType.Tensor) is { } a ? a.T : null;

    /// <summary>An attribute of the expected type, or null when absent; a different type is a format error.</summary>
    private AttributeProto? Get(string name, AttrType expected)
    {
        if (!_attributes.TryGetValue(name, out var a)) return null;
        AttrType actual = a.HasType && a.Type != AttrType.Undefined ? a.Type : Infer(a);
        if (actual != expected) throw Format($"attribute '{name}' has type {actual}, expected {expected}");
        if (expected == AttrType.Tensor && a.T is null) throw Format($"attribute '{name}' has no tensor");
        return a;
    }

    private static AttrType Infer(AttributeProto a) =>
        a.HasF ? AttrType.Float : a.HasI ? AttrType.Int : a.HasS ? AttrType.String : a.T is not null ? AttrType.Tensor :
        a.G is not null ? AttrType.Graph : a.Floats.Count > 0 ? AttrType.Floats : a.Ints.Count > 0 ? AttrType.Ints :
        a.Strings.Count > 0 ? AttrType.Strings : a.Tensors.Count > 0 ? AttrType.Tensors : a.Graphs.Count > 0 ? AttrType.Graphs : AttrType.Undefined;
}
