using System.Numerics;

namespace Ember.Kernels;

internal static partial class ImageKernels
{
    /// <summary>
    /// Bilinear resize of every plane of <paramref name="image"/> (any dtype) to <paramref name="height"/> ×
    /// <paramref name="width"/>, as torchvision 0.14's tensor <c>resize</c> (antialias off) does it: PyTorch 1.13's CPU
    /// <c>interpolate(mode='bilinear', align_corners=False)</c> computed in float64 for float64 images and in float32 for
    /// every other dtype; integer results are rounded half to even (<c>torch.round</c>) and every result is converted back
    /// to the input's dtype (a bool result is "not zero").
    /// </summary>
    /// <remarks>
    /// The arithmetic follows the CPU kernels bit for bit (checked against PyTorch 1.13): source coordinate
    /// (dst + 0.5) · scale − 0.5 in double, clamped at 0, neighbours clamped at the last pixel, an unchanged side copied
    /// with weights (1, 0). A batch whose planes are single channels ([1, H, W], [N, 1, H, W]: PyTorch's channels-last
    /// kernel) sums the four weighted pixels in double with the products of the two weights; otherwise each row is
    /// interpolated along x, then the two rows along y, with fused multiply-adds. The caller checks that neither the
    /// image nor the output is empty.
    /// </remarks>
    public static Tensor ResizeBilinear(Tensor image, int height, int width, string op)
    {
        var (planes, h, w) = Planes(image);
        var dst = Like(image, height, width, image.DType, op);
        if (planes == 0) return dst; // an empty batch: no taps (the output side may be huge)
        int channels = image.Dim >= 3 ? image.Size(-3) : 1;
        // torchvision views the image as [N, C, H, W]; PyTorch takes its channels-last kernel when that is also channels-last contiguous.
        bool channelsLast = channels == 1 || (h == 1 && w == 1);
        var f = new BilinearFunc(image.Contiguous(), dst, planes, h, w, channelsLast);
        Dispatch.Any<BilinearFunc, bool>(image.DType, ref f);
        return dst;
    }

    private readonly struct BilinearFunc(Tensor src, Tensor dst, int planes, int h, int w, bool channelsLast) : IElementFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged
        {
            if (typeof(T) == typeof(double)) Run<T, double>();
            else Run<T, float>();
            return true;
        }

        private void Run<T, TAcc>() where T : unmanaged where TAcc : unmanaged, IFloatingPointIeee754<TAcc>
        {
            int oh = dst.Size(-2), ow = dst.Size(-1);
            var (y0, y1, wy0, wy1) = Taps<TAcc>(h, oh);
            var (x0, x1, wx0, wx1) = Taps<TAcc>(w, ow);
            var s = src.ContiguousSpan<T>();
            var d = dst.ContiguousSpan<T>();
            bool round = IsInteger<T>();
            for (int p = 0; p < planes; p++)
            {
                var plane = s.Slice(p * h * w, h * w);
                for (int r = 0; r < oh; r++)
                {
                    var rowA = plane.Slice(y0[r] * w, w);
                    var rowB = plane.Slice(y1[r] * w, w);
                    TAcc ly0 = wy0[r], ly1 = wy1[r];
                    var outRow = d.Slice((p * oh + r) * ow, ow);
                    for (int c = 0; c < ow; c++)
                    {
                        TAcc lx0 = wx0[c], lx1 = wx1[c];
                        TAcc a = Convert.Scalar<T, TAcc>(rowA[x0[c]]), b = Convert.Scalar<T, TAcc>(rowA[x1[c]]);
                        TAcc e = Convert.Scalar<T, TAcc>(rowB[x0[c]]), g = Convert.Scalar<T, TAcc>(rowB[x1[c]]);
                        TAcc v;
                        if (channelsLast)
                        {
                            // Weights w_ij = ly_i · lx_j, the sum accumulated in double.
                            double sum = Math.FusedMultiplyAdd(D(a), D(ly0 * lx0), D(b) * D(ly0 * lx1));
                            sum = Math.FusedMultiplyAdd(D(e), D(ly1 * lx0), sum);
                            sum = Math.FusedMultiplyAdd(D(g), D(ly1 * lx1), sum);
                            v = TAcc.CreateChecked(sum);
                        }
                        else
                        {
                            TAcc top = TAcc.FusedMultiplyAdd(a, lx0, b * lx1);
                            TAcc bottom = TAcc.FusedMultiplyAdd(e, lx0, g * lx1);
                            v = TAcc.FusedMultiplyAdd(top, ly0, bottom * ly1);
                        }
                        if (round) v = TAcc.Round(v, MidpointRounding.ToEven);
                        outRow[c] = Convert.Scalar<TAcc, T>(v);
                    }
                }
            }
            GC.KeepAlive(src);
            GC.KeepAlive(dst);
        }

        private static double D<TAcc>(TAcc x) where TAcc : unmanaged, IFloatingPointIeee754<TAcc> => double.CreateChecked(x);
    }

    /// <summary>
    /// For each output index: the two source indices and their weights (PyTorch's <c>compute_source_index_and_lambda</c>:
    /// the scale in <typeparamref name="TAcc"/>, the source coordinate in double, the weights rounded to <typeparamref name="TAcc"/>).
    /// </summary>
    private static (int[] I0, int[] I1, TAcc[] W0, TAcc[] W1) Taps<TAcc>(int inSize, int outSize) where TAcc : unmanaged, IFloatingPointIeee754<TAcc>
    {
        var i0 = new int[outSize];
        var i1 = new int[outSize];
        var w0 = new TAcc[outSize];
        var w1 = new TAcc[outSize];
        double scale = double.CreateChecked(TAcc.CreateChecked(inSize) / TAcc.CreateChecked(outSize));
        for (int d = 0; d < outSize; d++)
        {
            if (inSize == outSize)
            {
                i0[d] = i1[d] = d;
                w0[d] = TAcc.One;
                w1[d] = TAcc.Zero;
                continue;
            }
            double real = Math.Max(Math.FusedMultiplyAdd(scale, d + 0.5, -0.5), 0.0);
            int a = Math.Min((int)real, inSize - 1);
            i0[d] = a;
            i1[d] = a < inSize - 1 ? a + 1 : a;
            w1[d] = TAcc.CreateChecked(real - a);
            w0[d] = TAcc.One - w1[d];
        }
        return (i0, i1, w0, w1);
    }
}
