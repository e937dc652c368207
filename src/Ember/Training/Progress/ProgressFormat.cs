using System.Globalization;
using System.Text;

namespace Ember.Training.Progress;

/// <summary>The text of progress lines: Keras' <c>name: value</c> pairs, with the learning rate and time last.</summary>
internal static class ProgressFormat
{
    public static string Value(string key, double v) => key switch
    {
        "lr" => v.ToString("G4", CultureInfo.InvariantCulture),
        _ => v.ToString("F4", CultureInfo.InvariantCulture),
    };

    public static string Seconds(double s) => s < 10
        ? s.ToString("F2", CultureInfo.InvariantCulture) + "s"
        : s < 600 ? s.ToString("F1", CultureInfo.InvariantCulture) + "s" : TimeSpan.FromSeconds(Math.Round(s)).ToString("c", CultureInfo.InvariantCulture);

    public static string Rate(double samplesPerSecond) =>
        double.IsFinite(samplesPerSecond) ? samplesPerSecond.ToString("N0", CultureInfo.InvariantCulture) + " samples/s" : "- samples/s";

    /// <summary><c>Epoch 3/20 - 45/45 - 0.31s - 4,512 samples/s - loss: 0.1234 - … - lr: 0.05</c> (and the gradient health).</summary>
    public static string EpochLine(int epoch, int epochs, int batches, long samples, IReadOnlyDictionary<string, double> logs, string? health)
    {
        double time = logs.TryGetValue("time", out var t) ? t : double.NaN;
        var line = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Epoch {epoch + 1}/{epochs} - {batches}/{batches} - {Seconds(time)}");
        if (time > 0) line.Append(" - ").Append(Rate(samples / time));
        foreach (var (k, v) in logs)
            if (k is not ("time" or "lr")) line.Append(" - ").Append(k).Append(": ").Append(Value(k, v));
        if (logs.TryGetValue("lr", out var lr)) line.Append(" - lr: ").Append(Value("lr", lr));
        if (health is not null) line.Append(" - ").Append(health);
        return line.ToString();
    }
}
