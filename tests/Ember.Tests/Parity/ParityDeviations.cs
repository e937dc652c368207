using System.Globalization;

namespace Ember.Tests.Parity;

/// <summary>
/// Cases where Ember deliberately differs from PyTorch 1.13, each with its reason. Every predicate is narrow (the op,
/// the kind of mismatch and the inputs that cause it), and a deviation that no longer matches any mismatch fails the
/// battery, so the list stays exact.
/// </summary>
internal static class ParityDeviations
{
    public sealed record Deviation(string Name, Func<ParityMismatch, bool> Matches, string Reason);

    public static readonly Deviation[] All =
    [
        new("uint8 masks",
            m => m.Case.Op is "masked_fill" or "masked_fill_t" or "masked_select" or "masked_scatter" or "where"
                 && m.Kind == "threw" && m.Case.Inputs.Any(t => t.DType == "u8") && m.Detail.Contains("torch.uint8", StringComparison.Ordinal),
            "PyTorch 1.13 takes a uint8 mask or condition with a deprecation warning and PyTorch 2 refuses it; Ember " +
            "refuses it with PyTorch 2's error (a uint8 tensor of 0/1 is a number, not a mask)."),
        new("regression losses do not broadcast the target",
            m => m.Case.Op is "mse_loss" or "l1_loss" or "smooth_l1_loss" or "huber_loss" && m.Kind == "threw"
                 && m.Case.Inputs.Length == 2 && !m.Case.Inputs[0].Shape.SequenceEqual(m.Case.Inputs[1].Shape),
            "PyTorch broadcasts a target whose shape differs from the input's and warns that \"this will likely lead to " +
            "incorrect results\" ([N, 1] against [N] gives an N×N loss); Ember raises an error naming both shapes."),
        new("fractional beta/alpha in integer addmm",
            m => m.Case.Op == "addmm" && m.Kind == "threw" && m.Case.Inputs.All(t => t.DType is "i64" or "i32" or "u8")
                 && (Fractional(m.Case, "beta") || Fractional(m.Case, "alpha")),
            "PyTorch's integer addmm truncates a fractional beta or alpha silently (0.5 becomes 0); Ember raises the " +
            "error PyTorch's own add/sub give for a fractional alpha on integer tensors."),
        new("mixed float16/float32 matrix products",
            m => m.Case.Op is "matmul" or "mm" or "einsum" && m.Kind == "threw"
                 && m.Case.Inputs.Select(t => t.DType).Distinct().Count() > 1,
            "PyTorch 1.13's CPU matmul of a float16 and a float32 matrix returns float16 without promoting (other dtype " +
            "pairs raise \"expected scalar type\"); Ember raises for every pair of different dtypes, as PyTorch 2 does."),
        new("signed zero in maximum/minimum of ±0",
            m => m.Case.Op is "maximum" or "minimum" && m.Kind == "value" && OnlySignedZeros(m.Detail),
            "PyTorch's maximum/minimum of +0 and −0 returns either operand depending on whether its vectorized or scalar " +
            "loop runs (that depends on the broadcast strides); Ember always returns the same operand. The two zeros compare equal."),
        new("topk order among ties",
            m => m.Case.Op == "topk" && m.Kind == "value" && HasTies(m.Case.Inputs[0]),
            "The order (and so the indices) of equal elements in topk is unspecified in PyTorch and follows its " +
            "partial-sort implementation; Ember's sort is stable (ties in index order), and +0/−0 are ties."),
        new("float64 erfinv is correctly rounded",
            m => m.Case.Op == "erfinv" && m.Kind == "value" && m.Case.Inputs[0].DType == "f64"
                 && m.Detail.Contains("expected 1.8213863677184483, got 1.8213863677184494", StringComparison.Ordinal),
            "erfinv(0.99) = 1.82138636771844945587… (mpmath, 40 digits): Ember's 1.8213863677184494 is the correctly " +
            "rounded float64; PyTorch's 1.8213863677184483 is 5 ulp off."),
        new("index_select of a 0-d input with an empty index",
            m => m.Case.Op == "index_select" && m.Kind == "shape" && m.Case.Inputs[0].Shape.Length == 0
                 && m.Case.Inputs[1].Shape is [0],
            "PyTorch returns a 0-d tensor of uninitialized memory (its value is garbage); Ember returns the empty [0] " +
            "that selecting no entries means."),
    ];

    private static bool Fractional(ParityCase c, string arg) =>
        c.Args.TryGetValue(arg, out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v != Math.Floor(v);

    /// <summary>Whether every differing element listed in the detail is 0 against −0 (or −0 against 0).</summary>
    private static bool OnlySignedZeros(string detail)
    {
        var pairs = detail.Split("; ");
        return pairs.All(p => p.Contains("expected 0, got -0", StringComparison.Ordinal) || p.Contains("expected -0, got 0", StringComparison.Ordinal));
    }

    private static bool HasTies(ParityTensor t)
    {
        var values = t.Values.Select(v => v == "-0" ? "0" : v).ToList();
        return values.Distinct().Count() < values.Count;
    }
}
