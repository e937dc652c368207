using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace Ember.Kernels;

/// <summary>
/// The geometry of one 2-D convolution (a 1-D one has H = KH = 1): input [N, C, H, W], weight [O, C/groups, KH, KW],
/// output [N, O, OH, OW], with the top/left zero padding PT/PL (the bottom/right padding is implied by OH/OW, so
/// PyTorch's asymmetric "same" padding needs no copy). A transposed convolution is described by the convolution whose
/// input gradient it computes: its output is this geometry's input.
/// </summary>
internal readonly record struct ConvGeometry(int N, int C, int H, int W, int O, int KH, int KW,
    int SH, int SW, int PT, int PL, int DH, int DW, int Groups, int OH, int OW)
{
    public int Cg => C / Groups;
    public int Og => O / Groups;
    /// <summary>Rows of the column matrix of one group: Cg·KH·KW.</summary>
    public int K => Cg * KH * KW;
    public int HW => H * W;
    public int OHW => OH * OW;

    /// <summary>A 1×1 kernel with unit stride and no padding: the input is the column matrix itself.</summary>
    public bool IsPointwise => KH == 1 && KW == 1 && SH == 1 && SW == 1 && PT == 0 && PL == 0 && OH == H && OW == W;

    /// <summary>Depthwise: one input channel per group (groups == in_channels), run by the direct kernel.</summary>
    public bool IsDepthwise => Cg == 1 && Groups > 1;

    /// <summary>Multiply-adds of the whole convolution (an estimate of the work, for the parallel split).</summary>
    public long Work => (long)N * O * OHW * Math.Max(1, K);
}

/// <summary>
/// Convolution kernels on contiguous float/double buffers: the forward pass (im2col + the packed GEMM, a plain GEMM for
/// pointwise kernels, a direct kernel for depthwise), the input gradient (Wᵀ·dY + col2im; also the forward pass of the
/// transposed convolution) and the weight gradient (dY·colsᵀ summed over the batch). Work is split over the batch in
/// chunks that depend only on the batch size, so results do not depend on the thread count; each chunk rents its
/// column workspace from the array pool.
/// </summary>
internal static class ConvKernels
{
    private const long ParallelWork = 1L << 17;

    /// <summary>y = conv(x, w) (+ bias). All tensors contiguous, same dtype (float32 or float64); y is written whole.</summary>
    public static void Forward(Tensor x, Tensor w, Tensor? bias, Tensor y, in ConvGeometry g)
    {
        switch (y.DType)
        {
            case DType.Float32: Forward<float>(x, w, bias, y, g); break;
            case DType.Float64: Forward<double>(x, w, bias, y, g); break;
            default: throw Dispatch.Unsupported("conv", y.DType);
        }
        GC.KeepAlive(x); GC.KeepAlive(w); GC.KeepAlive(bias); GC.KeepAlive(y);
    }

    /// <summary>dx = conv's input gradient for dy (the transposed convolution of dy), + bias per channel of dx when given.</summary>
    public static void BackwardInput(Tensor dy, Tensor w, Tensor? bias, Tensor dx, in ConvGeometry g)
    {
        switch (dx.DType)
        {
            case DType.Float32: BackwardInput<float>(dy, w, bias, dx, g); break;
            case DType.Float64: BackwardInput<double>(dy, w, bias, dx, g); break;
            default: throw Dispatch.Unsupported("conv", dx.DType);
        }
        GC.KeepAlive(dy); GC.KeepAlive(w); GC.KeepAlive(bias); GC.KeepAlive(dx);
    }

    /// <summary>dw [O, Cg, KH, KW] = Σₙ dY[n]·cols(x[n])ᵀ.</summary>
    public static void BackwardWeight(Tensor x, Tensor dy, Tensor dw, in ConvGeometry g)
    {
        switch (dw.DType)
        {
            case DType.Float32: BackwardWeight<float>(x, dy, dw, g); break;
            case DType.Float64: BackwardWeight<double>(x, dy, dw, g); break;
            default: throw Dispatch.Unsupported("conv", dw.DType);
        }
        GC.KeepAlive(x); GC.KeepAlive(dy); GC.KeepAlive(dw);
    }

    /// <summary>db[o] = Σₙ Σ dy[n, o, ·] for a contiguous dy [N, O, …] (each channel summed in a fixed order).</summary>
    public static void BiasGrad(Tensor dy, Tensor db)
    {
        switch (db.DType)
        {
            case DType.Float32: BiasGrad<float>(dy, db); break;
            case DType.Float64: BiasGrad<double>(dy, db); break;
            default: throw Dispatch.Unsupported("conv", db.DType);
        }
        GC.KeepAlive(dy); GC.KeepAlive(db);
    }

