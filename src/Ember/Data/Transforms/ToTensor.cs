namespace Ember.Data.Transforms;

/// <summary>
/// Converts an 8-bit <see cref="Image"/> (H × W × C bytes) to a float32 tensor [C, H, W] with values
/// pixel / 255 in [0, 1] (torchvision's <c>ToTensor</c>).
/// </summary>
public sealed class ToTensor : Transform<Image, Tensor>
{
    /// <summary>Converts <paramref name="input"/>.</summary>
    /// <param name="input">The image (validated).</param>
    /// <returns>float32 [Channels, Height, Width] in [0, 1].</returns>
    /// <exception cref="ArgumentException">The image's dimensions or buffer are invalid.</exception>
    public override Tensor Forward(Image input)
    {
        input.Validate();
        int c = input.Channels, h = input.Height, w = input.Width, hw = h * w;
        var t = Tensor.Empty([c, h, w], DType.Float32);
        var dst = t.ContiguousSpan<float>();
        var src = input.Pixels;
        for (int ch = 0; ch < c; ch++)
        {
            var plane = dst.Slice(ch * hw, hw);
            for (int i = 0, k = ch; i < hw; i++, k += c) plane[i] = src[k] / 255f;
        }
        GC.KeepAlive(t);
        return t;
    }

    /// <summary>torchvision's representation, <c>ToTensor()</c>.</summary>
    public override string ToString() => "ToTensor()";
}
