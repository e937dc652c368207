using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

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
internal static partial class ConvKernels
{
    private const long ParallelWork = 1L << 17;

    /// <summary>
    /// y = conv(x, w) (+ bias), then ReLU when <paramref name="relu"/> (inference's fused epilogue: applied to each row of
    /// the product while it is in cache). All tensors contiguous, same dtype (float32 or float64); y is written whole.
    /// </summary>
    public static void Forward(Tensor x, Tensor w, Tensor? bias, Tensor y, in ConvGeometry g, bool relu = false)
    {
        switch (y.DType)
        {
            // The fast paths are tried here: the generic method allocates its closures on entry.
            case DType.Float32:
                if (g.N == 0 || g.O == 0 || g.OHW == 0) break;
                if (OutputLanesConv.TryForward(x, w, bias, y, g, relu)) break;
                // Winograd mixes a tile's values, so one infinity in x or w turns outputs that PyTorch's product leaves
                // infinite into NaN: a non-finite result is recomputed by the GEMM, whose sums are PyTorch's.
                if (TapPairConv.TryForward(x, w, bias, y, g) || (Winograd.TryForward(x, w, bias, y, g) && Finite(y)) || DepthwiseConv.TryForward(x, w, bias, y, g))
                {
                    if (relu) ReluInPlace<float>(y, g);
                }
                // The direct kernel applies the ReLU as it stores each block.
                else if (!DirectConv.TryForward(x, w, bias, y, g, relu)) Forward<float>(x, w, bias, y, g, relu);
                break;
            case DType.Float64: Forward<double>(x, w, bias, y, g, relu); break;
            default: throw Dispatch.Unsupported("conv", y.DType);
        }
        GC.KeepAlive(x); GC.KeepAlive(w); GC.KeepAlive(bias); GC.KeepAlive(y);
    }

    /// <summary>dx = conv's input gradient for dy (the transposed convolution of dy), + bias per channel of dx when given.</summary>
    public static void BackwardInput(Tensor dy, Tensor w, Tensor? bias, Tensor dx, in ConvGeometry g)
    {
        switch (dx.DType)
        {
            case DType.Float32:
                // A non-finite result of a fast path is recomputed by the GEMM + col2im, which (as PyTorch) never multiplies
                // the weights by the zeros around dy nor mixes a tile's values (0·∞ or ∞ − ∞ would make NaN of an infinity).
                if (g.N == 0 || g.C == 0 || g.HW == 0) break;
                // The tap pairs never multiply padding nor mix values: their result stands.
                if (!(TapPairConv.TryBackwardInput(dy, w, bias, dx, g) || ((Winograd.TryBackwardInput(dy, w, bias, dx, g) || DirectConv.TryBackwardInput(dy, w, bias, dx, g)
                    || DepthwiseConv.TryBackwardInput(dy, w, bias, dx, g)) && Finite(dx))))
                    BackwardInput<float>(dy, w, bias, dx, g);
                break;
            case DType.Float64: BackwardInput<double>(dy, w, bias, dx, g); break;
            default: throw Dispatch.Unsupported("conv", dx.DType);
        }
        GC.KeepAlive(dy); GC.KeepAlive(w); GC.KeepAlive(bias); GC.KeepAlive(dx);
    }

    /// <summary>Whether every element of the contiguous float32 tensor is finite.</summary>
    private static bool Finite(Tensor t) => FiniteCheck.All(t.Typed<float>().Array, t.Offset, checked((int)t.Numel));

