namespace Ember.NN;

/// <summary>
/// The shared implementation of <see cref="BatchNorm1d"/> and <see cref="BatchNorm2d"/> (PyTorch's <c>_BatchNorm</c>):
/// per-channel normalization with batch statistics in training mode and running statistics in evaluation mode.
/// Registers the parameters <c>weight</c> (ones) and <c>bias</c> (zeros) when affine, and the buffers
/// <c>running_mean</c> (zeros), <c>running_var</c> (ones) and <c>num_batches_tracked</c> (int64, 0-d) when tracking
/// running statistics — PyTorch's state-dict keys.
/// </summary>
public abstract class BatchNorm : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="numFeatures">C, the number of channels (dimension 1 of the input).</param>
    /// <param name="eps">Added to the variance for stability (default 1e-5).</param>
    /// <param name="momentum">
    /// The weight of each batch in the running statistics (default 0.1); null for a cumulative moving average
    /// (weight 1/num_batches_tracked).
    /// </param>
    /// <param name="affine">Learn a per-channel scale and shift (default true).</param>
    /// <param name="trackRunningStats">Keep running statistics for evaluation (default true); without them, batch statistics are used in both modes.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numFeatures"/> is negative.</exception>
    protected BatchNorm(int numFeatures, double eps, double? momentum, bool affine, bool trackRunningStats)
    {
        if (numFeatures < 0)
            throw new ArgumentOutOfRangeException(nameof(numFeatures), numFeatures, $"{TypeName}: num_features must be non-negative");
        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        Affine = affine;
        TrackRunningStats = trackRunningStats;
        Weight = RegisterParameter("weight", affine ? new Parameter(Torch.Ones(numFeatures)) : null);
        Bias = RegisterParameter("bias", affine ? new Parameter(Torch.Zeros(numFeatures)) : null);
        RunningMean = RegisterBuffer("running_mean", trackRunningStats ? Torch.Zeros(numFeatures) : null);
        RunningVar = RegisterBuffer("running_var", trackRunningStats ? Torch.Ones(numFeatures) : null);
        NumBatchesTracked = RegisterBuffer("num_batches_tracked", trackRunningStats ? Torch.Scalar(0L) : null);
    }

    /// <summary>C, the number of channels.</summary>
    public int NumFeatures { get; }

    /// <summary>Added to the variance for stability.</summary>
    public double Eps { get; }

    /// <summary>The weight of each batch in the running statistics; null for a cumulative moving average.</summary>
    public double? Momentum { get; set; }

    /// <summary>Whether the layer has a learned per-channel scale and shift.</summary>
    public bool Affine { get; }

    /// <summary>Whether running statistics are kept.</summary>
    public bool TrackRunningStats { get; }

    /// <summary>The per-channel scale γ, shape [C] (ones initially), or null when not affine.</summary>
    public Parameter? Weight { get; }

    /// <summary>The per-channel shift β, shape [C] (zeros initially), or null when not affine.</summary>
    public Parameter? Bias { get; }

    /// <summary>The running mean, shape [C] (buffer <c>running_mean</c>), or null when not tracking.</summary>
    public Tensor? RunningMean { get; }

    /// <summary>The running (unbiased) variance, shape [C] (buffer <c>running_var</c>), or null when not tracking.</summary>
    public Tensor? RunningVar { get; }

    /// <summary>The number of training batches seen, an int64 scalar (buffer <c>num_batches_tracked</c>), or null when not tracking.</summary>
    public Tensor? NumBatchesTracked { get; }

    /// <summary>Resets the running statistics to mean 0, variance 1 and zero batches.</summary>
    public void ResetRunningStats()
    {
        if (!TrackRunningStats) return;
        using var _ = Torch.NoGrad();
        RunningMean!.Zero_();
        RunningVar!.Fill_(1);
        NumBatchesTracked!.Zero_();
    }

    /// <summary>Resets the running statistics and the parameters (weight 1, bias 0).</summary>
    public void ResetParameters()
    {
        ResetRunningStats();
        if (!Affine) return;
        using var _ = Torch.NoGrad();
        Weight!.Fill_(1);
        Bias!.Zero_();
    }

    /// <summary>Throws when the input's rank does not fit the layer.</summary>
    /// <param name="input">The input.</param>
    /// <exception cref="ArgumentException">The input has the wrong number of dimensions.</exception>
    protected abstract void CheckInputDim(Tensor input);

    /// <summary>
    /// Normalizes <paramref name="input"/> with <see cref="F.BatchNorm"/>: in training mode with the batch's
    /// statistics (updating the running statistics and <c>num_batches_tracked</c>), in evaluation mode with the running
    /// statistics (or the batch's when not tracking).
    /// </summary>
    /// <param name="input">A floating-point tensor of the parameters' dtype with C channels in dimension 1.</param>
    /// <exception cref="ArgumentException">
    /// The input has the wrong rank or number of channels, or (training) only one value per channel.
    /// </exception>
    public override Tensor Forward(Tensor input) => Run(input, relu: false);

    /// <summary>
    /// relu(Forward(input)) as one op (<see cref="F.BatchNormRelu"/>), for a ReLU module that follows this layer; the
    /// caller has checked <see cref="FusesWith"/>.
    /// </summary>
    internal Tensor ForwardRelu(Tensor input) => Run(input, relu: true);

    /// <summary>Whether this layer and <paramref name="relu"/> after it may run as one op: neither has hooks (so every
    /// observer, tracer and export sees the two modules) and no graph tracer is recording.</summary>
    internal bool FusesWith(ReLU relu) => !HasHooks && !relu.HasHooks && Autograd.Graph.Tracer is null;

    private Tensor Run(Tensor input, bool relu)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInputDim(input);
        int c = input.Size(1);
        if (c != NumFeatures && (TrackRunningStats || Affine))
            throw new ArgumentException(
                $"batch_norm: {(TrackRunningStats ? "running_mean" : "weight")} should contain {c} elements not {NumFeatures} " +
                $"({this} got input of shape {input.Shape}; expected [N, {NumFeatures}, ...])", nameof(input));
        if (Training && input.Numel / Math.Max(c, 1) == 1 && input.Numel > 0)
            throw new ArgumentException($"batch_norm: Expected more than 1 value per channel when training, got input size {input.Shape} in {TypeName}", nameof(input));

        double factor = Momentum ?? 0.0;
        if (Training && TrackRunningStats && NumBatchesTracked is not null)
        {
            using (Torch.NoGrad()) NumBatchesTracked.Add_(1);
            factor = Momentum ?? 1.0 / NumBatchesTracked.Item<long>();
        }
        bool useBatchStats = Training || (RunningMean is null && RunningVar is null);
        bool passRunning = !Training || TrackRunningStats;
        var mean = passRunning ? RunningMean : null;
        var var = passRunning ? RunningVar : null;
        return relu ? F.BatchNormRelu(input, mean, var, Weight, Bias, useBatchStats, factor, Eps)
            : F.BatchNorm(input, mean, var, Weight, Bias, useBatchStats, factor, Eps);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        $"{NumFeatures}, eps={PyRepr.Float(Eps)}, momentum={(Momentum is double m ? PyRepr.Float(m) : "None")}, " +
        $"affine={PyRepr.Bool(Affine)}, track_running_stats={PyRepr.Bool(TrackRunningStats)}";
}

