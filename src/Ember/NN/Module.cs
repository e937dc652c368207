using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Ember.NN;

/// <summary>
/// The base of every layer and model (PyTorch's <c>nn.Module</c>). A module's parameters, buffers and child modules
/// are registered by name; from that registry come <see cref="Parameters"/>, <see cref="NamedParameters"/> (dotted
/// names such as <c>fc1.weight</c>, exactly as PyTorch), <see cref="StateDict"/>/<see cref="LoadStateDict"/>,
/// <see cref="Train"/>/<see cref="Eval"/>, <see cref="To"/> and the printed tree.
/// </summary>
/// <remarks>
/// <para>Declare a model <c>partial</c> and Ember's source generator registers its Module and Parameter fields and
/// auto-properties for you, under the member's name in PyTorch style (<c>_fc1</c>, <c>fc1</c> and <c>Fc1</c> become
/// <c>fc1</c>; <c>RunningMean</c> becomes <c>running_mean</c>), after the explicitly registered entries, in declaration
/// order. The registry reads the members whenever it is used, so a member assigned later (or replaced) is seen too. No
/// reflection is involved: it works under trimming and native AOT.</para>
/// <para>Otherwise register explicitly with <see cref="RegisterParameter"/>, <see cref="RegisterBuffer"/> and
/// <see cref="RegisterModule"/>; the generator reports a Module or Parameter member of a non-partial module that is not
/// registered as a compile error (EMBER001), so a forgotten registration cannot silently drop parameters. Explicit
/// registrations keep their names (layers use PyTorch's, e.g. <c>weight</c>, <c>running_mean</c>). Tensors that are not
/// parameters are never registered automatically: use <see cref="RegisterBuffer"/>, as in PyTorch.</para>
/// </remarks>
/// <example>
/// <code>
/// sealed partial class Net : Module&lt;Tensor, Tensor&gt;
/// {
///     private readonly Linear _fc1 = new(784, 256), _fc2 = new(256, 10);   // registered as fc1 and fc2
///     public override Tensor Forward(Tensor x) => _fc2.Call(F.Relu(_fc1.Call(x)));
/// }
///
/// sealed class ExplicitNet : Module&lt;Tensor, Tensor&gt;                    // not partial: register by hand
/// {
///     private readonly Linear _fc1, _fc2;
///     public ExplicitNet()
///     {
///         _fc1 = RegisterModule("fc1", new Linear(784, 256));
///         _fc2 = RegisterModule("fc2", new Linear(256, 10));
///     }
///     public override Tensor Forward(Tensor x) => _fc2.Call(F.Relu(_fc1.Call(x)));
/// }
/// </code>
/// </example>
public abstract partial class Module
{
    private readonly OrderedDictionary<string, Parameter?> _parameters = new();
    private readonly OrderedDictionary<string, Tensor?> _buffers = new();
    private readonly HashSet<string> _nonPersistentBuffers = new();
    private readonly OrderedDictionary<string, Module?> _modules = new();

    /// <summary>True in training mode (the default), false in evaluation mode; see <see cref="Train"/>.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>The name printed by <see cref="ToString"/> (the class name by default).</summary>
    protected virtual string TypeName
    {
        get
        {
            var n = GetType().Name;
            int tick = n.IndexOf('`');
            return tick >= 0 ? n[..tick] : n;
        }
    }

    /// <summary>
    /// Registers a parameter under <paramref name="name"/> (PyTorch's <c>register_parameter</c>) and returns it.
    /// Registering the same name again replaces the parameter; <c>null</c> registers an absent one (e.g. no bias).
    /// </summary>
    /// <param name="name">A non-empty name without dots, unique among this module's parameters, buffers and children.</param>
    /// <param name="parameter">The parameter, or null.</param>
    /// <exception cref="ArgumentException">The name is empty, contains a dot, or is taken by a buffer or child.</exception>
    protected T RegisterParameter<T>(string name, T parameter) where T : Parameter?
    {
        CheckName(name, "parameter", _parameters.ContainsKey(name));
        _parameters[name] = parameter;
        return parameter;
    }

