using Ember.NN;
using Ember.Onnx.Proto;

namespace Ember.Onnx.Export;

/// <summary>
/// Turns a model into an ONNX ModelProto: traces one forward pass in evaluation mode at the sample's batch size, and
/// (with a dynamic batch) another at one more, so that the sizes that follow the batch are known; then emits the
/// layers and ops of the first trace.
/// </summary>
internal static class OnnxModelBuilder
{
    public const string BatchParam = "batch";

    /// <summary>The initializers' bytes a single protobuf file can hold (2 GB less room for the graph).</summary>
    private const long MaxInitializerBytes = int.MaxValue - (64L << 20);

    public static ModelProto Build(Module model, Tensor[] samples, OnnxExportOptions options)
    {
        var modes = model.Modules().Select(m => (Module: m, m.Training)).ToList();
        model.Eval();
        try
        {
            var inputs = Array.ConvertAll(samples, Prepare);
            var (events, outputs) = ForwardTracer.Run(model, inputs);
            var batchDims = options.BatchDims is { } given ? CheckBatchDims(given, inputs, options.DynamicBatch) : BatchDims(events, inputs, options.DynamicBatch);
            var (events2, outputs2, inputs2) = (events, outputs, inputs);
            if (options.DynamicBatch && batchDims.Any(d => d >= 0))
            {
                inputs2 = new Tensor[inputs.Length];
                for (int i = 0; i < inputs.Length; i++)
                    inputs2[i] = batchDims[i] < 0 ? inputs[i] : Prepare(Torch.Cat([samples[i], samples[i].Narrow(batchDims[i], 0, 1)], batchDims[i]));
                try
                {
                    (events2, outputs2) = ForwardTracer.Run(model, inputs2);
                }
                catch (Exception e) when (e is not NotSupportedException)
                {
                    throw new NotSupportedException(
                        $"onnx export: the model fails with a batch one larger than the sample's ({e.Message}), so its batch cannot be symbolic; " +
                        "export with DynamicBatch = false", e);
                }
                CheckSameSteps(events, events2, outputs, outputs2);
            }
            return Emit(model, options, inputs, inputs2, batchDims, events, events2, outputs, outputs2);
        }
        finally
        {
            foreach (var (m, training) in modes) m.Train(training);
        }
    }

    /// <summary>A copy of a sample that autograd tracks (floating point), so that every op on it is recorded.</summary>
    private static Tensor Prepare(Tensor sample)
    {
        var x = sample.Detach().Clone();
        return x.DType.IsFloatingPoint() ? x.RequiresGrad_() : x;
    }

    /// <summary>The batch dimension of each input: 1 for the input of a recurrent layer that is not batch first, else 0 (-1: none).</summary>
    private static int[] BatchDims(List<TraceEvent> events, Tensor[] inputs, bool dynamic)
    {
        var dims = new int[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            var key = ValueKey.Of(inputs[i]);
            bool timeFirst = events.OfType<LayerEvent>().Any(e => e.Module is LSTM or GRU or RNN && !BatchFirst(e.Module) && e.Inputs.Length > 0 && e.Inputs[0].Equals(key));
            int d = timeFirst ? 1 : 0;
            dims[i] = !dynamic || inputs[i].Dim <= d || inputs[i].ShapeArray[d] == 0 ? -1 : d;
        }
        return dims;
    }

    private static int[] CheckBatchDims(IReadOnlyList<int> given, Tensor[] inputs, bool dynamic)
    {
        if (given.Count != inputs.Length)
            throw new ArgumentException($"onnx export: BatchDims has {given.Count} entries but the model has {inputs.Length} inputs", "BatchDims");
        var dims = new int[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            int d = given[i];
            if (d < -1 || d >= inputs[i].Dim)
                throw new ArgumentException($"onnx export: BatchDims[{i}] = {d} is out of range for input {i} of shape {inputs[i].Shape} (-1 for none)", "BatchDims");
            dims[i] = dynamic ? d : -1;
        }
        return dims;
    }

    private static bool BatchFirst(Module m) => m switch
    {
        LSTM l => l.BatchFirst,
        GRU g => g.BatchFirst,
        RNN r => r.BatchFirst,
        _ => true,
    };

    private static void CheckSameSteps(List<TraceEvent> a, List<TraceEvent> b, List<Tensor> outA, List<Tensor> outB)
    {
        bool same = a.Count == b.Count && outA.Count == outB.Count;
        for (int i = 0; same && i < a.Count; i++)
            same = a[i].GetType() == b[i].GetType() && a[i].Describe == b[i].Describe
                && a[i].OutputTensors.Length == b[i].OutputTensors.Length && a[i].InputTensors.Length == b[i].InputTensors.Length;
        if (!same)
            throw new NotSupportedException(
                "onnx export: the forward pass runs different operations for two batch sizes, so its graph depends on the batch; export with DynamicBatch = false");
    }

