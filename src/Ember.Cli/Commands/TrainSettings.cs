using System.Globalization;

namespace Ember.Cli.Commands;

/// <summary>The values of <see cref="TrainOptions"/> for one run.</summary>
internal sealed record TrainSettings
{
    public string Data { get; init; } = "digits";
    public string? Label { get; init; }
    public double TestSplit { get; init; } = 0.2;
    public string? TestData { get; init; }
    public TaskKind? Task { get; init; }
    public bool Standardize { get; init; } = true;
    public int? ImageSize { get; init; }
    public string Model { get; init; } = "mlp";
    public int[] Hidden { get; init; } = [];
    public double Dropout { get; init; }
    public int Epochs { get; init; } = Defaults.Epochs;
    public int BatchSize { get; init; } = 32;
    public string Optimizer { get; init; } = Defaults.Optimizer;
    public double? Lr { get; init; }
    public double Momentum { get; init; } = 0.9;
    public double WeightDecay { get; init; }
    public string Scheduler { get; init; } = Defaults.Scheduler;
    public int Seed { get; init; }
    public int? EarlyStopping { get; init; }
    public string? Checkpoint { get; init; }
    public string? Resume { get; init; }
    public string? CsvLog { get; init; }
    public double? ClipGradNorm { get; init; }
    public int Accumulate { get; init; } = 1;
    public bool MonitorGradients { get; init; }
    public int Verbose { get; init; } = 1;
    public string? Save { get; init; }

    /// <summary>The report path; empty for the default path, null for none.</summary>
    public string? Report { get; init; }

    public double LearningRate => Lr ?? Defaults.Lr(Optimizer);

    /// <summary>The settings as a reader sees them (the report's hyper-parameters).</summary>
    public Dictionary<string, string> Describe(ModelDescription model, int trainCount, int testCount)
    {
        var d = new Dictionary<string, string>
        {
            ["data"] = Data + (Label is null ? "" : $" (label {Label})"),
            ["split"] = TestData is null ? $"{trainCount} train / {testCount} test ({S(TestSplit)} held out, seed {Seed})" : $"{trainCount} train / {testCount} test ({TestData})",
            ["model"] = model.ToString(),
            ["epochs"] = S(Epochs),
            ["batch size"] = S(BatchSize),
            ["optimizer"] = Optimizer + (Optimizer is "sgd" or "rmsprop" ? $" (momentum {S(Momentum)})" : ""),
            ["learning rate"] = S(LearningRate),
            ["weight decay"] = S(WeightDecay),
            ["scheduler"] = Scheduler,
            ["feature scaling"] = Standardize ? "standardized (training part)" : "none",
            ["seed"] = S(Seed),
        };
        if (EarlyStopping is int p) d["early stopping"] = $"patience {p}";
        if (ClipGradNorm is double c) d["clip grad norm"] = S(c);
        if (Accumulate > 1) d["accumulate"] = S(Accumulate);
        return d;
    }

    private static string S(double v) => v.ToString(CultureInfo.InvariantCulture);
}
