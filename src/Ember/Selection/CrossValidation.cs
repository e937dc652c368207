using System.Globalization;
using System.Runtime.ExceptionServices;
using Ember.Data;
using Ember.Training;

namespace Ember.Selection;

/// <summary>
/// K-fold cross-validation of freshly built models (d2l's <c>k_fold</c>, the house-price procedure): the data is cut into k
/// parts; fold f trains a new model on the other k − 1 parts and validates it on part f after every epoch; the result holds
/// each fold's history and final values, and their mean and standard deviation across folds.
/// </summary>
/// <remarks>
/// <para><b>Determinism.</b> The factory is called on the calling thread in fold order (fold 0, 1, …) before any fold trains,
/// so initial weights drawn from the calling thread's <see cref="Generator.Default"/> (layer initialisation) come in a fixed
/// order: <c>Torch.ManualSeed(s)</c> before the call fixes them. Each fold then trains with its own random streams (see
/// <see cref="FoldResult.Seed"/>): its <see cref="DataLoader"/> has its own generator, and while the fold trains its thread's
/// default generator (which dropout and random ops draw from) is replaced by the fold's, then put back. Grad mode and dispose
/// scopes are per thread. So the folds' results are bit-identical whatever <see cref="CrossValidationOptions.MaxDegreeOfParallelism"/>,
/// and the calling thread's default generator is left exactly where the factories left it.</para>
/// <para><b>Training values</b> (<c>loss</c>, metrics) are the <see cref="Trainer"/>'s: averaged over each epoch's batches
/// while the model trains (Keras' convention), whereas d2l's <c>train_ls</c> re-evaluates the training part after the epoch;
/// validation values (<c>val_…</c>) are evaluated after the epoch in both.</para>
/// <para><b>Parallel folds</b> share nothing but the dataset (read from several threads; Ember's datasets are safe for that):
/// the factory must build a new model, optimizer, loss state and new metric objects for each fold.</para>
/// </remarks>
/// <example><code>
/// var cv = CrossValidation.CrossValidate(fold =&gt;
/// {
///     var net = new Linear(330, 1);
///     return new Trainer(net, new MSELoss().Forward, new Adam(net.Parameters(), lr: 5), metrics: [new LogRmse()]);
/// }, train, new CrossValidationOptions { K = 5, Epochs = 100, BatchSize = 64, Output = Console.Out });
/// Console.WriteLine(cv.Mean["val_log_rmse"]);
/// </code></example>
public static class CrossValidation
{
    /// <summary>
    /// Trains one fresh model per fold of a K-fold (or stratified K-fold) split and returns every fold's history and final
    /// values with their mean and standard deviation.
    /// </summary>
    /// <param name="trainerFactory">Builds fold f's <see cref="Trainer"/> (a new model, optimizer, loss and metrics) from the fold index f.</param>
    /// <param name="dataset">The samples (input, target); with <see cref="CrossValidationOptions.Stratified"/> each target is one integer class.</param>
    /// <param name="options">The folds, epochs, batch size, seeds, parallelism and progress (default: <c>new CrossValidationOptions()</c>).</param>
    /// <returns>The per-fold results (in fold order) and their statistics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trainerFactory"/> or <paramref name="dataset"/> is null, or the factory returned null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="CrossValidationOptions.K"/> &lt; 2, or <see cref="CrossValidationOptions.Epochs"/>,
    /// <see cref="CrossValidationOptions.BatchSize"/> or <see cref="CrossValidationOptions.MaxDegreeOfParallelism"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException">More folds than samples; a random state without shuffling; stratified with a target
    /// that is not one integer, or with every class smaller than K; the factory returned the same trainer, model, optimizer or
    /// metric object for two folds, or two folds got the same callback object.</exception>
    /// <exception cref="Exception">Whatever a fold's training throws (the lowest failing fold's exception, as thrown).</exception>
    public static CrossValidationResult CrossValidate(Func<int, Trainer> trainerFactory, Dataset<(Tensor Input, Tensor Target)> dataset,
        CrossValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trainerFactory);
        ArgumentNullException.ThrowIfNull(dataset);
        options ??= new CrossValidationOptions();
        Check(options, dataset.Count);
        var splits = Split(dataset, options);
        ulong baseSeed = options.Seed is long s ? unchecked((ulong)s) : Generator.Default.NextUInt64();

