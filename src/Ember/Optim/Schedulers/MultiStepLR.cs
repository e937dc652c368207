namespace Ember.Optim.Schedulers;

/// <summary>
/// Multiplies each group's learning rate by <c>gamma</c> at each milestone epoch (PyTorch's
/// <c>MultiStepLR</c>); a milestone listed k times multiplies by gamma^k.
/// </summary>
public sealed class MultiStepLR : LRScheduler
{
    private readonly Dictionary<int, int> _milestones = new();

    /// <summary>Attaches a milestone decay to <paramref name="optimizer"/> and sets epoch 0's rate.</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="milestones">The epochs at which to decay (any order; repeats count).</param>
    /// <param name="gamma">The multiplicative factor (default 0.1).</param>
    /// <param name="lastEpoch">The last epoch when resuming (default -1, a fresh start).</param>
    public MultiStepLR(Optimizer optimizer, IEnumerable<int> milestones, double gamma = 0.1, int lastEpoch = -1) : base(optimizer, lastEpoch)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        foreach (var m in milestones) _milestones[m] = _milestones.GetValueOrDefault(m) + 1;
        Milestones = _milestones.SelectMany(kv => Enumerable.Repeat(kv.Key, kv.Value)).Order().ToArray();
        Gamma = gamma;
        InitialStep();
    }

    /// <summary>The milestones, sorted (repeats kept).</summary>
    public IReadOnlyList<int> Milestones { get; private set; }

    /// <summary>The multiplicative factor.</summary>
    public double Gamma { get; private set; }

    /// <inheritdoc/>
    protected override void WriteSettings(OrderedDictionary<string, object?> state)
    {
        // PyTorch keeps a Counter {milestone: times}; a plain dict holds the same.
        var milestones = new OrderedDictionary<object, object?>();
        foreach (var (m, count) in _milestones.OrderBy(kv => kv.Key)) milestones[(long)m] = (long)count;
        state["milestones"] = milestones;
        state["gamma"] = Gamma;
    }

    /// <inheritdoc/>
    protected override Action ReadSettings(IReadOnlyDictionary<string, object?> state)
    {
        double gamma = StateDictValues.Double(state, "gamma", Gamma);
        Dictionary<int, int>? milestones = null;
        if (StateDictValues.Has(state, "milestones"))
        {
            if (StateDictValues.Get(state, "milestones") is not System.Collections.IDictionary saved)
                throw new ArgumentException("load_state_dict: 'milestones' should be a dictionary {milestone: count}", nameof(state));
            milestones = new Dictionary<int, int>();
            foreach (System.Collections.DictionaryEntry e in saved)
            {
                var one = new Dictionary<string, object?> { ["milestone"] = e.Key, ["count"] = e.Value };
                milestones[StateDictValues.Int(one, "milestone")] = StateDictValues.Int(one, "count");
            }
        }
        return () =>
        {
            Gamma = gamma;
            if (milestones is null) return;
            _milestones.Clear();
            foreach (var (m, c) in milestones) _milestones[m] = c;
            Milestones = _milestones.SelectMany(kv => Enumerable.Repeat(kv.Key, kv.Value)).Order().ToArray();
        };
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<double> GetLr()
    {
        var lrs = CurrentLrs();
        if (!_milestones.TryGetValue(LastEpoch, out int count)) return lrs;
        double f = Math.Pow(Gamma, count);
        for (int i = 0; i < lrs.Length; i++) lrs[i] *= f;
        return lrs;
    }
}
