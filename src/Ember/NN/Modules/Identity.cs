namespace Ember.NN;

/// <summary>
/// A placeholder layer that returns its input unchanged (PyTorch's <c>nn.Identity</c>), e.g. to remove a layer
/// from a model without changing its structure.
/// </summary>
public sealed class Identity : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    public Identity() { }

    /// <summary>Returns <paramref name="input"/> itself (same object, any shape).</summary>
    /// <param name="input">The input.</param>
    /// <returns><paramref name="input"/>.</returns>
    public override Tensor Forward(Tensor input) => input;
}
