using System.CommandLine;
using System.Globalization;
using Ember.Training;

namespace Ember.Cli.Commands;

/// <summary><c>ember lr-find</c>: the learning-rate range test (fastai's lr_find) with train's data, model and optimizer options.</summary>
internal static class LrFindCommand
{
    public static Command Create(TextWriter output)
    {
        var options = new TrainOptions();
        var start = new Option<double>("--start-lr") { Description = "The first rate of the sweep", DefaultValueFactory = _ => 1e-7, HelpName = "RATE" };
        var end = new Option<double>("--end-lr") { Description = "The last rate of the sweep", DefaultValueFactory = _ => 10, HelpName = "RATE" };
        var iterations = new Option<int>("--iterations") { Description = "Batches in the sweep", DefaultValueFactory = _ => 100, HelpName = "N" };
        var command = new Command("lr-find", "Sweep the learning rate exponentially over a few batches and suggest one (fastai's lr_find)");
        options.AddShared(command);
        foreach (var o in new Option[] { start, end, iterations }) command.Options.Add(o);
        TrainOptions.Validate(start, r => { if (!(TrainOptions.Value<double>(r) > 0)) r.AddError("--start-lr must be positive"); });
        TrainOptions.Validate(end, r => { if (!(TrainOptions.Value<double>(r) > 0 && double.IsFinite(TrainOptions.Value<double>(r)))) r.AddError("--end-lr must be positive"); });
        TrainOptions.Validate(iterations, r => { if (TrainOptions.Value<int>(r) < 2) r.AddError("--iterations must be at least 2"); });
        command.Validators.Add(r =>
        {
            try
            {
                double s = r.GetValue(start), e = r.GetValue(end);
                if (s > 0 && e > 0 && !(e > s)) r.AddError($"--end-lr ({Inv(e)}) must be above --start-lr ({Inv(s)})");
            }
            catch (InvalidOperationException) { } // an unconvertible rate, reported by the parser

        });
        command.SetAction(r =>
        {
            var exp = Experiment.Create(options.Read(r, training: false));
            var result = LrFinder.Find(exp.Trainer, exp.TrainLoader, r.GetValue(start), r.GetValue(end), r.GetValue(iterations));
            output.WriteLine($"lr-find: {exp.Settings.Data}, {exp.Card.Model}, {exp.Settings.Optimizer}, {result.LearningRates.Count} batches from {Inv(r.GetValue(start))} to {Inv(result.LearningRates[^1])}");
            output.WriteLine(TextPlot.LossCurve(result.LearningRates, result.Losses));
            output.WriteLine($"suggested learning rate: {Inv(result.SteepestLr)} (steepest descent); {Inv(result.MinimumLr)} (minimum / 10)");
            return 0;
        });
        return command;
    }

    private static string Inv(double v) => v.ToString("G3", CultureInfo.InvariantCulture);
}
