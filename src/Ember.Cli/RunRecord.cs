using Ember.Diagnostics;
using Ember.Training;

namespace Ember.Cli;

/// <summary>
/// Everything a report of one <c>ember train</c> run needs, collected by the train command and handed to
/// <see cref="ReportWriter.Write"/>.
/// </summary>
internal sealed class RunRecord
{
    public required string Title { get; init; }

    /// <summary>The run's settings as shown to a reader (data, model, optimizer, epochs, …), in order.</summary>
    public required IReadOnlyDictionary<string, string> HyperParameters { get; init; }

    public required History History { get; init; }

    /// <summary>The model summary (<see cref="NN.ModelSummary"/>'s text).</summary>
    public required string ModelSummary { get; init; }

    /// <summary>The test figures by name (<c>loss</c>, <c>accuracy</c>, <c>macro_f1</c> or <c>rmse</c>, <c>mae</c>, <c>r2</c>).</summary>
    public required IReadOnlyDictionary<string, double> TestMetrics { get; init; }

    public required TaskKind Task { get; init; }

    /// <summary>int64 [C, C] (rows: true classes), or null for regression.</summary>
    public Tensor? ConfusionMatrix { get; init; }

    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>The gradient monitor's per-epoch summaries (with <c>--monitor-gradients</c>), or null.</summary>
    public IReadOnlyList<EpochHealth>? GradientEpochs { get; init; }

    /// <summary>The gradient monitor's warnings (with <c>--monitor-gradients</c>), or null.</summary>
    public IReadOnlyList<HealthWarning>? GradientWarnings { get; init; }

    public double WallSeconds { get; init; }

    /// <summary>Where the trained model was saved, or null.</summary>
    public string? ModelFile { get; init; }
}
