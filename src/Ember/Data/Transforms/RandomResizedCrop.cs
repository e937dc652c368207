namespace Ember.Data.Transforms;

/// <summary>
/// Crops a random window of random area and aspect ratio and resizes it bilinearly to a fixed size
/// (torchvision's <c>RandomResizedCrop</c>, <c>antialias=False</c>): up to 10 tries draw an area fraction
/// uniformly from <see cref="Scale"/> and a log-uniform aspect ratio w/h from <see cref="Ratio"/>, and keep
/// the first window that fits (position uniform); otherwise the central crop with the ratio clamped to the
/// range. Input [..., H, W] of any dtype → output [..., height, width] of the same dtype (see <see cref="Resize"/> for the arithmetic).
/// </summary>
public sealed class RandomResizedCrop : RandomTransform
{
    /// <summary>A square output.</summary>
    /// <param name="size">Output side; positive.</param>
    /// <param name="scale">Range of the window's area as a fraction of the image's (default (0.08, 1.0)).</param>
    /// <param name="ratio">Range of the window's aspect ratio w/h (default (3/4, 4/3)).</param>
    /// <param name="generator">Used outside a loader (default: the thread's <see cref="Generator.Default"/>); see <see cref="RandomTransform"/>.</param>
    /// <exception cref="ArgumentException">A size is not positive, or a range is decreasing, not positive or not finite.</exception>
    public RandomResizedCrop(int size, (double Min, double Max)? scale = null, (double Min, double Max)? ratio = null, Generator? generator = null)
        : this((size, size), scale, ratio, generator) { }

    /// <summary>A <c>size.Height</c> × <c>size.Width</c> output (torchvision's <c>size=(h, w)</c>).</summary>
    /// <param name="size">Output (height, width); both positive.</param>
    /// <param name="scale">Range of the window's area as a fraction of the image's (default (0.08, 1.0)).</param>
    /// <param name="ratio">Range of the window's aspect ratio w/h (default (3/4, 4/3)).</param>
    /// <param name="generator">Used outside a loader (default: the thread's <see cref="Generator.Default"/>); see <see cref="RandomTransform"/>.</param>
    /// <exception cref="ArgumentException">A size is not positive, or a range is decreasing, not positive or not finite.</exception>
    public RandomResizedCrop((int Height, int Width) size, (double Min, double Max)? scale = null, (double Min, double Max)? ratio = null, Generator? generator = null)
        : base(generator)
    {
        if (size.Height <= 0 || size.Width <= 0) throw new ArgumentException($"RandomResizedCrop: size must be positive, got ({size.Height}, {size.Width})", nameof(size));
        var s = scale ?? (0.08, 1.0);
        var r = ratio ?? (3.0 / 4.0, 4.0 / 3.0);
        if (!(s.Min <= s.Max) || !(s.Min > 0) || !double.IsFinite(s.Max))
            throw new ArgumentException($"RandomResizedCrop: scale should be positive, finite and of kind (min, max), got ({s.Min}, {s.Max})", nameof(scale));
        if (!(r.Min <= r.Max) || !(r.Min > 0) || !double.IsFinite(r.Max))
            throw new ArgumentException($"RandomResizedCrop: ratio should be positive, finite and of kind (min, max), got ({r.Min}, {r.Max})", nameof(ratio));
        Height = size.Height;
        Width = size.Width;
        Scale = s;
        Ratio = r;
    }

    /// <summary>Output height.</summary>
    public int Height { get; }

    /// <summary>Output width.</summary>
    public int Width { get; }

    /// <summary>Range of the window's area fraction.</summary>
    public (double Min, double Max) Scale { get; }

    /// <summary>Range of the window's aspect ratio w/h.</summary>
    public (double Min, double Max) Ratio { get; }

    /// <summary>Draws a window (top, left, height, width) for an image of <paramref name="height"/> × <paramref name="width"/> (torchvision's <c>get_params</c>).</summary>
    /// <param name="height">Image height.</param>
    /// <param name="width">Image width.</param>
    /// <param name="generator">The generator to draw from.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="height"/> or <paramref name="width"/> is not positive.</exception>
    public (int Top, int Left, int Height, int Width) GetParams(int height, int width, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (height < 1 || width < 1)
            throw new ArgumentOutOfRangeException(height < 1 ? nameof(height) : nameof(width), height < 1 ? height : width,
                $"RandomResizedCrop.GetParams: the image must be at least 1x1, got {height}x{width}");
        double area = (double)height * width;
        double logMin = Math.Log(Ratio.Min), logMax = Math.Log(Ratio.Max);
        for (int attempt = 0; attempt < 10; attempt++)
        {
            double targetArea = area * Uniform(generator, Scale.Min, Scale.Max);
            double aspect = Math.Exp(Uniform(generator, logMin, logMax));
            int w = (int)Math.Round(Math.Sqrt(targetArea * aspect), MidpointRounding.ToEven);
            int h = (int)Math.Round(Math.Sqrt(targetArea / aspect), MidpointRounding.ToEven);
            if (0 < w && w <= width && 0 < h && h <= height)
            {
                int i = (int)generator.NextInt64(0, height - h + 1);
                int j = (int)generator.NextInt64(0, width - w + 1);
                return (i, j, h, w);
            }
        }
        // Fallback: a central crop with the ratio clamped to the range.
        double inRatio = (double)width / height;
        int cw, ch;
        if (inRatio < Ratio.Min) { cw = width; ch = (int)Math.Round(cw / Ratio.Min, MidpointRounding.ToEven); }
        else if (inRatio > Ratio.Max) { ch = height; cw = (int)Math.Round(ch * Ratio.Max, MidpointRounding.ToEven); }
        else { cw = width; ch = height; }
        return ((height - ch) / 2, (width - cw) / 2, ch, cw);
    }

    /// <summary>Crops a random window of <paramref name="input"/> and resizes it.</summary>
    /// <param name="input">A non-empty image [..., H, W] of any dtype.</param>
    /// <returns>A new tensor [..., Height, Width] of the same dtype.</returns>
    /// <exception cref="ArgumentException">The tensor is not a non-empty image of at least 2 dimensions, or the output would have more elements than a tensor holds.</exception>
    public override Tensor Forward(Tensor input)
    {
        var (_, h, w) = ImageChecks.Check(input, "RandomResizedCrop");
        if (h == 0 || w == 0) throw new ArgumentException($"RandomResizedCrop: cannot crop an empty image {input.Describe()}", nameof(input));
        var (top, left, ch, cw) = GetParams(h, w, Random);
        // The output size is checked before the crop is made.
        Kernels.ImageKernels.Like(input, Height, Width, input.DType, "RandomResizedCrop");
        return Kernels.ImageKernels.ResizeBilinear(Kernels.ImageKernels.Crop(input, top, left, ch, cw, 0, "RandomResizedCrop"), Height, Width, "RandomResizedCrop");
    }

    /// <summary>torchvision's representation.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"RandomResizedCrop(size=({Height}, {Width}), scale=({Scale.Min:0.####}, {Scale.Max:0.####}), ratio=({Ratio.Min:0.####}, {Ratio.Max:0.####}), interpolation=bilinear, antialias=False)");
}
