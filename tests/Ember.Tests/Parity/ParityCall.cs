using System.Globalization;
using Ember.NN;

namespace Ember.Tests.Parity;

/// <summary>The inputs and arguments of one case, as the op table reads them.</summary>
internal sealed class ParityCall(ParityCase c, Tensor[] inputs)
{
    public Tensor this[int i] => inputs[i];

    public int Count => inputs.Length;

    public Tensor[] Inputs => inputs;

    /// <summary>Whether the argument is given (and not null).</summary>
    public bool Has(string k) => c.Args.TryGetValue(k, out var v) && v != "~";

    /// <summary>Whether the argument is given as null (<c>~</c>).</summary>
    public bool IsNull(string k) => c.Args.TryGetValue(k, out var v) && v == "~";

    private string Raw(string k) => c.Args.TryGetValue(k, out var v) ? v
        : throw new InvalidDataException($"case line {c.Line}: argument '{k}' is missing");

    public static double Number(string s) => s switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(s, CultureInfo.InvariantCulture),
    };

    /// <summary>Whether the number is written as an integer (a C# long; PyTorch's Python int).</summary>
    public bool IsLong(string k)
    {
        var s = Raw(k);
        return s.IndexOfAny(['.', 'e', 'E', 'n', 'i']) < 0;
    }

    public double D(string k) => Number(Raw(k));

    public double D(string k, double def) => Has(k) ? D(k) : def;

    public double? ND(string k) => Has(k) ? D(k) : null;

    public long L(string k) => long.Parse(Raw(k), CultureInfo.InvariantCulture);

    public long? NL(string k) => Has(k) ? L(k) : null;

    public int I(string k) => int.Parse(Raw(k), CultureInfo.InvariantCulture);

    public int I(string k, int def) => Has(k) ? I(k) : def;

    public int? NI(string k) => Has(k) ? I(k) : null;

    public bool B(string k, bool def = false) => Has(k) ? Raw(k) == "T" : def;

    public string S(string k, string def) => Has(k) ? Raw(k) : def;

    public int[] Ints(string k)
    {
        var s = Raw(k);
        return s == "[]" ? [] : s.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
    }

    public int[]? NInts(string k) => Has(k) ? Ints(k) : null;

    public DType? DT(string k) => Has(k) ? ParityRunner.DTypeOf(Raw(k)) : null;

    public Reduction Reduction => S("reduction", "mean") switch
    {
        "none" => Reduction.None,
        "mean" => Reduction.Mean,
        "sum" => Reduction.Sum,
        "batchmean" => Reduction.BatchMean,
        var r => throw new InvalidDataException($"case line {c.Line}: unknown reduction '{r}'"),
    };

    /// <summary>Calls <paramref name="asLong"/> or <paramref name="asDouble"/> as the number argument is written.</summary>
    public T Num<T>(string k, Func<long, T> asLong, Func<double, T> asDouble) => IsLong(k) ? asLong(L(k)) : asDouble(D(k));
}
