using Ember.Training;
using System.Globalization;
using Ember.Metrics;
using Ember.NN;

namespace Ember.Cli;

/// <summary>The test figures of a model on prepared data: the loss and metrics, and for classification the confusion matrix.</summary>
internal sealed class EvaluationResult
{
    public required TaskKind Task { get; init; }

    /// <summary>By name: <c>loss</c>, then <c>accuracy</c> and <c>macro_f1</c>, or <c>rmse</c>, <c>mae</c> and <c>r2</c>.</summary>
    public required Dictionary<string, double> Metrics { get; init; }

    /// <summary>int64 [C, C], rows the true classes (classification), or null.</summary>
    public Tensor? ConfusionMatrix { get; init; }

    public int Count { get; init; }
}

internal static class Evaluation
{
    /// <summary>Runs the model in evaluation mode without gradients, in batches.</summary>
    public static Tensor Outputs(Module<Tensor, Tensor> model, Tensor inputs, int batchSize = 256) => Trainer.Predict(model, inputs, batchSize);

    /// <summary>Evaluates prepared inputs and targets (see <see cref="Preprocessing"/>).</summary>
    public static EvaluationResult Run(Module<Tensor, Tensor> model, ModelCard card, Tensor inputs, Tensor targets)
    {
        if (inputs.Size(0) == 0) throw new CliException("evaluate: the data has no sample");
        var outputs = Outputs(model, inputs);
        if (card.TaskKind == TaskKind.Classification)
        {
            int classes = card.Model.Outputs;
            var accuracy = new Accuracy();
            var f1 = new F1Score(Average.Macro, numClasses: classes);
            var confusion = new ConfusionMatrix(classes);
            foreach (var m in new Metric[] { accuracy, f1, confusion }) m.Update(outputs, targets);
            return new EvaluationResult
            {
                Task = TaskKind.Classification,
                Count = inputs.Size(0),
                Metrics = new()
                {
                    ["loss"] = F.CrossEntropy(outputs, targets).Item(),
                    ["accuracy"] = accuracy.Compute(),
                    ["macro_f1"] = f1.Compute(),
                },
                ConfusionMatrix = confusion.Compute(),
            };
        }
        var predicted = Preprocessing.Unscale(card, outputs);
        var truth = Preprocessing.Unscale(card, targets);
        var rmse = new RootMeanSquaredError();
        var mae = new MeanAbsoluteError();
        var r2 = new R2Score();
        foreach (var m in new Metric[] { rmse, mae, r2 }) m.Update(predicted, truth);
        return new EvaluationResult
        {
            Task = TaskKind.Regression,
            Count = inputs.Size(0),
            Metrics = new()
            {
                ["loss"] = F.MseLoss(outputs, targets).Item(),
                ["rmse"] = rmse.Compute(),
                ["mae"] = mae.Compute(),
                ["r2"] = r2.Compute(),
            },
        };
    }

    /// <summary>Prints the figures, and the confusion matrix with the class names.</summary>
    public static void Print(EvaluationResult r, IReadOnlyList<string>? classNames, TextWriter output, string what)
    {
        var m = r.Metrics;
        string line = r.Task == TaskKind.Classification
            ? $"{what} ({r.Count} samples): loss {F4(m["loss"])}  accuracy {F4(m["accuracy"])}  macro F1 {F4(m["macro_f1"])}"
            : $"{what} ({r.Count} samples): loss {F4(m["loss"])} (standardized)  RMSE {G(m["rmse"])}  MAE {G(m["mae"])}  R² {F4(m["r2"])}";
        output.WriteLine(line);
        if (r.ConfusionMatrix is Tensor cm) PrintConfusion(cm, classNames, output);
    }

    private static void PrintConfusion(Tensor cm, IReadOnlyList<string>? names, TextWriter output)
    {
        int n = cm.Size(0);
        var counts = cm.To(DType.Int64).ToArray<long>();
        string Name(int i) => names is not null && i < names.Count ? names[i] : i.ToString(CultureInfo.InvariantCulture);
        int cell = Math.Max(3, counts.DefaultIfEmpty(0).Max().ToString(CultureInfo.InvariantCulture).Length);
        // Short class names head the columns; longer ones name the rows as "name (index)" and the columns by index.
        bool shortHeads = Enumerable.Range(0, n).All(i => Name(i).Length <= cell);
        string RowLabel(int i) => shortHeads ? Name(i) : $"{Clip(Name(i), 20)} ({i})";
        int labelWidth = Math.Max(4, Enumerable.Range(0, n).Max(i => RowLabel(i).Length));
        output.WriteLine("confusion matrix (rows: true class, columns: predicted):");
        var head = new System.Text.StringBuilder(new string(' ', labelWidth + 1));
        for (int j = 0; j < n; j++) head.Append(' ').Append((shortHeads ? Name(j) : j.ToString(CultureInfo.InvariantCulture)).PadLeft(cell));
        output.WriteLine(head.ToString());
        for (int i = 0; i < n; i++)
        {
            var row = new System.Text.StringBuilder(RowLabel(i).PadLeft(labelWidth) + " ");
            for (int j = 0; j < n; j++) row.Append(' ').Append(counts[i * n + j].ToString(CultureInfo.InvariantCulture).PadLeft(cell));
            output.WriteLine(row.ToString());
        }
    }

    private static string Clip(string s, int width) => s.Length <= width ? s : s[..(width - 1)] + "…";

    public static string F4(double v) => v.ToString("F4", CultureInfo.InvariantCulture);

    public static string G(double v) => v.ToString("G5", CultureInfo.InvariantCulture);
}
