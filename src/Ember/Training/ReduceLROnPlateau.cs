namespace Ember.Training;

/// <summary>
/// Reduces the learning rate when a monitored quantity has stopped improving (Keras' <c>ReduceLROnPlateau</c> callback,
/// same names, defaults and rules): after each epoch a value counts as an improvement when it beats the best by more than
/// <c>minDelta</c>; after <c>patience</c> epochs without one, every parameter group whose rate is above <c>minLr</c> gets
/// <c>max(lr · factor, minLr)</c>, the wait restarts, and the next <c>cooldown</c> epochs neither count as waiting nor
/// reduce again.
/// </summary>
/// <remarks>
/// This is the callback; <see cref="Optim.Schedulers.ReduceLROnPlateau"/> is PyTorch's scheduler (relative thresholds,
/// <c>threshold_mode</c>, <c>eps</c>), which a <see cref="Trainer"/> also accepts as its scheduler. In a file that imports
/// both <c>Ember.Training</c> and <c>Ember.Optim.Schedulers</c>, name the one you mean (<c>Training.ReduceLROnPlateau</c>).
/// </remarks>
public sealed class ReduceLROnPlateau : Callback
{
    private readonly Improvement _rule;

    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">The quantity to watch (default <c>"val_loss"</c>).</param>
    /// <param name="factor">The factor the rate is multiplied by, in (0, 1) (default 0.1).</param>
    /// <param name="patience">Epochs without improvement before a reduction (default 10).</param>
    /// <param name="verbose">1: print a line when the rate is reduced (default 0).</param>
    /// <param name="mode">Whether lower or higher is better (default <see cref="MonitorMode.Auto"/>: higher when the name
    /// contains <c>acc</c>, as Keras' callback decides).</param>
    /// <param name="minDelta">The least change that counts as an improvement (default 1e-4).</param>
    /// <param name="cooldown">Epochs after a reduction before waiting resumes (default 0).</param>
    /// <param name="minLr">The lower bound of the rate (default 0).</param>
    /// <exception cref="ArgumentNullException"><paramref name="monitor"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is not in (0, 1), <paramref name="patience"/>
    /// or <paramref name="cooldown"/> is negative, <paramref name="minLr"/> is negative or not finite, or
    /// <paramref name="verbose"/> is not 0 or 1.</exception>
    public ReduceLROnPlateau(string monitor = "val_loss", double factor = 0.1, int patience = 10, int verbose = 0, MonitorMode mode = MonitorMode.Auto,
        double minDelta = 1e-4, int cooldown = 0, double minLr = 0)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        if (!(factor > 0 && factor < 1))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, $"reduce_lr_on_plateau: factor must be in (0, 1), got {factor}");
        if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), patience, $"reduce_lr_on_plateau: patience must not be negative, got {patience}");
        if (cooldown < 0) throw new ArgumentOutOfRangeException(nameof(cooldown), cooldown, $"reduce_lr_on_plateau: cooldown must not be negative, got {cooldown}");
        if (!(minLr >= 0 && double.IsFinite(minLr)))
            throw new ArgumentOutOfRangeException(nameof(minLr), minLr, $"reduce_lr_on_plateau: minLr must be finite and not negative, got {minLr}");
        if (verbose is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(verbose), verbose, $"reduce_lr_on_plateau: verbose must be 0 or 1, got {verbose}");
        if (!Enum.IsDefined(mode)) throw new ArgumentOutOfRangeException(nameof(mode), mode, $"reduce_lr_on_plateau: unknown mode {mode}");
        Monitor = monitor;
        Factor = factor;
        Patience = patience;
        Verbose = verbose;
        Cooldown = cooldown;
        MinLr = minLr;
        _rule = new Improvement(mode == MonitorMode.Max || (mode == MonitorMode.Auto && monitor.Contains("acc", StringComparison.Ordinal)), minDelta);
        Best = _rule.Worst;
    }

    /// <summary>The watched quantity.</summary>
    public string Monitor { get; }

    /// <summary>The reduction factor.</summary>
    public double Factor { get; }

    /// <summary>Epochs without improvement before a reduction.</summary>
    public int Patience { get; }

    /// <summary>1 when reductions are printed.</summary>
    public int Verbose { get; }

    /// <summary>Epochs after a reduction before waiting resumes.</summary>
    public int Cooldown { get; }

    /// <summary>The lower bound of the rate.</summary>
    public double MinLr { get; }

    /// <summary>The best value seen.</summary>
    public double Best { get; private set; }

    /// <summary>Epochs since the last improvement (outside cooldown).</summary>
    public int Wait { get; private set; }

    /// <summary>Cooldown epochs left.</summary>
    public int CooldownCounter { get; private set; }

    private bool _resumed;

    /// <inheritdoc/>
    /// <remarks>A state restored by <see cref="LoadStateDict"/> (resuming from a checkpoint) is kept, not reset.</remarks>
    public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs)
    {
        if (_resumed)
        {
            _resumed = false;
            return;
        }
        Best = _rule.Worst;
        Wait = 0;
        CooldownCounter = 0;
    }

    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">The monitored quantity is not in the logs (e.g. <c>val_loss</c> without validation data).</exception>
    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        if (!logs.TryGetValue(Monitor, out double current))
            throw new KeyNotFoundException($"reduce_lr_on_plateau: conditioned on '{Monitor}', which is not available; available: {string.Join(", ", logs.Keys)}");
        if (CooldownCounter > 0)
        {
            CooldownCounter--;
            Wait = 0;
        }
        if (_rule.IsImprovement(current, Best))
        {
            Best = current;
            Wait = 0;
        }
        else if (CooldownCounter == 0 && ++Wait >= Patience)
        {
            bool reduced = false;
            foreach (var group in Trainer.Optimizer.ParamGroups)
            {
                if (!(group.Lr > MinLr)) continue;
                group.Lr = Math.Max(group.Lr * Factor, MinLr);
                reduced = true;
            }
            if (reduced)
            {
                if (Verbose > 0) Console.WriteLine($"Epoch {epoch + 1}: ReduceLROnPlateau reducing learning rate to {Trainer.Optimizer.ParamGroups[0].Lr:G6}.");
                CooldownCounter = Cooldown;
                Wait = 0;
            }
        }
    }

    /// <inheritdoc/>
    public override OrderedDictionary<string, object?>? StateDict() =>
        new() { ["best"] = Best, ["wait"] = (long)Wait, ["cooldown_counter"] = (long)CooldownCounter };

    /// <inheritdoc/>
    public override void LoadStateDict(IReadOnlyDictionary<string, object?> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _resumed = true;
        if (state.TryGetValue("best", out var b) && b is double best) Best = best;
        if (state.TryGetValue("wait", out var w) && w is long wait) Wait = checked((int)wait);
        if (state.TryGetValue("cooldown_counter", out var c) && c is long counter) CooldownCounter = checked((int)counter);
    }
}
