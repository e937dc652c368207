using Ember.Diagnostics;
using Ember.NN;
using Ember.Optim;

namespace Ember.Tests.Diagnostics;

/// <summary><see cref="GradientMonitor"/>: flags vanishing, exploding, saturated and dead layers by name; leaves healthy
/// networks alone; never changes the training; detaches cleanly.</summary>
public partial class GradientMonitorTests
{
    private static Sequential SigmoidMlp(int depth, int width, Generator g)
    {
        var layers = new List<Module<Tensor, Tensor>>();
        for (int i = 0; i < depth; i++)
        {
            layers.Add(new Linear(width, width, generator: g));
            layers.Add(new Sigmoid());
        }
        layers.Add(new Linear(width, 1, generator: g));
        return new Sequential([.. layers]);
    }

    private static Sequential ReluBatchNormMlp(Generator g) => new(
        new Linear(20, 64, generator: g), new BatchNorm1d(64), new ReLU(),
        new Linear(64, 64, generator: g), new BatchNorm1d(64), new ReLU(),
        new Linear(64, 64, generator: g), new BatchNorm1d(64), new ReLU(),
        new Linear(64, 3, generator: g));

    /// <summary>Trains <paramref name="model"/> with SGD on fixed random data; returns the losses.</summary>
    private static List<double> Train(Module<Tensor, Tensor> model, Tensor x, Tensor y, Func<Tensor, Tensor, Tensor> lossFn, int steps, double lr,
        GradientMonitor? monitor, bool measureUpdates = true)
    {
        var opt = new SGD(model.Parameters(), lr: lr, momentum: 0.9);
        var losses = new List<double>();
        for (int s = 0; s < steps; s++)
        {
            using var scope = Torch.NewDisposeScope();
            var loss = lossFn(model.Call(x), y);
            opt.ZeroGrad();
            loss.Backward();
            if (monitor is null) opt.Step();
            else if (measureUpdates) monitor.Step(opt);
            else { monitor.Step(); opt.Step(); }
            losses.Add(loss.Item<double>());
        }
        return losses;
    }

    [Fact]
    public void ThirtyLayerSigmoidMlpIsFlaggedVanishingAtAnEarlyLayer()
    {
        var g = new Generator(1);
        var model = SigmoidMlp(30, 16, g);
        var x = Torch.Randn(new Size([32, 16]), generator: g);
        var y = Torch.Randn(new Size([32, 1]), generator: g);
        using var monitor = new GradientMonitor(model);
        var raised = new List<HealthWarning>();
        monitor.WarningRaised += (_, w) => raised.Add(w);
        Train(model, x, y, new MSELoss().Forward, 4, 0.1, monitor);

        var vanishing = monitor.Warnings.Where(w => w.Kind == HealthWarningKind.Vanishing).ToList();
        Assert.Contains(vanishing, w => w.Layer == "0");
        var first = vanishing.Single(w => w.Layer == "0");
        Assert.Equal("Linear", first.LayerType);
        Assert.Equal(2, first.Step); // patience 3: steps 0, 1, 2
        Assert.True(first.Value < first.Threshold);
        Assert.StartsWith("vanishing gradient in layer '0' (Linear)", first.Message);
        // The last layers learn: they are not flagged.
        Assert.DoesNotContain(vanishing, w => w.Layer == "60");
        Assert.DoesNotContain(monitor.Warnings, w => w.Kind is HealthWarningKind.Exploding or HealthWarningKind.NonFinite);
        Assert.Equal(monitor.Warnings, raised);
        Assert.Contains("vanishing: 0, ", monitor.Status);
    }

    private sealed partial class RnnNet(Generator g) : Module<Tensor, Tensor>
    {
        private readonly RNN _rnn = new(4, 32, nonlinearity: "relu", generator: g);
        private readonly Linear _head = new(32, 1, generator: g);

        public RNN Rnn => _rnn;

        public override Tensor Forward(Tensor x) => _head.Call(_rnn.Call(x).Output);
    }

    [Fact]
    public void RnnWithPyTorchInitIsNotFlagged()
    {
        var g = new Generator(2);
        var model = new RnnNet(g);
        var x = Torch.Randn(new Size([30, 4, 4]), generator: g);
        using var monitor = new GradientMonitor(model);
        new MSELoss().Forward(model.Call(x), Torch.Zeros(new Size([30, 4, 1]))).Backward();
        monitor.Step();
        Assert.Empty(monitor.Warnings);
    }

