namespace Ember.Optim.Schedulers;

/// <summary>
/// Reduces the learning rate when a metric has stopped improving (PyTorch's <c>ReduceLROnPlateau</c>):
/// after more than <c>patience</c> epochs without improvement, every group's rate is multiplied by
/// <c>factor</c> (not below its minimum), then <c>cooldown</c> epochs pass before bad epochs count again.
/// Call <see cref="Step(double)"/> once per epoch with the validation metric.
/// </summary>
public sealed class ReduceLROnPlateau : ISchedulerState
{
    private double[] _lastLr;

    /// <summary>Attaches the scheduler to <paramref name="optimizer"/>.</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="mode"><c>"min"</c> (default): improvement means the metric went down; <c>"max"</c>: up.</param>
    /// <param name="factor">The factor by which the rate is reduced, below 1 (default 0.1).</param>
    /// <param name="patience">The number of epochs without improvement tolerated before reducing (default 10).</param>
    /// <param name="threshold">The least change that counts as an improvement (default 1e-4).</param>
    /// <param name="thresholdMode"><c>"rel"</c> (default): better than best·(1 ∓ threshold); <c>"abs"</c>: better than best ∓ threshold.</param>
    /// <param name="cooldown">Epochs to wait after a reduction before counting bad epochs again (default 0).</param>
    /// <param name="minLr">The lower bound of every group's rate (default 0); see <see cref="MinLrs"/> for per-group bounds.</param>
    /// <param name="eps">A reduction smaller than this is skipped (default 1e-8).</param>
    /// <exception cref="ArgumentException"><paramref name="factor"/> ≥ 1, or an unknown mode or threshold mode.</exception>
    public ReduceLROnPlateau(Optimizer optimizer, string mode = "min", double factor = 0.1, int patience = 10,
        double threshold = 1e-4, string thresholdMode = "rel", int cooldown = 0, double minLr = 0, double eps = 1e-8)
    {
        if (!(factor < 1.0)) throw new ArgumentException("Factor should be < 1.0.", nameof(factor)); // also for NaN
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(mode);
        ArgumentNullException.ThrowIfNull(thresholdMode);
        if (mode != "min" && mode != "max") throw new ArgumentException("mode " + mode + " is unknown!", nameof(mode));
        if (thresholdMode != "rel" && thresholdMode != "abs") throw new ArgumentException("threshold mode " + thresholdMode + " is unknown!", nameof(thresholdMode));
        Optimizer = optimizer;
        Factor = factor;
        MinLrs = Enumerable.Repeat(minLr, optimizer.ParamGroups.Count).ToArray();
        Patience = patience;
        Cooldown = cooldown;
        Mode = mode;
        Threshold = threshold;
        ThresholdMode = thresholdMode;
        Eps = eps;
        Best = mode == "min" ? double.PositiveInfinity : double.NegativeInfinity;
        _lastLr = optimizer.ParamGroups.Select(g => g.Lr).ToArray();
    }

    /// <summary>The optimizer whose learning rates this scheduler reduces.</summary>
    public Optimizer Optimizer { get; }

    /// <summary><c>"min"</c> or <c>"max"</c>.</summary>
    public string Mode { get; private set; }

    /// <summary>The reduction factor.</summary>
    public double Factor { get; private set; }

    /// <summary>Epochs without improvement tolerated before a reduction.</summary>
    public int Patience { get; private set; }

    /// <summary>The least change that counts as an improvement.</summary>
    public double Threshold { get; private set; }

    /// <summary><c>"rel"</c> or <c>"abs"</c>.</summary>
    public string ThresholdMode { get; private set; }

    /// <summary>Epochs to wait after a reduction.</summary>
    public int Cooldown { get; private set; }

    /// <summary>The smallest reduction applied.</summary>
    public double Eps { get; private set; }

    /// <summary>The lower bound of each group's learning rate (writable, one entry per group).</summary>
    public double[] MinLrs { get; private set; }

    /// <summary>The best metric seen so far (±∞ before the first step).</summary>
    public double Best { get; private set; }

    /// <summary>Consecutive epochs without improvement.</summary>
    public int NumBadEpochs { get; private set; }

    /// <summary>Epochs left in the current cooldown.</summary>
    public int CooldownCounter { get; private set; }

    /// <summary>Whether a cooldown is running.</summary>
    public bool InCooldown => CooldownCounter > 0;

    /// <summary>The number of <see cref="Step(double)"/> calls so far.</summary>
    public int LastEpoch { get; private set; }

    /// <summary>Each group's learning rate after the last step (at construction, the current rates).</summary>
    public IReadOnlyList<double> GetLastLr() => _lastLr;

