namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Whether each element is +∞, as a bool tensor of the input's shape (PyTorch's <c>torch.isposinf</c>); false for integer and bool tensors. Not
    /// differentiable.
    /// </summary>
    /// <param name="input">The tensor (any dtype).</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor IsPosInf(Tensor input) => FloatClass.Test(input, FloatClassKind.PosInf);
}

public partial class Tensor
{
    /// <summary>Whether each element is +∞, as a bool tensor (see <see cref="Torch.IsPosInf"/>).</summary>
    public Tensor IsPosInf() => Torch.IsPosInf(this);
}
