using System.Numerics;
using System.Numerics.Tensors;

namespace Ember.Kernels;

// The depthwise convolution's plane-by-plane loops (forward, input gradient, weight gradient) for the generic path
// (float64, or float32 where DepthwiseConv declines).
internal static partial class ConvKernels
{
    /// <summary>
    /// Depthwise forward of one plane, y[oh, ow] += Σᵢⱼ w[i, j]·x[ih, iw] (<paramref name="src"/> the input plane,
    /// <paramref name="dst"/> the output's), or, when <paramref name="transposed"/>, its input gradient,
    /// dx[ih, iw] += w[i, j]·dy[oh, ow] (<paramref name="src"/> dy's plane, <paramref name="dst"/> dx's): the same pairs of
    /// input and output pixels, read from one side and added to the other.
    /// </summary>
    private static void DepthwisePlane<T>(ReadOnlySpan<T> src, ReadOnlySpan<T> w, Span<T> dst, in ConvGeometry g, bool transposed)
        where T : unmanaged, INumber<T>
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
                    // The input row is indexed ow·SW + off, the output row ow.
                    int inRow = (int)ih * g.W, outRow = oh * g.OW;
                    var s = transposed ? src.Slice(outRow, g.OW) : src.Slice(inRow, g.W);
                    var d = transposed ? dst.Slice(inRow, g.W) : dst.Slice(outRow, g.OW);
                    if (g.SW == 1)
                    {
                        int n = hi - lo, inStart = (int)(lo + off);
                        var dd = d.Slice(transposed ? inStart : lo, n);
                        TensorPrimitives.MultiplyAdd<T>(s.Slice(transposed ? lo : inStart, n), wv, dd, dd);
                    }
                    else if (transposed)
                        for (int ow = lo; ow < hi; ow++) d[(int)((long)ow * g.SW + off)] += wv * s[ow];
                    else
                        for (int ow = lo; ow < hi; ow++) d[ow] += wv * s[(int)((long)ow * g.SW + off)];
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
