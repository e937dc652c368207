namespace Ember.Data.Formats;

/// <summary>
/// Reads and writes image files by content (PNG, PGM, PPM) and converts between channel counts
/// (<see cref="Transforms.ToTensor"/> turns the result into a tensor).
/// </summary>
public static class ImageFile
{
    /// <summary>The default of <see cref="MaxImagePixels"/>: 89,478,485 pixels, PIL's <c>Image.MAX_IMAGE_PIXELS</c>
    /// (<c>1024 · 1024 · 1024 / 4 / 3</c>, about a 9,459 × 9,459 image).</summary>
    public const long DefaultMaxImagePixels = 89_478_485;

    private static long _maxImagePixels = DefaultMaxImagePixels;

    /// <summary>
    /// The decompression-bomb guard of every image decoder (<see cref="Png"/>, <see cref="Pnm"/>, <see cref="Read"/>,
    /// and so <see cref="ImageFolder"/>): a file whose header declares more than this many pixels (width × height) is
    /// rejected with an <see cref="InvalidDataException"/> before anything large is allocated, as PIL's
    /// <c>Image.MAX_IMAGE_PIXELS</c> (PIL warns above the limit and fails above twice it; Ember fails above it).
    /// Default <see cref="DefaultMaxImagePixels"/>; null (or 0) disables the check. Process-wide; reads and writes
    /// are atomic, so set it once at startup.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is negative.</exception>
    public static long? MaxImagePixels
    {
        get => Volatile.Read(ref _maxImagePixels) is long v && v > 0 ? v : null;
        set
        {
            if (value < 0)
                throw new ArgumentOutOfRangeException(nameof(value), value, $"ImageFile.MaxImagePixels: the limit must be positive, or null (or 0) to disable it; got {value}");
            Volatile.Write(ref _maxImagePixels, value ?? 0);
        }
    }

    /// <summary>Rejects a declared image size above <see cref="MaxImagePixels"/> (sides up to 2^40 are exact in double).</summary>
    internal static void CheckPixels(string op, string name, long width, long height)
    {
        double pixels = (double)width * height;
        if (MaxImagePixels is long limit && pixels > limit)
            throw new InvalidDataException(
                $"{op}: {name}: the image is {width}x{height} = {pixels:F0} pixels, more than ImageFile.MaxImagePixels = {limit} " +
                "(a guard against decompression bombs, PIL's Image.MAX_IMAGE_PIXELS); if the file is trusted, raise the limit or set it to null");
    }

    /// <summary>Reads an image, choosing the decoder from the file's first bytes (PNG signature, or P2/P3/P5/P6), not its extension.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The decoded image (HWC bytes).</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The format is not recognized, the file is malformed or truncated, or it declares
    /// more than <see cref="MaxImagePixels"/> pixels (the message names the file and the problem).</exception>
    /// <exception cref="NotSupportedException">The file uses a feature the decoder does not support.</exception>
    public static Image Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = StreamReading.ReadAllBytes(path, "image");
        string name = Path.GetFileName(path);
        if (Png.IsPng(bytes)) return Png.Decode(bytes, name);
        if (bytes.Length >= 2 && bytes[0] == 'P' && bytes[1] is >= (byte)'1' and <= (byte)'7') return Pnm.Decode(bytes, name);
        throw new InvalidDataException($"image: {name}: unrecognized image format (supported: PNG, PGM P2/P5, PPM P3/P6)");
    }

    /// <summary>Writes an image in the format its extension names: <c>.png</c>, <c>.pgm</c> or <c>.ppm</c> (binary P5/P6).</summary>
    /// <param name="path">The file to create or overwrite.</param>
    /// <param name="image">The image; <c>.pgm</c> needs 1 channel and <c>.ppm</c> 3.</param>
    /// <exception cref="ArgumentException">The extension is not one of those, or the image does not fit the format.</exception>
    public static void Write(string path, Image image)
    {
        ArgumentNullException.ThrowIfNull(path);
        string ext = Path.GetExtension(path).ToLowerInvariant();
        switch (ext)
        {
            case ".png":
                Png.Write(path, image);
                break;
            case ".pgm" or ".ppm":
                int want = ext == ".pgm" ? 1 : 3;
                if (image.Channels != want)
                    throw new ArgumentException($"image: {Path.GetFileName(path)}: a {ext} file holds {want}-channel images, got {image.Channels} channels; convert with ImageFile.Convert first", nameof(image));
                Pnm.Write(path, image);
                break;
            default:
                throw new ArgumentException($"image: {Path.GetFileName(path)}: unknown extension '{ext}' (supported: .png, .pgm, .ppm)", nameof(path));
        }
    }

    /// <summary>
    /// Converts an image to another channel count as PIL's <c>convert</c> does: gray → RGB replicates,
    /// RGB → gray uses ITU-R 601-2 luma (<c>L = R·299/1000 + G·587/1000 + B·114/1000</c>, PIL's fixed-point
    /// rounding), adding alpha makes it 255, removing it drops it.
    /// </summary>
    /// <param name="image">The image.</param>
    /// <param name="channels">1 (gray), 3 (RGB) or 4 (RGBA).</param>
    /// <returns>The converted image (the same instance when the count already matches).</returns>
    /// <exception cref="ArgumentException">The image is invalid, <paramref name="channels"/> is not 1, 3 or 4, or the
    /// converted pixels would not fit in one array.</exception>
    public static Image Convert(Image image, int channels)
    {
        image.Validate();
        if (channels is not (1 or 3 or 4))
            throw new ArgumentException($"image: cannot convert to {channels} channels (use 1, 3 or 4)", nameof(channels));
        int c = image.Channels;
        if (c == channels) return image;
        int n = image.Height * image.Width; // Validate checked that n · c fits an array
        if ((long)n * channels > Array.MaxLength)
            throw new ArgumentException($"image: converting a {image.Height}x{image.Width} image to {channels} channels needs {(long)n * channels} bytes, more than one array can hold ({Array.MaxLength})", nameof(channels));
        var src = image.Pixels;
        var dst = new byte[n * channels];
        for (int i = 0; i < n; i++)
        {
            int s = i * c, d = i * channels;
            byte r = src[s], g = c == 1 ? r : src[s + 1], b = c == 1 ? r : src[s + 2];
            if (channels == 1)
                dst[d] = c == 1 ? r : (byte)((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);
            else
            {
                dst[d] = r; dst[d + 1] = g; dst[d + 2] = b;
                if (channels == 4) dst[d + 3] = c == 4 ? src[s + 3] : (byte)255;
            }
        }
        return new Image(dst, image.Height, image.Width, channels);
    }
}
