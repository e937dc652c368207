namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Whether each element is −∞, as a bool tensor of the input's shape (PyTorch's <c>torch.isneginf</c>); false for integer and bool tensors. Not
    /// differentiable.
    /// </summary>
    /// <param name="input">The tensor (any dtype).</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor IsNegInf(Tensor input) => FloatClass.Test(input, FloatClassKind.NegInf);
}

public partial class Tensor
{
    /// <summary>Whether each element is −∞, as a bool tensor (see <see cref="Torch.IsNegInf"/>).</summary>
    public Tensor IsNegInf() => Torch.IsNegInf(this);
}
