using System.Collections;

namespace Ember.NN;

/// <summary>
/// A chain of modules applied in order (PyTorch's <c>nn.Sequential</c>): <c>Forward(x)</c> is
/// <c>mₙ(…m₁(m₀(x)))</c>. Children are named <c>"0"</c>, <c>"1"</c>, … (or by the names given), so the parameters of
/// <c>new Sequential(new Linear(4, 3), new ReLU())</c> are <c>0.weight</c> and <c>0.bias</c>.
/// </summary>
/// <example>
/// <code>
/// var model = new Sequential(new Linear(784, 256), new ReLU(), new Linear(256, 10));
/// var logits = model.Forward(x);
/// Console.WriteLine(model);
/// // Sequential(
/// //   (0): Linear(in_features=784, out_features=256, bias=True)
/// //   (1): ReLU()
/// //   (2): Linear(in_features=256, out_features=10, bias=True)
/// // )
/// </code>
/// </example>
public class Sequential : Module<Tensor, Tensor>, IReadOnlyList<Module<Tensor, Tensor>>
{
    private readonly List<string> _names = new();
    private readonly List<Module<Tensor, Tensor>> _items = new();

    /// <summary>Creates an empty chain (its <see cref="Forward"/> returns the input); add modules with <see cref="Append"/>.</summary>
    public Sequential() { }

    /// <summary>Creates a chain of <paramref name="modules"/>, named <c>"0"</c>, <c>"1"</c>, … in order.</summary>
    /// <param name="modules">The modules (none for an empty chain, which returns its input).</param>
    /// <exception cref="ArgumentNullException">A module is null.</exception>
    public Sequential(params Module<Tensor, Tensor>[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var m in modules) Append(m);
    }

    /// <summary>Creates a chain of named modules (PyTorch's <c>Sequential(OrderedDict(...))</c> form).</summary>
    /// <param name="modules">(name, module) pairs in order; names are non-empty, unique and without dots.</param>
    /// <exception cref="ArgumentNullException">A module or name is null.</exception>
    /// <exception cref="ArgumentException">A name is empty, contains a dot, or repeats.</exception>
    public Sequential(params (string Name, Module<Tensor, Tensor> Module)[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var (name, m) in modules) Add(name, m);
    }

    /// <summary>The number of modules.</summary>
    public int Count => _items.Count;

