namespace Ember.NN;

/// <summary>
/// Applies the exponential linear unit x where x &gt; 0, else alpha·(eˣ − 1), elementwise (PyTorch's <c>nn.ELU</c>).
/// Input and output: any shape.
/// </summary>
/// <param name="alpha">The saturation value for negative inputs (default 1.0).</param>
/// <param name="inplace">Overwrite the input instead of allocating the output (default false).</param>
public sealed class ELU(double alpha = 1.0, bool inplace = false) : Module<Tensor, Tensor>
{
    /// <summary>The saturation value for negative inputs.</summary>
    public double Alpha { get; } = alpha;

    /// <summary>Whether the input is overwritten.</summary>
    public bool Inplace { get; } = inplace;

    /// <summary>Applies <see cref="F.Elu"/>.</summary>
    /// <param name="input">A floating-point tensor.</param>
    public override Tensor Forward(Tensor input) => F.Elu(input, Alpha, Inplace);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"alpha={PyRepr.Float(Alpha)}" + (Inplace ? ", inplace=True" : "");
}
