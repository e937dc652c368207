using Ember.Cli.Commands;
using Ember.Data;
using Ember.Metrics;
using Ember.NN;
using Ember.Optim;
using Ember.Optim.Schedulers;
using Ember.Training;

namespace Ember.Cli;

/// <summary>
/// One run's pieces, built from <see cref="TrainSettings"/> with the library's public parts: the data (loaded, split with
/// a seeded generator, standardized on the training part), the model, the loss, the optimizer, the scheduler, the
/// <see cref="Trainer"/> and the loaders. Shared by <c>train</c> and <c>lr-find</c>.
/// </summary>
internal sealed class Experiment
{
    public required TrainSettings Settings { get; init; }
    public required DataSet Source { get; init; }
    public required ModelCard Card { get; init; }
    public required Module<Tensor, Tensor> Model { get; init; }
    public required Tensor TrainX { get; init; }
    public required Tensor TrainY { get; init; }
    public required Tensor TestX { get; init; }
    public required Tensor TestY { get; init; }
    public required Optimizer Optimizer { get; init; }
    public required ISchedulerState? Scheduler { get; init; }
    public required SchedulerStepping Stepping { get; init; }
    public required Trainer Trainer { get; init; }
    public required DataLoader TrainLoader { get; init; }
    public required DataLoader TestLoader { get; init; }

    public static Experiment Create(TrainSettings s)
    {
        Torch.ManualSeed(s.Seed);
        var source = DataSources.Load(s.Data, new DataSources.Options(s.Label, s.Task, s.ImageSize));
        if (source.Targets is null) throw new CliException($"data: {s.Data} has no targets");
        var (train, test) = Split(source, s);
        var task = s.Task ?? (source.Targets.DType.IsFloatingPoint() ? TaskKind.Regression : TaskKind.Classification);
        int outputs = 1;
        if (task == TaskKind.Classification)
        {
            if (source.Targets.DType.IsFloatingPoint() && s.Task is null)
                throw new CliException("data: the targets are not integers; use --task regression", 2);
            long max = Math.Max(train.Targets!.To(DType.Int64).Max().Item<long>(), test.Targets!.To(DType.Int64).Max().Item<long>());
            outputs = (int)Math.Max(max + 1, source.ClassNames?.Count ?? 0);
            if (outputs < 2) throw new CliException($"data: classification needs at least 2 classes, {s.Data} has {outputs}");
        }
        var card = new ModelCard
        {
            Task = task == TaskKind.Regression ? "regression" : "classification",
            ClassNames = task == TaskKind.Classification ? source.ClassNames?.ToArray() : null,
            Data = s.Data,
            Label = s.Label,
            ImageSize = s.ImageSize,
            TestSplit = s.TestSplit,
            TestData = s.TestData,
            Seed = s.Seed,
        };
        card.Model = ModelSpec.Describe(s.Model, source.SampleShape, outputs, s.Hidden, s.Dropout);
        Preprocessing.Fit(card, train, s.Standardize);
        var trainX = Preprocessing.Inputs(card, train.Features);
        var trainY = Preprocessing.Targets(card, train.Targets!);
        var testX = Preprocessing.Inputs(card, test.Features);
        var testY = Preprocessing.Targets(card, test.Targets!);

        var model = ModelSpec.Build(card.Model);
        CheckFits(model, card, trainX);
        var optimizer = CreateOptimizer(s, model.Parameters());
        var trainLoader = new DataLoader(TensorDataset.Of(trainX, trainY), batchSize: s.BatchSize, shuffle: true, generator: new Generator(s.Seed + 1));
        var testLoader = new DataLoader(TensorDataset.Of(testX, testY), batchSize: 256);
        var trainer = CreateTrainer(s, task, model, optimizer, trainLoader.Count);
        var (scheduler, stepping) = (trainer.Scheduler, trainer.SchedulerStepping);
        return new Experiment
        {
            Settings = s, Source = source, Card = card, Model = model, TrainX = trainX, TrainY = trainY, TestX = testX, TestY = testY,
            Optimizer = optimizer, Scheduler = scheduler, Stepping = stepping, Trainer = trainer, TrainLoader = trainLoader, TestLoader = testLoader,
        };
    }

    /// <summary>
    /// The trainer of one run: the task's loss (cross-entropy or MSE) and metric (accuracy or R²), the scheduler of
    /// <c>--scheduler</c> over <paramref name="batchesPerEpoch"/>, clipping, accumulation and the gradient monitor.
    /// </summary>
    public static Trainer CreateTrainer(TrainSettings s, TaskKind task, Module<Tensor, Tensor> model, Optimizer optimizer, int batchesPerEpoch)
    {
        int steps = (int)Math.Ceiling(batchesPerEpoch / (double)s.Accumulate);
        var (scheduler, stepping) = CreateScheduler(s, optimizer, steps);
        Func<Tensor, Tensor, Tensor> loss = task == TaskKind.Classification ? (o, t) => F.CrossEntropy(o, t) : (o, t) => F.MseLoss(o, t);
        Metric<double>[] metrics = task == TaskKind.Classification ? [new Accuracy()] : [new R2Score("r2")];
        return new Trainer(model, loss, optimizer, scheduler, stepping, s.Accumulate, s.ClipGradNorm, metrics,
            s.MonitorGradients ? new Diagnostics.GradientMonitorOptions() : null);
    }

