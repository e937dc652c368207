using System.Globalization;
using System.Text;

namespace Ember.Plots;

/// <summary>
/// A small line chart for the terminal, drawn with Unicode braille characters (2×4 dots per character), with the
/// maximum and minimum written on the left. Pure managed text: no ScottPlot, no native library.
/// </summary>
public static class TerminalChart
{
    /// <summary>The widest chart accepted, in characters.</summary>
    public const int MaxWidth = 1000;

    /// <summary>The tallest chart accepted, in lines.</summary>
    public const int MaxHeight = 200;

    /// <summary>
    /// Draws the values left to right, spread over the width, joining neighbours with line segments; NaN and ±∞ (and,
    /// with <paramref name="logY"/>, values ≤ 0) are skipped and break the line.
    /// </summary>
    /// <param name="values">The values, e.g. a loss per epoch.</param>
    /// <param name="width">The plot area's width in characters (default 60, 1 to <see cref="MaxWidth"/>): 2 points per character.</param>
    /// <param name="height">The plot area's height in lines (default 8, 1 to <see cref="MaxHeight"/>): 4 points per line.</param>
    /// <param name="logY">Place the values on a log10 scale (default false); the labels still show the values.</param>
    /// <param name="label">A title line above the chart (default none).</param>
    /// <returns>The chart: lines joined with <c>'\n'</c>, no trailing newline. Each chart line is the axis label
    /// (the maximum on the first line, the minimum on the last, blank otherwise) right-aligned, a space, <c>┤</c> (on a
    /// labelled line) or <c>│</c>, then <paramref name="width"/> characters. Without a value to draw, the chart is the
    /// label line (if any) and <c>(no data)</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> or <paramref name="height"/> is out of range.</exception>
    public static string Render(IReadOnlyList<double> values, int width = 60, int height = 8, bool logY = false, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        Check.InRange(width, 1, MaxWidth, "terminal chart", nameof(width));
        Check.InRange(height, 1, MaxHeight, "terminal chart", nameof(height));

        int n = values.Count;
        var y = new double[n]; // the plotted coordinate, NaN where skipped
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            double v = values[i];
            bool ok = double.IsFinite(v) && (!logY || v > 0);
            y[i] = ok ? (logY ? Math.Log10(v) : v) : double.NaN;
            if (ok) { lo = Math.Min(lo, y[i]); hi = Math.Max(hi, y[i]); }
        }
        var sb = new StringBuilder();
        if (label is not null) sb.Append(label).Append('\n');
        if (lo > hi) return sb.Append("(no data)").ToString();

        int dotsX = 2 * width, dotsY = 4 * height;
        var dots = new bool[dotsY, dotsX]; // [row from the bottom, column]
        int Row(double v) => hi == lo ? dotsY / 2 : (int)Math.Round((v - lo) / (hi - lo) * (dotsY - 1));
        int Col(int i) => n == 1 ? 0 : (int)Math.Round((double)i * (dotsX - 1) / (n - 1));
        for (int i = 0; i < n; i++)
        {
            if (double.IsNaN(y[i])) continue;
            int c0 = Col(i), r0 = Row(y[i]);
            dots[r0, c0] = true;
            if (i + 1 < n && !double.IsNaN(y[i + 1])) Line(dots, c0, r0, Col(i + 1), Row(y[i + 1]));
        }

        string top = Format(logY ? Math.Pow(10, hi) : hi), bottom = Format(logY ? Math.Pow(10, lo) : lo);
        int labelWidth = Math.Max(top.Length, bottom.Length);
        for (int line = 0; line < height; line++)
        {
            string text = line == 0 ? top : line == height - 1 ? bottom : "";
            sb.Append(text.PadLeft(labelWidth)).Append(' ').Append(text.Length > 0 ? '┤' : '│');
            for (int cell = 0; cell < width; cell++)
            {
                int bits = 0;
                for (int dy = 0; dy < 4; dy++)
                {
                    int row = dotsY - 1 - (4 * line + dy); // from the bottom
                    if (dots[row, 2 * cell]) bits |= LeftBits[dy];
                    if (dots[row, 2 * cell + 1]) bits |= RightBits[dy];
                }
                sb.Append(bits == 0 ? ' ' : (char)(0x2800 + bits));
            }
            if (line + 1 < height) sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The braille dot bits of a character's left and right columns, top to bottom.</summary>
    private static readonly int[] LeftBits = [0x01, 0x02, 0x04, 0x40], RightBits = [0x08, 0x10, 0x20, 0x80];

    /// <summary>A number in at most 4 significant digits, invariant culture.</summary>
    private static string Format(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>Sets the dots of the segment from (c0, r0) to (c1, r1) (Bresenham).</summary>
    private static void Line(bool[,] dots, int c0, int r0, int c1, int r1)
    {
        int dc = Math.Abs(c1 - c0), dr = -Math.Abs(r1 - r0);
        int sc = c0 < c1 ? 1 : -1, sr = r0 < r1 ? 1 : -1, err = dc + dr;
        while (true)
        {
            dots[r0, c0] = true;
            if (c0 == c1 && r0 == r1) return;
            int e2 = 2 * err;
            if (e2 >= dr) { err += dr; c0 += sc; }
            if (e2 <= dc) { err += dc; r0 += sr; }
        }
    }
}
