using System.Text.RegularExpressions;
using Ember.Diagnostics;

namespace Ember.Plots.Tests;

public sealed class HtmlReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static int Count(string html, string what) => Regex.Matches(html, Regex.Escape(what)).Count;

    [Fact]
    public void FullReportHasEverySectionInOrderWithInlinePlots()
    {
        string html = HtmlReport.Render(TestData.FullReport());
        int last = -1;
        foreach (string id in HtmlReport.SectionIds)
        {
            int at = html.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
            Assert.True(at > last, $"section {id} missing or out of order");
            last = at;
        }
        // loss, loss (log), accuracy, confusion matrix, gradient norms.
        Assert.Equal(5, Count(html, "<svg"));
        Assert.DoesNotContain("<?xml", html);
        Assert.Contains("10⁻²", html); // the log-scale loss plot
        Assert.StartsWith("<!DOCTYPE html>", html);
    }

    [Fact]
    public void HostileStringsAreEscaped()
    {
        string html = HtmlReport.Render(TestData.FullReport());
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<mlp>", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html); // table header and SVG tick label
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.Contains("<title>digits &lt;mlp&gt; &amp; co</title>", html);
        Assert.Contains("dog &amp; &quot;fox&quot;", html);
        Assert.Contains("&lt;Total&gt; params: 650", html);
    }

    [Fact]
    public void NoExternalReferences()
    {
        string html = HtmlReport.Render(TestData.FullReport());
        foreach (Match m in Regex.Matches(html, @"\b(src|href|xlink:href)\s*=\s*""([^""]*)""", RegexOptions.IgnoreCase))
            Assert.StartsWith("#", m.Groups[2].Value);
        Assert.DoesNotMatch(@"url\((?!#)", html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("<iframe", html);
    }

    [Fact]
    public void IdsAreUniqueAcrossInlinedPlots()
    {
        string html = HtmlReport.Render(TestData.FullReport());
        var ids = Regex.Matches(html, @"\bid=""([^""]+)""").Select(m => m.Groups[1].Value).ToList();
        Assert.True(ids.Count > 10);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (Match m in Regex.Matches(html, @"url\(#([^)]+)\)")) Assert.Contains(m.Groups[1].Value, ids);
        Assert.Contains("viewBox=\"0 0 540 360\"", html);
        Assert.Contains("<clipPath id=\"fig1-1\">", html);
        // Deterministic: the same report renders to the same page.
        Assert.Equal(html, HtmlReport.Render(TestData.FullReport()));
    }

    [Fact]
    public void TablesHoldTheValues()
    {
        string html = HtmlReport.Render(TestData.FullReport());
        Assert.Contains("<td>batch_size</td><td>64</td>", html);
        Assert.Contains("<td>accuracy</td><td class=\"num\">0.9733</td>", html);
        Assert.Contains("Last epoch (5)", html);
        Assert.Contains("<td>loss</td><td class=\"num\">0.008</td><td class=\"num\">0.07</td>", html);
        Assert.Contains("<td class=\"num diag\">45</td>", html);
        Assert.Contains("Accuracy from the matrix: 0.934211 (142 of 152)", html);
        Assert.Contains("<pre>Layer (type)", html);
        // The gradient-health section lists the warning and the last epoch's layers.
        Assert.Contains("<strong>Vanishing</strong> in <code>fc1</code> (Linear) at step 5", html);
        Assert.Contains("<td class=\"num\">0.00037</td>", html);
        Assert.Contains("<td class=\"num\">1e-05</td>", html);
    }

    [Fact]
    public void AbsentSectionsAreLeftOut()
    {
        string html = HtmlReport.Render(new RunReport { Title = "t", TestMetrics = new Dictionary<string, double> { ["mse"] = 0.5 } });
        Assert.Contains("id=\"metrics\"", html);
        foreach (string id in HtmlReport.SectionIds.Where(i => i != "metrics")) Assert.DoesNotContain($"id=\"{id}\"", html);
        Assert.DoesNotContain("<svg", html);
        Assert.DoesNotContain("Last epoch", html);

        string empty = HtmlReport.Render(new RunReport());
        Assert.DoesNotContain("<section", empty);
        Assert.Contains("Nothing was recorded for this run.", empty);
        Assert.Contains("<title>Ember run</title>", empty);
    }

    [Fact]
    public void GradientHealthWithoutWarningsSaysSo()
    {
        var epochs = TestData.Epochs().Take(1).ToArray();
        string html = HtmlReport.Render(new RunReport { GradientHealth = epochs });
        Assert.Contains("id=\"gradient-health\"", html);
        Assert.Contains("No warnings", html);
        Assert.Equal(1, Count(html, "<svg"));
        Assert.Contains("mean gradient norm per layer and epoch", html);
        // Warnings default to those of the epochs.
        Assert.Contains("1 warning:", HtmlReport.Render(new RunReport { GradientHealth = TestData.Epochs() }));
        Assert.Contains("No warnings", HtmlReport.Render(new RunReport { HealthWarnings = Array.Empty<HealthWarning>() }));
    }

    [Fact]
    public void MissingNativeLibraryLeavesTablesAndANote()
    {
        int calls = 0;
        string html = HtmlReport.Render(TestData.FullReport(), (_, _, _) =>
        {
            calls++;
            throw new TypeInitializationException("SkiaSharp.SKObject", new DllNotFoundException("Unable to load shared library 'libSkiaSharp'"));
        });
        Assert.Equal(1, calls); // the first failure stops the others
        Assert.DoesNotContain("<svg", html);
        Assert.Contains("<p class=\"note\">plots unavailable: DllNotFoundException: Unable to load shared library &#39;libSkiaSharp&#39;</p>", html);
        Assert.Contains("loss and val_loss: plots unavailable: DllNotFoundException", html);
        foreach (string id in HtmlReport.SectionIds) Assert.Contains($"id=\"{id}\"", html);
        Assert.Contains("<td class=\"num diag\">45</td>", html);

        // Another failure in one plot only affects that plot.
        int n = 0;
        string partial = HtmlReport.Render(TestData.FullReport(), (p, w, h) => ++n == 2 ? throw new InvalidOperationException("boom") : Figure.ToSvg(p, w, h));
        Assert.Equal(4, Count(partial, "<svg"));
        Assert.Contains("plot unavailable: InvalidOperationException: boom", partial);
    }

    [Fact]
    public void WriteIsAtomic()
    {
        string path = Path.Combine(_dir, "report.html");
        File.WriteAllText(path, "old");
        var report = TestData.FullReport();
        HtmlReport.Write(report, path);
        Assert.Equal(HtmlReport.Render(report), File.ReadAllText(path));
        Assert.Equal(["report.html"], Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void BadInputsThrow()
    {
        Assert.Throws<ArgumentNullException>(() => HtmlReport.Render(null!));
        Assert.Throws<ArgumentException>(() => HtmlReport.Write(new RunReport(), ""));
        var e = Assert.Throws<ArgumentException>(() => HtmlReport.Render(new RunReport { ConfusionMatrix = Torch.Zeros(2, 2), ClassNames = ["a"] }));
        Assert.StartsWith("html report: 1 class names for a 2x2 matrix", e.Message);
        Assert.Throws<DirectoryNotFoundException>(() => HtmlReport.Write(new RunReport(), Path.Combine(_dir, "no", "r.html")));
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }
}
