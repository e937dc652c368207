using Ember.Diagnostics;
using Ember.Metrics;
using Ember.NN;
using Ember.Optim;
using Ember.Training;

namespace Ember.Plots.Tests;

/// <summary>The report from the real pieces: a Trainer's History, a GradientMonitor, a ModelSummary and a ConfusionMatrix metric.</summary>
public sealed class EndToEndTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-e2e-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void ReportOfARealRun()
    {
        var gen = new Generator(7);
        var x = Torch.Randn(new Size(96, 4), generator: gen);
        var y = (x.Narrow(1, 0, 1).Squeeze(1) > 0).To(DType.Int64) + (x.Narrow(1, 1, 1).Squeeze(1) > 0.5).To(DType.Int64);
        var batches = Enumerable.Range(0, 3).Select(b => (x.Narrow(0, 32 * b, 32), y.Narrow(0, 32 * b, 32))).ToList();
        var model = new Sequential(new Linear(4, 16), new ReLU(), new Linear(16, 3));
        var optimizer = new SGD(model.Parameters(), lr: 0.2, momentum: 0.9);
        var history = new Trainer(model, (p, t) => F.CrossEntropy(p, t), optimizer, metrics: [new Accuracy()])
            .Fit(batches, epochs: 4, validation: batches.Take(1).ToList());

        using var monitor = new GradientMonitor(model);
        foreach (var (input, target) in batches)
        {
            optimizer.ZeroGrad();
            F.CrossEntropy(model.Call(input), target).Backward();
            monitor.Step(optimizer);
        }
        monitor.EndEpoch();

        var cm = new ConfusionMatrix(3);
        using (Torch.NoGrad()) cm.Update(model.Call(x), y);
        var report = new RunReport
        {
            Title = "end to end",
            HyperParameters = new Dictionary<string, string> { ["lr"] = "0.2", ["momentum"] = "0.9" },
            History = history,
            ModelSummary = ModelSummary.Of(model, 1, 4).ToString(),
            TestMetrics = new Dictionary<string, double> { ["accuracy"] = history["accuracy"][^1] },
            ConfusionMatrix = cm.Compute(),
            ClassNames = ["low", "mid", "high"],
            GradientHealth = monitor.Epochs,
            HealthWarnings = monitor.Warnings,
            GradientSteps = monitor.History,
        };
        string path = Path.Combine(_dir, "report.html");
        HtmlReport.Write(report, path);
        string html = File.ReadAllText(path);
        foreach (string id in HtmlReport.SectionIds) Assert.Contains($"<section id=\"{id}\">", html);
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Matches(html, "<svg").Count);
        Assert.Contains("Last epoch (4)", html);
        Assert.Contains("Linear", html);
        Assert.Contains("<code>0</code>", html); // the first Linear's module path in the gradient table
        Assert.Contains("<th>high</th>", html);
        Assert.DoesNotContain("plots unavailable", html);

        string chart = TerminalChart.Render(history["loss"], width: 20, height: 4, logY: true, label: "loss");
        Assert.Equal(5, chart.Split('\n').Length);
    }
}
