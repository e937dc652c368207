namespace Ember.NN;

/// <summary>
/// Applies softmax along <see cref="Dim"/> (PyTorch's <c>nn.Softmax</c>): the slices along that dimension become
/// probability distributions. Input and output: any shape.
/// </summary>
/// <param name="dim">The dimension to normalize over (negative counts from the end).</param>
public sealed class Softmax(int dim) : Module<Tensor, Tensor>
{
    /// <summary>The dimension normalized over.</summary>
    public int Dim { get; } = dim;

    /// <summary>Applies <see cref="F.Softmax"/>.</summary>
    /// <param name="input">A floating-point tensor.</param>
    public override Tensor Forward(Tensor input) => F.Softmax(input, Dim);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"dim={Dim}";
}
