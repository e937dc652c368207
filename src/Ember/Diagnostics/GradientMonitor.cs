using System.Globalization;
using Ember.NN;
using Ember.Optim;

namespace Ember.Diagnostics;

/// <summary>
/// Watches a model's gradient health while it trains: per-layer gradient L2 norms, update/weight ratios ‖Δw‖/‖w‖, and
/// (through forward hooks on the leaf layers) activation statistics — mean, spread, dead ReLU units, saturated sigmoid
/// and tanh outputs. It raises a <see cref="HealthWarning"/> naming the layer when gradients vanish (below a threshold
/// for several steps), explode (above a threshold), turn non-finite, or activations saturate or die.
/// </summary>
/// <remarks>
/// <para>Call <see cref="Step()"/> after <c>loss.Backward()</c> and before the optimizer's step (before any gradient
/// clipping, so that it sees the gradients as they came), or <see cref="Step(Optimizer)"/> in place of
/// <c>optimizer.Step()</c> to measure the update/weight ratios as well (or the pair <see cref="BeforeOptimizerStep"/> /
/// <see cref="AfterOptimizerStep"/> around a custom step). Activation statistics are gathered from the forward passes run
/// with grad mode on since the previous step (evaluation under <see cref="Torch.NoGrad"/> is not counted). The monitor
/// only reads: it changes no value, gradient or random state, so a run gives the same losses with or without it.
/// <see cref="Dispose"/> (or <see cref="Detach"/>) removes the hooks; what was recorded stays readable.</para>
/// <para>A layer is a module with parameters of its own (gradients) or without children (activations), named by its
/// module path as in <see cref="Module.NamedModules"/>. Dead units are those of dimension 1 of a batched output (features
/// of a Linear, channels of a convolution) that output exactly zero for every sample over
/// <see cref="GradientMonitorOptions.Patience"/> steps; activations computed with functions (<c>F.Relu</c>) rather
/// than modules are not seen.</para>
/// </remarks>
/// <example>
/// <code>
/// using var monitor = new GradientMonitor(model);
/// monitor.WarningRaised += (_, w) => Console.WriteLine(w.Message);
/// foreach (var (x, y) in loader)
/// {
///     var loss = lossFn.Forward(model.Call(x), y);
///     optimizer.ZeroGrad();
///     loss.Backward();
///     monitor.Step(optimizer);          // records, then runs optimizer.Step()
/// }
/// Console.WriteLine(monitor.Status);
/// </code>
/// </example>
public sealed class GradientMonitor : IDisposable
{
    private readonly object _gate = new();
    private readonly List<LayerSlot> _layers = [];
    private readonly List<ActivationTracker> _trackers = [];
    private readonly List<MonitorStepRecord> _history = [];
    private readonly List<HealthWarning> _warnings = [];
    private readonly List<EpochHealth> _epochs = [];
    private readonly Dictionary<string, EpochAccumulator> _epochStats = [];
    private long _epochSteps;
    private int _epochWarningStart;
    private List<(Parameter Parameter, Tensor Before)>? _snapshot;
    private bool _detached;

