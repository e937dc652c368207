using Ember.NN;
using Ember.Optim;
using ScottPlot;

namespace Ember.Plots;

/// <summary>
/// Optimizer paths on a 2-D function (d2l's <c>train_2d</c> and <c>show_trace_2d</c>): run an Ember optimizer on two
/// scalar parameters, then draw the paths over the function's contour lines.
/// </summary>
public static class OptimizerTrajectories
{
    /// <summary>
    /// Runs <paramref name="steps"/> optimizer steps on f(x1, x2) from <paramref name="start"/>: each step zeroes the
    /// gradients, evaluates the loss, back-propagates and steps (two float64 scalar parameters x1 and x2).
    /// </summary>
    /// <param name="f">The loss of (x1, x2), two 0-d tensors; must return a one-element tensor built from them
    /// with Ember ops, e.g. <c>(x1, x2) =&gt; x1 * x1 + 2 * x2 * x2</c>.</param>
    /// <param name="start">The starting point.</param>
    /// <param name="makeOptimizer">Makes the optimizer over the two parameters, e.g. <c>ps =&gt; new SGD(ps, lr: 0.1)</c>.</param>
    /// <param name="steps">The number of steps (0 or more).</param>
    /// <returns>The <paramref name="steps"/> + 1 points visited, the start first (a diverging run keeps its
    /// non-finite points).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> or <paramref name="makeOptimizer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is negative.</exception>
    /// <exception cref="ArgumentException">The start is not finite, or <paramref name="f"/> returned something other than
    /// a one-element tensor.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="makeOptimizer"/> returned null.</exception>
    public static IReadOnlyList<(double X, double Y)> Trace(Func<Tensor, Tensor, Tensor> f, (double X, double Y) start,
        Func<IEnumerable<Parameter>, Optimizer> makeOptimizer, int steps)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(makeOptimizer);
        Check.InRange(steps, 0, int.MaxValue, "optimizer trajectories", nameof(steps));
        if (!double.IsFinite(start.X) || !double.IsFinite(start.Y))
            throw new ArgumentException($"optimizer trajectories: start ({start.X}, {start.Y}) is not finite", nameof(start));
        var x1 = new Parameter(Torch.Scalar(start.X, DType.Float64));
        var x2 = new Parameter(Torch.Scalar(start.Y, DType.Float64));
        var optimizer = makeOptimizer([x1, x2])
            ?? throw new InvalidOperationException("optimizer trajectories: makeOptimizer returned null");
        var points = new List<(double X, double Y)>(steps + 1) { start };
        for (int s = 0; s < steps; s++)
        {
            using (Torch.NewDisposeScope())
            {
                optimizer.ZeroGrad();
                var loss = f(x1, x2) ?? throw new ArgumentException("optimizer trajectories: f returned null", nameof(f));
                if (loss.Numel != 1)
                    throw new ArgumentException($"optimizer trajectories: f must return a one-element tensor, got shape {loss.Shape}", nameof(f));
                loss.Backward();
                optimizer.Step();
            }
            points.Add((x1.Item(), x2.Item()));
        }
        return points;
    }

    /// <summary>
    /// Draws <paramref name="f"/>'s contour lines over the rectangle and each trajectory as a line with markers
    /// (start marked), with a legend.
    /// </summary>
    /// <param name="f">The function, f(x1, x2); non-finite values leave holes in the contours.</param>
    /// <param name="xRange">The x1 range drawn (Min &lt; Max, finite).</param>
    /// <param name="yRange">The x2 range drawn (Min &lt; Max, finite).</param>
    /// <param name="trajectories">The paths by legend name (e.g. from <see cref="Trace"/>); may be empty. Non-finite
    /// points are gaps.</param>
    /// <param name="levels">The number of contour lines (default 12, 1 to 100), spread over the function's values on
    /// the rectangle.</param>
    /// <returns>The plot (x: x1, y: x2).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> or <paramref name="trajectories"/> (or one of its
    /// paths) is null.</exception>
    /// <exception cref="ArgumentException">A range is empty, reversed or not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="levels"/> is out of range.</exception>
    public static Plot Create(Func<double, double, double> f, (double Min, double Max) xRange, (double Min, double Max) yRange,
        IReadOnlyDictionary<string, IReadOnlyList<(double X, double Y)>> trajectories, int levels = 12)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(trajectories);
        CheckRange(xRange, nameof(xRange));
        CheckRange(yRange, nameof(yRange));
        Check.InRange(levels, 1, 100, "optimizer trajectories", nameof(levels));
        foreach (var (name, path) in trajectories)
            if (path is null) throw new ArgumentNullException(nameof(trajectories), $"optimizer trajectories: the path '{name}' is null");

        const int n = 81;
        double[] xs = Grid(xRange, n), ys = Grid(yRange, n);
        var z = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                z[i, j] = f(xs[j], ys[i]);

        var plot = PlotStyle.New();
        var colormap = new ScottPlot.Colormaps.Viridis();
        double[] values = Contours.Levels(z, levels);
        for (int k = 0; k < values.Length; k++)
        {
            var (cx, cy) = Contours.Isoline(z, xs, ys, values[k]);
            if (cx.Length == 0) continue;
            var line = plot.Add.ScatterLine(cx, cy);
            line.Color = colormap.GetColor(values.Length == 1 ? 0.5 : 0.85 * k / (values.Length - 1)).WithAlpha(0.75);
            line.LineWidth = 1;
            line.MarkerSize = 0;
        }

        var palette = new ScottPlot.Palettes.Category10();
        int t = 0;
        foreach (var (name, path) in trajectories)
        {
            var color = palette.GetColor(t++ + 1);
            double[] px = path.Select(p => double.IsFinite(p.X) && double.IsFinite(p.Y) ? p.X : double.NaN).ToArray();
            double[] py = path.Select(p => double.IsFinite(p.X) && double.IsFinite(p.Y) ? p.Y : double.NaN).ToArray();
            var trace = plot.Add.Scatter(px, py, color);
            trace.LegendText = name;
            trace.LineWidth = 1.5f;
            trace.MarkerSize = 5;
            if (px.Length > 0 && double.IsFinite(px[0]))
                plot.Add.Marker(px[0], py[0], MarkerShape.OpenCircle, 10, color);
        }
        plot.XLabel("x1");
        plot.YLabel("x2");
        plot.Axes.SetLimits(xRange.Min, xRange.Max, yRange.Min, yRange.Max);
        if (trajectories.Count > 0) plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static void CheckRange((double Min, double Max) range, string name)
    {
        if (!double.IsFinite(range.Min) || !double.IsFinite(range.Max) || !(range.Min < range.Max))
            throw new ArgumentException($"optimizer trajectories: {name} ({range.Min}, {range.Max}) must be finite with Min < Max", name);
    }

    private static double[] Grid((double Min, double Max) range, int n)
    {
        var g = new double[n];
        for (int i = 0; i < n; i++) g[i] = range.Min + (range.Max - range.Min) * i / (n - 1);
        return g;
    }
}
