using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Whether every pair of elements is close (PyTorch's <c>torch.allclose</c>): <see cref="Isclose"/> holds
    /// everywhere, the shapes broadcasting.
    /// </summary>
    /// <param name="input">The first tensor.</param>
    /// <param name="other">The second tensor, of the same dtype.</param>
    /// <param name="rtol">The relative tolerance (default 1e-5); non-negative.</param>
    /// <param name="atol">The absolute tolerance (default 1e-8); non-negative.</param>
    /// <param name="equalNan">Whether two NaNs are close (default false).</param>
    /// <exception cref="ArgumentException">The dtypes differ, a tolerance is negative, or the shapes do not broadcast.</exception>
    public static bool Allclose(Tensor input, Tensor other, double rtol = 1e-5, double atol = 1e-8, bool equalNan = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(other);
        return Map.AllTrue(Closeness.Isclose(input, other, rtol, atol, equalNan, "allclose"));
    }
}

public partial class Tensor
{
    /// <summary>Whether every element is close to <paramref name="other"/>'s (see <see cref="Torch.Allclose"/>).</summary>
    /// <param name="other">The other tensor, of the same dtype.</param>
    /// <param name="rtol">The relative tolerance (default 1e-5).</param>
    /// <param name="atol">The absolute tolerance (default 1e-8).</param>
    /// <param name="equalNan">Whether two NaNs are close (default false).</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public bool Allclose(Tensor other, double rtol = 1e-5, double atol = 1e-8, bool equalNan = false) =>
        Torch.Allclose(this, other, rtol, atol, equalNan);
}
