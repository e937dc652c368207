using System.Globalization;
using System.Text.RegularExpressions;
using static Ember.Tests.Cli.CliRunner;

namespace Ember.Tests.Cli;

public sealed class CliMainJobTests
{
    /// <summary>The README's main job: `ember` with no arguments lists the commands, trains on the embedded digits with
    /// progress, reaches at least 0.97 test accuracy and writes the report to its default path.</summary>
    [Fact]
    public void NoArgumentsRunsTheMainJob()
    {
        string report = Path.Combine("runs", "digits", "report.html");
        if (File.Exists(report)) File.Delete(report);
        var (code, output, err) = Run();
        Assert.Equal("", err);
        Assert.Equal(0, code);
        Assert.StartsWith("ember: no command given, so running the main job", output);
        Assert.Contains("commands: train, evaluate, predict, summary, lr-find, cv, report", output);
        Assert.Contains("1438 train / 359 test samples of shape [64], 10 classes", output);
        for (int epoch = 1; epoch <= 30; epoch++) Assert.Contains($"Epoch {epoch}/30 - 45/45 - ", output);
        Assert.Contains("val_loss by epoch (log scale)", output);          // the terminal curve
        Assert.Contains("gradient health: grad ", output);
        Assert.Contains($"report written to {report}", output);
        Assert.Contains("<section id=\"gradient-health\"", File.ReadAllText(report));
        var accuracy = double.Parse(Regex.Match(output, @"done in [\d.]+ s: test accuracy ([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(accuracy >= 0.97, $"test accuracy {accuracy}");
    }
}
