using System.Buffers;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ember.Kernels;

/// <summary>
/// A direct float32 convolution for small outputs (inference at batch 1: LeNet's 6 → 16 layer) with the output channels
/// in the vector lanes: 16 output channels × 8 pixels of accumulators, each weight vector (the 16 channels' tap, from
/// the weight transposed to [C·KH·KW, O]) used for 8 pixels, each input value broadcast. Where the implicit GEMM spends
/// most of a small product packing columns (44% at LeNet's 10×10 output), this reads the input in place. Any stride,
/// dilation and padding (a zero-padded copy of the sample when padded); one group; O a multiple of 16 up to
/// <see cref="MaxChannels"/>; 8 or more output pixels; at most <see cref="MaxWork"/> multiply-adds per sample (a large batch split over the team by samples).
/// Each output is Σ over (c, kh, kw) in that order, one FMA per tap (the GEMM's order within a K block, not its blocking).
/// </summary>
internal static unsafe class OutputLanesConv
{
    /// <summary>Tests: false turns the kernel off (the implicit GEMM runs). Per thread.</summary>
    [ThreadStatic] internal static bool Disabled;

    private const int Lanes = 16, Block = 8;

    /// <summary>The most output channels taken (more: the GEMM's reuse of the input wins).</summary>
    internal const int MaxChannels = 32;

    /// <summary>The most taps (C·KH·KW) taken (their offsets live on the stack).</summary>
    internal const int MaxTaps = 4096;

    /// <summary>The most multiply-adds of one sample taken (more: the GEMM's reuse of the input wins).</summary>
    internal const long MaxWork = 1L << 21;

    /// <summary>Multiply-adds from which the samples are split over the team (below, a fork costs more than it saves).</summary>
    private const long ParallelWork = 1L << 21;

    /// <summary>The most parts the samples are split into (a function of the batch only: each sample is computed alone,
    /// so the results do not depend on the split).</summary>
    private const int MaxParts = 16;

    /// <summary>Whether the geometry is the kernel's: float32 on AVX-512, one group, output channels a multiple of 16 up
    /// to <see cref="MaxChannels"/>, at least 8 output pixels, a small product per sample.</summary>
    public static bool Suits(in ConvGeometry g) =>
        !Disabled && Avx512F.IsSupported && g.Groups == 1 && g.O % Lanes == 0 && g.O <= MaxChannels && g.N > 0 && g.C > 0
        && g.OHW >= Block && g.K > 0 && g.K <= MaxTaps && g.Work / g.N <= MaxWork;

    /// <summary>
    /// y = conv(x, w) + bias (then ReLU) when <see cref="Suits"/>; false: nothing done. A large batch is split over the team
    /// by samples: LeNet's 6 → 16 layer at batch 256 took 1.3 ms on one thread here, the direct kernel (10 of 16 lanes
    /// used on its 10-wide rows) 2.2 ms.
    /// </summary>
    public static bool TryForward(Tensor xt, Tensor wt, Tensor? bt, Tensor yt, in ConvGeometry g, bool relu)
    {
        if (yt.DType != DType.Float32 || !Suits(g)) return false;
        float[] w = wt.Typed<float>().Array;
        float[] taps = ArrayPool<float>.Shared.Rent(g.K * g.O);
        try
        {
            fixed (float* pw = w, pt = taps)
                // taps[r, o] = w[o, r]: the 16 channels of one tap side by side.
                WinogradTranspose.Run(pw + wt.Offset, g.K, g.O, g.K, pt, g.O);
            int parts = g.Work < ParallelWork || ThreadTeam.RunsSerially || Threading.NumThreads <= 1 ? 1 : Math.Min(g.N, MaxParts);
            if (parts == 1) Samples(xt, taps, bt, yt, g, relu, 0, g.N);
            else SamplesInParallel(xt, taps, bt, yt, g, relu, parts);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(taps);
        }
        GC.KeepAlive(xt); GC.KeepAlive(wt); GC.KeepAlive(bt); GC.KeepAlive(yt);
        return true;
    }

    // Apart from TryForward: a lambda's closure is allocated on entry to the method that declares it.
    private static void SamplesInParallel(Tensor xt, float[] taps, Tensor? bt, Tensor yt, ConvGeometry g, bool relu, int parts) =>
        ThreadTeam.For(parts, p => Samples(xt, taps, bt, yt, g, relu, (int)((long)g.N * p / parts), (int)((long)g.N * (p + 1) / parts)));

