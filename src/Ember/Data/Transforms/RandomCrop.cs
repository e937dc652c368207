namespace Ember.Data.Transforms;

/// <summary>
/// Crops a random window of an image [..., H, W] (torchvision's <c>RandomCrop</c>, constant padding):
/// the image is first padded by <see cref="Padding"/> on every side (and, with <see cref="PadIfNeeded"/>,
/// by the shortfall on both sides of a dimension smaller than the crop), then the window's top-left
/// corner is drawn uniformly: top in [0, H' - h], left in [0, W' - w]. Any dtype: the fill is converted to it as PyTorch's
/// constant padding does (truncated; a value out of the dtype's range is an error whenever padding is added).
/// </summary>
public sealed class RandomCrop : RandomTransform
{
    /// <summary>A square random crop.</summary>
    /// <param name="size">Side of the output; positive.</param>
    /// <param name="padding">Pixels of <paramref name="fill"/> added on each side first (default 0); non-negative.</param>
    /// <param name="padIfNeeded">Pad a dimension smaller than the crop instead of failing (default false).</param>
    /// <param name="fill">The padding value (default 0).</param>
    /// <param name="generator">Used outside a loader (default: the thread's <see cref="Generator.Default"/>); see <see cref="RandomTransform"/>.</param>
    /// <exception cref="ArgumentException">The size is not positive or the padding negative.</exception>
    public RandomCrop(int size, int padding = 0, bool padIfNeeded = false, double fill = 0, Generator? generator = null)
        : this((size, size), padding, padIfNeeded, fill, generator) { }

    /// <summary>A <c>size.Height</c> × <c>size.Width</c> random crop (torchvision's <c>size=(h, w)</c>).</summary>
    /// <param name="size">Output (height, width); both positive.</param>
    /// <param name="padding">Pixels of <paramref name="fill"/> added on each side first (default 0); non-negative.</param>
    /// <param name="padIfNeeded">Pad a dimension smaller than the crop instead of failing (default false).</param>
    /// <param name="fill">The padding value (default 0).</param>
    /// <param name="generator">Used outside a loader (default: the thread's <see cref="Generator.Default"/>); see <see cref="RandomTransform"/>.</param>
    /// <exception cref="ArgumentException">A size is not positive or the padding negative.</exception>
    public RandomCrop((int Height, int Width) size, int padding = 0, bool padIfNeeded = false, double fill = 0, Generator? generator = null)
        : base(generator)
    {
        if (size.Height <= 0 || size.Width <= 0) throw new ArgumentException($"RandomCrop: size must be positive, got ({size.Height}, {size.Width})", nameof(size));
        if (padding < 0) throw new ArgumentException($"RandomCrop: padding must be non-negative, got {padding}", nameof(padding));
        Height = size.Height;
        Width = size.Width;
        Padding = padding;
        PadIfNeeded = padIfNeeded;
        Fill = fill;
    }

    /// <summary>Output height.</summary>
    public int Height { get; }

    /// <summary>Output width.</summary>
    public int Width { get; }

    /// <summary>Padding added on every side before cropping.</summary>
    public int Padding { get; }

    /// <summary>Whether a dimension smaller than the crop is padded instead of failing.</summary>
    public bool PadIfNeeded { get; }

    /// <summary>The padding value.</summary>
    public double Fill { get; }

    /// <summary>Crops a random window of <paramref name="input"/>.</summary>
    /// <param name="input">An image [..., H, W] of any dtype.</param>
    /// <returns>A new tensor [..., Height, Width] of the same dtype.</returns>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions, the (padded) image is smaller than the crop, or the
    /// output would have more elements than a tensor holds.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Padding is added and <see cref="Fill"/> does not fit the image's dtype (e.g. -1 for uint8).</exception>
    public override Tensor Forward(Tensor input)
    {
        var (_, h, w) = ImageChecks.Check(input, "RandomCrop");
        // Padded extent, in long (h + 2 · padding passes int.MaxValue for a large padding): the window's coordinates below
        // are in the padded image, then shifted back.
        long padTop = Padding, padLeft = Padding;
        long ph = h + 2L * Padding, pw = w + 2L * Padding;
        if (PadIfNeeded && pw < Width) { padLeft += Width - pw; pw += 2 * (Width - pw); }
        if (PadIfNeeded && ph < Height) { padTop += Height - ph; ph += 2 * (Height - ph); }
        if (ph < Height || pw < Width)
            throw new ArgumentException($"RandomCrop: Required crop size ({Height}, {Width}) is larger than input image size ({ph}, {pw})", nameof(input));
        if (padTop > 0 || padLeft > 0) Kernels.Convert.CheckFits(Fill, input.DType, "RandomCrop"); // torchvision pads first: F.pad(img, padding, fill)
        long top = 0, left = 0;
        if (ph != Height || pw != Width)
        {
            var g = Random;
            top = g.NextInt64(0, ph - Height + 1);
            left = g.NextInt64(0, pw - Width + 1);
        }
        // A window wholly outside the image is all fill wherever it is: clamping keeps the offsets in int range.
        int y = (int)Math.Clamp(top - padTop, -(long)Height, h), x = (int)Math.Clamp(left - padLeft, -(long)Width, w);
        return Kernels.ImageKernels.Crop(input, y, x, Height, Width, Fill, "RandomCrop");
    }

    /// <summary>torchvision's representation.</summary>
    public override string ToString() => $"RandomCrop(size=({Height}, {Width}), padding={Padding})";
}
