namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Whether each element is NaN, as a bool tensor of the input's shape (PyTorch's <c>torch.isnan</c>); false for integer and bool tensors. Not
    /// differentiable.
    /// </summary>
    /// <param name="input">The tensor (any dtype).</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor IsNan(Tensor input) => FloatClass.Test(input, FloatClassKind.NaN);
}

public partial class Tensor
{
    /// <summary>Whether each element is NaN, as a bool tensor (see <see cref="Torch.IsNan"/>).</summary>
    public Tensor IsNan() => Torch.IsNan(this);
}
