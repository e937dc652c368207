using Ember.Autograd;
using Ember.NN;

namespace Ember.Onnx.Export;

/// <summary>
/// Runs one forward pass and records it: the calls of layers the exporter knows (through forward hooks; the ops inside
/// them are not recorded) and every other op autograd records (through <see cref="Graph.Tracer"/>), in order.
/// </summary>
internal sealed class ForwardTracer : IGraphTracer
{
    private readonly List<TraceEvent> _events = [];
    private readonly List<Module> _running = [];
    private readonly Stack<(ValueKey[] Keys, Tensor[] Tensors)> _layerInputs = new();
    private readonly int _thread = Environment.CurrentManagedThreadId;
    private int _layerDepth;

    /// <summary>The trace of one forward pass of <paramref name="model"/> on <paramref name="inputs"/>.</summary>
    public static (List<TraceEvent> Events, List<Tensor> Outputs) Run(Module model, Tensor[] inputs)
    {
        var tracer = new ForwardTracer();
        var handles = new List<RemovableHandle>();
        var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance);
        var previous = Graph.Tracer;
        try
        {
            foreach (var m in model.Modules())
            {
                if (!seen.Add(m) || ModelInvoker.CallableBase(m.GetType()) is null) continue;
                handles.Add(m.RegisterForwardPreHook((module, x) => tracer.Enter(module, x)));
                handles.Add(m.RegisterForwardHook((module, _, y) => tracer.Exit(module, y)));
            }
            Graph.Tracer = tracer;
            object? output;
            using (Torch.EnableGrad()) output = ModelInvoker.Call(model, inputs);
            return (tracer._events, ModelInvoker.Flatten(output, $"the output of {model.GetType().Name}"));
        }
        finally
        {
            Graph.Tracer = previous;
            foreach (var h in handles) h.Remove();
        }
    }

    public void OnRecord(ReadOnlySpan<Tensor> outputs, Node node, ReadOnlySpan<Tensor?> inputs)
    {
        if (_layerDepth > 0) return;
        var inKeys = new ValueKey[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) if (inputs[i] is { } t) inKeys[i] = ValueKey.Of(t);
        var outKeys = new ValueKey[outputs.Length];
        for (int i = 0; i < outputs.Length; i++) outKeys[i] = new ValueKey(node, i);
        _events.Add(new OpEvent(node, inKeys, inputs.ToArray(), outKeys, outputs.ToArray(), _running.Count > 0 ? _running[^1] : null));
    }

    private void Enter(Module module, object? input)
    {
        if (Environment.CurrentManagedThreadId != _thread) return; // the model called on another thread meanwhile
        _running.Add(module);
        if (!LayerExport.Handles(module)) return;
        if (_layerDepth++ > 0) return;
        // The keys are taken before the layer runs: an in-place layer gives its input a new history.
        var tensors = ModelInvoker.Flatten(input, $"the input of {module.GetType().Name}").ToArray();
        _layerInputs.Push((Array.ConvertAll(tensors, ValueKey.Of), tensors));
    }

    private void Exit(Module module, object? output)
    {
        if (Environment.CurrentManagedThreadId != _thread) return;
        _running.RemoveAt(_running.Count - 1);
        if (!LayerExport.Handles(module)) return;
        if (--_layerDepth > 0) return;
        var (keys, tensors) = _layerInputs.Pop();
        var outputs = ModelInvoker.Flatten(output, $"the output of {module.GetType().Name}").ToArray();
        _events.Add(new LayerEvent(module, keys, tensors, Array.ConvertAll(outputs, ValueKey.Of), outputs));
    }
}
