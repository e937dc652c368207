using System.Diagnostics;
using Ember.Diagnostics;
using Ember.Metrics;
using Ember.NN;
using Ember.Optim;
using Ember.Optim.Schedulers;
using Ember.Serialization;
using Ember.Training.Progress;
using Spectre.Console;

namespace Ember.Training;

/// <summary>
/// The training loop, one call away (Keras' <c>fit</c>/<c>evaluate</c>/<c>predict</c>), built from the same public pieces a
/// plain loop uses — <c>model.Train()</c>, <c>Call</c>, the loss, <c>Backward</c>, <see cref="ClipGrad.ClipGradNorm_(IEnumerable{Tensor}, double, double, bool)"/>,
/// <c>optimizer.Step()</c>, <c>ZeroGrad</c>, the scheduler's <c>Step</c> — so it computes exactly what that loop computes
/// (a test checks the two give the same weights bit for bit). Adds gradient accumulation, clipping, a scheduler stepped per
/// epoch or per batch, validation, callbacks, a <see cref="History"/>, and resuming from a checkpoint.
/// </summary>
/// <example><code>
/// var trainer = new Trainer(model, F.CrossEntropy, new Adam(model.Parameters(), lr: 1e-3));
/// var history = trainer.Fit(trainLoader, epochs: 10, validation: testLoader, callbacks: [new EarlyStopping(patience: 2)]);
/// </code></example>
public sealed class Trainer
{
    /// <summary>Creates a trainer.</summary>
    /// <param name="model">The model: input batch → predictions.</param>
    /// <param name="lossFn">The loss of (predictions, targets), a 0-d tensor (e.g. <c>F.CrossEntropy</c> or <c>new MSELoss().Forward</c>).</param>
    /// <param name="optimizer">The optimizer over the model's parameters.</param>
    /// <param name="scheduler">A learning-rate scheduler (default none); see <paramref name="schedulerStepping"/>.</param>
    /// <param name="schedulerStepping">Step the scheduler after every epoch (default) or after every optimizer step.</param>
    /// <param name="accumulationSteps">Batches whose gradients are accumulated per optimizer step (default 1); each batch's
    /// loss is divided by it, so k batches of n samples step like one batch of k·n.</param>
    /// <param name="clipGradNorm">Clip the gradients' total 2-norm to this before each step (default: no clipping).</param>
    /// <param name="metrics">Metrics computed over each epoch's training batches (logged under their names) and over the
    /// validation data (<c>"val_"</c> + name), e.g. <c>[new Accuracy()]</c> (default none; Keras' <c>compile(metrics=…)</c>).</param>
    /// <param name="gradientMonitor">Watch the gradient health during <see cref="Fit"/> with these settings (default: not
    /// watched): a <see cref="Diagnostics.GradientMonitor"/> records each optimizer step (before clipping) into
    /// <see cref="Monitor"/>, each epoch's summary into <see cref="History.Health"/>, and its status and warnings into the
    /// progress output. It changes no value: a run gives the same losses with or without it.</param>
    /// <exception cref="ArgumentNullException">The model, the loss or the optimizer is null, or a metric is.</exception>
    /// <exception cref="ArgumentException">Two metrics have the same name, or a metric is named <c>loss</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="accumulationSteps"/> is below 1, or <paramref name="clipGradNorm"/> is not positive.</exception>
    public Trainer(Module<Tensor, Tensor> model, Func<Tensor, Tensor, Tensor> lossFn, Optimizer optimizer, ISchedulerState? scheduler = null,
        SchedulerStepping schedulerStepping = SchedulerStepping.Epoch, int accumulationSteps = 1, double? clipGradNorm = null,
        IEnumerable<Metric<double>>? metrics = null, GradientMonitorOptions? gradientMonitor = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(lossFn);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (accumulationSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(accumulationSteps), accumulationSteps, $"trainer: accumulationSteps must be at least 1, got {accumulationSteps}");
        if (clipGradNorm is double c && !(c > 0))
            throw new ArgumentOutOfRangeException(nameof(clipGradNorm), c, $"trainer: clipGradNorm must be positive, got {c}");
        Model = model;
        LossFn = lossFn;
        Optimizer = optimizer;
        Scheduler = scheduler;
        SchedulerStepping = schedulerStepping;
        AccumulationSteps = accumulationSteps;
        ClipGradNorm = clipGradNorm;
        Metrics = metrics?.ToList() ?? [];
        GradientMonitorOptions = gradientMonitor;
        var names = new HashSet<string>(StringComparer.Ordinal) { "loss" };
        foreach (var m in Metrics)
        {
            ArgumentNullException.ThrowIfNull(m, nameof(metrics));
            if (!names.Add(m.Name)) throw new ArgumentException($"trainer: two metrics (or a metric and the loss) are named '{m.Name}'", nameof(metrics));
        }
    }

