namespace Ember.Training;

/// <summary>
/// Sets every parameter group's learning rate at the start of each epoch from a function of the epoch (0-based) and the
/// current rate (Keras' <c>LearningRateScheduler</c>); the rate used appears as <c>"lr"</c> in the epoch's logs.
/// </summary>
public sealed class LearningRateScheduler : Callback
{
    private readonly Func<int, double, double> _schedule;

    /// <summary>Creates the callback.</summary>
    /// <param name="schedule">(epoch, current lr) → new lr, e.g. <c>(e, lr) =&gt; e &lt; 10 ? lr : lr * 0.9</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    public LearningRateScheduler(Func<int, double, double> schedule) => _schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The schedule returned a rate that is negative or not finite.</exception>
    public override void OnEpochBegin(int epoch)
    {
        double lr = _schedule(epoch, Trainer.Optimizer.ParamGroups[0].Lr);
        if (!(lr >= 0 && double.IsFinite(lr)))
            throw new ArgumentException($"learning_rate_scheduler: the schedule returned {lr} for epoch {epoch}; a learning rate must be finite and not negative");
        foreach (var g in Trainer.Optimizer.ParamGroups) g.Lr = lr;
    }
}
