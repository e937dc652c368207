using Ember.Data;
using Ember.NN;
using Ember.Optim;
using Ember.Optim.Schedulers;
using Ember.Training;

namespace Ember.Tests.Training;

public sealed partial class TrainerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-trainer-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    internal sealed partial class Net : Module<Tensor, Tensor>
    {
        private readonly Linear _a = new(6, 16);
        private readonly Dropout _drop = new(0.2);
        private readonly Linear _b = new(16, 3);

        public override Tensor Forward(Tensor x) => _b.Call(_drop.Call(F.Relu(_a.Call(x))));
    }

    internal static Tensor CE(Tensor logits, Tensor target) => F.CrossEntropy(logits, target);

    internal static (Tensor X, Tensor Y) Tensors(int n = 40, int seed = 5)
    {
        var g = new Generator(seed);
        return (Torch.Randn([n, 6], generator: g), Torch.Randint(0, 3, [n], generator: g));
    }

    internal static SupervisedTensorDataset Data(int n = 40, int seed = 5)
    {
        var (x, y) = Tensors(n, seed);
        return TensorDataset.Of(x, y);
    }

    internal static (Net Model, SGD Opt, StepLR Sched) Setup(long seed = 11)
    {
        Torch.ManualSeed(seed);
        var model = new Net();
        var opt = new SGD(model.Parameters(), lr: 0.1, momentum: 0.9);
        return (model, opt, new StepLR(opt, 2, 0.5));
    }

    [Fact]
    public void FitComputesExactlyWhatThePlainLoopComputes()
    {
        var (m1, o1, s1) = Setup();
        var trainer = new Trainer(m1, CE, o1, s1, clipGradNorm: 0.5);
        var history = trainer.Fit(new DataLoader(Data(), batchSize: 8, shuffle: true, generator: new Generator(1)), epochs: 3, verbose: 0);

        var (m2, o2, s2) = Setup();
        var loader = new DataLoader(Data(), batchSize: 8, shuffle: true, generator: new Generator(1));
        var losses = new List<double>();
        for (int epoch = 0; epoch < 3; epoch++)
        {
            m2.Train();
            double sum = 0;
            int n = 0;
            foreach (var (x, y) in loader)
            {
                var loss = F.CrossEntropy(m2.Call(x), y);
                o2.ZeroGrad();
                loss.Backward();
                ClipGrad.ClipGradNorm_(m2.Parameters(), 0.5);
                o2.Step();
                sum += loss.Item() * x.Size(0);
                n += x.Size(0);
            }
            s2.Step();
            losses.Add(sum / n);
        }
        Assert.Equal(losses, history["loss"]);
        foreach (var (k, v) in m2.StateDict()) Assert.True(Torch.Equal(v, m1.StateDict()[k]), k);
        Assert.Equal([0.1, 0.1, 0.05], history["lr"]);
        Assert.Equal([0, 1, 2], history.Epochs);
        Assert.All(history["time"], t => Assert.True(t >= 0));
    }

    [Fact]
    public void AccumulatingTwoHalfBatchesStepsLikeOneFullBatch()
    {
        Torch.ManualSeed(3);
        var a = new Sequential(new Linear(6, 3));
        Torch.ManualSeed(3);
        var b = new Sequential(new Linear(6, 3));
        new Trainer(a, CE, new SGD(a.Parameters(), lr: 0.1)).Fit(new DataLoader(Data(), batchSize: 8), epochs: 2, verbose: 0);
        var h = new Trainer(b, CE, new SGD(b.Parameters(), lr: 0.1), accumulationSteps: 2).Fit(new DataLoader(Data(), batchSize: 4), epochs: 2, verbose: 0);
        foreach (var (k, v) in a.StateDict()) Assert.True(Torch.Allclose(v, b.StateDict()[k], rtol: 1e-5, atol: 1e-6), k);
        // and differs from stepping after every half batch
        Torch.ManualSeed(3);
        var c = new Sequential(new Linear(6, 3));
        new Trainer(c, CE, new SGD(c.Parameters(), lr: 0.1)).Fit(new DataLoader(Data(), batchSize: 4), epochs: 2, verbose: 0);
        Assert.False(Torch.Allclose(a.StateDict()["0.weight"], c.StateDict()["0.weight"], rtol: 1e-5, atol: 1e-6));
        Assert.Equal(2, h["loss"].Count);
    }

    [Fact]
    public void ValidationEvaluateAndPredict()
    {
        var (model, opt, _) = Setup();
        var trainer = new Trainer(model, CE, opt);
        var val = new DataLoader(Data(20, seed: 9), batchSize: 6);
        var history = trainer.Fit(new DataLoader(Data(), batchSize: 8), epochs: 2, validation: val, verbose: 0);
        Assert.Equal(["loss", "val_loss", "lr", "time"], history.Values.Keys);
        var eval = trainer.Evaluate(val);
        Assert.Equal(history["val_loss"][1], eval["loss"]); // evaluation mode: dropout off, deterministic
        model.Eval();
        var (x, y) = Tensors(20, seed: 9);
        double manual;
        using (Torch.NoGrad()) manual = F.CrossEntropy(model.Call(x), y).Item();
        Assert.Equal(manual, eval["loss"], 6);
        model.Train();
        var p = trainer.Predict(x, batchSize: 7);
        Assert.Equal([20, 3], p.Shape.ToArray());
        Assert.True(model.Training); // mode restored
        Assert.False(p.RequiresGrad);
        using (Torch.NoGrad()) { model.Eval(); Assert.True(Torch.Allclose(p, model.Call(x), 1e-6, 1e-6)); }
        model.Train();
        Assert.True(Torch.Equal(p, Trainer.Predict(model, x, batchSize: 7))); // any model, without a trainer
        Assert.True(model.Training);
        Assert.Throws<ArgumentNullException>(() => Trainer.Predict(null!, x));
    }

    [Fact]
    public void BadArgumentsAreClearErrors()
    {
        var (model, opt, _) = Setup();
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(model, CE, opt, accumulationSteps: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(model, CE, opt, clipGradNorm: 0));
        var t = new Trainer(model, CE, opt);
        Assert.Throws<ArgumentNullException>(() => t.Fit(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Fit(new DataLoader(Data(), batchSize: 8), initialEpoch: -1, verbose: 0));
        Assert.StartsWith("fit: ", Assert.Throws<InvalidOperationException>(() => t.Fit(Array.Empty<(Tensor, Tensor)>(), epochs: 1, verbose: 0)).Message);
        Assert.Throws<KeyNotFoundException>(() => t.Fit(new DataLoader(Data(), batchSize: 8), epochs: 2, callbacks: [new EarlyStopping()], verbose: 0)); // no val_loss
        Assert.Throws<ArgumentException>(() => t.Predict(Torch.Zeros(0, 6)));
    }
}

