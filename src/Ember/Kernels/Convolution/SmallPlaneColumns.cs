using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ember.Kernels;

/// <summary>
/// im2col straight from small planes: at most 32 input and 16 output pixels per channel, as in a deep layer at batch 1
/// (ResNet-18's 4×4 and 2×2 planes, stride 1 or 2). A row of the column matrix (one tap of one channel) is one
/// two-register permute of the channel's plane, with the lanes that fall in the padding zeroed, instead of a padded
/// copy of the planes and OH copies of OW elements per row (2 or 4 floats, several cycles each). Any kernel, stride,
/// padding and dilation. Pure data movement: the same bits as <see cref="ConvColumns.Im2Col{T}"/>, padding +0.
/// </summary>
internal static unsafe class SmallPlaneColumns
{
    private const int Lanes = 16;

    /// <summary>The most taps (KH·KW) whose lane tables go on the stack.</summary>
    private const int MaxTaps = 64;

    /// <summary>Off: the padded copy and row copies run instead (an internal A/B switch for benchmarks).</summary>
    internal static bool Enabled = true;

    /// <summary>Whether <see cref="TryIm2Col"/> takes the geometry on this CPU.</summary>
    public static bool Applies(in ConvGeometry g) =>
        Enabled && Avx512F.IsSupported && g.HW <= 2 * Lanes && g.OHW <= Lanes && g.KH * g.KW <= MaxTaps;

    /// <summary>
    /// cols[(c·KH + i)·KW + j, p] (rows <paramref name="ld"/> ≥ OH·OW apart) = x[c, oh·SH − PT + i·DH, ow·SW − PL + j·DW]
    /// for output pixel p = oh·OW + ow, 0 outside the input; x holds Cg planes of H·W in its first
    /// <paramref name="xLength"/> elements (nothing past them is read). False where it does not apply (nothing written).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryIm2Col(float* x, nint xLength, float* cols, int ld, in ConvGeometry g)
    {
        if (!Applies(g)) return false;
        int ohw = g.OHW, hw = g.HW, taps = g.KH * g.KW, cgn = g.Cg;
        // Lane p of tap k reads the plane at index[k·16 + p] where keep is all ones, else gives +0.
        int* index = stackalloc int[taps * Lanes];
        int* keep = stackalloc int[taps * Lanes];
        for (int i = 0, k = 0; i < g.KH; i++)
            for (int j = 0; j < g.KW; j++, k++)
                for (int p = 0; p < Lanes; p++)
                {
                    int ih = p / g.OW * g.SH - g.PT + i * g.DH, iw = p % g.OW * g.SW - g.PL + j * g.DW;
                    bool inside = p < ohw && ih >= 0 && ih < g.H && iw >= 0 && iw < g.W;
                    index[k * Lanes + p] = inside ? ih * g.W + iw : 0;
                    keep[k * Lanes + p] = inside ? -1 : 0;
                }
        var rowLanes = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(ohw)).AsSingle();
        // With rows back to back, a whole-register store may run into the next row, which is written after it; the
        // rows whose register would pass the matrix's end store their own lanes only.
        nint wholeStores = ld == ohw ? (nint)cgn * taps * ld - Lanes : -1;
        float* window = stackalloc float[2 * Lanes];
        for (int c = 0; c < cgn; c++)
        {
            float* plane = x + (nint)c * hw;
            if ((nint)c * hw + 2 * Lanes > xLength)
            {
                // The last planes: read from a copy so that nothing past x is touched.
                Vector512.Store(Vector512<float>.Zero, window);
                Vector512.Store(Vector512<float>.Zero, window + Lanes);
                for (int t = 0; t < hw; t++) window[t] = plane[t];
                plane = window;
            }
            var lo = Vector512.Load(plane);
            var hi = Vector512.Load(plane + Lanes);
            nint row = (nint)c * taps * ld;
            for (int k = 0; k < taps; k++, row += ld)
            {
                var v = Avx512F.PermuteVar16x32x2(lo, Vector512.Load(index + k * Lanes), hi) & Vector512.Load(keep + k * Lanes).AsSingle();
                if (row <= wholeStores) Vector512.Store(v, cols + row);
                else Avx512F.MaskStore(cols + row, rowLanes, v);
            }
        }
        return true;
    }
}
