using Ember.NN;

namespace Ember.Training;

/// <summary>
/// Stops training when a monitored quantity has stopped improving (Keras' <c>EarlyStopping</c>, same names, defaults and
/// rules): after each epoch the value counts as an improvement when it beats the best by more than <c>minDelta</c>; after
/// <c>patience</c> epochs without one (and not in the first epoch) training stops, and with <c>restoreBestWeights</c>
/// the model gets back the weights of its best epoch. With a <c>baseline</c>, the wait resets only on improvements that
/// also beat the baseline.
/// </summary>
public sealed class EarlyStopping : Callback
{
    private readonly Improvement _rule;
    private OrderedDictionary<string, Tensor>? _bestWeights;
    private bool _resumed;

    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">The quantity to watch (default <c>"val_loss"</c>).</param>
    /// <param name="minDelta">The least change that counts as an improvement (default 0; its sign is ignored).</param>
    /// <param name="patience">Epochs without improvement before stopping (default 0).</param>
    /// <param name="mode">Whether lower or higher is better (default <see cref="MonitorMode.Auto"/>).</param>
    /// <param name="baseline">A value the quantity must beat for the wait to reset (default none).</param>
    /// <param name="restoreBestWeights">Restore the weights of the best epoch when stopping (default false).</param>
    /// <param name="startFromEpoch">Epochs to wait before watching at all (default 0).</param>
    /// <exception cref="ArgumentNullException"><paramref name="monitor"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="patience"/> or <paramref name="startFromEpoch"/> is negative.</exception>
    public EarlyStopping(string monitor = "val_loss", double minDelta = 0, int patience = 0, MonitorMode mode = MonitorMode.Auto,
        double? baseline = null, bool restoreBestWeights = false, int startFromEpoch = 0)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), patience, $"early_stopping: patience must not be negative, got {patience}");
        if (startFromEpoch < 0) throw new ArgumentOutOfRangeException(nameof(startFromEpoch), startFromEpoch, $"early_stopping: startFromEpoch must not be negative, got {startFromEpoch}");
        Monitor = monitor;
        Patience = patience;
        Baseline = baseline;
        RestoreBestWeights = restoreBestWeights;
        StartFromEpoch = startFromEpoch;
        _rule = Improvement.For(monitor, mode, minDelta);
        Best = _rule.Worst;
    }

    /// <summary>The watched quantity.</summary>
    public string Monitor { get; }

    /// <summary>Epochs without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>The baseline, or null.</summary>
    public double? Baseline { get; }

    /// <summary>Whether the best weights are restored on stopping.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>Epochs ignored at the start.</summary>
    public int StartFromEpoch { get; }

    /// <summary>The best value seen.</summary>
    public double Best { get; private set; }

    /// <summary>The epoch (0-based) of the best value.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>Epochs since the last improvement.</summary>
    public int Wait { get; private set; }

    /// <summary>The epoch (0-based) at which training was stopped, or 0 when it was not.</summary>
    public int StoppedEpoch { get; private set; }

    /// <inheritdoc/>
    /// <remarks>A state restored by <see cref="LoadStateDict"/> (resuming from a checkpoint) is kept, not reset.</remarks>
    public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs)
    {
        if (_resumed)
        {
            _resumed = false;
            return;
        }
        Wait = 0;
        StoppedEpoch = 0;
        Best = _rule.Worst;
        BestEpoch = 0;
        _bestWeights = null;
    }

    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">The monitored quantity is not in the logs (e.g. <c>val_loss</c> without validation data).</exception>
    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        if (!logs.TryGetValue(Monitor, out double current))
            throw new KeyNotFoundException($"early_stopping: conditioned on '{Monitor}', which is not available; available: {string.Join(", ", logs.Keys)}");
        if (epoch < StartFromEpoch) return;
        if (RestoreBestWeights && _bestWeights is null) _bestWeights = Copy(Trainer.Model);
        Wait++;
        if (_rule.IsImprovement(current, Best))
        {
            Best = current;
            BestEpoch = epoch;
            if (RestoreBestWeights) _bestWeights = Copy(Trainer.Model);
            if (Baseline is not double b || _rule.IsImprovement(current, b))
            {
                Wait = 0;
                return;
            }
        }
        if (Wait >= Patience && epoch > 0)
        {
            StoppedEpoch = epoch;
            Trainer.StopTraining = true;
            if (RestoreBestWeights && _bestWeights is not null) Trainer.Model.LoadStateDict(_bestWeights);
        }
    }

    private static OrderedDictionary<string, Tensor> Copy(Module model)
    {
        var copy = new OrderedDictionary<string, Tensor>();
        foreach (var (k, v) in model.StateDict()) copy[k] = v.Clone();
        return copy;
    }

    /// <inheritdoc/>
    public override OrderedDictionary<string, object?>? StateDict()
    {
        var state = new OrderedDictionary<string, object?> { ["wait"] = (long)Wait, ["best"] = Best, ["best_epoch"] = (long)BestEpoch };
        if (_bestWeights is not null) state["best_weights"] = _bestWeights;
        return state;
    }

    /// <inheritdoc/>
    public override void LoadStateDict(IReadOnlyDictionary<string, object?> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _resumed = true;
        if (state.TryGetValue("wait", out var w) && w is long wait) Wait = checked((int)wait);
        if (state.TryGetValue("best", out var b) && b is double best) Best = best;
        if (state.TryGetValue("best_epoch", out var e) && e is long bestEpoch) BestEpoch = checked((int)bestEpoch);
        if (state.TryGetValue("best_weights", out var bw) && bw is System.Collections.IDictionary weights)
        {
            _bestWeights = new OrderedDictionary<string, Tensor>();
            foreach (System.Collections.DictionaryEntry entry in weights)
                if (entry.Key is string k && entry.Value is Tensor t) _bestWeights[k] = t;
        }
    }
}
