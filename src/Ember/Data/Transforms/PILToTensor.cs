namespace Ember.Data.Transforms;

/// <summary>
/// Converts an 8-bit image to a uint8 tensor [C, H, W] without scaling (torchvision's <c>PILToTensor</c>): an
/// <see cref="Image"/> (H × W × C bytes), or a tensor [H, W, C] or [H, W] of any dtype (its values are kept), becomes a
/// [C, H, W] view (a 2-D image [1, H, W]), as torchvision's permuted result. Follow it with
/// <see cref="ConvertImageDtype"/> to get floats in [0, 1]; geometric transforms (crops, flips, <see cref="Resize"/>,
/// rotation) take the uint8 image directly.
/// </summary>
public sealed class PILToTensor : Transform
{
    /// <summary>Reorders <paramref name="input"/> to channels first.</summary>
    /// <param name="input">An image [H, W, C] or [H, W] (uint8 for a decoded image; any dtype is accepted).</param>
    /// <returns>A [C, H, W] view of <paramref name="input"/>.</returns>
    /// <exception cref="ArgumentException">The tensor is not 2-D or 3-D.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ToTensor.ChannelsFirst(input, "PILToTensor");
    }

    /// <summary>The image's bytes as uint8 [C, H, W].</summary>
    /// <param name="input">The image (validated).</param>
    /// <exception cref="ArgumentException">The image's dimensions or buffer are invalid.</exception>
    public Tensor Forward(Image input)
    {
        input.Validate();
        return Torch.FromArray(input.Pixels, input.Height, input.Width, input.Channels).Permute(2, 0, 1);
    }

    /// <summary>The transform as the first step of an <see cref="Image"/> pipeline.</summary>
    /// <param name="transform">The transform.</param>
    public static implicit operator Transform<Image, Tensor>(PILToTensor transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        return new ImageStep(transform.Forward, transform.ToString());
    }

    /// <summary>torchvision's representation, <c>PILToTensor()</c>.</summary>
    public override string ToString() => "PILToTensor()";
}
