namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Whether each element is +∞ or −∞, as a bool tensor of the input's shape (PyTorch's <c>torch.isinf</c>); false for integer and bool tensors. Not
    /// differentiable.
    /// </summary>
    /// <param name="input">The tensor (any dtype).</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor IsInf(Tensor input) => FloatClass.Test(input, FloatClassKind.Inf);
}

public partial class Tensor
{
    /// <summary>Whether each element is +∞ or −∞, as a bool tensor (see <see cref="Torch.IsInf"/>).</summary>
    public Tensor IsInf() => Torch.IsInf(this);
}
