using System.Globalization;
using System.Reflection;

namespace Ember.Tests.Parity;

/// <summary>An input tensor of the battery: its dtype, layout (c contiguous, t stored transposed, s stride 2), shape and values.</summary>
internal sealed record ParityTensor(string Id, string DType, char Layout, int[] Shape, string[] Values);

/// <summary>
/// One case of the battery: <see cref="Op"/> called with <see cref="Args"/> on <see cref="Inputs"/>, and PyTorch's result:
/// tensors (<see cref="Expected"/>), a bool (<see cref="ExpectedBool"/>) or an error (<see cref="Error"/>).
/// </summary>
internal sealed record ParityCase(int Line, string Op, IReadOnlyDictionary<string, string> Args, string ArgText, ParityTensor[] Inputs,
    Tolerance Tolerance, bool HalfFallback, ExpectedTensor[]? Expected, bool? ExpectedBool, string? Error)
{
    /// <summary>The case as one line: op, arguments and the inputs' dtypes/shapes/layouts.</summary>
    public string Key => $"{Op}({ArgText}) on [{string.Join(", ", Inputs.Select(Describe))}]";

    private static string Describe(ParityTensor t) =>
        $"{t.DType}[{string.Join(",", t.Shape)}]{(t.Layout == 'c' ? "" : t.Layout.ToString())}";

    /// <summary>The dtypes of the inputs, in order.</summary>
    public IEnumerable<string> InputDTypes => Inputs.Select(t => t.DType);
}

/// <summary>An expected output: its dtype name (f32, f64, f16, bf16, i64, i32, u8, b), shape and values.</summary>
internal sealed record ExpectedTensor(string DType, int[] Shape, string[] Values);

/// <summary>
/// How close an element must be: exact (<c>x</c>: bit for bit, NaN matching any NaN, the sign of zero included) or
/// within <see cref="Ulps"/> units in the last place of the output dtype or <see cref="Abs"/> in absolute value
/// (<c>u4a1e-06</c>). NaN must be NaN and infinities exact in every mode.
/// </summary>
internal readonly record struct Tolerance(bool Exact, int Ulps, double Abs)
{
    public static Tolerance Parse(string s)
    {
        if (s == "x") return new(true, 0, 0);
        int a = s.IndexOf('a');
        return new(false, int.Parse(s.AsSpan(1, a - 1), CultureInfo.InvariantCulture), double.Parse(s.AsSpan(a + 1), CultureInfo.InvariantCulture));
    }

    public override string ToString() => Exact ? "exact" : $"{Ulps} ulp or {Abs:G3}";
}

/// <summary>
/// Reads the reference data (<c>ParityData.txt</c>, an embedded resource generated with PyTorch 1.13). Lines:
/// <list type="bullet">
/// <item><c>T|id|dtype|layout|shape|values</c>: an input tensor (values in row-major order of the logical shape).</item>
/// <item><c>C|op|args|input ids|tolerance|result</c>: a case. Args are <c>key=value</c> separated by spaces (lists
/// comma-separated, <c>~</c> null, <c>T</c>/<c>F</c> bools; a number with a '.', an exponent, inf or nan is a C#
/// double, otherwise a long). The tolerance is <c>x</c> or <c>u&lt;ulps&gt;a&lt;abs&gt;</c>, prefixed by <c>h</c> when
/// PyTorch has no float16/bfloat16 kernel and the reference is its float32 result rounded to the dtype. The result is
/// <c>dtype;shape;values</c> per output tensor joined by <c>&amp;</c> (<c>[]</c> for an empty list), <c>=1</c>/<c>=0</c> for a bool, or
/// <c>!ErrorType:message</c> for PyTorch's error.</item>
/// </list>
/// Values: decimal (the shortest text that round-trips in the dtype; float16/bfloat16 through float32), <c>nan</c>,
/// <c>inf</c>, <c>-inf</c>, <c>-0</c>; bools 1/0.
/// </summary>
internal static class ParityData
{
    public static readonly Lazy<IReadOnlyList<ParityCase>> Cases = new(Load);

    private static IReadOnlyList<ParityCase> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Ember.Tests.Parity.ParityData.txt")
            ?? throw new InvalidOperationException("ParityData.txt is not embedded");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    public static IReadOnlyList<ParityCase> Parse(string text)
    {
        var tensors = new Dictionary<string, ParityTensor>();
        var cases = new List<ParityCase>();
        int lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split('|');
            if (f[0] == "T")
                tensors[f[1]] = new ParityTensor(f[1], f[2], f[3][0], Shape(f[4]), Split(f[5]));
            else if (f[0] == "C")
                cases.Add(ParseCase(lineNo, f, tensors));
            else
                throw new InvalidDataException($"ParityData.txt line {lineNo}: unknown record '{f[0]}'");
        }
        return cases;
    }

    private static ParityCase ParseCase(int lineNo, string[] f, Dictionary<string, ParityTensor> tensors)
    {
        var args = new Dictionary<string, string>();
        foreach (var kv in Split(f[2]))
        {
            int eq = kv.IndexOf('=');
            args[kv[..eq]] = kv[(eq + 1)..];
        }
        var inputs = Split(f[3]).Select(id => tensors[id]).ToArray();
        var tol = f[4];
        bool half = tol.StartsWith('h');
        if (half) tol = tol[1..];
        var result = f[5];
        if (result.StartsWith('!'))
            return new ParityCase(lineNo, f[1], args, f[2], inputs, Tolerance.Parse(tol), half, null, null, result[1..]);
        if (result.StartsWith('='))
            return new ParityCase(lineNo, f[1], args, f[2], inputs, Tolerance.Parse(tol), half, null, result == "=1", null);
        var outs = result == "[]" ? [] : result.Split('&').Select(r =>
        {
            var p = r.Split(';');
            return new ExpectedTensor(p[0], Shape(p[1]), Split(p[2]));
        }).ToArray();
        return new ParityCase(lineNo, f[1], args, f[2], inputs, Tolerance.Parse(tol), half, outs, null, null);
    }

    private static string[] Split(string s) => s.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static int[] Shape(string s) => s.Length == 0 ? [] : s.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
}