    /// <summary>The names of the modules in order (<c>"0"</c>, <c>"1"</c>, … unless named).</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>
    /// The module at <paramref name="index"/> (negative counts from the end). Setting replaces it under the same name.
    /// </summary>
    /// <param name="index">In [-Count, Count).</param>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public Module<Tensor, Tensor> this[int index]
    {
        get => _items[Normalize(index)];
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            int i = Normalize(index);
            _items[i] = RegisterModule(_names[i], value);
        }
    }

    /// <summary>
    /// A new <see cref="Sequential"/> holding the modules in <paramref name="range"/> (the same objects, under the same
    /// names, as PyTorch's slicing <c>seq[1:3]</c>).
    /// </summary>
    /// <param name="range">The range, e.g. <c>1..</c> or <c>..^1</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the chain.</exception>
    public Sequential this[Range range]
    {
        get
        {
            var (start, length) = range.GetOffsetAndLength(Count);
            var pairs = new (string, Module<Tensor, Tensor>)[length];
            for (int i = 0; i < length; i++) pairs[i] = (_names[start + i], _items[start + i]);
            return new Sequential(pairs);
        }
    }

    private int Normalize(int index)
    {
        int i = index < 0 ? index + Count : index;
        if ((uint)i >= (uint)Count)
            throw new IndexOutOfRangeException($"Sequential: index {index} is out of range for a Sequential of {Count} modules");
        return i;
    }

    /// <summary>Adds <paramref name="module"/> at the end, named by its position (PyTorch's <c>append</c>); returns this chain.</summary>
    /// <param name="module">The module.</param>
    /// <exception cref="ArgumentNullException"><paramref name="module"/> is null.</exception>
    /// <exception cref="ArgumentException">A module of a named chain already has the positional name.</exception>
    public Sequential Append(Module<Tensor, Tensor> module) => Add(Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);

    /// <summary>Adds each of <paramref name="modules"/> at the end (PyTorch's <c>extend</c>); returns this chain.</summary>
    /// <param name="modules">The modules.</param>
    /// <exception cref="ArgumentNullException">A module is null.</exception>
    public Sequential Extend(IEnumerable<Module<Tensor, Tensor>> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var m in modules.ToList()) Append(m);
        return this;
    }

    /// <summary>Adds <paramref name="module"/> at the end under <paramref name="name"/> (PyTorch's <c>add_module</c>); returns this chain.</summary>
    /// <param name="name">A non-empty name without dots, not used yet in this chain.</param>
    /// <param name="module">The module.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="module"/> is null.</exception>
    /// <exception cref="ArgumentException">The name is empty, contains a dot, or is taken.</exception>
    public Sequential Add(string name, Module<Tensor, Tensor> module)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(module);
        if (_names.Contains(name))
            throw new ArgumentException($"Sequential: a module named \"{name}\" already exists", nameof(name));
        RegisterModule(name, module);
        _names.Add(name);
        _items.Add(module);
        return this;
    }

    /// <summary>Applies the modules in order, each to the previous one's output; an empty chain returns <paramref name="input"/>.</summary>
    /// <param name="input">The input of the first module.</param>
    /// <returns>The output of the last module.</returns>
    public override Tensor Forward(Tensor input)
    {
        for (int i = 0; i < _items.Count; i++)
        {
            int fused = Autograd.InferenceMode.IsEnabled ? RunFused(i, ref input) : RunFusedNorm(i, ref input);
            if (fused > 0) i += fused - 1;
            else input = _items[i].Call(input);
        }
        return input;
    }

    /// <summary>Benchmarks and tests: false runs a Conv2d → ReLU pair as two modules in inference mode too.</summary>
    internal static bool FuseConvRelu = true;

    /// <summary>
    /// Inference mode: runs the modules from <paramref name="i"/> that fuse into one pass (Conv2d → BatchNorm2d (→ ReLU),
    /// folded when it can be and called as usual otherwise; Conv2d → ReLU and Linear → ReLU with the ReLU in the
    /// product's epilogue) and returns how many it ran (0: none).
    /// </summary>
    private int RunFused(int i, ref Tensor input)
    {
        if (i + 1 >= _items.Count) return 0;
        var next = _items[i + 1];
        if (_items[i] is Conv2d conv && next is BatchNorm2d bn)
        {
            var relu = i + 2 < _items.Count ? _items[i + 2] as ReLU : null;
            input = Utils.ConvBnInference.Call(conv, bn, relu, input);
            return relu is null ? 2 : 3;
        }
        if (FuseConvRelu && _items[i] is Conv2d plain && next is ReLU cr && !plain.HasHooks && !cr.HasHooks)
        {
            // The ReLU in the convolution's epilogue: one pass over the output instead of two, and no second tensor.
            input = plain.ForwardWith(input, plain.Weight, plain.Bias, relu: true);
            return 2;
        }
        if (_items[i] is Linear linear && next is ReLU r && !linear.HasHooks && !r.HasHooks
            && Kernels.LinearInference.TryForward(input, linear.Weight, linear.Bias, relu: true) is { } y)
        {
            input = y;
            return 2;
        }
        return 0;
    }

    /// <summary>Outside inference mode: BatchNorm → ReLU as one op (<see cref="F.BatchNormRelu"/>) where neither module
    /// is observed; returns how many modules it ran (0: none).</summary>
    private int RunFusedNorm(int i, ref Tensor input)
    {
        if (i + 1 >= _items.Count || _items[i] is not BatchNorm bn || _items[i + 1] is not ReLU relu
            || !Utils.ConvBnInference.FuseBnRelu || !bn.FusesWith(relu)) return 0;
        input = bn.ForwardRelu(input);
        return 2;
    }

    /// <summary>The modules in order.</summary>
    public IEnumerator<Module<Tensor, Tensor>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
