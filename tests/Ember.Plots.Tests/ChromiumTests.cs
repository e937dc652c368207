using System.Text.RegularExpressions;

namespace Ember.Plots.Tests;

public sealed class ChromiumTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-chromium-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>
    /// The must-show: the report of a run, rendered by headless Chromium, has every section and its plots
    /// (checked in the DOM Chromium built), and its screenshot is the window's size and shows the page (the plots' and
    /// tables' ink, the heat map's colours), not a blank or error page.
    /// </summary>
    [ChromiumFact]
    public void ReportRendersInChromium()
    {
        Assert.True(Chromium.Path is not null, "chromium is not on PATH: install Debian's chromium package (EMBER_REQUIRE_ORACLES=1 makes this a failure)");
        string report = Path.Combine(_dir, "report.html"), shot = Path.Combine(_dir, "report.png");
        HtmlReport.Write(TestData.FullReport(), report);
        string url = new Uri(report).AbsoluteUri;

        // The two runs (each with its own profile) go side by side to keep the test short.
        var screenshot = Task.Run(() => Chromium.Run(Path.Combine(_dir, "profile-shot"), 60, $"--screenshot={shot}", "--window-size=1280,2400", url));
        string dom = Chromium.Run(Path.Combine(_dir, "profile-dom"), 60, "--dump-dom", url);
        screenshot.GetAwaiter().GetResult();
        foreach (string id in HtmlReport.SectionIds)
            Assert.Matches($"<section id=\"{Regex.Escape(id)}\">", dom);
        Assert.Equal(5, Regex.Matches(dom, "<svg[ >]").Count);
        // Hyper-parameters, test metrics, last epoch, confusion matrix, last epoch's gradient statistics.
        Assert.Equal(5, Regex.Matches(dom, "<table[ >]").Count);
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert('x')&lt;/script&gt;", dom);

        byte[] png = File.ReadAllBytes(shot);
        var (w, h, _, _) = Png.Header(png);
        Assert.Equal((1280, 2400), (w, h));
        var (nonWhite, colors) = Png.Ink(png);
        // A blank page has one colour and no ink; the report's text, tables and plots cover well over 5% of the window,
        // and the antialiased text and viridis heat map give hundreds of colours.
        Assert.True(nonWhite > 1280 * 2400 / 20, $"only {nonWhite} non-white pixels");
        Assert.True(colors > 200, $"only {colors} colours");
        File.Copy(shot, Path.Combine(Path.GetTempPath(), "ember-report-screenshot.png"), overwrite: true);
    }
}
