namespace Ember.NN;

/// <summary>
/// Layer normalization (PyTorch's <c>nn.LayerNorm</c>): normalizes each input over its last
/// <c>normalizedShape.Length</c> dimensions (mean and biased variance), then applies a learned elementwise scale
/// <c>weight</c> (ones) and shift <c>bias</c> (zeros) of shape <see cref="NormalizedShape"/>.
/// Input: [*, normalizedShape…]; output: the same shape.
/// </summary>
public sealed class LayerNorm : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="normalizedShape">The trailing shape to normalize over, e.g. [512] or [C, H, W].</param>
    /// <param name="eps">Added to the variance for stability (default 1e-5).</param>
    /// <param name="elementwiseAffine">Learn the elementwise scale and shift (default true).</param>
    /// <exception cref="ArgumentException"><paramref name="normalizedShape"/> is empty or has a negative size.</exception>
    public LayerNorm(int[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true)
    {
        ArgumentNullException.ThrowIfNull(normalizedShape);
        if (normalizedShape.Length == 0 || normalizedShape.Any(d => d < 0))
            throw new ArgumentException($"LayerNorm: normalized_shape must be a non-empty list of non-negative sizes, got {Size.Format(normalizedShape)}", nameof(normalizedShape));
        _normalizedShape = normalizedShape.ToArray();
        Eps = eps;
        ElementwiseAffine = elementwiseAffine;
        Weight = RegisterParameter("weight", elementwiseAffine ? new Parameter(Torch.Ones(_normalizedShape)) : null);
        Bias = RegisterParameter("bias", elementwiseAffine ? new Parameter(Torch.Zeros(_normalizedShape)) : null);
    }

    /// <summary>Creates the layer normalizing over the last dimension, of size <paramref name="normalizedShape"/>.</summary>
    /// <param name="normalizedShape">The size of the last dimension.</param>
    /// <param name="eps">Added to the variance for stability (default 1e-5).</param>
    /// <param name="elementwiseAffine">Learn the elementwise scale and shift (default true).</param>
    public LayerNorm(int normalizedShape, double eps = 1e-5, bool elementwiseAffine = true)
        : this([normalizedShape], eps, elementwiseAffine)
    {
    }

    private readonly int[] _normalizedShape;

    /// <summary>The trailing shape normalized over.</summary>
    public IReadOnlyList<int> NormalizedShape => Array.AsReadOnly(_normalizedShape);

    /// <summary>Added to the variance for stability.</summary>
    public double Eps { get; }

    /// <summary>Whether the layer has a learned elementwise scale and shift.</summary>
    public bool ElementwiseAffine { get; }

    /// <summary>The elementwise scale, of shape <see cref="NormalizedShape"/> (ones initially), or null.</summary>
    public Parameter? Weight { get; }

    /// <summary>The elementwise shift, of shape <see cref="NormalizedShape"/> (zeros initially), or null.</summary>
    public Parameter? Bias { get; }

    /// <summary>Resets the weight to ones and the bias to zeros.</summary>
    public void ResetParameters()
    {
        if (!ElementwiseAffine) return;
        using var _ = Torch.NoGrad();
        Weight!.Fill_(1);
        Bias!.Zero_();
    }

    /// <summary>Applies <see cref="F.LayerNorm"/> with the layer's parameters.</summary>
    /// <param name="input">A floating-point tensor [*, normalizedShape…] of the parameters' dtype.</param>
    /// <exception cref="ArgumentException">The input's trailing shape is not <see cref="NormalizedShape"/>.</exception>
    public override Tensor Forward(Tensor input) => F.LayerNorm(input, _normalizedShape, Weight, Bias, Eps);

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        $"{PyRepr.Tuple(_normalizedShape)}, eps={PyRepr.Float(Eps)}, elementwise_affine={PyRepr.Bool(ElementwiseAffine)}";
}
