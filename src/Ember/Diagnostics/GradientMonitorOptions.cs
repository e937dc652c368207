namespace Ember.Diagnostics;

/// <summary>
/// Thresholds and settings of a <see cref="GradientMonitor"/>. The defaults flag a 30-layer sigmoid network (vanishing)
/// and an unclipped recurrent network with large weights (exploding) while leaving a ReLU + batch-norm network or a
/// ResNet alone.
/// </summary>
public sealed class GradientMonitorOptions
{
    /// <summary>A layer's gradient L2 norm below this is vanishing (default 1e-7).</summary>
    public double VanishingThreshold { get; init; } = 1e-7;

    /// <summary>A layer's gradient norm below this fraction of the largest layer's norm in the same step is vanishing too
    /// (default 1e-5); 0 turns the relative test off.</summary>
    public double RelativeVanishingThreshold { get; init; } = 1e-5;

    /// <summary>A layer's gradient L2 norm above this is exploding (default 1e3); the warning comes at once.</summary>
    public double ExplodingThreshold { get; init; } = 1e3;

    /// <summary>How many consecutive steps a vanishing gradient, a saturated layer or dead units must last before a
    /// warning (default 3); at least 1.</summary>
    public int Patience { get; init; } = 3;

    /// <summary>A sigmoid output within this distance of 0 or 1, or a tanh output within it of ±1, is saturated (default 0.01).</summary>
    public double SaturationMargin { get; init; } = 0.01;

    /// <summary>The fraction of saturated outputs above which a sigmoid/tanh layer is saturated (default 0.5).</summary>
    public double SaturationThreshold { get; init; } = 0.5;

    /// <summary>The fraction of dead units (zero for every sample over <see cref="Patience"/> steps) above which a ReLU layer
    /// is reported (default 0.5).</summary>
    public double DeadUnitThreshold { get; init; } = 0.5;

    /// <summary>Whether to attach forward hooks to the leaf layers for activation statistics (default true).</summary>
    public bool TrackActivations { get; init; } = true;

    /// <summary>How many step records <see cref="GradientMonitor.History"/> keeps (default 1000); at least 1.</summary>
    public int HistorySize { get; init; } = 1000;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A threshold is negative or NaN, a fraction lies outside [0, 1], or
    /// <see cref="Patience"/> or <see cref="HistorySize"/> is below 1.</exception>
    internal void Validate()
    {
        static void NonNegative(double v, string name)
        {
            if (!(v >= 0)) throw new ArgumentOutOfRangeException(name, v, $"gradient_monitor: {name} must be a non-negative number, got {v}");
        }
        static void Fraction(double v, string name)
        {
            if (!(v >= 0 && v <= 1)) throw new ArgumentOutOfRangeException(name, v, $"gradient_monitor: {name} must lie in [0, 1], got {v}");
        }
        NonNegative(VanishingThreshold, nameof(VanishingThreshold));
        Fraction(RelativeVanishingThreshold, nameof(RelativeVanishingThreshold));
        NonNegative(ExplodingThreshold, nameof(ExplodingThreshold));
        Fraction(SaturationMargin, nameof(SaturationMargin));
        Fraction(SaturationThreshold, nameof(SaturationThreshold));
        Fraction(DeadUnitThreshold, nameof(DeadUnitThreshold));
        if (Patience < 1) throw new ArgumentOutOfRangeException(nameof(Patience), Patience, $"gradient_monitor: Patience must be at least 1, got {Patience}");
        if (HistorySize < 1) throw new ArgumentOutOfRangeException(nameof(HistorySize), HistorySize, $"gradient_monitor: HistorySize must be at least 1, got {HistorySize}");
    }
}
