using System.Net;
using ScottPlot;

namespace Ember.Plots;

/// <summary>
/// The boundary between a report and the plotting library: makes and renders each plot as inline SVG, and turns any
/// failure into a note in the page instead of an exception. When SkiaSharp's native library cannot load, the first
/// failure is remembered and no later plot is tried.
/// </summary>
internal sealed class PlotEmbedder(Func<Plot, int, int, string> toSvg)
{
    private int _count;

    /// <summary>Why plots cannot be drawn at all (SkiaSharp's native library did not load), or null.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>The number of plots embedded.</summary>
    public int Embedded { get; private set; }

    /// <summary>A figure with the plot as inline SVG and a caption, or a note saying why it could not be drawn.</summary>
    public string Figure(Func<Plot> make, int width, int height, string caption)
    {
        string note;
        if (Unavailable is null)
        {
            try
            {
                string svg;
                using (var plot = make()) svg = toSvg(plot, width, height);
                Embedded++;
                return $"<figure>{SvgInline.ForHtml(svg, $"fig{++_count}", caption)}<figcaption>{WebUtility.HtmlEncode(caption)}</figcaption></figure>";
            }
            catch (Exception e) when (IsNativeLoadFailure(e))
            {
                Unavailable = Reason(e);
                note = "plots unavailable: " + Unavailable;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                note = "plot unavailable: " + Reason(e);
            }
        }
        else note = "plots unavailable: " + Unavailable;
        return $"<p class=\"note\">{WebUtility.HtmlEncode(caption)}: {WebUtility.HtmlEncode(note)}</p>";
    }

    /// <summary>Whether an exception (or one it wraps) says the native graphics library cannot be loaded.</summary>
    internal static bool IsNativeLoadFailure(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is TypeInitializationException or DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
                return true;
        return false;
    }

    /// <summary>The innermost exception's type and message (a type initializer's own message says nothing).</summary>
    private static string Reason(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return $"{e.GetType().Name}: {e.Message}";
    }
}
