using System.CommandLine;
using System.Globalization;
using Ember.NN;

namespace Ember.Cli.Commands;

/// <summary><c>ember summary</c>: a model's layer table (torchinfo's summary) for an input shape.</summary>
internal static class SummaryCommand
{
    public static Command Create(TextWriter output)
    {
        var model = new Option<string>("--model", "-m") { Description = $"The model: {ModelSpec.Help}", DefaultValueFactory = _ => "mlp", HelpName = "MODEL" };
        var inputShape = new Option<string>("--input-shape") { Description = "The input shape, batch included, e.g. 1,64 or 1,1,28,28", DefaultValueFactory = _ => "1,64", HelpName = "N,D..." };
        var classes = new Option<int>("--outputs") { Description = "Outputs of a built-in model (classes)", DefaultValueFactory = _ => 10, HelpName = "N" };
        var hidden = new Option<string[]>("--hidden") { Description = "The MLP's hidden layer widths", DefaultValueFactory = _ => [Defaults.Hidden], AllowMultipleArgumentsPerToken = true, HelpName = "N[,N...]" };
        var dropout = new Option<double>("--dropout") { Description = "The MLP's dropout", DefaultValueFactory = _ => Defaults.Dropout, HelpName = "P" };
        var depth = new Option<int>("--depth") { Description = "Nesting depth shown", DefaultValueFactory = _ => 3, HelpName = "N" };
        var command = new Command("summary", "Print a model's layers, output shapes, parameter counts, multiply-adds and memory for an input shape");
        foreach (var o in new Option[] { model, inputShape, classes, hidden, dropout, depth }) command.Options.Add(o);
        TrainOptions.Validate(inputShape, r => { if (ParseShape(TrainOptions.Value<string>(r)) is null) r.AddError($"--input-shape takes positive sizes separated by commas, batch first (e.g. 1,64), got '{TrainOptions.Value<string>(r)}'"); });
        TrainOptions.Validate(classes, r => { if (TrainOptions.Value<int>(r) < 1) r.AddError("--outputs must be at least 1"); });
        TrainOptions.Validate(depth, r => { if (TrainOptions.Value<int>(r) < 0) r.AddError("--depth must not be negative"); });
        TrainOptions.Validate(hidden, r => { try { TrainOptions.ParseHidden(TrainOptions.Value<string[]>(r)); } catch (CliException e) { r.AddError(e.Message); } });
        command.SetAction(r =>
        {
            int[] shape = ParseShape(r.GetValue(inputShape)!)!;
            if (shape.Length < 2) throw new CliException($"summary: --input-shape needs a batch size and a sample shape (e.g. 1,{shape[0]})", 2);
            var desc = ModelSpec.Describe(r.GetValue(model)!, shape[1..], r.GetValue(classes), TrainOptions.ParseHidden(r.GetValue(hidden)), r.GetValue(dropout));
            var module = ModelSpec.Build(desc);
            ModelSummary summary;
            try { summary = ModelSummary.Of(module, shape); }
            catch (ArgumentException e) { throw new CliException($"summary: the model does not accept input of shape [{string.Join(", ", shape)}]: {e.Message}"); }
            output.WriteLine(summary.ToString(new SummaryFormat { Depth = r.GetValue(depth) }));
            return 0;
        });
        return command;
    }

    private static int[]? ParseShape(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = text.Split([',', 'x', '×', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var dims = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out dims[i]) || dims[i] < 1) return null;
        return dims.Length == 0 ? null : dims;
    }
}
