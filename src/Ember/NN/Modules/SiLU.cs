namespace Ember.NN;

/// <summary>Applies the sigmoid linear unit x·σ(x) elementwise (PyTorch's <c>nn.SiLU</c>). Input and output: any shape.</summary>
/// <param name="inplace">Overwrite the input instead of allocating the output (default false).</param>
public sealed class SiLU(bool inplace = false) : Module<Tensor, Tensor>
{
    /// <summary>Whether the input is overwritten.</summary>
    public bool Inplace { get; } = inplace;

    /// <summary>Applies <see cref="F.Silu"/>.</summary>
    /// <param name="input">A floating-point tensor.</param>
    public override Tensor Forward(Tensor input) => F.Silu(input, Inplace);

    /// <inheritdoc/>
    protected override string ExtraRepr() => Inplace ? "inplace=True" : "";
}
