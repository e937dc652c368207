namespace Ember.Optim.Schedulers;

/// <summary>
/// The base of the epoch-based learning-rate schedulers (PyTorch's <c>torch.optim.lr_scheduler.LRScheduler</c>):
/// it records each group's starting learning rate (<c>"initial_lr"</c>), sets the first value on
/// construction, and on every <see cref="Step"/> advances <see cref="LastEpoch"/> and writes the new rate
/// into every parameter group. Call <see cref="Step"/> after <see cref="Optimizer.Step()"/>, once per epoch
/// (or per batch for per-iteration schedules such as <see cref="OneCycleLR"/>).
/// </summary>
/// <remarks>
/// Most schedulers use PyTorch's chainable (recursive) form: they compute the new rate from the group's
/// current <c>"lr"</c>, so two schedulers on one optimizer compose, and values match PyTorch's step by step.
/// A derived constructor sets its fields and then calls <see cref="InitialStep"/> as its last statement.
/// </remarks>
public abstract class LRScheduler : ISchedulerState
{
    private double[] _lastLr = [];

    /// <summary>Attaches the scheduler to <paramref name="optimizer"/>.</summary>
    /// <param name="optimizer">The optimizer whose groups' <c>"lr"</c> the scheduler sets.</param>
    /// <param name="lastEpoch">The index of the last epoch when resuming; -1 (the default) starts afresh and
    /// records each group's current <c>"lr"</c> as its <c>"initial_lr"</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="optimizer"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">Resuming (<paramref name="lastEpoch"/> ≠ -1) and a group has no <c>"initial_lr"</c>.</exception>
    protected LRScheduler(Optimizer optimizer, int lastEpoch = -1)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
        var groups = optimizer.ParamGroups;
        if (lastEpoch == -1)
        {
            foreach (var g in groups) if (!g.ContainsKey("initial_lr")) g["initial_lr"] = g.Lr;
        }
        else
        {
            for (int i = 0; i < groups.Count; i++)
                if (!groups[i].ContainsKey("initial_lr"))
                    throw new KeyNotFoundException($"param 'initial_lr' is not specified in param_groups[{i}] when resuming an optimizer");
        }
        BaseLrs = groups.Select(g => g.GetDouble("initial_lr")).ToArray();
        LastEpoch = lastEpoch;
    }

    /// <summary>The optimizer whose learning rates this scheduler sets.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>Each group's starting learning rate (its <c>"initial_lr"</c>), PyTorch's <c>base_lrs</c>.</summary>
    public IReadOnlyList<double> BaseLrs { get; private set; }

    /// <summary>The index of the current epoch: 0 right after construction, then one more per <see cref="Step"/>.</summary>
    public int LastEpoch { get; protected set; }

    /// <summary>How many times <see cref="Step"/> has run, counting the one made by the constructor.</summary>
    protected int StepCount { get; private set; }

    /// <summary>
    /// The scheduler's state in PyTorch's <c>state_dict()</c> layout: <c>"base_lrs"</c>, <c>"last_epoch"</c>,
    /// <c>"_step_count"</c>, <c>"verbose"</c>, <c>"_get_lr_called_within_step"</c>, <c>"_last_lr"</c> and the scheduler's
    /// own settings under PyTorch's names (e.g. StepLR's <c>"step_size"</c> and <c>"gamma"</c>). Values are plain .NET
    /// objects (long, double, bool, string, lists and dictionaries), ready for <c>Torch.Save</c> or a checkpoint.
    /// The optimizer is not part of it (save the optimizer's own state dict).
    /// </summary>
    /// <returns>A new dictionary.</returns>
    public OrderedDictionary<string, object?> StateDict()
    {
        var state = new OrderedDictionary<string, object?>();
        WriteSettings(state);
        state["base_lrs"] = BaseLrs.ToList();
        state["last_epoch"] = (long)LastEpoch;
        state["verbose"] = false;
        state["_step_count"] = (long)StepCount;
        state["_get_lr_called_within_step"] = false;
        state["_last_lr"] = _lastLr.ToList();
        return state;
    }

    /// <summary>
    /// Restores a state from <see cref="StateDict"/> (PyTorch's <c>load_state_dict</c>): the epoch and step counters,
    /// the base and last learning rates, and the scheduler's settings present in it. The optimizer's learning rates are
    /// not touched: restore the optimizer's state dict too. Nothing changes when validation fails.
    /// </summary>
    /// <param name="state">A state dict of a scheduler of the same kind over as many parameter groups.</param>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentException">A required entry is missing or has the wrong kind of value or the wrong number
    /// of learning rates (the message names the key).</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, object?> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        int groups = Optimizer.ParamGroups.Count;
        var baseLrs = StateDictValues.Doubles(state, "base_lrs", groups);
        var lastLr = StateDictValues.Doubles(state, "_last_lr", groups);
        int lastEpoch = StateDictValues.Int(state, "last_epoch");
        int stepCount = StateDictValues.Int(state, "_step_count");
        var apply = ReadSettings(state);
        BaseLrs = baseLrs;
        _lastLr = lastLr;
        LastEpoch = lastEpoch;
        StepCount = stepCount;
        apply();
    }

    /// <summary>Adds the scheduler's own settings to a state dict, under PyTorch's names.</summary>
    /// <param name="state">The state dict being built.</param>
    protected virtual void WriteSettings(OrderedDictionary<string, object?> state)
    {
    }

    /// <summary>
    /// Validates the scheduler's own settings in a state dict (absent ones keep their values) and returns the action that
    /// applies them, run only once the whole state has been validated.
    /// </summary>
    /// <param name="state">The state dict being loaded.</param>
    /// <exception cref="ArgumentException">A setting has the wrong kind of value.</exception>
    protected virtual Action ReadSettings(IReadOnlyDictionary<string, object?> state) => () => { };

    /// <summary>The learning rate of each group as last set by this scheduler (PyTorch's <c>get_last_lr()</c>).</summary>
    public IReadOnlyList<double> GetLastLr() => _lastLr;

    /// <summary>Sets the first learning rates (epoch <c>lastEpoch + 1</c>); derived constructors call it last.</summary>
    protected void InitialStep()
    {
        StepCount = 0;
        Step();
    }

    /// <summary>Advances one epoch and writes the new learning rate into every parameter group.</summary>
    public virtual void Step()
    {
        StepCount++;
        LastEpoch++;
        var values = GetLr();
        var groups = Optimizer.ParamGroups;
        if (values.Count != groups.Count)
            throw new InvalidOperationException($"{GetType().Name}: GetLr returned {values.Count} learning rates for {groups.Count} parameter groups");
        for (int i = 0; i < groups.Count; i++) groups[i].Lr = values[i];
        _lastLr = groups.Select(g => g.Lr).ToArray();
    }

    /// <summary>The learning rate of every group at epoch <see cref="LastEpoch"/> (PyTorch's <c>get_lr()</c>), called by <see cref="Step"/>.</summary>
    protected abstract IReadOnlyList<double> GetLr();

    /// <summary>The current learning rate of every group.</summary>
    protected double[] CurrentLrs() => Optimizer.ParamGroups.Select(g => g.Lr).ToArray();
}
