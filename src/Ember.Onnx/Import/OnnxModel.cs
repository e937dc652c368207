using Ember.NN;
using Ember.Onnx.Import;
using Ember.Onnx.Proto;
using Ember.Serialization;
using Google.Protobuf;

namespace Ember.Onnx;

/// <summary>
/// An ONNX model (IR versions up to 8, default-domain opsets up to 17) imported as an Ember module that runs
/// inference. Initializers become the module's parameters (floating point) and buffers (other dtypes), named after the
/// ONNX names with every character other than letters, digits and '_' replaced by '_' (<c>fc1.weight</c> →
/// <c>fc1_weight</c>), so <see cref="Module.StateDict"/> and <see cref="Module.LoadStateDict"/> work on them.
/// Each node's attributes are parsed once at load time; <see cref="Run(Tensor[])"/> evaluates the graph under
/// <see cref="Torch.NoGrad"/> with Ember's ops. Symbolic dimensions (dim_param) accept any size.
/// </summary>
/// <example>
/// <code>
/// var model = OnnxModel.Load("resnet18.onnx");
/// Tensor logits = model.Run(Torch.Randn(2, 3, 224, 224))[0];
/// </code>
/// </example>
public sealed class OnnxModel : Module<Tensor[], Tensor[]>
{
    private readonly OnnxGraph _graph;
    private readonly Tensor[] _constants;

