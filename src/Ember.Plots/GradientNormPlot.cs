using Ember.Diagnostics;
using ScottPlot;

namespace Ember.Plots;

/// <summary>
/// Per-layer gradient-norm curves from a <see cref="GradientMonitor"/> on a log-scale y axis: vanishing gradients show
/// as the early layers' curves sinking decades below the last layer's, exploding ones as curves shooting up.
/// Layers are coloured from the input (dark) to the output (light); with many layers the legend names every k-th.
/// </summary>
public static class GradientNormPlot
{
    /// <summary>The most layers named in the legend.</summary>
    public const int MaxLegendEntries = 12;

    /// <summary>Gradient norms per layer over the monitor's steps (<see cref="GradientMonitor.History"/>).</summary>
    /// <param name="history">The step records; layers are taken in their first appearance order (module order).
    /// Zero, negative and non-finite norms are gaps.</param>
    /// <returns>The plot (x: step, y: gradient L2 norm, log scale).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> or one of its records is null.</exception>
    /// <exception cref="ArgumentException">No record holds a layer gradient.</exception>
    public static Plot Create(IReadOnlyList<MonitorStepRecord> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var series = new Dictionary<string, (List<double> X, List<double> Y)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var record in history)
        {
            if (record is null) throw new ArgumentNullException(nameof(history), "gradient norm plot: a step record is null");
            foreach (var g in record.Gradients)
                Add(series, order, g.Layer, record.Step, g.GradNorm);
        }
        if (order.Count == 0) throw new ArgumentException("gradient norm plot: no layer gradients were recorded", nameof(history));
        return Draw(series, order, "step", stepLines: history.Count > 60);
    }

    /// <summary>Each layer's mean gradient norm per epoch (<see cref="GradientMonitor.Epochs"/>).</summary>
    /// <param name="epochs">The epoch aggregates; the x axis shows epochs 1-based, like <see cref="TrainingCurves"/>.</param>
    /// <returns>The plot (x: epoch, y: mean gradient L2 norm, log scale).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="epochs"/> or one of its records is null.</exception>
    /// <exception cref="ArgumentException">No epoch holds a layer.</exception>
    public static Plot Create(IReadOnlyList<EpochHealth> epochs)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        var series = new Dictionary<string, (List<double> X, List<double> Y)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var epoch in epochs)
        {
            if (epoch is null) throw new ArgumentNullException(nameof(epochs), "gradient norm plot: an epoch record is null");
            foreach (var layer in epoch.Layers)
                Add(series, order, layer.Layer, epoch.Epoch + 1, layer.MeanGradNorm);
        }
        if (order.Count == 0) throw new ArgumentException("gradient norm plot: no layers were recorded", nameof(epochs));
        var plot = Draw(series, order, "epoch", stepLines: false);
        plot.YLabel("mean gradient norm (log scale)");
        return plot;
    }

    /// <summary>The legend name of a layer (the model itself has the empty path).</summary>
    internal static string LayerName(string layer) => layer.Length == 0 ? "(model)" : layer;

    private static void Add(Dictionary<string, (List<double> X, List<double> Y)> series, List<string> order, string layer, double x, double norm)
    {
        if (!series.TryGetValue(layer, out var s))
        {
            series[layer] = s = (new List<double>(), new List<double>());
            order.Add(layer);
        }
        s.X.Add(x);
        s.Y.Add(norm > 0 && double.IsFinite(norm) ? Math.Log10(norm) : double.NaN);
    }

    /// <summary>The most points drawn per layer: longer runs are averaged in buckets (keeps the SVG small).</summary>
    internal const int MaxPoints = 1000;

    /// <summary>
    /// At most <see cref="MaxPoints"/> points: consecutive points averaged in equal buckets (x: the mean step; y: the
    /// mean of the finite log-norms, a geometric mean of the norms; NaN where a bucket has none).
    /// </summary>
    internal static (double[] X, double[] Y) Thin(List<double> xs, List<double> ys)
    {
        if (xs.Count <= MaxPoints) return (xs.ToArray(), ys.ToArray());
        int bucket = (xs.Count + MaxPoints - 1) / MaxPoints;
        int n = (xs.Count + bucket - 1) / bucket;
        double[] tx = new double[n], ty = new double[n];
        for (int b = 0; b < n; b++)
        {
            int from = b * bucket, to = Math.Min(xs.Count, from + bucket);
            double sx = 0, sy = 0;
            int finite = 0;
            for (int i = from; i < to; i++)
            {
                sx += xs[i];
                if (!double.IsNaN(ys[i])) { sy += ys[i]; finite++; }
            }
            tx[b] = sx / (to - from);
            ty[b] = finite > 0 ? sy / finite : double.NaN;
        }
        return (tx, ty);
    }

    private static Plot Draw(Dictionary<string, (List<double> X, List<double> Y)> series, List<string> order, string xLabel, bool stepLines)
    {
        var plot = PlotStyle.New("gradient norm per layer");
        var colormap = new ScottPlot.Colormaps.Viridis();
        int every = (int)Math.Ceiling(order.Count / (double)MaxLegendEntries);
        bool any = false;
        for (int k = 0; k < order.Count; k++)
        {
            var (xs, ys) = Thin(series[order[k]].X, series[order[k]].Y);
            any |= PlotStyle.AnyFinite(ys);
            var color = order.Count == 1 ? colormap.GetColor(0.3) : colormap.GetColor(0.9 * k / (order.Count - 1));
            var line = plot.Add.Scatter(xs, ys, color);
            line.LineWidth = 1.5f;
            line.MarkerSize = stepLines || xs.Length > 30 ? 0 : 4;
            if (k % every == 0 || k == order.Count - 1) line.LegendText = LayerName(order[k]);
        }
        plot.XLabel(xLabel);
        plot.YLabel("gradient norm (log scale)");
        PlotStyle.IntegerTicksX(plot);
        PlotStyle.LogY(plot);
        if (!any) plot.Axes.SetLimitsY(-1, 1);
        plot.ShowLegend(Edge.Right);
        return plot;
    }
}