    /// <summary>
    /// Registers a buffer (state that is not trained, such as BatchNorm's running mean) under
    /// <paramref name="name"/> (PyTorch's <c>register_buffer</c>) and returns it.
    /// </summary>
    /// <param name="name">A non-empty name without dots, unique among this module's parameters, buffers and children.</param>
    /// <param name="buffer">The tensor, or null.</param>
    /// <param name="persistent">Whether the buffer is part of <see cref="StateDict"/> (default true).</param>
    /// <exception cref="ArgumentException">The name is empty, contains a dot, or is taken by a parameter or child.</exception>
    [return: NotNullIfNotNull(nameof(buffer))]
    protected Tensor? RegisterBuffer(string name, Tensor? buffer, bool persistent = true)
    {
        CheckName(name, "buffer", _buffers.ContainsKey(name));
        buffer?.DetachFromDisposeScope(); // module state outlives any DisposeScope
        _buffers[name] = buffer;
        if (persistent) _nonPersistentBuffers.Remove(name); else _nonPersistentBuffers.Add(name);
        return buffer;
    }

    /// <summary>Registers a child module under <paramref name="name"/> (PyTorch's <c>register_module</c>/<c>add_module</c>) and returns it.</summary>
    /// <param name="name">A non-empty name without dots, unique among this module's parameters, buffers and children.</param>
    /// <param name="module">The child, or null.</param>
    /// <exception cref="ArgumentException">The name is empty, contains a dot, or is taken by a parameter or buffer.</exception>
    protected T RegisterModule<T>(string name, T module) where T : Module?
    {
        CheckName(name, "module", _modules.ContainsKey(name));
        _modules[name] = module;
        return module;
    }

    /// <summary>
    /// Hands the module's Module and Parameter members to <paramref name="fields"/>; Ember's source generator overrides
    /// this in every partial module (calling the base first), so do not override it by hand.
    /// </summary>
    /// <param name="fields">The registry of generated members.</param>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    protected virtual void CollectFields(ModuleFields fields) { }

    /// <summary>
    /// The generated members with a value, except those whose value is registered explicitly (by whatever name).
    /// </summary>
    /// <exception cref="InvalidOperationException">A member's name is taken by an explicit registration or another member.</exception>
    private ModuleFields? GeneratedFields()
    {
        var fields = new ModuleFields();
        CollectFields(fields);
        if (fields.Parameters is null && fields.Modules is null) return null;
        var names = new HashSet<string>();
        fields.Parameters?.RemoveAll(f => _parameters.Values.Any(p => ReferenceEquals(p, f.Value)));
        fields.Modules?.RemoveAll(f => _modules.Values.Any(m => ReferenceEquals(m, f.Value)));
        foreach (var (name, member) in (fields.Parameters ?? []).Select(f => (f.Name, f.Member)).Concat((fields.Modules ?? []).Select(f => (f.Name, f.Member))))
        {
            if (_parameters.ContainsKey(name) || _buffers.ContainsKey(name) || _modules.ContainsKey(name) || !names.Add(name))
                throw new InvalidOperationException(
                    $"{TypeName}: member '{member}' would be registered automatically as '{name}', a name already registered; " +
                    "rename the member, register it explicitly, or mark it [NotRegistered]");
        }
        return fields;
    }

    /// <summary>This module's own parameters: the explicit registrations, then the generated members.</summary>
    private IEnumerable<(string Name, Parameter? Parameter)> OwnParameters()
    {
        foreach (var (name, p) in _parameters) yield return (name, p);
        if (GeneratedFields()?.Parameters is { } generated)
            foreach (var (name, _, p) in generated) yield return (name, p);
    }

    /// <summary>This module's own children: the explicit registrations, then the generated members.</summary>
    private IEnumerable<(string Name, Module? Module)> OwnModules()
    {
        foreach (var (name, m) in _modules) yield return (name, m);
        if (GeneratedFields()?.Modules is { } generated)
            foreach (var (name, _, m) in generated) yield return (name, m);
    }

