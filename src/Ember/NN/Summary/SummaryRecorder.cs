using System.Collections;
using System.Runtime.CompilerServices;

namespace Ember.NN;

/// <summary>
/// Builds the rows of a <see cref="ModelSummary"/> as torchinfo's <c>forward_pass</c> does: forward pre-hooks open a
/// row per call (in call order), forward hooks fill in the shapes and multiply-adds, and containers that were never
/// called themselves are inserted above their children afterwards.
/// </summary>
internal sealed class SummaryRecorder
{
    private readonly List<LayerSummary> _rows = [];
    private readonly HashSet<Module> _listed = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Module, List<(string Name, int Depth, LayerSummary? Parent)>> _contexts = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Module, LayerSummary> _current = new(ReferenceEqualityComparer.Instance);
    private readonly List<LayerSummary> _stack = [];
    private readonly List<RemovableHandle> _handles = [];

    /// <summary>Runs <paramref name="forward"/> with the hooks in place and returns the rows.</summary>
    internal static List<LayerSummary> Record(Module model, Action forward)
    {
        var r = new SummaryRecorder();
        try
        {
            r.Attach(model);
            forward();
        }
        finally
        {
            foreach (var h in r._handles) h.Dispose();
        }
        r.AddMissingContainers();
        SetDescendants(r._rows);
        return r._rows;
    }

    /// <summary>The rows of the module tree without a forward pass (torchinfo without an input).</summary>
    internal static List<LayerSummary> Structure(Module model)
    {
        var rows = new List<LayerSummary>();
        var listed = new HashSet<Module>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(string, Module, int, LayerSummary?)>();
        stack.Push((ModelName(model), model, 0, null));
        while (stack.Count > 0)
        {
            var (name, module, depth, parent) = stack.Pop();
            var info = new LayerSummary(name, module, depth, parent);
            CountParams(info);
            info.IsRecursive = !listed.Add(module);
            rows.Add(info);
            var children = module.NamedChildren().ToList();
            for (int i = children.Count - 1; i >= 0; i--) stack.Push((children[i].Name, children[i].Module, depth + 1, info));
        }
        SetDescendants(rows);
        return rows;
    }

    internal static string ModelName(Module model)
    {
        var n = model.GetType().Name;
        int tick = n.IndexOf('`');
        return tick >= 0 ? n[..tick] : n;
    }

    private void Attach(Module model)
    {
        var hooked = new HashSet<Module>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(string, Module, int, LayerSummary?)>();
        stack.Push((ModelName(model), model, 0, null));
        while (stack.Count > 0)
        {
            var (name, module, depth, parent) = stack.Pop();
            var fallback = new LayerSummary(name, module, depth, parent);
            if (!_contexts.TryGetValue(module, out var list)) _contexts[module] = list = [];
            list.Add((name, depth, parent));
            if (RunsHooks(module) && hooked.Add(module))
            {
                _handles.Add(module.RegisterForwardPreHook((m, _) => PreHook(m)));
                _handles.Add(module.RegisterForwardHook((m, x, y) => PostHook(m, x, y)));
            }
            var children = module.NamedChildren().ToList();
            for (int i = children.Count - 1; i >= 0; i--) stack.Push((children[i].Name, children[i].Module, depth + 1, fallback));
        }
    }

