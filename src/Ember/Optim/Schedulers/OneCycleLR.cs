namespace Ember.Optim.Schedulers;

/// <summary>
/// The 1cycle policy (PyTorch's <c>OneCycleLR</c>): the learning rate rises from maxLr/divFactor to maxLr
/// over the first <c>pctStart</c> of <c>totalSteps</c>, then anneals to maxLr/(divFactor·finalDivFactor);
/// the momentum (SGD/RMSprop's <c>"momentum"</c>, or β1 of Adam's <c>"betas"</c>) cycles the opposite way
/// between <c>maxMomentum</c> and <c>baseMomentum</c>. With <c>threePhase</c> the rate comes back down to
/// its initial value symmetrically before the final annealing. Step it after every batch.
/// </summary>
public sealed class OneCycleLR : LRScheduler
{
    private (double EndStep, string StartLr, string EndLr, string StartMomentum, string EndMomentum)[] _phases;
    private bool _cos, _useBeta1;

    /// <summary>Attaches the 1cycle schedule with one peak rate for every group and sets step 0's rate and momentum.</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="maxLr">The peak learning rate.</param>
    /// <param name="totalSteps">The total number of steps in the cycle (≥ 1).</param>
    /// <param name="pctStart">The fraction of the cycle spent increasing the rate, in [0, 1] (default 0.3).</param>
    /// <param name="annealStrategy"><c>"cos"</c> (default) or <c>"linear"</c>.</param>
    /// <param name="cycleMomentum">Cycle the momentum inversely to the rate (default true).</param>
    /// <param name="baseMomentum">The lowest momentum, reached at the peak rate (default 0.85).</param>
    /// <param name="maxMomentum">The highest momentum, at the start and end (default 0.95).</param>
    /// <param name="divFactor">initial_lr = maxLr / divFactor (default 25).</param>
    /// <param name="finalDivFactor">min_lr = initial_lr / finalDivFactor (default 1e4).</param>
    /// <param name="threePhase">Use the three-phase schedule (default false).</param>
    /// <param name="lastEpoch">The last step when resuming (default -1, a fresh start).</param>
    /// <exception cref="ArgumentException">An argument is out of range (PyTorch's messages), or momentum cycling is asked of an optimizer without momentum or betas.</exception>
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps, double pctStart = 0.3, string annealStrategy = "cos",
        bool cycleMomentum = true, double baseMomentum = 0.85, double maxMomentum = 0.95, double divFactor = 25,
        double finalDivFactor = 1e4, bool threePhase = false, int lastEpoch = -1)
        : this(optimizer, Repeat(optimizer, maxLr), totalSteps, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum,
            divFactor, finalDivFactor, threePhase, lastEpoch)
    {
    }

    /// <summary>Attaches the 1cycle schedule with one peak rate per group (see the other constructor for the arguments).</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="maxLrs">The peak learning rate of each group, in group order.</param>
    /// <param name="totalSteps">The total number of steps in the cycle (≥ 1).</param>
    /// <param name="pctStart">The fraction of the cycle spent increasing the rate (default 0.3).</param>
    /// <param name="annealStrategy"><c>"cos"</c> (default) or <c>"linear"</c>.</param>
    /// <param name="cycleMomentum">Cycle the momentum inversely to the rate (default true).</param>
    /// <param name="baseMomentum">The lowest momentum (default 0.85).</param>
    /// <param name="maxMomentum">The highest momentum (default 0.95).</param>
    /// <param name="divFactor">initial_lr = maxLr / divFactor (default 25).</param>
    /// <param name="finalDivFactor">min_lr = initial_lr / finalDivFactor (default 1e4).</param>
    /// <param name="threePhase">Use the three-phase schedule (default false).</param>
    /// <param name="lastEpoch">The last step when resuming (default -1, a fresh start).</param>
    /// <exception cref="ArgumentException">An argument is out of range, or the number of peak rates differs from the number of groups.</exception>
    public OneCycleLR(Optimizer optimizer, IReadOnlyList<double> maxLrs, int totalSteps, double pctStart = 0.3, string annealStrategy = "cos",
        bool cycleMomentum = true, double baseMomentum = 0.85, double maxMomentum = 0.95, double divFactor = 25,
        double finalDivFactor = 1e4, bool threePhase = false, int lastEpoch = -1)
        : base(Prepare(optimizer, maxLrs, totalSteps, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum,
            divFactor, finalDivFactor, lastEpoch), lastEpoch)
    {
        TotalSteps = totalSteps;
        _phases = threePhase
            ? [
                (pctStart * totalSteps - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                (2 * pctStart * totalSteps - 2, "max_lr", "initial_lr", "base_momentum", "max_momentum"),
                (totalSteps - 1, "initial_lr", "min_lr", "max_momentum", "max_momentum"),
            ]
            : [
                (pctStart * totalSteps - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                (totalSteps - 1, "max_lr", "min_lr", "base_momentum", "max_momentum"),
            ];
        _cos = annealStrategy == "cos";
        CycleMomentum = cycleMomentum;
        _useBeta1 = optimizer.Defaults.ContainsKey("betas");
        InitialStep();
    }

    private static double[] Repeat(Optimizer optimizer, double value)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        return Enumerable.Repeat(value, optimizer.ParamGroups.Count).ToArray();
    }

    // Validates and writes PyTorch's per-group entries before the base constructor reads "initial_lr".
    private static Optimizer Prepare(Optimizer optimizer, IReadOnlyList<double> maxLrs, int totalSteps, double pctStart, string annealStrategy,
        bool cycleMomentum, double baseMomentum, double maxMomentum, double divFactor, double finalDivFactor, int lastEpoch)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(maxLrs);
        var groups = optimizer.ParamGroups;
        if (totalSteps <= 0) throw new ArgumentException($"Expected positive integer total_steps, but got {totalSteps}", nameof(totalSteps));
        if (!(pctStart >= 0 && pctStart <= 1))
            throw new ArgumentException($"Expected float between 0 and 1 pct_start, but got {PyFormat.Float(pctStart)}", nameof(pctStart));
        if (annealStrategy != "cos" && annealStrategy != "linear")
            throw new ArgumentException($"anneal_strategy must by one of 'cos' or 'linear', instead got {annealStrategy}", nameof(annealStrategy));
        if (maxLrs.Count != groups.Count)
            throw new ArgumentException($"expected {groups.Count} values for max_lr, got {maxLrs.Count}", nameof(maxLrs));
        bool useBeta1 = optimizer.Defaults.ContainsKey("betas");
        if (cycleMomentum && !optimizer.Defaults.ContainsKey("momentum") && !useBeta1)
            throw new ArgumentException("optimizer must support momentum with `cycle_momentum` option enabled", nameof(cycleMomentum));
        if (lastEpoch == -1)
        {
            for (int i = 0; i < groups.Count; i++)
            {
                var g = groups[i];
                g["initial_lr"] = maxLrs[i] / divFactor;
                g["max_lr"] = maxLrs[i];
                g["min_lr"] = g.GetDouble("initial_lr") / finalDivFactor;
                if (cycleMomentum)
                {
                    if (useBeta1) g.Betas = (maxMomentum, g.Betas.Beta2);
                    else g.Momentum = maxMomentum;
                    g["max_momentum"] = maxMomentum;
                    g["base_momentum"] = baseMomentum;
                }
            }
        }
        return optimizer;
    }

    /// <summary>The total number of steps in the cycle.</summary>
    public int TotalSteps { get; private set; }

    /// <summary>Whether the momentum (or β1) is cycled.</summary>
    public bool CycleMomentum { get; private set; }

    private double Anneal(double start, double end, double pct) =>
        _cos ? end + (start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1) : (end - start) * pct + start;

    private static readonly string[] PhaseKeys = ["end_step", "start_lr", "end_lr", "start_momentum", "end_momentum"];

    /// <inheritdoc/>
    protected override void WriteSettings(OrderedDictionary<string, object?> state)
    {
        state["total_steps"] = (long)TotalSteps;
        state["_schedule_phases"] = _phases.Select(p => (object?)new OrderedDictionary<string, object?>
        {
            ["end_step"] = p.EndStep, ["start_lr"] = p.StartLr, ["end_lr"] = p.EndLr,
            ["start_momentum"] = p.StartMomentum, ["end_momentum"] = p.EndMomentum,
        }).ToList();
        state["_anneal_func_type"] = _cos ? "cos" : "linear";
        state["cycle_momentum"] = CycleMomentum;
        state["use_beta1"] = _useBeta1;
    }

    /// <inheritdoc/>
    protected override Action ReadSettings(IReadOnlyDictionary<string, object?> state)
    {
        int totalSteps = StateDictValues.Int(state, "total_steps", TotalSteps);
        bool cycle = StateDictValues.Bool(state, "cycle_momentum", CycleMomentum);
        bool beta1 = StateDictValues.Bool(state, "use_beta1", _useBeta1);
        bool cos = _cos;
        if (StateDictValues.Has(state, "_anneal_func_type"))
            cos = StateDictValues.String(state, "_anneal_func_type") switch
            {
                "cos" => true,
                "linear" => false,
                var other => throw new ArgumentException($"load_state_dict: '_anneal_func_type' should be 'cos' or 'linear', got '{other}'", nameof(state)),
            };
        var phases = _phases;
        if (StateDictValues.Has(state, "_schedule_phases"))
        {
            if (StateDictValues.Get(state, "_schedule_phases") is not System.Collections.IList saved || saved.Count == 0)
                throw new ArgumentException("load_state_dict: '_schedule_phases' should be a non-empty list of phases", nameof(state));
            phases = new (double, string, string, string, string)[saved.Count];
            for (int i = 0; i < saved.Count; i++)
            {
                if (saved[i] is not System.Collections.IDictionary d)
                    throw new ArgumentException($"load_state_dict: '_schedule_phases'[{i}] should be a dictionary", nameof(state));
                var phase = new Dictionary<string, object?>();
                foreach (System.Collections.DictionaryEntry e in d) if (e.Key is string k) phase[k] = e.Value;
                phases[i] = (StateDictValues.Double(phase, PhaseKeys[0]), StateDictValues.String(phase, PhaseKeys[1]), StateDictValues.String(phase, PhaseKeys[2]),
                    StateDictValues.String(phase, PhaseKeys[3]), StateDictValues.String(phase, PhaseKeys[4]));
                foreach (string key in new[] { phases[i].StartLr, phases[i].EndLr, phases[i].StartMomentum, phases[i].EndMomentum })
                    if (key is not ("initial_lr" or "max_lr" or "min_lr" or "max_momentum" or "base_momentum"))
                        throw new ArgumentException($"load_state_dict: '_schedule_phases'[{i}] names an unknown group entry '{key}'", nameof(state));
            }
        }
        return () => (TotalSteps, CycleMomentum, _useBeta1, _cos, _phases) = (totalSteps, cycle, beta1, cos, phases);
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">Stepped more than <see cref="TotalSteps"/> times.</exception>
    protected override IReadOnlyList<double> GetLr()
    {
        int stepNum = LastEpoch;
        if (stepNum > TotalSteps)
            throw new InvalidOperationException($"Tried to step {stepNum + 1} times. The specified number of total steps is {TotalSteps}");
        var groups = Optimizer.ParamGroups;
        var lrs = new double[groups.Count];
        for (int gi = 0; gi < groups.Count; gi++)
        {
            var group = groups[gi];
            double startStep = 0, lr = 0, momentum = 0;
            for (int i = 0; i < _phases.Length; i++)
            {
                var phase = _phases[i];
                if (stepNum <= phase.EndStep || i == _phases.Length - 1)
                {
                    double pct = (stepNum - startStep) / (phase.EndStep - startStep);
                    lr = Anneal(group.GetDouble(phase.StartLr), group.GetDouble(phase.EndLr), pct);
                    if (CycleMomentum) momentum = Anneal(group.GetDouble(phase.StartMomentum), group.GetDouble(phase.EndMomentum), pct);
                    break;
                }
                startStep = phase.EndStep;
            }
            lrs[gi] = lr;
            if (CycleMomentum)
            {
                if (_useBeta1) group.Betas = (momentum, group.Betas.Beta2);
                else group.Momentum = momentum;
            }
        }
        return lrs;
    }
}
