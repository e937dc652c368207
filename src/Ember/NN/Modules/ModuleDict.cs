using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Ember.NN;

/// <summary>
/// Child modules by name (PyTorch's <c>nn.ModuleDict</c>), of any module type, kept in insertion order; the parameters
/// appear as <c>name.weight</c>. No <c>Forward</c>: the owner decides how to call them.
/// </summary>
/// <example>
/// <code>
/// var heads = new ModuleDict { ["cls"] = new Linear(256, 10), ["box"] = new Linear(256, 4) };
/// var y = ((Linear)heads["cls"]).Forward(features);
/// </code>
/// </example>
public sealed class ModuleDict : ModuleDict<Module>
{
    /// <summary>Creates an empty dictionary.</summary>
    public ModuleDict() { }

    /// <summary>Creates a dictionary of the given (name, module) pairs, in order.</summary>
    /// <param name="modules">The pairs; names are non-empty and without dots; a repeated name replaces the earlier module.</param>
    /// <exception cref="ArgumentNullException">A name or module is null.</exception>
    /// <exception cref="ArgumentException">A name is empty or contains a dot.</exception>
    public ModuleDict(params (string Name, Module Module)[] modules) : base(modules) { }

    /// <summary>Creates a dictionary of the given pairs, in order.</summary>
    /// <param name="modules">The pairs; names are non-empty and without dots; a repeated name replaces the earlier module.</param>
    /// <exception cref="ArgumentNullException">A name or module is null.</exception>
    /// <exception cref="ArgumentException">A name is empty or contains a dot.</exception>
    public ModuleDict(IEnumerable<KeyValuePair<string, Module>> modules) : base(modules) { }
}

/// <summary>
/// Child modules of type <typeparamref name="T"/> by name (PyTorch's <c>nn.ModuleDict</c>, typed), in insertion order;
/// prints as <c>ModuleDict(...)</c>.
/// </summary>
/// <typeparam name="T">The type of the modules.</typeparam>
public class ModuleDict<T> : Module, IReadOnlyDictionary<string, T> where T : Module
{
    private readonly OrderedDictionary<string, T> _items = new();

    /// <summary>Creates an empty dictionary.</summary>
    public ModuleDict() { }

    /// <summary>Creates a dictionary of the given (name, module) pairs, in order.</summary>
    /// <param name="modules">The pairs; names are non-empty and without dots; a repeated name replaces the earlier module.</param>
    /// <exception cref="ArgumentNullException">A name or module is null.</exception>
    /// <exception cref="ArgumentException">A name is empty or contains a dot.</exception>
    public ModuleDict(params (string Name, T Module)[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var (name, m) in modules) this[name] = m;
    }

    /// <summary>Creates a dictionary of the given pairs, in order (PyTorch's <c>ModuleDict(dict)</c>).</summary>
    /// <param name="modules">The pairs; names are non-empty and without dots; a repeated name replaces the earlier module.</param>
    /// <exception cref="ArgumentNullException">A name or module is null.</exception>
    /// <exception cref="ArgumentException">A name is empty or contains a dot.</exception>
    public ModuleDict(IEnumerable<KeyValuePair<string, T>> modules) => Update(modules);

    /// <summary>The number of modules.</summary>
    public int Count => _items.Count;

    /// <summary>The names, in insertion order.</summary>
    public IEnumerable<string> Keys => _items.Keys;

    /// <summary>The modules, in insertion order.</summary>
    public IEnumerable<T> Values => _items.Values;

    /// <summary>
    /// The module named <paramref name="key"/>. Setting registers it: a new name goes at the end, an existing one is
    /// replaced in place.
    /// </summary>
    /// <param name="key">The name; non-empty, without dots.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or the value set is null.</exception>
    /// <exception cref="KeyNotFoundException">Get with a name that is not in the dictionary.</exception>
    /// <exception cref="ArgumentException">Set with a name that is empty or contains a dot.</exception>
    public T this[string key]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(key);
            return _items.TryGetValue(key, out var m) ? m
                : throw new KeyNotFoundException($"ModuleDict: no module named \"{key}\" (keys: {string.Join(", ", _items.Keys)})");
        }
        set
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(value);
            _items[key] = RegisterModule(key, value);
        }
    }

    /// <summary>Adds a module under a new name (for collection initializers).</summary>
    /// <param name="key">The name; non-empty, without dots, not yet in the dictionary.</param>
    /// <param name="module">The module.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="module"/> is null.</exception>
    /// <exception cref="ArgumentException">The name is taken, empty or contains a dot.</exception>
    public void Add(string key, T module)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_items.ContainsKey(key)) throw new ArgumentException($"ModuleDict: a module named \"{key}\" already exists", nameof(key));
        this[key] = module;
    }

    /// <summary>Adds or replaces the given modules, in order (PyTorch's <c>update</c>).</summary>
    /// <param name="modules">(name, module) pairs.</param>
    /// <exception cref="ArgumentNullException">A name or module is null.</exception>
    /// <exception cref="ArgumentException">A name is empty or contains a dot.</exception>
    public void Update(IEnumerable<KeyValuePair<string, T>> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var (name, m) in modules.ToList()) this[name] = m;
    }

    /// <summary>Whether a module is named <paramref name="key"/>.</summary>
    /// <param name="key">The name.</param>
    public bool ContainsKey(string key) => _items.ContainsKey(key);

    /// <summary>Gets the module named <paramref name="key"/>, if any.</summary>
    /// <param name="key">The name.</param>
    /// <param name="value">The module, or null when absent.</param>
    /// <returns>Whether the name is present.</returns>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out T value) => _items.TryGetValue(key, out value);

    /// <summary>The (name, module) pairs in insertion order.</summary>
    public IEnumerator<KeyValuePair<string, T>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
