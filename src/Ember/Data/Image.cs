namespace Ember.Data;

/// <summary>
/// A decoded 8-bit image in height × width × channels (HWC) order, as image files store it
/// (torchvision's PIL image). <c>Transforms.ToTensor</c> turns it into a float [C, H, W] tensor in [0, 1].
/// </summary>
/// <param name="Pixels">The bytes, row-major HWC; length Height·Width·Channels.</param>
/// <param name="Height">Rows.</param>
/// <param name="Width">Columns.</param>
/// <param name="Channels">1 (gray), 3 (RGB) or 4 (RGBA).</param>
public readonly record struct Image(byte[] Pixels, int Height, int Width, int Channels)
{
    /// <summary>Checks that the pixel buffer matches the dimensions.</summary>
    /// <exception cref="ArgumentException">A dimension is not positive, or the buffer is null or its length is not
    /// Height·Width·Channels (computed without overflow).</exception>
    public void Validate()
    {
        if (Height <= 0 || Width <= 0 || Channels is not (1 or 3 or 4))
            throw new ArgumentException($"image: invalid dimensions {Height}x{Width}x{Channels} (height and width must be positive, channels 1, 3 or 4)");
        long expected = (long)Height * Width * Channels; // < 2^63: no wrap-around
        if (Pixels is null || Pixels.Length != expected)
            throw new ArgumentException($"image: expected {expected} bytes for {Height}x{Width}x{Channels}, got {(Pixels is null ? "null" : Pixels.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
    }
}
