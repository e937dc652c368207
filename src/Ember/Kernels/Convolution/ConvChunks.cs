using System.Numerics;
using System.Numerics.Tensors;

namespace Ember.Kernels;

// A chunk of samples runs as one GEMM over their planes side by side, [og, cnt·OHW]: its dy is gathered into that layout
// and its product scattered back to the samples' planes, split by output channel over the team when the chunk is alone.
internal static partial class ConvKernels
{
    /// <summary>dst[o, s·OHW + p] = src[off + ((n0 + s)·O + o0 + o)·OHW + p] for s &lt; cnt, o &lt; og: a chunk's output planes side by side.</summary>
    private static void GatherChunk<T>(T[] src, int off, T[] dst, int n0, int cnt, int o0, int og, int o, int ohw) where T : unmanaged, INumber<T> =>
        GatherRows(src, off, dst, n0, cnt, o0, 0, og, o, ohw);

    // Apart from GatherChunk: a lambda's closure is allocated on entry to the method that declares it.
    private static void GatherChunkInParallel<T>(T[] src, int off, T[] dst, int n0, int cnt, int o0, int og, int o, int ohw) where T : unmanaged, INumber<T>
    {
        RowParallel.Split(og, Threading.NumThreads, (c0, rows) => GatherRows(src, off, dst, n0, cnt, o0, c0, c0 + rows, o, ohw));
    }

    /// <summary>Rows [c0, c1) of <see cref="GatherChunk{T}"/>.</summary>
    private static void GatherRows<T>(T[] src, int off, T[] dst, int n0, int cnt, int o0, int c0, int c1, int o, int ohw) where T : unmanaged, INumber<T>
    {
        int ld = cnt * ohw;
        for (int c = c0; c < c1; c++)
            for (int s = 0; s < cnt; s++)
                CopyShort<T>(src.AsSpan(off + ((n0 + s) * o + o0 + c) * ohw, ohw), dst.AsSpan(c * ld + s * ohw, ohw));
    }

    /// <summary>Whether a chunk's [og, cnt·OHW] product is scattered to (or its dy gathered from) the samples' planes by
    /// the team: a chunk alone on the team (small planes at batch 16–32: ResNet's last layers) with 1,024 planes or more
    /// to copy, one short row each, which would otherwise run on one thread while the other waits.</summary>
    private static bool ChunkRowsInParallel(int og, int cnt) => ChunkRowsSplit && Threading.NumThreads > 1 && (long)og * cnt >= 1024;

    /// <summary>Benchmarks: false keeps the chunk scatter and gather on one thread.</summary>
    internal static bool ChunkRowsSplit = true;

    /// <summary>
    /// y[n0 + s, o0 + o, ·] = product[o, s·OHW …] (+ bias[o], then ReLU) for a chunk of samples, rows o in any range: the
    /// forward pass's scatter of its [og, cnt·OHW] product to the samples' planes.
    /// </summary>
    private readonly struct ChunkScatter<T>(T[] product, T[] y, T[]? bias, int bo, int n0, int cnt, int o0, int outs, int ohw, bool relu)
        where T : unmanaged, INumber<T>
    {
        public void Rows(int r0, int r1)
        {
            int ld = cnt * ohw;
            for (int o = r0; o < r1; o++)
            {
                T bv = bias is null ? T.Zero : bias[bo + o];
                for (int s = 0; s < cnt; s++)
                {
                    var src = new ReadOnlySpan<T>(product, o * ld + s * ohw, ohw);
                    var dst = y.AsSpan(((n0 + s) * outs + o0 + o) * ohw, ohw);
                    if (bias is null) CopyShort<T>(src, dst);
                    else TensorPrimitives.Add(src, bv, dst);
                    if (relu) Relu<T>(dst);
                }
            }
        }

        public void InParallel(int og)
        {
            var self = this;
            RowParallel.Split(og, Threading.NumThreads, (r0, rows) => self.Rows(r0, r0 + rows));
        }
    }

    /// <summary>dst = src for the short planes of small feature maps: whole vectors inline instead of a memmove call each.</summary>
    private static unsafe void CopyShort<T>(ReadOnlySpan<T> src, Span<T> dst) where T : unmanaged, INumber<T>
    {
        if (src.Length > dst.Length) throw new ArgumentException("conv: copy destination too short");
        fixed (T* s = src)
        fixed (T* d = dst)
            ConvColumns.CopyRow(s, d, src.Length, 1, s + src.Length);
    }
}
