namespace Ember.Optim;

/// <summary>
/// A group of parameters that an <see cref="Optimizer"/> updates with the same option values
/// (one entry of PyTorch's <c>optimizer.param_groups</c>, a dict holding <c>"params"</c> and the options).
/// Options are keyed by PyTorch's names (<c>"lr"</c>, <c>"momentum"</c>, <c>"weight_decay"</c>,
/// <c>"betas"</c>, …) and can be read and written at any time, e.g. by learning-rate schedulers.
/// </summary>
/// <remarks>
/// Give a group only the options it overrides; the optimizer fills in the rest from its constructor
/// arguments when the group is added (PyTorch's <c>setdefault</c>):
/// <code>
/// var opt = new SGD([
///     new ParamGroup(model.Backbone.Parameters()),
///     new ParamGroup(model.Head.Parameters()) { Lr = 1e-2, ["momentum"] = 0.9 },
/// ], lr: 1e-3);
/// </code>
/// Values are boxed: numbers as <see cref="double"/> (any numeric type is accepted on reading),
/// switches as <see cref="bool"/>, <c>"betas"</c> as a <c>(double, double)</c> tuple.
/// </remarks>
public sealed class ParamGroup
{
    private readonly List<Tensor> _params;
    private readonly OrderedDictionary<string, object> _options = new();

    /// <summary>Makes a group of <paramref name="parameters"/> with no option overrides.</summary>
    /// <param name="parameters">The tensors to optimize (usually a module's <c>Parameters()</c>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> or one of its elements is null.</exception>
    public ParamGroup(IEnumerable<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _params = parameters.ToList();
        for (int i = 0; i < _params.Count; i++)
            if (_params[i] is null) throw new ArgumentNullException(nameof(parameters), $"param group: parameter {i} is null");
    }

