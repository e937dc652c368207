using System.Globalization;
using Ember.Kernels;

namespace Ember.Optim;

/// <summary>
/// The base of every optimizer (PyTorch's <c>torch.optim.Optimizer</c>): it holds the parameter groups,
/// each with its own option values, and per-parameter state (momentum buffers, moment estimates, step
/// counts), and updates the parameters in place from their <see cref="Tensor.Grad"/> on <see cref="Step()"/>.
/// </summary>
/// <remarks>
/// The usual loop:
/// <code>
/// var opt = new Adam(model.Parameters(), lr: 1e-3);
/// for (...)
/// {
///     opt.ZeroGrad();
///     var loss = lossFn.Forward(model.Forward(x), y);
///     loss.Backward();
///     opt.Step();
/// }
/// </code>
/// Updates run under <see cref="Torch.NoGrad"/>, write into each parameter's storage in place (bumping its
/// version) and, once a parameter's state exists, allocate nothing for a contiguous float32/float64
/// parameter whose gradient has the same dtype and layout. float16 and bfloat16 parameters (and their state) are
/// updated in float32 and rounded back once per step. Parameters whose <see cref="Tensor.Grad"/> is null are skipped.
/// </remarks>
public abstract class Optimizer
{
    private readonly List<ParamGroup> _groups = new();
    private readonly Dictionary<Tensor, Dictionary<string, object>> _state = new(ReferenceEqualityComparer.Instance);
    private readonly OrderedDictionary<string, object> _defaults;
    private string? _kernelName;

    /// <summary>Makes an optimizer over one group holding <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The tensors to optimize (leaves, usually a module's <c>Parameters()</c>).</param>
    /// <param name="defaults">The option values of every group that does not override them, by PyTorch name.</param>
    /// <exception cref="ArgumentException">The list is empty, a tensor is not a leaf, or a tensor appears twice.</exception>
    protected Optimizer(IEnumerable<Tensor> parameters, IEnumerable<KeyValuePair<string, object>> defaults)
        : this(SingleGroup(parameters), defaults)
    {
    }

    /// <summary>Makes an optimizer over several parameter groups, each with its own option overrides.</summary>
    /// <param name="paramGroups">The groups (PyTorch's list of dicts).</param>
    /// <param name="defaults">The option values of every group that does not override them, by PyTorch name.</param>
    /// <exception cref="ArgumentException">There are no groups, a tensor is not a leaf, or a tensor appears twice.</exception>
    protected Optimizer(IEnumerable<ParamGroup> paramGroups, IEnumerable<KeyValuePair<string, object>> defaults)
    {
        ArgumentNullException.ThrowIfNull(paramGroups);
        ArgumentNullException.ThrowIfNull(defaults);
        _defaults = new OrderedDictionary<string, object>(defaults);
        var groups = paramGroups.ToList();
        if (groups.Count == 0) throw new ArgumentException("optimizer got an empty parameter list");
        foreach (var g in groups) AddParamGroup(g);
    }

    private static IEnumerable<ParamGroup> SingleGroup(IEnumerable<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = parameters.ToList();
        return list.Count == 0 ? [] : [new ParamGroup(list)];
    }

    /// <summary>The optimizer's name as PyTorch prints it (the class name, e.g. <c>SGD</c>).</summary>
    protected virtual string Name => GetType().Name;

    /// <summary>The option values given to the constructor, by PyTorch name (PyTorch's <c>optimizer.defaults</c>).</summary>
    public IReadOnlyDictionary<string, object> Defaults => _defaults;

    /// <summary>The parameter groups (PyTorch's <c>optimizer.param_groups</c>); change options through them.</summary>
    public IReadOnlyList<ParamGroup> ParamGroups => _groups;

    /// <summary>
    /// The per-parameter state by parameter (PyTorch's <c>optimizer.state</c>): e.g. SGD's
    /// <c>"momentum_buffer"</c>, Adam's <c>"step"</c>, <c>"exp_avg"</c>, <c>"exp_avg_sq"</c>. A parameter has
    /// an entry once it has been updated (Adagrad creates its state in the constructor).
    /// </summary>
    public IReadOnlyDictionary<Tensor, Dictionary<string, object>> State => _state;

