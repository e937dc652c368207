using System.Collections;
using Ember.NN;
using Ember.Optim;
using Ember.Optim.Schedulers;

namespace Ember.Serialization;

/// <summary>
/// Training checkpoints: everything needed to resume a run exactly where it stopped — the model's state dict, the
/// optimizer's state (moments, step counts, group options), the scheduler's progress, the epoch, this thread's random
/// number generator state and any extra values (e.g. the training loop's callback state) — in one PyTorch file
/// (<see cref="PyTorchFile"/>), laid out as PyTorch users write theirs:
/// <c>{"model": …, "optimizer": …, "scheduler": …, "epoch": n, "rng_state": uint8 tensor, "extra": {…}}</c>, so
/// <c>torch.load(path, weights_only=True)</c> reads it too.
/// </summary>
/// <remarks>
/// Writes are atomic: the file is written to a temporary file in the same folder, flushed to disk and renamed over
/// <c>path</c>, so a crash or a kill mid-write leaves the previous checkpoint intact. Resuming from a checkpoint saved
/// between two epochs continues on exactly the trajectory of an uninterrupted run (same losses, bit for bit), provided
/// the run draws its randomness from the thread's default generator (dropout, <see cref="Data.DataLoader"/> shuffling).
/// </remarks>
public static class Checkpoint
{
    /// <summary>Saves a checkpoint atomically.</summary>
    /// <param name="path">The file to write (conventionally <c>.pt</c>); it is replaced only once the new one is complete.</param>
    /// <param name="model">The model whose state dict is saved.</param>
    /// <param name="optimizer">The optimizer whose state is saved (default none).</param>
    /// <param name="scheduler">The learning-rate scheduler whose progress is saved (default none).</param>
    /// <param name="epoch">The number of epochs completed (default 0).</param>
    /// <param name="extra">Extra values by name (numbers, strings, bools, tensors, lists, dictionaries; default none).</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or an extra value cannot be saved.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be written.</exception>
    public static void Save(string path, Module model, Optimizer? optimizer = null, ISchedulerState? scheduler = null, long epoch = 0,
        IReadOnlyDictionary<string, object?>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(model);
        var content = new OrderedDictionary<string, object?>
        {
            ["model"] = model.StateDict(),
            ["optimizer"] = optimizer?.StateDict().ToDictionary(),
            ["scheduler"] = scheduler?.StateDict(),
            ["epoch"] = epoch,
            ["rng_state"] = Torch.GetRngState(),
            ["extra"] = extra is null ? null : new OrderedDictionary<string, object?>(extra),
        };
        PyTorchFile.Save(content, path);
    }

    /// <summary>
    /// Loads a checkpoint into a model and, when given, an optimizer and a scheduler built as for the original run, and
    /// restores this thread's random number generator. Everything is validated before anything changes, except that a
    /// model/optimizer mismatch found by their own <c>LoadStateDict</c> stops the load where it was found.
    /// </summary>
    /// <param name="path">A file written by <see cref="Save"/>.</param>
    /// <param name="model">The model to load into.</param>
    /// <param name="optimizer">The optimizer to restore (default none: its state in the file is ignored).</param>
    /// <param name="scheduler">The scheduler to restore (default none).</param>
    /// <param name="strict">Require the model's keys to match the file's exactly (default true).</param>
    /// <param name="restoreRng">Restore the random number generator state (default true).</param>
    /// <returns>The epoch and extra values saved with the checkpoint.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="model"/> is null.</exception>
    /// <exception cref="ModelFormatException">The file is not a valid checkpoint (malformed, or without the entries asked for).</exception>
    /// <exception cref="ArgumentException">The saved states do not fit the model, optimizer or scheduler (the message names the key).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    public static CheckpointInfo Load(string path, Module model, Optimizer? optimizer = null, ISchedulerState? scheduler = null,
        bool strict = true, bool restoreRng = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(model);
        if (PyTorchFile.Load(path) is not IDictionary content)
            throw new ModelFormatException($"checkpoint: {path} holds no dictionary of checkpoint entries");
        var modelState = new List<KeyValuePair<string, Tensor>>();
        foreach (DictionaryEntry e in Entry<IDictionary>(content, "model", path))
        {
            if (e.Key is not string key || e.Value is not Tensor t)
                throw new ModelFormatException($"checkpoint: the model state in {path} maps {e.Key} to {e.Value?.GetType().Name ?? "None"}, not a name to a tensor");
            modelState.Add(new(key, t));
        }
        var optimizerState = optimizer is null ? null : OptimizerState.FromDictionary(Entry<IDictionary>(content, "optimizer", path));
        var schedulerState = scheduler is null ? null : StringKeys(Entry<IDictionary>(content, "scheduler", path), "scheduler", path);
        var rng = restoreRng ? Entry<Tensor>(content, "rng_state", path) : null;
        long epoch = content.Contains("epoch") && content["epoch"] is long n ? n
            : throw new ModelFormatException($"checkpoint: {path} has no integer 'epoch'");
        var extra = content.Contains("extra") && content["extra"] is IDictionary x ? StringKeys(x, "extra", path) : new Dictionary<string, object?>();
        if (rng is not null && (rng.DType != DType.UInt8 || rng.Dim != 1 || rng.Numel != Generator.StateBytes))
            throw new ModelFormatException($"checkpoint: 'rng_state' in {path} is {rng.DType} of shape {rng.Shape}, not a generator state");

        model.LoadStateDict(modelState, strict);
        optimizer?.LoadStateDict(optimizerState!);
        scheduler?.LoadStateDict(schedulerState!);
        if (rng is not null) Torch.SetRngState(rng);
        return new CheckpointInfo(epoch, extra);
    }

    private static T Entry<T>(IDictionary content, string key, string path) where T : class =>
        content.Contains(key) && content[key] is T value ? value
            : throw new ModelFormatException($"checkpoint: {path} has no '{key}' entry of the right kind (a {typeof(T).Name}); was it saved with one?");

    private static Dictionary<string, object?> StringKeys(IDictionary d, string what, string path)
    {
        var result = new Dictionary<string, object?>();
        foreach (DictionaryEntry e in d)
            result[e.Key as string ?? throw new ModelFormatException($"checkpoint: '{what}' in {path} has a key that is not a string ({e.Key})")] = e.Value;
        return result;
    }
}

/// <summary>What <see cref="Checkpoint.Load"/> returns besides the states it restores.</summary>
/// <param name="Epoch">The number of epochs completed when the checkpoint was saved.</param>
/// <param name="Extra">The extra values saved with it (empty when none).</param>
public sealed record CheckpointInfo(long Epoch, IReadOnlyDictionary<string, object?> Extra);
