using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Ember.Optim;

/// <summary>
/// An optimizer's saved state, mirroring PyTorch's <c>optimizer.state_dict()</c>:
/// <c>{"state": {index: {...}}, "param_groups": [{..., "params": [indices]}]}</c>.
/// <see cref="ToDictionary"/> and <see cref="FromDictionary"/> convert it to and from that plain dictionary, the form
/// <c>Torch.Save</c> writes and PyTorch reads.
/// </summary>
public sealed class OptimizerState
{
    /// <summary>
    /// The per-parameter state keyed by the parameter's index (counted across the groups in order): tensors
    /// such as <c>"exp_avg"</c> and the <c>"step"</c> count (a 0-d tensor).
    /// </summary>
    public Dictionary<int, Dictionary<string, object>> State { get; init; } = new();

    /// <summary>Each group's options by PyTorch name, with <c>"params"</c> the list of its parameters' indices (<see cref="List{T}"/> of int).</summary>
    public List<Dictionary<string, object>> ParamGroups { get; init; } = new();

    /// <summary>
    /// The state as PyTorch's plain dictionary: <c>"state"</c> maps each parameter index (<c>long</c>) to its entries,
    /// <c>"param_groups"</c> lists each group's options (pairs such as <c>"betas"</c> as two-element <c>object?[]</c>, i.e.
    /// Python tuples; indices as <c>long</c>). Tensors are shared, not copied.
    /// </summary>
    /// <returns>A new dictionary.</returns>
    public OrderedDictionary<string, object?> ToDictionary()
    {
        var state = new OrderedDictionary<object, object?>();
        foreach (var (index, entries) in State.OrderBy(kv => kv.Key))
        {
            var copy = new OrderedDictionary<object, object?>();
            foreach (var (k, v) in entries) copy[k] = Plain(v);
            state[(long)index] = copy;
        }
        var groups = new List<object?>();
        foreach (var g in ParamGroups)
        {
            var copy = new OrderedDictionary<object, object?>();
            foreach (var (k, v) in g) copy[k] = Plain(v);
            groups.Add(copy);
        }
        return new OrderedDictionary<string, object?> { ["state"] = state, ["param_groups"] = groups };
    }

    /// <summary>
    /// Reads PyTorch's plain dictionary (from <see cref="ToDictionary"/>, or a file loaded with <c>Torch.Load</c>, also
    /// one written by PyTorch): integers become <c>int</c> indices, two-number tuples or lists become <c>(double, double)</c>
    /// pairs (e.g. Adam's <c>"betas"</c>), and options whose value is None are dropped (the optimizer's defaults fill them).
    /// </summary>
    /// <param name="stateDict">A dictionary with <c>"state"</c> and <c>"param_groups"</c>.</param>
    /// <returns>The state, ready for <see cref="Optimizer.LoadStateDict"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stateDict"/> is null.</exception>
    /// <exception cref="ArgumentException">An entry is missing or of the wrong kind (the message names it).</exception>
    public static OptimizerState FromDictionary(IDictionary stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        if (!stateDict.Contains("state") || stateDict["state"] is not IDictionary state)
            throw new ArgumentException("load_state_dict: an optimizer state dict needs a dictionary 'state'", nameof(stateDict));
        if (!stateDict.Contains("param_groups") || stateDict["param_groups"] is not IList groups)
            throw new ArgumentException("load_state_dict: an optimizer state dict needs a list 'param_groups'", nameof(stateDict));
        var result = new OptimizerState();
        foreach (DictionaryEntry e in state)
        {
            int index = Index(e.Key, "a key of 'state'");
            if (e.Value is not IDictionary entries)
                throw new ArgumentException($"load_state_dict: 'state'[{index}] should be a dictionary", nameof(stateDict));
            result.State[index] = Options(entries, $"'state'[{index}]");
        }
        for (int i = 0; i < groups.Count; i++)
        {
            if (groups[i] is not IDictionary g)
                throw new ArgumentException($"load_state_dict: 'param_groups'[{i}] should be a dictionary", nameof(stateDict));
            var options = Options(g, $"'param_groups'[{i}]");
            if (!options.TryGetValue("params", out var ps) || ps is not IEnumerable seq || ps is string)
                throw new ArgumentException($"load_state_dict: 'param_groups'[{i}] has no 'params' list", nameof(stateDict));
            options["params"] = seq.Cast<object?>().Select(o => Index(o, $"an index in 'param_groups'[{i}]['params']")).ToList();
            result.ParamGroups.Add(options);
        }
        return result;
    }

    private static Dictionary<string, object> Options(IDictionary entries, string where)
    {
        var options = new Dictionary<string, object>();
        foreach (DictionaryEntry e in entries)
        {
            if (e.Key is not string key) throw new ArgumentException($"load_state_dict: {where} has a key that is not a string ({e.Key})", "stateDict");
            if (e.Value is null) continue;
            options[key] = e.Value is IList { Count: 2 } pair && key != "params" && pair[0] is double or long && pair[1] is double or long
                ? (Convert.ToDouble(pair[0], CultureInfo.InvariantCulture), Convert.ToDouble(pair[1], CultureInfo.InvariantCulture))
                : e.Value;
        }
        return options;
    }

    private static int Index(object? o, string what) => o switch
    {
        int i when i >= 0 => i,
        long l when l is >= 0 and <= int.MaxValue => (int)l,
        _ => throw new ArgumentException($"load_state_dict: {what} should be a parameter index, got {o ?? "None"}", "stateDict"),
    };

    // Values as plain objects: tuples (e.g. betas) become object?[] (Python tuples), index lists long.
    private static object? Plain(object? v) => v switch
    {
        ITuple t => Enumerable.Range(0, t.Length).Select(i => Plain(t[i])).ToArray(),
        List<int> ids => ids.Select(i => (object?)(long)i).ToList(),
        int i => (long)i,
        float f => (double)f,
        _ => v,
    };
}
