using System.Globalization;
using System.Text;

namespace Ember.Selection;

/// <summary>
/// The outcome of <see cref="CrossValidation.CrossValidate(Func{int, Training.Trainer}, Data.Dataset{ValueTuple{Tensor, Tensor}}, CrossValidationOptions?)"/>:
/// every fold's result, and the mean and standard deviation across folds of each quantity's final value (d2l's averages).
/// </summary>
public sealed class CrossValidationResult
{
    internal CrossValidationResult(IReadOnlyList<FoldResult> folds)
    {
        Folds = folds;
        var mean = new Dictionary<string, double>(StringComparer.Ordinal);
        var std = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var name in folds[0].Final.Keys)
        {
            if (!folds.All(f => f.Final.ContainsKey(name))) continue;
            (mean[name], std[name]) = MeanStd(folds.Select(f => f.Final[name]));
        }
        Mean = mean;
        Std = std;
    }

    /// <summary>The folds' results, in fold order.</summary>
    public IReadOnlyList<FoldResult> Folds { get; }

    /// <summary>
    /// The mean over the folds of each quantity's final value (<see cref="FoldResult.Final"/>), by name: e.g. <c>"loss"</c>,
    /// <c>"log_rmse"</c> (training) and <c>"val_loss"</c>, <c>"val_log_rmse"</c> (held-out part).
    /// </summary>
    public IReadOnlyDictionary<string, double> Mean { get; }

    /// <summary>The population standard deviation (NumPy's <c>np.std</c>, as scikit-learn's <c>std_test_score</c>) over the folds of each final value, by name.</summary>
    public IReadOnlyDictionary<string, double> Std { get; }

    /// <summary>The mean and population standard deviation of <paramref name="values"/>.</summary>
    internal static (double Mean, double Std) MeanStd(IEnumerable<double> values)
    {
        var v = values.ToArray();
        double mean = 0;
        foreach (double x in v) mean += x;
        mean /= v.Length;
        double ss = 0;
        foreach (double x in v) ss += (x - mean) * (x - mean);
        return (mean, Math.Sqrt(ss / v.Length));
    }

    /// <summary>d2l's closing line: <c>5-fold validation: avg train log rmse: 0.166000, avg valid log rmse: 0.168000, …</c>.</summary>
    /// <returns>One line with every quantity's mean across folds.</returns>
    public string Summary() =>
        $"{Folds.Count}-fold validation: " + string.Join(", ", Quantities(Mean.Keys).Select(n => $"avg {Label(n)}: {Mean[n].ToString("F6", CultureInfo.InvariantCulture)}"));

    /// <summary>A table: one row per fold and the mean and standard deviation rows, one column per quantity (learning rate and time left out).</summary>
    /// <returns>The table, as text.</returns>
    public override string ToString()
    {
        var names = Quantities(Mean.Keys).ToList();
        var sb = new StringBuilder();
        sb.Append("fold".PadRight(6));
        foreach (var n in names) sb.Append(' ').Append(n.PadLeft(Math.Max(12, n.Length)));
        sb.AppendLine();
        void Row(string label, Func<string, double> value)
        {
            sb.Append(label.PadRight(6));
            foreach (var n in names) sb.Append(' ').Append(value(n).ToString("F6", CultureInfo.InvariantCulture).PadLeft(Math.Max(12, n.Length)));
            sb.AppendLine();
        }
        foreach (var f in Folds) Row((f.Fold + 1).ToString(CultureInfo.InvariantCulture), n => f.Final[n]);
        Row("mean", n => Mean[n]);
        Row("std", n => Std[n]);
        return sb.ToString();
    }

    /// <summary>The quantities worth printing, each training quantity followed by its validation twin; <c>lr</c> and <c>time</c> left out.</summary>
    internal static IEnumerable<string> Quantities(IEnumerable<string> names)
    {
        var all = names.Where(n => n is not "lr" and not "time").ToList();
        var set = new HashSet<string>(all, StringComparer.Ordinal);
        foreach (var n in all)
        {
            if (n.StartsWith("val_", StringComparison.Ordinal) && set.Contains(n[4..])) continue;
            yield return n;
            if (!n.StartsWith("val_", StringComparison.Ordinal) && set.Contains("val_" + n)) yield return "val_" + n;
        }
    }

    /// <summary>d2l's wording: <c>val_log_rmse</c> → <c>valid log rmse</c>, <c>loss</c> → <c>train loss</c>.</summary>
    internal static string Label(string name) =>
        name.StartsWith("val_", StringComparison.Ordinal) ? "valid " + name[4..].Replace('_', ' ') : "train " + name.Replace('_', ' ');
}
