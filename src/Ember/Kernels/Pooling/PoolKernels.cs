using System.Numerics;

namespace Ember.Kernels;

/// <summary>
/// The pooling and resampling kernels over contiguous planes [P, H, W] (a 1-D op is H = 1): weighted window sums
/// (average and adaptive average pooling, nearest and linear interpolation) and their adjoints, window maxima with
/// PyTorch's flat per-plane indices, and the index scatter/gather of max pooling's backward and max unpooling. Planes
/// are split across threads (each thread owns whole planes, so the result does not depend on the thread count); the
/// per-axis tables (<see cref="PoolAxis"/>) are shared by all planes. float32 and float64 only (the ops widen 16-bit
/// floats to float32).
/// </summary>
internal static class PoolKernels
{
    /// <summary>y[p, oh, ow] = Σ_a Wh[a]·(Σ_b Ww[b]·x[p, ih_a, iw_b]) / divisor (no autograd).</summary>
    /// <param name="x">Contiguous, P·ah.In·aw.In elements.</param>
    /// <param name="p">P, the number of planes.</param>
    /// <param name="shape">The shape of the result (P·ah.Out·aw.Out elements).</param>
    /// <param name="ah">The height axis.</param>
    /// <param name="aw">The width axis.</param>
    /// <param name="divisorOverride">A divisor for every output, or null for Div_h·Div_w.</param>
    /// <param name="op">The op, named in a dtype error.</param>
    /// <returns>A contiguous [P, ah.Out·aw.Out] tensor of <paramref name="x"/>'s dtype.</returns>
    public static Tensor Weighted(Tensor x, int p, PoolAxis ah, PoolAxis aw, double? divisorOverride, int[] shape, string op)
    {
        var y = Tensor.Empty(shape, x.DType, op: op);
        var f = new WeightedFunc(x, y, p, ah, aw, divisorOverride, false);
        FloatDispatch.Run<WeightedFunc, bool>(x.DType, op, ref f);
        return y;
    }

    /// <summary>The adjoint of <see cref="Weighted"/>: dx[p, ih, iw] += Wh·Ww·g[p, oh, ow]/divisor.</summary>
    /// <param name="g">Contiguous, P·ah.Out·aw.Out elements.</param>
    /// <param name="p">P, the number of planes.</param>
    /// <param name="shape">The shape of the result (P·ah.In·aw.In elements).</param>
    /// <param name="ah">The height axis.</param>
    /// <param name="aw">The width axis.</param>
    /// <param name="divisorOverride">A divisor for every output, or null for Div_h·Div_w.</param>
    /// <param name="op">The op, named in a dtype error.</param>
    /// <returns>A contiguous [P, ah.In·aw.In] tensor.</returns>
    public static Tensor WeightedAdjoint(Tensor g, int p, PoolAxis ah, PoolAxis aw, double? divisorOverride, int[] shape, string op)
    {
        var dx = Tensor.Empty(shape, g.DType, zero: !(Whole(ah) && Whole(aw)), op: op); // a whole-plane adjoint writes every element
        var f = new WeightedFunc(dx, g, p, ah, aw, divisorOverride, true);
        FloatDispatch.Run<WeightedFunc, bool>(g.DType, op, ref f);
        return dx;
    }

    /// <summary>
    /// Window maxima: y[p, o] = the largest x[p, i] over the window (a NaN wins, the last NaN's index is kept, ties keep
    /// the first), indices[p, o] = i as ih·W + iw (PyTorch's CPU max pooling).
    /// </summary>
    /// <param name="x">Contiguous, P·ah.In·aw.In elements.</param>
    /// <param name="p">P, the number of planes.</param>
    /// <param name="shape">The shape of the result (P·ah.Out·aw.Out elements).</param>
    /// <param name="ah">The height axis.</param>
    /// <param name="aw">The width axis.</param>
    /// <param name="indices">Whether to return the indices.</param>
    /// <param name="op">The op, named in a dtype error.</param>
    /// <returns>The maxima and (when asked for) their int64 indices, both of <paramref name="shape"/>.</returns>
    public static (Tensor Values, Tensor? Indices) Max(Tensor x, int p, PoolAxis ah, PoolAxis aw, int[] shape, bool indices, string op)
    {
        var y = Tensor.Empty(shape, x.DType, op: op);
        var idx = indices ? Tensor.Empty((int[])shape.Clone(), DType.Int64, op: op) : null;
        var f = new MaxFunc(x, y, idx, p, ah, aw);
        FloatDispatch.Run<MaxFunc, bool>(x.DType, op, ref f);
        return (y, idx);
    }

