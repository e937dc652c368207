using System.Globalization;
using System.Text;

namespace Ember.NN;

/// <summary>Prints a <see cref="ModelSummary"/> as torchinfo's <c>ModelStatistics.__repr__</c> does.</summary>
internal static class SummaryTable
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    internal static string Render(ModelSummary s, SummaryFormat f)
    {
        var columns = f.Columns ?? (s.HasInput ? [SummaryColumn.OutputSize, SummaryColumn.NumParams] : [SummaryColumn.NumParams]);
        int nameWidth = 40;
        int max = 0;
        foreach (var row in s.Layers) max = Math.Max(max, row.Title(f.ShowVarNames, f.ShowDepth).Length + row.Depth * 5 + 1);
        if (max >= nameWidth) nameWidth = (max + 4) / 5 * 5;
        var divider = new string('=', columns.Count * f.ColumnWidth + nameWidth);

        var sb = new StringBuilder();
        sb.Append(divider).Append('\n');
        var header = (f.ShowVarNames ? " (var_name)" : "") + (f.ShowDepth ? ":depth-idx" : "");
        sb.Append(Row($"Layer (type{header})", columns.Select(Title), nameWidth, f.ColumnWidth));
        sb.Append(divider).Append('\n');
        foreach (var row in s.Layers)
        {
            if (row.Depth > f.Depth || (f.HideRecursiveLayers && row.IsRecursive)) continue;
            bool atMax = row.Depth == f.Depth;
            var values = columns.Select(c => Cell(row, c, atMax, s.TotalParams));
            sb.Append(Row(Indent(row.Depth, f.AsciiOnly) + row.Title(f.ShowVarNames, f.ShowDepth), values, nameWidth, f.ColumnWidth));
        }
        sb.Append(divider).Append('\n');
        sb.Append("Total params").Append(Num(s.TotalParams, auto: false, bytes: false)).Append('\n');
        sb.Append("Trainable params").Append(Num(s.TrainableParams, auto: false, bytes: false)).Append('\n');
        sb.Append("Non-trainable params").Append(Num(s.NonTrainableParams, auto: false, bytes: false)).Append('\n');
        if (s.HasInput)
        {
            sb.Append("Total mult-adds").Append(Num(s.TotalMultAdds, auto: true, bytes: false)).Append('\n');
            sb.Append(divider).Append('\n');
            sb.Append("Input size").Append(Num(s.InputBytes, auto: true, bytes: true)).Append('\n');
            sb.Append("Forward/backward pass size").Append(Num(s.ForwardBackwardPassBytes, auto: true, bytes: true)).Append('\n');
            sb.Append("Params size").Append(Num(s.ParamsBytes, auto: true, bytes: true)).Append('\n');
            sb.Append("Estimated Total Size").Append(Num(s.EstimatedTotalBytes, auto: true, bytes: true)).Append('\n');
        }
        sb.Append(divider);
        return sb.ToString();
    }

    private static string Title(SummaryColumn c) => c switch
    {
        SummaryColumn.InputSize => "Input Shape",
        SummaryColumn.OutputSize => "Output Shape",
        SummaryColumn.NumParams => "Param #",
        SummaryColumn.ParamsPercent => "Param %",
        SummaryColumn.MultAdds => "Mult-Adds",
        SummaryColumn.Trainable => "Trainable",
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, $"summary: unknown column {c}"),
    };

    private static string Indent(int depth, bool ascii) => depth switch
    {
        0 => "",
        1 => ascii ? "+ " : "├─",
        _ => string.Concat(Enumerable.Repeat(ascii ? "|    " : "│    ", depth - 1)) + (ascii ? "+ " : "└─"),
    };

    private static string Row(string name, IEnumerable<string> values, int nameWidth, int colWidth)
    {
        var sb = new StringBuilder(name.PadRight(nameWidth)).Append(' ');
        foreach (var v in values) sb.Append(v.PadRight(colWidth)).Append(' ');
        return sb.ToString().TrimEnd() + "\n";
    }

    private static string Shape(Size? s) => s is { Count: > 0 } shape ? shape.ToString() : "--";

    private static string Cell(LayerSummary row, SummaryColumn c, bool atMax, long totalParams) => c switch
    {
        SummaryColumn.InputSize => Shape(row.InputShape),
        SummaryColumn.OutputSize => Shape(row.OutputShape),
        SummaryColumn.NumParams => ParamsCell(row, atMax),
        SummaryColumn.ParamsPercent => PercentCell(row, atMax, totalParams),
        SummaryColumn.MultAdds => MacsCell(row, atMax),
        SummaryColumn.Trainable => row.Trainable switch
        {
            LayerTrainability.NoParameters => "--",
            LayerTrainability.Trainable => "True",
            LayerTrainability.NonTrainable => "False",
            _ => "Partial",
        },
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, $"summary: unknown column {c}"),
    };

    private static string ParamsCell(LayerSummary row, bool atMax)
    {
        if (row.NumParams == 0) return "--";
        if (row.IsRecursive) return "(recursive)";
        if (atMax || row.IsLeaf)
        {
            var n = row.NumParams.ToString("N0", Inv);
            return row.TrainableParams != 0 ? n : $"({n})";
        }
        long left = row.OwnParams;
        return left > 0 ? left.ToString("N0", Inv) : "--";
    }

    private static string PercentCell(LayerSummary row, bool atMax, long total)
    {
        const string zero = "     --";
        if (total == 0) return zero;
        if (row.IsRecursive) return "(recursive)";
        long p = atMax || row.IsLeaf ? row.NumParams : row.OwnParams;
        if (p == 0) return zero;
        return ((double)p / total * 100).ToString("F2", Inv).PadLeft(6) + "%";
    }

    private static string MacsCell(LayerSummary row, bool atMax)
    {
        if (row.MultAdds <= 0) return "--";
        if (row.IsLeaf) return row.MultAdds.ToString("N0", Inv);
        if (atMax) return row.Descendants.Where(d => d.IsLeaf).Sum(d => d.MultAdds).ToString("N0", Inv);
        return "--";
    }

    /// <summary>torchinfo's format_output_num: ": 1,234" or " (MB): 15.14" (k, M, G, T at 1e3, 1e6, 1e9, 1e12).</summary>
    internal static string Num(long n, bool auto, bool bytes)
    {
        if (!auto || n < 1e3) return ": " + n.ToString("N0", Inv);
        (string unit, double div) = n >= 1e12 ? ("T", 1e12) : n >= 1e9 ? ("G", 1e9) : n >= 1e6 ? ("M", 1e6) : ("k", 1e3);
        double v = n / div;
        var text = v == Math.Floor(v) ? ((long)v).ToString("N0", Inv) : v.ToString("N2", Inv);
        return $" ({unit}{(bytes ? "B" : "")}): {text}";
    }
}