public sealed class TrainerMetricTests
{
    [Fact]
    public void MetricsAreLoggedForTrainingAndValidation()
    {
        var (model, opt, _) = TrainerTests.Setup();
        var trainer = new Trainer(model, TrainerTests.CE, opt, metrics: [new Ember.Metrics.Accuracy()]);
        var val = new Ember.Data.DataLoader(TrainerTests.Data(20, seed: 9), batchSize: 6);
        var history = trainer.Fit(new Ember.Data.DataLoader(TrainerTests.Data(), batchSize: 8), epochs: 2, validation: val, verbose: 0);
        Assert.Equal(["loss", "accuracy", "val_loss", "val_accuracy", "lr", "time"], history.Values.Keys);
        var (x, y) = TrainerTests.Tensors(20, seed: 9);
        var predicted = trainer.Predict(x).Argmax(1);
        double manual = predicted.Eq(y).To(DType.Float64).Mean().Item();
        Assert.Equal(manual, history["val_accuracy"][1], 12);
        Assert.InRange(history["accuracy"][0], 0, 1);
        Assert.Throws<ArgumentException>(() => new Trainer(model, TrainerTests.CE, opt, metrics: [new Ember.Metrics.Accuracy(), new Ember.Metrics.Accuracy()]));
    }
}
