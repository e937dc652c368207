namespace Ember.NN;

/// <summary>Applies the logistic sigmoid 1/(1 + e^−x) elementwise (PyTorch's <c>nn.Sigmoid</c>). Input and output: any shape.</summary>
public sealed class Sigmoid : Module<Tensor, Tensor>
{
    /// <summary>Applies <see cref="F.Sigmoid"/>.</summary>
    /// <param name="input">The tensor.</param>
    public override Tensor Forward(Tensor input) => F.Sigmoid(input);
}
