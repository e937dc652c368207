using Ember.Training;
using ScottPlot;

namespace Ember.Plots;

/// <summary>
/// Training and validation curves from a <see cref="History"/>: one line per quantity over the epochs (1-based on
/// the x axis), with a legend and axis labels, on a linear or log-scale y axis (the source documents' <c>semilogy</c>).
/// Epochs where a quantity is missing (NaN) are gaps in its line.
/// </summary>
public static class TrainingCurves
{
    /// <summary>The quantities never drawn as curves by <see cref="CreateAll"/>: the learning rate and the epoch time.</summary>
    private static readonly HashSet<string> NotCurves = new(StringComparer.Ordinal) { "lr", "time" };

    /// <summary>Plots some of a run's quantities on one plot.</summary>
    /// <param name="history">What <see cref="Trainer.Fit"/> recorded.</param>
    /// <param name="keys">The quantities to draw, e.g. <c>["loss", "val_loss"]</c>. Default (null): <c>"loss"</c> and
    /// <c>"val_loss"</c> (those recorded); when neither was recorded, the first quantity family of <see cref="Families"/>.</param>
    /// <param name="logY">Log-scale y axis (default false): ticks at the powers of ten labelled 10ⁿ, minor ticks between;
    /// values ≤ 0 are left out (gaps), as matplotlib's <c>semilogy</c> masks them.</param>
    /// <returns>The plot (x: epoch, y: the value); save it with <see cref="Figure.Save"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is null.</exception>
    /// <exception cref="ArgumentException">A key was not recorded (the message lists those that were), or
    /// <paramref name="keys"/> is empty, or nothing was recorded at all.</exception>
    public static Plot Create(History history, IEnumerable<string>? keys = null, bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(history);
        string[] names;
        if (keys is null)
        {
            names = new[] { "loss", "val_loss" }.Where(history.Values.ContainsKey).ToArray();
            if (names.Length == 0)
            {
                var families = Families(history);
                if (families.Count == 0) throw new ArgumentException("training curves: the history recorded nothing", nameof(history));
                names = [.. families[0]];
            }
        }
        else
        {
            names = keys.ToArray();
            if (names.Length == 0) throw new ArgumentException("training curves: no keys given", nameof(keys));
            foreach (string k in names)
                if (k is null || !history.Values.ContainsKey(k))
                    throw new ArgumentException($"training curves: '{k}' was not recorded (recorded: {string.Join(", ", history.Values.Keys)})", nameof(keys));
        }
        return Draw(history, names, logY);
    }

    /// <summary>
    /// One plot per quantity family (<see cref="Families"/>): the loss with the validation loss, each metric with its
    /// validation twin.
    /// </summary>
    /// <param name="history">What <see cref="Trainer.Fit"/> recorded.</param>
    /// <param name="logY">Log-scale y axes (default false), as in <see cref="Create"/>.</param>
    /// <returns>The plots, loss first; empty when nothing but the learning rate and time was recorded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is null.</exception>
    public static IReadOnlyList<Plot> CreateAll(History history, bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(history);
        return Families(history).Select(f => Draw(history, f, logY)).ToArray();
    }

    /// <summary>
    /// The recorded quantities grouped for plotting: each name without the <c>val_</c> prefix, followed by its
    /// <c>val_</c> twin when recorded (a <c>val_</c> quantity without a training twin stands alone). The learning rate
    /// (<c>"lr"</c>) and epoch time (<c>"time"</c>) are left out. <c>"loss"</c> comes first, the rest in recording order.
    /// </summary>
    /// <param name="history">What <see cref="Trainer.Fit"/> recorded.</param>
    /// <returns>The families, e.g. <c>[["loss", "val_loss"], ["accuracy", "val_accuracy"]]</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is null.</exception>
    public static IReadOnlyList<IReadOnlyList<string>> Families(History history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var keys = history.Values.Keys.Where(k => !NotCurves.Contains(k)).ToList();
        var families = new List<IReadOnlyList<string>>();
        foreach (string k in keys)
        {
            if (k.StartsWith("val_", StringComparison.Ordinal) && keys.Contains(k[4..])) continue;
            string twin = "val_" + k;
            families.Add(keys.Contains(twin) ? [k, twin] : [k]);
        }
        int loss = families.FindIndex(f => f[0] == "loss" || f[0] == "val_loss");
        if (loss > 0) { var f = families[loss]; families.RemoveAt(loss); families.Insert(0, f); }
        return families;
    }

    /// <summary>Upper right, unless the curves end in the upper half of the plot (a rising metric): then lower right.</summary>
    private static Alignment LegendCorner(History history, IReadOnlyList<string> names, bool logY)
    {
        var all = names.SelectMany(n => logY ? PlotStyle.Log10(history[n]) : PlotStyle.Finite(history[n])).Where(double.IsFinite).ToArray();
        if (all.Length == 0) return Alignment.UpperRight;
        double lo = all.Min(), hi = all.Max();
        var ends = names.Select(n => (logY ? PlotStyle.Log10(history[n]) : PlotStyle.Finite(history[n])).LastOrDefault(double.IsFinite, double.NaN))
            .Where(double.IsFinite).ToArray();
        return hi > lo && ends.Length > 0 && ends.Max() > (lo + hi) / 2 ? Alignment.LowerRight : Alignment.UpperRight;
    }

    private static Plot Draw(History history, IReadOnlyList<string> names, bool logY)
    {
        string quantity = names[0].StartsWith("val_", StringComparison.Ordinal) ? names[0][4..] : names[0];
        var plot = PlotStyle.New(quantity);
        double[] epochs = history.Epochs.Select(e => e + 1.0).ToArray();
        bool any = false;
        foreach (string name in names)
        {
            var values = history[name];
            double[] ys = logY ? PlotStyle.Log10(values) : PlotStyle.Finite(values);
            any |= PlotStyle.AnyFinite(ys);
            var line = plot.Add.Scatter(epochs, ys);
            line.LegendText = name;
            line.LineWidth = 2;
            line.MarkerSize = epochs.Length <= 30 ? 5 : 0;
            // Validation curves are told apart by colour and legend, not dashes: Skia's SVG backend cannot write dash
            // effects and prints a complaint on stderr for each one.
        }
        plot.XLabel("epoch");
        plot.YLabel(logY ? quantity + " (log scale)" : quantity);
        PlotStyle.IntegerTicksX(plot);
        if (logY) PlotStyle.LogY(plot);
        if (!any) plot.Axes.SetLimits(0.5, Math.Max(1.5, epochs.Length + 0.5), logY ? -1 : 0, logY ? 1 : 1);
        plot.ShowLegend(LegendCorner(history, names, logY));
        return plot;
    }
}