    /// <summary>Creates a monitor of <paramref name="model"/> and attaches its forward hooks.</summary>
    /// <param name="model">The model.</param>
    /// <param name="options">Thresholds and settings (default <see cref="GradientMonitorOptions"/>'s defaults).</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (see <see cref="GradientMonitorOptions"/>).</exception>
    public GradientMonitor(Module model, GradientMonitorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Options = options ?? new GradientMonitorOptions();
        Options.Validate();
        Model = model;
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (path, module) in model.NamedModules())
        {
            var own = module.NamedParameters(recurse: false).Select(p => p.Parameter).Where(seen.Add).ToArray();
            if (own.Length > 0) _layers.Add(new LayerSlot(path, TypeName(module), own));
            if (!Options.TrackActivations || module.Children().Any()) continue;
            var tracker = new ActivationTracker(path, module, Options.SaturationMargin);
            try { tracker.Handle = module.RegisterForwardHook((_, _, y) => tracker.Observe(y)); }
            catch (NotSupportedException) { continue; } // a leaf that is never called through Call (a loss): nothing to see
            _trackers.Add(tracker);
        }
    }

    /// <summary>The activation trackers, one per hooked leaf layer.</summary>
    internal IReadOnlyList<ActivationTracker> Trackers => _trackers;

    /// <summary>The monitored model.</summary>
    public Module Model { get; }

    /// <summary>The thresholds and settings.</summary>
    public GradientMonitorOptions Options { get; }

    /// <summary>The module paths of the parameter-owning layers whose gradients are measured, in module order.</summary>
    public IReadOnlyList<string> Layers => _layers.ConvertAll(l => l.Path);

    /// <summary>The number of forward hooks attached (0 once detached).</summary>
    public int HookCount { get { lock (_gate) return _detached ? 0 : _trackers.Count; } }

    /// <summary>Whether the hooks are attached (false after <see cref="Detach"/> or <see cref="Dispose"/>).</summary>
    public bool IsAttached { get { lock (_gate) return !_detached; } }

    /// <summary>The number of steps recorded so far.</summary>
    public long StepCount { get; private set; }

    /// <summary>The current 0-based epoch (advanced by <see cref="EndEpoch"/>).</summary>
    public int Epoch { get; private set; }

    /// <summary>The last <see cref="GradientMonitorOptions.HistorySize"/> step records, oldest first (a copy).</summary>
    public IReadOnlyList<MonitorStepRecord> History { get { lock (_gate) return _history.ToArray(); } }

    /// <summary>Every warning raised so far, in order (a copy).</summary>
    public IReadOnlyList<HealthWarning> Warnings { get { lock (_gate) return _warnings.ToArray(); } }

    /// <summary>The summaries of the epochs closed with <see cref="EndEpoch"/> (a copy).</summary>
    public IReadOnlyList<EpochHealth> Epochs { get { lock (_gate) return _epochs.ToArray(); } }

    /// <summary>Raised once for each new warning, on the thread that called <see cref="Step()"/>, after the step is recorded.</summary>
    public event EventHandler<HealthWarning>? WarningRaised;

    /// <summary>
    /// Records the gradients now held by the model's parameters (call after <c>loss.Backward()</c>, before the optimizer
    /// step) and the activation statistics gathered since the previous step, checks them, and returns the record.
    /// </summary>
    /// <returns>The step's record.</returns>
    /// <exception cref="InvalidOperationException">The monitor has been detached or disposed.</exception>
    public MonitorStepRecord Step() => RecordStep("step");

    /// <summary>
    /// <see cref="Step()"/>, then a copy of the parameters that have a gradient, so that <see cref="AfterOptimizerStep"/>
    /// can measure ‖Δw‖/‖w‖ (the copy costs one model's worth of memory until then).
    /// </summary>
    /// <returns>The step's record (without update ratios yet).</returns>
    /// <exception cref="InvalidOperationException">The monitor has been detached or disposed.</exception>
    public MonitorStepRecord BeforeOptimizerStep()
    {
        var record = RecordStep("before_optimizer_step");
        using var noGrad = Torch.NoGrad();
        var snapshot = new List<(Parameter, Tensor)>();
        foreach (var layer in _layers)
            foreach (var p in layer.Parameters)
                if (p.Grad is not null) snapshot.Add((p, p.Detach().Clone().DetachFromDisposeScope()));
        lock (_gate) _snapshot = snapshot;
        return record;
    }

    /// <summary>
    /// Completes the last record with each layer's update/weight ratio ‖w_after − w_before‖/‖w_before‖ (call right after
    /// the optimizer step that followed <see cref="BeforeOptimizerStep"/>) and returns it.
    /// </summary>
    /// <returns>The completed record.</returns>
    /// <exception cref="InvalidOperationException"><see cref="BeforeOptimizerStep"/> was not called since the last
    /// <c>AfterOptimizerStep</c>, or the monitor has been detached or disposed.</exception>
    public MonitorStepRecord AfterOptimizerStep()
    {
        List<(Parameter Parameter, Tensor Before)> snapshot;
        lock (_gate)
        {
            ThrowIfDetached("after_optimizer_step");
            snapshot = _snapshot ?? throw new InvalidOperationException("after_optimizer_step: call BeforeOptimizerStep() before the optimizer step first");
            _snapshot = null;
        }
        var before = new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (p, old) in snapshot) before[p] = old;
        var ratios = new Dictionary<string, double>();
        using (Torch.NewDisposeScope())
        using (Torch.NoGrad())
            foreach (var layer in _layers)
            {
                double delta2 = 0, weight2 = 0;
                bool any = false;
                foreach (var p in layer.Parameters)
                {
                    if (!before.TryGetValue(p, out var old)) continue;
                    any = true;
                    delta2 += Square(Norm(p.Detach() - old));
                    weight2 += Square(Norm(old));
                }
                if (any) ratios[layer.Path] = weight2 > 0 ? Math.Sqrt(delta2 / weight2) : delta2 > 0 ? double.PositiveInfinity : 0;
            }
        foreach (var (_, old) in snapshot) old.Dispose();
        lock (_gate)
        {
            var last = _history[^1];
            var gradients = last.Gradients.Select(g => ratios.TryGetValue(g.Layer, out var r) ? g with { UpdateRatio = r } : g).ToArray();
            foreach (var g in gradients)
                if (!double.IsNaN(g.UpdateRatio) && _epochStats.TryGetValue(g.Layer, out var acc)) acc.AddRatio(g.UpdateRatio);
            var updated = last with { Gradients = gradients };
            _history[^1] = updated;
            return updated;
        }
    }

    /// <summary>
    /// Records the gradients (<see cref="BeforeOptimizerStep"/>), runs <paramref name="optimizer"/>'s step, and measures the
    /// update/weight ratios (<see cref="AfterOptimizerStep"/>): use it in place of <c>optimizer.Step()</c>.
    /// </summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <returns>The step's record, with update ratios.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="optimizer"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The monitor has been detached or disposed.</exception>
    public MonitorStepRecord Step(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        BeforeOptimizerStep();
        optimizer.Step();
        return AfterOptimizerStep();
    }

    /// <summary>
    /// Closes the current epoch: returns (and adds to <see cref="Epochs"/>) each layer's mean, smallest and largest
    /// gradient norm and mean update ratio over the epoch's steps, with the warnings raised during it.
    /// </summary>
    /// <returns>The epoch's summary.</returns>
    public EpochHealth EndEpoch()
    {
        lock (_gate)
        {
            var layers = _layers.Where(l => _epochStats.ContainsKey(l.Path)).Select(l => _epochStats[l.Path].ToStats(l.Path, l.Type)).ToArray();
            var summary = new EpochHealth(Epoch, _epochSteps, layers, _warnings.Skip(_epochWarningStart).ToArray());
            _epochs.Add(summary);
            _epochStats.Clear();
            _epochSteps = 0;
            _epochWarningStart = _warnings.Count;
            Epoch++;
            return summary;
        }
    }

    /// <summary>
    /// A compact one-line summary for a progress bar: the smallest and largest layer gradient norms of the last step
    /// with their layers, and the problems still present (e.g. <c>grad 3.1e-25 [0] .. 2.4e-02 [58] | vanishing: 0, 2, 4 +10</c>),
    /// or <c>grad: no step yet</c>.
    /// </summary>
    public string Status
    {
        get
        {
            lock (_gate)
            {
                if (_history.Count == 0) return "grad: no step yet";
                var grads = _history[^1].Gradients;
                var text = "grad: no gradients";
                if (grads.Count > 0)
                {
                    var lo = grads.MinBy(g => double.IsNaN(g.GradNorm) ? double.PositiveInfinity : g.GradNorm)!;
                    var hi = grads.MaxBy(g => double.IsNaN(g.GradNorm) ? double.PositiveInfinity : g.GradNorm)!;
                    text = $"grad {Fmt(lo.GradNorm)} [{Show(lo.Layer)}] .. {Fmt(hi.GradNorm)} [{Show(hi.Layer)}]";
                }
                var active = new List<string>();
                foreach (var kind in Enum.GetValues<HealthWarningKind>())
                {
                    var names = _layers.Where(l => l.IsActive(kind)).Select(l => l.Path)
                        .Concat(_trackers.Where(t => IsActive(t, kind)).Select(t => t.Path)).Distinct().Select(Show).ToList();
                    if (names.Count == 0) continue;
                    var shown = string.Join(", ", names.Take(3));
                    active.Add($"{kind.ToString().ToLowerInvariant()}: {shown}{(names.Count > 3 ? $" +{names.Count - 3}" : "")}");
                }
                return active.Count == 0 ? text + " | ok" : text + " | " + string.Join("; ", active);
            }
        }
    }

    private static bool IsActive(ActivationTracker t, HealthWarningKind kind) => kind switch
    {
        HealthWarningKind.Saturated => t.SaturatedRaised,
        HealthWarningKind.DeadUnits => t.DeadRaised,
        HealthWarningKind.NonFinite => t.NonFiniteRaised,
        _ => false,
    };

    /// <summary>Removes the forward hooks and ends monitoring; the records and warnings stay readable. Calling it again does nothing.</summary>
    public void Detach()
    {
        List<(Parameter, Tensor)>? snapshot;
        lock (_gate)
        {
            if (_detached) return;
            _detached = true;
            snapshot = _snapshot;
            _snapshot = null;
        }
        foreach (var t in _trackers) t.Handle?.Remove();
        if (snapshot is not null) foreach (var (_, old) in snapshot) old.Dispose();
    }

    /// <summary>Same as <see cref="Detach"/>.</summary>
    public void Dispose() => Detach();

    private void ThrowIfDetached(string op)
    {
        if (_detached) throw new InvalidOperationException($"{op}: the gradient monitor has been detached (disposed)");
    }

    private MonitorStepRecord RecordStep(string op)
    {
        lock (_gate) ThrowIfDetached(op);
        long step = StepCount;
        var newWarnings = new List<HealthWarning>();
        var gradients = new List<LayerGradientStats>(_layers.Count);
        using (Torch.NewDisposeScope())
        using (Torch.NoGrad())
            foreach (var layer in _layers)
            {
                double grad2 = 0, weight2 = 0;
                bool any = false;
                foreach (var p in layer.Parameters)
                {
                    if (p.Grad is not { } g) continue;
                    any = true;
                    grad2 += Square(Norm(g.Detach()));
                    weight2 += Square(Norm(p.Detach()));
                }
                if (any) gradients.Add(new LayerGradientStats(layer.Path, layer.Type, Math.Sqrt(grad2), Math.Sqrt(weight2), double.NaN));
            }
        var activations = new List<ActivationStats>();
        var activationChecks = new List<(ActivationTracker Tracker, ActivationStats Stats, bool NonFinite, double DeadOverPatience)>();
        foreach (var t in _trackers)
            if (t.Collect(Options.Patience) is var (stats, nonFinite, dead))
            {
                activations.Add(stats);
                activationChecks.Add((t, stats, nonFinite, dead));
            }
            else t.SaturatedRun = 0;

        MonitorStepRecord record;
        lock (_gate)
        {
            CheckGradients(step, gradients, newWarnings);
            CheckActivations(step, activationChecks, newWarnings);
            record = new MonitorStepRecord(step, Epoch, gradients, activations);
            _history.Add(record);
            if (_history.Count > Options.HistorySize) _history.RemoveRange(0, _history.Count - Options.HistorySize);
            _warnings.AddRange(newWarnings);
            foreach (var g in gradients)
            {
                if (!_epochStats.TryGetValue(g.Layer, out var acc)) _epochStats[g.Layer] = acc = new EpochAccumulator();
                acc.AddNorm(g.GradNorm);
            }
            _epochSteps++;
            StepCount = step + 1;
        }
        foreach (var w in newWarnings) WarningRaised?.Invoke(this, w);
        return record;
    }

    private void CheckGradients(long step, List<LayerGradientStats> gradients, List<HealthWarning> found)
    {
        double largest = 0;
        foreach (var g in gradients)
            if (double.IsFinite(g.GradNorm)) largest = Math.Max(largest, g.GradNorm);
        double vanishing = Math.Max(Options.VanishingThreshold, Options.RelativeVanishingThreshold * largest);
        var byPath = gradients.ToDictionary(g => g.Layer);
        foreach (var layer in _layers)
        {
            if (!byPath.TryGetValue(layer.Path, out var g)) continue;
            double norm = g.GradNorm;
            string who = Describe(layer.Path, layer.Type);
            if (layer.Check(HealthWarningKind.NonFinite, !double.IsFinite(norm), 1))
                found.Add(new(HealthWarningKind.NonFinite, layer.Path, layer.Type, step, norm, double.PositiveInfinity,
                    $"non-finite gradient in {who} at step {step} (norm {Fmt(norm)}): look for a log of 0, a division by 0 or an overflow in the forward pass, or lower the learning rate"));
            if (layer.Check(HealthWarningKind.Exploding, double.IsFinite(norm) && norm > Options.ExplodingThreshold, 1))
                found.Add(new(HealthWarningKind.Exploding, layer.Path, layer.Type, step, norm, Options.ExplodingThreshold,
                    $"exploding gradient in {who} at step {step}: norm {Fmt(norm)} above {Fmt(Options.ExplodingThreshold)}; clip the gradients (ClipGrad.ClipGradNorm_), lower the learning rate or shrink the initial weights"));
            if (layer.Check(HealthWarningKind.Vanishing, norm < vanishing, Options.Patience))
                found.Add(new(HealthWarningKind.Vanishing, layer.Path, layer.Type, step, norm, vanishing,
                    $"vanishing gradient in {who} at step {step}: norm {Fmt(norm)} below {Fmt(vanishing)} for {Options.Patience} steps, so the layer barely learns; " +
                    "use ReLU-like activations, batch/layer normalization, residual connections or a scaled initialization"));
        }
    }

    private void CheckActivations(long step, List<(ActivationTracker Tracker, ActivationStats Stats, bool NonFinite, double DeadOverPatience)> checks,
        List<HealthWarning> found)
    {
        bool nonFiniteReported = false;
        foreach (var (t, stats, nonFinite, deadOverPatience) in checks)
        {
            string who = Describe(t.Path, t.LayerType);
            // Only the first layer (in module order) whose output went non-finite: the later ones merely inherit it.
            if (nonFinite && !t.NonFiniteRaised && !nonFiniteReported)
            {
                nonFiniteReported = true;
                found.Add(new(HealthWarningKind.NonFinite, t.Path, t.LayerType, step, stats.Mean, double.PositiveInfinity,
                    $"non-finite output (NaN or infinity) from {who} at step {step}"));
            }
            t.NonFiniteRaised = nonFinite;
            if (!double.IsNaN(stats.SaturatedFraction))
            {
                bool over = stats.SaturatedFraction > Options.SaturationThreshold;
                t.SaturatedRun = over ? t.SaturatedRun + 1 : 0;
                if (!over) t.SaturatedRaised = false;
                else if (t.SaturatedRun >= Options.Patience && !t.SaturatedRaised)
                {
                    t.SaturatedRaised = true;
                    found.Add(new(HealthWarningKind.Saturated, t.Path, t.LayerType, step, stats.SaturatedFraction, Options.SaturationThreshold,
                        $"saturated activations in {who} at step {step}: {Pct(stats.SaturatedFraction)} of outputs within {Fmt(Options.SaturationMargin)} of their limits " +
                        $"for {Options.Patience} steps, where the gradient is nearly zero; shrink the weights feeding it, normalize its input or use ReLU-like activations"));
                }
            }
            if (!double.IsNaN(stats.DeadFraction))
            {
                bool over = deadOverPatience > Options.DeadUnitThreshold;
                if (!over) t.DeadRaised = false;
                else if (!t.DeadRaised)
                {
                    t.DeadRaised = true;
                    found.Add(new(HealthWarningKind.DeadUnits, t.Path, t.LayerType, step, deadOverPatience, Options.DeadUnitThreshold,
                        $"dead units in {who} at step {step}: {Pct(deadOverPatience)} of its units output zero for every sample over {Options.Patience} steps; " +
                        "check the bias of the layer before it, lower the learning rate or use LeakyReLU"));
                }
            }
        }
    }

    /// <summary>The L2 norm of <paramref name="t"/> in double precision: computed in the tensor's dtype, and again in
    /// float64 when that underflowed or overflowed while the elements are finite.</summary>
    private static double Norm(Tensor t)
    {
        if (t.Numel == 0) return 0;
        double n = t.Norm().Item<double>();
        if (t.DType == DType.Float64 || (double.IsFinite(n) && n > 1e-30)) return n;
        if (!double.IsFinite(n) && t.IsFinite().LogicalNot().Sum().Item<long>() > 0) return double.IsNaN(n) ? n : double.PositiveInfinity;
        return t.To(DType.Float64).Norm().Item<double>();
    }

    private static double Square(double x) => x * x;

    internal static string TypeName(Module module)
    {
        var n = module.GetType().Name;
        int tick = n.IndexOf('`');
        return tick >= 0 ? n[..tick] : n;
    }

    private static string Describe(string path, string type) => path.Length == 0 ? $"the model ({type})" : $"layer '{path}' ({type})";

    private static string Show(string path) => path.Length == 0 ? "(model)" : path;

    private static string Fmt(double v) => v.ToString("0.0e+00", CultureInfo.InvariantCulture);

    private static string Pct(double v) => (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>A parameter-owning layer and the run of each gradient condition.</summary>
    private sealed class LayerSlot(string path, string type, Parameter[] parameters)
    {
        private readonly int[] _runs = new int[Enum.GetValues<HealthWarningKind>().Length];
        private readonly bool[] _raised = new bool[Enum.GetValues<HealthWarningKind>().Length];

        public string Path { get; } = path;
        public string Type { get; } = type;
        public Parameter[] Parameters { get; } = parameters;

        public bool IsActive(HealthWarningKind kind) => _raised[(int)kind];

        /// <summary>Advances the run of <paramref name="kind"/>; true when it has just reached <paramref name="patience"/> (one warning per run).</summary>
        public bool Check(HealthWarningKind kind, bool condition, int patience)
        {
            int k = (int)kind;
            if (!condition) { _runs[k] = 0; _raised[k] = false; return false; }
            _runs[k]++;
            if (_raised[k] || _runs[k] < patience) return false;
            _raised[k] = true;
            return true;
        }
    }

    private sealed class EpochAccumulator
    {
        private long _steps, _finite, _ratios;
        private double _sum, _min = double.PositiveInfinity, _max = double.NegativeInfinity, _ratioSum;

        public void AddNorm(double norm)
        {
            _steps++;
            if (double.IsNaN(norm)) { _max = double.NaN; return; }
            _min = Math.Min(_min, norm);
            if (!double.IsNaN(_max)) _max = Math.Max(_max, norm);
            if (double.IsFinite(norm)) { _finite++; _sum += norm; }
        }

        public void AddRatio(double ratio)
        {
            _ratios++;
            _ratioSum += ratio;
        }

        public LayerEpochStats ToStats(string path, string type) => new(path, type, _steps,
            _finite > 0 ? _sum / _finite : double.NaN, _steps > 0 ? _min : double.NaN, _steps > 0 ? _max : double.NaN,
            _ratios > 0 ? _ratioSum / _ratios : double.NaN);
    }
}
