using System.Numerics;

namespace Ember.Kernels;

internal static partial class ImageKernels
{
    /// <summary>
    /// Rotates every plane of <paramref name="image"/> (any dtype) by <paramref name="angle"/> degrees counter-clockwise about
    /// its center with nearest-neighbour sampling, as torchvision 0.14's tensor <c>F.rotate</c> (<c>expand=False</c>) does it:
    /// the inverse affine matrix from <c>_get_inverse_affine_matrix</c>, the sampling grid of <c>_gen_affine_grid</c>
    /// (output pixel (i, j) at x = j − (W−1)/2, y = i − (H−1)/2, theta divided by (W/2, H/2)) and <c>grid_sample</c>'s
    /// unnormalization ((g + 1) · size/2 − 1/2, rounded half to even), all in float64 for a float64 image and in float32
    /// otherwise, with the CPU kernels' fused multiply-adds; pixels whose source falls outside the image become
    /// <paramref name="fill"/>. The fill is converted as the grid-sample path does: to float32 (float64 for float64
    /// images), rounded half to even for an integer dtype, then with PyTorch's conversion (−1 → 255 and 300 → 44 in
    /// uint8; bool: not zero). Values are moved, never recomputed, so an int64 image keeps every digit (torchvision
    /// passes it through float32).
    /// </summary>
    /// <remarks>The caller checks that the angle is finite.</remarks>
    public static Tensor RotateNearest(Tensor image, double angle, double fill, string op)
    {
        var (planes, h, w) = Planes(image);
        var dst = Like(image, h, w, image.DType, op);
        if (planes == 0) return dst; // empty: H·W may not even fit an int
        var f = new RotateFunc(image.Contiguous(), dst, planes, h, w, angle, fill);
        Dispatch.Any<RotateFunc, bool>(image.DType, ref f);
        return dst;
    }

    private readonly struct RotateFunc(Tensor src, Tensor dst, int planes, int h, int w, double angle, double fill) : IElementFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged
        {
            int[] map = typeof(T) == typeof(double) ? RotationMap<double>(h, w, angle) : RotationMap<float>(h, w, angle);
            double f = typeof(T) == typeof(double) ? fill : (float)fill;
            if (IsInteger<T>()) f = Math.Round(f, MidpointRounding.ToEven);
            T value = Convert.FromDouble<T>(f);
            int hw = h * w;
            var s = src.ContiguousSpan<T>();
            var d = dst.ContiguousSpan<T>();
            for (int p = 0; p < planes; p++)
            {
                var a = s.Slice(p * hw, hw);
                var b = d.Slice(p * hw, hw);
                for (int k = 0; k < hw; k++) b[k] = map[k] >= 0 ? a[map[k]] : value;
            }
            GC.KeepAlive(src);
            GC.KeepAlive(dst);
            return true;
        }
    }

    /// <summary>The source pixel (row · W + column) of each output pixel of an H × W plane rotated by <paramref name="angle"/>, or −1.</summary>
    private static int[] RotationMap<TAcc>(int h, int w, double angle) where TAcc : unmanaged, IFloatingPointIeee754<TAcc>
    {
        // _get_inverse_affine_matrix(center=[0, 0], -angle, translate=[0, 0], scale=1, shear=[0, 0]) in double:
        // [cos r, sin r, 0, -sin r, cos r, 0] with r = math.radians(-angle) = -angle · (π / 180).
        double r = -angle * (Math.PI / 180.0);
        double cos = Math.Cos(r), sin = Math.Sin(r);
        TAcc halfW = TAcc.CreateChecked(0.5 * w), halfH = TAcc.CreateChecked(0.5 * h);
        // theta (in TAcc) transposed and divided by (W/2, H/2); the translation column is 0.
        TAcc rxx = TAcc.CreateChecked(cos) / halfW, ryx = TAcc.CreateChecked(sin) / halfW;
        TAcc rxy = TAcc.CreateChecked(-sin) / halfH, ryy = TAcc.CreateChecked(cos) / halfH;
        TAcc half = TAcc.CreateChecked(0.5);
        var map = new int[h * w];
        for (int i = 0; i < h; i++)
        {
            TAcc y = TAcc.CreateChecked(i - (h - 1) * 0.5);
            for (int j = 0; j < w; j++)
            {
                TAcc x = TAcc.CreateChecked(j - (w - 1) * 0.5);
                TAcc gx = TAcc.FusedMultiplyAdd(y, ryx, x * rxx);
                TAcc gy = TAcc.FusedMultiplyAdd(y, ryy, x * rxy);
                TAcc ix = TAcc.Round(TAcc.FusedMultiplyAdd(gx + TAcc.One, halfW, -half), MidpointRounding.ToEven);
                TAcc iy = TAcc.Round(TAcc.FusedMultiplyAdd(gy + TAcc.One, halfH, -half), MidpointRounding.ToEven);
                bool inside = ix >= TAcc.Zero && ix < TAcc.CreateChecked(w) && iy >= TAcc.Zero && iy < TAcc.CreateChecked(h);
                map[i * w + j] = inside ? int.CreateTruncating(iy) * w + int.CreateTruncating(ix) : -1;
            }
        }
        return map;
    }
}
