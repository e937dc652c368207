using System.Globalization;

namespace Ember.NN;

/// <summary>Formats values as Python prints them, for modules' <c>ExtraRepr</c> (PyTorch's printed text).</summary>
internal static class PyRepr
{
    /// <summary>A float as Python's <c>repr</c>: <c>0.1</c>, <c>1.0</c>, <c>1e-05</c>, <c>1e+16</c>, <c>nan</c>, <c>inf</c>.</summary>
    public static string Float(double v)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
        string sign = double.IsNegative(v) ? "-" : "";
        var s = Math.Abs(v).ToString("R", CultureInfo.InvariantCulture);
        int e = s.IndexOf('E');
        string mantissa = e >= 0 ? s[..e] : s;
        int exp10 = e >= 0 ? int.Parse(s[(e + 1)..], CultureInfo.InvariantCulture) : 0;
        int dot = mantissa.IndexOf('.');
        string intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        string all = intPart + (dot >= 0 ? mantissa[(dot + 1)..] : "");
        string trimmed = all.TrimStart('0');
        string digits = trimmed.TrimEnd('0');
        if (digits.Length == 0) return sign + "0.0";
        int sciExp = intPart.Length + exp10 - (all.Length - trimmed.Length) - 1;
        if (sciExp >= -4 && sciExp < 16)
        {
            if (sciExp < 0) return sign + "0." + new string('0', -sciExp - 1) + digits;
            if (digits.Length <= sciExp + 1) return sign + digits + new string('0', sciExp + 1 - digits.Length) + ".0";
            return sign + digits[..(sciExp + 1)] + "." + digits[(sciExp + 1)..];
        }
        return sign + digits[0] + (digits.Length > 1 ? "." + digits[1..] : "") + "e" + (sciExp < 0 ? "-" : "+") +
               Math.Abs(sciExp).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>A number that PyTorch's default is an int for: integral values print without <c>.0</c>.</summary>
    public static string Number(double v) =>
        double.IsFinite(v) && v == Math.Floor(v) && Math.Abs(v) < 1e16 ? ((long)v).ToString(CultureInfo.InvariantCulture) : Float(v);

    /// <summary>A Python tuple of ints: <c>(5,)</c>, <c>(2, 3)</c>, <c>()</c>.</summary>
    public static string Tuple(IReadOnlyList<int> values) =>
        values.Count == 1 ? $"({values[0]},)" : "(" + string.Join(", ", values) + ")";

    /// <summary>A Python bool: <c>True</c>/<c>False</c>.</summary>
    public static string Bool(bool v) => v ? "True" : "False";
}
