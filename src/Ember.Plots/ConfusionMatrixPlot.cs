using System.Globalization;
using ScottPlot;

namespace Ember.Plots;

/// <summary>
/// A confusion matrix as a heat map, like scikit-learn's <c>ConfusionMatrixDisplay</c>: rows are the true classes
/// (top to bottom), columns the predicted classes (left to right), each cell coloured by its count and labelled with it.
/// </summary>
public static class ConfusionMatrixPlot
{
    /// <summary>The largest class count whose cells get their numbers written (beyond it they would not be readable).</summary>
    public const int MaxLabelledClasses = 30;

    /// <summary>Draws a confusion matrix.</summary>
    /// <param name="matrix">A square [C, C] matrix of counts (any integer or floating dtype; e.g.
    /// <see cref="Metrics.ConfusionMatrix"/>'s result): element [i, j] counts the samples of true class i predicted as j.
    /// Values must be finite and non-negative.</param>
    /// <param name="classNames">C names for the tick labels (default: the class indices 0 … C−1).</param>
    /// <param name="normalize">Colour and label each row as fractions of its total (scikit-learn's
    /// <c>normalize="true"</c>; a row with no samples stays 0). Default false: the counts.</param>
    /// <returns>The plot. Cells are written with their values when C ≤ <see cref="MaxLabelledClasses"/>; tick labels
    /// longer than 20 characters are cut (with an ellipsis).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    /// <exception cref="ArgumentException">The matrix is not 2-D and square, is empty, is boolean, holds a negative or
    /// non-finite value, or <paramref name="classNames"/> does not hold C names.</exception>
    public static Plot Create(Tensor matrix, IReadOnlyList<string>? classNames = null, bool normalize = false)
    {
        double[,] values = Read(matrix, classNames, "confusion matrix plot");
        int c = values.GetLength(0);
        bool integers = !normalize && matrix.DType is not (DType.Float32 or DType.Float64 or DType.Float16 or DType.BFloat16);
        double[,] shown = normalize ? Normalize(values) : values;
        double max = 0;
        foreach (double v in shown) max = Math.Max(max, v);

        var plot = PlotStyle.New();
        var colormap = new ScottPlot.Colormaps.Viridis();
        for (int i = 0; i < c; i++)
            for (int j = 0; j < c; j++)
            {
                double fraction = max > 0 ? shown[i, j] / max : 0;
                var fill = colormap.GetColor(fraction);
                // Row i is drawn at y = C-1-i so that the first class is at the top, as in scikit-learn.
                var cell = plot.Add.Rectangle(j - 0.5, j + 0.5, c - 1 - i - 0.5, c - 1 - i + 0.5);
                cell.FillColor = fill;
                cell.LineWidth = 0;
                if (c > MaxLabelledClasses) continue;
                var text = plot.Add.Text(Format(shown[i, j], integers), j, c - 1 - i);
                text.Alignment = Alignment.MiddleCenter;
                text.LabelFontSize = c <= 10 ? 14 : c <= 20 ? 10 : 7;
                text.LabelFontColor = PlotStyle.TextOn(fill);
            }

        // Tick labels are cut to 20 characters (the report's table shows the full names).
        string[] names = Names(classNames, c).Select(n => n.Length > 20 ? n[..19] + "…" : n).ToArray();
        var xTicks = new ScottPlot.TickGenerators.NumericManual();
        var yTicks = new ScottPlot.TickGenerators.NumericManual();
        int every = Math.Max(1, (int)Math.Ceiling(c / 30.0));
        for (int k = 0; k < c; k += every)
        {
            xTicks.AddMajor(k, names[k]);
            yTicks.AddMajor(c - 1 - k, names[k]);
        }
        plot.Axes.Bottom.TickGenerator = xTicks;
        plot.Axes.Left.TickGenerator = yTicks;
        int longest = names.Max(n => n.Length);
        if (longest > 8 || (longest > 3 && c > 4))
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            // ScottPlot sizes the axis for unrotated labels: make room for the longest rotated one (ScottPlot's recipe).
            using var paint = Paint.NewDisposablePaint();
            float widest = names.Max(n => plot.Axes.Bottom.TickLabelStyle.Measure(n, paint).Size.Width);
            plot.Axes.Bottom.MinimumSize = widest * 0.75f + 30;
        }
        plot.Axes.SetLimits(-0.5, c - 0.5, -0.5, c - 0.5);
        plot.Grid.IsVisible = false;
        plot.XLabel("Predicted label");
        plot.YLabel("True label");
        return plot;
    }

    /// <summary>Validates a confusion matrix and reads it as doubles.</summary>
    internal static double[,] Read(Tensor matrix, IReadOnlyList<string>? classNames, string op)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Dim != 2 || matrix.Shape[0] != matrix.Shape[1] || matrix.Shape[0] == 0)
            throw new ArgumentException($"{op}: the matrix must be 2-D, square and non-empty, got shape {matrix.Shape}", nameof(matrix));
        if (matrix.DType == DType.Bool)
            throw new ArgumentException($"{op}: the matrix must hold counts (an integer or floating dtype), got {matrix.DType}", nameof(matrix));
        int c = (int)matrix.Shape[0];
        if (classNames is not null && classNames.Count != c)
            throw new ArgumentException($"{op}: {classNames.Count} class names for a {c}x{c} matrix", nameof(classNames));
        if (classNames is not null && classNames.Any(n => n is null))
            throw new ArgumentException($"{op}: a class name is null", nameof(classNames));
        double[] flat;
        using (Torch.NoGrad()) flat = matrix.Detach().To(DType.Float64).Contiguous().ToArray<double>();
        var values = new double[c, c];
        for (int i = 0; i < c; i++)
            for (int j = 0; j < c; j++)
            {
                double v = flat[i * c + j];
                if (!double.IsFinite(v) || v < 0)
                    throw new ArgumentException($"{op}: element [{i}, {j}] is {v.ToString(CultureInfo.InvariantCulture)}; counts must be finite and non-negative", nameof(matrix));
                values[i, j] = v;
            }
        return values;
    }

    /// <summary>The class names, or the indices as names.</summary>
    internal static string[] Names(IReadOnlyList<string>? classNames, int c) =>
        classNames?.ToArray() ?? Enumerable.Range(0, c).Select(k => k.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>A cell's text: a count as an integer, a fraction or real value with up to 2 decimals (3 significant digits when small).</summary>
    internal static string Format(double v, bool integer) =>
        integer ? v.ToString("0", CultureInfo.InvariantCulture)
        : v == 0 || v >= 0.01 ? v.ToString("0.##", CultureInfo.InvariantCulture)
        : v.ToString("G2", CultureInfo.InvariantCulture);

    private static double[,] Normalize(double[,] values)
    {
        int c = values.GetLength(0);
        var result = new double[c, c];
        for (int i = 0; i < c; i++)
        {
            double total = 0;
            for (int j = 0; j < c; j++) total += values[i, j];
            for (int j = 0; j < c; j++) result[i, j] = total > 0 ? values[i, j] / total : 0;
        }
        return result;
    }
}
