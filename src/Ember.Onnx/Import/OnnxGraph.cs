using Ember.Onnx.Proto;
using Ember.Serialization;

namespace Ember.Onnx.Import;

/// <summary>A declared graph input or output: name, element type and dims (null = any size, from dim_param or unknown).</summary>
internal sealed record ValueSpec(string Name, DType? DType, int?[]? Dims);

/// <summary>One node ready to run: its kernel and the value slots it reads and writes.</summary>
internal sealed record Step(string Name, string OpType, OnnxKernel Kernel, int[] Inputs, int[] Outputs, int[] Release);

/// <summary>
/// A checked, topologically ordered ONNX graph: values live in numbered slots (initializers, graph inputs, node
/// outputs); every node's attributes were parsed once by its kernel factory. Built from a <see cref="ModelProto"/>:
/// structural faults raise <see cref="ModelFormatException"/>, the first unsupported operator (in file order) a
/// <see cref="NotSupportedException"/>.
/// </summary>
internal sealed class OnnxGraph
{
    public const long MaxOpset = 17;
    public const long MaxIrVersion = 8;

    public required ValueSpec[] Inputs { get; init; }
    public required int[] InputSlots { get; init; }
    public required ValueSpec[] Outputs { get; init; }
    public required int[] OutputSlots { get; init; }
    public required (string Name, int Slot, Tensor Value)[] Initializers { get; init; }
    public required Step[] Steps { get; init; }
    public required int SlotCount { get; init; }
    public required long Opset { get; init; }
    public required long IrVersion { get; init; }

    public static OnnxGraph Build(ModelProto model)
    {
        if (model.Graph is null) throw new ModelFormatException("onnx: the model has no graph");
        if (!model.HasIrVersion) throw new ModelFormatException("onnx: the model has no ir_version");
        if (model.IrVersion < 1) throw new ModelFormatException($"onnx: invalid ir_version {model.IrVersion}");
        if (model.IrVersion > MaxIrVersion) throw new NotSupportedException($"onnx: IR version {model.IrVersion} is not supported (Ember reads IR versions up to {MaxIrVersion})");
        long opset = -1;
        foreach (var o in model.OpsetImport)
        {
            if (o.Domain is "" or "ai.onnx")
            {
                if (opset >= 0) throw new ModelFormatException("onnx: the default domain is imported twice in opset_import");
                opset = o.Version;
            }
        }
        if (opset < 0) throw new ModelFormatException("onnx: opset_import does not declare the default ONNX domain");
        if (opset < 1) throw new ModelFormatException($"onnx: invalid opset version {opset}");
        if (opset > MaxOpset) throw new NotSupportedException($"onnx: opset {opset} is not supported (Ember imports opsets up to {MaxOpset})");

        var g = model.Graph;
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        int Define(string name, string what)
        {
            if (name.Length == 0) throw new ModelFormatException($"onnx: {what} has an empty name");
            if (!slots.TryAdd(name, slots.Count)) throw new ModelFormatException($"onnx: value '{name}' is defined twice ({what})");
            return slots[name];
        }

        // initializers (read and checked first: they are the bulk of the file)
        var inits = new List<(string, int, Tensor)>();
        var initNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in g.Initializer)
        {
            string what = $"initializer '{t.Name}'";
            int slot = Define(t.Name, what);
            initNames.Add(t.Name);
            var value = OnnxTensors.Read(t, what);
            t.RawData = Google.Protobuf.ByteString.Empty; // drop the file's copy as soon as ours exists
            inits.Add((t.Name, slot, value));
        }

        // graph inputs (an input that is also an initializer has a default value and is not a required input)
        var inputs = new List<ValueSpec>();
        var inputSlots = new List<int>();
        foreach (var v in g.Input)
        {
            if (initNames.Contains(v.Name)) continue;
            inputSlots.Add(Define(v.Name, $"graph input '{v.Name}'"));
            inputs.Add(Spec(v, "graph input"));
        }

        // node outputs
        var nodes = g.Node;
        var producer = new Dictionary<int, int>();
        for (int n = 0; n < nodes.Count; n++)
            foreach (string o in nodes[n].Output)
                if (o.Length > 0) producer[Define(o, $"output of node '{nodes[n].Name}' ({nodes[n].OpType})")] = n;

        // every input must be defined somewhere
        var nodeInputs = new int[nodes.Count][];
        for (int n = 0; n < nodes.Count; n++)
        {
            var ins = new int[nodes[n].Input.Count];
            for (int i = 0; i < ins.Length; i++)
            {
                string name = nodes[n].Input[i];
                if (name.Length == 0) { ins[i] = -1; continue; }
                if (!slots.TryGetValue(name, out ins[i]))
                    throw new ModelFormatException($"onnx: node '{nodes[n].Name}' ({nodes[n].OpType}) reads '{name}', which no input, initializer or node defines");
            }
            nodeInputs[n] = ins;
        }
        var outputs = new List<ValueSpec>();
        var outputSlots = new List<int>();
        foreach (var v in g.Output)
        {
            if (!slots.TryGetValue(v.Name, out int s)) throw new ModelFormatException($"onnx: graph output '{v.Name}' is not defined by any node, input or initializer");
            outputSlots.Add(s);
            outputs.Add(Spec(v, "graph output"));
        }

