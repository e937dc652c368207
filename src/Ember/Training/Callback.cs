namespace Ember.Training;

/// <summary>
/// A hook into <see cref="Trainer.Fit"/> (Keras' <c>Callback</c>): override the events you need. <c>logs</c> hold the
/// quantities so far — in <see cref="OnBatchEnd"/> the batch's <c>"loss"</c>, in <see cref="OnEpochEnd"/> the epoch's
/// <c>"loss"</c>, metrics, <c>"val_…"</c> values, <c>"lr"</c> and <c>"time"</c>. Set <see cref="Trainer.StopTraining"/>
/// to end training after the current batch's step.
/// </summary>
public abstract class Callback
{
    /// <summary>The trainer running the callback (set when training begins).</summary>
    public Trainer Trainer { get; internal set; } = null!;

    /// <summary>Called once before the first epoch.</summary>
    /// <param name="logs">Empty.</param>
    public virtual void OnTrainBegin(IReadOnlyDictionary<string, double> logs) { }

    /// <summary>Called once after the last epoch (also after an early stop).</summary>
    /// <param name="logs">The last epoch's logs.</param>
    public virtual void OnTrainEnd(IReadOnlyDictionary<string, double> logs) { }

    /// <summary>Called before each epoch.</summary>
    /// <param name="epoch">The epoch, 0-based.</param>
    public virtual void OnEpochBegin(int epoch) { }

    /// <summary>Called after each epoch, once validation has run.</summary>
    /// <param name="epoch">The epoch, 0-based.</param>
    /// <param name="logs">The epoch's quantities (a callback may add entries, e.g. a learning rate it set).</param>
    public virtual void OnEpochEnd(int epoch, IDictionary<string, double> logs) { }

    /// <summary>Called before each training batch.</summary>
    /// <param name="batch">The batch index within the epoch, 0-based.</param>
    public virtual void OnBatchBegin(int batch) { }

    /// <summary>Called after each training batch.</summary>
    /// <param name="batch">The batch index within the epoch, 0-based.</param>
    /// <param name="logs">The batch's <c>"loss"</c> and <c>"size"</c> (its number of samples).</param>
    public virtual void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) { }

    /// <summary>The callback's state to keep in a checkpoint (default: none), as plain values (numbers, strings, tensors, lists, dictionaries).</summary>
    /// <returns>The state, or null when the callback has none.</returns>
    public virtual OrderedDictionary<string, object?>? StateDict() => null;

    /// <summary>Restores a state from <see cref="StateDict"/> when training resumes from a checkpoint.</summary>
    /// <param name="state">The saved state.</param>
    public virtual void LoadStateDict(IReadOnlyDictionary<string, object?> state) { }
}
