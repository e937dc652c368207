using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Ember.Plots.Tests;

/// <summary>Reads what the tests look for in an SVG: it must parse as XML; its text elements and their positions.</summary>
internal static class Svg
{
    public static XDocument Parse(string svg) => XDocument.Parse(svg);

    /// <summary>Every text element's content (trimmed), in document order.</summary>
    public static List<string> Texts(string svg) =>
        Parse(svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();

    /// <summary>The translation of each text element by its content (the last one wins for duplicates).</summary>
    public static List<(string Text, double X, double Y)> TextPositions(string svg)
    {
        var list = new List<(string, double, double)>();
        foreach (var e in Parse(svg).Descendants().Where(e => e.Name.LocalName == "text"))
        {
            var m = Regex.Match((string?)e.Attribute("transform") ?? "", @"translate\(([-0-9.e]+)[ ,]([-0-9.e]+)\)");
            if (m.Success)
                list.Add((e.Value.Trim(), double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)));
        }
        return list;
    }

    /// <summary>The path elements' d attributes with their stroke-dasharray (null when solid).</summary>
    public static List<(string D, string? Dash, string? Stroke)> Paths(string svg) =>
        Parse(svg).Descendants().Where(e => e.Name.LocalName == "path")
            .Select(e => ((string?)e.Attribute("d") ?? "", (string?)e.Attribute("stroke-dasharray"), (string?)e.Attribute("stroke"))).ToList();
}
