namespace Ember.Optim.Schedulers;

/// <summary>
/// A learning-rate scheduler whose progress can be saved and restored in PyTorch's <c>state_dict()</c> layout: every
/// <see cref="LRScheduler"/> and <see cref="ReduceLROnPlateau"/>. Checkpoints take one.
/// </summary>
public interface ISchedulerState
{
    /// <summary>The scheduler's state as plain .NET values (numbers, strings, lists, dictionaries).</summary>
    /// <returns>A new dictionary.</returns>
    OrderedDictionary<string, object?> StateDict();

    /// <summary>Restores a state from <see cref="StateDict"/>; nothing changes when validation fails.</summary>
    /// <param name="state">A state dict of a scheduler of the same kind.</param>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentException">An entry is missing or has the wrong kind of value.</exception>
    void LoadStateDict(IReadOnlyDictionary<string, object?> state);
}
