namespace Ember.NN;

/// <summary>
/// Applies the Gaussian error linear unit x·Φ(x) elementwise (PyTorch's <c>nn.GELU</c>), exactly (with erf) or with
/// the tanh approximation. Input and output: any shape.
/// </summary>
public sealed class GELU : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="approximate"><c>"none"</c> (default, exact) or <c>"tanh"</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="approximate"/> is neither "none" nor "tanh".</exception>
    public GELU(string approximate = "none")
    {
        Torch.GeluApproximate(approximate);
        Approximate = approximate;
    }

    /// <summary><c>"none"</c> or <c>"tanh"</c>.</summary>
    public string Approximate { get; }

    /// <summary>Applies <see cref="F.Gelu"/>.</summary>
    /// <param name="input">A floating-point tensor.</param>
    public override Tensor Forward(Tensor input) => F.Gelu(input, Approximate);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"approximate='{Approximate}'";
}
