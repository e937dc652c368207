using System.CommandLine;

namespace Ember.Cli.Commands;

/// <summary><c>ember evaluate</c>: a saved model's loss and metrics on a data source.</summary>
internal static class EvaluateCommand
{
    public static readonly Option<string> ModelFile = new("--model-file", "-f") { Description = "A model saved by `ember train --save FILE`", Required = true, HelpName = "FILE" };

    public static Command Create(TextWriter output)
    {
        var data = new Option<string?>("--data", "-d") { Description = $"The data ({DataSources.SpecHelp}; default: the model's training source)", HelpName = "SPEC" };
        var split = SplitOption();
        var command = new Command("evaluate", "Evaluate a saved model: test loss, accuracy and macro F1 (or RMSE, MAE, R²) and the confusion matrix");
        command.Options.Add(ModelFile);
        command.Options.Add(data);
        command.Options.Add(split);
        TrainOptions.Validate(data, r => { if (TrainOptions.Value<string?>(r) is string s && DataSources.Check(s) is string e) r.AddError(e); });
        command.SetAction(r =>
        {
            string file = r.GetValue(ModelFile)!;
            var card = ModelCard.Load(file);
            var model = card.LoadModel(file);
            var set = SavedModelData.Load(card, r.GetValue(data), r.GetValue(split), out string part);
            if (set.Targets is null) throw new CliException($"data: {set.Spec} has no targets to evaluate against");
            var result = Evaluation.Run(model, card, Preprocessing.Inputs(card, set.Features), Preprocessing.Targets(card, set.Targets));
            output.WriteLine($"model {file}: {card.Model}, trained on {card.Data}");
            Evaluation.Print(result, card.ClassNames, output, part == "all" ? set.Spec : $"{set.Spec} {part} part");
            return 0;
        });
        return command;
    }

    public static Option<string?> SplitOption()
    {
        var split = new Option<string?>("--split") { Description = SavedModelData.SplitHelp };
        split.AcceptOnlyFromAmong("test", "train", "all");
        return split;
    }
}