    /// <summary>
    /// Adds a parameter group (PyTorch's <c>add_param_group</c>), e.g. to train layers that were frozen;
    /// options it does not set take the optimizer's <see cref="Defaults"/>.
    /// </summary>
    /// <param name="paramGroup">The group.</param>
    /// <exception cref="ArgumentException">A tensor is not a leaf, appears twice in the group, or is already in another group; or an option value is invalid.</exception>
    public void AddParamGroup(ParamGroup paramGroup)
    {
        ArgumentNullException.ThrowIfNull(paramGroup);
        var inGroup = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var p in paramGroup.Params)
        {
            if (!p.IsLeaf && !p.RetainsGrad)
                throw new ArgumentException($"can't optimize a non-leaf Tensor (shape {p.Shape}, grad_fn {p.GradFn!.Name})");
            if (!inGroup.Add(p))
                throw new ArgumentException($"optimizer contains a parameter group with duplicate parameters (a tensor of shape {p.Shape} is listed twice)");
        }
        foreach (var g in _groups)
            foreach (var p in g.Params)
                if (inGroup.Contains(p))
                    throw new ArgumentException("some parameters appear in more than one parameter group");
        foreach (var (k, v) in _defaults) paramGroup.SetDefault(k, v);
        ValidateGroup(paramGroup);
        _groups.Add(paramGroup);
    }

    /// <summary>
    /// Checks a group's option values when it is added (the same checks, with the same messages, as the
    /// constructor's); throws <see cref="ArgumentException"/> on an invalid value.
    /// </summary>
    /// <param name="group">The group, with every default filled in.</param>
    protected virtual void ValidateGroup(ParamGroup group)
    {
    }

    /// <summary>
    /// Clears the gradients of every parameter (PyTorch's <c>zero_grad</c>).
    /// </summary>
    /// <param name="setToNone">Set <see cref="Tensor.Grad"/> to null (default true, as PyTorch 2) instead of
    /// filling it with zeros; a parameter whose gradient is null is then skipped by <see cref="Step()"/>,
    /// while a zero gradient still updates it (e.g. through momentum or weight decay).</param>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (var g in _groups)
            foreach (var p in g.Params)
            {
                if (p.Grad is null) continue;
                if (setToNone) { p.Grad = null; continue; }
                var grad = p.Grad;
                if (!grad.IsLeaf) p.Grad = grad = grad.Detach();
                else grad.RequiresGrad = false;
                using (Torch.NoGrad()) grad.Zero_();
            }
    }

    /// <summary>Performs one optimization step: updates every parameter that has a gradient, in place, without recording autograd.</summary>
    /// <exception cref="ArgumentException">A gradient's shape differs from its parameter's.</exception>
    /// <exception cref="NotSupportedException">A parameter with a gradient is not floating point (e.g. <c>SGD: not implemented for dtype torch.int64</c>).</exception>
    public void Step()
    {
        using var _ = Torch.NoGrad();
        foreach (var g in _groups)
            try { StepGroup(g); }
            finally { FlushUpdates(); } // the group's queued updates run together (also when a later one threw)
    }

    /// <summary>
    /// Evaluates <paramref name="closure"/> with grad mode on (it should zero the gradients, compute the
    /// loss and call <c>Backward</c>), then performs one step; returns the closure's loss (PyTorch's <c>step(closure)</c>).
    /// </summary>
    /// <param name="closure">Recomputes the model and returns the loss.</param>
    public Tensor Step(Func<Tensor> closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        Tensor loss;
        using (Torch.EnableGrad()) loss = closure();
        Step();
        return loss;
    }

    /// <summary>Updates the parameters of one group (called by <see cref="Step()"/> under no-grad).</summary>
    /// <param name="group">The group, with all options present.</param>
    protected abstract void StepGroup(ParamGroup group);

    /// <summary>The state of <paramref name="parameter"/>, created empty on first use (PyTorch's <c>defaultdict(dict)</c>).</summary>
    /// <param name="parameter">A parameter of this optimizer.</param>
    protected Dictionary<string, object> StateOf(Tensor parameter)
    {
        if (!_state.TryGetValue(parameter, out var s)) _state[parameter] = s = new Dictionary<string, object>();
        return s;
    }

    /// <summary>
    /// The state in PyTorch's <c>state_dict()</c> layout: per-parameter state keyed by the parameter's
    /// index across all groups (tensors cloned), and each group's options with <c>"params"</c> holding the
    /// indices of its parameters.
    /// </summary>
    public OptimizerState StateDict()
    {
        var index = new Dictionary<Tensor, int>(ReferenceEqualityComparer.Instance);
        var result = new OptimizerState();
        foreach (var g in _groups)
        {
            var packed = new Dictionary<string, object>();
            foreach (var (k, v) in g.Options) packed[k] = v;
            var ids = new List<int>();
            foreach (var p in g.Params)
            {
                if (!index.TryGetValue(p, out int i)) index[p] = i = index.Count;
                ids.Add(i);
            }
            packed["params"] = ids;
            result.ParamGroups.Add(packed);
        }
        using (Torch.NoGrad())
            foreach (var (p, s) in _state.OrderBy(kv => index.GetValueOrDefault(kv.Key, int.MaxValue)))
            {
                if (!index.TryGetValue(p, out int i)) continue;
                var copy = new Dictionary<string, object>();
                foreach (var (k, v) in s) copy[k] = v is Tensor t ? t.Detach().Clone() : v;
                result.State[i] = copy;
            }
        return result;
    }

    /// <summary>
    /// Loads a state produced by <see cref="StateDict"/> (of an optimizer of the same kind over parameters
    /// of the same shapes, in the same group layout): the per-parameter state is copied (tensors cloned and
    /// converted to each parameter's dtype, except step counts) and each group's options are replaced by the
    /// saved ones (PyTorch's <c>load_state_dict</c>). Nothing changes when validation fails.
    /// </summary>
    /// <param name="stateDict">The saved state.</param>
    /// <exception cref="ArgumentException">The number of groups or of parameters in a group differs, a group lacks
    /// <c>"params"</c>, state refers to an unknown index, or a state tensor's shape differs from its parameter's.</exception>
    public void LoadStateDict(OptimizerState stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var saved = stateDict.ParamGroups;
        if (saved.Count != _groups.Count)
            throw new ArgumentException($"load_state_dict: loaded state dict has a different number of parameter groups ({saved.Count}) than the optimizer ({_groups.Count})", nameof(stateDict));
        var idMap = new Dictionary<int, Tensor>();
        for (int gi = 0; gi < saved.Count; gi++)
        {
            if (saved[gi] is null || !saved[gi].TryGetValue("params", out var ps) || ps is not System.Collections.IEnumerable seq)
                throw new ArgumentException($"load_state_dict: saved parameter group {gi} has no 'params' list", nameof(stateDict));
            var ids = new List<int>();
            foreach (var o in seq) ids.Add(o switch
            {
                int i => i,
                long l => checked((int)l),
                _ => throw new ArgumentException($"load_state_dict: saved parameter group {gi} has a non-integer parameter index {o}", nameof(stateDict)),
            });
            var own = _groups[gi].Params;
            if (ids.Count != own.Count)
                throw new ArgumentException($"load_state_dict: loaded state dict contains a parameter group that doesn't match the size of optimizer's group (group {gi}: {ids.Count} saved parameters, {own.Count} in the optimizer)", nameof(stateDict));
            for (int j = 0; j < ids.Count; j++) idMap[ids[j]] = own[j];
        }

        var newState = new List<(Tensor, Dictionary<string, object>)>();
        using (Torch.NoGrad())
            foreach (var (id, entry) in stateDict.State)
            {
                if (!idMap.TryGetValue(id, out var p))
                    throw new ArgumentException($"load_state_dict: the state of parameter {id} matches no parameter of the saved groups", nameof(stateDict));
                var copy = new Dictionary<string, object>();
                foreach (var (k, v) in entry ?? new Dictionary<string, object>())
                {
                    if (v is Tensor t)
                    {
                        if (k == "step") { copy[k] = t.Detach().Clone(); continue; }
                        if (t.Shape != p.Shape)
                            throw new ArgumentException($"load_state_dict: state '{k}' of parameter {id} has shape {t.Shape} but the parameter has shape {p.Shape}", nameof(stateDict));
                        copy[k] = (p.DType.IsFloatingPoint() ? t.Detach().To(p.DType) : t.Detach()).Clone();
                    }
                    else if (k == "step" && v is int or long or double or float)
                        copy[k] = v is double or float ? Torch.Scalar(System.Convert.ToDouble(v, CultureInfo.InvariantCulture)) : Torch.Scalar(System.Convert.ToInt64(v, CultureInfo.InvariantCulture));
                    else copy[k] = v;
                }
                newState.Add((p, copy));
            }

        _state.Clear();
        foreach (var (p, s) in newState)
        {
            foreach (var v in s.Values) (v as Tensor)?.DetachFromDisposeScope();
            _state[p] = s;
        }
        for (int gi = 0; gi < saved.Count; gi++)
        {
            _groups[gi].ReplaceOptions(saved[gi]);
            foreach (var (k, v) in _defaults) _groups[gi].SetDefault(k, v);
        }
    }

    /// <summary>Prints like PyTorch: the class name, then each group's options sorted by name.</summary>
    public override string ToString()
    {
        var sb = new System.Text.StringBuilder(Name).Append(" (");
        for (int i = 0; i < _groups.Count; i++)
        {
            sb.Append('\n').Append("Parameter Group ").Append(i).Append('\n');
            foreach (var (k, v) in _groups[i].Options.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                sb.Append("    ").Append(k).Append(": ").Append(PyFormat.Value(v)).Append('\n');
        }
        return sb.Append(')').ToString();
    }

    // ---- helpers for the update kernels ----

    /// <summary>
    /// Checks that <paramref name="p"/> can be updated from <paramref name="grad"/> and returns the gradient (the
    /// kernel converts it to p's dtype and layout when they differ).
    /// </summary>
    /// <exception cref="NotSupportedException">p is not floating point.</exception>
    /// <exception cref="ArgumentException">The gradient's shape differs from p's.</exception>
    private protected Tensor GradFor(Tensor p, Tensor grad)
    {
        if (!p.DType.IsFloatingPoint()) throw Dispatch.Unsupported(Name, p.DType);
        if (grad.Shape != p.Shape)
            throw new ArgumentException($"{Name}: a gradient of shape {grad.Shape} was given for a parameter of shape {p.Shape}");
        return grad;
    }

    /// <summary>
    /// Applies <paramref name="rule"/> to <paramref name="p"/> in place with up to three state tensors (see
    /// <see cref="OptimizerKernel.Update{TRule}"/>) and bumps p's version.
    /// </summary>
    private protected void Update<TRule>(Tensor p, Tensor grad, TRule rule, Tensor? s0 = null, Tensor? s1 = null, Tensor? s2 = null)
        where TRule : struct, IUpdateRule
    {
        if (OptimizerKernel.IsDirect(p, grad, s0, s1, s2))
        {
            // Queued: the group's updates run in one pass when the group is done (MultiTensorUpdate).
            var batch = _pending as MultiTensorUpdate<TRule>;
            if (batch is null || !batch.Accepts(p))
            {
                FlushUpdates();
                batch = _batches.TryGetValue(typeof(TRule), out var b) ? (MultiTensorUpdate<TRule>)b : new MultiTensorUpdate<TRule>();
                _batches[typeof(TRule)] = batch;
                _pending = batch;
            }
            batch.Add(p, grad, s0, s1, s2, rule);
            return;
        }
        FlushUpdates();
        OptimizerKernel.Update(p, grad, s0, s1, s2, rule, _kernelName ??= Name); // cached: Type.Name may allocate on every call
    }

    /// <summary>The updates queued by <see cref="Update{TRule}"/> and not yet applied, or null.</summary>
    private IPendingUpdates? _pending;

    /// <summary>One reusable queue per rule type.</summary>
    private readonly Dictionary<Type, IPendingUpdates> _batches = [];

    /// <summary>Applies the queued updates.</summary>
    private void FlushUpdates()
    {
        var pending = _pending;
        _pending = null;
        pending?.Apply();
    }

    /// <summary>A zero-filled contiguous state tensor with p's shape and dtype.</summary>
    private protected static Tensor ZerosFor(Tensor p) => Tensor.Empty(p.ShapeArray.ToArray(), p.DType, zero: true);

    /// <summary>A state tensor of <paramref name="state"/>, created zero-filled when missing (or replaced when its layout is unusable).</summary>
    private protected static Tensor StateTensor(Dictionary<string, object> state, string key, Tensor p)
    {
        if (state.TryGetValue(key, out var o) && o is Tensor t && t.DType == p.DType && t.IsContiguous && t.Shape == p.Shape)
            return t;
        if (o is Tensor old)
        {
            using (Torch.NoGrad()) t = old.To(p.DType).Clone();
            if (t.Shape != p.Shape) t = ZerosFor(p);
        }
        else t = ZerosFor(p);
        state[key] = t.DetachFromDisposeScope(); // optimizer state outlives the step's DisposeScope
        return t;
    }

    /// <summary>Adds one to a 0-d step-count tensor in place and returns the new count.</summary>
    private protected static double IncrementStep(Dictionary<string, object> state, DType dtypeIfMissing)
    {
        if (!state.TryGetValue("step", out var o) || o is not Tensor t || t.Numel != 1)
        {
            t = Torch.Scalar(0.0, dtypeIfMissing).DetachFromDisposeScope();
            state["step"] = t;
        }
        return OptimizerKernel.IncrementStep(t);
    }

    /// <summary>Throws PyTorch's <c>ValueError</c> as an <see cref="ArgumentException"/> with exactly <paramref name="message"/> when <paramref name="ok"/> is false.</summary>
    private protected static void Require(bool ok, string message)
    {
        if (!ok) throw new ArgumentException(message);
    }

    /// <summary>Formats a number as Python's <c>str()</c> of an int (integral values) or a float.</summary>
    private protected static string Num(double v) => PyFormat.Number(v);

    /// <summary>Formats a number as Python's <c>repr()</c> of a float (<c>1.0</c>, <c>1e-08</c>).</summary>
    private protected static string Float(double v) => PyFormat.Float(v);
}

