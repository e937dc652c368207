using System.Numerics.Tensors;

namespace Ember.Kernels;

internal static partial class ImageKernels
{
    /// <summary>
    /// A new tensor of <paramref name="shape"/> and floating-point <paramref name="dtype"/> holding
    /// <c>pixels[i] / 255</c> (torchvision's <c>ToTensor</c>: the byte converted to the dtype, then divided by 255 in
    /// it; float16/bfloat16 computed in float32 and rounded once). <paramref name="pixels"/> are already in the
    /// output's order and hold exactly its number of elements.
    /// </summary>
    /// <exception cref="NotSupportedException"><paramref name="dtype"/> is not floating point (the message names <paramref name="op"/>).</exception>
    public static Tensor UnitInterval(ReadOnlySpan<byte> pixels, int[] shape, DType dtype, string op)
    {
        var dst = Tensor.Empty(shape, dtype);
        System.Diagnostics.Debug.Assert(pixels.Length == dst.Numel);
        var f = new UnitIntervalFunc(pixels, dst, 0, 0, 0, op);
        Dispatch.Any<UnitIntervalFunc, bool>(dtype, ref f);
        return dst;
    }

    /// <summary>
    /// <see cref="UnitInterval(ReadOnlySpan{byte}, int[], DType, string)"/> of a uint8 tensor of any layout (e.g. an HWC image
    /// viewed as CHW): a new contiguous tensor of its shape.
    /// </summary>
    /// <exception cref="NotSupportedException"><paramref name="image"/> is not uint8, or <paramref name="dtype"/> is not floating point.</exception>
    public static Tensor UnitInterval(Tensor image, DType dtype, string op)
    {
        if (image.DType != DType.UInt8) throw Dispatch.Unsupported(op, image.DType);
        var c = image.Contiguous();
        var y = UnitInterval(c.ContiguousSpan<byte>(), c.ShapeArray.ToArray(), dtype, op);
        GC.KeepAlive(c);
        return y;
    }

    /// <summary>
    /// Like <see cref="UnitInterval(ReadOnlySpan{byte}, int[], DType, string)"/> for interleaved pixels: <paramref name="hwc"/> holds rows × columns × channels
    /// (an image file's order) and the result is [channels, rows, columns].
    /// </summary>
    /// <exception cref="NotSupportedException"><paramref name="dtype"/> is not floating point.</exception>
    public static Tensor UnitIntervalFromHwc(ReadOnlySpan<byte> hwc, int height, int width, int channels, DType dtype, string op)
    {
        var dst = Tensor.Empty([channels, height, width], dtype);
        System.Diagnostics.Debug.Assert(hwc.Length == dst.Numel);
        var f = new UnitIntervalFunc(hwc, dst, height, width, channels, op);
        Dispatch.Any<UnitIntervalFunc, bool>(dtype, ref f);
        return dst;
    }

    // channels == 0: the source is in the output's order; else it is HWC and the output CHW.
    private readonly ref struct UnitIntervalFunc(ReadOnlySpan<byte> src, Tensor dst, int h, int w, int channels, string op) : IElementFunc<bool>
    {
        private readonly ReadOnlySpan<byte> _src = src;

        public bool Invoke<T>() where T : unmanaged
        {
            if (!IsFloat<T>()) throw Dispatch.Unsupported(op, dst.DType);
            var d = dst.ContiguousSpan<T>();
            if (channels == 0)
            {
                if (typeof(T) == typeof(float))
                {
                    var df = System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(d);
                    TensorPrimitives.ConvertChecked<byte, float>(_src, df);
                    TensorPrimitives.Divide(df, 255f, df); // exactly pixel / 255f
                }
                else
                    for (int i = 0; i < d.Length; i++) d[i] = Scale<T>(_src[i]);
            }
            else
            {
                int hw = h * w;
                for (int ch = 0; ch < channels; ch++)
                {
                    var plane = d.Slice(ch * hw, hw);
                    for (int i = 0, k = ch; i < hw; i++, k += channels) plane[i] = Scale<T>(_src[k]);
                }
            }
            GC.KeepAlive(dst);
            return true;
        }

        // v / 255 in double for float64, else in float32 (exact for the byte; one rounding to a 16-bit float).
        private static T Scale<T>(byte v) where T : unmanaged =>
            typeof(T) == typeof(double) ? Convert.FromDouble<T>(v / 255.0) : Convert.Scalar<float, T>(v / 255f);
    }
}
