using System.Diagnostics;
using System.Globalization;

namespace Ember.Tests.Parity;

/// <summary>A case whose Ember result differs from PyTorch's.</summary>
internal sealed record ParityMismatch(ParityCase Case, string Kind, string Detail)
{
    public override string ToString() => $"line {Case.Line}: {Case.Key}: {Kind}: {Detail}";
}

/// <summary>
/// Runs the battery's cases through Ember and compares each result with PyTorch's: the dtype, the shape and every
/// element (see <see cref="Tolerance"/>), or, where PyTorch raises, that Ember throws one of the documented exception
/// types. All mismatches are collected. Cases run on a watched worker thread: one that runs longer than the limit is
/// reported as a hang and abandoned.
/// </summary>
internal static class ParityRunner
{
    /// <summary>The exception types Ember documents for bad input (subclasses included).</summary>
    private static readonly Type[] Allowed =
    [
        typeof(ArgumentException), typeof(IndexOutOfRangeException), typeof(InvalidOperationException),
        typeof(NotSupportedException), typeof(DivideByZeroException),
    ];

    public static DType DTypeOf(string name) => name switch
    {
        "f32" => DType.Float32,
        "f64" => DType.Float64,
        "f16" => DType.Float16,
        "bf16" => DType.BFloat16,
        "i64" => DType.Int64,
        "i32" => DType.Int32,
        "u8" => DType.UInt8,
        "b" => DType.Bool,
        _ => throw new InvalidDataException($"unknown dtype '{name}'"),
    };

    public static string NameOf(DType dtype) => dtype switch
    {
        DType.Float32 => "f32",
        DType.Float64 => "f64",
        DType.Float16 => "f16",
        DType.BFloat16 => "bf16",
        DType.Int64 => "i64",
        DType.Int32 => "i32",
        DType.UInt8 => "u8",
        DType.Bool => "b",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    private static bool IsFloat(string dt) => dt is "f32" or "f64" or "f16" or "bf16";

    /// <summary>An element of a float dtype; float32 and the 16-bit floats parse as float (their shortest text round-trips there).</summary>
    public static double ParseFloat(string s, string dt) => s switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "-0" => -0.0,
        _ => dt == "f64" ? double.Parse(s, CultureInfo.InvariantCulture) : float.Parse(s, CultureInfo.InvariantCulture),
    };

    /// <summary>The input tensor, built in its layout: contiguous, stored transposed (t) or every second element (s).</summary>
    public static Tensor Build(ParityTensor p)
    {
        var dt = DTypeOf(p.DType);
        Tensor flat = p.DType switch
        {
            "b" => Torch.FromArray(p.Values.Select(v => v == "1").ToArray()),
            _ when IsFloat(p.DType) => Torch.FromArray(p.Values.Select(v => ParseFloat(v, p.DType)).ToArray()).To(dt),
            _ => Torch.FromArray(p.Values.Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray()).To(dt),
        };
        var x = flat.Reshape(p.Shape);
        return p.Layout switch
        {
            'c' => x,
            't' => x.Transpose(-1, -2).Contiguous().Transpose(-1, -2),
            's' => Torch.Stack([x, Torch.ZerosLike(x)], -1).Select(-1, 0),
            _ => throw new InvalidDataException($"unknown layout '{p.Layout}'"),
        };
    }

    /// <summary>Runs every case; returns the mismatches in case order.</summary>
    public static List<ParityMismatch> Run(IReadOnlyList<ParityCase> cases, IReadOnlyDictionary<string, Func<ParityCall, object>> ops, TimeSpan perCase)
    {
        var results = new ParityMismatch?[cases.Count];
        long limit = (long)(perCase.TotalSeconds * Stopwatch.Frequency);
        int next = 0;
        while (next < cases.Count)
        {
            int from = next;
            var progress = new Progress { Index = from, StartedAt = Stopwatch.GetTimestamp() };
            var worker = new Thread(() => Work(cases, ops, from, progress, results), 16 << 20) { IsBackground = true, Name = "parity battery" };
            worker.Start();
            next = cases.Count;
            while (!worker.Join(20))
            {
                int index = Volatile.Read(ref progress.Index);
                long started = Volatile.Read(ref progress.StartedAt);
                if (index != Volatile.Read(ref progress.Index) || Stopwatch.GetTimestamp() - started < limit) continue;
                progress.Abandoned = true;
                results[index] = new ParityMismatch(cases[index], "hang", $"still running after {perCase.TotalSeconds:F0} s");
                next = index + 1;
                break;
            }
        }
        return results.OfType<ParityMismatch>().ToList();
    }

    private sealed class Progress
    {
        public int Index;
        public long StartedAt;
        public volatile bool Abandoned;
    }

    private static void Work(IReadOnlyList<ParityCase> cases, IReadOnlyDictionary<string, Func<ParityCall, object>> ops, int from,
        Progress progress, ParityMismatch?[] results)
    {
        for (int i = from; i < cases.Count && !progress.Abandoned; i++)
        {
            Volatile.Write(ref progress.StartedAt, Stopwatch.GetTimestamp());
            Volatile.Write(ref progress.Index, i);
            var m = RunOne(cases[i], ops);
            if (!progress.Abandoned) results[i] = m;
        }
    }

