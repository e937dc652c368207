using System.CommandLine;
using System.Globalization;
using System.Text;
using Ember.NN;

namespace Ember.Cli.Commands;

/// <summary><c>ember predict</c>: a saved model's predictions (class and probabilities, or values) for a data source or a CSV of inputs.</summary>
internal static class PredictCommand
{
    public static Command Create(TextWriter output)
    {
        var modelFile = new Option<string>("--model-file", "-f") { Description = "A model saved by `ember train --save FILE`", Required = true, HelpName = "FILE" };
        var data = new Option<string?>("--data", "-d") { Description = $"Predict the samples of a data source ({DataSources.SpecHelp})", HelpName = "SPEC" };
        var input = new Option<string?>("--input", "-i") { Description = "Predict the rows of a CSV file (the training CSV's columns, or one sample's numbers per row)", HelpName = "CSV" };
        var outputFile = new Option<string?>("--output", "-o") { Description = "Write the predictions to a CSV file (default: print them)", HelpName = "CSV" };
        var split = EvaluateCommand.SplitOption();
        split.Description = "With --data: " + SavedModelData.SplitHelp;
        var command = new Command("predict", "Predict with a saved model: the class and its probabilities, or the value, of each sample");
        foreach (var o in new Option[] { modelFile, data, input, outputFile, split }) command.Options.Add(o);
        TrainOptions.Validate(data, r => { if (TrainOptions.Value<string?>(r) is string s && DataSources.Check(s) is string e) r.AddError(e); });
        command.Validators.Add(r =>
        {
            bool hasData = r.GetResult(data) is not null, hasInput = r.GetResult(input) is not null;
            if (hasData == hasInput) r.AddError("predict: give either --data SPEC or --input CSV");
        });
        command.SetAction(r =>
        {
            string file = r.GetValue(modelFile)!;
            var card = ModelCard.Load(file);
            var model = card.LoadModel(file);
            Tensor features;
            Tensor? targets = null;
            if (r.GetValue(input) is string csv) features = SavedModelData.ReadInputs(card, csv);
            else
            {
                var set = SavedModelData.Load(card, r.GetValue(data), r.GetValue(split));
                features = set.Features;
                targets = set.Targets;
            }
            string text = Format(card, Evaluation.Outputs(model, Preprocessing.Inputs(card, features)), targets);
            if (r.GetValue(outputFile) is string path)
            {
                string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
                if (dir is not null) Directory.CreateDirectory(dir);
                byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text);
                Serialization.AtomicFile.Write(path, stream => stream.Write(bytes));
                output.WriteLine($"{features.Size(0)} predictions written to {path}");
            }
            else output.Write(text);
            return 0;
        });
        return command;
    }

    /// <summary>CSV: <c>index,predicted[,target],p_CLASS…</c> (classification) or <c>index,predicted[,target]</c> (regression).</summary>
    private static string Format(ModelCard card, Tensor outputs, Tensor? targets)
    {
        var sb = new StringBuilder();
        int n = outputs.Size(0);
        long[]? truth = card.TaskKind == TaskKind.Classification ? targets?.To(DType.Int64).ToArray<long>() : null;
        double[]? values = card.TaskKind == TaskKind.Regression ? targets?.To(DType.Float64).ToArray<double>() : null;
        if (card.TaskKind == TaskKind.Classification)
        {
            int c = outputs.Size(1);
            var names = Enumerable.Range(0, c).Select(i => card.ClassNames is { } cn && i < cn.Length ? cn[i] : i.ToString(CultureInfo.InvariantCulture)).ToArray();
            var probs = F.Softmax(outputs, 1).To(DType.Float64).ToArray<double>();
            var predicted = outputs.Argmax(1).ToArray<long>();
            sb.Append("index,predicted").Append(truth is null ? "" : ",target");
            foreach (var name in names) sb.Append(",p_").Append(Csv(name));
            sb.Append('\n');
            for (int i = 0; i < n; i++)
            {
                sb.Append(i.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Csv(names[predicted[i]]));
                if (truth is not null) sb.Append(',').Append(Csv(truth[i] < names.Length ? names[truth[i]] : truth[i].ToString(CultureInfo.InvariantCulture)));
                for (int j = 0; j < c; j++) sb.Append(',').Append(probs[i * c + j].ToString("0.######", CultureInfo.InvariantCulture));
                sb.Append('\n');
            }
            return sb.ToString();
        }
        var pred = Preprocessing.Unscale(card, outputs).To(DType.Float64).ToArray<double>();
        sb.Append("index,predicted").Append(values is null ? "" : ",target").Append('\n');
        for (int i = 0; i < n; i++)
        {
            sb.Append(i.ToString(CultureInfo.InvariantCulture)).Append(',').Append(pred[i].ToString("G6", CultureInfo.InvariantCulture));
            if (values is not null) sb.Append(',').Append(values[i].ToString("G6", CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
