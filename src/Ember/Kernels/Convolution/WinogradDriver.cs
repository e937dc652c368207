using System.Buffers;

namespace Ember.Kernels;

/// <summary>
/// Runs one <see cref="WinogradPlan"/> with lane blocks <typeparamref name="TV"/> and tile algorithm <typeparamref name="TF"/>:
/// per chunk of samples, (1) the samples are copied pixel-major and zero-padded, (2) every tile's α×α window is
/// transformed (Bᵀ d B) into V [α², P, Cp], (3) α² independent GEMMs M[ξ] [P, Op] = V[ξ] [P, Cin] · U[ξ] [Cin, Op] run on
/// the packed GEMM, (4) every tile's products are transformed back (Aᵀ m A + bias) into a pixel-major staging buffer
/// and (5) transposed into the NCHW output. Chunks run in parallel when there are enough of them, else the stages of
/// the single chunk are split (tiles, ξ, samples); each output element is computed by the same operations either way.
/// </summary>
internal static unsafe class WinogradDriver<TV, TF> where TV : unmanaged, ILanes<TV> where TF : IWinogradTile
{
    /// <summary>
    /// U [α², K, Np] (Np = N rounded up to <see cref="Winograd.LanePad"/>, padded lanes zero) from taps
    /// wt [K, 9, Np]: U[·, k, n] = G·g·Gᵀ of the 3×3 taps wt[k, ·, n], read in reverse (a 180° rotation) when asked.
    /// </summary>
    public static void TransformWeights(float* wt, int k, int np, bool rotate, float* u)
    {
        int L = TV.Count, a = TF.Alpha;
        nint xs = (nint)k * np, ts = rotate ? -np : np;
        RowParallel.Rows(k, (long)k * np * a * a, (k0, len) =>
        {
            float* t = stackalloc float[36 * 16];
            for (int kk = k0; kk < k0 + len; kk++)
                for (int nb = 0; nb < np; nb += L)
                {
                    float* src = wt + (nint)kk * 9 * np + nb + (rotate ? 8 * (nint)np : 0);
                    for (int i = 0; i < 3; i++) TF.Kernel<TV>(src + 3 * i * ts, ts, t + i * a * L, L);
                    float* dst = u + (nint)kk * np + nb;
                    for (int xb = 0; xb < a; xb++) TF.Kernel<TV>(t + xb * L, a * L, dst + xb * xs, a * xs);
                }
        });
    }

    /// <summary>y = winograd conv(x) with transformed weights u and bias (null: none), per <paramref name="p"/>.</summary>
    public static void Run(float* x, WinogradWeights u, float* bias, float* y, WinogradPlan p)
    {
        int per = p.SamplesPerChunk, chunks = (p.N + per - 1) / per, nt = Threading.NumThreads;
        long work = (long)p.N * p.Tiles * p.Xi * ((long)p.Cin * p.Cout + p.Cp + p.Op);
        nint ix = (nint)x, ib = (nint)bias, iy = (nint)y;
        // Whole chunks per thread when they divide evenly (or are many), else every stage of each chunk is split.
        if (nt > 1 && chunks > 1 && (chunks % nt == 0 || chunks >= 4 * nt) && work >= Gemm.ParallelThreshold)
        {
            // GEMMs inside a team part run serially (ThreadTeam.RunsSerially).
            RowParallel.Rows(chunks, work, (c0, len) =>
            {
                for (int c = c0; c < c0 + len; c++)
                    Chunk((float*)ix, u, (float*)ib, (float*)iy, p, c * per, Math.Min(per, p.N - c * per), inner: false);
            });
            return;
        }
        for (int c = 0; c < chunks; c++) Chunk(x, u, bias, y, p, c * per, Math.Min(per, p.N - c * per), inner: true);
    }

