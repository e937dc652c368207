namespace Ember.Data.Transforms;

/// <summary>The argument checks shared by the image transforms (the pixel work is in <c>Ember.Kernels.ImageKernels</c>).</summary>
internal static class ImageChecks
{
    /// <summary>Checks that <paramref name="image"/> is an image [..., H, W] of any dtype and returns (planes, H, W).</summary>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static (int Planes, int Height, int Width) Check(Tensor image, string op)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Dim < 2)
            throw new ArgumentException($"{op}: expected an image tensor [..., H, W] (e.g. [C, H, W]), got {image.Describe()}", nameof(image));
        return Kernels.ImageKernels.Planes(image);
    }
}
