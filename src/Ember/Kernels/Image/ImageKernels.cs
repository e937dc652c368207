namespace Ember.Kernels;

/// <summary>
/// Pixel kernels behind the image transforms (<c>Ember.Data.Transforms</c>) and the image datasets. An image
/// [..., H, W] is viewed as planes [P, H, W]; each entry dispatches on the dtype once (<see cref="Dispatch.Any{TF, TResult}"/>)
/// and either handles every dtype or raises <see cref="Dispatch.Unsupported"/> naming the op and the dtype.
/// The arithmetic kernels follow torchvision 0.14's tensor path: computed in float64 for float64 images and in
/// float32 otherwise, integer results rounded half to even, and the result converted back with PyTorch's rules
/// (<see cref="Convert"/>).
/// </summary>
internal static partial class ImageKernels
{
    /// <summary>The number of planes, H and W of an image [..., H, W] (at least 2-D).</summary>
    public static (int Planes, int Height, int Width) Planes(Tensor image)
    {
        int h = image.Size(-2), w = image.Size(-1);
        long hw = (long)h * w; // an empty image [0, H, W] may have H·W > int.MaxValue
        return (hw == 0 ? 0 : (int)(image.Numel / hw), h, w);
    }

    /// <summary>
    /// An uninitialized tensor of <paramref name="dtype"/> with <paramref name="image"/>'s leading dims and the given H, W;
    /// an output too large for a tensor is an <see cref="ArgumentException"/> naming <paramref name="op"/> (a crop or
    /// resize size of 50,000 must not reach the allocator).
    /// </summary>
    public static Tensor Like(Tensor image, int height, int width, DType dtype, string op)
    {
        var shape = image.ShapeArray.ToArray();
        shape[^2] = height;
        shape[^1] = width;
        Tensor.NumelOf(shape, op);
        return Tensor.Empty(shape, dtype);
    }

    /// <summary>Whether <typeparamref name="T"/> stores an integer dtype (int64, int32, uint8; not bool).</summary>
    private static bool IsInteger<T>() => typeof(T) == typeof(long) || typeof(T) == typeof(int) || typeof(T) == typeof(byte);

    /// <summary>Whether <typeparamref name="T"/> stores a floating-point dtype.</summary>
    private static bool IsFloat<T>() =>
        typeof(T) == typeof(float) || typeof(T) == typeof(double) || typeof(T) == typeof(Half) || typeof(T) == typeof(BFloat16);
}
