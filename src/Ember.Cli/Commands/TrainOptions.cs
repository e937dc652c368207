using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Ember.Cli.Commands;

/// <summary>
/// The options shared by <c>train</c> and <c>lr-find</c> (data, model, optimizer) and those of <c>train</c> only; their
/// defaults are the README's main job (the embedded digits, ≥ 0.97 test accuracy in seconds).
/// </summary>
internal sealed class TrainOptions
{
    public readonly Option<string> Data = new("--data", "-d")
    { Description = $"The training data: {DataSources.SpecHelp}", DefaultValueFactory = _ => "digits", HelpName = "SPEC" };

    public readonly Option<string?> Label = new("--label") { Description = "The label column of a csv: source (name, or 0-based index)", HelpName = "COLUMN" };

    public readonly Option<double> TestSplit = new("--test-split")
    { Description = "The fraction held out for testing (and validation), chosen at random with the seed", DefaultValueFactory = _ => 0.2, HelpName = "FRACTION" };

    public readonly Option<string?> TestData = new("--test-data") { Description = "A separate test set (a data spec) instead of --test-split", HelpName = "SPEC" };

    public readonly Option<string> Task = new("--task")
    { Description = "classification (cross-entropy) or regression (mean squared error); auto: classification for integer targets", DefaultValueFactory = _ => "auto" };

    public readonly Option<string> Scale = new("--scale")
    {
        Description = "Table features: standard (zero mean, unit variance on the training part) or none; auto: standard, except for digits, " +
            "whose pixel counts share one scale (standardizing each pixel would magnify the nearly constant border pixels)",
        DefaultValueFactory = _ => "auto",
    };

    public readonly Option<int?> ImageSize = new("--image-size") { Description = "Resize every image of an images: source to N×N", HelpName = "N" };

    public readonly Option<string> Model = new("--model", "-m")
    { Description = $"The model: {ModelSpec.Help}", DefaultValueFactory = _ => "mlp", HelpName = "MODEL" };

    public readonly Option<string[]> Hidden = new("--hidden")
    { Description = "The MLP's hidden layer widths (repeat the option or give a comma list, e.g. 256,128)", DefaultValueFactory = _ => [Defaults.Hidden], AllowMultipleArgumentsPerToken = true, HelpName = "N[,N...]" };

    public readonly Option<double> Dropout = new("--dropout") { Description = "The MLP's dropout after each hidden layer", DefaultValueFactory = _ => Defaults.Dropout, HelpName = "P" };

    public readonly Option<int> Epochs = new("--epochs", "-e") { Description = "Epochs to train", DefaultValueFactory = _ => Defaults.Epochs, HelpName = "N" };

    public readonly Option<int> BatchSize = new("--batch-size", "-b") { Description = "Samples per batch", DefaultValueFactory = _ => 32, HelpName = "N" };

    public readonly Option<string> Optimizer = new("--optimizer", "-o") { Description = "sgd | adam | adamw | rmsprop | adagrad", DefaultValueFactory = _ => Defaults.Optimizer };

    public readonly Option<double?> Lr = new("--lr") { Description = $"The learning rate (default: {Defaults.LrHelp})", HelpName = "RATE" };

    public readonly Option<double> Momentum = new("--momentum") { Description = "Momentum of sgd and rmsprop", DefaultValueFactory = _ => 0.9, HelpName = "M" };

    public readonly Option<double> WeightDecay = new("--weight-decay") { Description = "Weight decay (L2; decoupled for adamw)", DefaultValueFactory = _ => 0.0, HelpName = "W" };

    public readonly Option<string> Scheduler = new("--scheduler") { Description = "none | cosine | step | plateau | onecycle", DefaultValueFactory = _ => Defaults.Scheduler };

    public readonly Option<int> Seed = new("--seed") { Description = "Seeds the weights, the split and the shuffling", DefaultValueFactory = _ => 0, HelpName = "N" };

    // train only
    public readonly Option<int?> EarlyStopping = new("--early-stopping") { Description = "Stop when the test loss has not improved for PATIENCE epochs (best weights restored)", HelpName = "PATIENCE" };

    public readonly Option<string?> Checkpoint = new("--checkpoint") { Description = "Save a checkpoint (model, optimizer, scheduler, callbacks) whenever the test loss improves", HelpName = "FILE" };