    private static bool RunsHooks(Module module)
    {
        for (var t = module.GetType(); t is not null; t = t.BaseType)
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Module<,>)) return true;
        return false;
    }

    /// <summary>The context (name, depth, parent) whose nearest running ancestor is the module now running (torchinfo's resolve_layer_context).</summary>
    private (string Name, int Depth, LayerSummary? Parent) Resolve(Module module)
    {
        var contexts = _contexts[module];
        if (contexts.Count == 1 || _stack.Count == 0) return contexts[0];
        var top = _stack[^1].Module;
        var running = new HashSet<Module>(_stack.Select(s => s.Module), ReferenceEqualityComparer.Instance);
        foreach (var context in contexts)
        {
            var parent = context.Parent;
            while (parent is not null && !running.Contains(parent.Module)) parent = parent.Parent;
            if (parent is not null && ReferenceEquals(parent.Module, top)) return context;
        }
        return contexts[0];
    }

    private void PreHook(Module module)
    {
        var (name, depth, parent) = Resolve(module);
        var info = new LayerSummary(name, module, depth, parent);
        CountParams(info);
        info.IsRecursive = !_listed.Add(module);
        _rows.Add(info);
        _current[module] = info;
        _stack.Add(info);
    }

    private void PostHook(Module module, object? input, object? output)
    {
        var info = _current[module];
        info.InputShape = FirstTensor(input)?.Shape;
        var first = FirstTensor(output);
        info.OutputShape = first?.Shape;
        var shapes = new List<Size>();
        CollectShapes(output, shapes);
        info.OutputShapes = shapes;
        info.OutputBytes = first is null ? 0 : (long)first.Numel * first.DType.ElementSize();
        info.Executed = true;
        info.MultAdds = MultAdds(info);
        if (_stack.Count > 0 && ReferenceEquals(_stack[^1].Module, module)) _stack.RemoveAt(_stack.Count - 1);
    }

    /// <summary>torchinfo's num_params, trainable_params and param_bytes: the module's parameters, each once.</summary>
    internal static void CountParams(LayerSummary info)
    {
        long n = 0, trainable = 0, bytes = 0;
        foreach (var p in info.Module.Parameters())
        {
            n += p.Numel;
            bytes += (long)p.Numel * p.DType.ElementSize();
            if (p.RequiresGrad) trainable += p.Numel;
        }
        info.NumParams = n;
        info.TrainableParams = trainable;
        info.ParamBytes = bytes;
    }

    /// <summary>torchinfo's calculate_macs.</summary>
    private static long MultAdds(LayerSummary info)
    {
        if (info.OutputShape is not { } shape) return 0;
        long macs = 0;
        foreach (var (name, p) in info.Module.NamedParameters())
        {
            if (name is "weight" or "bias")
            {
                if (info.TypeName.Contains("Conv", StringComparison.Ordinal))
                {
                    long spatial = 1;
                    for (int d = 2; d < shape.Count; d++) spatial *= shape[d];
                    macs += p.Numel * (shape.Count > 0 ? shape[0] : 1) * spatial;
                }
                else if (info.TypeName.Contains("Linear", StringComparison.Ordinal))
                {
                    long rows = 1;
                    for (int d = 0; d < shape.Count - 1; d++) rows *= shape[d];
                    macs += p.Numel * rows;
                }
                else macs += (shape.Count > 0 ? shape[0] : 0) * (long)p.Numel;
            }
            else if (name.Contains("weight", StringComparison.Ordinal) || name.Contains("bias", StringComparison.Ordinal))
            {
                long steps = 1;
                for (int d = 0; d < Math.Min(2, shape.Count); d++) steps *= shape[d];
                macs += steps * p.Numel;
            }
        }
        return macs;
    }

    /// <summary>The first tensor of an input or output (torchinfo's nested_list_size): the tensor, a tuple's first element, a packed sequence's data.</summary>
    internal static Tensor? FirstTensor(object? value) => value switch
    {
        Tensor t => t,
        Utils.PackedSequence p => p.Data,
        ITuple tuple => tuple.Length == 0 ? null : FirstTensor(tuple[0]),
        IEnumerable list and not string => FirstOf(list),
        _ => null,
    };

    private static Tensor? FirstOf(IEnumerable list)
    {
        foreach (var item in list) return FirstTensor(item);
        return null;
    }

    private static void CollectShapes(object? value, List<Size> shapes)
    {
        switch (value)
        {
            case Tensor t: shapes.Add(t.Shape); break;
            case Utils.PackedSequence p: shapes.Add(p.Data.Shape); break;
            case ITuple tuple:
                for (int i = 0; i < tuple.Length; i++) CollectShapes(tuple[i], shapes);
                break;
            case IEnumerable list and not string:
                foreach (var item in list) CollectShapes(item, shapes);
                break;
        }
    }

    /// <summary>torchinfo's add_missing_container_layers: shows the ancestors that did not run through Call.</summary>
    private void AddMissingContainers()
    {
        var current = new Dictionary<int, LayerSummary>();
        for (int idx = 0; idx < _rows.Count; idx++)
        {
            var info = _rows[idx];
            int rel = 0;
            var hierarchy = new Dictionary<int, LayerSummary>();
            for (var p = info.Parent; p is not null && p.Depth > 0; p = p.Parent) hierarchy[p.Depth] = p;
            for (int d = 1; d < info.Depth; d++)
            {
                if ((!current.TryGetValue(d, out var cur) || !ReferenceEquals(cur.Module, hierarchy[d].Module))
                    && !ReferenceEquals(hierarchy[d], _rows[idx + rel - 1 >= 0 ? idx + rel - 1 : _rows.Count - 1]))
                {
                    var missing = hierarchy[d];
                    CountParams(missing);
                    missing.IsRecursive = !_listed.Add(missing.Module);
                    _rows.Insert(idx + rel, missing);
                    current[d] = missing;
                    rel++;
                }
            }
            idx += rel;
            current[info.Depth] = info;
            for (int d = info.Depth + 1; current.Remove(d); d++) { }
        }
    }

    /// <summary>torchinfo's set_children_layers: depth indices and the descendant rows of each row.</summary>
    internal static void SetDescendants(List<LayerSummary> rows)
    {
        var counts = new Dictionary<int, int>();
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            counts[row.Depth] = counts.GetValueOrDefault(row.Depth) + 1;
            row.DepthIndex = counts[row.Depth];
            int end = i + 1;
            while (end < rows.Count && rows[end].Depth > row.Depth) end++;
            row.Descendants = rows.GetRange(i + 1, end - i - 1);
        }
    }
}
