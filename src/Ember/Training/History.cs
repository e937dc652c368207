using Ember.Diagnostics;

namespace Ember.Training;

/// <summary>
/// What <see cref="Trainer.Fit"/> recorded, epoch by epoch (Keras' <c>History</c>): each quantity by name — <c>"loss"</c>,
/// <c>"val_loss"</c>, metrics and <c>"val_"</c>-prefixed metrics, <c>"lr"</c> (the first group's learning rate during the
/// epoch) and <c>"time"</c> (seconds) — as a list with one value per epoch run.
/// </summary>
public sealed class History
{
    private readonly Dictionary<string, List<double>> _values = new(StringComparer.Ordinal);
    private readonly List<int> _epochs = new();

    /// <summary>The epochs run, 0-based (they start at <c>initialEpoch</c> when resuming).</summary>
    public IReadOnlyList<int> Epochs => _epochs;

    /// <summary>Every quantity's per-epoch values, by name (Keras' <c>history.history</c>).</summary>
    public IReadOnlyDictionary<string, List<double>> Values => _values;

    /// <summary>The per-epoch values of one quantity.</summary>
    /// <param name="name">E.g. <c>"loss"</c> or <c>"val_accuracy"</c>.</param>
    /// <exception cref="KeyNotFoundException">Nothing of that name was recorded.</exception>
    public IReadOnlyList<double> this[string name] =>
        _values.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"history: nothing named '{name}' was recorded (recorded: {string.Join(", ", _values.Keys)})");

    private readonly List<EpochHealth> _health = new();

    /// <summary>
    /// The gradient health of each epoch run (per-layer gradient norms and update ratios, and the warnings raised), when the
    /// trainer watched gradients (its <c>gradientMonitor</c> option); empty otherwise.
    /// </summary>
    public IReadOnlyList<EpochHealth> Health => _health;

    /// <summary>Every gradient-health warning raised during the run, in order.</summary>
    public IReadOnlyList<HealthWarning> HealthWarnings => _health.SelectMany(h => h.Warnings).ToList();

    /// <summary>
    /// A history from recorded values — e.g. a plain training loop's, or one read back from a file — so that plots and
    /// reports take it like one from <see cref="Trainer.Fit"/>.
    /// </summary>
    /// <param name="epochs">The epochs, 0-based.</param>
    /// <param name="values">Each quantity's values, one per epoch (NaN where absent).</param>
    /// <param name="health">Each epoch's gradient health (default none).</param>
    /// <returns>The history.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="epochs"/> or <paramref name="values"/> is null, or a list in it is.</exception>
    /// <exception cref="ArgumentException">A quantity has not one value per epoch, or an epoch is negative.</exception>
    public static History Create(IReadOnlyList<int> epochs, IReadOnlyDictionary<string, IReadOnlyList<double>> values, IEnumerable<EpochHealth>? health = null)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        ArgumentNullException.ThrowIfNull(values);
        var history = new History();
        foreach (int e in epochs)
            if (e < 0) throw new ArgumentException($"history: epochs must not be negative, got {e}", nameof(epochs));
        history._epochs.AddRange(epochs);
        foreach (var (name, list) in values)
        {
            ArgumentNullException.ThrowIfNull(list, nameof(values));
            if (list.Count != epochs.Count)
                throw new ArgumentException($"history: '{name}' has {list.Count} values for {epochs.Count} epochs", nameof(values));
            history._values[name] = [.. list];
        }
        if (health is not null)
            foreach (var h in health) history._health.Add(h ?? throw new ArgumentNullException(nameof(health)));
        return history;
    }

    internal void AddHealth(EpochHealth health) => _health.Add(health);

    internal void Add(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        _epochs.Add(epoch);
        foreach (var (k, v) in logs)
        {
            if (!_values.TryGetValue(k, out var list))
            {
                // A quantity first seen late (e.g. validation every other epoch) is NaN where it was absent.
                _values[k] = list = Enumerable.Repeat(double.NaN, _epochs.Count - 1).ToList();
            }
            list.Add(v);
        }
        foreach (var list in _values.Values) while (list.Count < _epochs.Count) list.Add(double.NaN);
    }
}