    [Fact]
    public void UnclippedRnnWithLargeWeightsIsFlaggedExploding()
    {
        var g = new Generator(2);
        var model = new RnnNet(g);
        using (Torch.NoGrad())
            foreach (var p in model.Rnn.Parameters()) Init.Uniform_(p, -1.0, 1.0, g);   // 5.7× PyTorch's ±1/√32: the recurrence grows
        var x = Torch.Randn(new Size([30, 4, 4]), generator: g);
        var y = Torch.Zeros(new Size([30, 4, 1]));
        using var monitor = new GradientMonitor(model);
        var loss = new MSELoss().Forward(model.Call(x), y);
        loss.Backward();
        monitor.Step();

        var exploding = monitor.Warnings.Where(w => w.Kind == HealthWarningKind.Exploding).ToList();
        Assert.Contains(exploding, w => w.Layer == "rnn" && w.LayerType == "RNN");
        var w = exploding.Single(w => w.Layer == "rnn");
        Assert.True(double.IsFinite(w.Value) && w.Value > 1e3, $"norm {w.Value}");
        Assert.Equal(0, w.Step);
        Assert.StartsWith("exploding gradient in layer 'rnn' (RNN) at step 0", w.Message);
        Assert.Contains("exploding: rnn", monitor.Status);
    }

    [Fact]
    public void ReluBatchNormMlpIsNotFlagged()
    {
        var g = new Generator(3);
        var model = ReluBatchNormMlp(g);
        var x = Torch.Randn(new Size([32, 20]), generator: g);
        var y = Torch.Randint(3, new Size([32]), g);
        using var monitor = new GradientMonitor(model);
        var losses = Train(model, x, y, new CrossEntropyLoss().Forward, 10, 0.05, monitor);

        Assert.Empty(monitor.Warnings);
        Assert.True(losses[^1] < losses[0]);
        Assert.EndsWith(" | ok", monitor.Status);
        var last = monitor.History[^1];
        Assert.Equal(["0", "1", "3", "4", "6", "7", "9"], last.Gradients.Select(s => s.Layer));
        Assert.All(last.Gradients, s => Assert.True(s.GradNorm > 0 && s.WeightNorm > 0 && s.UpdateRatio is > 0 and < 1, s.ToString()));
        var relu = last.Activations.Single(a => a.Layer == "2");
        Assert.InRange(relu.ZeroFraction, 0.3, 0.7);
        Assert.Equal(0, relu.DeadFraction);
        Assert.True(double.IsNaN(last.Activations.Single(a => a.Layer == "0").ZeroFraction));
        Assert.Equal(32 * 64, relu.Count);
    }

    /// <summary>A small ResNet: a stem and two of ResNet18's residual blocks (one downsampling), ResNet's initialization.</summary>
    private static Sequential SmallResNet(Generator g)
    {
        var net = new Sequential(
            new Conv2d(3, 16, kernelSize: 3, padding: 1, bias: false), new BatchNorm2d(16), new ReLU(),
            new Ember.Vision.BasicBlock(16, 16),
            new Ember.Vision.BasicBlock(16, 32, stride: 2, downsample: Ember.Vision.BasicBlock.Shortcut(16, 32, 2)),
            new AdaptiveAvgPool2d(1), new Flatten(), new Linear(32, 10, generator: g));
        Ember.Vision.ModelInit.ResetConvAndNorm(net, fanOut: true, g);
        return net;
    }

    [Fact]
    public void SmallResNetIsNotFlagged()
    {
        var g = new Generator(4);
        var model = SmallResNet(g);
        var x = Torch.Randn(new Size([8, 3, 16, 16]), generator: g);
        var y = Torch.Randint(10, new Size([8]), g);
        using var monitor = new GradientMonitor(model);
        var losses = Train(model, x, y, new CrossEntropyLoss().Forward, 5, 0.05, monitor);

        Assert.True(monitor.Warnings.Count == 0, string.Join("\n", monitor.Warnings));
        Assert.True(losses[^1] < losses[0]);
        Assert.Contains("4.conv1", monitor.Layers);
        Assert.Contains("4.downsample.0", monitor.Layers);
        Assert.Contains(monitor.History[^1].Activations, a => a.Layer == "4.relu" && a.DeadFraction < 0.5);
        Assert.All(monitor.History[^1].Gradients, s => Assert.InRange(s.UpdateRatio, 1e-6, 1));
    }

