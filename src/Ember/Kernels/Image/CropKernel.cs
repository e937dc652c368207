namespace Ember.Kernels;

internal static partial class ImageKernels
{
    /// <summary>
    /// Copies the window rows [top, top+height) × cols [left, left+width) of every plane of <paramref name="image"/>
    /// (any dtype) into a new image; positions outside the source are <paramref name="fill"/> converted to the dtype
    /// (torchvision's crop, which pads with 0 where the window leaves the image, and constant padding, whose fill
    /// PyTorch converts by truncation). The caller checks that the fill fits the dtype.
    /// </summary>
    public static Tensor Crop(Tensor image, int top, int left, int height, int width, double fill, string op)
    {
        var (planes, h, w) = Planes(image);
        var dst = Like(image, height, width, image.DType, op);
        if (planes == 0) return dst;
        var f = new CropFunc(image.Contiguous(), dst, planes, h, w, top, left, fill);
        Dispatch.Any<CropFunc, bool>(image.DType, ref f);
        return dst;
    }

    private readonly struct CropFunc(Tensor src, Tensor dst, int planes, int h, int w, int top, int left, double fill) : IElementFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged
        {
            T value = Convert.FromDouble<T>(fill);
            var s = src.ContiguousSpan<T>();
            var d = dst.ContiguousSpan<T>();
            int height = dst.Size(-2), width = dst.Size(-1);
            // Source columns [c0, c1) land in destination columns [c0 - left, c1 - left).
            int c0 = Math.Clamp(left, 0, w), c1 = (int)Math.Clamp((long)left + width, 0, w);
            for (int p = 0; p < planes; p++)
                for (int r = 0; r < height; r++)
                {
                    var row = d.Slice((p * height + r) * width, width);
                    long sr = (long)top + r;
                    if (sr < 0 || sr >= h || c1 <= c0)
                    {
                        row.Fill(value);
                        continue;
                    }
                    row[..(c0 - left)].Fill(value);
                    s.Slice((p * h + (int)sr) * w + c0, c1 - c0).CopyTo(row.Slice(c0 - left));
                    row[(c1 - left)..].Fill(value);
                }
            GC.KeepAlive(src);
            GC.KeepAlive(dst);
            return true;
        }
    }

    /// <summary>Mirrors every plane of <paramref name="image"/> (any dtype) left-right (<paramref name="horizontal"/>) or top-bottom.</summary>
    public static Tensor Flip(Tensor image, bool horizontal, string op)
    {
        var (planes, h, w) = Planes(image);
        var dst = Like(image, h, w, image.DType, op);
        if (planes == 0) return dst;
        var f = new FlipFunc(image.Contiguous(), dst, planes, h, w, horizontal);
        Dispatch.Any<FlipFunc, bool>(image.DType, ref f);
        return dst;
    }

    private readonly struct FlipFunc(Tensor src, Tensor dst, int planes, int h, int w, bool horizontal) : IElementFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged
        {
            var s = src.ContiguousSpan<T>();
            var d = dst.ContiguousSpan<T>();
            for (int p = 0; p < planes; p++)
                for (int r = 0; r < h; r++)
                {
                    var outRow = d.Slice((p * h + r) * w, w);
                    if (horizontal)
                    {
                        s.Slice((p * h + r) * w, w).CopyTo(outRow);
                        outRow.Reverse();
                    }
                    else s.Slice((p * h + (h - 1 - r)) * w, w).CopyTo(outRow);
                }
            GC.KeepAlive(src);
            GC.KeepAlive(dst);
            return true;
        }
    }
}
