using System.Numerics;
using System.Numerics.Tensors;

namespace Ember.Kernels;

// The depthwise convolution's plane-by-plane loops (forward, input gradient, weight gradient) for the generic path
// (float64, or float32 where DepthwiseConv declines).
internal static partial class ConvKernels
{
    /// <summary>Depthwise forward of one plane: y[oh, ow] += Σᵢⱼ w[i, j]·x[ih, iw].</summary>
    private static void DepthwiseForward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, Span<T> y, in ConvGeometry g) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < g.KH; i++)
            for (int j = 0; j < g.KW; j++)
            {
                T wv = w[i * g.KW + j];
                var (lo, hi, off) = ColumnRange(j, g);
                if (hi == lo) continue;
                for (int oh = 0; oh < g.OH; oh++)
                {
                    long ih = (long)oh * g.SH - g.PT + (long)i * g.DH;
                    if (ih < 0 || ih >= g.H) continue;
                    var src = x.Slice((int)ih * g.W, g.W);
                    var dst = y.Slice(oh * g.OW, g.OW);
                    if (g.SW == 1)
                    {
                        var d = dst.Slice(lo, hi - lo);
                        TensorPrimitives.MultiplyAdd<T>(src.Slice((int)(lo + off), hi - lo), wv, d, d);
                    }
                    else
                        for (int ow = lo; ow < hi; ow++) dst[ow] += wv * src[(int)((long)ow * g.SW + off)];
                }
            }
    }

    /// <summary>Depthwise input gradient of one plane: dx[ih, iw] += w[i, j]·dy[oh, ow].</summary>
    private static void DepthwiseBackwardInput<T>(ReadOnlySpan<T> dy, ReadOnlySpan<T> w, Span<T> dx, in ConvGeometry g) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < g.KH; i++)
            for (int j = 0; j < g.KW; j++)
            {
                T wv = w[i * g.KW + j];
                var (lo, hi, off) = ColumnRange(j, g);
                if (hi == lo) continue;
                for (int oh = 0; oh < g.OH; oh++)
                {
                    long ih = (long)oh * g.SH - g.PT + (long)i * g.DH;
                    if (ih < 0 || ih >= g.H) continue;
                    var src = dy.Slice(oh * g.OW, g.OW);
                    var dst = dx.Slice((int)ih * g.W, g.W);
                    if (g.SW == 1)
                    {
                        var d = dst.Slice((int)(lo + off), hi - lo);
                        TensorPrimitives.MultiplyAdd<T>(src.Slice(lo, hi - lo), wv, d, d);
                    }
                    else
                        for (int ow = lo; ow < hi; ow++) dst[(int)((long)ow * g.SW + off)] += wv * src[ow];
                }
            }
    }

    /// <summary>Depthwise weight gradient of one plane: dw[i, j] += Σ dy[oh, ow]·x[ih, iw].</summary>
    private static void DepthwiseBackwardWeight<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dw, in ConvGeometry g) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < g.KH; i++)
            for (int j = 0; j < g.KW; j++)
            {
                var (lo, hi, off) = ColumnRange(j, g);
                if (hi == lo) continue;
                T acc = T.Zero;
                for (int oh = 0; oh < g.OH; oh++)
                {
                    long ih = (long)oh * g.SH - g.PT + (long)i * g.DH;
                    if (ih < 0 || ih >= g.H) continue;
                    var xs = x.Slice((int)ih * g.W, g.W);
                    var ds = dy.Slice(oh * g.OW, g.OW);
                    if (g.SW == 1) acc += TensorPrimitives.Dot<T>(xs.Slice((int)(lo + off), hi - lo), ds.Slice(lo, hi - lo));
                    else
                        for (int ow = lo; ow < hi; ow++) acc += ds[ow] * xs[(int)((long)ow * g.SW + off)];
                }
                dw[i * g.KW + j] += acc;
            }
    }

    /// <summary>The valid output columns [lo, hi) for kernel column j: 0 ≤ ow·SW + j·DW − PL &lt; W.</summary>
    private static (int Lo, int Hi, long Off) ColumnRange(int j, in ConvGeometry g)
    {
        long off = (long)j * g.DW - g.PL;
        long lo = off >= 0 ? 0 : (-off + g.SW - 1) / g.SW;
        long hi = g.W - 1 - off < 0 ? 0 : Math.Min(g.OW, (g.W - 1 - off) / g.SW + 1);
        lo = Math.Min(lo, g.OW);
        if (hi < lo) hi = lo;
        return ((int)lo, (int)hi, off);
    }
}
