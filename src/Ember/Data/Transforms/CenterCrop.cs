namespace Ember.Data.Transforms;

/// <summary>
/// Crops the center of an image [..., H, W] (torchvision's <c>CenterCrop</c>): the window starts at
/// <c>round((H - h) / 2)</c>, <c>round((W - w) / 2)</c> (round half to even, as Python's <c>round</c>);
/// where the crop is larger than the image, the image is centered in zeros first. Any dtype (uint8 images stay uint8).
/// </summary>
public sealed class CenterCrop : Transform
{
    /// <summary>A square crop.</summary>
    /// <param name="size">Side of the output; positive.</param>
    /// <exception cref="ArgumentException"><paramref name="size"/> is not positive.</exception>
    public CenterCrop(int size) : this((size, size)) { }

    /// <summary>A <c>size.Height</c> × <c>size.Width</c> crop (torchvision's <c>size=(h, w)</c>).</summary>
    /// <param name="size">Output (height, width); both positive.</param>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public CenterCrop((int Height, int Width) size)
    {
        if (size.Height <= 0 || size.Width <= 0) throw new ArgumentException($"CenterCrop: size must be positive, got ({size.Height}, {size.Width})", nameof(size));
        Height = size.Height;
        Width = size.Width;
    }

    /// <summary>Output height.</summary>
    public int Height { get; }

    /// <summary>Output width.</summary>
    public int Width { get; }

    /// <summary>Crops <paramref name="input"/>.</summary>
    /// <param name="input">An image [..., H, W] of any dtype.</param>
    /// <returns>A new tensor [..., Height, Width] of the same dtype.</returns>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions, or the output would have more elements than a tensor holds.</exception>
    public override Tensor Forward(Tensor input)
    {
        var (_, h, w) = ImageChecks.Check(input, "CenterCrop");
        return Kernels.ImageKernels.Crop(input, Start(h, Height), Start(w, Width), Height, Width, 0, "CenterCrop");
    }

    /// <summary>The window's first index along a side of <paramref name="size"/> for a crop of <paramref name="crop"/> (negative: zero padding before).</summary>
    internal static int Start(int size, int crop) =>
        crop > size ? -(int)(((long)crop - size) / 2) : (int)Math.Round(((long)size - crop) / 2.0, MidpointRounding.ToEven);

    /// <summary>torchvision's representation.</summary>
    public override string ToString() => $"CenterCrop(size=({Height}, {Width}))";
}
