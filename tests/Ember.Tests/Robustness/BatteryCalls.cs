using System.Reflection;

namespace Ember.Tests.Robustness;

/// <summary>One call of the battery: a method, and one argument per parameter (the first is the target of an instance method).</summary>
internal sealed record BatteryCall(MethodInfo Method, string Signature, Arg[] Args)
{
    public string Text => $"{Signature} with ({string.Join(", ", Args.Select(a => a.Text))})";
}

/// <summary>
/// Builds the calls for a public surface by reflection: for every method, each parameter in turn runs through its whole
/// pool with the other parameters at a plausible value (so that validation deep in the op is reached), then random
/// combinations from the pools with a fixed seed.
/// </summary>
internal static class BatteryCalls
{
    /// <summary>Methods not called, with the reason.</summary>
    public static readonly Dictionary<string, string> Skipped = new()
    {
        ["Torch.ManualSeed"] = "reseeds every thread's generator (global state); every long is a valid seed",
        ["Torch.GetDefaultDType"] = "no arguments; reads global state",
    };

    /// <summary>Elements types for the generic methods: the eight element types and some that are not.</summary>
    private static readonly Type[] ElementTypes =
        [typeof(float), typeof(double), typeof(long), typeof(int), typeof(byte), typeof(bool), typeof(Half), typeof(BFloat16),
         typeof(decimal), typeof(char), typeof(short), typeof(ulong)];

    public static List<BatteryCall> For(Type type, int randomPerMethod, out List<string> notCallable)
    {
        notCallable = [];
        var tensors = BadInputs.Tensors().ToList();
        // The first tensor of a call runs through the whole pool; the others through a smaller one (every dtype in a few
        // layouts and the special cases), which keeps the battery's runtime down.
        var fewer = tensors.Where(t => t.Text == "null" || !t.Text.Contains('[') || t.Text.EndsWith("[]") || t.Text.EndsWith("[2,3]")
            || t.Text.EndsWith("[3]") || t.Text.StartsWith("float32") || t.Text.StartsWith("int64")).ToList();
        var calls = new List<BatteryCall>();
        var flags = BindingFlags.Public | BindingFlags.DeclaredOnly | BindingFlags.Static | (type == typeof(Tensor) ? BindingFlags.Instance : 0);
        foreach (var declared in type.GetMethods(flags).OrderBy(m => m.ToString(), StringComparer.Ordinal))
        {
            if (Skipped.ContainsKey($"{type.Name}.{declared.Name}")) continue;
            var methods = declared.IsGenericMethodDefinition
                ? ElementTypes.Select(t => declared.MakeGenericMethod(t))
                : [declared];
            foreach (var m in methods)
            {
                var ps = m.GetParameters();
                if (ps.Any(p => p.ParameterType.IsByRefLike || p.ParameterType.IsByRef))
                {
                    notCallable.Add(Signature(type, m) + ": a span or by-ref parameter cannot be passed by reflection (the Size overload is called instead)");
                    continue;
                }
                string sig = Signature(type, m);
                var rng = new Random(StableHash(sig));
                var pools = new List<Arg[]>();
                var baseline = new List<Arg>();
                if (!m.IsStatic)
                {
                    pools.Add([.. tensors]);
                    baseline.Add(tensors.First(t => t.Text == "float32[2,3]"));
                }
                bool first = m.IsStatic;
                foreach (var p in ps)
                {
                    var pool = Pool(m, p, first ? tensors : fewer, rng).ToArray();
                    if (p.ParameterType == typeof(Tensor)) first = false;
                    pools.Add(pool);
                    baseline.Add(Baseline(m, p, pool, tensors));
                }
                // One parameter at a time through its pool.
                calls.Add(new BatteryCall(m, sig, [.. baseline]));
                for (int i = 0; i < pools.Count; i++)
                    foreach (var v in pools[i])
                    {
                        if (ReferenceEquals(v, baseline[i])) continue;
                        var args = baseline.ToArray();
                        args[i] = v;
                        calls.Add(new BatteryCall(m, sig, args));
                    }
                // Random combinations, each argument from its pool or (half the time) its plausible value.
                if (pools.Count > 1)
                    for (int r = 0; r < randomPerMethod; r++)
                        calls.Add(new BatteryCall(m, sig, [.. pools.Select((pool, i) => rng.Next(2) == 0 ? baseline[i] : pool[rng.Next(pool.Length)])]));
            }
        }
        return calls;
    }

