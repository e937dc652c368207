using Ember.Data;
using Ember.Metrics;
using Ember.NN;
using Ember.Optim;
using Ember.Selection;
using Ember.Training;

namespace Ember.Tests.Selection;

public sealed partial class CrossValidationTests
{
    internal sealed partial class Net : Module<Tensor, Tensor>
    {
        private readonly Linear _a = new(4, 8);
        private readonly Dropout _drop = new(0.3);
        private readonly Linear _b = new(8, 3);

        public override Tensor Forward(Tensor x) => _b.Call(_drop.Call(F.Relu(_a.Call(x))));
    }

    private static SupervisedTensorDataset Classes(int n = 30, int seed = 4)
    {
        var g = new Generator(seed);
        var y = Torch.Randint(0, 3, [n], generator: g);
        var x = Torch.Randn([n, 4], generator: g) + y.Unsqueeze(1).To(DType.Float32);
        return TensorDataset.Of(x, y);
    }

    /// <summary>House-price-like regression: positive targets, d2l's log-rmse metric.</summary>
    private static SupervisedTensorDataset Prices(int n = 24)
    {
        var g = new Generator(9);
        var x = Torch.Rand([n, 3], generator: g);
        var y = (x.Matmul(Torch.FromArray(new[] { 2.0f, 1.0f, 3.0f }, 3)) + 1.0).Unsqueeze(1);
        return TensorDataset.Of(x, y);
    }

    private static Trainer ClassTrainer(int fold)
    {
        var net = new Net();
        return new Trainer(net, (o, t) => F.CrossEntropy(o, t), new SGD(net.Parameters(), lr: 0.1, momentum: 0.9), metrics: [new Accuracy()]);
    }

    private static Trainer PriceTrainer(int fold)
    {
        var net = new Linear(3, 1);
        return new Trainer(net, (o, t) => F.MseLoss(o, t), new Adam(net.Parameters(), lr: 0.05), metrics: [new LogRmse()]);
    }

    private static void SameHistories(CrossValidationResult a, CrossValidationResult b)
    {
        Assert.Equal(a.Folds.Count, b.Folds.Count);
        for (int f = 0; f < a.Folds.Count; f++)
        {
            var (ha, hb) = (a.Folds[f].History, b.Folds[f].History);
            var keys = ha.Values.Keys.Where(k => k != "time").OrderBy(k => k, StringComparer.Ordinal).ToList();
            Assert.Equal(keys, hb.Values.Keys.Where(k => k != "time").OrderBy(k => k, StringComparer.Ordinal));
            foreach (var k in keys) Assert.Equal(ha[k], hb[k]); // bit for bit
            Assert.Equal(a.Folds[f].Trainer.Model.Parameters().Select(p => p.ToArray<float>()), b.Folds[f].Trainer.Model.Parameters().Select(p => p.ToArray<float>()));
        }
    }

    [Fact]
    public void SplitsAreKFoldsAndStratifiedKFolds()
    {
        var data = Classes();
        var cv = CrossValidation.CrossValidate(ClassTrainer, data, new CrossValidationOptions { K = 4, Seed = 1 });
        var expected = new KFold(4).Split(data.Count).ToList();
        for (int f = 0; f < 4; f++)
        {
            Assert.Equal(expected[f].Train, cv.Folds[f].TrainIndices);
            Assert.Equal(expected[f].Test, cv.Folds[f].ValidationIndices);
        }
        var shuffled = CrossValidation.CrossValidate(ClassTrainer, data, new CrossValidationOptions { K = 3, Shuffle = true, RandomState = 7, Seed = 1 });
        var expectedShuffled = new KFold(3, shuffle: true, randomState: 7).Split(data.Count).ToList();
        for (int f = 0; f < 3; f++) Assert.Equal(expectedShuffled[f].Test, shuffled.Folds[f].ValidationIndices);
        var strat = CrossValidation.CrossValidate(ClassTrainer, data, new CrossValidationOptions { K = 3, Stratified = true, Seed = 1 });
        var expectedStrat = new StratifiedKFold(3).Split(data.Targets).ToList();
        for (int f = 0; f < 3; f++) Assert.Equal(expectedStrat[f].Test, strat.Folds[f].ValidationIndices);
        Assert.NotEqual(expected[0].Test, strat.Folds[0].ValidationIndices);
    }

