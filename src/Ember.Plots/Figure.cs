using System.Text;
using Ember.Serialization;
using ScottPlot;

namespace Ember.Plots;

/// <summary>Saves plots as SVG or PNG files (atomically) and renders them as SVG text for inlining in HTML.</summary>
public static class Figure
{
    /// <summary>The largest width or height accepted, in pixels.</summary>
    public const int MaxSize = 16_384;

    /// <summary>
    /// Saves a plot; the format follows the extension: <c>.svg</c> (vector, text as text) or <c>.png</c>. The file is
    /// written to a temporary file in the same folder and renamed over <paramref name="path"/>, so a reader never sees
    /// a partial file.
    /// </summary>
    /// <param name="plot">The plot, e.g. from <see cref="TrainingCurves.Create"/>.</param>
    /// <param name="path">The file to write (its folder must exist); the extension is case-insensitive.</param>
    /// <param name="width">The width in pixels (default 640, 1 to <see cref="MaxSize"/>).</param>
    /// <param name="height">The height in pixels (default 480, 1 to <see cref="MaxSize"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="plot"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException">The path is empty or its extension is neither <c>.svg</c> nor <c>.png</c>
    /// (the message names it).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The width or height is out of range.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="DllNotFoundException">SkiaSharp's native library cannot be loaded (also surfaces as a
    /// <see cref="TypeInitializationException"/>).</exception>
    public static void Save(Plot plot, string path, int width = 640, int height = 480)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentException.ThrowIfNullOrEmpty(path);
        CheckSize(width, height);
        string ext = Path.GetExtension(path).ToLowerInvariant();
        byte[] bytes = ext switch
        {
            ".svg" => Encoding.UTF8.GetBytes(SvgInline.Clean(plot.GetSvgXml(width, height))),
            ".png" => plot.GetImageBytes(width, height, ImageFormat.Png),
            _ => throw new ArgumentException(
                $"save figure: unsupported extension '{Path.GetExtension(path)}' in '{path}' (use .svg or .png)", nameof(path)),
        };
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>The plot as an SVG document (UTF-8 text, starting with the XML declaration), e.g. to inline in HTML.</summary>
    /// <param name="plot">The plot.</param>
    /// <param name="width">The width in pixels (default 640, 1 to <see cref="MaxSize"/>).</param>
    /// <param name="height">The height in pixels (default 480, 1 to <see cref="MaxSize"/>).</param>
    /// <returns>The SVG text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plot"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The width or height is out of range.</exception>
    /// <exception cref="DllNotFoundException">SkiaSharp's native library cannot be loaded (also surfaces as a
    /// <see cref="TypeInitializationException"/>).</exception>
    public static string ToSvg(Plot plot, int width = 640, int height = 480)
    {
        ArgumentNullException.ThrowIfNull(plot);
        CheckSize(width, height);
        return SvgInline.Clean(plot.GetSvgXml(width, height));
    }

    private static void CheckSize(int width, int height)
    {
        Check.InRange(width, 1, MaxSize, "save figure", nameof(width));
        Check.InRange(height, 1, MaxSize, "save figure", nameof(height));
    }
}
