using ScottPlot;

namespace Ember.Plots;

/// <summary>The look shared by Ember's plots: a sans-serif font, a light grid, the default (matplotlib-like) palette.</summary>
internal static class PlotStyle
{
    /// <summary>A new plot with Ember's style.</summary>
    public static Plot New(string? title = null)
    {
        var plot = new Plot();
        plot.Font.Set(Font);
        if (!string.IsNullOrEmpty(title)) plot.Title(title, 14);
        return plot;
    }

    /// <summary>The first installed of a few common sans-serif fonts (ScottPlot's own pick may be a serif font).</summary>
    private static string Font => s_font ??= new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Lato" }.FirstOrDefault(f => Fonts.GetTypeface(f, false, false)?.FamilyName == f) ?? Fonts.Sans;

    private static string? s_font;

    /// <summary>Black or white, whichever reads better on <paramref name="background"/> (perceived brightness).</summary>
    public static Color TextOn(Color background) =>
        0.299 * background.R + 0.587 * background.G + 0.114 * background.B > 140 ? Colors.Black : Colors.White;

    /// <summary>Integer-only ticks on the bottom axis (epochs, steps).</summary>
    public static void IntegerTicksX(Plot plot) =>
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };

    /// <summary>
    /// Data for a log-scale axis: log10 of each value; zero, negative and non-finite values become NaN (a gap), as
    /// matplotlib masks them on a log axis.
    /// </summary>
    public static double[] Log10(IReadOnlyList<double> values)
    {
        var result = new double[values.Count];
        for (int i = 0; i < result.Length; i++)
        {
            double v = values[i];
            result[i] = v > 0 && double.IsFinite(v) ? Math.Log10(v) : double.NaN;
        }
        return result;
    }

    /// <summary>Non-finite values become NaN (a gap in a line; ±∞ would break the axis limits).</summary>
    public static double[] Finite(IReadOnlyList<double> values)
    {
        var result = new double[values.Count];
        for (int i = 0; i < result.Length; i++) result[i] = double.IsFinite(values[i]) ? values[i] : double.NaN;
        return result;
    }

    /// <summary>Makes the left axis a log10 axis (the plotted data must be log10-transformed, see <see cref="Log10"/>).</summary>
    public static void LogY(Plot plot) => plot.Axes.Left.TickGenerator = new LogTickGenerator();

    /// <summary>Whether any value is finite (a plot of none gets fixed limits instead of an empty autoscale).</summary>
    public static bool AnyFinite(IEnumerable<double> values) => values.Any(double.IsFinite);
}
