namespace Ember.Tests.Robustness;

/// <summary>
/// One argument value for the bad-input battery: a description for the report and a factory that makes a fresh value
/// for every call (ops may write into their arguments, dispose them or change their flags).
/// </summary>
internal sealed record Arg(string Text, Func<object?> Make)
{
    public static Arg Of(object? value, string? text = null) => new(text ?? Describe(value), () => value);

    private static string Describe(object? v) => v switch
    {
        null => "null",
        int i => i switch { int.MaxValue => "int.MaxValue", int.MinValue => "int.MinValue", _ => i.ToString() },
        long l => l switch { long.MaxValue => "long.MaxValue", long.MinValue => "long.MinValue", _ => l + "L" },
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        string s => "\"" + s + "\"",
        int[] a => "[" + string.Join(", ", a) + "]",
        _ => v.ToString() ?? v.GetType().Name,
    };
}

/// <summary>
/// The values the battery feeds to every public tensor method: null, every dtype, 0-d, empty, many-dimensional,
/// non-contiguous and expanded tensors, tensors holding NaN/±inf or out-of-range indices, leaves that require grad,
/// disposed tensors; negative, huge and extreme integers; NaN, ±inf and 1e300 doubles; bad shapes and equations.
/// </summary>
/// <remarks>
/// The pools avoid values that would make a *valid* call allocate gigabytes: every size is either small (at most
/// 65536) or beyond what a tensor may hold, and the integer steps and bounds of ranges are chosen so that no range
/// from them has between a few thousand and <see cref="Array.MaxLength"/> elements.
/// </remarks>
internal static class BadInputs
{
    public static readonly int[] Ints =
        [0, 1, 2, 3, -1, -2, -3, 5, 7, 65536, 46341, int.MaxValue, int.MaxValue - 1, int.MinValue, int.MinValue + 1];

    // Range bounds and steps: any (end - start) / step from these is tiny or more than a tensor may hold.
    public static readonly long[] Longs =
        [0, 1, -1, int.MaxValue, (long)int.MaxValue + 1, int.MinValue, long.MaxValue, long.MinValue];

    public static readonly double[] Doubles =
        [0, 1, -1, 0.5, 2.5, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, -1e300,
         double.Epsilon, 1e-300, 1e10, -1e10];

    public static readonly int[][] IntArrays =
    [
        [], [0], [1], [-1], [2, 3], [3, 2], [6], [-1, 3], [3, -1], [-1, -1], [0, 0], [1, 0], [0, 1], [1, 1, 1],
        [int.MaxValue], [int.MinValue], [int.MaxValue, int.MaxValue], [65536, 65536], [-3], [2, -2], [1, 2, 3],
        [0, 1, 2], [2, 1, 0], [5, 5, 5, 5], [.. Enumerable.Repeat(1, 20)], [.. Enumerable.Range(0, 18)],
    ];

    public static readonly DType[] DTypes = [.. DTypeExtensions.All, (DType)42, (DType)(-1)];

    public static IEnumerable<Arg> Sizes() =>
        from dims in new int[]?[] { null, [], [2, 3], [0], [3], [-1], [2, -3], [int.MaxValue], [int.MaxValue, 0], [65536, 65536],
                                    [int.MinValue], [.. Enumerable.Repeat(1, 20)], [46341, 46341] }
        select new Arg(dims is null ? "default(Size)" : "Size[" + string.Join(", ", dims) + "]",
            () => dims is null ? default(Size) : new Size(dims));

