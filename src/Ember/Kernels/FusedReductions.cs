using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;


/// <summary>Fused single-output reductions over a <see cref="ReductionPlan"/>: squared deviations and log-sum-exp.</summary>
internal static class FusedReductions
{
    private const int Chunk = 256;     // stack buffer length for row passes
    private const int SumBlock = 256;  // rows summed before flushing a column partial sum (two-level summation)

    /// <summary>The sum of squared deviations from the mean of each reduced slice (keepdim shape). Two passes.</summary>
    public static Tensor SumSquaredDeviations<T>(in ReductionPlan plan) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = Tensor.Empty(plan.KeepShape, DTypeExtensions.Of<T>());
        var src = plan.Source;
        var xs = src.Typed<T>().Array;
        var ys = y.Typed<T>().Array;
        int outer = plan.Outer, reduced = plan.Reduced, inner = plan.Inner, xo = src.Offset;
        T count = T.CreateTruncating(reduced);
        if (inner == 1)
        {
            RowParallel.Rows(outer, (long)outer * reduced, (s, len) =>
            {
                Span<T> buf = stackalloc T[Chunk];
                for (int o = s; o < s + len; o++)
                {
                    var row = new ReadOnlySpan<T>(xs, xo + o * reduced, reduced);
                    T mean = TensorPrimitives.Sum(row) / count;
                    T ss = T.Zero;
                    for (int i = 0; i < reduced; i += Chunk)
                    {
                        var b = buf[..Math.Min(Chunk, reduced - i)];
                        TensorPrimitives.Subtract(row.Slice(i, b.Length), mean, b);
                        ss += TensorPrimitives.SumOfSquares((ReadOnlySpan<T>)b);
                    }
                    ys[o] = ss;
                }
            });
        }
        else
        {
            RowParallel.Rows(outer, (long)outer * reduced * inner, (s, len) =>
            {
                var state = new T[2 * inner]; // [mean | deviation scratch]
                var part = new T[inner];
                for (int o = s; o < s + len; o++)
                {
                    var block = new ReadOnlySpan<T>(xs, xo + o * reduced * inner, reduced * inner);
                    var mean = state.AsSpan(0, inner);
                    ColumnSum(block, reduced, inner, mean, part, static (row, p, _) => TensorPrimitives.Add(p, row, p), default);
                    TensorPrimitives.Divide(mean, count, mean);
                    ColumnSum(block, reduced, inner, ys.AsSpan(o * inner, inner), part, static (row, p, st) =>
                    {
                        var d = st.Slice(st.Length / 2);
                        TensorPrimitives.Subtract(row, st[..(st.Length / 2)], d);
                        TensorPrimitives.MultiplyAdd(d, d, p, p);
                    }, state);
                }
            });
        }
        GC.KeepAlive(src);
        return y;
    }

    private delegate void ColumnStep<T>(ReadOnlySpan<T> row, Span<T> partial, Span<T> state);

    /// <summary>result = Σ_r step(row r), accumulated in blocks of rows to limit rounding error.</summary>
    private static void ColumnSum<T>(ReadOnlySpan<T> block, int reduced, int inner, Span<T> result, Span<T> part, ColumnStep<T> step, Span<T> state)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        result.Clear();
        part.Clear();
        for (int r = 0; r < reduced; r++)
        {
            if (r > 0 && r % SumBlock == 0)
            {
                TensorPrimitives.Add(result, part, result);
                part.Clear();
            }
            step(block.Slice(r * inner, inner), part, state);
        }
        TensorPrimitives.Add(result, part, result);
    }

    /// <summary>log(sum(exp(x))) of each reduced slice (keepdim shape), subtracting the slice max (0 when it is infinite).</summary>
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
        }
        else if (inner == 1)
        {
            RowParallel.Rows(outer, (long)outer * reduced, (s, len) =>
            {
                Span<T> buf = stackalloc T[Chunk];
                for (int o = s; o < s + len; o++)
                {
                    var row = new ReadOnlySpan<T>(xs, xo + o * reduced, reduced);
                    T m = RowOps.Extreme<MaxExtreme<T>, T>(row);
                    if (T.IsInfinity(m)) m = T.Zero;
                    T sum = T.Zero;
                    for (int i = 0; i < reduced; i += Chunk)
                    {
                        var b = buf[..Math.Min(Chunk, reduced - i)];
                        TensorPrimitives.Subtract(row.Slice(i, b.Length), m, b);
                        TensorPrimitives.Exp(b, b);
                        sum += TensorPrimitives.Sum((ReadOnlySpan<T>)b);
                    }
                    ys[o] = T.Log(sum) + m;
                }
            });
        }
        else
        {
            RowParallel.Rows(outer, (long)outer * reduced * inner, (s, len) =>
            {
                var state = new T[2 * inner]; // [max | deviation scratch]
                var part = new T[inner];
                for (int o = s; o < s + len; o++)
                {
                    var block = new ReadOnlySpan<T>(xs, xo + o * reduced * inner, reduced * inner);
                    var m = state.AsSpan(0, inner);
                    block[..inner].CopyTo(m);
                    for (int r = 1; r < reduced; r++) TensorPrimitives.Max(m, block.Slice(r * inner, inner), m);
                    foreach (ref T v in m) if (T.IsInfinity(v)) v = T.Zero;
                    var acc = ys.AsSpan(o * inner, inner);
                    ColumnSum(block, reduced, inner, acc, part, static (row, p, st) =>
                    {
                        var d = st.Slice(st.Length / 2);
                        TensorPrimitives.Subtract(row, st[..(st.Length / 2)], d);
                        TensorPrimitives.Exp(d, d);
                        TensorPrimitives.Add(p, d, p);
                    }, state);
                    TensorPrimitives.Log(acc, acc);
                    TensorPrimitives.Add(acc, m, acc);
                }
            });
        }
        GC.KeepAlive(src);
        return y;
    }
}
