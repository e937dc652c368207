namespace Ember.Training.Progress;

/// <summary>
/// How <see cref="Trainer.Fit"/> shows its progress: nothing (verbose 0), one plain line per epoch (verbose 2, or 1 when
/// the output is not an interactive terminal) or a live Spectre.Console bar (verbose 1 on a terminal).
/// </summary>
internal abstract class ProgressView
{
    /// <summary>Runs the whole training inside the view (a live view keeps its display open around it).</summary>
    public virtual void Run(Action training) => training();

    /// <summary>Whether <see cref="BatchEnd"/> should be given the running metrics now (a live view asks a few times a second).</summary>
    public virtual bool WantsDetail => false;

    public virtual void EpochBegin(int epoch, int epochs, int? batches) { }

    /// <summary>After a training batch: batches done, samples seen, the running mean loss and, when <see cref="WantsDetail"/>
    /// was true, the running metrics and the gradient monitor's status (else null).</summary>
    public virtual void BatchEnd(int batchesDone, long samples, double runningLoss, IReadOnlyList<(string Name, double Value)>? metrics, string? health) { }

    public virtual void EpochEnd(int epoch, int epochs, int batches, long samples, IReadOnlyDictionary<string, double> logs, string? health) { }

    /// <summary>A message to show at once (e.g. a gradient-health warning).</summary>
    public virtual void Warning(string message) { }

    /// <summary>No output at all (verbose 0).</summary>
    public static ProgressView Silent { get; } = new SilentView();

    private sealed class SilentView : ProgressView;
}
