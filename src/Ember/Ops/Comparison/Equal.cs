using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Whether the two tensors have the same shape and the same elements (PyTorch's <c>torch.equal</c>): no
    /// broadcasting (other shapes give false), values compared after type promotion (so an int64 tensor can equal a
    /// float32 one), NaN equal to nothing, −0 equal to +0.
    /// </summary>
    /// <param name="input">The first tensor.</param>
    /// <param name="other">The second tensor.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static bool Equal(Tensor input, Tensor other)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(other);
        if (!input.ShapeArray.AsSpan().SequenceEqual(other.ShapeArray)) return false;
        using var _ = NoGrad();
        return Map.AllTrue(Eq(input.Detach(), other.Detach()));
    }
}

public partial class Tensor
{
    /// <summary>Whether <paramref name="other"/> has this shape and these elements (see <see cref="Torch.Equal"/>).</summary>
    /// <param name="other">The other tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public bool Equal(Tensor other) => Torch.Equal(this, other);
}
