using System.Globalization;
using System.Text;

namespace Ember;

/// <summary>
/// Prints tensors exactly as PyTorch's <c>repr(tensor)</c> does (<c>torch/_tensor_str.py</c> with the
/// default print options: precision 4, threshold 1000, edgeitems 3, linewidth 80).
/// </summary>
/// <remarks>
/// One formatter serves all the elements shown, so every element gets the same width and notation:
/// integer-valued floats print as <c>2.</c>, other floats with 4 decimals, and scientific notation is
/// used when the largest and smallest nonzero finite magnitudes differ by more than 1000×, the largest
/// exceeds 1e8 or (for non-integers) the smallest is below 1e-4. Tensors of more than 1000 elements
/// show only the first and last 3 entries of each long dimension, with <c>...</c> between.
/// </remarks>
internal static class TensorFormatter
{
    internal const int Precision = 4;
    internal const int Threshold = 1000;
    internal const int EdgeItems = 3;
    internal const int LineWidth = 80;

    private const string Prefix = "tensor(";

    /// <summary>The full PyTorch-style representation, e.g. <c>tensor([1.5000, 2.0000], requires_grad=True)</c>.</summary>
    public static string Format(Tensor t)
    {
        int indent = Prefix.Length;
        var suffixes = new List<string>(3);
        string body;
        if (t.Numel == 0)
        {
            // The shape is shown unless it is (0,); the dtype is shown unless it is the default float32,
            // since there are no elements to tell an integer tensor apart.
            if (t.Dim != 1) suffixes.Add("size=" + PyTuple(t.ShapeArray));
            if (t.DType != TypePromotion.DefaultDType) suffixes.Add("dtype=" + t.DType.TorchName());
            body = "[]";
        }
        else
        {
            // int64 and bool are recognizable from their elements, and the default float dtype goes without saying.
            if (t.DType != TypePromotion.DefaultDType && t.DType is not (DType.Int64 or DType.Bool)) suffixes.Add("dtype=" + t.DType.TorchName());
            body = Body(t, indent);
        }

        var gradFn = t.GradFn;
        if (gradFn is not null) suffixes.Add($"grad_fn=<{gradFn.Name}>");
        else if (t.RequiresGrad) suffixes.Add("requires_grad=True");
        return AddSuffixes(Prefix + body, suffixes, indent);
    }

    /// <summary>The bracketed elements of a non-empty tensor (PyTorch's <c>_tensor_str</c>).</summary>
    private static string Body(Tensor t, int indent)
    {
        bool summarize = t.Numel > Threshold;
        var shape = t.ShapeArray;
        var indices = new int[shape.Length][];
        for (int d = 0; d < shape.Length; d++) indices[d] = Shown(shape[d], summarize);

        var offsets = new List<int>();
        CollectOffsets(t, 0, t.Offset, indices, offsets);
        var cells = FormatCells(t, offsets, out int width);

        if (shape.Length == 0) return cells[0];
        int cursor = 0;
        var sb = new StringBuilder();
        Build(sb, 0, indent, indices, cells, width, ref cursor);
        return sb.ToString();
    }

    /// <summary>The indices shown along a dimension of <paramref name="size"/>; -1 marks the ellipsis.</summary>
    private static int[] Shown(int size, bool summarize)
    {
        if (summarize && size > 2 * EdgeItems)
        {
            var r = new int[2 * EdgeItems + 1];
            for (int i = 0; i < EdgeItems; i++)
            {
                r[i] = i;
                r[EdgeItems + 1 + i] = size - EdgeItems + i;
            }
            r[EdgeItems] = -1;
            return r;
        }
        var all = new int[size];
        for (int i = 0; i < size; i++) all[i] = i;
        return all;
    }

    /// <summary>The storage offsets of the shown elements, in row-major order.</summary>
    private static void CollectOffsets(Tensor t, int dim, int offset, int[][] indices, List<int> offsets)
    {
        if (dim == t.ShapeArray.Length)
        {
            offsets.Add(offset);
            return;
        }
        int stride = t.StridesArray[dim];
        foreach (var i in indices[dim])
            if (i >= 0) CollectOffsets(t, dim + 1, offset + i * stride, indices, offsets);
    }

    /// <summary>Lays out the already formatted cells with PyTorch's brackets, line breaks and indentation.</summary>
    private static void Build(StringBuilder sb, int dim, int indent, int[][] indices, string[] cells, int width, ref int cursor)
    {
        int remaining = indices.Length - dim;
        var shown = indices[dim];
        sb.Append('[');
        if (remaining == 1)
        {
            // Elements are ", "-separated and wrapped to the line width; the ellipsis counts as an element.
            int perLine = Math.Max(1, (LineWidth - indent) / (width + 2));
            for (int k = 0; k < shown.Length; k++)
            {
                if (k > 0)
                {
                    if (k % perLine == 0) sb.Append(",\n").Append(' ', indent + 1);
                    else sb.Append(", ");
                }
                sb.Append(shown[k] < 0 ? " ..." : cells[cursor++]);
            }
        }
        else
        {
            // Sub-blocks are separated by dim-1 newlines, so higher dimensions get blank lines between them.
            for (int k = 0; k < shown.Length; k++)
            {
                if (k > 0) sb.Append(',').Append('\n', remaining - 1).Append(' ', indent + 1);
                if (shown[k] < 0) sb.Append("...");
                else Build(sb, dim + 1, indent + 1, indices, cells, width, ref cursor);
            }
        }
        sb.Append(']');
    }

