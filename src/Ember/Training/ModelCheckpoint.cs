using System.Globalization;
using System.Text.RegularExpressions;

namespace Ember.Training;

/// <summary>
/// Saves the run after every epoch, or only when a monitored quantity improves (Keras' <c>ModelCheckpoint</c>). The
/// file name is a template with Python's format fields, filled from the epoch (1-based, as Keras) and the epoch's logs:
/// <c>"ckpt-{epoch:02d}-{val_loss:.4f}.pt"</c>. By default a full checkpoint is written (model, optimizer, scheduler,
/// RNG and callback states: <see cref="Trainer.Resume"/> continues from it exactly); with <c>saveWeightsOnly</c> just the
/// model's state dict (<see cref="NN.Module.Save"/>: <c>.pt</c>/<c>.pth</c> in PyTorch's format, else safetensors). Every
/// write is atomic. Put it after the callbacks whose state it should save.
/// </summary>
public sealed partial class ModelCheckpoint : Callback
{
    private readonly Improvement _rule;

    /// <summary>Creates the callback.</summary>
    /// <param name="filepath">The file name template, e.g. <c>"model-{epoch:02d}.pt"</c>.</param>
    /// <param name="monitor">The quantity deciding "best" (default <c>"val_loss"</c>).</param>
    /// <param name="saveBestOnly">Save only when the monitored quantity improves on the best so far (default false).</param>
    /// <param name="saveWeightsOnly">Save only the model's state dict (default false: a full checkpoint).</param>
    /// <param name="mode">Whether lower or higher is better (default <see cref="MonitorMode.Auto"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="filepath"/> or <paramref name="monitor"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="filepath"/> is empty.</exception>
    public ModelCheckpoint(string filepath, string monitor = "val_loss", bool saveBestOnly = false, bool saveWeightsOnly = false, MonitorMode mode = MonitorMode.Auto)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        ArgumentNullException.ThrowIfNull(monitor);
        if (filepath.Length == 0) throw new ArgumentException("model_checkpoint: the file path template is empty", nameof(filepath));
        FilePath = filepath;
        Monitor = monitor;
        SaveBestOnly = saveBestOnly;
        SaveWeightsOnly = saveWeightsOnly;
        _rule = Improvement.For(monitor, mode, 0);
        Best = _rule.Worst;
    }

    /// <summary>The file name template.</summary>
    public string FilePath { get; }

    /// <summary>The monitored quantity.</summary>
    public string Monitor { get; }

    /// <summary>Whether only improvements are saved.</summary>
    public bool SaveBestOnly { get; }

    /// <summary>Whether only the model's weights are saved.</summary>
    public bool SaveWeightsOnly { get; }

    /// <summary>The best monitored value so far.</summary>
    public double Best { get; private set; }

    /// <summary>The last file written, or null.</summary>
    public string? LastSaved { get; private set; }

    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">With <c>saveBestOnly</c>, the monitored quantity is not in the logs; or the
    /// template names a quantity that is not.</exception>
    /// <exception cref="FormatException">A template field has a format this callback does not know.</exception>
    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        if (SaveBestOnly)
        {
            if (!logs.TryGetValue(Monitor, out double current))
                throw new KeyNotFoundException($"model_checkpoint: can save best model only with '{Monitor}' available; available: {string.Join(", ", logs.Keys)}");
            if (!_rule.IsImprovement(current, Best)) return;
            Best = current;
        }
        string path = Format(FilePath, epoch + 1, logs);
        if (SaveWeightsOnly) Trainer.Model.Save(path);
        else Trainer.SaveCheckpoint(path, epoch);
        LastSaved = path;
    }

    /// <summary>Fills a template's <c>{name}</c>, <c>{name:02d}</c> and <c>{name:.4f}</c> fields (Python's format mini-language, those forms).</summary>
    internal static string Format(string template, int epoch, IDictionary<string, double> logs) => Field().Replace(template, m =>
    {
        string name = m.Groups[1].Value, spec = m.Groups[2].Value;
        double value = name == "epoch" ? epoch
            : logs.TryGetValue(name, out var v) ? v
            : throw new KeyNotFoundException($"model_checkpoint: the file path template names '{name}', which is not in the logs ({string.Join(", ", logs.Keys)})");
        var digits = SpecPattern().Match(spec);
        if (!digits.Success) throw new FormatException($"model_checkpoint: unknown format '{spec}' for '{name}' (use d, 02d, .4f, e)");
        string width = digits.Groups[1].Value, precision = digits.Groups[2].Value, kind = digits.Groups[3].Value;
        string text = kind switch
        {
            "d" => ((long)value).ToString(CultureInfo.InvariantCulture),
            "f" => value.ToString("F" + (precision.Length > 0 ? precision : "6"), CultureInfo.InvariantCulture),
            "e" => value.ToString((precision.Length > 0 ? "0." + new string('0', int.Parse(precision, CultureInfo.InvariantCulture)) : "0.000000") + "e+00", CultureInfo.InvariantCulture),
            _ => name == "epoch" ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture),
        };
        if (width.Length > 0)
        {
            int w = int.Parse(width, CultureInfo.InvariantCulture);
            text = width.StartsWith('0') ? (text.StartsWith('-') ? "-" + text[1..].PadLeft(w - 1, '0') : text.PadLeft(w, '0')) : text.PadLeft(w);
        }
        return text;
    });

    [GeneratedRegex(@"\{(\w+)(?::([^}]*))?\}")]
    private static partial Regex Field();

    [GeneratedRegex(@"^(\d*)(?:\.(\d+))?([dfe]?)$")]
    private static partial Regex SpecPattern();

    /// <inheritdoc/>
    public override OrderedDictionary<string, object?>? StateDict() => new() { ["best"] = Best };

    /// <inheritdoc/>
    public override void LoadStateDict(IReadOnlyDictionary<string, object?> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.TryGetValue("best", out var b) && b is double best) Best = best;
    }
}