    /// <summary>Samples n0 … n0 + cnt − 1; the stages split over threads when <paramref name="inner"/>.</summary>
    private static void Chunk(float* x, WinogradWeights u, float* bias, float* y, WinogradPlan p, int n0, int cnt, bool inner)
    {
        int tiles = cnt * p.Tiles, cp = p.Cp, op = p.Op, xi = p.Xi;
        long padLen = cnt * p.PaddedSample, vLen = (long)xi * tiles * cp, mLen = (long)xi * tiles * op, sLen = cnt * p.StagedSample;
        float[] xp = ArrayPool<float>.Shared.Rent(checked((int)Math.Max(padLen, sLen)));
        float[] v = ArrayPool<float>.Shared.Rent(checked((int)vLen));
        float[] m = ArrayPool<float>.Shared.Rent(checked((int)mLen));
        float[] b = ArrayPool<float>.Shared.Rent(op);
        try
        {
            fixed (float* pxp = xp)
            fixed (float* pv = v)
            fixed (float* pm = m)
            fixed (float* pb = b)
            {
                for (int o = 0; o < op; o++) pb[o] = (nint)bias == 0 || o >= p.Cout ? 0f : bias[o];
                nint ixp = (nint)pxp, iv = (nint)pv, im = (nint)pm, ib = (nint)pb, ix = (nint)x, iy = (nint)y;
                var plan = p;
                // One sample (batch 1) is split by rows of its padded copy, and its output by channels.
                // (A transpose costs several times a copy per element: weighted 8× against the elementwise threshold.)
                if (cnt == 1) Split(p.Hp, 8 * padLen, inner, (r0, len) => PackRows((float*)ix, (float*)ixp, plan, n0, 0, r0, len));
                else Split(cnt, padLen, inner, (s0, len) => { for (int s = s0; s < s0 + len; s++) PackSample((float*)ix, (float*)ixp, plan, n0, s); });
                Split(tiles, vLen * 4, inner, (t0, len) => InputTiles((float*)ixp, (float*)iv, plan, tiles, t0, len));
                Split(xi, mLen * p.Cin / 8, inner, (x0, len) =>
                {
                    for (int k = x0; k < x0 + len; k++)
                        u.Multiply(k, tiles, new ReadOnlySpan<float>((float*)iv + (nint)k * tiles * cp, tiles * cp), cp,
                            new Span<float>((float*)im + (nint)k * tiles * op, tiles * op), op, plan.Cin);
                });
                // The staging buffer reuses the padded input's (no longer needed).
                Split(tiles, mLen * 2, inner, (t0, len) => OutputTiles((float*)im, (float*)ib, (float*)ixp, plan, tiles, t0, len));
                if (cnt == 1) Split(p.Cout, 8 * sLen, inner, (c0, len) => UnpackChannels((float*)ixp, (float*)iy, plan, n0, 0, c0, len));
                else Split(cnt, sLen, inner, (s0, len) => { for (int s = s0; s < s0 + len; s++) UnpackChannels((float*)ixp, (float*)iy, plan, n0, s, 0, plan.Cout); });
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(xp);
            ArrayPool<float>.Shared.Return(v);
            ArrayPool<float>.Shared.Return(m);
            ArrayPool<float>.Shared.Return(b);
        }
    }

    /// <summary>Runs body over [0, count) split across threads when <paramref name="parallel"/> (GEMMs inside a part run serially;
    /// a body that runs whole on the caller keeps its GEMMs parallel).</summary>
    private static void Split(int count, long work, bool parallel, Action<int, int> body)
    {
        if (!parallel || Threading.NumThreads <= 1)
        {
            body(0, count);
            return;
        }
        RowParallel.Rows(count, work, body);
    }

    /// <summary>Xp[s, h + PT, w + PL, c] = x[n0 + s, c, h, w], zero elsewhere (borders and padded channels).</summary>
    internal static void PackSample(float* x, float* xp, WinogradPlan p, int n0, int s) => PackRows(x, xp, p, n0, s, 0, p.Hp);

    /// <summary><see cref="PackSample"/> for rows [r0, r0 + len) of the padded copy only.</summary>
    private static void PackRows(float* x, float* xp, WinogradPlan p, int n0, int s, int r0, int len)
    {
        int cp = p.Cp, wp = p.Wp, hw = p.Hin * p.Win;
        float* dst = xp + s * p.PaddedSample;
        new Span<float>(dst + (nint)r0 * wp * cp, checked(len * wp * cp)).Clear();
        int h0 = Math.Max(Math.Max(0, -p.PT), r0 - p.PT), h1 = Math.Min(Math.Min(p.Hin, p.Hp - p.PT), r0 + len - p.PT);
        int w0 = Math.Max(0, -p.PL), w1 = Math.Min(p.Win, wp - p.PL);
        if (w1 <= w0) return;
        float* src = x + (nint)(n0 + s) * p.Cin * hw;
        for (int h = h0; h < h1; h++)
            WinogradTranspose.Run(src + h * p.Win + w0, hw, p.Cin, w1 - w0, dst + ((nint)(h + p.PT) * wp + w0 + p.PL) * cp, cp);
    }

    /// <summary>V[ξ, t, c] = (Bᵀ d B)[ξ] of tile t's α×α window of the padded input, for tiles t0 … t0 + len − 1.</summary>
    internal static void InputTiles(float* xp, float* v, WinogradPlan p, int tiles, int t0, int len)
    {
        int L = TV.Count, a = TF.Alpha, mm = TF.M, cp = p.Cp, per = p.Tiles;
        nint rowStride = (nint)p.Wp * cp, xs = (nint)tiles * cp;
        float* tmp = stackalloc float[36 * 16];
        for (int t = t0; t < t0 + len; t++)
        {
            int s = t / per, r = t % per, ty = r / p.TW, tx = r % p.TW;
            float* src = xp + s * p.PaddedSample + ((nint)ty * mm * p.Wp + tx * mm) * cp;
            float* dst = v + (nint)t * cp;
            for (int cb = 0; cb < cp; cb += L)
            {
                for (int i = 0; i < a; i++) TF.Input<TV>(src + i * rowStride + cb, cp, tmp + i * a * L, L);
                for (int xb = 0; xb < a; xb++) TF.Input<TV>(tmp + xb * L, a * L, dst + cb + xb * xs, a * xs);
            }
        }
    }

    /// <summary>Staging[s, ty·m + i, tx·m + j, o] = (Aᵀ M A)[i, j] + bias[o] of tiles t0 … t0 + len − 1.</summary>
    private static void OutputTiles(float* mt, float* bias, float* stage, WinogradPlan p, int tiles, int t0, int len)
    {
        int L = TV.Count, a = TF.Alpha, mm = TF.M, op = p.Op, per = p.Tiles, sw = p.TW * mm;
        nint xs = (nint)tiles * op, rowStride = (nint)sw * op;
        float* tmp = stackalloc float[36 * 16];
        TV zero = TV.Splat(0f);
        for (int t = t0; t < t0 + len; t++)
        {
            int s = t / per, r = t % per, ty = r / p.TW, tx = r % p.TW;
            float* src = mt + (nint)t * op;
            float* dst = stage + s * p.StagedSample + ((nint)ty * mm * sw + tx * mm) * op;
            for (int ob = 0; ob < op; ob += L)
            {
                for (int xb = 0; xb < a; xb++) TF.Output<TV>(src + ob + xb * xs, a * xs, tmp + xb * L, a * L, zero);
                TV bv = TV.Load(bias + ob);
                for (int i = 0; i < mm; i++) TF.Output<TV>(tmp + i * a * L, L, dst + ob + i * rowStride, op, bv);
            }
        }
    }

    /// <summary>y[n0 + s, o, h, w] = staging[s, h, w, o] for the valid outputs, channels o in [c0, c0 + len).</summary>
    private static void UnpackChannels(float* stage, float* y, WinogradPlan p, int n0, int s, int c0, int len)
    {
        int op = p.Op, sw = p.TW * p.M, ohw = p.Hout * p.Wout;
        float* src = stage + s * p.StagedSample + c0;
        float* dst = y + ((nint)(n0 + s) * p.Cout + c0) * ohw;
        if (sw == p.Wout)
            WinogradTranspose.Run(src, op, ohw, len, dst, ohw);
        else
            for (int h = 0; h < p.Hout; h++)
                WinogradTranspose.Run(src + (nint)h * sw * op, op, p.Wout, len, dst + h * p.Wout, ohw);
    }
}