    [Fact]
    public void ReluAfterAVeryNegativeBiasIsFlaggedDead()
    {
        var g = new Generator(5);
        var model = new Sequential(new Linear(8, 32, generator: g), new ReLU(), new Linear(32, 1, generator: g));
        using (Torch.NoGrad()) ((Linear)model[0]).Bias!.Fill_(-100.0);
        var x = Torch.Randn(new Size([16, 8]), generator: g);
        var y = Torch.Randn(new Size([16, 1]), generator: g);
        using var monitor = new GradientMonitor(model);
        Train(model, x, y, new MSELoss().Forward, 4, 0.01, monitor);

        var dead = monitor.Warnings.Single(w => w.Kind == HealthWarningKind.DeadUnits);
        Assert.Equal("1", dead.Layer);
        Assert.Equal("ReLU", dead.LayerType);
        Assert.Equal(1.0, dead.Value);
        Assert.Equal(2, dead.Step);
        Assert.StartsWith("dead units in layer '1' (ReLU) at step 2: 100% of its units", dead.Message);
        Assert.Equal(1.0, monitor.History[0].Activations.Single(a => a.Layer == "1").DeadFraction);
    }

    [Fact]
    public void HealthyReluIsNotFlaggedDead()
    {
        var g = new Generator(5);
        var model = new Sequential(new Linear(8, 32, generator: g), new ReLU(), new Linear(32, 1, generator: g));
        var x = Torch.Randn(new Size([16, 8]), generator: g);
        var y = Torch.Randn(new Size([16, 1]), generator: g);
        using var monitor = new GradientMonitor(model);
        Train(model, x, y, new MSELoss().Forward, 4, 0.01, monitor);
        Assert.DoesNotContain(monitor.Warnings, w => w.Kind == HealthWarningKind.DeadUnits);
    }

    [Theory]
    [InlineData(30.0, true)]
    [InlineData(1.0, false)]
    public void SigmoidWithLargeWeightsIsFlaggedSaturated(double scale, bool flagged)
    {
        var g = new Generator(6);
        var model = new Sequential(new Linear(8, 16, generator: g), new Sigmoid(), new Linear(16, 1, generator: g));
        using (Torch.NoGrad()) ((Linear)model[0]).Weight.Mul_(Torch.Scalar(scale));
        var x = Torch.Randn(new Size([32, 8]), generator: g);
        var y = Torch.Randn(new Size([32, 1]), generator: g);
        using var monitor = new GradientMonitor(model);
        Train(model, x, y, new MSELoss().Forward, 4, 0.01, monitor);

        var saturated = monitor.Warnings.Where(w => w.Kind == HealthWarningKind.Saturated).ToList();
        if (!flagged) { Assert.Empty(saturated); return; }
        var w = Assert.Single(saturated);
        Assert.Equal("1", w.Layer);
        Assert.Equal("Sigmoid", w.LayerType);
        Assert.True(w.Value > 0.5, $"{w.Value}");
        Assert.StartsWith("saturated activations in layer '1' (Sigmoid)", w.Message);
    }

    [Fact]
    public void TheMonitorNeverChangesTheTrainingResult()
    {
        List<double> Run(bool monitored, out Tensor[] weights)
        {
            var g = new Generator(7);
            var model = ReluBatchNormMlp(g);
            var x = Torch.Randn(new Size([16, 20]), generator: g);
            var y = Torch.Randint(3, new Size([16]), g);
            using var monitor = monitored ? new GradientMonitor(model) : null;
            var losses = Train(model, x, y, new CrossEntropyLoss().Forward, 6, 0.1, monitor);
            weights = model.Parameters().Select(p => p.Detach().Clone()).ToArray();
            return losses;
        }
        var plain = Run(false, out var w0);
        var watched = Run(true, out var w1);
        Assert.Equal(plain, watched);
        for (int i = 0; i < w0.Length; i++) Assert.Equal(w0[i].ToArray<float>(), w1[i].ToArray<float>());
    }

    [Fact]
    public void DisposeRemovesTheHooks()
    {
        var g = new Generator(8);
        var model = ReluBatchNormMlp(g);
        var x = Torch.Randn(new Size([8, 20]), generator: g);
        var monitor = new GradientMonitor(model);
        Assert.True(monitor.IsAttached);
        Assert.Equal(10, monitor.HookCount);   // every leaf: 4 Linear, 3 BatchNorm1d, 3 ReLU
        var withHooks = model.Call(x).ToArray<float>();
        Assert.All(monitor.Trackers, t => Assert.Equal(1, t.Calls));
        monitor.Step();

        monitor.Dispose();
        Assert.False(monitor.IsAttached);
        Assert.Equal(0, monitor.HookCount);
        var without = model.Call(x).ToArray<float>();
        Assert.All(monitor.Trackers, t => Assert.Equal(1, t.Calls));  // the hooks no longer run
        Assert.NotEqual(withHooks, Array.Empty<float>());
        Assert.Single(monitor.History);   // still readable
        var e = Assert.Throws<InvalidOperationException>(() => monitor.Step());
        Assert.StartsWith("step: ", e.Message);
        monitor.Dispose();   // twice is fine
    }