    public readonly Option<string?> Resume = new("--resume") { Description = "Continue a run from a checkpoint written by --checkpoint (same options)", HelpName = "FILE" };

    public readonly Option<string?> CsvLog = new("--csv-log") { Description = "Write each epoch's figures to a CSV file", HelpName = "FILE" };

    public readonly Option<double?> ClipGradNorm = new("--clip-grad-norm") { Description = "Clip the gradients' total norm to this before each step", HelpName = "NORM" };

    public readonly Option<int> Accumulate = new("--accumulate") { Description = "Accumulate the gradients of N batches per step", DefaultValueFactory = _ => 1, HelpName = "N" };

    public readonly Option<bool> MonitorGradients = new("--monitor-gradients") { Description = "Watch per-layer gradient and activation health and warn about vanishing/exploding gradients, dead or saturated units (default on; --monitor-gradients false to skip)", DefaultValueFactory = _ => true, HelpName = "true|false" };

    public readonly Option<int> Verbose = new("--verbose", "-v") { Description = "0: silent, 1: a live progress bar on a terminal (one line per epoch otherwise), 2: one line per epoch and the model summary", DefaultValueFactory = _ => 1, HelpName = "0|1|2" };

    public readonly Option<string?> Save = new("--save") { Description = "Save the trained model (safetensors, or .pt/.pth) with its description FILE.json", HelpName = "FILE" };

    public readonly Option<string?> Report = new("--report") { Description = "Where to write the run's report (default runs/<data>/report.html)", HelpName = "FILE" };

    public readonly Option<bool> NoReport = new("--no-report") { Description = "Write no report" };

    public TrainOptions()
    {
        Task.AcceptOnlyFromAmong("auto", "classification", "regression");
        Scale.AcceptOnlyFromAmong("auto", "standard", "none");
        Optimizer.AcceptOnlyFromAmong("sgd", "adam", "adamw", "rmsprop", "adagrad");
        Scheduler.AcceptOnlyFromAmong("none", "cosine", "step", "plateau", "onecycle");
        Validate(Data, r => { if (DataSources.Check(Value<string>(r)!) is string e) r.AddError(e); });
        Validate(TestData, r => { if (Value<string?>(r) is string s && DataSources.Check(s) is string e) r.AddError(e.Replace("data:", "test-data:")); });
        Validate(TestSplit, r => { double v = Value<double>(r); if (!(v > 0 && v < 1)) r.AddError($"--test-split must be between 0 and 1 (exclusive), got {Num(v)}"); });
        Validate(Hidden, r => { try { ParseHidden(Value<string[]>(r)); } catch (CliException e) { r.AddError(e.Message); } });
        Validate(Dropout, r => { double v = Value<double>(r); if (!(v >= 0 && v < 1)) r.AddError($"--dropout must be in [0, 1), got {Num(v)}"); });
        Positive(Epochs);
        Positive(BatchSize);
        Positive(Accumulate);
        Validate(Lr, r => { if (Value<double?>(r) is double v && !(v > 0 && double.IsFinite(v))) r.AddError($"--lr must be positive, got {Num(v)}"); });
        Validate(Momentum, r => { double v = Value<double>(r); if (!(v >= 0 && v < 1)) r.AddError($"--momentum must be in [0, 1), got {Num(v)}"); });
        Validate(WeightDecay, r => { double v = Value<double>(r); if (!(v >= 0 && double.IsFinite(v))) r.AddError($"--weight-decay must not be negative, got {Num(v)}"); });
        Validate(EarlyStopping, r => { if (Value<int?>(r) is int v && v < 0) r.AddError($"--early-stopping PATIENCE must not be negative, got {v}"); });
        Validate(ClipGradNorm, r => { if (Value<double?>(r) is double v && !(v > 0)) r.AddError($"--clip-grad-norm must be positive, got {Num(v)}"); });
        Validate(ImageSize, r => { if (Value<int?>(r) is int v && v < 1) r.AddError($"--image-size must be positive, got {v}"); });
        Validate(Verbose, r => { int v = Value<int>(r); if (v is < 0 or > 2) r.AddError($"--verbose must be 0, 1 or 2, got {v}"); });
    }

    private static void Positive(Option<int> option) => Validate(option, r =>
    {
        int v = Value<int>(r);
        if (v < 1) r.AddError($"{option.Name} must be at least 1, got {v}");
    });

