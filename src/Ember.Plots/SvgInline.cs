using System.Text.RegularExpressions;

namespace Ember.Plots;

/// <summary>Tidies ScottPlot's SVG for browsers and for inlining several plots in one HTML page.</summary>
internal static partial class SvgInline
{
    /// <summary>
    /// Drops the trailing separator SkiaSharp leaves in per-glyph coordinate lists (<c>x="0, 3.8, "</c>), which
    /// strict SVG parsers reject.
    /// </summary>
    public static string Clean(string svg) => TrailingListComma().Replace(svg, "$1=\"$2\"");

    /// <summary>
    /// The SVG as an element for an HTML page: no XML declaration, every id (and reference to it) renamed to
    /// <paramref name="prefix"/>-1, -2, … so that the clip paths of different plots cannot collide, a viewBox so it scales, and
    /// an accessible name.
    /// </summary>
    public static string ForHtml(string svg, string prefix, string title)
    {
        svg = Clean(svg);
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        if (start < 0) throw new InvalidOperationException("html report: the plot's SVG has no <svg> element");
        svg = svg[start..];
        // SkiaSharp numbers its clip paths with a process-wide counter: renumber them per plot, so the page is the same
        // every time it is rendered.
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        svg = Id().Replace(svg, m => $"id=\"{Rename(m.Groups[1].Value)}\"");
        svg = UrlRef().Replace(svg, m => $"url(#{Rename(m.Groups[1].Value)})");
        svg = HrefRef().Replace(svg, m => $"{m.Groups[1].Value}=\"#{Rename(m.Groups[2].Value)}\"");
        var size = RootSize().Match(svg);
        string viewBox = size.Success ? $" viewBox=\"0 0 {size.Groups[1].Value} {size.Groups[2].Value}\"" : "";
        string label = System.Net.WebUtility.HtmlEncode(title);
        return "<svg role=\"img\" aria-label=\"" + label + "\"" + viewBox + svg[4..];

        string Rename(string id)
        {
            if (!ids.TryGetValue(id, out string? name)) ids[id] = name = $"{prefix}-{ids.Count + 1}";
            return name;
        }
    }

    [GeneratedRegex(@"\b([xy])=""([^""]*?),\s*""(?=[\s/>])")]
    private static partial Regex TrailingListComma();

    [GeneratedRegex(@"\bid=""([^""]+)""")]
    private static partial Regex Id();

    [GeneratedRegex(@"url\(#([^)]+)\)")]
    private static partial Regex UrlRef();

    [GeneratedRegex(@"\b(xlink:href|href)=""#([^""]+)""")]
    private static partial Regex HrefRef();

    [GeneratedRegex(@"^<svg[^>]*?\bwidth=""([0-9.]+)""[^>]*?\bheight=""([0-9.]+)""")]
    private static partial Regex RootSize();
}
