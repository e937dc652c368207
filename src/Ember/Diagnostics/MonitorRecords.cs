namespace Ember.Diagnostics;

/// <summary>The gradient statistics of one parameter-owning layer at one step.</summary>
/// <param name="Layer">The module path (empty for the model itself).</param>
/// <param name="LayerType">The layer's class name.</param>
/// <param name="GradNorm">The L2 norm of all the layer's own parameter gradients together (NaN/∞ when they hold NaN/∞).</param>
/// <param name="WeightNorm">The L2 norm of the layer's own parameters together.</param>
/// <param name="UpdateRatio">‖Δw‖/‖w‖ of the optimizer step (filled by <see cref="GradientMonitor.AfterOptimizerStep"/>;
/// NaN when not measured). A healthy value is around 1e-3.</param>
public sealed record LayerGradientStats(string Layer, string LayerType, double GradNorm, double WeightNorm, double UpdateRatio);

/// <summary>The statistics of one leaf layer's outputs over the forward passes (with grad mode on) of one step.</summary>
/// <param name="Layer">The module path.</param>
/// <param name="LayerType">The layer's class name.</param>
/// <param name="Count">The number of output elements seen.</param>
/// <param name="Mean">Their mean.</param>
/// <param name="Std">Their (population) standard deviation.</param>
/// <param name="ZeroFraction">For a ReLU: the fraction of outputs exactly zero; NaN for other layers.</param>
/// <param name="DeadFraction">For a ReLU: the fraction of units (dimension 1 of a batched output, else the elements)
/// zero for every sample of the step; NaN for other layers.</param>
/// <param name="SaturatedFraction">For a Sigmoid, Tanh or tanh RNN: the fraction of outputs within
/// <see cref="GradientMonitorOptions.SaturationMargin"/> of their limits; NaN for other layers.</param>
public sealed record ActivationStats(string Layer, string LayerType, long Count, double Mean, double Std,
    double ZeroFraction, double DeadFraction, double SaturatedFraction);

/// <summary>What the monitor recorded at one step.</summary>
/// <param name="Step">The 0-based step.</param>
/// <param name="Epoch">The 0-based epoch (advanced by <see cref="GradientMonitor.EndEpoch"/>).</param>
/// <param name="Gradients">One entry per parameter-owning layer that got a gradient, in module order.</param>
/// <param name="Activations">One entry per tracked leaf layer called with grad mode on since the previous step, in module order.</param>
public sealed record MonitorStepRecord(long Step, int Epoch, IReadOnlyList<LayerGradientStats> Gradients, IReadOnlyList<ActivationStats> Activations);

/// <summary>One layer's gradient statistics over an epoch.</summary>
/// <param name="Layer">The module path.</param>
/// <param name="LayerType">The layer's class name.</param>
/// <param name="Steps">The number of steps with a gradient.</param>
/// <param name="MeanGradNorm">The mean of the finite gradient norms (NaN when none).</param>
/// <param name="MinGradNorm">The smallest gradient norm.</param>
/// <param name="MaxGradNorm">The largest gradient norm.</param>
/// <param name="MeanUpdateRatio">The mean of the measured update/weight ratios (NaN when none).</param>
public sealed record LayerEpochStats(string Layer, string LayerType, long Steps, double MeanGradNorm, double MinGradNorm, double MaxGradNorm, double MeanUpdateRatio);

/// <summary>The gradient health of one epoch.</summary>
/// <param name="Epoch">The 0-based epoch.</param>
/// <param name="Steps">The number of steps in it.</param>
/// <param name="Layers">Per-layer aggregates, in module order.</param>
/// <param name="Warnings">The warnings raised during the epoch.</param>
public sealed record EpochHealth(int Epoch, long Steps, IReadOnlyList<LayerEpochStats> Layers, IReadOnlyList<HealthWarning> Warnings);
