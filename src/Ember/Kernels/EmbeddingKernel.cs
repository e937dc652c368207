using System.Numerics;
using System.Numerics.Tensors;

namespace Ember.Kernels;

/// <summary>
/// Embedding lookups (<see cref="NN.F.Embedding"/>, <see cref="NN.F.EmbeddingBag"/>): row gathers from a [V, D] table,
/// their backward as row-wise accumulation into a dense [V, D] gradient, and the bag reductions (sum, mean, max).
/// Indices arrive as checked <c>long[]</c>; the table is read contiguously. float32 and float64 are computed in their
/// own precision, float16 and bfloat16 in float32 and rounded back once.
/// </summary>
internal static class EmbeddingKernel
{
    /// <summary>
    /// The index values in row-major order, each checked to lie in [0, <paramref name="num"/>): an
    /// <see cref="IndexOutOfRangeException"/> "<paramref name="op"/>: index 12 is out of range for 10 embeddings" otherwise.
    /// </summary>
    public static long[] Indices(Tensor indices, int num, string op)
    {
        var idx = indices.ToArray<long>();
        foreach (var k in idx)
            if ((ulong)k >= (ulong)num)
                throw new IndexOutOfRangeException($"{op}: index {k} is out of range for {num} embeddings");
        return idx;
    }

    /// <summary>The rows <c>weight[idx[i]]</c> stacked into a new contiguous tensor of <paramref name="shape"/> ([*, D]); any dtype.</summary>
    public static Tensor Lookup(Tensor weight, long[] idx, int[] shape)
    {
        var w = weight.Detach().Contiguous();
        var y = Tensor.Empty(shape, w.DType, op: "embedding");
        var f = new LookupFunc(w, y, idx, w.ShapeArray[1]);
        Dispatch.Any<LookupFunc, bool>(w.DType, ref f);
        return y;
    }

