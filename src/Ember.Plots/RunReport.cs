using Ember.Diagnostics;
using Ember.Training;

namespace Ember.Plots;

/// <summary>
/// What a run report shows (see <see cref="HtmlReport"/>): every part but the title is optional, and a part left
/// out (null or empty) leaves its section out of the report.
/// </summary>
public sealed class RunReport
{
    /// <summary>The report's title (default <c>"Ember run"</c>).</summary>
    public string Title { get; init; } = "Ember run";

    /// <summary>When the run was made, in UTC (default: when this object was created).</summary>
    public DateTime CreatedUtc { get; init; } = DateTime.UtcNow;

    /// <summary>The hyper-parameters by name, shown in the given order (default none), e.g. <c>lr → 0.01</c>.</summary>
    public IReadOnlyDictionary<string, string> HyperParameters { get; init; } = new Dictionary<string, string>();

    /// <summary>The per-epoch record of <see cref="Trainer.Fit"/>: curves and the last epoch's values (default none).</summary>
    public History? History { get; init; }

    /// <summary>The model summary's text, e.g. <see cref="T:Ember.NN.ModelSummary"/>'s <c>ToString()</c> (default none).</summary>
    public string? ModelSummary { get; init; }

    /// <summary>The final metrics on the test set by name, e.g. <c>accuracy → 0.973</c> (default none).</summary>
    public IReadOnlyDictionary<string, double>? TestMetrics { get; init; }

    /// <summary>The test set's confusion matrix, a square [C, C] tensor of counts (rows true class, columns predicted;
    /// e.g. <see cref="Metrics.ConfusionMatrix"/>'s result; default none).</summary>
    public Tensor? ConfusionMatrix { get; init; }

    /// <summary>The C class names for <see cref="ConfusionMatrix"/> (default: the class indices).</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>The gradient monitor's per-epoch aggregates (<see cref="GradientMonitor.Epochs"/>; default none).</summary>
    public IReadOnlyList<EpochHealth>? GradientHealth { get; init; }

    /// <summary>The gradient monitor's warnings (<see cref="GradientMonitor.Warnings"/>; default: those in
    /// <see cref="GradientHealth"/>).</summary>
    public IReadOnlyList<HealthWarning>? HealthWarnings { get; init; }

    /// <summary>The gradient monitor's step records (<see cref="GradientMonitor.History"/>), for per-step gradient-norm
    /// curves (default none: the curves then come from <see cref="GradientHealth"/>, per epoch).</summary>
    public IReadOnlyList<MonitorStepRecord>? GradientSteps { get; init; }
}