    /// <summary>The gradient monitor's settings, or null when gradients are not watched.</summary>
    public GradientMonitorOptions? GradientMonitorOptions { get; }

    /// <summary>The gradient monitor of the current or last <see cref="Fit"/> (detached when it ends; its records stay
    /// readable), or null when gradients are not watched.</summary>
    public GradientMonitor? Monitor { get; private set; }

    /// <summary>The metrics logged each epoch.</summary>
    public IReadOnlyList<Metric<double>> Metrics { get; }

    /// <summary>The model being trained.</summary>
    public Module<Tensor, Tensor> Model { get; }

    /// <summary>The loss function.</summary>
    public Func<Tensor, Tensor, Tensor> LossFn { get; }

    /// <summary>The optimizer.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The learning-rate scheduler, or null.</summary>
    public ISchedulerState? Scheduler { get; }

    /// <summary>When the scheduler is stepped.</summary>
    public SchedulerStepping SchedulerStepping { get; }

    /// <summary>Batches accumulated per optimizer step.</summary>
    public int AccumulationSteps { get; }

    /// <summary>The gradient-norm clipping threshold, or null.</summary>
    public double? ClipGradNorm { get; }

    /// <summary>Set (e.g. by a callback) to end <see cref="Fit"/> after the current batch; reset when <see cref="Fit"/> starts.</summary>
    public bool StopTraining { get; set; }

    /// <summary>The epoch being run (0-based), or the last one run.</summary>
    public int Epoch { get; private set; }

    /// <summary>The callbacks of the current or last <see cref="Fit"/>.</summary>
    public IReadOnlyList<Callback> Callbacks { get; private set; } = [];

    /// <summary>
    /// Trains from epoch <paramref name="initialEpoch"/> up to (not including) <paramref name="epochs"/>, as Keras'
    /// <c>fit(epochs, initial_epoch, verbose)</c>: each epoch runs every training batch in training mode, then — when given —
    /// the validation batches in evaluation mode under no-grad (<c>"val_loss"</c>), then steps a per-epoch scheduler (a
    /// <see cref="Optim.Schedulers.ReduceLROnPlateau"/> gets <c>val_loss</c>, or <c>loss</c> without validation).
    /// </summary>
    /// <param name="train">The training batches (input, target), e.g. a <see cref="Data.DataLoader"/>; enumerated once per epoch.</param>
    /// <param name="epochs">The index of the last epoch plus one (Keras' <c>epochs</c>).</param>
    /// <param name="validation">Validation batches (default none).</param>
    /// <param name="callbacks">Callbacks, run in order (default none).</param>
    /// <param name="initialEpoch">The epoch to start at, e.g. from <see cref="Resume"/> (default 0).</param>
    /// <param name="verbose">Keras' levels: 0 silent; 1 (default) a live progress bar per epoch (Spectre.Console: batches,
    /// elapsed and remaining time, samples/s, running loss and metrics, gradient health) when the output is an interactive
    /// terminal, else one line per epoch; 2 one line per epoch (<c>Epoch 3/20 - 45/45 - 0.31s - 4,512 samples/s - loss:
    /// 0.1234 - val_loss: 0.2345 - lr: 0.05</c>). Gradient-health warnings are shown as they are raised.</param>
    /// <param name="output">Where progress goes (default <see cref="Console.Out"/>); a writer other than the console gets plain lines.</param>
    /// <returns>The per-epoch history.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="train"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialEpoch"/> is negative or <paramref name="verbose"/> not 0, 1 or 2.</exception>
    /// <exception cref="InvalidOperationException">The training data has no batch.</exception>
    public History Fit(IEnumerable<(Tensor Input, Tensor Target)> train, int epochs = 1, IEnumerable<(Tensor Input, Tensor Target)>? validation = null,
        IEnumerable<Callback>? callbacks = null, int initialEpoch = 0, int verbose = 1, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (initialEpoch < 0) throw new ArgumentOutOfRangeException(nameof(initialEpoch), initialEpoch, $"fit: initialEpoch must not be negative, got {initialEpoch}");
        if (verbose is < 0 or > 2) throw new ArgumentOutOfRangeException(nameof(verbose), verbose, $"fit: verbose must be 0, 1 or 2, got {verbose}");
        Callbacks = callbacks?.ToList() ?? [];
        foreach (var cb in Callbacks) cb.Trainer = this;
        StopTraining = false;
        var history = new History();
        var view = CreateView(verbose, output);
        Monitor = GradientMonitorOptions is null ? null : new GradientMonitor(Model, GradientMonitorOptions);
        EventHandler<HealthWarning>? onWarning = Monitor is null ? null : (_, w) => view.Warning(w.Message);
        if (Monitor is not null) Monitor.WarningRaised += onWarning;
        try
        {
            view.Run(() => RunEpochs(train, epochs, validation, initialEpoch, history, view));
        }
        finally
        {
            if (Monitor is not null)
            {
                Monitor.WarningRaised -= onWarning;
                Monitor.Detach();
            }
        }
        return history;
    }