    [Fact]
    public void ParallelFoldsAreBitIdenticalToSequentialOnes()
    {
        var data = Classes(40);
        var threads = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();
        CrossValidationResult Run(int dop)
        {
            Torch.ManualSeed(21);
            // In the parallel run, the first two folds wait for each other, so they really train at the same time on two threads.
            using var both = new CountdownEvent(2);
            return CrossValidation.CrossValidate(ClassTrainer, data, new CrossValidationOptions
            {
                K = 4, Epochs = 3, BatchSize = 8, MaxDegreeOfParallelism = dop,
                Callbacks = f => dop > 1 && f < 2 ? [new Rendezvous(both, threads)] : [],
            });
        }
        var sequential = Run(1);
        var parallel = Run(4);
        Assert.Equal(2, threads.Count);
        SameHistories(sequential, parallel);
        Assert.Equal(sequential.Mean["val_loss"], parallel.Mean["val_loss"]);
        // A different seed gives a different run (the comparison above can fail).
        Torch.ManualSeed(22);
        var other = CrossValidation.CrossValidate(ClassTrainer, data, new CrossValidationOptions { K = 4, Epochs = 3, BatchSize = 8 });
        Assert.NotEqual(sequential.Folds[0].History["loss"], other.Folds[0].History["loss"]);
    }

    [Fact]
    public void TrainingLeavesTheCallersGeneratorWhereTheFactoriesLeftIt()
    {
        var data = Classes();
        Torch.ManualSeed(5);
        CrossValidation.CrossValidate(ClassTrainer, data, new CrossValidationOptions { K = 3, Epochs = 2, BatchSize = 4, Seed = 8 });
        double after = Generator.Default.NextDouble();
        Torch.ManualSeed(5);
        for (int f = 0; f < 3; f++) ClassTrainer(f);
        Assert.Equal(Generator.Default.NextDouble(), after);
    }

    [Fact]
    public void MeansEqualAHandWrittenKFoldLoop()
    {
        var data = Prices();
        var options = new CrossValidationOptions { K = 4, Epochs = 5, BatchSize = 4, Seed = 123 };
        Torch.ManualSeed(2);
        var cv = CrossValidation.CrossValidate(PriceTrainer, data, options);

        Torch.ManualSeed(2);
        var folds = new KFold(4).Split(data.Count).ToList();
        var trainers = Enumerable.Range(0, 4).Select(PriceTrainer).ToList();
        double trainSum = 0, validSum = 0;
        var valid = new List<double>();
        for (int f = 0; f < 4; f++)
        {
            var train = new DataLoader(new Subset<(Tensor, Tensor)>(data, folds[f].Train), 4, shuffle: true,
                generator: new Generator(CrossValidation.FoldSeed(123, f)));
            var test = new DataLoader(new Subset<(Tensor, Tensor)>(data, folds[f].Test), 4);
            var h = trainers[f].Fit(train, 5, test);
            trainSum += h["log_rmse"][^1];
            validSum += h["val_log_rmse"][^1];
            valid.Add(h["val_log_rmse"][^1]);
        }
        Assert.Equal(trainSum / 4, cv.Mean["log_rmse"], 12);
        Assert.Equal(validSum / 4, cv.Mean["val_log_rmse"], 12);
        double m = valid.Average();
        Assert.Equal(Math.Sqrt(valid.Sum(v => (v - m) * (v - m)) / 4), cv.Std["val_log_rmse"], 12);
        for (int f = 0; f < 4; f++) Assert.Equal(valid[f], cv.Folds[f].Final["val_log_rmse"]);
    }