    /// <summary>Formats the elements at <paramref name="offsets"/>, each right-aligned to the common <paramref name="width"/>.</summary>
    private static string[] FormatCells(Tensor t, List<int> offsets, out int width)
    {
        var cells = new string[offsets.Count];
        if (t.DType.IsFloatingPoint())
        {
            var values = Kernels.Gather.AtOffsets<double>(t, offsets);
            FloatMode(values, out bool intMode, out bool sciMode, out width);
            for (int i = 0; i < values.Length; i++) cells[i] = FormatFloat(values[i], intMode, sciMode);
        }
        else if (t.DType == DType.Bool)
        {
            var values = Kernels.Gather.AtOffsets<bool>(t, offsets);
            for (int i = 0; i < cells.Length; i++) cells[i] = values[i] ? "True" : "False";
            width = MaxLength(cells);
        }
        else
        {
            var values = Kernels.Gather.AtOffsets<long>(t, offsets);
            for (int i = 0; i < cells.Length; i++) cells[i] = values[i].ToString(CultureInfo.InvariantCulture);
            width = MaxLength(cells);
        }
        for (int i = 0; i < cells.Length; i++)
            if (cells[i].Length < width) cells[i] = cells[i].PadLeft(width);
        return cells;
    }

    private static int MaxLength(string[] cells)
    {
        int w = 1;
        foreach (var c in cells) w = Math.Max(w, c.Length);
        return w;
    }

    /// <summary>
    /// PyTorch's <c>_Formatter</c>: chooses integer mode and scientific notation from the nonzero
    /// finite values and measures the width (non-finite values do not count toward it).
    /// </summary>
    private static void FloatMode(double[] values, out bool intMode, out bool sciMode, out int width)
    {
        intMode = true;
        sciMode = false;
        width = 1;
        double min = double.PositiveInfinity, max = 0;
        int count = 0;
        foreach (var v in values)
        {
            if (!double.IsFinite(v) || v == 0) continue;
            count++;
            double a = Math.Abs(v);
            min = Math.Min(min, a);
            max = Math.Max(max, a);
            if (v != Math.Ceiling(v)) intMode = false;
        }
        if (count == 0) return;

        sciMode = max / min > 1000.0 || max > 1.0e8 || (!intMode && min < 1.0e-4);
        foreach (var v in values)
        {
            if (!double.IsFinite(v) || v == 0) continue;
            int len = sciMode ? Scientific(v).Length
                : intMode ? v.ToString("F0", CultureInfo.InvariantCulture).Length + 1
                : v.ToString("F" + Precision, CultureInfo.InvariantCulture).Length;
            width = Math.Max(width, len);
        }
    }

    /// <summary>One float element, unpadded: <c>2.</c>, <c>1.5000</c>, <c>1.0000e+08</c>, <c>nan</c>, <c>-inf</c>.</summary>
    private static string FormatFloat(double v, bool intMode, bool sciMode)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
        if (sciMode) return Scientific(v);
        if (intMode) return v.ToString("F0", CultureInfo.InvariantCulture) + ".";
        return v.ToString("F" + Precision, CultureInfo.InvariantCulture);
    }

    /// <summary>Python's <c>'{:.4e}'</c>: <c>1.2346e+08</c>, <c>-2.5000e-05</c> (exponent of at least two digits).</summary>
    private static string Scientific(double v)
    {
        // .NET rounds exactly (half to even on exact ties), as Python does; only the exponent is spelled differently.
        var s = v.ToString("E" + Precision, CultureInfo.InvariantCulture);
        int e = s.IndexOf('E');
        int exponent = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return string.Concat(s.AsSpan(0, e), exponent < 0 ? "e-" : "e+", Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
    }

    /// <summary>Appends the <c>, key=value</c> suffixes and the closing parenthesis, wrapping like PyTorch's <c>_add_suffixes</c>.</summary>
    private static string AddSuffixes(string tensorStr, List<string> suffixes, int indent)
    {
        var sb = new StringBuilder(tensorStr);
        int lastLineLen = tensorStr.Length - tensorStr.LastIndexOf('\n') + 1;
        foreach (var suffix in suffixes)
        {
            if (lastLineLen + suffix.Length + 2 > LineWidth)
            {
                sb.Append(",\n").Append(' ', indent).Append(suffix);
                lastLineLen = indent + suffix.Length;
            }
            else
            {
                sb.Append(", ").Append(suffix);
                lastLineLen += suffix.Length + 2;
            }
        }
        return sb.Append(')').ToString();
    }

    /// <summary>A shape as Python prints a tuple: <c>(0, 3)</c>, <c>(0,)</c>, <c>()</c>.</summary>
    private static string PyTuple(int[] shape) =>
        shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";
}
