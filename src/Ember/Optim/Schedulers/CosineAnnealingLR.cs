namespace Ember.Optim.Schedulers;

/// <summary>
/// Anneals each group's learning rate along a cosine from its initial value down to <c>etaMin</c> over
/// <c>tMax</c> epochs and back up over the next <c>tMax</c> (PyTorch's <c>CosineAnnealingLR</c>, in its
/// recursive form: lr ← (1 + cos(π·t/T)) / (1 + cos(π·(t−1)/T)) · (lr − η_min) + η_min, so values match
/// PyTorch's step by step, including past <c>tMax</c>, and compose with other schedulers).
/// </summary>
public sealed class CosineAnnealingLR : LRScheduler
{
    /// <summary>Attaches cosine annealing to <paramref name="optimizer"/> and sets epoch 0's rate.</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="tMax">Half the period, in epochs (≥ 1).</param>
    /// <param name="etaMin">The minimum learning rate (default 0).</param>
    /// <param name="lastEpoch">The last epoch when resuming (default -1, a fresh start).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tMax"/> is less than 1.</exception>
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin = 0, int lastEpoch = -1) : base(optimizer, lastEpoch)
    {
        if (tMax < 1) throw new ArgumentOutOfRangeException(nameof(tMax), tMax, $"CosineAnnealingLR: T_max must be a positive integer, got {tMax}");
        TMax = tMax;
        EtaMin = etaMin;
        InitialStep();
    }

    /// <summary>Half the period, in epochs (PyTorch's <c>T_max</c>).</summary>
    public int TMax { get; private set; }

    /// <summary>The minimum learning rate (PyTorch's <c>eta_min</c>).</summary>
    public double EtaMin { get; private set; }

    /// <inheritdoc/>
    protected override void WriteSettings(OrderedDictionary<string, object?> state)
    {
        state["T_max"] = (long)TMax;
        state["eta_min"] = EtaMin;
    }

    /// <inheritdoc/>
    protected override Action ReadSettings(IReadOnlyDictionary<string, object?> state)
    {
        int tMax = StateDictValues.Int(state, "T_max", TMax);
        double etaMin = StateDictValues.Double(state, "eta_min", EtaMin);
        return () => (TMax, EtaMin) = (tMax, etaMin);
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<double> GetLr()
    {
        var lrs = CurrentLrs();
        int e = LastEpoch;
        if (e == 0) return lrs;
        if (StepCount == 1 && e > 0)
        {
            for (int i = 0; i < lrs.Length; i++)
                lrs[i] = EtaMin + (BaseLrs[i] - EtaMin) * (1 + Math.Cos(e * Math.PI / TMax)) / 2;
        }
        else if ((((e - 1 - TMax) % (2 * TMax)) + 2 * TMax) % (2 * TMax) == 0)
        {
            for (int i = 0; i < lrs.Length; i++)
                lrs[i] += (BaseLrs[i] - EtaMin) * (1 - Math.Cos(Math.PI / TMax)) / 2;
        }
        else
        {
            for (int i = 0; i < lrs.Length; i++)
                lrs[i] = (1 + Math.Cos(Math.PI * e / TMax)) / (1 + Math.Cos(Math.PI * (e - 1) / TMax)) * (lrs[i] - EtaMin) + EtaMin;
        }
        return lrs;
    }
}