        int k = splits.Count;
        var trainers = new Trainer[k];
        var callbacks = new List<Callback>[k];
        for (int f = 0; f < k; f++)
        {
            trainers[f] = trainerFactory(f) ?? throw new ArgumentNullException(nameof(trainerFactory), $"crossvalidate: the factory returned null for fold {f}");
            for (int g = 0; g < f; g++)
                if (ReferenceEquals(trainers[g], trainers[f]) || ReferenceEquals(trainers[g].Model, trainers[f].Model) || ReferenceEquals(trainers[g].Optimizer, trainers[f].Optimizer))
                    throw new ArgumentException($"crossvalidate: the factory returned the same trainer, model or optimizer for folds {g} and {f}; each fold needs fresh ones", nameof(trainerFactory));
            callbacks[f] = options.Callbacks?.Invoke(f)?.ToList() ?? [];
            for (int g = 0; g < f; g++)
            {
                if (trainers[g].Metrics.Any(m => trainers[f].Metrics.Contains(m)))
                    throw new ArgumentException($"crossvalidate: folds {g} and {f} share a metric object; the factory must build new metrics for each fold", nameof(trainerFactory));
                if (callbacks[g].Any(c => callbacks[f].Contains(c)))
                    throw new ArgumentException($"crossvalidate: folds {g} and {f} share a callback object; options.Callbacks must build new callbacks for each fold", nameof(options));
            }
        }

