using Ember.Data;
using Ember.NN;
using Ember.Optim;
using Ember.Training;
using static Ember.Tests.Training.TrainerTests;

namespace Ember.Tests.Training;

public sealed class CallbackTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-callbacks-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>Replaces a logged quantity with scripted values (to drive monitoring callbacks) and snapshots the weights.</summary>
    private sealed class Script(string key, double[] values) : Callback
    {
        public readonly List<OrderedDictionary<string, Tensor>> Weights = new();

        public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
        {
            logs[key] = values[epoch];
            var copy = new OrderedDictionary<string, Tensor>();
            foreach (var (k, v) in Trainer.Model.StateDict()) copy[k] = v.Clone();
            Weights.Add(copy);
        }
    }

    private static DataLoader Loader() => new(TrainerTests.Data(), batchSize: 8, shuffle: true);

    [Theory]
    // Keras' rules: wait counts epochs since the last improvement; stop once wait ≥ patience (never in epoch 0).
    [InlineData(new[] { 1.0, 0.9, 0.95, 0.91, 0.92, 0.5 }, 2, 0.0, 3, 1)]
    [InlineData(new[] { 1.0, 0.9, 0.95, 0.91, 0.92, 0.5 }, 0, 0.0, 2, 1)]
    [InlineData(new[] { 1.0, 0.99, 0.98, 0.97, 0.5, 0.4 }, 1, 0.05, 1, 0)] // improvements smaller than minDelta do not count
    [InlineData(new[] { 1.0, 0.9, 0.8, 0.7, 0.6, 0.5 }, 1, 0.0, -1, 5)]    // never stops
    public void EarlyStoppingStopsAtKerasEpochAndRestoresTheBestWeights(double[] valLoss, int patience, double minDelta, int stoppedAt, int bestEpoch)
    {
        var (model, opt, _) = Setup();
        var script = new Script("val_loss", valLoss);
        var stop = new EarlyStopping(patience: patience, minDelta: minDelta, restoreBestWeights: true);
        var history = new Trainer(model, CE, opt).Fit(Loader(), epochs: valLoss.Length, callbacks: [script, stop], verbose: 0);
        Assert.Equal(stoppedAt < 0 ? 0 : stoppedAt, stop.StoppedEpoch);
        Assert.Equal(stoppedAt < 0 ? valLoss.Length : stoppedAt + 1, history.Epochs.Count);
        Assert.Equal(bestEpoch, stop.BestEpoch);
        Assert.Equal(valLoss[bestEpoch], stop.Best);
        var expected = stoppedAt < 0 ? script.Weights[^1] : script.Weights[bestEpoch];
        foreach (var (k, v) in expected) Assert.True(Torch.Equal(v, model.StateDict()[k]), k);
    }

    [Fact]
    public void EarlyStoppingModesAndBaseline()
    {
        var (model, opt, _) = Setup();
        var acc = new EarlyStopping(monitor: "val_accuracy", patience: 1); // auto: higher is better for "acc"
        new Trainer(model, CE, opt).Fit(Loader(), epochs: 5, callbacks: [new Script("val_accuracy", [0.5, 0.6, 0.55, 0.7, 0.8]), acc], verbose: 0);
        Assert.Equal(2, acc.StoppedEpoch);
        Assert.Equal(0.6, acc.Best);
        // a baseline never beaten: stops after `patience` epochs even though the value improves
        var baseline = new EarlyStopping(monitor: "val_loss", patience: 2, baseline: 0.1);
        new Trainer(model, CE, opt).Fit(Loader(), epochs: 5, callbacks: [new Script("val_loss", [1.0, 0.9, 0.8, 0.7, 0.6]), baseline], verbose: 0);
        Assert.Equal(1, baseline.StoppedEpoch);
    }

    [Fact]
    public void ModelCheckpointFillsItsTemplateAndSavesOnlyImprovements()
    {
        var logs = new Dictionary<string, double> { ["val_loss"] = 0.91234, ["accuracy"] = 0.5 };
        Assert.Equal("m-03-0.91.pt", ModelCheckpoint.Format("m-{epoch:02d}-{val_loss:.2f}.pt", 3, logs));
        Assert.Equal("m-12-acc0.5000", ModelCheckpoint.Format("m-{epoch}-acc{accuracy:.4f}", 12, logs));
        Assert.Throws<KeyNotFoundException>(() => ModelCheckpoint.Format("{val_acc}", 1, logs));
        Assert.Throws<FormatException>(() => ModelCheckpoint.Format("{epoch:x}", 1, logs));

        var (model, opt, _) = Setup();
        var ckpt = new ModelCheckpoint(Path.Combine(_dir, "best-{epoch:02d}.safetensors"), saveBestOnly: true, saveWeightsOnly: true);
        new Trainer(model, CE, opt).Fit(Loader(), epochs: 5, callbacks: [new Script("val_loss", [1.0, 0.8, 0.9, 0.7, 0.75]), ckpt], verbose: 0);
        Assert.Equal(["best-01.safetensors", "best-02.safetensors", "best-04.safetensors"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order());
        Assert.Equal(0.7, ckpt.Best);
    }

    [Fact]
    public void ResumingFromAModelCheckpointContinuesTheIdenticalTrajectory()
    {
        string template = Path.Combine(_dir, "run-{epoch}.pt");
        var (m1, o1, s1) = Setup();
        var stop1 = new EarlyStopping(monitor: "loss", patience: 10);
        var full = new Trainer(m1, CE, o1, s1).Fit(Loader(), epochs: 5, validation: new DataLoader(TrainerTests.Data(12, 8), batchSize: 4),
            callbacks: [stop1, new ModelCheckpoint(template)], verbose: 0);

        var (m2, o2, s2) = Setup(seed: 99); // other initial weights and RNG: everything comes from the file
        var stop2 = new EarlyStopping(monitor: "loss", patience: 10);
        var trainer = new Trainer(m2, CE, o2, s2);
        int next = trainer.Resume(Path.Combine(_dir, "run-2.pt"), [stop2, new ModelCheckpoint(template)]);
        Assert.Equal(2, next);
        Assert.Equal(full["loss"][1], stop2.Best); // the callback's state came back
        var rest = trainer.Fit(Loader(), epochs: 5, validation: new DataLoader(TrainerTests.Data(12, 8), batchSize: 4), initialEpoch: next,
            callbacks: [stop2, new ModelCheckpoint(template)], verbose: 0);
        Assert.Equal([2, 3, 4], rest.Epochs);
        Assert.Equal(full["loss"].Skip(2), rest["loss"]); // bit for bit
        Assert.Equal(full["val_loss"].Skip(2), rest["val_loss"]);
        Assert.Equal(full["lr"].Skip(2), rest["lr"]);
        Assert.Equal(stop1.Best, stop2.Best);
    }

    [Fact]
    public void TerminateOnNaNStopsAtTheFirstNonFiniteLoss()
    {
        var (model, opt, _) = Setup();
        int calls = 0;
        var nan = new TerminateOnNaN();
        var history = new Trainer(model, (p, t) => ++calls == 3 ? p.Sum() * double.NaN : CE(p, t), opt)
            .Fit(Loader(), epochs: 4, callbacks: [nan], verbose: 0);
        Assert.Equal(2, nan.TerminatedAtBatch);
        Assert.Single(history.Epochs);
        Assert.Equal(3, calls);
    }

    [Theory]
    // Keras' rules traced by hand from keras/callbacks.py (2.11): the wait restarts on a reduction, cooldown epochs neither
    // wait nor reduce, the rate never goes below minLr and a rate already at minLr is not "reduced" (the wait keeps growing).
    [InlineData("val_loss", new[] { 1.0, 0.9, 0.95, 0.92, 0.91, 0.93, 0.94, 0.95, 0.96, 0.97 }, 2, 0.5, 1, 0.02,
        new[] { 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.02, 0.02 }, 0.02, 2, 0.9)]
    [InlineData("val_accuracy", new[] { 0.5, 0.6, 0.6, 0.7, 0.65 }, 1, 0.1, 0, 0.0,
        new[] { 0.1, 0.1, 0.1, 0.01, 0.01 }, 0.001, 0, 0.7)]
    [InlineData("val_loss", new[] { 1.0, 0.99995, 0.99991, 0.99985 }, 1, 0.5, 0, 0.0, // changes below minDelta = 1e-4 do not count; 1.5e-4 does
        new[] { 0.1, 0.1, 0.05, 0.025 }, 0.025, 0, 0.99985)]
    public void ReduceLROnPlateauFollowsKerasRules(string monitor, double[] values, int patience, double factor, int cooldown, double minLr,
        double[] lrDuringEpochs, double finalLr, int finalWait, double best)
    {
        var (model, opt, _) = Setup();
        var reduce = new ReduceLROnPlateau(monitor, factor, patience, cooldown: cooldown, minLr: minLr);
        var history = new Trainer(model, CE, opt).Fit(Loader(), epochs: values.Length, callbacks: [new Script(monitor, values), reduce], verbose: 0);
        Assert.Equal(lrDuringEpochs, history["lr"].Select(v => Math.Round(v, 12)));
        Assert.Equal(finalLr, opt.ParamGroups[0].Lr, 12);
        Assert.Equal(finalWait, reduce.Wait);
        Assert.Equal(best, reduce.Best);
    }

    [Fact]
    public void ReduceLROnPlateauStateRoundTripsAndBadArgumentsAreRefused()
    {
        var (model, opt, _) = Setup();
        var first = new ReduceLROnPlateau(patience: 3, cooldown: 2);
        new Trainer(model, CE, opt).Fit(Loader(), epochs: 3, callbacks: [new Script("val_loss", [1.0, 1.1, 1.2]), first], verbose: 0);
        var second = new ReduceLROnPlateau(patience: 3, cooldown: 2);
        second.LoadStateDict(first.StateDict()!);
        second.OnTrainBegin(new Dictionary<string, double>()); // a resumed run keeps the loaded state
        Assert.Equal((1.0, 2, 0), (second.Best, second.Wait, second.CooldownCounter));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceLROnPlateau(factor: 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceLROnPlateau(factor: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceLROnPlateau(patience: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceLROnPlateau(minLr: double.NaN));
        Assert.Throws<ArgumentNullException>(() => new ReduceLROnPlateau(monitor: null!));
        var missing = Assert.Throws<KeyNotFoundException>(() => new Trainer(model, CE, opt).Fit(Loader(), epochs: 1, callbacks: [new ReduceLROnPlateau()], verbose: 0));
        Assert.StartsWith("reduce_lr_on_plateau: conditioned on 'val_loss'", missing.Message);
    }

    [Fact]
    public void CsvLoggerAndLearningRateScheduler()
    {
        var (model, opt, _) = Setup();
        string csv = Path.Combine(_dir, "log.csv");
        var history = new Trainer(model, CE, opt).Fit(Loader(), epochs: 3, callbacks: [new LearningRateScheduler((e, lr) => e == 0 ? lr : lr / 2), new CsvLogger(csv)], verbose: 0);
        Assert.Equal([0.1, 0.05, 0.025], history["lr"]);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("epoch,loss,lr,time", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("2,", lines[3]);
        Assert.Equal(history["loss"][2], double.Parse(lines[3].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture));
        new Trainer(model, CE, opt).Fit(Loader(), epochs: 1, callbacks: [new CsvLogger(csv, append: true)], verbose: 0);
        Assert.Equal(5, File.ReadAllLines(csv).Length); // no second header
    }
}

public sealed class LrFinderTests
{
    [Fact]
    public void SweepsExponentiallyStopsOnDivergenceSuggestsARateAndRestoresEverything()
    {
        var (model, opt, _) = TrainerTests.Setup();
        var trainer = new Trainer(model, TrainerTests.CE, opt);
        trainer.Fit(new DataLoader(TrainerTests.Data(), batchSize: 8), epochs: 1, verbose: 0); // optimizer state exists
        var before = model.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.Clone());
        var momentum = opt.StateDict();
        var result = LrFinder.Find(trainer, new DataLoader(TrainerTests.Data(), batchSize: 8, shuffle: true), startLr: 1e-5, endLr: 100, numIterations: 60);
        Assert.Equal(1e-5, result.LearningRates[0], 12);
        Assert.Equal(Math.Pow(1e7, 1.0 / 59), result.LearningRates[1] / result.LearningRates[0], 9);
        Assert.True(result.LearningRates.Count < 60, "the loss should diverge before lr = 100 and stop the sweep");
        Assert.InRange(result.SteepestLr, 1e-5, 100);
        Assert.InRange(result.MinimumLr, 1e-6, 10);
        Assert.True(result.Losses[^1] > 4 * result.Losses.Min() || !double.IsFinite(result.Losses[^1]));
        foreach (var (k, v) in before) Assert.True(Torch.Equal(v, model.StateDict()[k]), k);
        Assert.Equal(0.1, opt.ParamGroups[0].Lr);
        Assert.True(Torch.Equal((Tensor)momentum.State[0]["momentum_buffer"], (Tensor)opt.StateDict().State[0]["momentum_buffer"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => LrFinder.Find(trainer, new DataLoader(TrainerTests.Data(), batchSize: 8), startLr: 1, endLr: 0.1));
    }
}
