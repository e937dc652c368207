namespace Ember.Data.Transforms;

/// <summary>Shared pixel kernels for the image transforms, over float32 or float64 [..., H, W] tensors viewed as planes [P, H, W].</summary>
internal static class ImageKernels
{
    /// <summary>Checks a [..., H, W] floating-point image and returns (planes, H, W).</summary>
    public static (int Planes, int Height, int Width) Check(Tensor image, string op)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Dim < 2)
            throw new ArgumentException($"{op}: expected an image tensor [..., H, W] (e.g. [C, H, W]), got {image.Describe()}", nameof(image));
        if (!image.DType.IsFloatingPoint())
            throw new ArgumentException($"{op}: expected a floating-point image (float32 or float64; use ToTensor for bytes), got {image.Describe()}", nameof(image));
        int h = image.Size(-2), w = image.Size(-1);
        long hw = (long)h * w; // an empty image [0, H, W] may have H·W > int.MaxValue
        return (hw == 0 ? 0 : (int)(image.Numel / hw), h, w);
    }

    /// <summary>
    /// An uninitialized tensor with <paramref name="image"/>'s leading dims, dtype, and the given H, W; an output too large
    /// for a tensor is an <see cref="ArgumentException"/> naming <paramref name="op"/> (a crop or resize size of 50,000
    /// must not reach the allocator).
    /// </summary>
    public static Tensor Like(Tensor image, int height, int width, string op)
    {
        var shape = image.ShapeArray.ToArray();
        shape[^2] = height;
        shape[^1] = width;
        Tensor.NumelOf(shape, op);
        return Tensor.Empty(shape, image.DType);
    }

    /// <summary>
    /// Copies the window rows [top, top+height) × cols [left, left+width) of <paramref name="image"/> into a new
    /// image; positions outside the source are <paramref name="fill"/> (torchvision's crop, which pads with 0
    /// when the window leaves the image, and constant padding).
    /// </summary>
    public static Tensor Crop(Tensor image, int top, int left, int height, int width, string op, double fill = 0)
    {
        var (planes, h, w) = Check(image, op);
        var dst = Like(image, height, width, op);
        var src = image.Contiguous();
        if (image.DType == DType.Float32) Crop<float>(src, dst, planes, h, w, top, left, height, width, (float)fill);
        else Crop<double>(src, dst, planes, h, w, top, left, height, width, fill);
        return dst;
    }

    private static void Crop<T>(Tensor srcT, Tensor dstT, int planes, int h, int w, int top, int left, int height, int width, T fill) where T : unmanaged
    {
        var src = srcT.ContiguousSpan<T>();
        var dst = dstT.ContiguousSpan<T>();
        // Source columns [c0, c1) land in destination columns [c0 - left, c1 - left).
        int c0 = Math.Clamp(left, 0, w), c1 = (int)Math.Clamp((long)left + width, 0, w);
        for (int p = 0; p < planes; p++)
            for (int r = 0; r < height; r++)
            {
                var row = dst.Slice((p * height + r) * width, width);
                long sr = (long)top + r;
                if (sr < 0 || sr >= h || c1 <= c0)
                {
                    row.Fill(fill);
                    continue;
                }
                row[..(c0 - left)].Fill(fill);
                src.Slice((p * h + (int)sr) * w + c0, c1 - c0).CopyTo(row.Slice(c0 - left));
                row[(c1 - left)..].Fill(fill);
            }
        GC.KeepAlive(srcT);
        GC.KeepAlive(dstT);
    }

    /// <summary>Mirrors the image left-right (<paramref name="horizontal"/>) or top-bottom.</summary>
    public static Tensor Flip(Tensor image, bool horizontal)
    {
        var (planes, h, w) = Check(image, horizontal ? "hflip" : "vflip");
        var src = image.Contiguous();
        var dst = Like(image, h, w, horizontal ? "hflip" : "vflip");
        if (image.DType == DType.Float32) Flip<float>(src, dst, planes, h, w, horizontal);
        else Flip<double>(src, dst, planes, h, w, horizontal);
        return dst;
    }

    private static void Flip<T>(Tensor srcT, Tensor dstT, int planes, int h, int w, bool horizontal) where T : unmanaged
    {
        var src = srcT.ContiguousSpan<T>();
        var dst = dstT.ContiguousSpan<T>();
        for (int p = 0; p < planes; p++)
            for (int r = 0; r < h; r++)
            {
                var outRow = dst.Slice((p * h + r) * w, w);
                if (horizontal)
                {
                    src.Slice((p * h + r) * w, w).CopyTo(outRow);
                    outRow.Reverse();
                }
                else src.Slice((p * h + (h - 1 - r)) * w, w).CopyTo(outRow);
            }
        GC.KeepAlive(srcT);
        GC.KeepAlive(dstT);
    }

    /// <summary>
    /// Bilinear resize to <paramref name="height"/> × <paramref name="width"/> with PyTorch's
    /// <c>interpolate(mode='bilinear', align_corners=False, antialias=False)</c>: source coordinate
    /// (dst + 0.5) · in/out − 0.5, clamped at 0, neighbours clamped at the last pixel.
    /// </summary>
    public static Tensor ResizeBilinear(Tensor image, int height, int width, string op)
    {
        var (planes, h, w) = Check(image, op);
        if (height <= 0 || width <= 0)
            throw new ArgumentException($"{op}: output size must be positive, got {height}x{width}");
        if (h == 0 || w == 0)
            throw new ArgumentException($"{op}: cannot resize an empty image {image.Describe()}");
        var dst = Like(image, height, width, op);
        if (planes == 0) return dst; // an empty batch: no taps (the output side may be huge)
        var src = image.Contiguous();
        var (y0, y1, wy) = Taps(h, height);
        var (x0, x1, wx) = Taps(w, width);
        if (image.DType == DType.Float32) Bilinear<float>(src, dst, planes, h, w, height, width, y0, y1, wy, x0, x1, wx);
        else Bilinear<double>(src, dst, planes, h, w, height, width, y0, y1, wy, x0, x1, wx);
        return dst;
    }

    /// <summary>For each output index: the two source indices and the weight of the second (PyTorch's area_pixel_compute_source_index).</summary>
    private static (int[] I0, int[] I1, double[] Lambda) Taps(int inSize, int outSize)
    {
        var i0 = new int[outSize];
        var i1 = new int[outSize];
        var lambda = new double[outSize];
        double scale = (double)inSize / outSize;
        for (int d = 0; d < outSize; d++)
        {
            double src = Math.Max(scale * (d + 0.5) - 0.5, 0.0);
            int a = Math.Min((int)src, inSize - 1);
            i0[d] = a;
            i1[d] = a < inSize - 1 ? a + 1 : a;
            lambda[d] = src - a;
        }
        return (i0, i1, lambda);
    }

    private static void Bilinear<T>(Tensor srcT, Tensor dstT, int planes, int h, int w, int oh, int ow,
        int[] y0, int[] y1, double[] wy, int[] x0, int[] x1, double[] wx) where T : unmanaged, System.Numerics.IFloatingPoint<T>
    {
        var src = srcT.ContiguousSpan<T>();
        var dst = dstT.ContiguousSpan<T>();
        for (int p = 0; p < planes; p++)
        {
            var plane = src.Slice(p * h * w, h * w);
            for (int r = 0; r < oh; r++)
            {
                T ly1 = T.CreateChecked(wy[r]), ly0 = T.One - ly1;
                var rowA = plane.Slice(y0[r] * w, w);
                var rowB = plane.Slice(y1[r] * w, w);
                var outRow = dst.Slice((p * oh + r) * ow, ow);
                for (int c = 0; c < ow; c++)
                {
                    T lx1 = T.CreateChecked(wx[c]), lx0 = T.One - lx1;
                    outRow[c] = ly0 * (lx0 * rowA[x0[c]] + lx1 * rowA[x1[c]]) + ly1 * (lx0 * rowB[x0[c]] + lx1 * rowB[x1[c]]);
                }
            }
        }
        GC.KeepAlive(srcT);
        GC.KeepAlive(dstT);
    }
}