    private void RunEpochs(IEnumerable<(Tensor Input, Tensor Target)> train, int epochs, IEnumerable<(Tensor Input, Tensor Target)>? validation,
        int initialEpoch, History history, ProgressView view)
    {
        var logs = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var cb in Callbacks) cb.OnTrainBegin(logs);
        int? batches = train is IReadOnlyCollection<(Tensor, Tensor)> counted ? counted.Count : null;
        for (int epoch = initialEpoch; epoch < epochs && !StopTraining; epoch++)
        {
            Epoch = epoch;
            foreach (var cb in Callbacks) cb.OnEpochBegin(epoch);
            view.EpochBegin(epoch, epochs, batches);
            var clock = Stopwatch.StartNew();
            double lr = Optimizer.ParamGroups[0].Lr;
            foreach (var m in Metrics) m.Reset();
            var (loss, batchesRun, samples) = TrainEpoch(train, view);
            logs = new Dictionary<string, double>(StringComparer.Ordinal) { ["loss"] = loss };
            foreach (var m in Metrics) logs[m.Name] = m.Compute();
            if (validation is not null)
                foreach (var (k, v) in Evaluate(validation)) logs["val_" + k] = v;
            StepSchedulerAfterEpoch(logs);
            logs["lr"] = lr;
            logs["time"] = clock.Elapsed.TotalSeconds;
            string? health = null;
            if (Monitor is not null)
            {
                history.AddHealth(Monitor.EndEpoch());
                health = Monitor.Status;
            }
            foreach (var cb in Callbacks) cb.OnEpochEnd(epoch, logs);
            history.Add(epoch, logs);
            view.EpochEnd(epoch, epochs, batchesRun, samples, logs, health);
        }
        foreach (var cb in Callbacks) cb.OnTrainEnd(logs);
    }

    private ProgressView CreateView(int verbose, TextWriter? output)
    {
        if (verbose == 0) return ProgressView.Silent;
        if (verbose == 1 && LiveConsole is not null) return new LiveProgressView(LiveConsole);
        bool console = output is null || ReferenceEquals(output, Console.Out);
        if (verbose == 1 && console && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities is { Ansi: true, Interactive: true })
            return new LiveProgressView(AnsiConsole.Console);
        return new PlainProgressView(output ?? Console.Out);
    }

    /// <summary>Tests only: draw the live view on this console whatever the output.</summary>
    internal IAnsiConsole? LiveConsole { get; set; }

    /// <summary>One epoch over the training data; returns the mean loss per sample, the batches run and the samples seen.</summary>
    private (double Loss, int Batches, long Samples) TrainEpoch(IEnumerable<(Tensor Input, Tensor Target)> train, ProgressView view)
    {
        Model.Train();
        Optimizer.ZeroGrad();
        double sum = 0;
        long samples = 0;
        int batch = 0, pending = 0;
        var batchLogs = new Dictionary<string, double>(2, StringComparer.Ordinal);
        foreach (var (x, y) in train)
        {
            foreach (var cb in Callbacks) cb.OnBatchBegin(batch);
            double value;
            using (Torch.NewDisposeScope())
            {
                var output = Model.Call(x);
                var loss = LossFn(output, y);
                value = loss.Item();
                foreach (var m in Metrics) m.Update(output, y);
                (AccumulationSteps == 1 ? loss : loss / AccumulationSteps).Backward();
            }
            if (++pending == AccumulationSteps)
            {
                OptimizerStep();
                pending = 0;
            }
            int size = x.Dim == 0 ? 1 : x.Size(0);
            sum += value * size;
            samples += size;
            batchLogs["loss"] = value;
            batchLogs["size"] = size;
            foreach (var cb in Callbacks) cb.OnBatchEnd(batch, batchLogs);
            batch++;
            if (view.WantsDetail) view.BatchEnd(batch, samples, sum / samples, RunningMetrics(), Monitor?.Status);
            else view.BatchEnd(batch, samples, sum / samples, null, null);
            if (StopTraining) break;
        }
        if (pending > 0) OptimizerStep();
        if (samples == 0) throw new InvalidOperationException($"fit: the training data of epoch {Epoch} has no batch");
        return (sum / samples, batch, samples);
    }

    /// <summary>The metrics over the epoch's batches so far, for the progress bar (a metric that cannot be computed yet shows NaN).</summary>
    private (string Name, double Value)[] RunningMetrics()
    {
        var values = new (string, double)[Metrics.Count];
        for (int i = 0; i < values.Length; i++)
        {
            double v;
            try { v = Metrics[i].Compute(); }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException) { v = double.NaN; }
            values[i] = (Metrics[i].Name, v);
        }
        return values;
    }

    private void OptimizerStep()
    {
        Monitor?.BeforeOptimizerStep();
        if (ClipGradNorm is double maxNorm) ClipGrad.ClipGradNorm_(Model.Parameters(), maxNorm);
        Optimizer.Step();
        Monitor?.AfterOptimizerStep();
        Optimizer.ZeroGrad();
        if (SchedulerStepping == SchedulerStepping.Batch && Scheduler is LRScheduler s) s.Step();
    }

    private void StepSchedulerAfterEpoch(Dictionary<string, double> logs)
    {
        if (SchedulerStepping != SchedulerStepping.Epoch) return;
        if (Scheduler is LRScheduler s) s.Step();
        else if (Scheduler is Optim.Schedulers.ReduceLROnPlateau plateau) plateau.Step(logs.TryGetValue("val_loss", out var v) ? v : logs["loss"]);
    }

    /// <summary>
    /// The mean loss per sample over <paramref name="data"/>, in evaluation mode under no-grad (Keras' <c>evaluate</c>);
    /// the model's mode is restored.
    /// </summary>
    /// <param name="data">The batches (input, target).</param>
    /// <returns><c>"loss"</c> (and, with metrics, each metric) by name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="data"/> has no batch.</exception>
    public IReadOnlyDictionary<string, double> Evaluate(IEnumerable<(Tensor Input, Tensor Target)> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        bool training = Model.Training;
        Model.Eval();
        foreach (var m in Metrics) m.Reset();
        try
        {
            double sum = 0;
            long samples = 0;
            using (Torch.NoGrad())
                foreach (var (x, y) in data)
                    using (Torch.NewDisposeScope())
                    {
                        int size = x.Dim == 0 ? 1 : x.Size(0);
                        var output = Model.Call(x);
                        sum += LossFn(output, y).Item() * size;
                        foreach (var m in Metrics) m.Update(output, y);
                        samples += size;
                    }
            if (samples == 0) throw new InvalidOperationException("evaluate: the data has no batch");
            var result = new Dictionary<string, double>(StringComparer.Ordinal) { ["loss"] = sum / samples };
            foreach (var m in Metrics) result[m.Name] = m.Compute();
            return result;
        }
        finally
        {
            Model.Train(training);
        }
    }

    /// <summary>The model's outputs for <paramref name="input"/>, in batches, in evaluation mode under no-grad (Keras' <c>predict</c>).</summary>
    /// <param name="input">The inputs, samples along dimension 0.</param>
    /// <param name="batchSize">Samples per forward pass (default 32).</param>
    /// <returns>The outputs concatenated along dimension 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="input"/> is 0-d or has no sample.</exception>
    public Tensor Predict(Tensor input, int batchSize = 32) => Predict(Model, input, batchSize);

    /// <summary>
    /// Any model's outputs for <paramref name="input"/>, in batches, in evaluation mode under no-grad (Keras' <c>predict</c>
    /// without a trainer); the model's mode is restored.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="input">The inputs, samples along dimension 0.</param>
    /// <param name="batchSize">Samples per forward pass (default 32).</param>
    /// <returns>The outputs concatenated along dimension 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="input"/> is 0-d or has no sample.</exception>
    public static Tensor Predict(Module<Tensor, Tensor> model, Tensor input, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"predict: batchSize must be at least 1, got {batchSize}");
        if (input.Dim == 0 || input.Size(0) == 0)
            throw new ArgumentException($"predict: the input needs samples along dimension 0, got shape {input.Shape}", nameof(input));
        bool training = model.Training;
        model.Eval();
        try
        {
            var parts = new List<Tensor>();
            using (Torch.NoGrad())
                for (int start = 0; start < input.Size(0); start += batchSize)
                    parts.Add(model.Call(input.Narrow(0, start, Math.Min(batchSize, input.Size(0) - start))));
            return parts.Count == 1 ? parts[0] : Torch.Cat(parts, 0);
        }
        finally
        {
            model.Train(training);
        }
    }

    /// <summary>
    /// Saves a checkpoint of the run after <paramref name="epoch"/> (0-based): the model, optimizer, scheduler, RNG state and
    /// every callback's state, atomically (see <see cref="Checkpoint"/>).
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="epoch">The epoch just completed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void SaveCheckpoint(string path, int epoch)
    {
        var states = Callbacks.Select(cb => (object?)cb.StateDict()).ToList();
        Checkpoint.Save(path, Model, Optimizer, Scheduler, epoch + 1, new Dictionary<string, object?> { ["callbacks"] = states });
    }

    /// <summary>
    /// Restores a run from <see cref="SaveCheckpoint"/> (model, optimizer, scheduler, RNG and, when given, the callbacks'
    /// states in the same order) and returns the epoch to pass as <c>initialEpoch</c> to <see cref="Fit"/>, so the run
    /// continues exactly where it stopped.
    /// </summary>
    /// <param name="path">A checkpoint written by <see cref="SaveCheckpoint"/> or a <see cref="ModelCheckpoint"/>.</param>
    /// <param name="callbacks">The callbacks the resumed <see cref="Fit"/> will use, in the order of the saved run (default none).</param>
    /// <returns>The next epoch to run (0-based).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ModelFormatException">The file is not a valid checkpoint.</exception>
    /// <exception cref="ArgumentException">The saved states do not fit the model, optimizer, scheduler or callbacks.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public int Resume(string path, IEnumerable<Callback>? callbacks = null)
    {
        var info = Checkpoint.Load(path, Model, Optimizer, Scheduler);
        if (callbacks is not null && info.Extra.TryGetValue("callbacks", out var saved) && saved is System.Collections.IList states)
        {
            var list = callbacks.ToList();
            if (states.Count != list.Count)
                throw new ArgumentException($"resume: the checkpoint holds the state of {states.Count} callbacks, {list.Count} were given", nameof(callbacks));
            for (int i = 0; i < list.Count; i++)
            {
                list[i].Trainer = this;
                if (states[i] is System.Collections.IDictionary d)
                {
                    var state = new Dictionary<string, object?>();
                    foreach (System.Collections.DictionaryEntry e in d) if (e.Key is string k) state[k] = e.Value;
                    list[i].LoadStateDict(state);
                }
            }
        }
        return checked((int)info.Epoch);
    }
}
