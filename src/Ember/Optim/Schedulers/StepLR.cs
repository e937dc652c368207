namespace Ember.Optim.Schedulers;

/// <summary>
/// Multiplies each group's learning rate by <c>gamma</c> every <c>stepSize</c> epochs
/// (PyTorch's <c>StepLR</c>): lr = initial_lr · gamma^⌊epoch / stepSize⌋.
/// </summary>
public sealed class StepLR : LRScheduler
{
    /// <summary>Attaches a step decay to <paramref name="optimizer"/> and sets epoch 0's rate.</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="stepSize">The period of the decay, in epochs (≥ 1).</param>
    /// <param name="gamma">The multiplicative factor (default 0.1).</param>
    /// <param name="lastEpoch">The last epoch when resuming (default -1, a fresh start).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stepSize"/> is less than 1.</exception>
    public StepLR(Optimizer optimizer, int stepSize, double gamma = 0.1, int lastEpoch = -1) : base(optimizer, lastEpoch)
    {
        if (stepSize < 1) throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, $"StepLR: step_size must be a positive integer, got {stepSize}");
        StepSize = stepSize;
        Gamma = gamma;
        InitialStep();
    }

    /// <summary>The period of the decay, in epochs.</summary>
    public int StepSize { get; private set; }

    /// <summary>The multiplicative factor.</summary>
    public double Gamma { get; private set; }

    /// <inheritdoc/>
    protected override void WriteSettings(OrderedDictionary<string, object?> state)
    {
        state["step_size"] = (long)StepSize;
        state["gamma"] = Gamma;
    }

    /// <inheritdoc/>
    protected override Action ReadSettings(IReadOnlyDictionary<string, object?> state)
    {
        int stepSize = StateDictValues.Int(state, "step_size", StepSize);
        double gamma = StateDictValues.Double(state, "gamma", Gamma);
        return () => (StepSize, Gamma) = (stepSize, gamma);
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<double> GetLr()
    {
        var lrs = CurrentLrs();
        if (LastEpoch == 0 || LastEpoch % StepSize != 0) return lrs;
        for (int i = 0; i < lrs.Length; i++) lrs[i] *= Gamma;
        return lrs;
    }
}