    /// <summary>Makes a group of <paramref name="parameters"/> with the given option overrides.</summary>
    /// <param name="parameters">The tensors to optimize.</param>
    /// <param name="options">Option values by PyTorch name, e.g. <c>{ ["lr"] = 0.01 }</c>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An option is named <c>"params"</c>.</exception>
    public ParamGroup(IEnumerable<Tensor> parameters, IEnumerable<KeyValuePair<string, object>> options) : this(parameters)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (k, v) in options) this[k] = v;
    }

    /// <summary>The parameters of the group, in order (PyTorch's <c>group["params"]</c>).</summary>
    public IReadOnlyList<Tensor> Params => _params;

    /// <summary>The option values by name (everything but <c>"params"</c>), in insertion order.</summary>
    public IReadOnlyDictionary<string, object> Options => _options;

    /// <summary>
    /// An option by PyTorch name (<c>group["lr"]</c>); <c>"params"</c> reads <see cref="Params"/>.
    /// Setting an option that does not exist adds it (schedulers store e.g. <c>"initial_lr"</c> this way).
    /// </summary>
    /// <param name="key">The option name.</param>
    /// <exception cref="KeyNotFoundException">Getting an option the group does not have.</exception>
    /// <exception cref="ArgumentException">Setting <c>"params"</c> (the parameters are fixed once the group is made).</exception>
    /// <exception cref="ArgumentNullException">The key or the value is null.</exception>
    public object this[string key]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(key);
            if (key == "params") return _params;
            return _options.TryGetValue(key, out var v) ? v
                : throw new KeyNotFoundException($"param group: no option '{key}' (the group has {string.Join(", ", _options.Keys)})");
        }
        set
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(value, nameof(value));
            if (key == "params")
                throw new ArgumentException("param group: 'params' can't be replaced; make a new ParamGroup and add it with Optimizer.AddParamGroup", nameof(key));
            _options[key] = value;
        }
    }

    /// <summary>Whether the group has option <paramref name="key"/> (<c>"params"</c> is always present).</summary>
    /// <param name="key">The option name.</param>
    public bool ContainsKey(string key) => key == "params" || _options.ContainsKey(key);

    /// <summary>Reads option <paramref name="key"/> if present.</summary>
    /// <param name="key">The option name.</param>
    /// <param name="value">The value, or null when absent.</param>
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out object? value) => _options.TryGetValue(key, out value);

    /// <summary>Removes option <paramref name="key"/>; returns whether it was present.</summary>
    /// <param name="key">The option name.</param>
    public bool Remove(string key) => _options.Remove(key);

    /// <summary>The learning rate (option <c>"lr"</c>), which schedulers change.</summary>
    /// <exception cref="KeyNotFoundException">The group has no <c>"lr"</c> (it always has once added to an optimizer).</exception>
    public double Lr { get => GetDouble("lr"); set => this["lr"] = value; }

    /// <summary>The momentum factor (option <c>"momentum"</c>, for <see cref="SGD"/> and <see cref="RMSprop"/>).</summary>
    /// <exception cref="KeyNotFoundException">The group has no <c>"momentum"</c>.</exception>
    public double Momentum { get => GetDouble("momentum"); set => this["momentum"] = value; }

    /// <summary>The weight decay (option <c>"weight_decay"</c>).</summary>
    /// <exception cref="KeyNotFoundException">The group has no <c>"weight_decay"</c>.</exception>
    public double WeightDecay { get => GetDouble("weight_decay"); set => this["weight_decay"] = value; }

    /// <summary>Adam's (β1, β2) (option <c>"betas"</c>, for <see cref="Adam"/> and <see cref="AdamW"/>).</summary>
    /// <exception cref="KeyNotFoundException">The group has no <c>"betas"</c>.</exception>
    /// <exception cref="InvalidCastException">The stored value is not a pair of numbers.</exception>
    public (double Beta1, double Beta2) Betas
    {
        get => this["betas"] switch
        {
            ValueTuple<double, double> t => t,
            ValueTuple<float, float> t => (t.Item1, t.Item2),
            double[] { Length: 2 } a => (a[0], a[1]),
            IReadOnlyList<double> { Count: 2 } l => (l[0], l[1]),
            var v => throw new InvalidCastException($"param group: option 'betas' must be a pair of numbers, got {v.GetType().Name}"),
        };
        set => this["betas"] = value;
    }

    /// <summary>Reads a numeric option as a double (any boxed numeric type is accepted).</summary>
    /// <param name="key">The option name.</param>
    /// <exception cref="KeyNotFoundException">The option is absent.</exception>
    /// <exception cref="InvalidCastException">The option is not a number.</exception>
    public double GetDouble(string key) => this[key] switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        decimal m => (double)m,
        short s => s,
        byte b => b,
        var v => throw new InvalidCastException($"param group: option '{key}' must be a number, got {v.GetType().Name} ({v})"),
    };

    /// <summary>Reads a boolean option.</summary>
    /// <param name="key">The option name.</param>
    /// <exception cref="KeyNotFoundException">The option is absent.</exception>
    /// <exception cref="InvalidCastException">The option is not a bool.</exception>
    public bool GetBool(string key) => this[key] is bool b ? b
        : throw new InvalidCastException($"param group: option '{key}' must be a bool, got {this[key].GetType().Name}");

    /// <summary>Sets <paramref name="key"/> only when the group does not have it (PyTorch's <c>setdefault</c>).</summary>
    internal void SetDefault(string key, object value)
    {
        if (!_options.ContainsKey(key)) _options[key] = value;
    }

    /// <summary>Replaces every option with <paramref name="options"/> (used when loading a state dict).</summary>
    internal void ReplaceOptions(IEnumerable<KeyValuePair<string, object>> options)
    {
        _options.Clear();
        foreach (var (k, v) in options) if (k != "params") _options[k] = v;
    }

    /// <summary>The options in PyTorch's dict style, e.g. <c>{'lr': 0.1, 'momentum': 0.9}</c>, and the number of parameters.</summary>
    public override string ToString() =>
        "{" + string.Join(", ", _options.Select(kv => $"'{kv.Key}': {PyFormat.Value(kv.Value)}")) + $"}} ({_params.Count} params)";
}