    private static void BiasGrad<T>(Tensor dyt, Tensor dbt) where T : unmanaged, INumber<T>
    {
        T[] dy = dyt.Typed<T>().Array, db = dbt.Typed<T>().Array;
        int n = dyt.ShapeArray[0], o = dyt.ShapeArray[1], s = n * o == 0 ? 0 : dyt.Numel / (n * o), dyo = dyt.Offset;
        ForChunks(o, (long)dyt.Numel, c =>
        {
            T acc = T.Zero;
            for (int i = 0; i < n; i++) acc += TensorPrimitives.Sum<T>(dy.AsSpan(dyo + (i * o + c) * s, s));
            db[dbt.Offset + c] = acc;
        });
    }

    /// <summary>Runs body(chunk) for chunk in [0, chunks), in parallel when the work is large; GEMMs inside run serially.</summary>
    private static void ForChunks(int chunks, long work, Action<int> body)
    {
        int nt = Math.Min(Threading.NumThreads, chunks);
        if (nt <= 1 || work < ParallelWork)
        {
            for (int c = 0; c < chunks; c++) body(c);
            return;
        }
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = nt }, c =>
        {
            bool saved = Gemm.SerialOnThisThread;
            Gemm.SerialOnThisThread = true;
            try { body(c); }
            finally { Gemm.SerialOnThisThread = saved; }
        });
    }

    private static void Forward<T>(Tensor xt, Tensor wt, Tensor? bt, Tensor yt, ConvGeometry g) where T : unmanaged, INumber<T>
    {
        T[] x = xt.Typed<T>().Array, w = wt.Typed<T>().Array, y = yt.Typed<T>().Array;
        int xo = xt.Offset, wo = wt.Offset;
        T[]? b = bt?.Typed<T>().Array;
        int bo = bt?.Offset ?? 0;
        int ohw = g.OHW, k = g.K, og = g.Og, cg = g.Cg;
        if (g.N == 0 || g.O == 0 || ohw == 0) return;
        if (g.IsDepthwise)
        {
            int planes = g.N * g.O;
            ForChunks(planes, g.Work, p =>
            {
                int n = p / g.O, o = p % g.O, c = o / og;
                var dst = y.AsSpan(p * ohw, ohw);
                dst.Clear();
                DepthwiseForward<T>(x.AsSpan(xo + (n * g.C + c) * g.HW, g.HW), w.AsSpan(wo + o * g.KH * g.KW, g.KH * g.KW), dst, g);
                if (b is not null) TensorPrimitives.Add(dst, b[bo + o], dst);
            });
            return;
        }
        bool pointwise = g.IsPointwise;
        ForChunks(g.N, g.Work, n =>
        {
            T[]? cols = pointwise || k == 0 ? null : ArrayPool<T>.Shared.Rent(k * ohw);
            try
            {
                for (int gi = 0; gi < g.Groups; gi++)
                {
                    var xs = x.AsSpan(xo + (n * g.C + gi * cg) * g.HW, cg * g.HW);
                    ReadOnlySpan<T> colSpan = xs;
                    if (cols is not null)
                    {
                        Im2Col<T>(xs, cols.AsSpan(0, k * ohw), g);
                        colSpan = cols.AsSpan(0, k * ohw);
                    }
                    var dst = y.AsSpan((n * g.O + gi * og) * ohw, og * ohw);
                    if (k == 0) dst.Clear();
                    else Gemm.Compute<T>(og, ohw, k, w.AsSpan(wo + gi * og * k, og * k), k, 1, colSpan, ohw, 1, dst, ohw, accumulate: false);
                    if (b is not null)
                        for (int o = 0; o < og; o++)
                            TensorPrimitives.Add(dst.Slice(o * ohw, ohw), b[bo + gi * og + o], dst.Slice(o * ohw, ohw));
                }
            }
            finally
            {
                if (cols is not null) ArrayPool<T>.Shared.Return(cols);
            }
        });
    }

    private static void BackwardInput<T>(Tensor dyt, Tensor wt, Tensor? bt, Tensor dxt, ConvGeometry g) where T : unmanaged, INumber<T>
    {
        T[] dy = dyt.Typed<T>().Array, w = wt.Typed<T>().Array, dx = dxt.Typed<T>().Array;
        int dyo = dyt.Offset, wo = wt.Offset;
        T[]? b = bt?.Typed<T>().Array;
        int bo = bt?.Offset ?? 0;
        int ohw = g.OHW, k = g.K, og = g.Og, cg = g.Cg, hw = g.HW;
        if (g.N == 0 || g.C == 0 || hw == 0) return;
        if (g.IsDepthwise)
        {
            int planes = g.N * g.C;
            ForChunks(planes, g.Work, p =>
            {
                int n = p / g.C, c = p % g.C;
                var dst = dx.AsSpan(p * hw, hw);
                dst.Clear();
                for (int m = 0; m < og; m++)
                {
                    int o = c * og + m;
                    DepthwiseBackwardInput<T>(dy.AsSpan(dyo + (n * g.O + o) * ohw, ohw), w.AsSpan(wo + o * g.KH * g.KW, g.KH * g.KW), dst, g);
                }
                if (b is not null) TensorPrimitives.Add(dst, b[bo + c], dst);
            });
            return;
        }
        bool pointwise = g.IsPointwise;
        ForChunks(g.N, g.Work, n =>
        {
            T[]? cols = pointwise || k == 0 ? null : ArrayPool<T>.Shared.Rent(k * ohw);
            try
            {
                for (int gi = 0; gi < g.Groups; gi++)
                {
                    var dst = dx.AsSpan((n * g.C + gi * cg) * hw, cg * hw);
                    var dys = dy.AsSpan(dyo + (n * g.O + gi * og) * ohw, og * ohw);
                    var ws = w.AsSpan(wo + gi * og * k, og * k);
                    if (cols is null)
                    {
                        if (og == 0 || k == 0) dst.Clear();
                        else Gemm.Compute<T>(k, ohw, og, ws, 1, k, dys, ohw, 1, dst, ohw, accumulate: false);
                    }
                    else
                    {
                        var cs = cols.AsSpan(0, k * ohw);
                        if (og == 0) cs.Clear();
                        else Gemm.Compute<T>(k, ohw, og, ws, 1, k, dys, ohw, 1, cs, ohw, accumulate: false);
                        dst.Clear();
                        Col2Im<T>(cs, dst, g);
                    }
                    if (b is not null)
                        for (int c = 0; c < cg; c++)
                            TensorPrimitives.Add(dst.Slice(c * hw, hw), b[bo + gi * cg + c], dst.Slice(c * hw, hw));
                }
            }
            finally
            {
                if (cols is not null) ArrayPool<T>.Shared.Return(cols);
            }
        });
    }

    private static void BackwardWeight<T>(Tensor xt, Tensor dyt, Tensor dwt, ConvGeometry g) where T : unmanaged, INumber<T>
    {
        T[] x = xt.Typed<T>().Array, dy = dyt.Typed<T>().Array, dw = dwt.Typed<T>().Array;
        int xo = xt.Offset, dyo = dyt.Offset;
        int ohw = g.OHW, k = g.K, og = g.Og, cg = g.Cg, hw = g.HW, total = g.O * k;
        var dwAll = dw.AsSpan(dwt.Offset, total);
        dwAll.Clear();
        if (g.N == 0 || total == 0 || ohw == 0) return;
        if (g.IsDepthwise)
        {
            int kk = g.KH * g.KW;
            ForChunks(g.O, g.Work, o =>
            {
                int c = o / og;
                var dst = dw.AsSpan(dwt.Offset + o * kk, kk);
                for (int n = 0; n < g.N; n++)
                    DepthwiseBackwardWeight<T>(x.AsSpan(xo + (n * g.C + c) * hw, hw), dy.AsSpan(dyo + (n * g.O + o) * ohw, ohw), dst, g);
            });
            return;
        }
        // Fixed chunks of the batch (a function of N only); each sums its samples into its own partial.
        int chunks = Math.Min(g.N, 8), per = (g.N + chunks - 1) / chunks;
        chunks = (g.N + per - 1) / per;
        var partials = ArrayPool<T>.Shared.Rent(chunks * total);
        bool pointwise = g.IsPointwise;
        try
        {
            ForChunks(chunks, g.Work, ch =>
            {
                var part = partials.AsSpan(ch * total, total);
                part.Clear();
                T[]? cols = pointwise ? null : ArrayPool<T>.Shared.Rent(k * ohw);
                try
                {
                    for (int n = ch * per; n < Math.Min(g.N, (ch + 1) * per); n++)
                        for (int gi = 0; gi < g.Groups; gi++)
                        {
                            var xs = x.AsSpan(xo + (n * g.C + gi * cg) * hw, cg * hw);
                            ReadOnlySpan<T> colSpan = xs;
                            if (cols is not null)
                            {
                                Im2Col<T>(xs, cols.AsSpan(0, k * ohw), g);
                                colSpan = cols.AsSpan(0, k * ohw);
                            }
                            Gemm.Compute<T>(og, k, ohw, dy.AsSpan(dyo + (n * g.O + gi * og) * ohw, og * ohw), ohw, 1,
                                colSpan, 1, ohw, part.Slice(gi * og * k, og * k), k, accumulate: true);
                        }
                }
                finally
                {
                    if (cols is not null) ArrayPool<T>.Shared.Return(cols);
                }
            });
            for (int ch = 0; ch < chunks; ch++)
                TensorPrimitives.Add<T>(dwAll, partials.AsSpan(ch * total, total), dwAll);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(partials);
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

    /// <summary>cols[(c·KH + i)·KW + j, oh·OW + ow] = x[c, oh·SH − PT + i·DH, ow·SW − PL + j·DW] (0 outside).</summary>
    /// <remarks>The rows of a small feature map are short, so each row segment is copied with one block copy and its
    /// (usually empty) zero borders written element by element, without span slicing per segment.</remarks>
    internal static unsafe void Im2Col<T>(ReadOnlySpan<T> x, Span<T> cols, in ConvGeometry g) where T : unmanaged, INumber<T>
    {
        int ohw = g.OHW, r = 0, ow_ = g.OW;
        if ((long)g.Cg * g.HW > x.Length || (long)g.K * ohw > cols.Length)
            throw new ArgumentException("conv: im2col buffers are too short for the geometry");
        fixed (T* xp = x)
        fixed (T* cp = cols)
        {
            for (int c = 0; c < g.Cg; c++)
            {
                T* plane = xp + (nint)c * g.HW;
                for (int i = 0; i < g.KH; i++)
                    for (int j = 0; j < g.KW; j++, r++)
                    {
                        T* row = cp + (nint)r * ohw;
                        var (lo, hi, off) = ColumnRange(j, g);
                        for (int oh = 0; oh < g.OH; oh++)
                        {
                            T* dst = row + (nint)oh * ow_;
                            long ih = (long)oh * g.SH - g.PT + (long)i * g.DH;
                            if (ih < 0 || ih >= g.H || hi == lo)
                            {
                                new Span<T>(dst, ow_).Clear();
                                continue;
                            }
                            T* src = plane + (nint)ih * g.W;
                            for (int ow = 0; ow < lo; ow++) dst[ow] = T.Zero;
                            for (int ow = hi; ow < ow_; ow++) dst[ow] = T.Zero;
                            if (g.SW == 1)
                                Buffer.MemoryCopy(src + lo + off, dst + lo, (long)(hi - lo) * sizeof(T), (long)(hi - lo) * sizeof(T));
                            else
                                for (int ow = lo; ow < hi; ow++) dst[ow] = src[(nint)((long)ow * g.SW + off)];
                        }
                    }
            }
        }
    }

    /// <summary>The adjoint of <see cref="Im2Col{T}"/>: x[c, ih, iw] += cols[…] (x zeroed by the caller).</summary>
    internal static unsafe void Col2Im<T>(ReadOnlySpan<T> cols, Span<T> x, in ConvGeometry g) where T : unmanaged, INumber<T>
    {
        int ohw = g.OHW, r = 0, ow_ = g.OW;
        if ((long)g.Cg * g.HW > x.Length || (long)g.K * ohw > cols.Length)
            throw new ArgumentException("conv: col2im buffers are too short for the geometry");
        fixed (T* cp = cols)
        fixed (T* xp = x)
        {
            for (int c = 0; c < g.Cg; c++)
            {
                T* plane = xp + (nint)c * g.HW;
                for (int i = 0; i < g.KH; i++)
                    for (int j = 0; j < g.KW; j++, r++)
                    {
                        T* row = cp + (nint)r * ohw;
                        var (lo, hi, off) = ColumnRange(j, g);
                        if (hi == lo) continue;
                        int len = hi - lo;
                        for (int oh = 0; oh < g.OH; oh++)
                        {
                            long ih = (long)oh * g.SH - g.PT + (long)i * g.DH;
                            if (ih < 0 || ih >= g.H) continue;
                            T* src = row + (nint)oh * ow_;
                            T* dst = plane + (nint)ih * g.W;
                            if (g.SW == 1)
                            {
                                T* d = dst + lo + off;
                                T* s = src + lo;
                                if (len >= 32)
                                {
                                    var ds = new Span<T>(d, len);
                                    TensorPrimitives.Add<T>(ds, new ReadOnlySpan<T>(s, len), ds);
                                }
                                else
                                    for (int t = 0; t < len; t++) d[t] += s[t];
                            }
                            else
                                for (int ow = lo; ow < hi; ow++) dst[(nint)((long)ow * g.SW + off)] += src[ow];
                        }
                    }
            }
        }
    }

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
}
