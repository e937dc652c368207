using System.Globalization;
using System.Text;

namespace Ember.Cli;

/// <summary>A small text plot for the terminal.</summary>
internal static class TextPlot
{
    /// <summary>Loss against the learning rate on a log axis: <paramref name="height"/> rows of <paramref name="width"/> columns.</summary>
    public static string LossCurve(IReadOnlyList<double> lrs, IReadOnlyList<double> losses, int width = 60, int height = 12)
    {
        var points = lrs.Zip(losses).Where(p => p.First > 0 && double.IsFinite(p.Second)).ToList();
        if (points.Count < 2) return "(too few points to plot)";
        double x0 = Math.Log10(points[0].First), x1 = Math.Log10(points[^1].First);
        double lo = points.Min(p => p.Second), hi = points.Max(p => p.Second);
        if (x1 <= x0) x1 = x0 + 1;
        if (hi <= lo) hi = lo + 1;
        var grid = new char[height, width];
        for (int r = 0; r < height; r++) for (int c = 0; c < width; c++) grid[r, c] = ' ';
        foreach (var (lr, loss) in points)
        {
            int c = (int)Math.Round((Math.Log10(lr) - x0) / (x1 - x0) * (width - 1));
            int r = (int)Math.Round((hi - loss) / (hi - lo) * (height - 1));
            grid[Math.Clamp(r, 0, height - 1), Math.Clamp(c, 0, width - 1)] = '*';
        }
        var sb = new StringBuilder();
        sb.Append("loss\n");
        for (int r = 0; r < height; r++)
        {
            string label = r == 0 ? G(hi) : r == height - 1 ? G(lo) : "";
            sb.Append(label.PadLeft(9)).Append(" |");
            for (int c = 0; c < width; c++) sb.Append(grid[r, c]);
            sb.Append('\n');
        }
        sb.Append(new string(' ', 10)).Append('+').Append(new string('-', width)).Append('\n');
        string left = G(points[0].First), right = G(points[^1].First);
        sb.Append(new string(' ', 11)).Append(left).Append(new string(' ', Math.Max(1, width - left.Length - right.Length))).Append(right).Append("  lr (log)");
        return sb.ToString();
    }

    private static string G(double v) => v.ToString("G3", CultureInfo.InvariantCulture);
}
