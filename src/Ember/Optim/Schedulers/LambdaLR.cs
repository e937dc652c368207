namespace Ember.Optim.Schedulers;

/// <summary>Sets each group's learning rate to initial_lr · λ(epoch) (PyTorch's <c>LambdaLR</c>).</summary>
public sealed class LambdaLR : LRScheduler
{
    private readonly Func<int, double>[] _lambdas;

    /// <summary>Attaches the same factor function to every group and sets epoch 0's rate.</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="lrLambda">The factor as a function of the epoch index, e.g. <c>e =&gt; Math.Pow(0.95, e)</c>.</param>
    /// <param name="lastEpoch">The last epoch when resuming (default -1, a fresh start).</param>
    public LambdaLR(Optimizer optimizer, Func<int, double> lrLambda, int lastEpoch = -1) : base(optimizer, lastEpoch)
    {
        ArgumentNullException.ThrowIfNull(lrLambda);
        _lambdas = Enumerable.Repeat(lrLambda, optimizer.ParamGroups.Count).ToArray();
        InitialStep();
    }

    /// <summary>Attaches one factor function per parameter group and sets epoch 0's rate.</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="lrLambdas">One function per group, in group order.</param>
    /// <param name="lastEpoch">The last epoch when resuming (default -1, a fresh start).</param>
    /// <exception cref="ArgumentException">The number of functions differs from the number of groups.</exception>
    public LambdaLR(Optimizer optimizer, IReadOnlyList<Func<int, double>> lrLambdas, int lastEpoch = -1) : base(optimizer, lastEpoch)
    {
        ArgumentNullException.ThrowIfNull(lrLambdas);
        if (lrLambdas.Count != optimizer.ParamGroups.Count)
            throw new ArgumentException($"Expected {optimizer.ParamGroups.Count} lr_lambdas, but got {lrLambdas.Count}", nameof(lrLambdas));
        _lambdas = lrLambdas.ToArray();
        InitialStep();
    }

    /// <inheritdoc/>
    /// <remarks>Functions are not saved: <c>"lr_lambdas"</c> holds one null per group, as PyTorch does for plain functions.</remarks>
    protected override void WriteSettings(OrderedDictionary<string, object?> state) =>
        state["lr_lambdas"] = Enumerable.Repeat<object?>(null, _lambdas.Length).ToList();

    /// <inheritdoc/>
    protected override IReadOnlyList<double> GetLr()
    {
        var lrs = new double[_lambdas.Length];
        for (int i = 0; i < lrs.Length; i++) lrs[i] = BaseLrs[i] * _lambdas[i](LastEpoch);
        return lrs;
    }
}
