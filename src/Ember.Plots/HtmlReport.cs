using System.Globalization;
using System.Net;
using System.Text;
using Ember.Diagnostics;
using Ember.Training;
using Ember.Serialization;
using ScottPlot;

namespace Ember.Plots;

/// <summary>
/// A run's report as ONE self-contained HTML file: inline CSS, plots inlined as SVG, no script and no external
/// reference, so it can be mailed, archived or opened offline. Sections (each with a stable id, in this order):
/// <c>hyperparameters</c>, <c>metrics</c> (test metrics and the last epoch's training and validation values),
/// <c>curves</c> (the loss on linear and log-scale axes, each metric), <c>summary</c> (the model summary),
/// <c>confusion-matrix</c> (heat map and table of counts) and <c>gradient-health</c> (warnings and per-layer
/// gradient norms). A section whose data the <see cref="RunReport"/> lacks is left out. Every string from the report
/// is HTML-escaped. Plotting never fails the report: if a plot cannot be drawn (e.g. SkiaSharp's native library
/// cannot load), its place says <c>plots unavailable: …</c> and the tables are still written.
/// </summary>
public static class HtmlReport
{
    /// <summary>The section ids, in page order.</summary>
    public static IReadOnlyList<string> SectionIds { get; } =
        ["hyperparameters", "metrics", "curves", "summary", "confusion-matrix", "gradient-health"];

    /// <summary>Writes the report to a file, atomically (a temporary file in the same folder renamed over it).</summary>
    /// <param name="report">What to show.</param>
    /// <param name="path">The file to write, e.g. <c>report.html</c> (its folder must exist).</param>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException">The path is empty, or the report's confusion matrix or class names are
    /// invalid (as for <see cref="ConfusionMatrixPlot.Create"/>).</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Write(RunReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = Encoding.UTF8.GetBytes(Render(report));
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>The report as HTML text.</summary>
    /// <param name="report">What to show.</param>
    /// <returns>A complete HTML5 document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    /// <exception cref="ArgumentException">The report's confusion matrix or class names are invalid (as for
    /// <see cref="ConfusionMatrixPlot.Create"/>).</exception>
    public static string Render(RunReport report) => Render(report, Figure.ToSvg);

