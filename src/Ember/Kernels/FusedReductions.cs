using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;


/// <summary>Fused single-output reductions over a <see cref="ReductionPlan"/>: squared deviations and log-sum-exp.</summary>
internal static class FusedReductions
{
    /// <summary>
    /// The sum of squared deviations from the mean of each reduced slice (keepdim shape). Two passes, both
    /// cascade sums: the mean, then Σ (x − mean)².
    /// </summary>
    public static Tensor SumSquaredDeviations<T>(in ReductionPlan plan) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = Tensor.Empty(plan.KeepShape, DTypeExtensions.Of<T>());
        var src = plan.Source;
        var xs = src.Typed<T>().Array;
        var ys = y.Typed<T>().Array;
        int outer = plan.Outer, reduced = plan.Reduced, inner = plan.Inner, xo = src.Offset;
        T count = T.CreateTruncating(reduced);
        if (inner == 1 && (outer >= Threading.NumThreads || reduced <= CascadeSum.ChunkLength))
        {
            // both passes row by row while the row is in cache (the same sums as the pass-by-pass branch)
            RowParallel.Rows(outer, (long)outer * reduced, (s, len) =>
            {
                for (int o = s; o < s + len; o++)
                {
                    var row = new ReadOnlySpan<T>(xs, xo + o * reduced, reduced);
                    T mu = CascadeSum.ChunkedRow<PlainTerm<T>, T>(row, T.Zero) / count;
                    ys[o] = CascadeSum.ChunkedRow<SquaredDeviationTerm<T>, T>(row, mu);
                }
            });
        }
        else if (inner == 1)
        {
            var mean = new T[outer];
            CascadeSum.Rows<PlainTerm<T>, T>(xs, xo, outer, reduced, null, mean);
            TensorPrimitives.Divide(mean, count, mean);
            CascadeSum.Rows<SquaredDeviationTerm<T>, T>(xs, xo, outer, reduced, mean, ys);
        }
        else
        {
            var mean = new T[outer * inner];
            CascadeSum.Columns<PlainTerm<T>, T>(xs, xo, outer, reduced, inner, null, mean);
            TensorPrimitives.Divide(mean, count, mean);
            CascadeSum.Columns<SquaredDeviationTerm<T>, T>(xs, xo, outer, reduced, inner, mean, ys);
        }
        GC.KeepAlive(src);
        return y;
    }

    /// <summary>
    /// log(sum(exp(x))) of each reduced slice (keepdim shape), subtracting the slice max (0 when it is
    /// infinite); the sum of exponentials is a cascade sum.
    /// </summary>
    public static Tensor LogSumExp<T>(in ReductionPlan plan) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = Tensor.Empty(plan.KeepShape, DTypeExtensions.Of<T>());
        var src = plan.Source;
        var xs = src.Typed<T>().Array;
        var ys = y.Typed<T>().Array;
        int outer = plan.Outer, reduced = plan.Reduced, inner = plan.Inner, xo = src.Offset;
        if (reduced == 0)
        {
            y.ContiguousSpan<T>().Fill(T.NegativeInfinity);
            return y;
        }
        var m = new T[outer * inner];
        if (inner == 1 && (outer >= Threading.NumThreads || reduced <= CascadeSum.ChunkLength))
        {
            // max and sum row by row while the row is in cache (the same values as the pass-by-pass branch)
            RowParallel.Rows(outer, (long)outer * reduced, (s, len) =>
            {
                for (int o = s; o < s + len; o++)
                {
                    var row = new ReadOnlySpan<T>(xs, xo + o * reduced, reduced);
                    T mo = MaxReducer<T>.Reduce(row);
                    m[o] = mo = T.IsInfinity(mo) ? T.Zero : mo;
                    ys[o] = CascadeSum.ChunkedRow<ExpDeviationTerm<T>, T>(row, mo);
                }
            });
        }
        else
        {
            if (inner == 1) MaxReducer<T>.ReduceRows(xs, xo, outer, reduced, m);
            else MaxReducer<T>.ReduceColumns(xs, xo, outer, reduced, inner, m);
            foreach (ref T v in m.AsSpan()) if (T.IsInfinity(v)) v = T.Zero;
            if (inner == 1) CascadeSum.Rows<ExpDeviationTerm<T>, T>(xs, xo, outer, reduced, m, ys);
            else CascadeSum.Columns<ExpDeviationTerm<T>, T>(xs, xo, outer, reduced, inner, m, ys);
        }
        var yv = ys.AsSpan(0, m.Length);
        TensorPrimitives.Log(yv, yv);
        TensorPrimitives.Add(yv, m, yv);
        GC.KeepAlive(src);
        return y;
    }
}
