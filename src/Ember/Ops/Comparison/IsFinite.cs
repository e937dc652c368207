namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Whether each element is finite (neither NaN nor ±∞), as a bool tensor of the input's shape (PyTorch's <c>torch.isfinite</c>); true for integer and bool tensors. Not
    /// differentiable.
    /// </summary>
    /// <param name="input">The tensor (any dtype).</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor IsFinite(Tensor input) => FloatClass.Test(input, FloatClassKind.Finite);
}

public partial class Tensor
{
    /// <summary>Whether each element is finite (neither NaN nor ±∞), as a bool tensor (see <see cref="Torch.IsFinite"/>).</summary>
    public Tensor IsFinite() => Torch.IsFinite(this);
}
