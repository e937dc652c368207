using System.Runtime.CompilerServices;
using Ember.Autograd;
using Ember.NN;

namespace Ember.Onnx.Export;

/// <summary>
/// What identifies a value of the traced graph: the output <see cref="Nr"/> of the autograd node <see cref="Ref"/> for a
/// tensor with a grad_fn (an in-place op hands its new history to the same tensor object, so the object alone would not
/// do), else the tensor object itself (a model input, a parameter, a constant).
/// </summary>
internal readonly struct ValueKey(object reference, int nr) : IEquatable<ValueKey>
{
    public object Ref { get; } = reference;

    public int Nr { get; } = nr;

    public static ValueKey Of(Tensor t) => t.GradFn is { } fn ? new ValueKey(fn, t.OutputNr) : new ValueKey(t, 0);

    public bool Equals(ValueKey other) => ReferenceEquals(Ref, other.Ref) && Nr == other.Nr;

    public override bool Equals(object? obj) => obj is ValueKey k && Equals(k);

    public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(Ref), Nr);
}

/// <summary>One step of a traced forward pass: a recorded autograd op, or a whole call of a layer the exporter knows.</summary>
internal abstract class TraceEvent(ValueKey[] inputs, Tensor?[] inputTensors, ValueKey[] outputs, Tensor[] outputTensors)
{
    public ValueKey[] Inputs { get; } = inputs;

    /// <summary>The input tensors (null where the op got none).</summary>
    public Tensor?[] InputTensors { get; } = inputTensors;

    public ValueKey[] Outputs { get; } = outputs;

    public Tensor[] OutputTensors { get; } = outputTensors;

    /// <summary>A short description for messages.</summary>
    public abstract string Describe { get; }
}

/// <summary>An autograd op recorded outside the known layers; <see cref="Owner"/> is the innermost module running.</summary>
internal sealed class OpEvent(Node node, ValueKey[] inputs, Tensor?[] inputTensors, ValueKey[] outputs, Tensor[] outputTensors, Module? owner)
    : TraceEvent(inputs, inputTensors, outputs, outputTensors)
{
    public Node Node { get; } = node;

    public Module? Owner { get; } = owner;

    public override string Describe => Node.Name;
}

/// <summary>A call of a layer exported as a whole (its internal ops are not traced).</summary>
internal sealed class LayerEvent(Module module, ValueKey[] inputs, Tensor?[] inputTensors, ValueKey[] outputs, Tensor[] outputTensors)
    : TraceEvent(inputs, inputTensors, outputs, outputTensors)
{
    public Module Module { get; } = module;

    public override string Describe => Module.GetType().Name;
}