    /// <summary>
    /// dst[p, idx[p, o]] += src[p, o] (max pooling's backward; <paramref name="set"/>: = instead of +=, max unpooling) into
    /// a zeroed [P, <paramref name="dstPlane"/>] tensor. The indices are in range (checked by the caller).
    /// </summary>
    public static Tensor Scatter(Tensor src, Tensor indices, int p, int srcPlane, int dstPlane, bool set, int[] shape, string op)
    {
        var dst = Tensor.Empty(shape, src.DType, op: op); // IndexFunc clears each plane just before it scatters into it
        var f = new IndexFunc(src, indices, dst, p, srcPlane, dstPlane, set ? 1 : 0);
        FloatDispatch.Run<IndexFunc, bool>(src.DType, op, ref f);
        return dst;
    }

    /// <summary>dst[p, o] = src[p, idx[p, o]] (the adjoint of <see cref="Scatter"/>); [P, <paramref name="srcPlane"/>] → [P, O].</summary>
    public static Tensor Gather(Tensor src, Tensor indices, int p, int srcPlane, int o, int[] shape, string op)
    {
        var dst = Tensor.Empty(shape, src.DType, op: op);
        var f = new IndexFunc(src, indices, dst, p, o, srcPlane, 2);
        FloatDispatch.Run<IndexFunc, bool>(src.DType, op, ref f);
        return dst;
    }

    /// <summary>The first index of <paramref name="indices"/> (int64, contiguous) outside [0, <paramref name="limit"/>), or null.</summary>
    public static long? FirstOutOfRange(Tensor indices, int limit)
    {
        var a = indices.Typed<long>().Array;
        int off = indices.Offset, n = indices.Numel;
        long? bad = null;
        for (int i = 0; i < n; i++)
        {
            long v = a[off + i];
            if ((ulong)v >= (ulong)limit)
            {
                bad = v;
                break;
            }
        }
        GC.KeepAlive(indices);
        return bad;
    }

