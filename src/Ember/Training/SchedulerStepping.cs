namespace Ember.Training;

/// <summary>When <see cref="Trainer"/> steps its learning-rate scheduler.</summary>
public enum SchedulerStepping
{
    /// <summary>Once after every epoch (StepLR, CosineAnnealingLR…); a ReduceLROnPlateau gets the monitored value.</summary>
    Epoch,

    /// <summary>After every optimizer step (OneCycleLR and other per-iteration schedules).</summary>
    Batch,
}