    /// <summary>An option's value in a validator (see <see cref="Validate"/>).</summary>
    internal static T? Value<T>(OptionResult r) => r.GetValueOrDefault<T>();

    /// <summary>Adds a rule on an option's value; a value whose token does not convert is skipped (the parser reports it).</summary>
    internal static void Validate(Option option, Action<OptionResult> rule) => option.Validators.Add(r =>
    {
        try { rule(r); }
        catch (InvalidOperationException) { }
    });

    private static string Num(double v) => v.ToString(CultureInfo.InvariantCulture);

    public static int[] ParseHidden(string[]? values)
    {
        var widths = new List<int>();
        foreach (var part in (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (part is "none" or "0") continue;
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int w) || w < 1)
                throw new CliException($"--hidden takes positive layer widths (e.g. 256 or 256,128), got '{part}'", 2);
            widths.Add(w);
        }
        return widths.ToArray();
    }

    /// <summary>Adds the data, model and optimizer options (what lr-find also needs).</summary>
    public void AddShared(Command command)
    {
        foreach (var o in new Option[] { Data, Label, TestSplit, TestData, Task, Scale, ImageSize, Model, Hidden, Dropout, BatchSize, Optimizer, Lr, Momentum, WeightDecay, Seed })
            command.Options.Add(o);
    }

    /// <summary>Adds the options of train alone.</summary>
    public void AddTraining(Command command)
    {
        foreach (var o in new Option[] { Epochs, Scheduler, EarlyStopping, Checkpoint, Resume, CsvLog, ClipGradNorm, Accumulate, MonitorGradients, Verbose, Save, Report, NoReport })
            command.Options.Add(o);
    }

    /// <summary>The settings of a parse; with <paramref name="training"/> false (lr-find) train's own options keep their defaults.</summary>
    public TrainSettings Read(ParseResult r, bool training = true) => training ? ReadAll(r) : Shared(r);

    private TrainSettings Shared(ParseResult r) => new()
    {
        Data = r.GetValue(Data)!,
        Label = r.GetValue(Label),
        TestSplit = r.GetValue(TestSplit),
        TestData = r.GetValue(TestData),
        Task = r.GetValue(Task) switch { "classification" => TaskKind.Classification, "regression" => TaskKind.Regression, _ => null },
        Standardize = r.GetValue(Scale) switch { "standard" => true, "none" => false, _ => r.GetValue(Data) != "digits" },
        ImageSize = r.GetValue(ImageSize),
        Model = r.GetValue(Model)!,
        Hidden = ParseHidden(r.GetValue(Hidden)),
        Dropout = r.GetValue(Dropout),
        BatchSize = r.GetValue(BatchSize),
        Optimizer = r.GetValue(Optimizer)!,
        Lr = r.GetValue(Lr),
        Momentum = r.GetValue(Momentum),
        WeightDecay = r.GetValue(WeightDecay),
        Seed = r.GetValue(Seed),
        Scheduler = "none",
    };

    private TrainSettings ReadAll(ParseResult r) => ReadCrossValidation(r) with
    {
        EarlyStopping = r.GetValue(EarlyStopping),
        Checkpoint = r.GetValue(Checkpoint),
        Resume = r.GetValue(Resume),
        CsvLog = r.GetValue(CsvLog),
        MonitorGradients = r.GetValue(MonitorGradients),
        Verbose = r.GetValue(Verbose),
        Save = r.GetValue(Save),
        Report = r.GetValue(NoReport) ? null : r.GetValue(Report) ?? "",
    };

    /// <summary>Adds the options that shape each fold's training (cv).</summary>
    public void AddCrossValidation(Command command)
    {
        foreach (var o in new Option[] { Epochs, Scheduler, ClipGradNorm, Accumulate })
            command.Options.Add(o);
    }

    /// <summary>The settings of a cv parse: the shared options and those of <see cref="AddCrossValidation"/>.</summary>
    public TrainSettings ReadCrossValidation(ParseResult r) => Shared(r) with
    {
        Epochs = r.GetValue(Epochs),
        Scheduler = r.GetValue(Scheduler)!,
        ClipGradNorm = r.GetValue(ClipGradNorm),
        Accumulate = r.GetValue(Accumulate),
    };
}