    private readonly struct WeightedFunc(Tensor a, Tensor b, int planes, PoolAxis ah, PoolAxis aw, double? divisorOverride, bool adjoint) : IFloatFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (planes == 0 || a.Numel == 0 || b.Numel == 0) return true;
            // forward: a = x [P, In], b = y [P, Out]; adjoint: a = dx [P, In] (zeroed), b = g [P, Out]
            var aa = a.Typed<T>().Array;
            var ba = b.Typed<T>().Array;
            int ao = a.Offset, bo = b.Offset;
            if (Whole(ah) && Whole(aw))
            {
                Global<T>(aa, ao, ba, bo, planes, ah.In, aw.In, T.CreateTruncating(divisorOverride ?? ah.Div[0] * aw.Div[0]), adjoint);
                GC.KeepAlive(a);
                GC.KeepAlive(b);
                return true;
            }
            var wh = Convert<T>(ah.W);
            var ww = Convert<T>(aw.W);
            var inv = new T[ah.Out * aw.Out];
            for (int oh = 0; oh < ah.Out; oh++)
                for (int ow = 0; ow < aw.Out; ow++)
                    inv[oh * aw.Out + ow] = divisorOverride is { } d ? T.CreateTruncating(d) : T.CreateTruncating(ah.Div[oh] * aw.Div[ow]);
            int inPlane = ah.In * aw.In, outPlane = ah.Out * aw.Out, iw = aw.In;
            var hS = ah.Start; var hI = ah.Idx; var wS = aw.Start; var wI = aw.Idx;
            int nOutW = aw.Out, nOutH = ah.Out;
            bool adj = adjoint;
            RowParallel.Rows(planes, (long)planes * Math.Max(inPlane, outPlane) * 2, (p0, len) =>
            {
                for (int p = p0; p < p0 + len; p++)
                {
                    int pa = ao + p * inPlane, pb = bo + p * outPlane;
                    for (int oh = 0; oh < nOutH; oh++)
                    {
                        int h0 = hS[oh], h1 = hS[oh + 1];
                        for (int ow = 0; ow < nOutW; ow++)
                        {
                            int w0 = wS[ow], w1 = wS[ow + 1];
                            int o = oh * nOutW + ow;
                            if (!adj)
                            {
                                T acc = T.Zero;
                                for (int h = h0; h < h1; h++)
                                {
                                    int row = pa + hI[h] * iw;
                                    T racc = T.Zero;
                                    for (int w = w0; w < w1; w++) racc += ww[w] * aa[row + wI[w]];
                                    acc += wh[h] * racc;
                                }
                                ba[pb + o] = acc / inv[o];
                            }
                            else
                            {
                                T gd = ba[pb + o] / inv[o];
                                for (int h = h0; h < h1; h++)
                                {
                                    int row = pa + hI[h] * iw;
                                    T whh = wh[h];
                                    for (int w = w0; w < w1; w++) aa[row + wI[w]] += whh * ww[w] * gd;
                                }
                            }
                        }
                    }
                }
            });
            GC.KeepAlive(a);
            GC.KeepAlive(b);
            return true;
        }
    }

    /// <summary>
    /// Global pooling (adaptive_avg_pool2d(x, 1) and the like), the general loop's sums without its tables: forward
    /// y[p] = PlaneSum(x[p]) / div, adjoint x[p, :] = 0 + y[p] / div (a = x [P, H·W], b = y [P]).
    /// </summary>
    private static void Global<T>(T[] aa, int ao, T[] ba, int bo, int planes, int h, int w, T div, bool adjoint) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int inPlane = h * w;
        RowParallel.Rows(planes, (long)planes * inPlane * 2, (p0, len) =>
        {
            if (!adjoint) for (int p = p0; p < p0 + len; p++) ba[bo + p] = PlaneSum(new ReadOnlySpan<T>(aa, ao + p * inPlane, inPlane), h, w) / div;
            else for (int p = p0; p < p0 + len; p++) new Span<T>(aa, ao + p * inPlane, inPlane).Fill(T.Zero + ba[bo + p] / div);
        });
    }

    /// <summary>Σ_rows (Σ_cols x), each sum from zero in order: the window sum of the general loop with unit weights, bit for bit.</summary>
    private static T PlaneSum<T>(ReadOnlySpan<T> x, int h, int w) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T acc = T.Zero;
        for (int r = 0; r < h; r++)
        {
            var row = x.Slice(r * w, w);
            T racc = T.Zero;
            for (int c = 0; c < row.Length; c++) racc += row[c];
            acc += racc;
        }
        return acc;
    }

    /// <summary>Whether the axis has one output whose window is the whole input, in order, with unit weights.</summary>
    private static bool Whole(PoolAxis a)
    {
        if (a.Out != 1 || a.Idx.Length != a.In) return false;
        for (int i = 0; i < a.In; i++)
            if (a.Idx[i] != i || a.W[i] != 1.0) return false;
        return true;
    }

    private static T[] Convert<T>(double[] v) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new T[v.Length];
        for (int i = 0; i < v.Length; i++) r[i] = T.CreateTruncating(v[i]);
        return r;
    }

    private readonly struct MaxFunc(Tensor x, Tensor y, Tensor? idx, int planes, PoolAxis ah, PoolAxis aw) : IFloatFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (planes == 0 || y.Numel == 0) return true;
            var xa = x.Typed<T>().Array;
            var ya = y.Typed<T>().Array;
            var ia = idx?.Typed<long>().Array;
            int xo = x.Offset;
            bool wide = typeof(T) == typeof(float) && MaxPoolSimd.Supports(ah, aw);
            if (wide || (typeof(T) == typeof(float) && MaxPoolSmall.Supports(ah, aw)))
            {
                if (wide) MaxPoolSimd.Run((float[])(object)xa, xo, (float[])(object)ya, ia, planes, ah, aw);
                else MaxPoolSmall.Run((float[])(object)xa, xo, (float[])(object)ya, ia, planes, ah, aw);
                GC.KeepAlive(x);
                GC.KeepAlive(y);
                GC.KeepAlive(idx);
                return true;
            }
            int inPlane = ah.In * aw.In, outPlane = ah.Out * aw.Out, iw = aw.In;
            var hS = ah.Start; var hI = ah.Idx; var wS = aw.Start; var wI = aw.Idx;
            var hF = ah.First; var wF = aw.First;
            int nOutW = aw.Out, nOutH = ah.Out;
            bool w2 = true;
            for (int k = 0; k < nOutW; k++) w2 &= wS[k + 1] - wS[k] == 2;
            RowParallel.Rows(planes, (long)planes * Math.Max(inPlane, outPlane) * 2, (p0, len) =>
            {
                for (int p = p0; p < p0 + len; p++)
                {
                    int px = xo + p * inPlane, py = p * outPlane;
                    for (int oh = 0; oh < nOutH; oh++)
                    {
                        int h0 = hS[oh], h1 = hS[oh + 1];
                        if (w2 && h1 - h0 == 2)
                        {
                            // two taps per axis everywhere in this row (MaxPool2d(2)): the common case, unrolled
                            int r0 = hI[h0] * iw, r1 = hI[h0 + 1] * iw;
                            for (int ow = 0; ow < nOutW; ow++)
                            {
                                int c0 = wI[2 * ow], c1 = wI[2 * ow + 1];
                                T m = T.NegativeInfinity;
                                long mi = (long)hF[oh] * iw + wF[ow];
                                Take(xa[px + r0 + c0], r0 + c0, ref m, ref mi);
                                Take(xa[px + r0 + c1], r0 + c1, ref m, ref mi);
                                Take(xa[px + r1 + c0], r1 + c0, ref m, ref mi);
                                Take(xa[px + r1 + c1], r1 + c1, ref m, ref mi);
                                ya[py + oh * nOutW + ow] = m;
                                if (ia is not null) ia[py + oh * nOutW + ow] = mi;
                            }
                            continue;
                        }
                        for (int ow = 0; ow < nOutW; ow++)
                        {
                            int w0 = wS[ow], w1 = wS[ow + 1];
                            T m = T.NegativeInfinity;
                            long mi = (long)hF[oh] * iw + wF[ow];
                            for (int h = h0; h < h1; h++)
                            {
                                int row = hI[h] * iw;
                                for (int w = w0; w < w1; w++)
                                {
                                    int i = row + wI[w];
                                    Take(xa[px + i], i, ref m, ref mi);
                                }
                            }
                            ya[py + oh * nOutW + ow] = m;
                            if (ia is not null) ia[py + oh * nOutW + ow] = mi;
                        }
                    }
                }
            });
            GC.KeepAlive(x);
            GC.KeepAlive(y);
            GC.KeepAlive(idx);
            return true;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private static void Take<T>(T v, int i, ref T m, ref long mi) where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (v > m || T.IsNaN(v))
            {
                m = v;
                mi = i;
            }
        }
    }

    /// <summary>
    /// mode 0: dst[p, idx] += src[p, o]; 1: dst[p, idx] = src[p, o] (both into dst planes they clear first, while the
    /// plane is in cache); 2: dst[p, o] = src[p, idx].
    /// </summary>
    private readonly struct IndexFunc(Tensor src, Tensor idx, Tensor dst, int planes, int o, int big, int mode) : IFloatFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            var sa = src.Typed<T>().Array;
            var da = dst.Typed<T>().Array;
            var ia = idx.Typed<long>().Array;
            int so = src.Offset, doff = dst.Offset, io = idx.Offset;
            int n = o, b = big, md = mode;
            if (planes == 0 || o == 0 || big == 0)
            {
                if (md != 2) new Span<T>(da, doff, dst.Numel).Clear();
                GC.KeepAlive(dst);
                return true;
            }
            RowParallel.Rows(planes, (long)planes * (n + b), (p0, len) =>
            {
                for (int p = p0; p < p0 + len; p++)
                {
                    var at = new ReadOnlySpan<long>(ia, io + p * n, n);
                    if (md == 2)
                    {
                        var from = new ReadOnlySpan<T>(sa, so + p * b, b);
                        var to = new Span<T>(da, doff + p * n, at.Length);
                        for (int k = 0; k < at.Length; k++) to[k] = from[(int)at[k]];
                    }
                    else
                    {
                        var from = new ReadOnlySpan<T>(sa, so + p * n, at.Length);
                        var to = new Span<T>(da, doff + p * b, b);
                        to.Clear();
                        if (md == 0) for (int k = 0; k < at.Length; k++) to[(int)at[k]] += from[k];
                        else for (int k = 0; k < at.Length; k++) to[(int)at[k]] = from[k];
                    }
                }
            });
            GC.KeepAlive(src);
            GC.KeepAlive(dst);
            GC.KeepAlive(idx);
            return true;
        }
    }
}