    /// <summary>The report, rendering plots with <paramref name="toSvg"/> (tests simulate a missing native library).</summary>
    internal static string Render(RunReport report, Func<Plot, int, int, string> toSvg)
    {
        ArgumentNullException.ThrowIfNull(report);
        double[,]? matrix = report.ConfusionMatrix is null ? null : ConfusionMatrixPlot.Read(report.ConfusionMatrix, report.ClassNames, "html report");
        var plots = new PlotEmbedder(toSvg);
        var sections = new List<(string Id, string Title, string Body)>();
        if (report.HyperParameters is { Count: > 0 } hp) sections.Add(("hyperparameters", "Hyper-parameters", HyperParameters(hp)));
        if (Metrics(report) is { } metrics) sections.Add(("metrics", "Metrics", metrics));
        if (Curves(report.History, plots) is { } curves) sections.Add(("curves", "Training curves", curves));
        if (!string.IsNullOrEmpty(report.ModelSummary)) sections.Add(("summary", "Model summary", $"<pre>{E(report.ModelSummary)}</pre>"));
        if (matrix is not null) sections.Add(("confusion-matrix", "Confusion matrix", ConfusionMatrix(report, matrix, plots)));
        if (GradientHealth(report, plots) is { } health) sections.Add(("gradient-health", "Gradient health", health));

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"Ember.Plots\">\n")
            .Append("<title>").Append(E(report.Title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n")
            .Append("<header>\n<h1>").Append(E(report.Title)).Append("</h1>\n<p class=\"meta\">")
            .Append(E(report.CreatedUtc.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))).Append(" UTC · Ember run report</p>\n");
        if (sections.Count > 0)
        {
            html.Append("<nav>");
            foreach (var (id, title, _) in sections) html.Append($"<a href=\"#{id}\">{E(title)}</a>");
            html.Append("</nav>\n");
        }
        if (plots.Unavailable is not null) html.Append($"<p class=\"note\">plots unavailable: {E(plots.Unavailable)}</p>\n");
        html.Append("</header>\n<main>\n");
        foreach (var (id, title, body) in sections)
            html.Append($"<section id=\"{id}\">\n<h2>{E(title)}</h2>\n{body}\n</section>\n");
        if (sections.Count == 0) html.Append("<p class=\"note\">Nothing was recorded for this run.</p>\n");
        html.Append("</main>\n<footer>Written by Ember.Plots; self-contained (no scripts, no external files).</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string HyperParameters(IReadOnlyDictionary<string, string> hp)
    {
        var sb = new StringBuilder("<table class=\"kv\">\n<thead><tr><th>name</th><th>value</th></tr></thead>\n<tbody>\n");
        foreach (var (k, v) in hp) sb.Append($"<tr><td>{E(k)}</td><td>{E(v)}</td></tr>\n");
        return sb.Append("</tbody>\n</table>").ToString();
    }

    private static string? Metrics(RunReport report)
    {
        var sb = new StringBuilder();
        if (report.TestMetrics is { Count: > 0 } test)
        {
            sb.Append("<h3>Test</h3>\n<table class=\"kv\">\n<thead><tr><th>metric</th><th>value</th></tr></thead>\n<tbody>\n");
            foreach (var (k, v) in test) sb.Append($"<tr><td>{E(k)}</td><td class=\"num\">{Num(v)}</td></tr>\n");
            sb.Append("</tbody>\n</table>\n");
        }
        var history = report.History;
        if (history is not null && history.Epochs.Count > 0)
        {
            int last = history.Epochs.Count - 1;
            sb.Append($"<h3>Last epoch ({history.Epochs[last] + 1})</h3>\n<table>\n<thead><tr><th>quantity</th><th>train</th><th>validation</th></tr></thead>\n<tbody>\n");
            foreach (var family in TrainingCurves.Families(history))
            {
                string train = family[0].StartsWith("val_", StringComparison.Ordinal) ? "" : Num(history[family[0]][last]);
                string? val = family.FirstOrDefault(k => k.StartsWith("val_", StringComparison.Ordinal));
                string name = family[0].StartsWith("val_", StringComparison.Ordinal) ? family[0][4..] : family[0];
                sb.Append($"<tr><td>{E(name)}</td><td class=\"num\">{train}</td><td class=\"num\">{(val is null ? "" : Num(history[val][last]))}</td></tr>\n");
            }
            foreach (string k in (ReadOnlySpan<string>)["lr", "time"])
                if (history.Values.ContainsKey(k))
                    sb.Append($"<tr><td>{(k == "lr" ? "learning rate" : "epoch time (s)")}</td><td class=\"num\">{Num(history[k][last])}</td><td></td></tr>\n");
            sb.Append("</tbody>\n</table>\n");
        }
        return sb.Length == 0 ? null : sb.ToString();
    }

    private static string? Curves(History? history, PlotEmbedder plots)
    {
        if (history is null || history.Epochs.Count == 0) return null;
        var families = TrainingCurves.Families(history);
        if (families.Count == 0) return null;
        var sb = new StringBuilder("<div class=\"figures\">\n");
        foreach (var family in families)
        {
            string names = string.Join(" and ", family);
            bool isLoss = family[0] is "loss" or "val_loss";
            sb.Append(plots.Figure(() => TrainingCurves.Create(history, family), 540, 360, names)).Append('\n');
            if (isLoss) sb.Append(plots.Figure(() => TrainingCurves.Create(history, family, logY: true), 540, 360, names + ", log scale")).Append('\n');
        }
        return sb.Append("</div>").ToString();
    }

    private static string ConfusionMatrix(RunReport report, double[,] matrix, PlotEmbedder plots)
    {
        int c = matrix.GetLength(0);
        string[] names = ConfusionMatrixPlot.Names(report.ClassNames, c);
        bool integers = report.ConfusionMatrix!.DType is not (DType.Float32 or DType.Float64 or DType.Float16 or DType.BFloat16);
        int size = Math.Clamp(160 + 40 * c, 420, 900);
        var sb = new StringBuilder("<div class=\"figures\">\n");
        sb.Append(plots.Figure(() => ConfusionMatrixPlot.Create(report.ConfusionMatrix!, report.ClassNames), size, size - 40, "confusion matrix (rows: true class, columns: predicted class)"));
        sb.Append("\n</div>\n<div class=\"scroll\">\n<table class=\"matrix\">\n<thead><tr><th>true \\ predicted</th>");
        foreach (string n in names) sb.Append($"<th>{E(n)}</th>");
        sb.Append("<th>total</th><th>recall</th></tr></thead>\n<tbody>\n");
        double correct = 0, all = 0;
        for (int i = 0; i < c; i++)
        {
            sb.Append($"<tr><th>{E(names[i])}</th>");
            double total = 0;
            for (int j = 0; j < c; j++)
            {
                total += matrix[i, j];
                sb.Append(i == j ? "<td class=\"num diag\">" : "<td class=\"num\">").Append(ConfusionMatrixPlot.Format(matrix[i, j], integers)).Append("</td>");
            }
            correct += matrix[i, i];
            all += total;
            sb.Append($"<td class=\"num\">{ConfusionMatrixPlot.Format(total, integers)}</td><td class=\"num\">{(total > 0 ? Num(matrix[i, i] / total) : "—")}</td></tr>\n");
        }
        sb.Append("</tbody>\n</table>\n</div>\n");
        sb.Append($"<p>Accuracy from the matrix: {(all > 0 ? Num(correct / all) : "—")} ({ConfusionMatrixPlot.Format(correct, integers)} of {ConfusionMatrixPlot.Format(all, integers)}).</p>");
        return sb.ToString();
    }

    private static string? GradientHealth(RunReport report, PlotEmbedder plots)
    {
        var epochs = report.GradientHealth;
        var steps = report.GradientSteps;
        var warnings = report.HealthWarnings ?? epochs?.SelectMany(e => e.Warnings).ToArray();
        if (epochs is null && steps is null && report.HealthWarnings is null) return null;
        var sb = new StringBuilder();
        if (warnings is null || warnings.Count == 0) sb.Append("<p class=\"ok\">No warnings: no layer's gradients vanished or exploded, and no activations saturated or died.</p>\n");
        else
        {
            sb.Append($"<p class=\"warn\">{warnings.Count} warning{(warnings.Count == 1 ? "" : "s")}:</p>\n<ul class=\"warnings\">\n");
            foreach (var w in warnings)
                sb.Append($"<li><strong>{E(w.Kind.ToString())}</strong> in <code>{E(GradientNormPlot.LayerName(w.Layer))}</code> ({E(w.LayerType)}) at step {w.Step}: {E(w.Message)}</li>\n");
            sb.Append("</ul>\n");
        }
        if (steps is { Count: > 0 } && steps.Any(s => s is not null && s.Gradients.Count > 0))
            sb.Append("<div class=\"figures\">\n").Append(plots.Figure(() => GradientNormPlot.Create(steps), 820, 420, "gradient norm per layer and step")).Append("\n</div>\n");
        else if (epochs is { Count: > 0 } && epochs.Any(e => e is not null && e.Layers.Count > 0))
            sb.Append("<div class=\"figures\">\n").Append(plots.Figure(() => GradientNormPlot.Create(epochs), 820, 420, "mean gradient norm per layer and epoch")).Append("\n</div>\n");
        if (epochs is { Count: > 0 } && epochs[^1] is { Layers.Count: > 0 } last)
        {
            sb.Append($"<h3>Epoch {last.Epoch + 1} per layer</h3>\n<div class=\"scroll\">\n<table>\n<thead><tr><th>layer</th><th>type</th><th>steps</th><th>mean grad norm</th><th>min</th><th>max</th><th>update/weight</th></tr></thead>\n<tbody>\n");
            foreach (var l in last.Layers)
                sb.Append($"<tr><td><code>{E(GradientNormPlot.LayerName(l.Layer))}</code></td><td>{E(l.LayerType)}</td><td class=\"num\">{l.Steps}</td><td class=\"num\">{Num(l.MeanGradNorm)}</td><td class=\"num\">{Num(l.MinGradNorm)}</td><td class=\"num\">{Num(l.MaxGradNorm)}</td><td class=\"num\">{Num(l.MeanUpdateRatio)}</td></tr>\n");
            sb.Append("</tbody>\n</table>\n</div>\n");
        }
        return sb.ToString();
    }

    /// <summary>HTML-escapes text (&lt;, &gt;, &amp;, quotes).</summary>
    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A number for a table: up to 6 significant digits (1e-05 style exponents); NaN as an em dash.</summary>
    private static string Num(double v) =>
        double.IsNaN(v) ? "—" : double.IsPositiveInfinity(v) ? "∞" : double.IsNegativeInfinity(v) ? "−∞" : v.ToString("G6", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);

    private const string Css = """
        :root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; --accent: #1f77b4; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
        header, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
        header { padding-top: 24px; border-bottom: 1px solid var(--line); }
        h1 { margin: 0 0 4px; font-size: 28px; }
        h2 { margin: 0 0 12px; font-size: 20px; border-bottom: 2px solid var(--accent); padding-bottom: 4px; }
        h3 { margin: 16px 0 8px; font-size: 16px; color: var(--muted); }
        .meta { margin: 0 0 12px; color: var(--muted); }
        nav { display: flex; flex-wrap: wrap; gap: 6px 16px; margin: 0 0 16px; }
        nav a { color: var(--accent); text-decoration: none; }
        nav a:hover { text-decoration: underline; }
        section { margin: 28px 0; }
        table { border-collapse: collapse; margin: 8px 0; font-variant-numeric: tabular-nums; }
        th, td { border: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
        thead th { background: var(--bg); }
        tbody tr:nth-child(even) td { background: #fbfcfd; }
        td.num { text-align: right; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
        table.matrix th { background: var(--bg); }
        td.diag { font-weight: 700; background: #e8f1fa !important; }
        .scroll { overflow-x: auto; }
        pre { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 12px; overflow-x: auto; font: 12.5px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; }
        .figures { display: flex; flex-wrap: wrap; gap: 16px; }
        figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; background: #fff; }
        figure svg { display: block; max-width: 100%; height: auto; }
        figcaption { color: var(--muted); font-size: 13px; text-align: center; margin-top: 4px; }
        .note { color: #9a6700; background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: 6px 10px; }
        .ok { color: #1a7f37; }
        .warn { color: #cf222e; font-weight: 600; }
        ul.warnings li { margin: 4px 0; }
        code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; background: var(--bg); padding: 0 4px; border-radius: 4px; }
        footer { color: var(--muted); font-size: 13px; padding-top: 12px; padding-bottom: 24px; border-top: 1px solid var(--line); }

        """;
}
