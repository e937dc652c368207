using System.Text.RegularExpressions;
using Ember.Data;
using Ember.Diagnostics;
using Ember.Metrics;
using Ember.NN;
using Ember.Optim;
using Ember.Training;
using Spectre.Console;
using static Ember.Tests.Training.TrainerTests;

namespace Ember.Tests.Training;

public sealed partial class ProgressTests
{
    private static DataLoader Loader() => new(TrainerTests.Data(), batchSize: 8, shuffle: true, generator: new Generator(3));

    [GeneratedRegex(@"^Epoch (\d)/3 - 5/5 - \d+\.\d\ds - [\d,]+ samples/s - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4} - lr: 0\.1$")]
    private static partial Regex EpochLine();

    [Theory]
    [InlineData(2)]
    [InlineData(1)] // a writer that is not an interactive terminal gets the plain lines too
    public void PlainProgressPrintsOneKerasLinePerEpoch(int verbose)
    {
        var (model, opt, _) = Setup();
        var output = new StringWriter();
        var history = new Trainer(model, CE, opt, metrics: [new Accuracy()])
            .Fit(Loader(), epochs: 3, validation: new DataLoader(TrainerTests.Data(12, 8), batchSize: 4), verbose: verbose, output: output);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(3, lines.Length);
        for (int e = 0; e < 3; e++)
        {
            var match = EpochLine().Match(lines[e]);
            Assert.True(match.Success, lines[e]);
            Assert.Equal($"{e + 1}", match.Groups[1].Value);
            Assert.Contains($"loss: {history["loss"][e]:F4}", lines[e]);
        }
    }

    [Fact]
    public void VerboseZeroPrintsNothingAndBadLevelsAreRefused()
    {
        var (model, opt, _) = Setup();
        var output = new StringWriter();
        new Trainer(model, CE, opt).Fit(Loader(), epochs: 2, verbose: 0, output: output);
        Assert.Equal("", output.ToString());
        Assert.StartsWith("fit: verbose", Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(model, CE, opt).Fit(Loader(), verbose: 3)).Message);
    }

    /// <summary>Slows training down so that the live display refreshes while an epoch runs.</summary>
    private sealed class Slow : Callback
    {
        public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) => Thread.Sleep(60);
    }

    [Fact]
    public void LiveProgressDrawsABarPerEpochAndLeavesOneLinePerEpoch()
    {
        var (model, opt, _) = Setup();
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.Yes, Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        var trainer = new Trainer(model, CE, opt, metrics: [new Accuracy()]) { LiveConsole = console };
        var history = trainer.Fit(Loader(), epochs: 2, callbacks: [new Slow()], verbose: 1, output: output);
        string text = output.ToString();
        Assert.Contains("\u001b[", text);                 // the live region is redrawn with cursor controls
        Assert.Contains("Epoch 1/2", text);
        Assert.Contains("━", text);                       // the bar
        Assert.Matches(@"\d/5", text);                    // batches done
        Assert.Contains("samples/s", text);
        Assert.Contains("loss: ", text);
        Assert.Contains("accuracy: ", text);              // running metrics in the bar
        // Each finished epoch leaves its plain summary line.
        Assert.Contains($"Epoch 1/2 - 5/5 - ", text);
        Assert.Contains($"Epoch 2/2 - 5/5 - ", text);
        Assert.Contains($"loss: {history["loss"][1]:F4}", text);
    }

    [Fact]
    public void AnExceptionDuringLiveProgressReachesTheCallerAndRestoresTheCursor()
    {
        var (model, opt, _) = Setup();
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.Yes, Out = new AnsiConsoleOutput(output),
        });
        var trainer = new Trainer(model, CE, opt) { LiveConsole = console };
        var e = Assert.Throws<KeyNotFoundException>(() => trainer.Fit(Loader(), epochs: 2, callbacks: [new EarlyStopping()], verbose: 1));
        Assert.StartsWith("early_stopping: conditioned on 'val_loss'", e.Message);
        Assert.EndsWith("\u001b[?25h", output.ToString()); // the live display hid the cursor and showed it again
    }

    [Fact]
    public void HistoryCreateTakesRecordedValuesAndRefusesRaggedOnes()
    {
        var history = History.Create([0, 1, 2], new Dictionary<string, IReadOnlyList<double>> { ["loss"] = [3.0, 2.0, 1.0], ["val_loss"] = [double.NaN, 2.5, 1.5] });
        Assert.Equal([0, 1, 2], history.Epochs);
        Assert.Equal([3.0, 2.0, 1.0], history["loss"]);
        Assert.True(double.IsNaN(history["val_loss"][0]));
        Assert.Empty(history.Health);
        Assert.StartsWith("history: 'loss' has 2 values for 3 epochs", Assert.Throws<ArgumentException>(() =>
            History.Create([0, 1, 2], new Dictionary<string, IReadOnlyList<double>> { ["loss"] = [3.0, 2.0] })).Message);
        Assert.Throws<ArgumentException>(() => History.Create([-1], new Dictionary<string, IReadOnlyList<double>>()));
        Assert.Throws<ArgumentNullException>(() => History.Create(null!, new Dictionary<string, IReadOnlyList<double>>()));
        Assert.Throws<ArgumentNullException>(() => History.Create([0], null!));
    }

    [Fact]
    public void GradientMonitorFeedsHistoryProgressAndWarningsWithoutChangingTheRun()
    {
        List<double> Run(bool watch, StringWriter? output, out History history, out Trainer trainer)
        {
            var g = new Generator(1);
            var layers = new List<Module<Tensor, Tensor>>();
            for (int i = 0; i < 30; i++) { layers.Add(new Linear(16, 16, generator: g)); layers.Add(new Sigmoid()); }
            layers.Add(new Linear(16, 1, generator: g));
            var model = new Sequential([.. layers]);
            var x = Torch.Randn(new Size([64, 16]), generator: g);
            var y = Torch.Randn(new Size([64, 1]), generator: g);
            trainer = new Trainer(model, (p, t) => F.MseLoss(p, t), new SGD(model.Parameters(), lr: 0.1), clipGradNorm: 1.0,
                gradientMonitor: watch ? new GradientMonitorOptions() : null);
            history = trainer.Fit(new DataLoader(TensorDataset.Of(x, y), batchSize: 16), epochs: 2, verbose: output is null ? 0 : 2, output: output);
            return [.. history["loss"]];
        }

        var output = new StringWriter();
        var watched = Run(true, output, out var history, out var trainer);
        var plain = Run(false, null, out var unwatched, out _);
        Assert.Equal(plain, watched);                                         // bit for bit
        Assert.Empty(unwatched.Health);
        Assert.Equal(2, history.Health.Count);
        Assert.Equal([0, 1], history.Health.Select(h => h.Epoch));
        Assert.Equal(4, history.Health[0].Steps);
        Assert.Contains(history.HealthWarnings, w => w.Kind == HealthWarningKind.Vanishing && w.Layer == "0");
        Assert.NotNull(trainer.Monitor);
        Assert.False(trainer.Monitor!.IsAttached);                           // hooks removed when Fit ends
        Assert.Equal(8, trainer.Monitor.StepCount);
        string text = output.ToString();
        Assert.Contains("warning: vanishing gradient in layer '0' (Linear)", text);
        Assert.Matches(@"Epoch 2/2 - 4/4 - .* - lr: 0\.1 - grad .* \| .*vanishing: 0, ", text);
    }
}
