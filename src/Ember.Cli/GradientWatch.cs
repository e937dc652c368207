using Ember.Diagnostics;
using Ember.Training;

namespace Ember.Cli;

/// <summary>
/// Connects a <see cref="GradientMonitor"/> to <see cref="Trainer.Fit"/> for <c>--monitor-gradients</c>: records a step
/// after each batch, closes an epoch after each epoch and prints new warnings. The Trainer of today gives callbacks no
/// moment between <c>Backward</c> and the optimizer step, so from here the monitor sees the activations (dead and
/// saturated units) but not the gradients; once the Trainer drives a monitor itself this callback gives way to it.
/// </summary>
internal sealed class GradientWatch : Callback
{
    private readonly GradientMonitor _monitor;
    private readonly TextWriter _output;

    public GradientWatch(GradientMonitor monitor, TextWriter output)
    {
        _monitor = monitor;
        _output = output;
        _monitor.WarningRaised += (_, w) => _output.WriteLine($"warning: {w.Message}");
    }

    public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) => _monitor.Step();

    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs) => _monitor.EndEpoch();

    public override void OnTrainEnd(IReadOnlyDictionary<string, double> logs) => _monitor.Detach();
}
