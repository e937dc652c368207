namespace Ember.NN;

/// <summary>
/// Local response normalization across channels (PyTorch's <c>nn.LocalResponseNorm</c>, used by AlexNet):
/// y[c] = x[c] / (k + alpha/size · Σ_{window} x²)^beta. Input [N, C, *] (at least 3-D); output: the same shape.
/// </summary>
public sealed class LocalResponseNorm : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="size">The number of neighbouring channels used for normalization; positive.</param>
    /// <param name="alpha">The multiplicative factor (default 1e-4).</param>
    /// <param name="beta">The exponent (default 0.75).</param>
    /// <param name="k">The additive factor (default 1).</param>
    /// <exception cref="ArgumentException"><paramref name="size"/> is not positive.</exception>
    public LocalResponseNorm(int size, double alpha = 1e-4, double beta = 0.75, double k = 1.0)
    {
        if (size <= 0) throw new ArgumentException($"LocalResponseNorm: size must be positive, got {size}", nameof(size));
        Size = size;
        Alpha = alpha;
        Beta = beta;
        K = k;
    }

    /// <summary>The number of neighbouring channels in the window.</summary>
    public int Size { get; }

    /// <summary>The multiplicative factor.</summary>
    public double Alpha { get; }

    /// <summary>The exponent.</summary>
    public double Beta { get; }

    /// <summary>The additive factor.</summary>
    public double K { get; }

    /// <summary>Applies <see cref="F.LocalResponseNorm"/>.</summary>
    /// <param name="input">A floating-point tensor [N, C, *], at least 3-D.</param>
    /// <exception cref="ArgumentException">The input has fewer than 3 dimensions or is not floating point.</exception>
    public override Tensor Forward(Tensor input) => F.LocalResponseNorm(input, Size, Alpha, Beta, K);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"{Size}, alpha={PyRepr.Float(Alpha)}, beta={PyRepr.Float(Beta)}, k={PyRepr.Float(K)}";
}
