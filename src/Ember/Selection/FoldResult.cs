using Ember.Training;

namespace Ember.Selection;

/// <summary>One fold of a cross-validation: its split, its trained <see cref="Trainer"/>, its history and its final values.</summary>
public sealed class FoldResult
{
    internal FoldResult(int fold, int[] trainIndices, int[] validationIndices, long seed, Trainer trainer, History history)
    {
        Fold = fold;
        TrainIndices = trainIndices;
        ValidationIndices = validationIndices;
        Seed = seed;
        Trainer = trainer;
        History = history;
        var final = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, values) in history.Values)
            if (values.Count > 0) final[name] = values[^1];
        Final = final;
    }

    /// <summary>The fold's index, 0-based (its part of the data is the validation set).</summary>
    public int Fold { get; }

    /// <summary>The indices (into the dataset) the fold trained on, sorted ascending.</summary>
    public IReadOnlyList<int> TrainIndices { get; }

    /// <summary>The indices (into the dataset) the fold validated on, sorted ascending.</summary>
    public IReadOnlyList<int> ValidationIndices { get; }

    /// <summary>
    /// The fold's training seed: its <see cref="Data.DataLoader"/> draws from <c>new Generator(Seed)</c>, and everything else
    /// its training draws from the thread's default generator (dropout, random ops) draws from <c>new Generator(~Seed)</c>.
    /// </summary>
    public long Seed { get; }

    /// <summary>The fold's trainer, its model trained (e.g. to build an ensemble of the folds' models).</summary>
    public Trainer Trainer { get; }

    /// <summary>The fold's per-epoch history (<c>loss</c>, metrics, <c>val_loss</c>, <c>val_</c> metrics, <c>lr</c>, <c>time</c>).</summary>
    public History History { get; }

    /// <summary>The last epoch's value of every quantity in <see cref="History"/>, by name.</summary>
    public IReadOnlyDictionary<string, double> Final { get; }
}
