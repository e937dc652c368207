using System.Globalization;

namespace Ember.Data.Transforms;

/// <summary>Mirrors an image [..., H, W] left-right with probability <see cref="P"/> (torchvision's <c>RandomHorizontalFlip</c>); otherwise returns the input itself.</summary>
public sealed class RandomHorizontalFlip : RandomTransform
{
    /// <summary>Creates the transform.</summary>
    /// <param name="p">Probability of flipping (default 0.5), in [0, 1].</param>
    /// <param name="generator">Used outside a loader (default: the thread's <see cref="Generator.Default"/>); see <see cref="RandomTransform"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="p"/> is outside [0, 1].</exception>
    public RandomHorizontalFlip(double p = 0.5, Generator? generator = null) : base(generator)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentException($"RandomHorizontalFlip: p should be a probability in [0, 1], got {p}", nameof(p));
        P = p;
    }

    /// <summary>The probability of flipping.</summary>
    public double P { get; }

    /// <summary>Flips <paramref name="input"/> with probability <see cref="P"/> (one uniform draw per call).</summary>
    /// <param name="input">An image [..., H, W] of any dtype.</param>
    /// <returns>A new mirrored tensor, or <paramref name="input"/> unchanged.</returns>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public override Tensor Forward(Tensor input)
    {
        ImageChecks.Check(input, "RandomHorizontalFlip");
        return Random.NextDouble() < P ? Kernels.ImageKernels.Flip(input, horizontal: true, "hflip") : input;
    }

    /// <summary>torchvision's representation.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"RandomHorizontalFlip(p={P})");
}
