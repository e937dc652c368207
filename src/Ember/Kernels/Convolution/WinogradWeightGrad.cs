using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;

/// <summary>
/// The weight gradient of a float32 3×3 convolution (unit stride and dilation, one group) by Winograd F(m×m, 3×3): the
/// forward pass is Y = Aᵀ[(G·g·Gᵀ) ⊙ (Bᵀ·d·B)]A per tile, so dg = Gᵀ[Σ_tiles (A·dY·Aᵀ) ⊙ (Bᵀ·d·B)]G, with the sum over
/// tiles one GEMM per point ξ of the α×α transform domain: F(2,3) makes 2.25 times fewer multiply-adds than im2col, with
/// coefficients (0, ±1, ±½) exact in float32, so its error is that of the sums; F(4,3), on planes of 8 and more as in
/// the forward pass, 4 times fewer, with about 1e-5 relative error (its ⅙ and 1/12 are rounded, and the transforms
/// amplify rounding, as the forward pass's F(4,3) does). Samples are taken in chunks that
/// depend only on the shape, the GEMMs accumulate the chunks in order, so the result does not depend on the thread count.
/// <see cref="ConvKernels"/> asks <see cref="TryBackwardWeight"/> first; a gradient that comes out non-finite is
/// recomputed by im2col (Winograd mixes the values of a tile, so an infinity there would spread to other taps as NaN).
/// </summary>
internal static unsafe class WinogradWeightGrad
{
    /// <summary>Tests and benchmarks: null runs the measured choice, false never, true wherever it applies. Per thread.</summary>
    [ThreadStatic] internal static bool? Force;

    /// <summary>Upper bound on a chunk's transformed input and gradient (bytes): kept within the caches (16 MB was twice as
    /// slow as 4 MB at 64 channels, 16×16, batch 32).</summary>
    private const long ChunkBytes = 4L << 20;

    /// <summary>Tests: a smaller chunk bound (several chunks per batch). Per thread.</summary>
    [ThreadStatic] internal static long? ChunkBytesOverride;

    /// <summary>
    /// Where Winograd beats im2col + GEMM for the weight gradient (measured on the 2-core AVX-512 machine, 2 threads,
    /// interleaved best of 8–20), from 512 output pixels per batch. F(2,3), below 8×8 planes: from 96 channels each way,
    /// 10–25% faster (256 on 4×4 at batch 32: 2.05 → 1.87 ms; F(4,3) there 2.50 against 2.21); with 64 the transforms,
    /// memory-bound, cost what the GEMMs save. F(4,3), on planes of 8 and more (36 products per 4×4 outputs and channel
    /// pair, F(2,3) 64, im2col 144): from 48 channels each way (128 on 8×8 at batch 32: im2col 3.33, F(2,3) 1.93–2.48,
    /// F(4,3) 1.61–2.09 ms; 64 on 8×8: F(2,3) 0.65, F(4,3) 0.44; 48 on
    /// 16×16 at batch 32: 2.83 → 2.31 ms; 64: 4.2–4.6 → 2.3 ms; 128: 15.3 → 5.7 ms, F(2,3) 8.8; 64 on 32×32 at batch 8:
    /// 5.1 → 2.4 ms); no gain at 32 channels (32×32 at batch 32: 4.3 ms each way), slower at 16.
    /// </summary>
    public static bool Choose(in ConvGeometry g)
    {
        if (Force is bool f) return f && Winograd.Applicable(g);
        if (!Winograd.Applicable(g) || Math.Min(g.OH, g.OW) < 4 || (long)g.N * g.OHW < 512) return false;
        int least = Tile(g) == 4 ? 48 : 96;
        return g.C >= least && g.O >= least;
    }

    /// <summary>Tests and benchmarks: the tile size (2 or 4) wherever the weight gradient runs by Winograd. Per thread.</summary>
    [ThreadStatic] internal static int? ForceTile;

    /// <summary>F(4,3) on planes of 8 and more (as the forward pass in training), F(2,3) below.</summary>
    public static int Tile(in ConvGeometry g) => ForceTile ?? (Math.Min(g.OH, g.OW) >= Winograd.F4Plane ? 4 : 2);