    /// <summary>dw [O, Cg, KH, KW] = Σₙ dY[n]·cols(x[n])ᵀ.</summary>
    public static void BackwardWeight(Tensor x, Tensor dy, Tensor dw, in ConvGeometry g)
    {
        switch (dw.DType)
        {
            case DType.Float32:
                if (g.N == 0 || g.O * g.K == 0 || g.OHW == 0 || (!TapPairConv.TryBackwardWeight(x, dy, dw, g) && !WinogradWeightGrad.TryBackwardWeight(x, dy, dw, g) && !DirectConv.TryBackwardWeight(x, dy, dw, g)
                    && !DepthwiseConv.TryBackwardWeight(x, dy, dw, g)))
                    BackwardWeight<float>(x, dy, dw, g);
                break;
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
        int n = dyt.ShapeArray[0], o = dyt.ShapeArray[1], s = n * o == 0 ? 0 : dyt.Numel / (n * o), dyo = dyt.Offset, dbo = dbt.Offset;
        // The serial loop makes no closure.
        if (ThreadTeam.RunsSerially || dyt.Numel < ParallelWork)
            for (int c = 0; c < o; c++) db[dbo + c] = ChannelSum(dy, dyo, n, o, s, c);
        else BiasGradInParallel(dy, dyo, db, dbo, n, o, s);
    }

    // Apart from BiasGrad: a lambda's closure is allocated on entry to the method that declares it.
    private static void BiasGradInParallel<T>(T[] dy, int dyo, T[] db, int dbo, int n, int o, int s) where T : unmanaged, INumber<T> =>
        ForChunks(o, (long)n * o * s, c => db[dbo + c] = ChannelSum(dy, dyo, n, o, s, c));

    private static T ChannelSum<T>(T[] dy, int dyo, int n, int o, int s, int c) where T : unmanaged, INumber<T>
    {
        T acc = T.Zero;
        for (int i = 0; i < n; i++) acc += TensorPrimitives.Sum<T>(dy.AsSpan(dyo + (i * o + c) * s, s));
        return acc;
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
        ThreadTeam.For(chunks, nt, body);
    }

    /// <summary>y = max(y, 0) (NaN stays NaN, as PyTorch's ReLU), over the samples in parallel when large.</summary>
    private static void ReluInPlace<T>(Tensor yt, ConvGeometry g) where T : unmanaged, INumber<T>
    {
        T[] y = yt.Typed<T>().Array;
        int yo = yt.Offset, per = g.O * g.OHW;
        if (ThreadTeam.RunsSerially || (long)g.N * per < ParallelWork) Relu<T>(y.AsSpan(yo, g.N * per));
        else ReluInParallel(y, yo, per, g);
    }

    private static void ReluInParallel<T>(T[] y, int yo, int per, ConvGeometry g) where T : unmanaged, INumber<T> =>
        ForChunks(g.N, (long)g.N * per, n => Relu<T>(y.AsSpan(yo + n * per, per)));

    private static void Relu<T>(Span<T> span) where T : unmanaged, INumber<T> => TensorPrimitives.Max<T>(span, T.Zero, span);

    private static void Forward<T>(Tensor xt, Tensor wt, Tensor? bt, Tensor yt, ConvGeometry g, bool relu) where T : unmanaged, INumber<T>
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
                DepthwisePlane<T>(x.AsSpan(xo + (n * g.C + c) * g.HW, g.HW), w.AsSpan(wo + o * g.KH * g.KW, g.KH * g.KW), dst, g, transposed: false);
                if (b is not null) TensorPrimitives.Add(dst, b[bo + o], dst);
                if (relu) Relu<T>(dst);
            });
            return;
        }
        int per = SamplesPerChunk(g), chunks = (g.N + per - 1) / per;
        bool direct = per == 1 && (g.IsPointwise || k == 0), inner = SamplesInParallel(chunks, g);
        // Implicit GEMM: the column matrix is packed straight from the (padded) samples, never written out.
        // A chunk narrower than a micro-tile (a deep layer at batch 1) writes its columns out instead: the GEMM then runs
        // transposed (Gemm.TryTransposedProduct) rather than pad most of each tile.
        bool implicitB = !direct && k > 0 && UseImplicitGemm && Vector128.IsHardwareAccelerated && (long)per * ohw >= 32;
        int padLen = ConvColumns.PaddedLength(g); // 0: the input is read in place
        ForChunks(chunks, g.Work, ch =>
        {
            int n0 = ch * per, cnt = Math.Min(per, g.N - n0), ld = cnt * ohw;
            T[]? cols = direct || implicitB ? null : ArrayPool<T>.Shared.Rent(k * ld);
            T[]? pads = implicitB && padLen > 0 ? ArrayPool<T>.Shared.Rent(cnt * padLen) : null;
            T[]? outs = per == 1 ? null : ArrayPool<T>.Shared.Rent(og * ld);
            try
            {
                for (int gi = 0; gi < g.Groups; gi++)
                {
                    ReadOnlySpan<T> colSpan = default;
                    var source = default(ImplicitSource<T>);
                    if (implicitB) source = ImplicitSource<T>.Of(x, xo, pads, padLen, n0, cnt, gi, g, inner);
                    else if (cols is null) colSpan = x.AsSpan(xo + (n0 * g.C + gi * cg) * g.HW, cg * g.HW);
                    else
                    {
                        if (k > 0) ColumnsOf(x, xo, cols, n0, cnt, gi, ld, g, inner);
                        colSpan = cols.AsSpan(0, k * ld);
                    }
                    var ws = w.AsSpan(wo + gi * og * k, og * k);
                    // In inference mode the implicit GEMM reads the weight packed once instead of packing it every call.
                    var packedA = implicitB && k > 0 ? PackedWeights.RowsA<T>(wt, gi, g.Groups, og, k) : null;
                    if (outs is null)
                    {
                        var dst = y.AsSpan((n0 * g.O + gi * og) * ohw, og * ohw);
                        if (k == 0) dst.Clear();
                        else if (implicitB) source.Multiply(ws, packedA, og, ohw, k, g, dst, ohw);
                        else if (ohw < 32 && PackedWeights.TransposedB<T>(wt, gi, g.Groups, og, k) is { } packed)
                        {
                            // The bias and ReLU are applied by the product's threads, each to its block.
                            MultiplyPacked(packed, colSpan, ohw, og, dst, b is null ? default : b.AsSpan(bo + gi * og, og), relu);
                            continue;
                        }
                        else Gemm.Compute<T>(og, ohw, k, ws, k, 1, colSpan, ohw, 1, dst, ohw, accumulate: false);
                        for (int o = 0; o < og && (b is not null || relu); o++)
                        {
                            var row = dst.Slice(o * ohw, ohw);
                            if (b is not null) TensorPrimitives.Add(row, b[bo + gi * og + o], row);
                            if (relu) Relu<T>(row);
                        }
                        continue;
                    }
                    var os = outs.AsSpan(0, og * ld);
                    if (k == 0) os.Clear();
                    else if (implicitB) source.Multiply(ws, packedA, og, ld, k, g, os, ld);
                    else Gemm.Compute<T>(og, ld, k, ws, k, 1, colSpan, ld, 1, os, ld, accumulate: false);
                    // Scatter the [og, cnt·OHW] product to the samples' planes, adding the bias on the way.
                    var scatter = new ChunkScatter<T>(outs, y, b, b is null ? 0 : bo + gi * og, n0, cnt, gi * og, g.O, ohw, relu);
                    if (inner && ChunkRowsInParallel(og, cnt)) scatter.InParallel(og);
                    else scatter.Rows(0, og);
                }
            }
            finally
            {
                if (cols is not null) ArrayPool<T>.Shared.Return(cols);
                if (pads is not null) ArrayPool<T>.Shared.Return(pads);
                if (outs is not null) ArrayPool<T>.Shared.Return(outs);
            }
        });
    }

    /// <summary>dst [og, n] = W·cols (+ bias per row, then ReLU) for a pre-packed Wᵀ: Yᵀ [n, og] = colsᵀ·Wᵀ, then
    /// transposed into dst.</summary>
    private static unsafe void MultiplyPacked<T>(GemmPrepackedB<T> packedWt, ReadOnlySpan<T> cols, int n, int og, Span<T> dst, ReadOnlySpan<T> bias, bool relu)
        where T : unmanaged, INumber<T>
    {
        T[] yt = ArrayPool<T>.Shared.Rent(n * og);
        try
        {
            packedWt.Multiply(n, cols, 1, n, yt, og, accumulate: false, bias, relu);
            if (typeof(T) == typeof(float) && dst.Length >= n * og)
                fixed (T* py = yt, pd = dst) WinogradTranspose.Run((float*)py, og, n, og, (float*)pd, n);
            else
                for (int o = 0; o < og; o++)
                {
                    var row = dst.Slice(o * n, n);
                    for (int s = 0; s < n; s++) row[s] = yt[s * og + o];
                }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(yt);
        }
    }

    /// <summary>Whether the forward pass and the weight gradient pack the column matrix straight from the input (true;
    /// tests compare both paths).</summary>
    internal static bool UseImplicitGemm = true;

    /// <summary>The samples an implicit GEMM reads: planes [Cg, Hp, Wp] at array[offset + s·sampleStride].</summary>
    private readonly struct ImplicitSource<T>(T[] array, int offset, int sampleStride) where T : unmanaged, INumber<T>
    {
        /// <summary>
        /// Samples n0 … n0 + cnt − 1 (group gi) as an implicit GEMM reads them: the input itself when the geometry needs no
        /// padding (<paramref name="pads"/> null), else their zero-padded copies, written into <paramref name="pads"/>
        /// (<paramref name="padLen"/> elements apart).
        /// </summary>
        public static ImplicitSource<T> Of(T[] x, int xo, T[]? pads, int padLen, int n0, int cnt, int gi, ConvGeometry g, bool parallel)
        {
            if (pads is null) return new ImplicitSource<T>(x, xo + (n0 * g.C + gi * g.Cg) * g.HW, g.C * g.HW);
            // The serial loop makes no closure (one per chunk would be allocated on every call otherwise).
            if (parallel && cnt > 1) PadInParallel(x, xo, pads, padLen, n0, cnt, gi, g);
            else
                for (int s = 0; s < cnt; s++) PadSample(x, xo, pads, padLen, n0 + s, s, gi, g);
            return new ImplicitSource<T>(pads, 0, padLen);
        }

        private static void PadSample(T[] x, int xo, T[] pads, int padLen, int n, int s, int gi, in ConvGeometry g) =>
            ConvColumns.PadPlanes<T>(x.AsSpan(xo + (n * g.C + gi * g.Cg) * g.HW, g.Cg * g.HW), pads.AsSpan(s * padLen, padLen), g);

        private static void PadInParallel(T[] x, int xo, T[] pads, int padLen, int n0, int cnt, int gi, ConvGeometry g) =>
            ForSamples(cnt, true, s => PadSample(x, xo, pads, padLen, n0 + s, s, gi, g));

        /// <summary>dst[og, n] (row stride ldc) = ws[og, k] · columns[k, n], with ws read from <paramref name="packed"/> when given.</summary>
        public unsafe void Multiply(ReadOnlySpan<T> ws, GemmPrepackedA<T>? packed, int og, int n, int k, in ConvGeometry g, Span<T> dst, int ldc)
        {
            fixed (T* p = array)
            {
                var columns = new ColumnPacker<T>(Planes(p, g));
                if (packed is not null) packed.Multiply(n, columns, dst, ldc, accumulate: false);
                else Require(Gemm.TryComputePackedB(og, n, k, ws, k, 1, columns, dst, ldc, accumulate: false));
            }
        }

        /// <summary>dst[og, k] (+)= dy[og, n] · columns[k, n]ᵀ: the weight gradient of the samples' n output pixels.</summary>
        public unsafe void MultiplyTransposed(ReadOnlySpan<T> dy, int og, int k, int n, in ConvGeometry g, Span<T> dst, bool accumulate)
        {
            fixed (T* p = array)
                Require(Gemm.TryComputePackedB(og, k, n, dy, n, 1, new TransposedColumnPacker<T>(Planes(p, g)), dst, k, accumulate));
        }

        private unsafe ConvPlanes<T> Planes(T* p, in ConvGeometry g)
        {
            var (hp, wp) = ConvColumns.PaddedSize(g);
            return new ConvPlanes<T>(p + offset, p + array.Length, sampleStride, g, hp, wp);
        }

        private static void Require(bool done)
        {
            if (!done) throw new InvalidOperationException("conv: implicit GEMM is not available for this element type");
        }
    }

    /// <summary>Whether the samples of a chunk are turned into columns (and back) in parallel: when the chunks alone
    /// cannot keep the threads busy (the GEMMs of a single chunk run in parallel themselves).</summary>
    private static bool SamplesInParallel(int chunks, in ConvGeometry g) => chunks == 1 && Threading.NumThreads > 1 && g.Work >= ParallelWork;

    /// <summary>Runs body(s) for s in [0, count), in parallel when asked (each sample writes its own columns or planes).</summary>
    private static void ForSamples(int count, bool parallel, Action<int> body)
    {
        if (!parallel || count <= 1)
        {
            for (int s = 0; s < count; s++) body(s);
            return;
        }
        ThreadTeam.For(count, body);
    }

    /// <summary>im2col of samples n0 … n0 + cnt − 1, group gi, side by side in cols (rows ld apart).</summary>
    private static void ColumnsOf<T>(T[] x, int xo, T[] cols, int n0, int cnt, int gi, int ld, ConvGeometry g, bool parallel) where T : unmanaged, INumber<T>
    {
        // The serial loop makes no closure (one per chunk would be allocated on every call otherwise).
        if (parallel && cnt > 1) ColumnsInParallel(x, xo, cols, n0, cnt, gi, ld, g);
        else if (parallel && cnt == 1 && g.Cg >= 2 * ChannelsPerColumnPart && (long)g.K * ld >= 1 << 14) ChannelsInParallel(x, xo, cols, n0, gi, ld, g);
        else
            for (int s = 0; s < cnt; s++) ColumnsOfSample(x, xo, cols, n0, s, gi, ld, g);
    }

    /// <summary>Fewest input channels a thread takes when one sample's columns are split by channel.</summary>
    private const int ChannelsPerColumnPart = 16;

    /// <summary>
    /// im2col of one sample (a deep layer at batch 1) split by input channel over the team: channels [c0, c1) make rows
    /// [c0·KH·KW, c1·KH·KW) of the columns, which are the columns of the same geometry on those channels alone.
    /// </summary>
    private static void ChannelsInParallel<T>(T[] x, int xo, T[] cols, int n0, int gi, int ld, ConvGeometry g) where T : unmanaged, INumber<T>
    {
        int taps = g.KH * g.KW;
        RowParallel.Split(g.Cg, Math.Min(Threading.NumThreads, g.Cg / ChannelsPerColumnPart), (c0, channels) =>
        {
            var part = g with { C = channels, Groups = 1 };
            int padLen = ConvColumns.PaddedLength(part);
            T[]? pad = padLen == 0 ? null : ArrayPool<T>.Shared.Rent(padLen);
            try
            {
                ConvColumns.Im2Col<T>(x.AsSpan(xo + (n0 * g.C + gi * g.Cg + c0) * g.HW, part.C * g.HW),
                    cols.AsSpan(c0 * taps * ld, part.K * ld), ld, part, pad);
            }
            finally { if (pad is not null) ArrayPool<T>.Shared.Return(pad); }
        });
    }

    private static void ColumnsInParallel<T>(T[] x, int xo, T[] cols, int n0, int cnt, int gi, int ld, ConvGeometry g) where T : unmanaged, INumber<T> =>
        ForSamples(cnt, true, s => ColumnsOfSample(x, xo, cols, n0, s, gi, ld, g));

    /// <summary>im2col of sample n0 + s into its columns of cols.</summary>
    private static void ColumnsOfSample<T>(T[] x, int xo, T[] cols, int n0, int s, int gi, int ld, in ConvGeometry g) where T : unmanaged, INumber<T>
    {
        int padLen = ConvColumns.PaddedLength(g), span = g.K * ld;
        T[]? pad = padLen == 0 ? null : ArrayPool<T>.Shared.Rent(padLen);
        try
        {
            ConvColumns.Im2Col<T>(x.AsSpan(xo + ((n0 + s) * g.C + gi * g.Cg) * g.HW, g.Cg * g.HW),
                cols.AsSpan(s * g.OHW, span - s * g.OHW), ld, g, pad);
        }
        finally { if (pad is not null) ArrayPool<T>.Shared.Return(pad); }
    }

    /// <summary>col2im of the columns of samples n0 … n0 + cnt − 1, group gi, into dx (overwritten).</summary>
    private static void ImagesOf<T>(T[] cols, T[] dx, int n0, int cnt, int gi, int ld, ConvGeometry g, bool parallel) where T : unmanaged, INumber<T>
    {
        // The serial loop makes no closure (one per chunk would be allocated on every call otherwise).
        if (parallel && cnt > 1) ImagesInParallel(cols, dx, n0, cnt, gi, ld, g);
        else
            for (int s = 0; s < cnt; s++) ImageOfSample(cols, dx, n0, s, gi, ld, g);
    }

    private static void ImagesInParallel<T>(T[] cols, T[] dx, int n0, int cnt, int gi, int ld, ConvGeometry g) where T : unmanaged, INumber<T> =>
        ForSamples(cnt, true, s => ImageOfSample(cols, dx, n0, s, gi, ld, g));

    /// <summary>col2im of sample n0 + s's columns into dx (overwritten).</summary>
    private static void ImageOfSample<T>(T[] cols, T[] dx, int n0, int s, int gi, int ld, in ConvGeometry g) where T : unmanaged, INumber<T>
    {
        int padLen = ConvColumns.PaddedLength(g), span = g.K * ld;
        var dst = dx.AsSpan(((n0 + s) * g.C + gi * g.Cg) * g.HW, g.Cg * g.HW);
        if (g.K == 0) { dst.Clear(); return; }
        T[]? pad = padLen == 0 ? null : ArrayPool<T>.Shared.Rent(padLen);
        try { ConvColumns.Col2Im<T>(cols.AsSpan(s * g.OHW, span - s * g.OHW), dst, ld, g, pad); }
        finally { if (pad is not null) ArrayPool<T>.Shared.Return(pad); }
    }

    /// <summary>Column target of one chunk's GEMM: small feature maps are batched until a GEMM has about this many columns.</summary>
    private const int ChunkColumns = 1024;

    /// <summary>
    /// Samples per chunk: 1 for feature maps of at least <see cref="ChunkColumns"/> outputs, otherwise enough samples
    /// that one GEMM covers about <see cref="ChunkColumns"/> columns (a function of the geometry only, never of the
    /// thread count).
    /// </summary>
    private static int SamplesPerChunk(in ConvGeometry g)
    {
        int ohw = Math.Max(1, g.OHW);
        if (ohw >= ChunkColumns || g.N <= 1) return 1;
        long per = Math.Min(g.N, (ChunkColumns + ohw - 1) / ohw);
        // Keep the chunk's column buffer moderate.
        while (per > 1 && (long)Math.Max(1, g.K) * per * ohw > (1L << 22)) per--;
        return (int)per;
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
                    DepthwisePlane<T>(dy.AsSpan(dyo + (n * g.O + o) * ohw, ohw), w.AsSpan(wo + o * g.KH * g.KW, g.KH * g.KW), dst, g, transposed: true);
                }
                if (b is not null) TensorPrimitives.Add(dst, b[bo + c], dst);
            });
            return;
        }
        int per = SamplesPerChunk(g), chunks = (g.N + per - 1) / per;
        bool direct = per == 1 && g.IsPointwise, inner = SamplesInParallel(chunks, g);
        ForChunks(chunks, g.Work, ch =>
        {
            int n0 = ch * per, cnt = Math.Min(per, g.N - n0), ld = cnt * ohw;
            T[]? cols = direct ? null : ArrayPool<T>.Shared.Rent(k * ld);
            T[]? dys = per == 1 ? null : ArrayPool<T>.Shared.Rent(og * ld);
            try
            {
                for (int gi = 0; gi < g.Groups; gi++)
                {
                    var ws = w.AsSpan(wo + gi * og * k, og * k);
                    ReadOnlySpan<T> dyc;
                    if (dys is null) dyc = dy.AsSpan(dyo + (n0 * g.O + gi * og) * ohw, og * ohw);
                    else
                    {
                        if (inner && ChunkRowsInParallel(og, cnt)) GatherChunkInParallel<T>(dy, dyo, dys, n0, cnt, gi * og, og, g.O, ohw);
                        else GatherChunk<T>(dy, dyo, dys, n0, cnt, gi * og, og, g.O, ohw);
                        dyc = dys.AsSpan(0, og * ld);
                    }
                    if (cols is null)
                    {
                        var dst = dx.AsSpan((n0 * g.C + gi * cg) * hw, cg * hw);
                        if (og == 0 || k == 0) dst.Clear();
                        else Gemm.Compute<T>(k, ohw, og, ws, 1, k, dyc, ohw, 1, dst, ohw, accumulate: false);
                    }
                    else
                    {
                        var cs = cols.AsSpan(0, k * ld);
                        if (og == 0) cs.Clear();
                        else Gemm.Compute<T>(k, ld, og, ws, 1, k, dyc, ld, 1, cs, ld, accumulate: false);
                        ImagesOf(cols, dx, n0, cnt, gi, ld, g, inner);
                    }
                    if (b is not null)
                        for (int s = 0; s < cnt; s++)
                            for (int c = 0; c < cg; c++)
                            {
                                var d = dx.AsSpan(((n0 + s) * g.C + gi * cg + c) * hw, hw);
                                TensorPrimitives.Add(d, b[bo + gi * cg + c], d);
                            }
                }
            }
            finally
            {
                if (cols is not null) ArrayPool<T>.Shared.Return(cols);
                if (dys is not null) ArrayPool<T>.Shared.Return(dys);
            }
        });
    }

    /// <summary>Output channels up to which the weight gradient is computed by <see cref="DotRows{T}"/> instead of the GEMM.</summary>
    private const int DotMaxRows = 16;

    /// <summary>
    /// c[o, r] += Σₜ a[o, t]·b[r, t] for o &lt; m, r &lt; n, t &lt; len (a and b row-major with row stride len, c with row
    /// stride n): the weight gradient of few output channels, whose long reduction the packed GEMM would run as a
    /// transposed, strided B. 4×4 blocks of rows share their loads; the summation order depends only on len.
    /// </summary>
    private static unsafe void DotRows<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, int len, int m, int n, Span<T> c) where T : unmanaged, INumber<T>
    {
        if ((long)m * len > a.Length || (long)n * len > b.Length || (long)m * n > c.Length)
            throw new ArgumentException("conv: weight-gradient buffers are too short");
        int vc = Vector512<T>.Count;
        bool simd = Vector512.IsHardwareAccelerated;
        fixed (T* ap = a)
        fixed (T* bp = b)
        fixed (T* cp = c)
        {
            int o = 0;
            for (; simd && o + 4 <= m; o += 4)
            {
                int r = 0;
                for (; r + 4 <= n; r += 4)
                {
                    T* a0 = ap + (nint)o * len, a1 = a0 + len, a2 = a1 + len, a3 = a2 + len;
                    T* b0 = bp + (nint)r * len, b1 = b0 + len, b2 = b1 + len, b3 = b2 + len;
                    Vector512<T> c00 = default, c01 = default, c02 = default, c03 = default, c10 = default, c11 = default, c12 = default, c13 = default;
                    Vector512<T> c20 = default, c21 = default, c22 = default, c23 = default, c30 = default, c31 = default, c32 = default, c33 = default;
                    int t = 0;
                    for (; t + vc <= len; t += vc)
                    {
                        var x0 = Vector512.Load(b0 + t); var x1 = Vector512.Load(b1 + t); var x2 = Vector512.Load(b2 + t); var x3 = Vector512.Load(b3 + t);
                        var y = Vector512.Load(a0 + t);
                        c00 = V.Fma(y, x0, c00); c01 = V.Fma(y, x1, c01); c02 = V.Fma(y, x2, c02); c03 = V.Fma(y, x3, c03);
                        y = Vector512.Load(a1 + t);
                        c10 = V.Fma(y, x0, c10); c11 = V.Fma(y, x1, c11); c12 = V.Fma(y, x2, c12); c13 = V.Fma(y, x3, c13);
                        y = Vector512.Load(a2 + t);
                        c20 = V.Fma(y, x0, c20); c21 = V.Fma(y, x1, c21); c22 = V.Fma(y, x2, c22); c23 = V.Fma(y, x3, c23);
                        y = Vector512.Load(a3 + t);
                        c30 = V.Fma(y, x0, c30); c31 = V.Fma(y, x1, c31); c32 = V.Fma(y, x2, c32); c33 = V.Fma(y, x3, c33);
                    }
                    T* cr = cp + (nint)o * n + r;
                    Finish(cr, c00, a0, b0, t, len); Finish(cr + 1, c01, a0, b1, t, len); Finish(cr + 2, c02, a0, b2, t, len); Finish(cr + 3, c03, a0, b3, t, len);
                    cr += n;
                    Finish(cr, c10, a1, b0, t, len); Finish(cr + 1, c11, a1, b1, t, len); Finish(cr + 2, c12, a1, b2, t, len); Finish(cr + 3, c13, a1, b3, t, len);
                    cr += n;
                    Finish(cr, c20, a2, b0, t, len); Finish(cr + 1, c21, a2, b1, t, len); Finish(cr + 2, c22, a2, b2, t, len); Finish(cr + 3, c23, a2, b3, t, len);
                    cr += n;
                    Finish(cr, c30, a3, b0, t, len); Finish(cr + 1, c31, a3, b1, t, len); Finish(cr + 2, c32, a3, b2, t, len); Finish(cr + 3, c33, a3, b3, t, len);
                }
                for (; r < n; r++)
                    for (int oo = o; oo < o + 4; oo++)
                        cp[(nint)oo * n + r] += TensorPrimitives.Dot<T>(new ReadOnlySpan<T>(ap + (nint)oo * len, len), new ReadOnlySpan<T>(bp + (nint)r * len, len));
            }
            for (; o < m; o++)
                for (int r = 0; r < n; r++)
                    cp[(nint)o * n + r] += TensorPrimitives.Dot<T>(new ReadOnlySpan<T>(ap + (nint)o * len, len), new ReadOnlySpan<T>(bp + (nint)r * len, len));
        }
    }

    /// <summary>*c += Σ lanes of acc + Σ_{t ≤ i &lt; len} a[i]·b[i].</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static unsafe void Finish<T>(T* c, Vector512<T> acc, T* a, T* b, int t, int len) where T : unmanaged, INumber<T>
    {
        T sum = Vector512.Sum(acc);
        for (; t < len; t++) sum += a[t] * b[t];
        *c += sum;
    }

    private static void BackwardWeight<T>(Tensor xt, Tensor dyt, Tensor dwt, ConvGeometry g) where T : unmanaged, INumber<T>
    {
        T[] x = xt.Typed<T>().Array, dy = dyt.Typed<T>().Array, dw = dwt.Typed<T>().Array;
        int xo = xt.Offset, dyo = dyt.Offset;
        int ohw = g.OHW, k = g.K, og = g.Og, cg = g.Cg, hw = g.HW, total = g.O * k;
        var dwAll = dw.AsSpan(dwt.Offset, total);
        if (g.N == 0 || total == 0 || ohw == 0 || g.IsDepthwise) dwAll.Clear();
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
        // Chunks of samples as in the forward pass, grouped into at most 8 fixed runs (a function of the geometry only);
        // each run sums its chunks into its own partial, the partials are added in order.
        int per = SamplesPerChunk(g), chunks = (g.N + per - 1) / per;
        int runs = Math.Min(chunks, 8), perRun = (chunks + runs - 1) / runs;
        runs = (chunks + perRun - 1) / perRun;
        // One run sums straight into dw; several sum into partials that are added in order. The first chunk of a run
        // writes its sum (no zero-filled buffer to read back), the others add to it.
        var partials = runs == 1 ? null : ArrayPool<T>.Shared.Rent(runs * total);
        bool direct = per == 1 && g.IsPointwise, inner = SamplesInParallel(runs, g);
        // Implicit GEMM (B = the transposed column matrix, packed straight from the samples) unless the few-row kernel runs.
        bool implicitB = !direct && k > 0 && og > DotMaxRows && UseImplicitGemm && Vector128.IsHardwareAccelerated;
        int padLen = ConvColumns.PaddedLength(g); // 0: the input is read in place
        try
        {
            ForChunks(runs, g.Work, run =>
            {
                var part = partials is null ? dw.AsSpan(dwt.Offset, total) : partials.AsSpan(run * total, total);
                T[]? cols = direct || implicitB ? null : ArrayPool<T>.Shared.Rent(k * per * ohw);
                T[]? pads = implicitB && padLen > 0 ? ArrayPool<T>.Shared.Rent(per * padLen) : null;
                T[]? dys = per == 1 ? null : ArrayPool<T>.Shared.Rent(og * per * ohw);
                try
                {
                    for (int ch = run * perRun; ch < Math.Min(chunks, (run + 1) * perRun); ch++)
                    {
                        int n0 = ch * per, cnt = Math.Min(per, g.N - n0), ld = cnt * ohw;
                        for (int gi = 0; gi < g.Groups; gi++)
                        {
                            ReadOnlySpan<T> colSpan = default;
                            var source = default(ImplicitSource<T>);
                            if (implicitB) source = ImplicitSource<T>.Of(x, xo, pads, padLen, n0, cnt, gi, g, inner);
                            else if (cols is null) colSpan = x.AsSpan(xo + (n0 * g.C + gi * cg) * hw, cg * hw);
                            else
                            {
                                if (k > 0) ColumnsOf(x, xo, cols, n0, cnt, gi, ld, g, inner);
                                colSpan = cols.AsSpan(0, k * ld);
                            }
                            ReadOnlySpan<T> dyc;
                            if (dys is null) dyc = dy.AsSpan(dyo + (n0 * g.O + gi * og) * ohw, og * ohw);
                            else
                            {
                                if (inner && ChunkRowsInParallel(og, cnt)) GatherChunkInParallel<T>(dy, dyo, dys, n0, cnt, gi * og, og, g.O, ohw);
                                else GatherChunk<T>(dy, dyo, dys, n0, cnt, gi * og, og, g.O, ohw);
                                dyc = dys.AsSpan(0, og * ld);
                            }
                            var dst = part.Slice(gi * og * k, og * k);
                            bool first = ch == run * perRun;
                            if (og <= DotMaxRows && cols is not null)
                            {
                                if (first) dst.Clear();
                                DotRows<T>(dyc, colSpan, ld, og, k, dst);
                            }
                            else if (implicitB) source.MultiplyTransposed(dyc, og, k, ld, g, dst, accumulate: !first);
                            else Gemm.Compute<T>(og, k, ld, dyc, ld, 1, colSpan, 1, ld, dst, k, accumulate: !first);
                        }
                    }
                }
                finally
                {
                    if (cols is not null) ArrayPool<T>.Shared.Return(cols);
                    if (pads is not null) ArrayPool<T>.Shared.Return(pads);
                    if (dys is not null) ArrayPool<T>.Shared.Return(dys);
                }
            });
            if (partials is not null)
            {
                partials.AsSpan(0, total).CopyTo(dwAll);
                for (int r = 1; r < runs; r++)
                    TensorPrimitives.Add<T>(dwAll, partials.AsSpan(r * total, total), dwAll);
            }
        }
        finally
        {
            if (partials is not null) ArrayPool<T>.Shared.Return(partials);
        }
    }
}
