using System.Globalization;
using System.Text;
using ScottPlot;

namespace Ember.Plots;

/// <summary>
/// Ticks for an axis whose data is log10-transformed (ScottPlot 5 has no log axis): major ticks labelled 10ⁿ at the
/// decades (every k-th decade when many are visible), minor ticks at 2·10ⁿ … 9·10ⁿ, like matplotlib's
/// <c>semilogy</c>; a span of under a decade gets plain-number labels at round values instead.
/// </summary>
internal sealed class LogTickGenerator : ITickGenerator
{
    /// <inheritdoc/>
    public Tick[] Ticks { get; set; } = [];

    /// <inheritdoc/>
    public int MaxTickCount { get; set; } = 10_000;

    /// <inheritdoc/>
    public void Regenerate(CoordinateRange range, Edge edge, PixelLength size, Paint paint, LabelStyle labelStyle)
    {
        double pixels = size.Length;
        int maxLabels = Math.Max(2, (int)(pixels / (edge.IsVertical() ? 28 : 60)));
        Ticks = Generate(range.Min, range.Max, maxLabels);
    }

    /// <summary>The ticks for the visible log10 range [<paramref name="lo"/>, <paramref name="hi"/>].</summary>
    internal static Tick[] Generate(double lo, double hi, int maxLabels)
    {
        if (lo > hi) (lo, hi) = (hi, lo);
        if (!double.IsFinite(lo) || !double.IsFinite(hi) || hi - lo > 4000) return [];
        var ticks = new List<Tick>();
        long first = (long)Math.Ceiling(lo - 1e-9), last = (long)Math.Floor(hi + 1e-9);
        long decades = last - first + 1;
        if (decades >= 2)
        {
            long step = 1;
            while ((decades + step - 1) / step > maxLabels) step = step switch { 1 => 2, 2 => 5, _ => step * 2 };
            for (long k = (long)Math.Floor(lo); k <= (long)Math.Ceiling(hi); k++)
            {
                if (k >= first && k <= last && k % step == 0) ticks.Add(Tick.Major(k, Power(k)));
                else if (k >= first && k <= last) ticks.Add(Tick.Minor(k));
                if (step == 1)
                    for (int m = 2; m <= 9; m++)
                    {
                        double p = k + Math.Log10(m);
                        if (p >= lo && p <= hi) ticks.Add(Tick.Minor(p));
                    }
            }
            return [.. ticks];
        }
        // Under two decades visible: round values in linear space, labelled as plain numbers, at their log positions.
        double a = Math.Pow(10, lo), b = Math.Pow(10, hi);
        double spacing = NiceStep((b - a) / Math.Max(2, Math.Min(maxLabels, 6)));
        for (double v = Math.Ceiling(a / spacing) * spacing; v <= b * (1 + 1e-12); v += spacing)
        {
            if (v <= 0) continue;
            double rounded = Math.Round(v / spacing) * spacing;
            ticks.Add(Tick.Major(Math.Log10(rounded), rounded.ToString("G6", CultureInfo.InvariantCulture)));
        }
        return [.. ticks];
    }

    /// <summary>1, 2 or 5 times a power of ten, at least <paramref name="raw"/>.</summary>
    private static double NiceStep(double raw)
    {
        double p = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (double m in (ReadOnlySpan<double>)[1, 2, 5, 10])
            if (m * p >= raw) return m * p;
        return 10 * p;
    }

    /// <summary>"10" with the exponent in superscript digits: 10⁻², 10⁰, 10³.</summary>
    internal static string Power(long exponent)
    {
        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        var sb = new StringBuilder("10");
        if (exponent < 0) sb.Append('⁻');
        foreach (char c in Math.Abs(exponent).ToString(CultureInfo.InvariantCulture)) sb.Append(digits[c - '0']);
        return sb.ToString();
    }
}