        // topological order (Kahn); a cycle leaves nodes unvisited
        var order = TopologicalOrder(nodes, nodeInputs, producer);

        // the first unsupported operator, in file order
        foreach (var node in nodes)
        {
            if (node.Domain is not ("" or "ai.onnx"))
                throw new NotSupportedException($"onnx: operator '{node.Domain}:{node.OpType}' (node '{node.Name}') is not supported: Ember imports the default ONNX domain only");
            if (!OnnxOperators.Factories.ContainsKey(node.OpType))
                throw new NotSupportedException($"onnx: operator '{node.OpType}' (node '{node.Name}') is not supported");
        }

        // kernels, and when each intermediate value can be released
        var lastUse = new Dictionary<int, int>();
        for (int k = 0; k < order.Length; k++)
            foreach (int s in nodeInputs[order[k]])
                if (s >= 0) lastUse[s] = k;
        var keep = new HashSet<int>(outputSlots.Concat(inputSlots).Concat(inits.Select(i => i.Item2)));
        var steps = new Step[order.Length];
        for (int k = 0; k < order.Length; k++)
        {
            var node = nodes[order[k]];
            var context = new NodeContext(node, opset);
            OnnxKernel kernel;
            try { kernel = OnnxOperators.Factories[node.OpType](context); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw new ModelFormatException($"onnx: {context.Describe}: {e.Message}", e);
            }
            var outs = node.Output.Select(o => o.Length == 0 ? -1 : slots[o]).ToArray();
            var release = nodeInputs[order[k]].Where(s => s >= 0 && !keep.Contains(s) && lastUse[s] == k).Distinct()
                .Concat(outs.Where(s => s >= 0 && !keep.Contains(s) && !lastUse.ContainsKey(s))).ToArray();
            steps[k] = new Step(node.Name, node.OpType, kernel, nodeInputs[order[k]], outs, release);
        }

        return new OnnxGraph
        {
            Inputs = inputs.ToArray(),
            InputSlots = inputSlots.ToArray(),
            Outputs = outputs.ToArray(),
            OutputSlots = outputSlots.ToArray(),
            Initializers = inits.ToArray(),
            Steps = steps,
            SlotCount = slots.Count,
            Opset = opset,
            IrVersion = model.IrVersion,
        };
    }

    private static int[] TopologicalOrder(IList<NodeProto> nodes, int[][] nodeInputs, Dictionary<int, int> producer)
    {
        int count = nodes.Count;
        var pending = new int[count];
        var dependents = new List<int>[count];
        for (int n = 0; n < count; n++) dependents[n] = [];
        for (int n = 0; n < count; n++)
            foreach (int s in nodeInputs[n].Distinct())
                if (s >= 0 && producer.TryGetValue(s, out int p))
                {
                    pending[n]++;
                    dependents[p].Add(n);
                }
        // a min-heap on the file position keeps file order whenever the file is already sorted
        var ready = new PriorityQueue<int, int>();
        for (int n = 0; n < count; n++) if (pending[n] == 0) ready.Enqueue(n, n);
        var order = new List<int>(count);
        while (ready.TryDequeue(out int n, out _))
        {
            order.Add(n);
            foreach (int d in dependents[n])
                if (--pending[d] == 0) ready.Enqueue(d, d);
        }
        if (order.Count != count)
        {
            int stuck = Enumerable.Range(0, count).First(n => pending[n] > 0);
            throw new ModelFormatException($"onnx: the graph has a cycle (node '{nodes[stuck].Name}' ({nodes[stuck].OpType}) depends on its own output)");
        }
        return order.ToArray();
    }

    private static ValueSpec Spec(ValueInfoProto v, string what)
    {
        var tt = v.Type?.TensorType;
        if (v.Type is not null && v.Type.ValueCase != TypeProto.ValueOneofCase.TensorType && v.Type.ValueCase != TypeProto.ValueOneofCase.None)
            throw new NotSupportedException($"onnx: {what} '{v.Name}' has type {v.Type.ValueCase}, not a tensor element type; Ember imports tensor graphs only");
        DType? dtype = tt is not null && tt.HasElemType && tt.ElemType != 0 ? OnnxTensors.ToDType(tt.ElemType, $"{what} '{v.Name}'") : null;
        int?[]? dims = null;
        if (tt?.Shape is { } shape)
        {
            dims = new int?[shape.Dim.Count];
            for (int i = 0; i < dims.Length; i++)
            {
                var d = shape.Dim[i];
                if (d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue)
                {
                    if (d.DimValue < 0 || d.DimValue > Array.MaxLength) throw new ModelFormatException($"onnx: {what} '{v.Name}' has an invalid dimension {d.DimValue}");
                    dims[i] = (int)d.DimValue;
                }
            }
        }
        return new ValueSpec(v.Name, dtype, dims);
    }
}
