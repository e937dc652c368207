using System.Diagnostics;
using System.Globalization;
using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Ember.Training.Progress;

/// <summary>
/// Keras' <c>verbose=1</c> on a terminal, drawn with Spectre.Console: a live bar for the running epoch (batches done,
/// elapsed and remaining time, samples/s, running loss and metrics, gradient health); each finished epoch is replaced by
/// its plain summary line, so the terminal keeps one line per epoch and one live bar.
/// </summary>
internal sealed class LiveProgressView(IAnsiConsole console) : ProgressView
{
    private static readonly long DetailInterval = Stopwatch.Frequency / 5;
    private readonly Stopwatch _clock = new();
    private ProgressContext? _context;
    private ProgressTask? _task;
    private long _lastDetail;
    private volatile string _counts = "";
    private volatile string _rate = "";
    private volatile string _values = "";

    public override void Run(Action training) =>
        console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 30 }, new TextColumn(() => _counts),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new TextColumn(() => _rate), new TextColumn(() => _values))
            .Start(context =>
            {
                _context = context;
                try { training(); }
                finally { _context = null; }
            });

    public override bool WantsDetail
    {
        get
        {
            long now = Stopwatch.GetTimestamp();
            if (now - _lastDetail < DetailInterval) return false;
            _lastDetail = now;
            return true;
        }
    }

    public override void EpochBegin(int epoch, int epochs, int? batches)
    {
        _clock.Restart();
        _counts = batches is int n ? $"0/{n}" : "0";
        _rate = _values = "";
        _task = _context?.AddTask(string.Create(CultureInfo.InvariantCulture, $"Epoch {epoch + 1}/{epochs}"), maxValue: Math.Max(batches ?? 1, 1));
        if (_task is not null && batches is null) _task.IsIndeterminate = true;
    }

    public override void BatchEnd(int batchesDone, long samples, double runningLoss, IReadOnlyList<(string Name, double Value)>? metrics, string? health)
    {
        if (_task is null) return;
        if (!_task.IsIndeterminate) _task.Value = batchesDone;
        _counts = _task.IsIndeterminate ? batchesDone.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{batchesDone}/{_task.MaxValue:0}");
        if (metrics is null) return;
        _rate = ProgressFormat.Rate(samples / Math.Max(_clock.Elapsed.TotalSeconds, 1e-9));
        var text = new StringBuilder("loss: ").Append(ProgressFormat.Value("loss", runningLoss));
        foreach (var (name, value) in metrics) text.Append(" - ").Append(name).Append(": ").Append(ProgressFormat.Value(name, value));
        if (health is not null) text.Append(" - ").Append(health);
        _values = text.ToString();
    }

    public override void EpochEnd(int epoch, int epochs, int batches, long samples, IReadOnlyDictionary<string, double> logs, string? health)
    {
        _task?.StopTask();
        _task = null;
        console.WriteLine(ProgressFormat.EpochLine(epoch, epochs, batches, samples, logs, health), Style.Plain);
    }

    public override void Warning(string message) => console.MarkupLine("[yellow]warning:[/] " + Markup.Escape(message));

    /// <summary>A column showing a string the training thread updates (read on Spectre's refresh thread).</summary>
    private sealed class TextColumn(Func<string> text) : ProgressColumn
    {
        protected override bool NoWrap => true;

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) => new Text(text());
    }
}
