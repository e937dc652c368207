using Ember.Training;

namespace Ember.Selection;

/// <summary>
/// How <see cref="CrossValidation.CrossValidate(Func{int, Trainer}, Data.Dataset{ValueTuple{Tensor, Tensor}}, CrossValidationOptions?)"/>
/// splits the data and trains each fold. Every property has a default, so <c>new CrossValidationOptions { K = 10, Epochs = 100 }</c>
/// changes only what it names.
/// </summary>
public sealed class CrossValidationOptions
{
    /// <summary>The number of folds (default 5, d2l's <c>k</c>); at least 2 and at most the number of samples.</summary>
    public int K { get; init; } = 5;

    /// <summary>
    /// Split with <see cref="Data.StratifiedKFold"/> instead of <see cref="Data.KFold"/> (default false), the class of each
    /// sample read from its target (a single integer value).
    /// </summary>
    public bool Stratified { get; init; }

    /// <summary>Shuffle the samples before cutting folds (default false), as <see cref="Data.KFold.Shuffle"/>.</summary>
    public bool Shuffle { get; init; }

    /// <summary>The split's seed (default null), as <see cref="Data.KFold.RandomState"/>; only with <see cref="Shuffle"/>.</summary>
    public long? RandomState { get; init; }

    /// <summary>Epochs each fold is trained for (default 1); at least 1.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Samples per training and validation batch (default 32); at least 1.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Reshuffle each fold's training part every epoch (default true, d2l's <c>load_array(…, is_train=True)</c>).</summary>
    public bool ShuffleBatches { get; init; } = true;

    /// <summary>
    /// The seed of every fold's training randomness (default null: one number drawn from the calling thread's
    /// <see cref="Generator.Default"/>, so <c>Torch.ManualSeed</c> fixes it). Fold f trains with its own streams derived from
    /// (seed, f) — see <see cref="FoldResult.Seed"/> — so its result does not depend on the other folds or on threads.
    /// </summary>
    public long? Seed { get; init; }

    /// <summary>
    /// How many folds train at the same time (default 1: one after the other on the calling thread); at least 1. The result
    /// is identical whatever the value.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    /// <summary>Builds the callbacks of fold f's <see cref="Trainer.Fit"/> (default none); called on the calling thread, in fold order.</summary>
    public Func<int, IEnumerable<Callback>>? Callbacks { get; init; }

    /// <summary>
    /// Called with each fold's result as it is complete, in fold order (a fold that ends early waits for the ones before it),
    /// never from two threads at once (default none).
    /// </summary>
    public Action<FoldResult>? OnFoldEnd { get; init; }

    /// <summary>
    /// Where to print one line per fold (d2l's <c>fold 1, train log rmse …, valid log rmse …</c>) and the averages (default
    /// null: print nothing).
    /// </summary>
    public TextWriter? Output { get; init; }
}
