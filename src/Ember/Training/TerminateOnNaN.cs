namespace Ember.Training;

/// <summary>Stops training as soon as a batch's loss is NaN or infinite (Keras' <c>TerminateOnNaN</c>).</summary>
public sealed class TerminateOnNaN : Callback
{
    /// <summary>The batch (within its epoch) whose loss was not finite, or null.</summary>
    public int? TerminatedAtBatch { get; private set; }

    /// <inheritdoc/>
    public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
        if (logs.TryGetValue("loss", out double loss) && !double.IsFinite(loss))
        {
            TerminatedAtBatch = batch;
            Trainer.StopTraining = true;
        }
    }
}