/// <summary>
/// Batch normalization over a [N, C] or [N, C, L] input (PyTorch's <c>nn.BatchNorm1d</c>); see <see cref="BatchNorm"/>.
/// </summary>
/// <param name="numFeatures">C, the number of channels.</param>
/// <param name="eps">Added to the variance for stability (default 1e-5).</param>
/// <param name="momentum">The weight of each batch in the running statistics (default 0.1); null for a cumulative average.</param>
/// <param name="affine">Learn a per-channel scale and shift (default true).</param>
/// <param name="trackRunningStats">Keep running statistics for evaluation (default true).</param>
public sealed class BatchNorm1d(int numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool trackRunningStats = true)
    : BatchNorm(numFeatures, eps, momentum, affine, trackRunningStats)
{
    /// <inheritdoc/>
    protected override void CheckInputDim(Tensor input)
    {
        if (input.Dim != 2 && input.Dim != 3)
            throw new ArgumentException(
                $"batch_norm: expected 2D or 3D input (got {input.Dim}D input) in BatchNorm1d({NumFeatures}); input shape {input.Shape}, expected [N, {NumFeatures}] or [N, {NumFeatures}, L]",
                nameof(input));
    }
}

/// <summary>
/// Batch normalization over a [N, C, H, W] input (PyTorch's <c>nn.BatchNorm2d</c>); see <see cref="BatchNorm"/>.
/// </summary>
/// <param name="numFeatures">C, the number of channels.</param>
/// <param name="eps">Added to the variance for stability (default 1e-5).</param>
/// <param name="momentum">The weight of each batch in the running statistics (default 0.1); null for a cumulative average.</param>
/// <param name="affine">Learn a per-channel scale and shift (default true).</param>
/// <param name="trackRunningStats">Keep running statistics for evaluation (default true).</param>
public sealed class BatchNorm2d(int numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool trackRunningStats = true)
    : BatchNorm(numFeatures, eps, momentum, affine, trackRunningStats)
{
    /// <inheritdoc/>
    protected override void CheckInputDim(Tensor input)
    {
        if (input.Dim != 4)
            throw new ArgumentException(
                $"batch_norm: expected 4D input (got {input.Dim}D input) in BatchNorm2d({NumFeatures}); input shape {input.Shape}, expected [N, {NumFeatures}, H, W]",
                nameof(input));
    }
}
