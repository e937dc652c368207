namespace Ember.NN;

/// <summary>
/// Applies x where x &gt; 0, else negativeSlope·x, elementwise (PyTorch's <c>nn.LeakyReLU</c>). Input and output: any shape.
/// </summary>
/// <param name="negativeSlope">The slope for x ≤ 0 (default 0.01).</param>
/// <param name="inplace">Overwrite the input instead of allocating the output (default false).</param>
public sealed class LeakyReLU(double negativeSlope = 0.01, bool inplace = false) : Module<Tensor, Tensor>
{
    /// <summary>The slope for x ≤ 0.</summary>
    public double NegativeSlope { get; } = negativeSlope;

    /// <summary>Whether the input is overwritten.</summary>
    public bool Inplace { get; } = inplace;

    /// <summary>Applies <see cref="F.LeakyRelu"/>.</summary>
    /// <param name="input">A floating-point tensor.</param>
    public override Tensor Forward(Tensor input) => F.LeakyRelu(input, NegativeSlope, Inplace);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"negative_slope={PyRepr.Float(NegativeSlope)}" + (Inplace ? ", inplace=True" : "");
}