    public static string Signature(Type type, MethodInfo m)
    {
        string generic = m.IsGenericMethod ? "<" + string.Join(", ", m.GetGenericArguments().Select(Name)) + ">" : "";
        return $"{type.Name}.{m.Name}{generic}({string.Join(", ", m.GetParameters().Select(p => Name(p.ParameterType)))})";
    }

    private static string Name(Type t) =>
        Nullable.GetUnderlyingType(t) is { } u ? Name(u) + "?"
        : t.IsArray ? Name(t.GetElementType()!) + "[]"
        : t.IsGenericType ? t.Name[..t.Name.IndexOf('`')] + "<" + string.Join(", ", t.GetGenericArguments().Select(Name)) + ">"
        : t.Name;

    private static int StableHash(string s)
    {
        uint h = 2166136261;
        foreach (char c in s) h = (h ^ c) * 16777619;
        return (int)(h & 0x7FFFFFFF);
    }

    private static IEnumerable<Arg> Pool(MethodInfo m, ParameterInfo p, List<Arg> tensors, Random rng)
    {
        var t = p.ParameterType;
        var nullable = Nullable.GetUnderlyingType(t);
        if (nullable is not null)
            return Pool(m, new SyntheticParameter(p, nullable), tensors, rng).Prepend(Arg.Of(null, "null"));
        if (t == typeof(Tensor)) return tensors;
        if (t == typeof(Tensor[]) || t == typeof(IEnumerable<Tensor>)) return BadInputs.TensorArrays(tensors, rng);
        if (t == typeof(int)) return BadInputs.Ints.Select(v => Arg.Of(v));
        if (t == typeof(long)) return BadInputs.Longs.Select(v => Arg.Of(v));
        if (t == typeof(double)) return BadInputs.Doubles.Select(v => Arg.Of(v));
        if (t == typeof(bool)) return [Arg.Of(false), Arg.Of(true)];
        if (t == typeof(int[])) return BadInputs.IntArrays.Select(v => new Arg(Arg.Of(v).Text, () => v.Clone())).Prepend(Arg.Of(null, "null"));
        if (t == typeof(DType))
        {
            // The default dtype is process-wide: only values that must be refused (or leave it as it is) are passed.
            var dtypes = m.Name == "SetDefaultDType" ? BadInputs.DTypes.Where(d => !d.IsFloatingPoint() || d == DType.Float32) : BadInputs.DTypes;
            return dtypes.Select(d => Arg.Of(d, "DType." + d));
        }
        if (t == typeof(Size)) return BadInputs.Sizes();
        if (t == typeof(string)) return BadInputs.Strings(p.Name!);
        if (t == typeof(Generator)) return [Arg.Of(null, "null"), new Arg("Generator(0)", () => new Generator(0))];
        if (t == typeof(Ember.NN.Reduction)) return Enum.GetValues<Ember.NN.Reduction>().Append((Ember.NN.Reduction)42).Select(r => Arg.Of(r, "Reduction." + r));
        if (t == typeof(TensorIndex[])) return BadInputs.TensorIndices();
        if (t == typeof(IntTuple))
            return new object?[] { default(IntTuple), 1, 0, -1, 2, int.MaxValue, int.MinValue, (2, 3), (0, 1), new[] { 1, 2, 3 }, (65536, 65536) }
                .Select(v => v is IntTuple it ? Arg.Of(it, "default") : new Arg(Arg.Of(v).Text, () => v switch
                {
                    int i => (IntTuple)i,
                    (int a, int b) => (IntTuple)(a, b),
                    _ => (IntTuple)(int[])v!,
                }));
        if (t == typeof(ConvPadding))
            return new object?[] { null, 0, 1, -1, int.MaxValue, "same", "valid", "bogus", (1, 2), new[] { 1, 2, 3 } }
                .Select(v => new Arg(v is null ? "default" : Arg.Of(v).Text, () => v switch
                {
                    null => default(ConvPadding),
                    int i => (ConvPadding)i,
                    string str => (ConvPadding)str,
                    (int a, int b) => (ConvPadding)(a, b),
                    _ => (ConvPadding)(int[])v,
                }));
        if (t == typeof(Array)) return BadInputs.Arrays();
        if (t == typeof(object)) return [Arg.Of(null, "null"), Arg.Of("a string"), new Arg("float32[3]", () => Torch.Zeros(3))];
        if (t == typeof(Func<Tensor, Tensor>))
            return [Arg.Of(null, "null"), Arg.Of(new Func<Tensor, Tensor>(x => x), "x => x"), Arg.Of(new Func<Tensor, Tensor>(_ => null!), "x => null")];
        if (t == typeof((int, int)))
            return new[] { 1, 2 }.Concat(BadInputs.Ints).Distinct()
                .SelectMany(v => new[] { (v, v), (1, v), (v, 1) }).Distinct().Select(v => Arg.Of(v, $"({v.Item1}, {v.Item2})"));
        if (t == typeof((int?, int?)))
            return new int?[] { 1, null, 2 }.Concat(BadInputs.Ints.Select(v => (int?)v)).Distinct()
                .SelectMany(v => new[] { (v, v), (null, v), (v, (int?)1) }).Distinct().Select(v => Arg.Of(v, $"({v.Item1?.ToString() ?? "null"}, {v.Item2?.ToString() ?? "null"})"));
        if (t.IsArray && t.GetElementType() is { } e)
            return new[] { 0, 1, 6 }.Select(n => new Arg($"{Name(e)}[{n}]", () => Array.CreateInstance(e, n))).Prepend(Arg.Of(null, "null"));
        throw new NotSupportedException($"the battery has no values for parameter {p.Name} of type {t} of {m}");
    }

