using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ember.NN;
using Ember.Plots;
using Ember.Training;

namespace Ember.Cli.Commands;

/// <summary><c>ember train</c>: trains a model on a data source, prints the test figures, saves the model and the report.</summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter output)
    {
        var options = new TrainOptions();
        var command = new Command("train", "Train a model (default: an MLP on the embedded digits) and report its test loss and metrics");
        options.AddShared(command);
        options.AddTraining(command);
        command.SetAction(r => Run(options.Read(r), output));
        return command;
    }

    public static int Run(TrainSettings s, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        var exp = Experiment.Create(s);
        var card = exp.Card;
        int trainCount = exp.TrainX.Size(0), testCount = exp.TestX.Size(0);
        string what = card.TaskKind == TaskKind.Classification ? $"{card.Model.Outputs} classes" : "regression";
        output.WriteLine($"ember train: {s.Data} ({trainCount} train / {testCount} test samples of shape [{string.Join(", ", card.Model.InputShape)}], {what})");
        output.WriteLine($"model: {card.Model} ({exp.Model.ParameterCount():N0} parameters); {s.Optimizer} lr {Inv(s.LearningRate)}, {s.Scheduler} schedule, batch {s.BatchSize}, {s.Epochs} epochs, seed {s.Seed}");
        string summary = ModelSummary.Of(exp.Model, [1, .. card.Model.InputShape]).ToString();
        if (s.Verbose >= 2) output.WriteLine(summary);

        var callbacks = new List<Callback> { new TerminateOnNaN() };
        if (s.EarlyStopping is int patience) callbacks.Add(new EarlyStopping(patience: patience, restoreBestWeights: true));
        CsvLogger? csv = s.CsvLog is string csvPath ? new CsvLogger(csvPath, append: s.Resume is not null) : null;
        if (csv is not null) callbacks.Add(csv);
        if (s.Checkpoint is string ckpt) callbacks.Add(new ModelCheckpoint(ckpt, saveBestOnly: true));

        int initialEpoch = 0;
        if (s.Resume is string resume)
        {
            if (!File.Exists(resume)) throw new CliException($"resume: checkpoint not found: {resume}");
            initialEpoch = exp.Trainer.Resume(resume, callbacks);
            output.WriteLine($"resumed from {resume} at epoch {initialEpoch + 1}");
        }
        History history;
        try
        {
            history = exp.Trainer.Fit(exp.TrainLoader, s.Epochs, exp.TestLoader, callbacks, initialEpoch, s.Verbose, output);
        }
        finally
        {
            csv?.Dispose();
        }
        if (callbacks.OfType<TerminateOnNaN>().First().TerminatedAtBatch is int nanBatch)
            output.WriteLine($"training stopped: the loss became NaN or infinite at batch {nanBatch} (lower --lr or add --clip-grad-norm)");
        if (callbacks.OfType<EarlyStopping>().FirstOrDefault() is { StoppedEpoch: > 0 } es)
            output.WriteLine($"early stopping at epoch {es.StoppedEpoch + 1}; restored the weights of epoch {es.BestEpoch + 1}");
        var monitor = exp.Trainer.Monitor;
        if (monitor is not null) output.WriteLine("gradient health: " + monitor.Status);
        if (s.Verbose > 0 && history.Epochs.Count > 1)
        {
            string key = history.Values.ContainsKey("val_loss") ? "val_loss" : "loss";
            output.WriteLine(TerminalChart.Render(history[key], width: 50, height: 5, logY: history[key].All(v => v > 0), label: $"{key} by epoch (log scale)"));
        }

        var result = Evaluation.Run(exp.Model, card, exp.TestX, exp.TestY);
        Evaluation.Print(result, card.ClassNames, output, "test");

        if (s.Save is string savePath)
        {
            card.Save(exp.Model, savePath);
            output.WriteLine($"model saved to {savePath} (description in {ModelCard.SidecarPath(savePath)})");
        }
        if (s.Report is string report)
        {
            if (report.Length == 0) report = Path.Combine("runs", exp.Source.Name, "report.html");
            var record = new RunRecord
            {
                Title = $"{card.Model} on {s.Data}",
                HyperParameters = s.Describe(card.Model, trainCount, testCount),
                History = history,
                ModelSummary = summary,
                TestMetrics = result.Metrics,
                Task = card.TaskKind,
                ConfusionMatrix = result.ConfusionMatrix,
                ClassNames = card.ClassNames,
                GradientEpochs = monitor is null ? null : history.Health,
                GradientWarnings = monitor is null ? null : history.HealthWarnings,
                WallSeconds = clock.Elapsed.TotalSeconds,
                ModelFile = s.Save,
            };
            string runJson = ReportWriter.Write(record, report);
            output.WriteLine($"report written to {report} (the run's data: {runJson}; `ember report {runJson}` renders it again)");
        }
        string headline = card.TaskKind == TaskKind.Classification
            ? $"test accuracy {Evaluation.F4(result.Metrics["accuracy"])}"
            : $"test RMSE {Evaluation.G(result.Metrics["rmse"])}, R² {Evaluation.F4(result.Metrics["r2"])}";
        output.WriteLine($"done in {clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s: {headline}");
        return 0;
    }

    private static string Inv(double v) => v.ToString(CultureInfo.InvariantCulture);
}