    [Fact]
    public void PrintsD2lsLinesInFoldOrderAndReportsEachFold()
    {
        var w = new StringWriter();
        var seen = new List<int>();
        var cv = CrossValidation.CrossValidate(PriceTrainer, Prices(), new CrossValidationOptions
        {
            K = 3, Epochs = 2, Seed = 1, Output = w, MaxDegreeOfParallelism = 3, OnFoldEnd = r => seen.Add(r.Fold),
        });
        var lines = w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("fold 1, train loss ", lines[0]);
        Assert.Contains(", valid loss ", lines[0]);
        Assert.Contains(", train log rmse ", lines[0]);
        Assert.Contains(", valid log rmse " + cv.Folds[0].Final["val_log_rmse"].ToString("F6", System.Globalization.CultureInfo.InvariantCulture), lines[0]);
        Assert.StartsWith("fold 3, ", lines[2]);
        Assert.StartsWith("3-fold validation: avg train loss: ", lines[3]);
        Assert.Contains("avg valid log rmse: " + cv.Mean["val_log_rmse"].ToString("F6", System.Globalization.CultureInfo.InvariantCulture), lines[3]);
        Assert.Equal([0, 1, 2], seen);
        Assert.Contains("mean", cv.ToString());
    }

    [Fact]
    public void TheFoldsModelsMakeAnEnsemble()
    {
        Torch.ManualSeed(3);
        var data = Classes(45);
        var cv = CrossValidation.CrossValidate(ClassTrainer, data, new CrossValidationOptions { K = 3, Epochs = 5, BatchSize = 8, Seed = 2 });
        var models = cv.Folds.Select(f => f.Trainer.Model).ToList();
        models.ForEach(m => m.Train());
        var vote = new VotingClassifier(models, Voting.Soft);
        var p = vote.PredictProba(data.Inputs);
        Assert.Equal(new[] { 45, 3 }, p.ShapeArray);
        Assert.All(models, m => Assert.True(m.Training));
        var acc = new Accuracy();
        acc.Update(vote.Call(data.Inputs), data.Targets);
        Assert.InRange(acc.Compute(), 0.5, 1.0);
    }

    [Fact]
    public void StratifiedFiveFoldsOnIrisAverageTheirAccuracies()
    {
        var iris = EmbeddedDatasets.Iris();
        var x = iris.Features;
        var data = TensorDataset.Of((x - x.Mean([0], keepdim: true)) / x.Std([0], keepdim: true), iris.Targets);
        Torch.ManualSeed(0);
        var cv = CrossValidation.CrossValidate(f =>
        {
            var net = new Linear(4, 3);
            return new Trainer(net, (o, t) => F.CrossEntropy(o, t), new Adam(net.Parameters(), lr: 0.1), metrics: [new Accuracy()]);
        }, data, new CrossValidationOptions { K = 5, Stratified = true, Shuffle = true, RandomState = 1, Epochs = 20, BatchSize = 16, Seed = 4 });
        // Every validation fold holds 10 samples of each class.
        Assert.All(cv.Folds, f => Assert.Equal([10L, 10, 10], f.ValidationIndices.GroupBy(i => iris.Targets[i].Item<long>()).OrderBy(g => g.Key).Select(g => (long)g.Count())));
        double mean = cv.Folds.Average(f => f.Final["val_accuracy"]);
        Assert.Equal(mean, cv.Mean["val_accuracy"], 12);
        Assert.InRange(cv.Mean["val_accuracy"], 0.9, 1.0);
        Assert.InRange(cv.Std["val_accuracy"], 0.0, 0.1);
    }

    [Fact]
    public void CallbacksArePerFold()
    {
        var stops = new List<EarlyStopping>();
        var cv = CrossValidation.CrossValidate(ClassTrainer, Classes(), new CrossValidationOptions
        {
            K = 3, Epochs = 4, Seed = 3, Callbacks = f => { var e = new EarlyStopping(patience: 0, minDelta: 100); stops.Add(e); return [e]; },
        });
        Assert.Equal(3, stops.Distinct().Count());
        Assert.All(cv.Folds, f => Assert.Equal(2, f.History.Epochs.Count));
    }

