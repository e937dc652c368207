using Ember.Diagnostics;
using Ember.Training;

namespace Ember.Plots.Tests;

/// <summary>Histories, monitor records and reports for the tests.</summary>
internal static class TestData
{
    /// <summary>A history as Trainer.Fit records it (every epoch logs the same quantities).</summary>
    public static History History(params (int Epoch, (string Key, double Value)[] Logs)[] epochs) =>
        Ember.Training.History.Create(epochs.Select(e => e.Epoch).ToArray(),
            epochs[0].Logs.Select(l => l.Key).ToDictionary(k => k, k => (IReadOnlyList<double>)epochs.Select(e => e.Logs.Single(l => l.Key == k).Value).ToArray()));

    /// <summary>Five epochs of loss, val_loss, accuracy, val_accuracy, lr and time; val_loss is missing at epoch 3.</summary>
    public static History Run() => History(
        (0, [("loss", 2.3), ("accuracy", 0.31), ("val_loss", 1.9), ("val_accuracy", 0.42), ("lr", 0.1), ("time", 1.5)]),
        (1, [("loss", 0.9), ("accuracy", 0.71), ("val_loss", 0.8), ("val_accuracy", 0.75), ("lr", 0.1), ("time", 1.4)]),
        (2, [("loss", 0.2), ("accuracy", 0.93), ("val_loss", double.NaN), ("val_accuracy", 0.9), ("lr", 0.05), ("time", 1.4)]),
        (3, [("loss", 0.05), ("accuracy", 0.98), ("val_loss", 0.09), ("val_accuracy", 0.96), ("lr", 0.05), ("time", 1.3)]),
        (4, [("loss", 0.008), ("accuracy", 0.995), ("val_loss", 0.07), ("val_accuracy", 0.97), ("lr", 0.01), ("time", 1.3)]));

    /// <summary>Step records for a 3-layer net whose first layer's gradient shrinks by 10× per step.</summary>
    public static IReadOnlyList<MonitorStepRecord> Steps(int count = 6) => Enumerable.Range(0, count).Select(s =>
        new MonitorStepRecord(s, s / 3,
        [
            new LayerGradientStats("fc1", "Linear", Math.Pow(10, -s), 3, double.NaN),
            new LayerGradientStats("fc2", "Linear", 0.5, 2, double.NaN),
            new LayerGradientStats("out", "Linear", 2.0, 1, double.NaN),
        ], [])).ToArray();

    public static IReadOnlyList<EpochHealth> Epochs() =>
    [
        new(0, 3, [new("fc1", "Linear", 3, 0.37, 0.01, 1, 1e-3), new("fc2", "Linear", 3, 0.5, 0.5, 0.5, 1e-3)], []),
        new(1, 3, [new("fc1", "Linear", 3, 3.7e-4, 1e-5, 1e-3, 1e-6), new("fc2", "Linear", 3, 0.5, 0.5, 0.5, 1e-3)],
            [new HealthWarning(HealthWarningKind.Vanishing, "fc1", "Linear", 5, 1e-5, 1e-4, "fc1 (Linear): gradient norm 1e-05 < 1e-04")]),
    ];

    /// <summary>A report with every section, a hostile class name and a hostile hyper-parameter.</summary>
    public static RunReport FullReport() => new()
    {
        Title = "digits <mlp> & co",
        CreatedUtc = new DateTime(2026, 12, 6, 7, 0, 0, DateTimeKind.Utc),
        HyperParameters = new Dictionary<string, string> { ["lr"] = "0.1", ["batch_size"] = "64", ["note"] = "<img src=x onerror=alert(1)>" },
        History = Run(),
        ModelSummary = "Layer (type)      Output Shape    Param #\nLinear: 1-1       [1, 10]         650\n<Total> params: 650",
        TestMetrics = new Dictionary<string, double> { ["accuracy"] = 0.9733, ["loss"] = 0.0912 },
        ConfusionMatrix = Torch.FromArray(new long[] { 50, 2, 0, 1, 45, 4, 0, 3, 47 }, 3, 3),
        ClassNames = ["cat", "<script>alert('x')</script>", "dog & \"fox\""],
        GradientHealth = Epochs(),
        GradientSteps = Steps(),
    };
}
