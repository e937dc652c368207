namespace Ember.Training;

/// <summary>Whether a monitored quantity improves by going down or up (Keras' <c>mode</c>).</summary>
public enum MonitorMode
{
    /// <summary>From the name, as Keras: up for names containing <c>acc</c> (accuracy) or starting with <c>fmeasure</c>, else down.</summary>
    Auto,

    /// <summary>Lower is better (losses, errors).</summary>
    Min,

    /// <summary>Higher is better (accuracies, scores).</summary>
    Max,
}

/// <summary>The comparison a monitoring callback uses (Keras' <c>monitor_op</c> with its <c>min_delta</c> sign).</summary>
internal readonly record struct Improvement(bool Higher, double MinDelta)
{
    public static Improvement For(string monitor, MonitorMode mode, double minDelta) => new(
        mode == MonitorMode.Max || (mode == MonitorMode.Auto && (monitor.Contains("acc", StringComparison.Ordinal) || monitor.StartsWith("fmeasure", StringComparison.Ordinal))),
        Math.Abs(minDelta));

    /// <summary>The starting "best": +∞ when lower is better, −∞ when higher is.</summary>
    public double Worst => Higher ? double.NegativeInfinity : double.PositiveInfinity;

    /// <summary>Keras' <c>_is_improvement</c>: better than <paramref name="reference"/> by more than the minimum delta.</summary>
    public bool IsImprovement(double value, double reference) => Higher ? value - MinDelta > reference : value + MinDelta < reference;
}
