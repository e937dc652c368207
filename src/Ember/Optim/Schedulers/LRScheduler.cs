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
public abstract class LRScheduler
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
    public IReadOnlyList<double> BaseLrs { get; }

    /// <summary>The index of the current epoch: 0 right after construction, then one more per <see cref="Step"/>.</summary>
    public int LastEpoch { get; protected set; }

    /// <summary>How many times <see cref="Step"/> has run, counting the one made by the constructor.</summary>
    protected int StepCount { get; private set; }

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