    /// <summary>A plausible value for a parameter, so that the other parameters' validation is reached.</summary>
    private static Arg Baseline(MethodInfo m, ParameterInfo p, Arg[] pool, List<Arg> tensors)
    {
        var t = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
        if (p.ParameterType != t && p.HasDefaultValue) return pool[0]; // null: the default
        Arg Find(string text) => pool.FirstOrDefault(a => a.Text == text) ?? pool[Math.Min(1, pool.Length - 1)];
        string name = p.Name!;
        if (t == typeof(Tensor))
            return tensors.First(a => a.Text == name switch
            {
                "index" => "int64[2,3]",
                "mask" or "condition" => "bool[2,3]",
                "repeats" => "int64[3]",
                _ => "float32[2,3]",
            });
        if (t == typeof(int))
            return Find(name switch
            {
                "dim" or "dim0" or "startDim" or "offset" or "start" or "index" or "decimals" => "0",
                "dim1" or "endDim" => "1",
                "ignoreIndex" => "-1",
                "chunks" or "repeats" or "p" => "2",
                "numClasses" or "n" or "steps" => "3",
                _ => "1",
            });
        if (t == typeof(long)) return Find(name is "diagonal" or "value" or "seed" or "scalar" ? "0L" : "1L");
        if (t == typeof(double))
            return Find(name switch { "std" or "alpha" or "beta" or "end" or "exponent" => "1", "p" or "weight" => "0.5", _ => "0" });
        if (t == typeof(int[]))
            return Find(name switch
            {
                "shape" => "[3, 2]",
                "dims" or "shifts" or "normalizedShape" => "[0]",
                "repeats" => "[1, 1, 1]",
                "sections" => "[0, 1, 2]",
                _ => "[0]",
            });
        if (t == typeof(Size)) return pool.First(a => a.Text == "Size[2, 3]");
        if (t == typeof(DType)) return pool.First(a => a.Text == "DType.Float32");
        if (t == typeof(Ember.NN.Reduction)) return pool.First(a => a.Text == "Reduction.Mean");
        if (t == typeof(string))
            return Find(name switch { "approximate" => "\"none\"", "roundingMode" => "\"floor\"", "equation" => "\"ij,jk->ik\"", _ => "\"x\"" });
        if (t == typeof(Tensor[]) || t == typeof(IEnumerable<Tensor>))
            return new Arg("[float32[2,3], float32[2,3]]", () => new[] { Torch.Zeros(2, 3), Torch.Ones(2, 3) });
        return pool[Math.Min(1, pool.Length - 1)];
    }

    /// <summary>A parameter seen with its nullable wrapper removed (to reuse the pools of the underlying type).</summary>
    private sealed class SyntheticParameter(ParameterInfo inner, Type type) : ParameterInfo
    {
        public override Type ParameterType => type;
        public override string? Name => inner.Name;
        public override bool HasDefaultValue => false;
    }
}
