using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ember.Kernels;

/// <summary>
/// float32 max pooling's backward when the windows tile the input (kernel = stride, no padding, no dilation, no window
/// past the input: MaxPool2d(2) and the like): every input position lies in at most one window, so the gradient is
/// written densely, row by row, 16 positions per AVX-512 vector, instead of clearing the planes and scattering into them:
/// dx[ih, iw] = 0 + (indices[o] = ih·W + iw ? g[o] : 0) for the window o holding (ih, iw), and +0 outside every window
/// (the bits of the scatter's 0 + g). The indices must be max pooling's own (each inside its window).
/// </summary>
internal static unsafe class MaxPoolTileBackward
{
    private const int Lanes = 16;

    /// <summary>Whether the windows of both axes tile the input, with kernels of at most 16, on AVX-512.</summary>
    public static bool Supports(PoolAxis ah, PoolAxis aw) => Avx512F.IsSupported && Tiles(ah) && Tiles(aw);

    private static bool Tiles(PoolAxis a) =>
        a.Spec is { } s && s.Kernel == s.Stride && s.Pad == 0 && (s.Dilation == 1 || s.Kernel == 1) && s.Kernel <= Lanes && (long)a.Out * s.Kernel <= a.In;

    /// <summary>dx [P, H·W] from g and the indices [P, OH·OW] (contiguous from their offsets).</summary>
    public static void Run(float[] g, int go, long[] idx, int io, float[] dx, int dxo, int planes, PoolAxis ah, PoolAxis aw)
    {
        int kh = ah.Spec!.Value.Kernel, kw = aw.Spec!.Value.Kernel;
        int h = ah.In, w = aw.In, oh = ah.Out, ow = aw.Out;
        int inPlane = h * w, outPlane = oh * ow;
        RowParallel.Rows(planes, (long)planes * (inPlane + 2 * outPlane), (p0, len) =>
        {
            fixed (float* gp = g)
            fixed (long* ip = idx)
            fixed (float* dp = dx)
            {
                var lane = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
                var window = Vector512<int>.Zero; // lane → its window within the chunk: lane / kw
                for (int l = kw; l < Lanes; l += kw) window += Vector512.GreaterThanOrEqual(lane, Vector512.Create(l)) & Vector512<int>.One;
                int per = Lanes / kw; // windows per chunk
                for (int p = p0; p < p0 + len; p++)
                {
                    float* gPlane = gp + go + (long)p * outPlane;
                    long* iPlane = ip + io + (long)p * outPlane;
                    float* dPlane = dp + dxo + (long)p * inPlane;
                    for (int r = 0; r < h; r++)
                    {
                        float* d = dPlane + (long)r * w;
                        int o = r / kh;
                        if (o >= oh)
                        {
                            new Span<float>(d, w).Clear();
                            continue;
                        }
                        float* gRow = gPlane + (long)o * ow;
                        long* iRow = iPlane + (long)o * ow;
                        for (int c0 = 0; c0 < ow; c0 += per)
                        {
                            int nw = Math.Min(per, ow - c0);
                            var gv = Avx512F.MaskLoad(gRow + c0, Vector512.LessThan(lane, Vector512.Create(nw)).AsSingle(), Vector512<float>.Zero);
                            var lo = Avx512F.MaskLoad(iRow + c0, Avx512F.ConvertToVector512Int64(Vector512.LessThan(lane, Vector512.Create(nw)).GetLower()), Vector512<long>.Zero);
                            var iv = Vector512.Create(Avx512F.ConvertToVector256Int32(lo), Vector256<int>.Zero);
                            if (nw > Lanes / 2)
                            {
                                var hi = Avx512F.MaskLoad(iRow + c0 + Lanes / 2,
                                    Avx512F.ConvertToVector512Int64(Vector512.LessThan(lane, Vector512.Create(nw - Lanes / 2)).GetLower()), Vector512<long>.Zero);
                                iv = Vector512.Create(iv.GetLower(), Avx512F.ConvertToVector256Int32(hi));
                            }
                            var at = Avx512F.PermuteVar16x32(iv, window);
                            var take = Vector512.Equals(at, Vector512.Create(r * w + c0 * kw) + lane);
                            var v = Vector512.ConditionalSelect(take.AsSingle(), Avx512F.PermuteVar16x32(gv, window), Vector512<float>.Zero) + Vector512<float>.Zero;
                            Avx512F.MaskStore(d + c0 * kw, Vector512.LessThan(lane, Vector512.Create(nw * kw)).AsSingle(), v);
                        }
                        if (ow * kw < w) new Span<float>(d + ow * kw, w - ow * kw).Clear();
                    }
                }
            }
        });
    }
}
