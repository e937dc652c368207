using Ember.NN;

namespace Ember.Onnx.Export;

/// <summary>
/// What the exporter of one traced step sees: the graph being built, the step in the trace at the sample batch size
/// (<see cref="Event"/>) and the same step at another batch size (<see cref="Other"/>, the same event when the batch is
/// static), and the ONNX names of the step's inputs.
/// </summary>
internal sealed class EmitStep(OnnxGraphBuilder builder, TraceEvent traced, TraceEvent other, string?[] inputs, string where, string prefix)
{
    public OnnxGraphBuilder B { get; } = builder;

    public TraceEvent Event { get; } = traced;

    public TraceEvent Other { get; } = other;

    /// <summary>The ONNX names of the inputs (null where the op got no tensor).</summary>
    public string?[] In { get; } = inputs;

    /// <summary>The layer or op and where it runs, for messages, e.g. <c>Conv2d (at 'layer1.0.conv1')</c>.</summary>
    public string Where { get; } = where;

    /// <summary>A prefix for initializer names, e.g. <c>layer1.0.conv1</c>.</summary>
    public string Prefix { get; } = prefix;

    public string X => In[0] ?? throw new NotSupportedException($"onnx export: {Where} has no input tensor");

    public Tensor InTensor(int i = 0) => Event.InputTensors[i]!;

    public Tensor OutTensor(int i = 0) => Event.OutputTensors[i];

    /// <summary>
    /// The target of a Reshape to output <paramref name="i"/>'s shape that works for any batch size: the one dimension
    /// whose size changes with the batch is -1.
    /// </summary>
    /// <exception cref="NotSupportedException">More than one dimension changes with the batch.</exception>
    public long[] ReshapeTarget(int i = 0)
    {
        int[] a = Event.OutputTensors[i].ShapeArray, b = Other.OutputTensors[i].ShapeArray;
        var target = new long[a.Length];
        int varying = 0;
        for (int d = 0; d < a.Length; d++)
        {
            target[d] = a[d];
            if (a[d] != b[d]) { target[d] = -1; varying++; }
        }
        if (varying > 1)
            throw new NotSupportedException(
                $"onnx export: {Where} reshapes to [{string.Join(", ", a)}], where {varying} dimensions depend on the batch size; export with DynamicBatch = false");
        return target;
    }

    /// <summary>The target of an Expand to output <paramref name="i"/>'s shape: 1 where the size depends on the batch (kept from the input).</summary>
    public long[] ExpandTarget(int i = 0)
    {
        int[] a = Event.OutputTensors[i].ShapeArray, b = Other.OutputTensors[i].ShapeArray;
        var target = new long[a.Length];
        for (int d = 0; d < a.Length; d++) target[d] = a[d] == b[d] ? a[d] : 1;
        return target;
    }

    public string Init(Tensor t, string name) => B.Initializer(t, Prefix.Length == 0 ? name : Prefix + "." + name);

    public string Node(string op, string[] inputs, params Proto.AttributeProto[] attributes) => B.Node(op, inputs, attributes);

    public string Reshape(string x, long[] target) => B.Node("Reshape", [x, B.Int64s("shape", target)]);

    public string Scalar(double value, DType dtype) => B.Scalar(value, dtype, "const");

    public NotSupportedException Unsupported(string why) => new($"onnx export: {Where}: {why}");

    /// <summary>The module being exported, for layer steps.</summary>
    public Module? Module => (Event as LayerEvent)?.Module;
}