    private readonly struct LookupFunc(Tensor w, Tensor y, long[] idx, int d) : IElementFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged
        {
            var wa = w.Typed<T>().Array;
            var ya = y.Typed<T>().Array;
            int wo = w.Offset, yo = y.Offset;
            int dd = d;
            var ix = idx;
            RowParallel.Rows(ix.Length, (long)ix.Length * dd, (r0, len) =>
            {
                for (int i = r0; i < r0 + len; i++)
                    new ReadOnlySpan<T>(wa, wo + (int)ix[i] * dd, dd).CopyTo(ya.AsSpan(yo + i * dd, dd));
            });
            GC.KeepAlive(w); GC.KeepAlive(y);
            return true;
        }
    }

    /// <summary>
    /// The dense weight gradient of an embedding lookup (no autograd): a zero [V, D] tensor into whose row
    /// <c>idx[i]</c> row i of <paramref name="grad"/> ([n, D] as a row-major view) is added, skipping
    /// <paramref name="paddingIdx"/> (−1: none), each scaled by 1/(occurrences of its index) when
    /// <paramref name="scaleGradByFreq"/>. Accumulates in index order (deterministic). Returns the grad's dtype.
    /// </summary>
    /// <exception cref="NotSupportedException">The gradient is not floating point.</exception>
    public static Tensor Backward(Tensor grad, long[] idx, int num, int d, long paddingIdx, bool scaleGradByFreq)
    {
        var g = FloatDispatch.Widen(grad.Detach()).Contiguous();
        var dw = Tensor.Empty([num, d], g.DType, zero: true, op: "embedding_backward");
        double[]? inv = null;
        if (scaleGradByFreq)
        {
            var counts = new int[num];
            foreach (var k in idx) counts[k]++;
            inv = new double[num];
            for (int k = 0; k < num; k++) inv[k] = counts[k] == 0 ? 0 : 1.0 / counts[k];
        }
        var f = new BackwardFunc(g, dw, idx, d, paddingIdx, inv);
        FloatDispatch.Run<BackwardFunc, bool>(g.DType, "embedding_backward", ref f);
        return dw.Cast(grad.DType);
    }

    private readonly struct BackwardFunc(Tensor g, Tensor dw, long[] idx, int d, long pad, double[]? inv) : IFloatFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            var ga = g.Typed<T>().Array;
            var da = dw.Typed<T>().Array;
            int go = g.Offset;
            for (int i = 0; i < idx.Length; i++)
            {
                long k = idx[i];
                if (k == pad) continue;
                var src = new ReadOnlySpan<T>(ga, go + i * d, d);
                var dst = da.AsSpan((int)k * d, d);
                if (inv is null) TensorPrimitives.Add(dst, src, dst);
                else TensorPrimitives.MultiplyAdd(src, T.CreateTruncating(inv[k]), dst, dst);
            }
            GC.KeepAlive(g); GC.KeepAlive(dw);
            return true;
        }
    }

    /// <summary>The bags of an embedding bag: which indices (positions into the flat input) each bag reduces.</summary>
    /// <param name="Idx">The checked indices of the flat input.</param>
    /// <param name="Starts">Start position of bag b (B + 1 entries: bag b is [Starts[b], Starts[b + 1])).</param>
    /// <param name="PaddingIdx">The index left out of every bag, or −1.</param>
    internal sealed record Bags(long[] Idx, int[] Starts, long PaddingIdx)
    {
        public int Count => Starts.Length - 1;

        /// <summary>The positions of bag <paramref name="b"/> whose index is not the padding index.</summary>
        public int Kept(int b)
        {
            int n = 0;
            for (int i = Starts[b]; i < Starts[b + 1]; i++) if (Idx[i] != PaddingIdx) n++;
            return n;
        }
    }

    /// <summary>
    /// Reduces each bag (no autograd): mode 0 sum (times the per-sample weights when given), 1 mean over the kept
    /// indices, 2 elementwise max; empty bags (or bags of only padding) give zeros. For max, <paramref name="argmax"/>
    /// gets, per output element, the position (into the flat input) of the maximum, −1 for an empty bag.
    /// </summary>
    /// <exception cref="NotSupportedException">The weight is not floating point.</exception>
    public static Tensor BagForward(Tensor weight, Bags bags, int mode, Tensor? perSampleWeights, out int[]? argmax)
    {
        var w = FloatDispatch.Widen(weight.Detach()).Contiguous();
        var psw = perSampleWeights is null ? null : FloatDispatch.Widen(perSampleWeights.Detach()).Contiguous();
        int d = w.ShapeArray[1];
        var y = Tensor.Empty([bags.Count, d], w.DType, zero: true, op: "embedding_bag");
        argmax = mode == 2 ? new int[bags.Count * d] : null;
        var f = new BagForwardFunc(w, psw, y, bags, mode, argmax, d);
        FloatDispatch.Run<BagForwardFunc, bool>(w.DType, "embedding_bag", ref f);
        return y.Cast(weight.DType);
    }

    private readonly struct BagForwardFunc(Tensor w, Tensor? psw, Tensor y, Bags bags, int mode, int[]? argmax, int d) : IFloatFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            var wa = w.Typed<T>().Array;
            var ya = y.Typed<T>().Array;
            var pa = psw?.Typed<T>().Array;
            int wo = w.Offset, po = psw?.Offset ?? 0;
            var (bg, md, am, dd) = (bags, mode, argmax, d);
            RowParallel.Rows(bg.Count, (long)bg.Idx.Length * dd + bg.Count, (b0, len) =>
            {
                for (int b = b0; b < b0 + len; b++)
                {
                    var dst = ya.AsSpan(b * dd, dd);
                    int kept = 0;
                    for (int i = bg.Starts[b]; i < bg.Starts[b + 1]; i++)
                    {
                        long k = bg.Idx[i];
                        if (k == bg.PaddingIdx) continue;
                        var row = new ReadOnlySpan<T>(wa, wo + (int)k * dd, dd);
                        if (md == 2)
                        {
                            if (kept == 0) { row.CopyTo(dst); am.AsSpan(b * dd, dd).Fill(i); }
                            else
                                for (int j = 0; j < dd; j++)
                                    if (row[j] > dst[j]) { dst[j] = row[j]; am![b * dd + j] = i; }
                        }
                        else if (pa is not null) TensorPrimitives.MultiplyAdd(row, pa[po + i], dst, dst);
                        else TensorPrimitives.Add(dst, row, dst);
                        kept++;
                    }
                    if (md == 1 && kept > 1) TensorPrimitives.Divide(dst, T.CreateTruncating(kept), dst);
                    if (md == 2 && kept == 0) am.AsSpan(b * dd, dd).Fill(-1);
                }
            });
            GC.KeepAlive(w); GC.KeepAlive(psw); GC.KeepAlive(y);
            return true;
        }
    }

    /// <summary>
    /// The backward of <see cref="BagForward"/> (no autograd): the dense [V, D] weight gradient (when
    /// <paramref name="needWeight"/>) and the per-sample-weight gradient dpsw[i] = ⟨grad[bag(i)], weight[idx[i]]⟩ (when
    /// <paramref name="needPsw"/>; sum mode). <paramref name="scaleGradByFreq"/> divides each index's contributions by its
    /// number of occurrences. <paramref name="weight"/> ([num, d]) is read only for the per-sample-weight gradient.
    /// Results in the grad's dtype.
    /// </summary>
    /// <exception cref="NotSupportedException">The gradient is not floating point.</exception>
    public static (Tensor? Dw, Tensor? Dpsw) BagBackward(Tensor grad, int num, int d, Tensor? weight, Bags bags, int mode, Tensor? perSampleWeights,
        int[]? argmax, bool scaleGradByFreq, bool needWeight, bool needPsw)
    {
        var g = FloatDispatch.Widen(grad.Detach()).Contiguous();
        var w = needPsw ? FloatDispatch.Widen(weight!.Detach()).Cast(g.DType).Contiguous() : null;
        var psw = perSampleWeights is null ? null : FloatDispatch.Widen(perSampleWeights.Detach()).Cast(g.DType).Contiguous();
        var dw = needWeight ? Tensor.Empty([num, d], g.DType, zero: true, op: "embedding_bag_backward") : null;
        var dpsw = needPsw ? Tensor.Empty([bags.Idx.Length], g.DType, zero: true, op: "embedding_bag_backward") : null;
        double[]? inv = null;
        if (scaleGradByFreq)
        {
            var counts = new int[num];
            foreach (var k in bags.Idx) counts[k]++;
            inv = new double[num];
            for (int k = 0; k < num; k++) inv[k] = counts[k] == 0 ? 0 : 1.0 / counts[k];
        }
        var f = new BagBackwardFunc(g, w, psw, dw, dpsw, bags, mode, argmax, inv, d);
        FloatDispatch.Run<BagBackwardFunc, bool>(g.DType, "embedding_bag_backward", ref f);
        return (dw?.Cast(grad.DType), dpsw?.Cast(grad.DType));
    }

    private readonly struct BagBackwardFunc(Tensor g, Tensor? w, Tensor? psw, Tensor? dw, Tensor? dpsw, Bags bags, int mode, int[]? argmax,
        double[]? inv, int d) : IFloatFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            var ga = g.Typed<T>().Array;
            var wa = w?.Typed<T>().Array;
            var pa = psw?.Typed<T>().Array;
            var da = dw?.Typed<T>().Array;
            var dpa = dpsw?.Typed<T>().Array;
            int go = g.Offset, wo = w?.Offset ?? 0, po = psw?.Offset ?? 0;
            for (int b = 0; b < bags.Count; b++)
            {
                var gs = new ReadOnlySpan<T>(ga, go + b * d, d);
                if (mode == 2)
                {
                    if (da is null) continue;
                    for (int j = 0; j < d; j++)
                    {
                        int i = argmax![b * d + j];
                        if (i < 0) continue;
                        long k = bags.Idx[i];
                        T s = inv is null ? gs[j] : gs[j] * T.CreateTruncating(inv[k]);
                        da[(int)k * d + j] += s;
                    }
                    continue;
                }
                int kept = mode == 1 ? bags.Kept(b) : 1;
                for (int i = bags.Starts[b]; i < bags.Starts[b + 1]; i++)
                {
                    long k = bags.Idx[i];
                    if (k == bags.PaddingIdx) continue;
                    if (dpa is not null) dpa[i] = TensorPrimitives.Dot(gs, new ReadOnlySpan<T>(wa, wo + (int)k * d, d));
                    if (da is null) continue;
                    double scale = (inv is null ? 1 : inv[k]) / kept;
                    T sc = T.CreateTruncating(scale);
                    if (pa is not null) sc *= pa[po + i];
                    var dst = da.AsSpan((int)k * d, d);
                    TensorPrimitives.MultiplyAdd(gs, sc, dst, dst);
                }
            }
            GC.KeepAlive(g); GC.KeepAlive(w); GC.KeepAlive(psw); GC.KeepAlive(dw); GC.KeepAlive(dpsw);
            return true;
        }
    }
}