    [Fact]
    public void BadInputThrowsNamedErrors()
    {
        var data = Classes(6);
        Assert.StartsWith("crossvalidate:", Assert.Throws<ArgumentOutOfRangeException>(() => CrossValidation.CrossValidate(ClassTrainer, data, new CrossValidationOptions { K = 1 })).Message);
        Assert.StartsWith("crossvalidate:", Assert.Throws<ArgumentException>(() => CrossValidation.CrossValidate(ClassTrainer, data, new CrossValidationOptions { K = 7 })).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => CrossValidation.CrossValidate(ClassTrainer, data, new CrossValidationOptions { Epochs = 0, K = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => CrossValidation.CrossValidate(ClassTrainer, data, new CrossValidationOptions { BatchSize = 0, K = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => CrossValidation.CrossValidate(ClassTrainer, data, new CrossValidationOptions { MaxDegreeOfParallelism = 0, K = 2 }));
        Assert.StartsWith("crossvalidate:", Assert.Throws<ArgumentException>(() => CrossValidation.CrossValidate(ClassTrainer, data, new CrossValidationOptions { K = 2, RandomState = 3 })).Message);
        // Stratified: 3 classes of 2 samples each cannot fill 3 folds.
        var small = TensorDataset.Of(Torch.Randn([6, 4]), Torch.FromArray(new[] { 0L, 0, 1, 1, 2, 2 }, 6));
        var e = Assert.Throws<ArgumentException>(() => CrossValidation.CrossValidate(ClassTrainer, small, new CrossValidationOptions { K = 3, Stratified = true }));
        Assert.StartsWith("crossvalidate:", e.Message);
        Assert.Contains("K=3", e.Message);
        var floats = TensorDataset.Of(Torch.Randn([6, 4]), Torch.Randn([6]));
        Assert.StartsWith("crossvalidate:", Assert.Throws<ArgumentException>(() => CrossValidation.CrossValidate(ClassTrainer, floats, new CrossValidationOptions { K = 2, Stratified = true })).Message);
        var shared = ClassTrainer(0);
        Assert.StartsWith("crossvalidate:", Assert.Throws<ArgumentException>(() => CrossValidation.CrossValidate(_ => shared, data, 2)).Message);
        Assert.Throws<ArgumentNullException>(() => CrossValidation.CrossValidate(_ => null!, data, 2));
        var metric = new Accuracy();
        Assert.Contains("share a metric", Assert.Throws<ArgumentException>(() => CrossValidation.CrossValidate(f =>
        {
            var net = new Net();
            return new Trainer(net, (o, t) => F.CrossEntropy(o, t), new SGD(net.Parameters(), lr: 0.1), metrics: [metric]);
        }, data, 2)).Message);
        var callback = new Throwing();
        Assert.Contains("share a callback", Assert.Throws<ArgumentException>(() => CrossValidation.CrossValidate(ClassTrainer, data,
            new CrossValidationOptions { K = 2, Callbacks = f => [callback] })).Message);
        Assert.Throws<ArgumentNullException>(() => CrossValidation.CrossValidate(null!, data, 2));
        // A fold's exception comes out as thrown.
        var boom = Assert.Throws<InvalidOperationException>(() => CrossValidation.CrossValidate(ClassTrainer, data, new CrossValidationOptions
        {
            K = 2, MaxDegreeOfParallelism = 2, Callbacks = f => [new Throwing()],
        }));
        Assert.Equal("boom", boom.Message);
    }

    private sealed class Rendezvous(CountdownEvent both, System.Collections.Concurrent.ConcurrentDictionary<int, bool> threads) : Callback
    {
        public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs)
        {
            threads[Environment.CurrentManagedThreadId] = true;
            both.Signal();
            Assert.True(both.Wait(TimeSpan.FromSeconds(20)));
        }
    }

    private sealed class Throwing : Callback
    {
        public override void OnEpochEnd(int epoch, IDictionary<string, double> logs) => throw new InvalidOperationException("boom");
    }
}
