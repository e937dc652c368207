namespace Ember.NN;

/// <summary>Applies max(0, x) elementwise (PyTorch's <c>nn.ReLU</c>). Input and output: any shape.</summary>
/// <param name="inplace">Overwrite the input instead of allocating the output (default false).</param>
public sealed class ReLU(bool inplace = false) : Module<Tensor, Tensor>
{
    /// <summary>Whether the input is overwritten.</summary>
    public bool Inplace { get; } = inplace;

    /// <summary>Applies <see cref="F.Relu"/>.</summary>
    /// <param name="input">The tensor.</param>
    public override Tensor Forward(Tensor input) => F.Relu(input, Inplace);

    /// <inheritdoc/>
    protected override string ExtraRepr() => Inplace ? "inplace=True" : "";
}
