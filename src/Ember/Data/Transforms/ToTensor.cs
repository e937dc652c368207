namespace Ember.Data.Transforms;

/// <summary>
/// Converts an 8-bit image to a floating-point tensor [C, H, W] with values pixel / 255 in [0, 1] (torchvision's
/// <c>ToTensor</c>), of the default float dtype (<see cref="Torch.GetDefaultDType"/>, float32 unless changed):
/// <list type="bullet">
/// <item>an <see cref="Image"/> (H × W × C bytes, torchvision's PIL image) or a uint8 tensor [H, W, C] or [H, W] (torchvision's
/// NumPy array: a 3-D array is read as H × W × C) becomes [C, H, W] (a 2-D image [1, H, W]);</item>
/// <item>a floating-point tensor is taken to be an image that is already converted and is returned unchanged: Ember's datasets
/// give such tensors, so a torchvision pipeline <c>new Compose(new ToTensor(), new Normalize(0.1307, 0.3081))</c> runs on
/// them as written (torchvision 0.14 itself raises a TypeError for any tensor);</item>
/// <item>any other dtype raises a <see cref="NotSupportedException"/>.</item>
/// </list>
/// </summary>
/// <example>
/// <code>
/// var mnist = Mnist.Load(root);
/// var x = new ToTensor().Forward(mnist.Data[0]);   // uint8 [28, 28] → float32 [1, 28, 28], equal to mnist[0].Input
/// </code>
/// </example>
public sealed class ToTensor : Transform
{
    /// <summary>Converts <paramref name="input"/>.</summary>
    /// <param name="input">A uint8 image [H, W, C] or [H, W], or a floating-point tensor (returned as it is).</param>
    /// <returns>The default float dtype [C, H, W] in [0, 1] for a uint8 image; <paramref name="input"/> itself for a floating-point one.</returns>
    /// <exception cref="ArgumentException">A uint8 tensor that is not 2-D or 3-D.</exception>
    /// <exception cref="NotSupportedException">The tensor is neither uint8 nor floating point (the message names the dtype).</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.DType.IsFloatingPoint()) return input;
        var chw = ChannelsFirst(input, "ToTensor");
        return Kernels.ImageKernels.UnitInterval(chw, Torch.GetDefaultDType(), "ToTensor");
    }

    /// <summary>Converts an 8-bit image (HWC bytes) to [C, H, W] of the default float dtype in [0, 1].</summary>
    /// <param name="input">The image (validated).</param>
    /// <returns>[Channels, Height, Width] with values pixel / 255.</returns>
    /// <exception cref="ArgumentException">The image's dimensions or buffer are invalid.</exception>
    public Tensor Forward(Image input)
    {
        input.Validate();
        return Kernels.ImageKernels.UnitIntervalFromHwc(input.Pixels, input.Height, input.Width, input.Channels, Torch.GetDefaultDType(), "ToTensor");
    }

    /// <summary>The transform as the first step of an <see cref="Image"/> pipeline: <c>new Compose&lt;Image&gt;(new ToTensor(), new Normalize(0.5, 0.5))</c>.</summary>
    /// <param name="transform">The transform.</param>
    public static implicit operator Transform<Image, Tensor>(ToTensor transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        return new ImageStep(transform.Forward, transform.ToString());
    }

    /// <summary>torchvision's representation, <c>ToTensor()</c>.</summary>
    public override string ToString() => "ToTensor()";

    /// <summary>
    /// A 2-D [H, W] or 3-D [H, W, C] image as a [C, H, W] view (torchvision's NumPy rule: a 2-D array gains a channel).
    /// </summary>
    internal static Tensor ChannelsFirst(Tensor image, string op)
    {
        if (image.Dim is not (2 or 3))
            throw new ArgumentException($"{op}: pic should be 2/3 dimensional (H x W or H x W x C). Got {image.Dim} dimensions ({image.Describe()})", nameof(image));
        return image.Dim == 2 ? image.Unsqueeze(0) : image.Permute(2, 0, 1);
    }
}

/// <summary>An <see cref="Image"/> → tensor step made from a tensor transform's image overload.</summary>
internal sealed class ImageStep(Func<Image, Tensor> forward, string name) : Transform<Image, Tensor>
{
    public override Tensor Forward(Image input) => forward(input);

    public override string ToString() => name;
}
