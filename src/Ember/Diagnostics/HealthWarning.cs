namespace Ember.Diagnostics;

/// <summary>What a <see cref="HealthWarning"/> reports.</summary>
public enum HealthWarningKind
{
    /// <summary>A layer's gradient norm stayed below the vanishing threshold (absolute, or relative to the largest layer's norm) for <see cref="GradientMonitorOptions.Patience"/> steps.</summary>
    Vanishing,
    /// <summary>A layer's gradient norm rose above <see cref="GradientMonitorOptions.ExplodingThreshold"/>.</summary>
    Exploding,
    /// <summary>A layer's gradient, or its output in the forward pass, holds NaN or an infinity.</summary>
    NonFinite,
    /// <summary>More than <see cref="GradientMonitorOptions.SaturationThreshold"/> of a sigmoid/tanh layer's outputs sat within
    /// <see cref="GradientMonitorOptions.SaturationMargin"/> of their limits for <see cref="GradientMonitorOptions.Patience"/> steps.</summary>
    Saturated,
    /// <summary>More than <see cref="GradientMonitorOptions.DeadUnitThreshold"/> of a ReLU layer's units output exactly zero for
    /// every sample of <see cref="GradientMonitorOptions.Patience"/> consecutive steps.</summary>
    DeadUnits,
}

/// <summary>
/// One problem found by a <see cref="GradientMonitor"/>, naming the layer by its module path (as in
/// <see cref="NN.Module.NamedModules"/>, e.g. <c>layer1.0.conv1</c>; empty for the model itself).
/// </summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Layer">The module path of the layer.</param>
/// <param name="LayerType">The layer's class name, e.g. <c>Linear</c>.</param>
/// <param name="Step">The monitor step (0-based count of <see cref="GradientMonitor.Step()"/> calls) at which the warning was raised.</param>
/// <param name="Value">The measured value: a gradient L2 norm (Vanishing, Exploding, NonFinite) or a fraction in [0, 1] (Saturated, DeadUnits).</param>
/// <param name="Threshold">The threshold the value crossed.</param>
/// <param name="Message">A sentence for people, naming the layer, the value, the threshold and a likely remedy.</param>
public sealed record HealthWarning(HealthWarningKind Kind, string Layer, string LayerType, long Step, double Value, double Threshold, string Message)
{
    /// <summary>The message.</summary>
    public override string ToString() => Message;
}