    private static ModelProto Emit(Module model, OnnxExportOptions options, Tensor[] inputs, Tensor[] inputs2, int[] batchDims,
        List<TraceEvent> events, List<TraceEvent> events2, List<Tensor> outputs, List<Tensor> outputs2)
    {
        var b = new OnnxGraphBuilder();
        b.Graph.Name = options.GraphName;
        var names = new Dictionary<ValueKey, string>();
        var paths = new Dictionary<Module, string>(ReferenceEqualityComparer.Instance);
        foreach (var (path, m) in model.NamedModules()) paths.TryAdd(m, path);

        var inputNames = Names(options.InputNames, inputs.Length, "input", "InputNames");
        var outputNames = Names(options.OutputNames, outputs.Count, "output", "OutputNames");
        for (int i = 0; i < inputs.Length; i++)
        {
            b.Reserve(inputNames[i]);
            names[ValueKey.Of(inputs[i])] = inputNames[i];
            b.Graph.Input.Add(ValueInfo(inputNames[i], inputs[i], inputs2[i]));
        }
        foreach (var n in outputNames) b.Reserve(n);

        for (int e = 0; e < events.Count; e++)
        {
            var ev = events[e];
            var (where, prefix) = Describe(ev, paths);
            var inNames = new string?[ev.Inputs.Length];
            for (int i = 0; i < inNames.Length; i++)
            {
                if (ev.InputTensors[i] is not { } t) continue;
                if (names.TryGetValue(ev.Inputs[i], out var known)) { inNames[i] = known; continue; }
                if (ev is LayerEvent)
                    throw new NotSupportedException(
                        $"onnx export: the input of {where} is not computed from the model's inputs by operations the exporter can trace " +
                        "(an op on an integer tensor, or one run without gradient tracking)");
                if (!t.ShapeArray.AsSpan().SequenceEqual(events2[e].InputTensors[i]!.ShapeArray))
                    throw new NotSupportedException(
                        $"onnx export: {where} uses a tensor of shape [{string.Join(", ", t.ShapeArray)}] that depends on the batch size but is not " +
                        "computed from the model's inputs by operations the exporter can trace (an op on an integer tensor, or one run without gradient tracking)");
                inNames[i] = b.Initializer(t, "const");
            }
            var step = new EmitStep(b, ev, events2[e], inNames, where, prefix);
            string[] outNames = ev is LayerEvent le ? LayerExport.Emit(step, le.Module) : OpExport.Emit(step, ((OpEvent)ev).Node);
            for (int o = 0; o < ev.Outputs.Length; o++) names[ev.Outputs[o]] = outNames[o];
        }

        for (int i = 0; i < outputs.Count; i++)
        {
            var key = ValueKey.Of(outputs[i]);
            if (!names.TryGetValue(key, out var value))
                throw new NotSupportedException($"onnx export: output {i} of the model is not computed from its inputs by operations the exporter can trace");
            b.Node("Identity", [value]);
            b.Graph.Node[^1].Output[0] = outputNames[i];
            b.Graph.Output.Add(ValueInfo(outputNames[i], outputs[i], outputs2[i]));
        }
        Simplify(b.Graph);
        long bytes = b.Graph.Initializer.Sum(t => (long)t.RawData.Length);
        if (bytes > MaxInitializerBytes)
            throw new NotSupportedException(
                $"onnx export: the weights take {bytes} bytes; a protobuf message holds at most 2 GB, and the exporter does not write ONNX external data");

        var proto = new ModelProto
        {
            IrVersion = 8,
            ProducerName = options.ProducerName,
            ProducerVersion = options.ProducerVersion,
            Graph = b.Graph,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        return proto;
    }

    /// <summary>
    /// Removes the Identity nodes added for the outputs where the value came from a node that only feeds it: that node
    /// writes the output directly.
    /// </summary>
    private static void Simplify(GraphProto graph)
    {
        var outputs = graph.Output.Select(o => o.Name).ToHashSet();
        var inputs = graph.Input.Select(i => i.Name).ToHashSet();
        for (int k = graph.Node.Count - 1; k >= 0; k--)
        {
            var id = graph.Node[k];
            if (id.OpType != "Identity" || !outputs.Contains(id.Output[0])) continue;
            string source = id.Input[0];
            if (inputs.Contains(source) || outputs.Contains(source)) continue;
            var producer = graph.Node.FirstOrDefault(n => n.Output.Contains(source));
            if (producer is null) continue;
            int uses = graph.Node.Sum(n => n.Input.Count(x => x == source));
            if (uses != 1) continue;
            producer.Output[producer.Output.IndexOf(source)] = id.Output[0];
            graph.Node.RemoveAt(k);
        }
    }

    private static (string Where, string Prefix) Describe(TraceEvent ev, Dictionary<Module, string> paths)
    {
        switch (ev)
        {
            case LayerEvent le:
            {
                string path = paths.GetValueOrDefault(le.Module, "");
                return ($"{le.Module.GetType().Name}{(path.Length > 0 ? $" (at '{path}')" : "")}", path);
            }
            case OpEvent { Owner: { } owner } op:
            {
                string path = paths.GetValueOrDefault(owner, "");
                return ($"{op.Node.Name} in {owner.GetType().Name}{(path.Length > 0 ? $" (at '{path}')" : "")}", path);
            }
            default:
                return (ev.Describe, "");
        }
    }

    private static string[] Names(IReadOnlyList<string>? given, int count, string stem, string option)
    {
        if (given is null) return count == 1 ? [stem] : Enumerable.Range(0, count).Select(i => $"{stem}_{i}").ToArray();
        if (given.Count != count)
            throw new ArgumentException($"onnx export: {option} has {given.Count} names but the model has {count}", option);
        if (given.Any(string.IsNullOrEmpty)) throw new ArgumentException($"onnx export: {option} holds an empty name", option);
        return [.. given];
    }

    /// <summary>The type of a graph input or output: static sizes, "batch" where the size follows the batch.</summary>
    private static ValueInfoProto ValueInfo(string name, Tensor t, Tensor other)
    {
        var shape = new TensorShapeProto();
        for (int d = 0; d < t.Dim; d++)
        {
            var dim = new TensorShapeProto.Types.Dimension();
            if (t.ShapeArray[d] != other.ShapeArray[d]) dim.DimParam = BatchParam;
            else dim.DimValue = t.ShapeArray[d];
            shape.Dim.Add(dim);
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = OnnxGraphBuilder.ElemType(t.DType), Shape = shape } },
        };
    }
}