    /// <summary>The training and test parts: the source's own test part, <c>--test-data</c>, or a seeded random split.</summary>
    private static (DataSet Train, DataSet Test) Split(DataSet source, TrainSettings s)
    {
        if (s.TestData is string testSpec)
        {
            var test = DataSources.Load(testSpec, new DataSources.Options(s.Label, s.Task, s.ImageSize, source.Csv));
            if (!test.Features.Shape.Skip(1).SequenceEqual(source.Features.Shape.Skip(1)))
                throw new CliException($"test-data: its samples have shape [{string.Join(", ", test.SampleShape)}] but the training data's have [{string.Join(", ", source.SampleShape)}]");
            return (source, test);
        }
        if (source.Test is DataSet own) return (source, own);
        return HoldOut(source, s.TestSplit, s.Seed);
    }

    /// <summary>The seeded random split: a permutation from <c>Generator(seed)</c>, its first round(N·fraction) samples held out.</summary>
    public static (DataSet Train, DataSet Test) HoldOut(DataSet source, double fraction, int seed)
    {
        int n = source.Count;
        if (n < 2) throw new CliException($"data: {source.Spec} has {n} sample(s); at least 2 are needed to hold some out");
        int nTest = Math.Clamp((int)Math.Round(n * fraction), 1, n - 1);
        var perm = Torch.Randperm(n, new Generator(seed));
        return (source.Take(perm.Narrow(0, nTest, n - nTest)), source.Take(perm.Narrow(0, 0, nTest)));
    }

    /// <summary>Runs two samples through the model, so that a model that does not fit the data fails here with a clear message.</summary>
    private static void CheckFits(Module<Tensor, Tensor> model, ModelCard card, Tensor x)
    {
        Tensor output;
        try
        {
            output = Evaluation.Outputs(model, x.Narrow(0, 0, Math.Min(2, x.Size(0))));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new CliException($"model: the model does not accept samples of shape [{string.Join(", ", card.Model.InputShape)}]: {e.Message}");
        }
        if (output.Dim != 2 || output.Size(1) != card.Model.Outputs)
            throw new CliException($"model: the model outputs shape [{string.Join(", ", output.Shape)}] for a batch, expected [N, {card.Model.Outputs}] " +
                (card.TaskKind == TaskKind.Classification ? $"({card.Model.Outputs} classes)" : "(one value per sample for regression)"));
    }

    public static Optimizer CreateOptimizer(TrainSettings s, IEnumerable<Tensor> parameters) => s.Optimizer switch
    {
        "sgd" => new SGD(parameters, lr: s.LearningRate, momentum: s.Momentum, weightDecay: s.WeightDecay),
        "adam" => new Adam(parameters, lr: s.LearningRate, weightDecay: s.WeightDecay),
        "adamw" => new AdamW(parameters, lr: s.LearningRate, weightDecay: s.WeightDecay),
        "rmsprop" => new RMSprop(parameters, lr: s.LearningRate, momentum: s.Momentum, weightDecay: s.WeightDecay),
        "adagrad" => new Adagrad(parameters, lr: s.LearningRate, weightDecay: s.WeightDecay),
        _ => throw new CliException($"unknown optimizer '{s.Optimizer}'", 2),
    };

    private static (ISchedulerState?, SchedulerStepping) CreateScheduler(TrainSettings s, Optimizer optimizer, int stepsPerEpoch) => s.Scheduler switch
    {
        "cosine" => (new CosineAnnealingLR(optimizer, tMax: s.Epochs), SchedulerStepping.Epoch),
        "step" => (new StepLR(optimizer, stepSize: Math.Max(1, s.Epochs / 3)), SchedulerStepping.Epoch),
        "plateau" => (new Optim.Schedulers.ReduceLROnPlateau(optimizer, patience: 3), SchedulerStepping.Epoch),
        "onecycle" => (new OneCycleLR(optimizer, maxLr: s.LearningRate, totalSteps: s.Epochs * stepsPerEpoch,
            cycleMomentum: s.Optimizer is "adam" or "adamw" or "rmsprop" || (s.Optimizer == "sgd" && s.Momentum > 0)), SchedulerStepping.Batch),
        _ => (null, SchedulerStepping.Epoch),
    };
}