/// <summary>Python-style formatting of option values, for messages and printing.</summary>
internal static class PyFormat
{
    /// <summary>Like Python's <c>str()</c> of a number that may be an int: <c>-1</c>, <c>0.1</c>, <c>1e-08</c>.</summary>
    public static string Number(double v) =>
        v == Math.Floor(v) && Math.Abs(v) < 1e16 ? ((long)v).ToString(CultureInfo.InvariantCulture) : Float(v);

    /// <summary>Like Python's <c>repr()</c> of a float: <c>1.0</c>, <c>0.999</c>, <c>1e-08</c>, <c>inf</c>, <c>nan</c>.</summary>
    public static string Float(double v)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsPositiveInfinity(v)) return "inf";
        if (double.IsNegativeInfinity(v)) return "-inf";
        var s = v.ToString("R", CultureInfo.InvariantCulture);
        int e = s.IndexOf('E');
        if (e >= 0)
        {
            var mant = s[..e];
            var exp = int.Parse(s[(e + 1)..], CultureInfo.InvariantCulture);
            return mant + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
        }
        return s.Contains('.') ? s : s + ".0";
    }

    /// <summary>An option value as Python prints it inside a dict.</summary>
    public static string Value(object v) => v switch
    {
        bool b => b ? "True" : "False",
        double d => Number(d),
        float f => Number(f),
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        ValueTuple<double, double> t => $"({Float(t.Item1)}, {Float(t.Item2)})",
        string s => s,
        System.Collections.IEnumerable e => "[" + string.Join(", ", e.Cast<object>().Select(Value)) + "]",
        _ => v.ToString() ?? "",
    };
}
