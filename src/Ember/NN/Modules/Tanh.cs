namespace Ember.NN;

/// <summary>Applies the hyperbolic tangent elementwise (PyTorch's <c>nn.Tanh</c>). Input and output: any shape.</summary>
public sealed class Tanh : Module<Tensor, Tensor>
{
    /// <summary>Applies <see cref="F.Tanh"/>.</summary>
    /// <param name="input">The tensor.</param>
    public override Tensor Forward(Tensor input) => F.Tanh(input);
}