    private OnnxModel(OnnxGraph graph)
    {
        _graph = graph;
        _constants = new Tensor[graph.Initializers.Length];
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < _constants.Length; i++)
        {
            var (name, _, value) = graph.Initializers[i];
            string key = UniqueName(Sanitize(name), used);
            if (value.DType.IsFloatingPoint())
                _constants[i] = RegisterParameter(key, new Parameter(value, requiresGrad: false));
            else
                _constants[i] = RegisterBuffer(key, value);
        }
        InputNames = graph.Inputs.Select(v => v.Name).ToArray();
        OutputNames = graph.Outputs.Select(v => v.Name).ToArray();
    }

    /// <summary>
    /// The ONNX operators (default domain) that the importer implements, sorted by name; a model using any other
    /// operator fails to load with a <see cref="NotSupportedException"/> naming it.
    /// </summary>
    public static IReadOnlyList<string> SupportedOperators => OnnxOperators.Names;

    /// <summary>The names of the graph's inputs (initializers excluded), in the order <see cref="Run(Tensor[])"/> takes them.</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>The names of the graph's outputs, in the order <see cref="Run(Tensor[])"/> returns them.</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>The model's IR version.</summary>
    public long IrVersion => _graph.IrVersion;

    /// <summary>The opset version of the default ONNX domain that the model imports (1 to 17).</summary>
    public long OpsetVersion => _graph.Opset;

    /// <summary>Loads an ONNX model file.</summary>
    /// <param name="path">The .onnx file.</param>
    /// <returns>The imported model, in evaluation mode.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="ModelFormatException">The file is not a valid ONNX model: malformed protobuf, no graph, a value read
    /// before any node defines it or defined twice, a cycle, an attribute of the wrong type, tensor data whose size does
    /// not match its dims, or data stored in an external file.</exception>
    /// <exception cref="NotSupportedException">The model uses an operator Ember does not implement (the message names the
    /// first one and its node), an unsupported variant of one, an element type Ember has no dtype for, an IR version
    /// above 8 or an opset above 17.</exception>
    public static OnnxModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    /// <summary>Loads an ONNX model from its serialized bytes.</summary>
    /// <param name="bytes">The contents of an .onnx file.</param>
    /// <returns>The imported model, in evaluation mode.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="bytes"/> is null.</exception>
    /// <exception cref="ModelFormatException">The bytes are not a valid ONNX model (see <see cref="Load(string)"/>).</exception>
    /// <exception cref="NotSupportedException">The model uses something Ember does not support (see <see cref="Load(string)"/>).</exception>
    public static OnnxModel Load(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Build(() => ModelProto.Parser.ParseFrom(bytes));
    }

    /// <summary>Loads an ONNX model from a stream (read to its end, never buffered whole).</summary>
    /// <param name="stream">A readable stream positioned at the model.</param>
    /// <returns>The imported model, in evaluation mode.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="IOException">Reading the stream fails.</exception>
    /// <exception cref="ModelFormatException">The stream does not hold a valid ONNX model (see <see cref="Load(string)"/>).</exception>
    /// <exception cref="NotSupportedException">The model uses something Ember does not support (see <see cref="Load(string)"/>).</exception>
    public static OnnxModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Build(() => ModelProto.Parser.ParseFrom(stream));
    }

    private static OnnxModel Build(Func<ModelProto> parse)
    {
        ModelProto proto;
        try { proto = parse(); }
        catch (InvalidProtocolBufferException e) { throw new ModelFormatException($"onnx: not a valid ONNX model ({e.Message})", e); }
        catch (Exception e) when (e is not (IOException or OutOfMemoryException or OperationCanceledException))
        {
            throw new ModelFormatException($"onnx: not a valid ONNX model ({e.GetType().Name}: {e.Message})", e);
        }
        using (Torch.NoGrad())
        {
            var model = new OnnxModel(OnnxGraph.Build(proto));
            model.Eval();
            return model;
        }
    }

    /// <summary>Runs the graph on its inputs (same as <see cref="Run(Tensor[])"/>).</summary>
    /// <param name="input">One tensor per entry of <see cref="InputNames"/>, in order.</param>
    /// <returns>One tensor per entry of <see cref="OutputNames"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or one of its tensors is null.</exception>
    /// <exception cref="ArgumentException">Wrong number of inputs, a dtype or fixed dimension different from the model's
    /// declaration, or values an operator rejects (the message names the node).</exception>
    /// <exception cref="NotSupportedException">A node meets a case Ember does not implement at run time.</exception>
    /// <exception cref="ModelFormatException">The graph reads an output that its operator does not produce.</exception>
    public override Tensor[] Forward(Tensor[] input) => Run(input);

    /// <summary>Runs the graph (inference, no autograd).</summary>
    /// <param name="inputs">One tensor per entry of <see cref="InputNames"/>, in order. Dimensions the model declares
    /// with a fixed size must match; symbolic ones (e.g. a batch dimension) take any size.</param>
    /// <returns>One tensor per entry of <see cref="OutputNames"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or one of its tensors is null.</exception>
    /// <exception cref="ArgumentException">Wrong number of inputs, a dtype or fixed dimension different from the model's
    /// declaration, or values an operator rejects (the message names the node).</exception>
    /// <exception cref="NotSupportedException">A node meets a case Ember does not implement at run time.</exception>
    /// <exception cref="ModelFormatException">The graph reads an output that its operator does not produce (e.g. a third
    /// output of Dropout).</exception>
    public Tensor[] Run(params Tensor[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length != _graph.Inputs.Length)
            throw new ArgumentException($"onnx: the model takes {_graph.Inputs.Length} input(s) ({string.Join(", ", InputNames)}), got {inputs.Length}", nameof(inputs));
        using var _ = Torch.NoGrad();
        using var scope = Torch.NewDisposeScope();
        var slots = new Tensor?[_graph.SlotCount];
        // tensors this run must never dispose or hand out as outputs: parameters, buffers, inputs, Constant values
        var shared = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < _constants.Length; i++)
        {
            slots[_graph.Initializers[i].Slot] = _constants[i];
            shared.Add(_constants[i]);
        }
        for (int i = 0; i < inputs.Length; i++)
        {
            var x = inputs[i] ?? throw new ArgumentNullException(nameof(inputs), $"onnx: input '{InputNames[i]}' is null");
            Check(_graph.Inputs[i], x);
            slots[_graph.InputSlots[i]] = x;
            shared.Add(x);
        }
        foreach (var step in _graph.Steps)
        {
            var a = new Tensor?[step.Inputs.Length];
            for (int j = 0; j < a.Length; j++)
            {
                int s = step.Inputs[j];
                if (s < 0) continue;
                a[j] = slots[s] ?? throw new ModelFormatException($"onnx: node '{step.Name}' ({step.OpType}) reads input {j}, an output its operator does not produce");
            }
            Tensor?[] outs;
            try { outs = step.Kernel(a); }
            catch (ArgumentException e) { throw new ArgumentException($"onnx: node '{step.Name}' ({step.OpType}): {e.Message}", e); }
            catch (Exception e) when (e is InvalidOperationException or IndexOutOfRangeException)
            {
                throw new ArgumentException($"onnx: node '{step.Name}' ({step.OpType}): {e.Message}", e);
            }
            for (int j = 0; j < step.Outputs.Length; j++)
            {
                if (step.Outputs[j] < 0) continue;
                var t = j < outs.Length ? outs[j] : null;
                slots[step.Outputs[j]] = t;
                if (t is not null && step.OpType == "Constant") shared.Add(t);
            }
            // free intermediate values after their last reader (their buffers return to the pool for the next ones)
            foreach (int s in step.Release)
            {
                var t = slots[s];
                slots[s] = null;
                if (t is not null && !shared.Contains(t) && Array.IndexOf(slots, t) < 0) t.Dispose();
            }
        }
        var result = new Tensor[_graph.OutputSlots.Length];
        for (int i = 0; i < result.Length; i++)
        {
            var t = slots[_graph.OutputSlots[i]] ?? throw new ModelFormatException($"onnx: graph output '{OutputNames[i]}' is an output its operator does not produce");
            // never hand out the model's own tensors or the caller's inputs as outputs; one output object per name
            if (shared.Contains(t) || Array.IndexOf(result, t, 0, i) >= 0) t = t.Clone();
            result[i] = scope.MoveToOuter(t);
        }
        return result;
    }

    /// <summary>Runs the graph on named inputs.</summary>
    /// <param name="inputs">A tensor for every name in <see cref="InputNames"/> (other names are an error).</param>
    /// <returns>The outputs by name (<see cref="OutputNames"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or one of its tensors is null.</exception>
    /// <exception cref="ArgumentException">An input is missing or unknown, or see <see cref="Run(Tensor[])"/>.</exception>
    /// <exception cref="NotSupportedException">A node meets a case Ember does not implement at run time.</exception>
    /// <exception cref="ModelFormatException">The graph reads an output that its operator does not produce.</exception>
    public IReadOnlyDictionary<string, Tensor> Run(IReadOnlyDictionary<string, Tensor> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (string k in inputs.Keys)
            if (!InputNames.Contains(k)) throw new ArgumentException($"onnx: the model has no input '{k}' (inputs: {string.Join(", ", InputNames)})", nameof(inputs));
        var ordered = InputNames.Select(n => inputs.TryGetValue(n, out var t) ? t : throw new ArgumentException($"onnx: input '{n}' is missing", nameof(inputs))).ToArray();
        var outs = Run(ordered);
        var dict = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (int i = 0; i < outs.Length; i++) dict[OutputNames[i]] = outs[i];
        return dict;
    }

    private static void Check(ValueSpec spec, Tensor x)
    {
        if (spec.DType is { } dt && x.DType != dt)
            throw new ArgumentException($"onnx: input '{spec.Name}' expects {dt.TorchName()}, got {x.DType.TorchName()}", nameof(x));
        if (spec.Dims is { } dims)
        {
            bool ok = dims.Length == x.Dim;
            for (int i = 0; ok && i < dims.Length; i++) ok = dims[i] is not { } d || d == x.Size(i);
            if (!ok)
                throw new ArgumentException(
                    $"onnx: input '{spec.Name}' expects shape [{string.Join(", ", dims.Select(d => d?.ToString() ?? "?"))}], got {x.Shape}", nameof(x));
        }
    }

    private static string Sanitize(string name)
    {
        var chars = name.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_' ? ch : '_').ToArray();
        return chars.Length == 0 ? "_" : new string(chars);
    }

    private static string UniqueName(string name, HashSet<string> used)
    {
        string candidate = name;
        for (int k = 1; !used.Add(candidate); k++) candidate = $"{name}_{k}";
        return candidate;
    }
}
