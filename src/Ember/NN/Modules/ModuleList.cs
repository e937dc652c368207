using System.Collections;
using System.Globalization;

namespace Ember.NN;

/// <summary>
/// A list of child modules (PyTorch's <c>nn.ModuleList</c>) of any module type: the modules are registered, so their
/// parameters appear in <see cref="Module.Parameters"/> as <c>0.weight</c>, <c>1.weight</c>, …, but the list has no
/// <c>Forward</c>; the owner decides how to call them.
/// </summary>
/// <example>
/// <code>
/// var layers = new ModuleList(new Linear(4, 4), new Linear(4, 4));
/// foreach (var layer in layers) ...
/// </code>
/// </example>
public sealed class ModuleList : ModuleList<Module>
{
    /// <summary>Creates a list of <paramref name="modules"/>.</summary>
    /// <param name="modules">The modules (none for an empty list).</param>
    /// <exception cref="ArgumentNullException">A module is null.</exception>
    public ModuleList(params Module[] modules) : base(modules) { }

    /// <summary>Creates a list of <paramref name="modules"/>.</summary>
    /// <param name="modules">The modules.</param>
    /// <exception cref="ArgumentNullException">A module is null.</exception>
    public ModuleList(IEnumerable<Module> modules) : base(modules) { }
}

/// <summary>
/// A list of child modules of type <typeparamref name="T"/> (PyTorch's <c>nn.ModuleList</c>, typed, so that
/// <c>ModuleList&lt;Linear&gt;</c> hands out <see cref="Linear"/>s). Children are named <c>"0"</c>, <c>"1"</c>, …
/// by position; prints as <c>ModuleList(...)</c>.
/// </summary>
/// <typeparam name="T">The type of the modules.</typeparam>
public class ModuleList<T> : Module, IReadOnlyList<T> where T : Module
{
    private readonly List<T> _items = new();

    /// <summary>Creates a list of <paramref name="modules"/>.</summary>
    /// <param name="modules">The modules (none for an empty list).</param>
    /// <exception cref="ArgumentNullException">A module is null.</exception>
    public ModuleList(params T[] modules) : this((IEnumerable<T>)modules) { }

    /// <summary>Creates a list of <paramref name="modules"/>.</summary>
    /// <param name="modules">The modules.</param>
    /// <exception cref="ArgumentNullException">A module is null.</exception>
    public ModuleList(IEnumerable<T> modules) => Extend(modules);

    /// <summary>The number of modules.</summary>
    public int Count => _items.Count;

    /// <summary>The module at <paramref name="index"/> (negative counts from the end). Setting replaces it.</summary>
    /// <param name="index">In [-Count, Count).</param>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public T this[int index]
    {
        get => _items[Normalize(index, Count)];
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            int i = Normalize(index, Count);
            _items[i] = RegisterModule(Name(i), value);
        }
    }

    private static string Name(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static int Normalize(int index, int count)
    {
        int i = index < 0 ? index + count : index;
        if ((uint)i >= (uint)count)
            throw new IndexOutOfRangeException($"ModuleList: index {index} is out of range for a ModuleList of {count} modules");
        return i;
    }

    /// <summary>Adds <paramref name="module"/> at the end (PyTorch's <c>append</c>); returns this list.</summary>
    /// <param name="module">The module.</param>
    /// <exception cref="ArgumentNullException"><paramref name="module"/> is null.</exception>
    public ModuleList<T> Append(T module)
    {
        ArgumentNullException.ThrowIfNull(module);
        _items.Add(RegisterModule(Name(_items.Count), module));
        return this;
    }

    /// <summary>Adds <paramref name="module"/> at the end (for collection initializers: <c>new ModuleList&lt;Linear&gt; { a, b }</c>).</summary>
    /// <param name="module">The module.</param>
    /// <exception cref="ArgumentNullException"><paramref name="module"/> is null.</exception>
    public void Add(T module) => Append(module);

    /// <summary>Adds each of <paramref name="modules"/> at the end (PyTorch's <c>extend</c>); returns this list.</summary>
    /// <param name="modules">The modules.</param>
    /// <exception cref="ArgumentNullException"><paramref name="modules"/> or one of them is null.</exception>
    public ModuleList<T> Extend(IEnumerable<T> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var m in modules.ToList()) Append(m);
        return this;
    }

    /// <summary>
    /// Inserts <paramref name="module"/> before position <paramref name="index"/> (PyTorch's <c>insert</c>); the modules
    /// after it move up one place and are renamed accordingly.
    /// </summary>
    /// <param name="index">In [-Count, Count]; negative counts from the end.</param>
    /// <param name="module">The module.</param>
    /// <exception cref="ArgumentNullException"><paramref name="module"/> is null.</exception>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public void Insert(int index, T module)
    {
        ArgumentNullException.ThrowIfNull(module);
        int n = Count;
        int at = index < 0 ? index + n : index;
        if (at < 0 || at > n)
            throw new IndexOutOfRangeException($"ModuleList.insert: index {index} is out of range for a ModuleList of {n} modules");
        _items.Insert(at, module);
        for (int i = at; i <= n; i++) RegisterModule(Name(i), _items[i]);
    }

    /// <summary>The modules in order.</summary>
    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