        var results = new FoldResult?[k];
        var errors = new Exception?[k];
        var report = new Reporter(options, results);
        int failed = 0;
        void Run(int f)
        {
            if (Volatile.Read(ref failed) != 0) return;
            try
            {
                results[f] = RunFold(f, splits[f], FoldSeed(baseSeed, f), trainers[f], callbacks[f], dataset, options);
                report.Completed(f);
            }
            catch (Exception e)
            {
                errors[f] = e;
                Volatile.Write(ref failed, 1);
            }
        }
        if (options.MaxDegreeOfParallelism == 1)
            for (int f = 0; f < k; f++) Run(f);
        else
            Parallel.For(0, k, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, f =>
            {
                // Folds already run side by side: their kernels run serially rather than oversubscribe the cores.
                bool serial = Ember.Kernels.ThreadTeam.SerialThread;
                Ember.Kernels.ThreadTeam.SerialThread = true;
                try { Run(f); }
                finally { Ember.Kernels.ThreadTeam.SerialThread = serial; }
            });
        for (int f = 0; f < k; f++)
            if (errors[f] is Exception e) ExceptionDispatchInfo.Capture(e).Throw();
        var result = new CrossValidationResult(results!);
        if (options.Output is TextWriter w) w.WriteLine(result.Summary());
        return result;
    }

    /// <summary>
    /// K-fold cross-validation with <paramref name="k"/> folds, <paramref name="epochs"/> epochs and batches of
    /// <paramref name="batchSize"/> (other options at their defaults); see
    /// <see cref="CrossValidate(Func{int, Trainer}, Dataset{ValueTuple{Tensor, Tensor}}, CrossValidationOptions?)"/>.
    /// </summary>
    /// <param name="trainerFactory">Builds fold f's <see cref="Trainer"/> from the fold index f.</param>
    /// <param name="dataset">The samples (input, target).</param>
    /// <param name="k">The number of folds; at least 2.</param>
    /// <param name="epochs">Epochs per fold (default 1).</param>
    /// <param name="batchSize">Samples per batch (default 32).</param>
    /// <returns>The per-fold results and their statistics.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> &lt; 2, or <paramref name="epochs"/> or <paramref name="batchSize"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException">More folds than samples, or the factory returned the same trainer twice.</exception>
    public static CrossValidationResult CrossValidate(Func<int, Trainer> trainerFactory, Dataset<(Tensor Input, Tensor Target)> dataset,
        int k, int epochs = 1, int batchSize = 32) =>
        CrossValidate(trainerFactory, dataset, new CrossValidationOptions { K = k, Epochs = epochs, BatchSize = batchSize });

    /// <summary>Fold f's training seed: a SplitMix64 mix of the base seed and f.</summary>
    internal static long FoldSeed(ulong baseSeed, int fold)
    {
        ulong z = baseSeed + 0x9E3779B97F4A7C15UL * (ulong)(fold + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return unchecked((long)(z ^ (z >> 31)));
    }

    private static FoldResult RunFold(int fold, (int[] Train, int[] Test) split, long seed, Trainer trainer, List<Callback> callbacks,
        Dataset<(Tensor Input, Tensor Target)> dataset, CrossValidationOptions options)
    {
        var train = new DataLoader(new Subset<(Tensor Input, Tensor Target)>(dataset, split.Train), options.BatchSize,
            shuffle: options.ShuffleBatches, generator: new Generator(seed));
        var validation = new DataLoader(new Subset<(Tensor Input, Tensor Target)>(dataset, split.Test), options.BatchSize);
        var previous = Generator.ExchangeDefault(new Generator(~seed));
        try
        {
            var history = trainer.Fit(train, epochs: options.Epochs, validation: validation, callbacks: callbacks, verbose: 0);
            return new FoldResult(fold, split.Train, split.Test, seed, trainer, history);
        }
        finally
        {
            Generator.ExchangeDefault(previous);
        }
    }

    private static void Check(CrossValidationOptions o, int n)
    {
        if (o.K < 2) throw new ArgumentOutOfRangeException(nameof(o.K), o.K, $"crossvalidate: K must be at least 2, got {o.K}");
        if (o.K > n) throw new ArgumentException($"crossvalidate: K={o.K} folds need at least {o.K} samples, the dataset has {n}", nameof(o.K));
        if (o.Epochs < 1) throw new ArgumentOutOfRangeException(nameof(o.Epochs), o.Epochs, $"crossvalidate: Epochs must be at least 1, got {o.Epochs}");
        if (o.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(o.BatchSize), o.BatchSize, $"crossvalidate: BatchSize must be at least 1, got {o.BatchSize}");
        if (o.MaxDegreeOfParallelism < 1)
            throw new ArgumentOutOfRangeException(nameof(o.MaxDegreeOfParallelism), o.MaxDegreeOfParallelism, $"crossvalidate: MaxDegreeOfParallelism must be at least 1, got {o.MaxDegreeOfParallelism}");
        if (!o.Shuffle && o.RandomState is not null)
            throw new ArgumentException($"crossvalidate: RandomState={o.RandomState} has no effect without Shuffle; leave it null or set Shuffle", nameof(o.RandomState));
    }

    private static List<(int[] Train, int[] Test)> Split(Dataset<(Tensor Input, Tensor Target)> dataset, CrossValidationOptions o)
    {
        if (!o.Stratified) return new KFold(o.K, o.Shuffle, o.RandomState).Split(dataset.Count).ToList();
        var labels = Labels(dataset);
        var counts = new Dictionary<long, int>();
        foreach (long l in labels) counts[l] = counts.GetValueOrDefault(l) + 1;
        if (counts.Values.All(c => c < o.K))
            throw new ArgumentException($"crossvalidate: stratified K={o.K} folds need a class with at least {o.K} samples; the largest class has {counts.Values.Max()}", nameof(o.K));
        return new StratifiedKFold(o.K, o.Shuffle, o.RandomState).Split(labels).ToList();
    }

    /// <summary>Each sample's class: its target, one integer value.</summary>
    internal static long[] Labels(Dataset<(Tensor Input, Tensor Target)> dataset)
    {
        var labels = new long[dataset.Count];
        for (int i = 0; i < labels.Length; i++)
        {
            var t = dataset[i].Target;
            if (t.Numel != 1 || !t.DType.IsIntegral(includeBool: true))
                throw new ArgumentException($"crossvalidate: stratified folds need one integer class per sample, sample {i} has a {t.DType.TorchName()} target of shape {t.Shape}", nameof(dataset));
            labels[i] = t.Item<long>();
        }
        return labels;
    }

    /// <summary>Prints and reports finished folds in fold order, one caller at a time.</summary>
    private sealed class Reporter(CrossValidationOptions options, FoldResult?[] results)
    {
        private readonly Lock _lock = new();
        private int _next;

        public void Completed(int fold)
        {
            if (options.Output is null && options.OnFoldEnd is null) return;
            lock (_lock)
                while (_next < results.Length && results[_next] is FoldResult r)
                {
                    options.Output?.WriteLine(Line(r));
                    options.OnFoldEnd?.Invoke(r);
                    _next++;
                }
        }

        private static string Line(FoldResult r) =>
            $"fold {r.Fold + 1}, " + string.Join(", ", CrossValidationResult.Quantities(r.Final.Keys).Select(name => $"{CrossValidationResult.Label(name)} {r.Final[name].ToString("F6", CultureInfo.InvariantCulture)}"));
    }
}