    /// <summary>The tensor pool: every dtype in every layout, plus the special cases.</summary>
    public static IEnumerable<Arg> Tensors()
    {
        yield return Arg.Of(null, "null");
        foreach (var d in DTypeExtensions.All)
        {
            string n = d.TorchName().Replace("torch.", "");
            yield return T($"{n}[]", () => Torch.Full(new Size(), 1L, d));
            yield return T($"{n}[1]", () => Torch.Full(new Size(1), 1L, d));
            yield return T($"{n}[3]", () => Seq(3, d));
            yield return T($"{n}[2,3]", () => Seq(6, d).View(2, 3));
            yield return T($"{n}[3,3]", () => Seq(9, d).View(3, 3));
            yield return T($"{n}[2,3,4]", () => Seq(24, d).View(2, 3, 4));
            yield return T($"{n}[0]", () => Torch.Zeros(new Size(0), d));
            yield return T($"{n}[2,0,3]", () => Torch.Zeros(new Size(2, 0, 3), d));
            yield return T($"{n}[3,2]transposed", () => Seq(6, d).View(2, 3).T);
            yield return T($"{n}[2,2]narrowed", () => Seq(12, d).View(3, 4).Narrow(1, 1, 2).Narrow(0, 1, 2));
            yield return T($"{n}[2,3]expanded", () => Seq(3, d).Expand(2, 3));
            yield return T($"{n}[2,3]expanded-from-0d", () => Torch.Full(new Size(), 1L, d).Expand(2, 3));
            yield return T($"{n}[1x16,2,3]", () => Seq(6, d).View([.. Enumerable.Repeat(1, 16), 2, 3]));
            if (d.IsFloatingPoint())
            {
                yield return T($"{n}[6]nan-inf", () => Torch.FromArray(new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, -0.0, 5e-324 }).To(d));
                yield return T($"{n}[2,3]leaf-requires-grad", () => Seq(6, d).View(2, 3).RequiresGrad_());
                yield return T($"{n}[2,3]non-leaf", () => Seq(6, d).View(2, 3).RequiresGrad_() * 2);
                yield return T($"{n}[2,2]view-of-grad-leaf", () => Seq(6, d).View(2, 3).RequiresGrad_().Narrow(1, 0, 2));
            }
            else
            {
                yield return T($"{n}[3]out-of-range", () => Torch.FromArray(new long[] { -5, 100, 2 }).To(d));
                yield return T($"{n}[3]extreme", () => Torch.FromArray(new long[] { long.MinValue, long.MaxValue, int.MaxValue }).To(d));
            }
        }
        // More than 16 dimensions that do not coalesce: a permuted [2] * 17.
        yield return T("float32[2x17]permuted", () => Seq(1 << 17, DType.Float32).View([.. Enumerable.Repeat(2, 17)]).Permute([.. Enumerable.Range(0, 17).Reverse()]));
        yield return T("int64[2x17]permuted", () => Seq(1 << 17, DType.Int64).View([.. Enumerable.Repeat(2, 17)]).Permute([.. Enumerable.Range(0, 17).Reverse()]));
        yield return T("float32[2,3]disposed", () => { var t = Seq(6, DType.Float32).View(2, 3); t.Dispose(); return t; });
        yield return T("int64[3]disposed", () => { var t = Seq(3, DType.Int64); t.Dispose(); return t; });
    }

    /// <summary>0, 1, 2, … (mod 3 so that every value is a valid index into a small dimension and fits every dtype).</summary>
    private static Tensor Seq(int n, DType d)
    {
        var values = new long[n];
        for (int i = 0; i < n; i++) values[i] = i % 3;
        return Torch.FromArray(values).To(d);
    }

    private static Arg T(string text, Func<Tensor> make) => new(text, make);

    public static IEnumerable<Arg> TensorArrays(IReadOnlyList<Arg> tensors, Random rng)
    {
        yield return Arg.Of(null, "null");
        yield return new Arg("Tensor[0]", () => Array.Empty<Tensor>());
        yield return new Arg("[null]", () => new Tensor?[] { null });
        yield return new Arg("[float32[2,3], null]", () => new Tensor?[] { Torch.Zeros(2, 3), null });
        for (int i = 0; i < 12; i++)
        {
            var parts = Enumerable.Range(0, rng.Next(1, 4)).Select(_ => tensors[rng.Next(tensors.Count)]).ToArray();
            yield return new Arg("[" + string.Join(", ", parts.Select(p => p.Text)) + "]", () => parts.Select(p => (Tensor?)p.Make()).ToArray());
        }
    }

    public static IEnumerable<Arg> Strings(string name) => (name switch
    {
        "approximate" => new[] { null, "", "none", "tanh", "TANH", "bogus" },
        "roundingMode" => [null, "", "floor", "trunc", "true", "bogus"],
        "equation" =>
        [
            null, "", "ij,jk->ik", "ij,jk", "i,i->", "ii->i", "...ij,...jk->...ik", "->", "i->", "ij->jj", "i,j,k->ijk", "...,...",
            "a.b", "ij,jk->ik,", "\u03a9", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ", "i...j...", "iii->i", "ij->k", "ij-", "ij->ij->ij",
            "...", "...->", "i,i,i,i->", "ij...,jk...->ik...", " i j -> j i ", "ij->ji",
        ],
        // Files only in a folder of the battery's own: a missing one, one it writes, and files that are no model files.
        "path" => [null, "", Path.Combine(BatteryFolder, "missing", "x.pt"), Path.Combine(BatteryFolder, "battery.pt"),
            Path.Combine(BatteryFolder, "battery.safetensors"), BatteryFolder, "/proc/self/status", "/dev/null"],
        _ => [null, "", "x"],
    }).Select(s => Arg.Of(s));

    /// <summary>A fresh temporary folder for methods that write files, removed when the test process exits.</summary>
    public static readonly string BatteryFolder = MakeFolder();

    private static string MakeFolder()
    {
        string folder = Directory.CreateTempSubdirectory("ember-battery-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, true); }
            catch (IOException) { }
        };
        return folder;
    }

    public static IEnumerable<Arg> TensorIndices() =>
        new (string, Func<TensorIndex[]?>)[]
        {
            ("null", () => null),
            ("[]", () => []),
            ("[0]", () => [0]),
            ("[int.MaxValue]", () => [int.MaxValue]),
            ("[int.MinValue]", () => [int.MinValue]),
            ("[-100]", () => [-100]),
            ("[:, :, :, :]", () => [TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Colon]),
            ("[..., ...]", () => [TensorIndex.Ellipsis, TensorIndex.Ellipsis]),
            ("[None, None]", () => [TensorIndex.None, TensorIndex.None]),
            ("[int.MinValue:int.MaxValue:int.MaxValue]", () => [TensorIndex.Slice(int.MinValue, int.MaxValue, int.MaxValue)]),
            ("[1:int.MaxValue:int.MaxValue]", () => [TensorIndex.Slice(1, int.MaxValue, int.MaxValue)]),
            ("[float tensor]", () => [Torch.Zeros(2)]),
            ("[bool mask [5]]", () => [Torch.Zeros(new Size(5), DType.Bool)]),
            ("[int64 [-5, 100]]", () => [Torch.FromArray(new long[] { -5, 100 })]),
            ("[int64 [long.MinValue]]", () => [Torch.FromArray(new long[] { long.MinValue })]),
            ("[0-d int64 tensor]", () => [Torch.Scalar(0L)]),
            ("[^int.MaxValue]", () => [new Index(int.MaxValue, fromEnd: true)]),
            ("[^0]", () => [new Index(0, fromEnd: true)]),
            ("[^int.MaxValue..^0]", () => [new Range(new Index(int.MaxValue, true), new Index(0, true))]),
            ("[int.MaxValue..]", () => [new Range(new Index(int.MaxValue), Index.End)]),
            ("[.., .., .., ..]", () => [Range.All, Range.All, Range.All, Range.All]),
            ("[None, ..., None, 0]", () => [TensorIndex.None, TensorIndex.Ellipsis, TensorIndex.None, 0]),
        }.Select(p => new Arg(p.Item1, () => p.Item2()));

    public static IEnumerable<Arg> Arrays() =>
        new (string, Func<Array?>)[]
        {
            ("null", () => null),
            ("float[2,2]", () => new float[,] { { 1, 2 }, { 3, 4 } }),
            ("int[0]", () => Array.Empty<int>()),
            ("float[0,3]", () => new float[0, 3]),
            ("bool[2,2,2]", () => new bool[2, 2, 2]),
            ("string[1]", () => new[] { "a" }),
            ("object[1]", () => new object[] { 1 }),
            ("int[][]", () => new[] { new[] { 1 }, new[] { 2, 3 } }),
            ("decimal[2]", () => new decimal[2]),
            ("char[3]", () => new char[3]),
            ("short[2]", () => new short[2]),
            ("float[2] with lower bound 1", () => Array.CreateInstance(typeof(float), [2], [1])),
            ("Half[2]", () => new Half[2]),
        }.Select(p => new Arg(p.Item1, () => p.Item2()));
}
