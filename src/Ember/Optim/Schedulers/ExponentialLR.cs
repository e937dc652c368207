namespace Ember.Optim.Schedulers;

/// <summary>Multiplies each group's learning rate by <c>gamma</c> every epoch (PyTorch's <c>ExponentialLR</c>): lr = initial_lr · gammaᵉᵖᵒᶜʰ.</summary>
public sealed class ExponentialLR : LRScheduler
{
    /// <summary>Attaches an exponential decay to <paramref name="optimizer"/> and sets epoch 0's rate.</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="gamma">The multiplicative factor per epoch.</param>
    /// <param name="lastEpoch">The last epoch when resuming (default -1, a fresh start).</param>
    public ExponentialLR(Optimizer optimizer, double gamma, int lastEpoch = -1) : base(optimizer, lastEpoch)
    {
        Gamma = gamma;
        InitialStep();
    }

    /// <summary>The multiplicative factor per epoch.</summary>
    public double Gamma { get; private set; }

    /// <inheritdoc/>
    protected override void WriteSettings(OrderedDictionary<string, object?> state)
    {
        state["gamma"] = Gamma;
    }

    /// <inheritdoc/>
    protected override Action ReadSettings(IReadOnlyDictionary<string, object?> state)
    {
        double gamma = StateDictValues.Double(state, "gamma", Gamma);
        return () => Gamma = gamma;
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<double> GetLr()
    {
        var lrs = CurrentLrs();
        if (LastEpoch == 0) return lrs;
        for (int i = 0; i < lrs.Length; i++) lrs[i] *= Gamma;
        return lrs;
    }
}
