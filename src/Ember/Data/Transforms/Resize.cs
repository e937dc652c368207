namespace Ember.Data.Transforms;

/// <summary>
/// Resizes an image [..., H, W] with bilinear interpolation (torchvision's <c>Resize</c> on tensors with
/// <c>antialias=False</c>, i.e. <c>F.interpolate(mode='bilinear', align_corners=False)</c>). With one size the
/// shorter side becomes that size and the longer side keeps the aspect ratio (truncated:
/// <c>long = (int)(size · long / short)</c>); with a (height, width) pair, the output is exactly that. Downscaling by
/// large factors aliases, as torchvision's tensor path without antialias does. Any dtype, as torchvision 0.14: computed in
/// float64 for float64 images and in float32 otherwise, then converted back, integer images (uint8) rounded half to even.
/// </summary>
public sealed class Resize : Transform
{
    /// <summary>Resizes so that the shorter side is <paramref name="size"/>.</summary>
    /// <param name="size">The shorter side's new length; positive.</param>
    /// <param name="maxSize">If the longer side would exceed this, it becomes this and the shorter side shrinks proportionally (default null: no limit); must exceed <paramref name="size"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="size"/> is not positive, or <paramref name="maxSize"/> ≤ <paramref name="size"/>.</exception>
    public Resize(int size, int? maxSize = null)
    {
        if (size <= 0) throw new ArgumentException($"Resize: size must be positive, got {size}", nameof(size));
        if (maxSize is int m && m <= size)
            throw new ArgumentException($"Resize: max_size = {m} must be strictly greater than the requested size for the smaller edge size = {size}", nameof(maxSize));
        Size = size;
        MaxSize = maxSize;
    }

    /// <summary>Resizes to exactly <c>size.Height</c> × <c>size.Width</c> (torchvision's <c>size=(h, w)</c>).</summary>
    /// <param name="size">Output (height, width); both positive.</param>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public Resize((int Height, int Width) size)
    {
        if (size.Height <= 0 || size.Width <= 0) throw new ArgumentException($"Resize: size must be positive, got ({size.Height}, {size.Width})", nameof(size));
        Height = size.Height;
        Width = size.Width;
    }

    /// <summary>The shorter side's target, when built with one size.</summary>
    public int? Size { get; }

    /// <summary>The longer side's limit, when built with one size.</summary>
    public int? MaxSize { get; }

    /// <summary>The output height, when built with two sizes.</summary>
    public int? Height { get; }

    /// <summary>The output width, when built with two sizes.</summary>
    public int? Width { get; }

    /// <summary>The output (height, width) for an input of <paramref name="height"/> × <paramref name="width"/> (torchvision's rule).</summary>
    /// <param name="height">Input height; positive.</param>
    /// <param name="width">Input width; positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="height"/> or <paramref name="width"/> is not positive.</exception>
    /// <exception cref="ArgumentException">The longer side would be longer than <see cref="int.MaxValue"/>.</exception>
    public (int Height, int Width) OutputSize(int height, int width)
    {
        if (height < 1 || width < 1)
            throw new ArgumentOutOfRangeException(height < 1 ? nameof(height) : nameof(width), height < 1 ? height : width,
                $"Resize: the input image must be at least 1x1, got {height}x{width}");
        if (Size is not int size) return (Height!.Value, Width!.Value);
        bool wide = width > height;
        int shortSide = wide ? height : width, longSide = wide ? width : height;
        long longLength = (long)size * longSide / shortSide;
        if (longLength > int.MaxValue)
            throw new ArgumentException($"Resize: resizing a {height}x{width} image so that its shorter side is {size} makes the longer side {longLength} pixels, more than {int.MaxValue}");
        int newShort = size, newLong = (int)longLength;
        if (MaxSize is int m && newLong > m)
        {
            newShort = (int)((long)m * newShort / newLong);
            newLong = m;
        }
        return wide ? (newShort, newLong) : (newLong, newShort);
    }

    /// <summary>Resizes <paramref name="input"/>.</summary>
    /// <param name="input">An image [..., H, W] of any dtype with H, W ≥ 1.</param>
    /// <returns>A new tensor [..., H', W'] of the same dtype.</returns>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions, is empty, or the output would have more elements than
    /// a tensor holds.</exception>
    public override Tensor Forward(Tensor input)
    {
        var (_, h, w) = ImageChecks.Check(input, "Resize");
        if (h == 0 || w == 0) throw new ArgumentException($"Resize: cannot resize an empty image {input.Describe()}", nameof(input));
        var (oh, ow) = OutputSize(h, w);
        return Kernels.ImageKernels.ResizeBilinear(input, oh, ow, "Resize");
    }

    /// <summary>torchvision's representation.</summary>
    public override string ToString() =>
        $"Resize(size={(Size is int s ? s.ToString() : $"({Height}, {Width})")}, interpolation=bilinear, max_size={(MaxSize?.ToString() ?? "None")}, antialias=False)";
}