    /// <summary>dw [O, C, 3, 3] = the weight gradient for x and dy when <see cref="Choose"/> says so; false: nothing usable
    /// written (the caller runs im2col).</summary>
    public static bool TryBackwardWeight(Tensor x, Tensor dy, Tensor dw, in ConvGeometry g)
    {
        if (dw.DType != DType.Float32 || !Choose(g)) return false;
        var p = new WinogradPlan(g.N, g.C, g.H, g.W, g.O, g.OH, g.OW, g.PT, g.PL, Tile(g));
        int per = SamplesPerChunk(p);
        if (!Winograd.Fits(p, per)) return false;
        float[] xa = x.Typed<float>().Array, dya = dy.Typed<float>().Array, dwa = dw.Typed<float>().Array;
        fixed (float* px = xa, pdy = dya, pdw = dwa)
        {
            float* outw = pdw + dw.Offset;
            if (p.M == 4) WithLanes<WinogradF4>(px + x.Offset, pdy + dy.Offset, outw, p, per);
            else WithLanes<WinogradF2>(px + x.Offset, pdy + dy.Offset, outw, p, per);
            // NaN or infinity anywhere makes the sum non-finite (so does an overflowing sum: then im2col simply runs).
            bool finite = float.IsFinite(System.Numerics.Tensors.TensorPrimitives.SumOfMagnitudes(new ReadOnlySpan<float>(outw, g.O * g.C * 9)));
            GC.KeepAlive(x); GC.KeepAlive(dy); GC.KeepAlive(dw);
            return finite;
        }
    }

    private static void WithLanes<TT>(float* x, float* dy, float* dw, WinogradPlan p, int per) where TT : IWinogradTile
    {
        if (Vector512.IsHardwareAccelerated) WinogradWeightGradDriver<Lanes512, TT>.Run(x, dy, dw, p, per);
        else if (Vector256.IsHardwareAccelerated) WinogradWeightGradDriver<Lanes256, TT>.Run(x, dy, dw, p, per);
        else if (Vector128.IsHardwareAccelerated) WinogradWeightGradDriver<Lanes128, TT>.Run(x, dy, dw, p, per);
        else WinogradWeightGradDriver<Lanes1, TT>.Run(x, dy, dw, p, per);
    }

    /// <summary>Samples per chunk: as many as fit <see cref="ChunkBytes"/> of transformed input and gradient, at least 1.</summary>
    private static int SamplesPerChunk(in WinogradPlan p)
    {
        long perSample = 4L * p.Xi * Math.Max(1, p.Tiles) * (p.Cp + p.Op);
        return (int)Math.Clamp((ChunkBytesOverride ?? ChunkBytes) / perSample, 1, p.N);
    }
}

