namespace Ember.NN;

/// <summary>Applies log-softmax along <see cref="Dim"/> (PyTorch's <c>nn.LogSoftmax</c>). Input and output: any shape.</summary>
/// <param name="dim">The dimension to normalize over (negative counts from the end).</param>
public sealed class LogSoftmax(int dim) : Module<Tensor, Tensor>
{
    /// <summary>The dimension normalized over.</summary>
    public int Dim { get; } = dim;

    /// <summary>Applies <see cref="F.LogSoftmax"/>.</summary>
    /// <param name="input">A floating-point tensor.</param>
    public override Tensor Forward(Tensor input) => F.LogSoftmax(input, Dim);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"dim={Dim}";
}
