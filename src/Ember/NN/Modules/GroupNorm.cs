namespace Ember.NN;

/// <summary>
/// Group normalization (PyTorch's <c>nn.GroupNorm</c>): the channels of an [N, C, *] input are split into
/// <see cref="NumGroups"/> groups, each (sample, group) is normalized over its channels and positions, then a learned
/// per-channel scale <c>weight</c> (ones) and shift <c>bias</c> (zeros) are applied. Output: the input's shape.
/// </summary>
public sealed class GroupNorm : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="numGroups">The number of groups; positive, dividing <paramref name="numChannels"/>.</param>
    /// <param name="numChannels">The number of channels C the input has.</param>
    /// <param name="eps">Added to the variance for stability (default 1e-5).</param>
    /// <param name="affine">Learn the per-channel scale and shift (default true).</param>
    /// <param name="dtype">The parameters' floating-point dtype (default float32).</param>
    /// <exception cref="ArgumentException"><paramref name="numGroups"/> is not positive or does not divide <paramref name="numChannels"/>, or the dtype is not floating point.</exception>
    public GroupNorm(int numGroups, int numChannels, double eps = 1e-5, bool affine = true, DType dtype = DType.Float32)
    {
        if (numGroups <= 0) throw new ArgumentException($"GroupNorm: num_groups must be positive, got {numGroups}", nameof(numGroups));
        if (numChannels < 0) throw new ArgumentException($"GroupNorm: num_channels must be non-negative, got {numChannels}", nameof(numChannels));
        if (numChannels % numGroups != 0)
            throw new ArgumentException($"GroupNorm: num_channels must be divisible by num_groups, got num_channels={numChannels} and num_groups={numGroups}", nameof(numGroups));
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"GroupNorm: dtype must be floating point, got {dtype.TorchName()}", nameof(dtype));
        NumGroups = numGroups;
        NumChannels = numChannels;
        Eps = eps;
        Affine = affine;
        Weight = RegisterParameter("weight", affine ? new Parameter(Torch.Ones(new Size(numChannels), dtype)) : null);
        Bias = RegisterParameter("bias", affine ? new Parameter(Torch.Zeros(new Size(numChannels), dtype)) : null);
    }

    /// <summary>The number of groups.</summary>
    public int NumGroups { get; }

    /// <summary>The number of channels.</summary>
    public int NumChannels { get; }

    /// <summary>Added to the variance for stability.</summary>
    public double Eps { get; }

    /// <summary>Whether the layer has a learned per-channel scale and shift.</summary>
    public bool Affine { get; }

    /// <summary>The per-channel scale [C] (ones initially), or null.</summary>
    public Parameter? Weight { get; }

    /// <summary>The per-channel shift [C] (zeros initially), or null.</summary>
    public Parameter? Bias { get; }

    /// <summary>Resets the weight to ones and the bias to zeros.</summary>
    public void ResetParameters()
    {
        if (!Affine) return;
        using var _ = Torch.NoGrad();
        Weight!.Fill_(1);
        Bias!.Zero_();
    }

    /// <summary>Applies <see cref="F.GroupNorm"/> with the layer's parameters.</summary>
    /// <param name="input">A floating-point tensor [N, C, *] of the parameters' dtype.</param>
    /// <exception cref="ArgumentException">The input's channel count is not <see cref="NumChannels"/>, or another shape or dtype error.</exception>
    public override Tensor Forward(Tensor input) => F.GroupNorm(input, NumGroups, Weight, Bias, Eps);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"{NumGroups}, {NumChannels}, eps={PyRepr.Float(Eps)}, affine={PyRepr.Bool(Affine)}";
}