/// <summary>Runs <see cref="WinogradWeightGrad"/> with lane blocks <typeparamref name="TV"/> and tiles <typeparamref name="TT"/>.</summary>
internal static unsafe class WinogradWeightGradDriver<TV, TT> where TV : unmanaged, ILanes<TV> where TT : IWinogradTile
{
    /// <summary>dw [Cout, Cin, 3, 3] (overwritten) for x [N, Cin, Hin, Win] and dy [N, Cout, Hout, Wout] per plan <paramref name="p"/>.</summary>
    public static void Run(float* x, float* dy, float* dw, WinogradPlan p, int per)
    {
        int xi = p.Xi, cp = p.Cp, op = p.Op;
        float[] du = ArrayPool<float>.Shared.Rent(xi * cp * op);
        int maxTiles = per * p.Tiles;
        float[] xp = ArrayPool<float>.Shared.Rent(checked((int)(per * Math.Max(p.PaddedSample, p.StagedSample))));
        float[] v = ArrayPool<float>.Shared.Rent(xi * maxTiles * cp);
        float[] m = ArrayPool<float>.Shared.Rent(xi * maxTiles * op);
        try
        {
            fixed (float* pdu = du, pxp = xp, pv = v, pm = m)
            {
                for (int n0 = 0; n0 < p.N; n0 += per)
                    Chunk(x, dy, pdu, pxp, pv, pm, p, n0, Math.Min(per, p.N - n0), accumulate: n0 > 0);
                Taps(pdu, dw, p);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(du);
            ArrayPool<float>.Shared.Return(xp);
            ArrayPool<float>.Shared.Return(v);
            ArrayPool<float>.Shared.Return(m);
        }
    }

    /// <summary>Adds the chunk's Σ_tiles (A·dY·Aᵀ) ⊙ (Bᵀ·d·B) to dU [ξ, Cin, Op] (or writes it, for the first chunk).</summary>
    private static void Chunk(float* x, float* dy, float* du, float* xp, float* v, float* m, WinogradPlan p, int n0, int cnt, bool accumulate)
    {
        int tiles = cnt * p.Tiles, cp = p.Cp, op = p.Op, cin = p.Cin;
        nint ix = (nint)x, idy = (nint)dy, idu = (nint)du, ixp = (nint)xp, iv = (nint)v, im = (nint)m;
        var plan = p;
        RowParallel.Rows(cnt, cnt * p.PaddedSample, (s0, len) => { for (int s = s0; s < s0 + len; s++) WinogradDriver<TV, TT>.PackSample((float*)ix, (float*)ixp, plan, n0, s); });
        RowParallel.Rows(tiles, (long)tiles * p.Xi * cp * 4, (t0, len) => WinogradDriver<TV, TT>.InputTiles((float*)ixp, (float*)iv, plan, tiles, t0, len));
        // The padded input is no longer needed: its buffer stages the gradient pixel-major.
        RowParallel.Rows(cnt, cnt * p.StagedSample, (s0, len) => { for (int s = s0; s < s0 + len; s++) PackGrad((float*)idy, (float*)ixp, plan, n0, s); });
        RowParallel.Rows(tiles, (long)tiles * p.Xi * op * 4, (t0, len) => GradTiles((float*)ixp, (float*)im, plan, tiles, t0, len));
        // dU[ξ] [Cin, Op] (+)= V[ξ]ᵀ [Cin, tiles] · M[ξ] [tiles, Op]: one GEMM per ξ, the GEMMs split over the threads.
        RowParallel.Rows(p.Xi, (long)p.Xi * tiles * cin * op, (x0, len) =>
        {
            for (int k = x0; k < x0 + len; k++)
                Gemm.Compute<float>(cin, op, tiles,
                    new ReadOnlySpan<float>((float*)iv + (nint)k * tiles * cp, tiles * cp), 1, cp,
                    new ReadOnlySpan<float>((float*)im + (nint)k * tiles * op, tiles * op), op, 1,
                    new Span<float>((float*)idu + (nint)k * cin * op, cin * op), op, accumulate);
        });
    }

    /// <summary>Staging[s, h, w, o] = dy[n0 + s, o, h, w], zero over the tiles' overhang and the padded channels.</summary>
    private static void PackGrad(float* dy, float* stage, WinogradPlan p, int n0, int s)
    {
        int op = p.Op, sw = p.TW * p.M, ohw = p.Hout * p.Wout;
        float* dst = stage + s * p.StagedSample;
        new Span<float>(dst, checked((int)p.StagedSample)).Clear();
        float* src = dy + (nint)(n0 + s) * p.Cout * ohw;
        for (int h = 0; h < p.Hout; h++)
            WinogradTranspose.Run(src + h * p.Wout, ohw, p.Cout, p.Wout, dst + (nint)h * sw * op, op);
    }

    /// <summary>M[ξ, t, o] = (A·dY·Aᵀ)[ξ] of tile t's m×m gradients, for tiles t0 … t0 + len − 1.</summary>
    private static void GradTiles(float* stage, float* mt, WinogradPlan p, int tiles, int t0, int len)
    {
        int L = TV.Count, op = p.Op, per = p.Tiles, m = TT.M, alpha = TT.Alpha, sw = p.TW * m;
        nint xs = (nint)tiles * op, rowStride = (nint)sw * op;
        float* tmp = stackalloc float[6 * 4 * 16];
        for (int t = t0; t < t0 + len; t++)
        {
            int s = t / per, r = t % per, ty = r / p.TW, tx = r % p.TW;
            float* src = stage + s * p.StagedSample + ((nint)ty * m * sw + tx * m) * op;
            float* dst = mt + (nint)t * op;
            for (int ob = 0; ob < op; ob += L)
            {
                // Along each of the m rows (its m pixels → α), then down each of the α columns (m rows → α).
                for (int i = 0; i < m; i++) TT.GradOutput<TV>(src + i * rowStride + ob, op, tmp + i * alpha * L, L);
                for (int xb = 0; xb < alpha; xb++) TT.GradOutput<TV>(tmp + xb * L, alpha * L, dst + ob + xb * xs, alpha * xs);
            }
        }
    }

    /// <summary>dw[o, c, ·] = Gᵀ·dU[·, c, o]·G for every channel pair, through taps [Cin, 9, Op] and one transpose.</summary>
    private static void Taps(float* du, float* dw, WinogradPlan p)
    {
        int cin = p.Cin, op = p.Op, L = TV.Count;
        float[] taps = ArrayPool<float>.Shared.Rent(cin * 9 * op);
        try
        {
            fixed (float* pt = taps)
            {
                nint xs = (nint)cin * op, iu = (nint)du, it = (nint)pt;
                int alpha = TT.Alpha;
                RowParallel.Rows(cin, (long)cin * op * alpha * alpha * 4, (c0, len) =>
                {
                    float* tmp = stackalloc float[6 * 3 * 16];
                    for (int c = c0; c < c0 + len; c++)
                        for (int ob = 0; ob < op; ob += L)
                        {
                            float* src = (float*)iu + (nint)c * op + ob;
                            // Rows of the α×α (ξ = α·i + j): each row's α values → 3, then each column's α → 3.
                            for (int i = 0; i < alpha; i++) TT.GradKernel<TV>(src + alpha * i * xs, xs, tmp + i * 3 * L, L);
                            float* dst = (float*)it + (nint)c * 9 * op + ob;
                            for (int j = 0; j < 3; j++) TT.GradKernel<TV>(tmp + j * L, 3 * L, dst + j * op, 3 * op);
                        }
                });
                // dw[o, c·9 + tap] = taps[c·9 + tap, o].
                WinogradTranspose.InParallel(pt, op, cin * 9, p.Cout, dw, cin * 9);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(taps);
        }
    }
}