    [Fact]
    public void HooksDoNotChangeOutputs()
    {
        var g = new Generator(9);
        var model = ReluBatchNormMlp(g);
        model.Eval();
        var x = Torch.Randn(new Size([8, 20]), generator: g);
        var before = model.Call(x).ToArray<float>();
        using var monitor = new GradientMonitor(model);
        Assert.Equal(before, model.Call(x).ToArray<float>());
        monitor.Detach();
        Assert.Equal(before, model.Call(x).ToArray<float>());
    }

    [Fact]
    public void NoGradForwardsAreNotCounted()
    {
        var g = new Generator(10);
        var model = new Sequential(new Linear(4, 4, generator: g), new ReLU());
        using var monitor = new GradientMonitor(model);
        using (Torch.NoGrad()) model.Call(Torch.Randn(new Size([2, 4]), generator: g));
        Assert.Empty(monitor.Step().Activations);
    }

    [Fact]
    public void NonFiniteInputIsFlaggedAtTheFirstLayer()
    {
        var g = new Generator(11);
        var model = new Sequential(new Linear(4, 8, generator: g), new Tanh(), new Linear(8, 1, generator: g));
        var x = Torch.Randn(new Size([4, 4]), generator: g);
        using (Torch.NoGrad()) x[0, 0] = Torch.Scalar(double.NaN).To(DType.Float32);
        using var monitor = new GradientMonitor(model);
        new MSELoss().Forward(model.Call(x), Torch.Zeros(new Size([4, 1]))).Backward();
        monitor.Step();
        var nonFinite = monitor.Warnings.Where(w => w.Kind == HealthWarningKind.NonFinite).ToList();
        Assert.Contains(nonFinite, w => w.Layer == "0" && w.Message.StartsWith("non-finite output", StringComparison.Ordinal));
        Assert.DoesNotContain(nonFinite, w => w.Layer == "1" && w.Message.StartsWith("non-finite output", StringComparison.Ordinal));
        Assert.Contains(nonFinite, w => w.Layer == "2" && w.Message.StartsWith("non-finite gradient in layer '2' (Linear)", StringComparison.Ordinal));
    }

    [Fact]
    public void EpochsAggregateTheSteps()
    {
        var g = new Generator(12);
        var model = ReluBatchNormMlp(g);
        var x = Torch.Randn(new Size([16, 20]), generator: g);
        var y = Torch.Randint(3, new Size([16]), g);
        using var monitor = new GradientMonitor(model, new GradientMonitorOptions { HistorySize = 2 });
        Train(model, x, y, new CrossEntropyLoss().Forward, 3, 0.1, monitor);
        var e0 = monitor.EndEpoch();
        Train(model, x, y, new CrossEntropyLoss().Forward, 2, 0.1, monitor);
        var e1 = monitor.EndEpoch();
        Assert.Equal((0, 3L), (e0.Epoch, e0.Steps));
        Assert.Equal((1, 2L), (e1.Epoch, e1.Steps));
        Assert.Equal(2, monitor.Epochs.Count);
        Assert.Equal(2, monitor.History.Count);
        Assert.Equal([3L, 4L], monitor.History.Select(r => r.Step));
        Assert.Equal(1, monitor.History[^1].Epoch);
        Assert.All(e0.Layers, l =>
        {
            Assert.Equal(3, l.Steps);
            Assert.True(l.MinGradNorm <= l.MeanGradNorm && l.MeanGradNorm <= l.MaxGradNorm, l.ToString());
            Assert.True(l.MeanUpdateRatio > 0, l.ToString());
        });
        Assert.Equal(5, monitor.StepCount);
    }

    [Fact]
    public void BadUseIsAClearError()
    {
        var model = new Sequential(new Linear(2, 2));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new GradientMonitor(model, new GradientMonitorOptions { Patience = 0 }));
        Assert.StartsWith("gradient_monitor: Patience must be at least 1, got 0", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientMonitor(model, new GradientMonitorOptions { SaturationThreshold = 1.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientMonitor(model, new GradientMonitorOptions { VanishingThreshold = double.NaN }));
        Assert.Throws<ArgumentNullException>(() => new GradientMonitor(null!));
        using var monitor = new GradientMonitor(model);
        Assert.Equal("grad: no step yet", monitor.Status);
        var after = Assert.Throws<InvalidOperationException>(() => monitor.AfterOptimizerStep());
        Assert.StartsWith("after_optimizer_step: ", after.Message);
        Assert.Throws<ArgumentNullException>(() => monitor.Step(null!));
    }
}