    /// <summary>Records one epoch's metric and reduces the learning rates if it has plateaued.</summary>
    /// <param name="metric">The monitored quantity, e.g. the validation loss.</param>
    public void Step(double metric)
    {
        LastEpoch++;
        if (IsBetter(metric, Best))
        {
            Best = metric;
            NumBadEpochs = 0;
        }
        else NumBadEpochs++;
        if (InCooldown)
        {
            CooldownCounter--;
            NumBadEpochs = 0; // ignore any bad epochs in cooldown
        }
        if (NumBadEpochs > Patience)
        {
            ReduceLr();
            CooldownCounter = Cooldown;
            NumBadEpochs = 0;
        }
        _lastLr = Optimizer.ParamGroups.Select(g => g.Lr).ToArray();
    }

    /// <summary>Records one epoch's metric given as a one-element tensor (see <see cref="Step(double)"/>).</summary>
    /// <param name="metric">A one-element tensor, e.g. the validation loss.</param>
    public void Step(Tensor metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        Step(metric.Item<double>());
    }

    /// <summary>
    /// The scheduler's state in PyTorch's <c>state_dict()</c> layout (its settings, <c>"best"</c>, <c>"num_bad_epochs"</c>,
    /// <c>"cooldown_counter"</c>, <c>"last_epoch"</c>, <c>"_last_lr"</c>…), as plain .NET values; the optimizer is not part of it.
    /// </summary>
    /// <returns>A new dictionary.</returns>
    public OrderedDictionary<string, object?> StateDict() => new()
    {
        ["factor"] = Factor,
        ["min_lrs"] = MinLrs.ToList(),
        ["patience"] = (long)Patience,
        ["verbose"] = false,
        ["cooldown"] = (long)Cooldown,
        ["cooldown_counter"] = (long)CooldownCounter,
        ["mode"] = Mode,
        ["threshold"] = Threshold,
        ["threshold_mode"] = ThresholdMode,
        ["best"] = Best,
        ["num_bad_epochs"] = (long)NumBadEpochs,
        ["mode_worse"] = Mode == "min" ? double.PositiveInfinity : double.NegativeInfinity,
        ["eps"] = Eps,
        ["last_epoch"] = (long)LastEpoch,
        ["_last_lr"] = _lastLr.ToList(),
    };

    /// <summary>Restores a state from <see cref="StateDict"/> (PyTorch's <c>load_state_dict</c>). Nothing changes when validation fails.</summary>
    /// <param name="state">A state dict of a ReduceLROnPlateau over as many parameter groups.</param>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentException">An entry is missing, has the wrong kind of value, or an unknown mode (the message names the key).</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, object?> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        int groups = Optimizer.ParamGroups.Count;
        string mode = StateDictValues.String(state, "mode"), thresholdMode = StateDictValues.String(state, "threshold_mode");
        if (mode is not ("min" or "max") || thresholdMode is not ("rel" or "abs"))
            throw new ArgumentException($"load_state_dict: unknown mode '{mode}' or threshold_mode '{thresholdMode}'", nameof(state));
        var minLrs = StateDictValues.Doubles(state, "min_lrs", groups);
        var lastLr = StateDictValues.Doubles(state, "_last_lr", groups);
        double factor = StateDictValues.Double(state, "factor"), threshold = StateDictValues.Double(state, "threshold");
        double best = StateDictValues.Double(state, "best"), eps = StateDictValues.Double(state, "eps");
        int patience = StateDictValues.Int(state, "patience"), cooldown = StateDictValues.Int(state, "cooldown");
        int cooldownCounter = StateDictValues.Int(state, "cooldown_counter"), bad = StateDictValues.Int(state, "num_bad_epochs");
        int lastEpoch = StateDictValues.Int(state, "last_epoch");
        (Mode, ThresholdMode, MinLrs, _lastLr, Factor, Threshold, Best, Eps) = (mode, thresholdMode, minLrs, lastLr, factor, threshold, best, eps);
        (Patience, Cooldown, CooldownCounter, NumBadEpochs, LastEpoch) = (patience, cooldown, cooldownCounter, bad, lastEpoch);
    }

    private void ReduceLr()
    {
        var groups = Optimizer.ParamGroups;
        for (int i = 0; i < groups.Count; i++)
        {
            double oldLr = groups[i].Lr;
            double newLr = Math.Max(oldLr * Factor, i < MinLrs.Length ? MinLrs[i] : 0);
            if (oldLr - newLr > Eps) groups[i].Lr = newLr;
        }
    }

    private bool IsBetter(double a, double best) => (Mode, ThresholdMode) switch
    {
        ("min", "rel") => a < best * (1.0 - Threshold),
        ("min", _) => a < best - Threshold,
        (_, "rel") => a > best * (Threshold + 1.0),
        _ => a > best + Threshold,
    };
}