    /// <summary>Samples n0 … n1 − 1, each from a zero-padded copy of its planes when the convolution pads.</summary>
    private static void Samples(Tensor xt, float[] taps, Tensor? bt, Tensor yt, in ConvGeometry g, bool relu, int n0, int n1)
    {
        float[] x = xt.Typed<float>().Array, y = yt.Typed<float>().Array;
        float[]? b = bt?.Typed<float>().Array;
        int k = g.K, padLen = ConvColumns.PaddedLength(g);
        float[]? pad = padLen > 0 ? ArrayPool<float>.Shared.Rent(padLen) : null;
        try
        {
            var (hp, wp) = padLen > 0 ? ConvColumns.PaddedSize(g) : (g.H, g.W);
            fixed (float* px = x, pt = taps, py = y, pp = pad, pb = b)
            {
                // tapOff[r]: where tap r reads, from a pixel.
                int* tapOff = stackalloc int[k];
                for (int c = 0, r = 0; c < g.C; c++)
                    for (int kh = 0; kh < g.KH; kh++)
                        for (int kw = 0; kw < g.KW; kw++) tapOff[r++] = (c * hp + kh * g.DH) * wp + kw * g.DW;
                float* bias = b is null ? null : pb + bt!.Offset;
                for (int n = n0; n < n1; n++)
                {
                    float* src = px + xt.Offset + (nint)n * g.C * g.HW;
                    if (pad is not null)
                    {
                        ConvColumns.PadPlanes<float>(new ReadOnlySpan<float>(src, g.C * g.HW), pad, g);
                        src = pp;
                    }
                    Sample(src, wp, pt, tapOff, bias, py + yt.Offset + (nint)n * g.O * g.OHW, g, relu);
                }
            }
        }
        finally
        {
            if (pad is not null) ArrayPool<float>.Shared.Return(pad);
        }
    }

    /// <summary>One sample: planes [C, hp, wp] at src (tap r at tapOff[r] from a pixel), y [O, OH, OW]. Blocks of 8 consecutive output pixels of the plane
    /// (across row ends; the last block ends at the plane's end, recomputing a few pixels), each pixel read through its own
    /// base pointer, every tap at one offset from all eight.</summary>
    private static void Sample(float* src, int wp, float* taps, int* tapOff, float* bias, float* y, in ConvGeometry g, bool relu)
    {
        int k = g.K, ohw = g.OHW, ow = g.OW, o = g.O;
        nint* pix = stackalloc nint[Block];
        float* tile = stackalloc float[Lanes * Block];
        for (int ob = 0; ob < o; ob += Lanes)
        {
            var b0 = bias is null ? Vector512<float>.Zero : Vector512.Load(bias + ob);
            for (int p0 = 0; p0 < ohw; p0 += Block)
            {
                int start = Math.Min(p0, ohw - Block);
                for (int j = 0; j < Block; j++)
                {
                    int q = start + j, oh = q / ow, x = q % ow;
                    pix[j] = (nint)oh * g.SH * wp + (nint)x * g.SW;
                }
                PixelBlock(src, pix, tapOff, k, taps + ob, o, b0, tile);
                if (relu) System.Numerics.Tensors.TensorPrimitives.Max(new ReadOnlySpan<float>(tile, Lanes * Block), 0f, new Span<float>(tile, Lanes * Block));
                // y[ob + c, start + j] = tile[j, c].
                WinogradTranspose.Run(tile, Lanes, Block, Lanes, y + (nint)ob * ohw + start, ohw);
            }
        }
    }

    /// <summary>tile[j·16 + c] = bias + Σ_r taps[r·o + c]·src[pix[j] + tapOff[r]] for the 8 pixels j.</summary>
    private static void PixelBlock(float* src, nint* pix, int* tapOff, int k, float* taps, int o, Vector512<float> bias, float* tile)
    {
        Vector512<float> a0 = bias, a1 = bias, a2 = bias, a3 = bias, a4 = bias, a5 = bias, a6 = bias, a7 = bias;
        float* s0 = src + pix[0], s1 = src + pix[1], s2 = src + pix[2], s3 = src + pix[3];
        float* s4 = src + pix[4], s5 = src + pix[5], s6 = src + pix[6], s7 = src + pix[7];
        for (int r = 0; r < k; r++, taps += o)
        {
            nint d = tapOff[r];
            var wv = Vector512.Load(taps);
            a0 = Vector512.FusedMultiplyAdd(Vector512.Create(s0[d]), wv, a0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.Create(s1[d]), wv, a1);
            a2 = Vector512.FusedMultiplyAdd(Vector512.Create(s2[d]), wv, a2);
            a3 = Vector512.FusedMultiplyAdd(Vector512.Create(s3[d]), wv, a3);
            a4 = Vector512.FusedMultiplyAdd(Vector512.Create(s4[d]), wv, a4);
            a5 = Vector512.FusedMultiplyAdd(Vector512.Create(s5[d]), wv, a5);
            a6 = Vector512.FusedMultiplyAdd(Vector512.Create(s6[d]), wv, a6);
            a7 = Vector512.FusedMultiplyAdd(Vector512.Create(s7[d]), wv, a7);
        }
        Vector512.Store(a0, tile); Vector512.Store(a1, tile + 16); Vector512.Store(a2, tile + 32); Vector512.Store(a3, tile + 48);
        Vector512.Store(a4, tile + 64); Vector512.Store(a5, tile + 80); Vector512.Store(a6, tile + 96); Vector512.Store(a7, tile + 112);
    }
}
