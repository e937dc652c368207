using System.Globalization;

namespace Ember.Data.Transforms;

/// <summary>
/// Rotates an image [..., H, W] about its center by a random angle drawn uniformly from
/// [<see cref="MinDegrees"/>, <see cref="MaxDegrees"/>] (torchvision's <c>RandomRotation</c> with nearest
/// interpolation, <c>expand=False</c>): positive angles turn the picture counter-clockwise; pixels whose
/// source falls outside the image become <see cref="Fill"/>. The output keeps the input's shape and dtype (any dtype; the fill is
/// converted as torchvision's tensor path does: in float32, or float64 for float64 images, rounded half to even for integer images,
/// then with PyTorch's conversion, so -1 becomes 255 in a uint8 image).
/// </summary>
public sealed class RandomRotation : RandomTransform
{
    /// <summary>Angles in [-<paramref name="degrees"/>, <paramref name="degrees"/>].</summary>
    /// <param name="degrees">The largest rotation in degrees; non-negative.</param>
    /// <param name="fill">Value for pixels with no source (default 0).</param>
    /// <param name="generator">Used outside a loader (default: the thread's <see cref="Generator.Default"/>); see <see cref="RandomTransform"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="degrees"/> is negative or not finite.</exception>
    public RandomRotation(double degrees, double fill = 0, Generator? generator = null)
        : this((-CheckDegrees(degrees), degrees), fill, generator) { }

    /// <summary>Angles in [<c>degrees.Min</c>, <c>degrees.Max</c>] (torchvision's <c>degrees=(min, max)</c>).</summary>
    /// <param name="degrees">The range of angles in degrees; Min ≤ Max.</param>
    /// <param name="fill">Value for pixels with no source (default 0).</param>
    /// <param name="generator">Used outside a loader (default: the thread's <see cref="Generator.Default"/>); see <see cref="RandomTransform"/>.</param>
    /// <exception cref="ArgumentException">The range is decreasing or not finite.</exception>
    public RandomRotation((double Min, double Max) degrees, double fill = 0, Generator? generator = null) : base(generator)
    {
        if (!double.IsFinite(degrees.Min) || !double.IsFinite(degrees.Max) || degrees.Min > degrees.Max)
            throw new ArgumentException($"RandomRotation: degrees should be a finite range (min, max) with min <= max, got ({degrees.Min}, {degrees.Max})", nameof(degrees));
        MinDegrees = degrees.Min;
        MaxDegrees = degrees.Max;
        Fill = fill;
    }

    /// <summary>The smallest angle, in degrees.</summary>
    public double MinDegrees { get; }

    /// <summary>The largest angle, in degrees.</summary>
    public double MaxDegrees { get; }

    /// <summary>The value of pixels with no source.</summary>
    public double Fill { get; }

    /// <summary>Rotates <paramref name="input"/> by a random angle.</summary>
    /// <param name="input">An image [..., H, W] of any dtype.</param>
    /// <returns>A new tensor of the same shape and dtype.</returns>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public override Tensor Forward(Tensor input)
    {
        ImageChecks.Check(input, "RandomRotation");
        double angle = Uniform(Random, MinDegrees, MaxDegrees);
        return Rotate(input, angle, Fill);
    }

    /// <summary>
    /// Rotates by <paramref name="angle"/> degrees counter-clockwise about the center, nearest neighbour
    /// (torchvision's <c>F.rotate</c> on tensors): output pixel (i, j) at centered coordinates
    /// x = j - (W-1)/2, y = i - (H-1)/2 reads source column cos·x - sin·y + (W-1)/2 and row sin·x + cos·y + (H-1)/2,
    /// rounded half to even — computed with torchvision's grid arithmetic (float32, or float64 for a float64 image), so that
    /// sources exactly between two pixels go the same way.
    /// </summary>
    /// <param name="input">An image [..., H, W] of any dtype.</param>
    /// <param name="angle">The angle in degrees.</param>
    /// <param name="fill">Value for pixels with no source (default 0), converted to the dtype as the class remarks say.</param>
    /// <returns>A new tensor of the same shape and dtype.</returns>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions, or the angle is NaN or infinite.</exception>
    public static Tensor Rotate(Tensor input, double angle, double fill = 0)
    {
        ImageChecks.Check(input, "rotate");
        if (!double.IsFinite(angle))
            throw new ArgumentException($"rotate: angle must be finite, got {angle}", nameof(angle));
        return Kernels.ImageKernels.RotateNearest(input, angle, fill, "rotate");
    }

    private static double CheckDegrees(double degrees)
    {
        if (!(degrees >= 0) || !double.IsFinite(degrees))
            throw new ArgumentException($"RandomRotation: If degrees is a single number, it must be positive, got {degrees}", nameof(degrees));
        return degrees;
    }

    /// <summary>torchvision's representation.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"RandomRotation(degrees=[{MinDegrees}, {MaxDegrees}], interpolation=nearest, expand=False, fill={Fill})");
}