    /// <summary>Runs one case and compares; null when Ember agrees with PyTorch.</summary>
    public static ParityMismatch? RunOne(ParityCase c, IReadOnlyDictionary<string, Func<ParityCall, object>> ops)
    {
        if (!ops.TryGetValue(c.Op, out var op)) return new ParityMismatch(c, "unmapped", $"no Ember call for op '{c.Op}'");
        using var scope = Torch.NewDisposeScope();
        object result;
        try
        {
            var inputs = c.Inputs.Select(Build).ToArray();
            result = op(new ParityCall(c, inputs));
        }
        catch (InvalidDataException e)
        {
            return new ParityMismatch(c, "bad case", e.Message);
        }
        catch (Exception e)
        {
            if (c.Error is null) return new ParityMismatch(c, "threw", $"{e.GetType().Name}: {e.Message} (PyTorch returns {Summary(c)})");
            return Acceptable(e) ? null : new ParityMismatch(c, "wrong exception", $"{e.GetType().Name}: {e.Message} (PyTorch: {c.Error})");
        }
        try
        {
            if (c.Error is not null) return new ParityMismatch(c, "no error", $"returned {Describe(result)}; PyTorch raises {c.Error}");
            return Compare(c, result);
        }
        catch (Exception e)
        {
            return new ParityMismatch(c, "result unreadable", $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>One of the documented types, and not the runtime's own array-bounds error from inside a kernel.</summary>
    private static bool Acceptable(Exception e) =>
        Allowed.Any(t => t.IsInstanceOfType(e)) && e is not ArgumentNullException
        && !(e is IndexOutOfRangeException && e.Message == new IndexOutOfRangeException().Message);

    private static string Summary(ParityCase c) =>
        c.ExpectedBool is bool b ? b.ToString() : string.Join(" & ", c.Expected!.Select(e => $"{e.DType}[{string.Join(",", e.Shape)}]"));

    private static List<Tensor>? Tensors(object result) => result switch
    {
        Tensor t => [t],
        Tensor[] ts => [.. ts],
        ValueTuple<Tensor, Tensor> p => [p.Item1, p.Item2],
        _ => null,
    };

    private static string Describe(object result) => result is bool b ? b.ToString()
        : string.Join(" & ", Tensors(result)?.Select(t => $"{NameOf(t.DType)}[{string.Join(",", t.Shape.ToArray())}]") ?? [result.GetType().Name]);

    private static ParityMismatch? Compare(ParityCase c, object result)
    {
        if (c.ExpectedBool is bool expected)
            return result is bool b && b == expected ? null : new ParityMismatch(c, "value", $"expected {expected}, got {Describe(result)}");
        var actual = Tensors(result);
        if (actual is null) return new ParityMismatch(c, "result type", $"got {result.GetType().Name}");
        if (actual.Count != c.Expected!.Length) return new ParityMismatch(c, "output count", $"expected {c.Expected.Length}, got {actual.Count}");
        for (int k = 0; k < actual.Count; k++)
        {
            var m = CompareTensor(c, k, c.Expected[k], actual[k]);
            if (m is not null) return m;
        }
        return null;
    }

    private static ParityMismatch? CompareTensor(ParityCase c, int k, ExpectedTensor e, Tensor a)
    {
        string which = c.Expected!.Length > 1 ? $"output {k}: " : "";
        var adt = NameOf(a.DType);
        var ashape = a.Shape.ToArray();
        if (adt != e.DType) return new ParityMismatch(c, "dtype", $"{which}expected {e.DType}, got {adt}");
        if (!ashape.SequenceEqual(e.Shape))
            return new ParityMismatch(c, "shape", $"{which}expected [{string.Join(",", e.Shape)}], got [{string.Join(",", ashape)}]");
        var bad = new List<string>();
        int count = 0;
        if (IsFloat(e.DType))
        {
            var av = a.ToArray<double>();
            for (int i = 0; i < av.Length; i++)
            {
                double ev = ParseFloat(e.Values[i], e.DType);
                if (Close(ev, av[i], e.DType, c.Tolerance)) continue;
                if (count++ < 4) bad.Add($"[{i}] expected {Text(ev)}, got {Text(av[i])}");
            }
        }
        else
        {
            var av = a.ToArray<long>();
            for (int i = 0; i < av.Length; i++)
            {
                long ev = long.Parse(e.Values[i], CultureInfo.InvariantCulture);
                if (ev == av[i]) continue;
                if (count++ < 4) bad.Add($"[{i}] expected {ev}, got {av[i]}");
            }
        }
        if (count == 0) return null;
        return new ParityMismatch(c, "value", $"{which}{count} of {a.Numel} elements differ ({c.Tolerance}): {string.Join("; ", bad)}");
    }

    private static string Text(double v) => double.IsNegative(v) && v == 0 ? "-0" : v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="actual"/> matches <paramref name="expected"/> under the tolerance, in the dtype's own bits.</summary>
    public static bool Close(double expected, double actual, string dt, Tolerance tol)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual)) return double.IsNaN(expected) && double.IsNaN(actual);
        if (tol.Exact || double.IsInfinity(expected) || double.IsInfinity(actual))
            return BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual);
        return Math.Abs(Ordered(expected, dt) - Ordered(actual, dt)) <= tol.Ulps || Math.Abs(expected - actual) <= tol.Abs;
    }

    /// <summary>The value's position on the dtype's number line (−0 just below +0): adjacent values differ by 1.</summary>
    private static long Ordered(double v, string dt)
    {
        (bool negative, long magnitude) = dt switch
        {
            "f64" => (double.IsNegative(v), BitConverter.DoubleToInt64Bits(v) & long.MaxValue),
            "f32" => (double.IsNegative(v), (long)(BitConverter.SingleToUInt32Bits((float)v) & 0x7FFF_FFFF)),
            "f16" => (double.IsNegative(v), (long)(BitConverter.HalfToUInt16Bits((Half)v) & 0x7FFF)),
            "bf16" => (double.IsNegative(v), (long)(((BFloat16)(float)v).RawBits & 0x7FFF)),
            _ => throw new ArgumentOutOfRangeException(nameof(dt)),
        };
        return negative ? -magnitude - 1 : magnitude;
    }
}