    private void CheckName(string name, string kind, bool replacingSameKind)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0) throw new ArgumentException($"register_{kind}: the name of a {kind} can't be empty", nameof(name));
        if (name.Contains('.')) throw new ArgumentException($"register_{kind}: {kind} name can't contain \".\", got \"{name}\"", nameof(name));
        if (replacingSameKind) return;
        if (_parameters.ContainsKey(name) || _buffers.ContainsKey(name) || _modules.ContainsKey(name))
            throw new ArgumentException($"register_{kind}: attribute '{name}' already exists in {TypeName}", nameof(name));
    }

    /// <summary>The parameters of this module and (when <paramref name="recurse"/>) its descendants, each once.</summary>
    /// <param name="recurse">Include descendants' parameters (default true).</param>
    public IEnumerable<Parameter> Parameters(bool recurse = true) => NamedParameters(recurse: recurse).Select(p => p.Parameter);

    /// <summary>
    /// The parameters with their dotted names (PyTorch's <c>named_parameters</c>): <c>weight</c>,
    /// <c>0.bias</c>, <c>fc1.weight</c>. A parameter shared by two modules is listed once, under its first name.
    /// </summary>
    /// <param name="prefix">Prepended to every name (default none).</param>
    /// <param name="recurse">Include descendants' parameters (default true).</param>
    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters(string prefix = "", bool recurse = true)
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (modulePrefix, module) in recurse ? NamedModules(prefix) : [(prefix, this)])
            foreach (var (name, p) in module.OwnParameters())
                if (p is not null && seen.Add(p))
                    yield return (Join(modulePrefix, name), p);
    }

    /// <summary>The buffers of this module and (when <paramref name="recurse"/>) its descendants.</summary>
    /// <param name="recurse">Include descendants' buffers (default true).</param>
    public IEnumerable<Tensor> Buffers(bool recurse = true) => NamedBuffers(recurse: recurse).Select(b => b.Buffer);

    /// <summary>The buffers with their dotted names (PyTorch's <c>named_buffers</c>), e.g. <c>bn.running_mean</c>.</summary>
    /// <param name="prefix">Prepended to every name (default none).</param>
    /// <param name="recurse">Include descendants' buffers (default true).</param>
    public IEnumerable<(string Name, Tensor Buffer)> NamedBuffers(string prefix = "", bool recurse = true)
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (modulePrefix, module) in recurse ? NamedModules(prefix) : [(prefix, this)])
            foreach (var (name, b) in module._buffers)
                if (b is not null && seen.Add(b))
                    yield return (Join(modulePrefix, name), b);
    }

    /// <summary>The direct children, in registration order.</summary>
    public IEnumerable<Module> Children() => NamedChildren().Select(c => c.Module);

    /// <summary>The direct children with their names, each once (a child registered under two names is listed under the first, as PyTorch).</summary>
    public IEnumerable<(string Name, Module Module)> NamedChildren()
    {
        var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance);
        foreach (var (name, m) in OwnModules())
            if (m is not null && seen.Add(m)) yield return (name, m);
    }

    /// <summary>This module and all its descendants, depth first, each once (PyTorch's <c>modules()</c>).</summary>
    public IEnumerable<Module> Modules() => NamedModules().Select(m => m.Module);

    /// <summary>This module (named <paramref name="prefix"/>) and its descendants with dotted names, depth first, each once.</summary>
    /// <param name="prefix">The name of this module (default empty).</param>
    public IEnumerable<(string Name, Module Module)> NamedModules(string prefix = "")
    {
        var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(string, Module)>();
        stack.Push((prefix, this));
        while (stack.Count > 0)
        {
            var (name, module) = stack.Pop();
            if (!seen.Add(module)) continue;
            yield return (name, module);
            var children = module.NamedChildren().ToList();
            for (int i = children.Count - 1; i >= 0; i--) stack.Push((Join(name, children[i].Name), children[i].Module));
        }
    }

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    /// <summary>The number of elements in all parameters (optionally only those that require grad).</summary>
    /// <param name="trainableOnly">Count only parameters with <see cref="Tensor.RequiresGrad"/> (default false).</param>
    public long ParameterCount(bool trainableOnly = false) =>
        Parameters().Where(p => !trainableOnly || p.RequiresGrad).Sum(p => (long)p.Numel);

    /// <summary>Sets training mode on this module and all descendants (PyTorch's <c>train(mode)</c>); returns this module.</summary>
    /// <param name="mode">True for training (default), false for evaluation.</param>
    public Module Train(bool mode = true)
    {
        foreach (var m in Modules()) m.Training = mode;
        return this;
    }

    /// <summary>Sets evaluation mode (dropout off, batch norm uses running statistics); returns this module.</summary>
    public Module Eval() => Train(false);

    /// <summary>Clears the gradients of all parameters (PyTorch's <c>zero_grad</c>).</summary>
    /// <param name="setToNone">Set <see cref="Tensor.Grad"/> to null (default true, as PyTorch 2) instead of filling it with zeros.</param>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (var p in Parameters())
        {
            if (p.Grad is null) continue;
            if (setToNone) p.Grad = null;
            else using (Torch.NoGrad()) p.Grad.Zero_();
        }
    }

    /// <summary>Calls <paramref name="fn"/> on every descendant, children first, then on this module (PyTorch's <c>apply</c>); returns this module.</summary>
    /// <param name="fn">The function, e.g. a custom initializer.</param>
    public Module Apply(Action<Module> fn)
    {
        ArgumentNullException.ThrowIfNull(fn);
        foreach (var child in Children()) child.Apply(fn);
        fn(this);
        return this;
    }

    /// <summary>
    /// Converts every floating-point parameter and buffer (and existing gradients) to <paramref name="dtype"/>
    /// in place, keeping the same <see cref="Parameter"/> objects (PyTorch's <c>module.to(dtype)</c>, <c>.double()</c>); returns this module.
    /// </summary>
    /// <param name="dtype">A floating-point dtype.</param>
    /// <exception cref="ArgumentException"><paramref name="dtype"/> is not floating point.</exception>
    public Module To(DType dtype)
    {
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"to: nn.Module only accepts floating point dtypes, but got desired dtype={dtype.TorchName()}", nameof(dtype));
        using var _ = Torch.NoGrad();
        foreach (var t in Parameters().Cast<Tensor>().Concat(Buffers()))
        {
            if (!t.DType.IsFloatingPoint() || t.DType == dtype) continue;
            t.Data = t.To(dtype);
            if (t.Grad is not null) t.Grad = t.Grad.To(dtype);
        }
        return this;
    }

    /// <summary>
    /// The parameters and persistent buffers by dotted name, in PyTorch's order (each module's own
    /// parameters, then its buffers, then its children), detached from the graph (PyTorch's <c>state_dict</c>).
    /// </summary>
    public OrderedDictionary<string, Tensor> StateDict()
    {
        var result = new OrderedDictionary<string, Tensor>();
        // Every path, as PyTorch: a module shared by two parents is saved under both names.
        foreach (var (prefix, module) in ModulePaths(""))
        {
            foreach (var (name, p) in module.OwnParameters())
                if (p is not null) result.TryAdd(Join(prefix, name), p.Detach());
            foreach (var (name, b) in module._buffers)
                if (b is not null && !module._nonPersistentBuffers.Contains(name)) result.TryAdd(Join(prefix, name), b.Detach());
        }
        return result;
    }

    private IEnumerable<(string Name, Module Module)> ModulePaths(string prefix)
    {
        yield return (prefix, this);
        foreach (var (name, child) in OwnModules())
            if (child is not null)
                foreach (var path in child.ModulePaths(Join(prefix, name)))
                yield return path;
    }

    /// <summary>
    /// Copies values from <paramref name="stateDict"/> into this module's parameters and persistent buffers
    /// (PyTorch's <c>load_state_dict</c>). Returns the keys the module expected but did not get and the keys
    /// it did not recognize; with <paramref name="strict"/> either list being non-empty is an error.
    /// </summary>
    /// <param name="stateDict">Tensors by dotted name, e.g. from <see cref="StateDict"/>.</param>
    /// <param name="strict">Require the keys to match exactly (default true).</param>
    /// <exception cref="ArgumentException">A tensor's shape differs from the module's, or (strict) keys are missing or unexpected.</exception>
    public LoadResult LoadStateDict(IEnumerable<KeyValuePair<string, Tensor>> stateDict, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var incoming = new Dictionary<string, Tensor>();
        foreach (var (k, v) in stateDict) incoming[k] = v;
        var own = StateDict();
        var missing = own.Keys.Where(k => !incoming.ContainsKey(k)).ToList();
        var unexpected = incoming.Keys.Where(k => !own.ContainsKey(k)).ToList();
        var errors = new List<string>();
        if (strict)
        {
            if (missing.Count > 0) errors.Add("Missing key(s) in state_dict: " + string.Join(", ", missing.Select(k => $"\"{k}\"")) + ".");
            if (unexpected.Count > 0) errors.Add("Unexpected key(s) in state_dict: " + string.Join(", ", unexpected.Select(k => $"\"{k}\"")) + ".");
        }
        foreach (var (key, target) in own)
        {
            if (!incoming.TryGetValue(key, out var source)) continue;
            if (source.Shape != target.Shape)
                errors.Add($"size mismatch for {key}: copying a param with shape {source.Shape} from checkpoint, the shape in current model is {target.Shape}.");
        }
        if (errors.Count > 0)
            throw new ArgumentException($"Error(s) in loading state_dict for {TypeName}:\n\t" + string.Join("\n\t", errors), nameof(stateDict));
        using (Torch.NoGrad())
            foreach (var (key, target) in own)
                if (incoming.TryGetValue(key, out var source)) target.Copy_(source);
        return new LoadResult(missing, unexpected);
    }

    /// <summary>The layer's settings printed inside its parentheses, e.g. <c>in_features=784, out_features=256, bias=True</c>.</summary>
    protected virtual string ExtraRepr() => "";

    /// <summary>Prints the module tree like PyTorch.</summary>
    public override string ToString()
    {
        var extra = ExtraRepr();
        var lines = new List<string>();
        if (extra.Length > 0) lines.AddRange(extra.Split('\n'));
        int extraCount = lines.Count;
        foreach (var (name, child) in OwnModules())
            lines.Add($"({name}): " + Indent(child?.ToString() ?? "None", 2));
        var sb = new StringBuilder(TypeName).Append('(');
        if (lines.Count > 0)
        {
            if (extraCount == 1 && lines.Count == 1) sb.Append(lines[0]);
            else sb.Append("\n  ").Append(string.Join("\n  ", lines)).Append('\n');
        }
        return sb.Append(')').ToString();
    }

    private static string Indent(string s, int spaces)
    {
        var parts = s.Split('\n');
        if (parts.Length == 1) return s;
        var pad = new string(' ', spaces);
        return parts[0] + "\n" + string.Join("\n", parts.Skip(1).Select(l => pad + l));
    }

    /// <summary>Formats a bool as PyTorch prints it (<c>True</c>/<c>False</c>), for <see cref="ExtraRepr"/>.</summary>
    /// <param name="value">The value.</param>
    protected static string Py(bool value) => value ? "True" : "False";
}

/// <summary>A module that maps an input of type <typeparamref name="TInput"/> to <typeparamref name="TOutput"/>.</summary>
/// <typeparam name="TInput">The input type (a <see cref="Tensor"/> for most layers).</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
public abstract partial class Module<TInput, TOutput> : Module
{
    /// <summary>Computes the module's output (PyTorch's <c>forward</c>).</summary>
    /// <param name="input">The input.</param>
    public abstract TOutput Forward(TInput input);
}

/// <summary>The outcome of <see cref="Module.LoadStateDict"/>: keys the module expected but did not get, and keys it did not recognize.</summary>
/// <param name="MissingKeys">Keys of the module absent from the state dict.</param>
/// <param name="UnexpectedKeys">Keys of the state dict the module does not have.</param>
public sealed record LoadResult(IReadOnlyList<string> MissingKeys, IReadOnlyList<string> UnexpectedKeys);
