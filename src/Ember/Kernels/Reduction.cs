using System.Numerics;
using System.Numerics.Tensors;

namespace Ember.Kernels;

/// <summary>
/// An associative reduction: an identity, a scalar combine, a whole-span reduce and a row accumulate, plus
/// the two drivers <see cref="Reduction.Run{TR, T}"/> calls (sums replace them with cascade summation).
/// </summary>
internal interface IReducer<T> where T : unmanaged
{
    static abstract T Identity { get; }
    static abstract T Combine(T a, T b);
    /// <summary>Reduces a contiguous span to one value.</summary>
    static abstract T Reduce(ReadOnlySpan<T> x);
    /// <summary>acc[i] = Combine(acc[i], x[i]).</summary>
    static abstract void Accumulate(ReadOnlySpan<T> x, Span<T> acc);
    /// <summary>ys[o] = reduce(xs[xo + o·n .. + n]) for o &lt; outer.</summary>
    static abstract void ReduceRows(T[] xs, int xo, int outer, int n, T[] ys);
    /// <summary>ys[o·inner + j] = reduce over r of xs[xo + (o·reduced + r)·inner + j].</summary>
    static abstract void ReduceColumns(T[] xs, int xo, int outer, int reduced, int inner, T[] ys);
}

/// <summary>Sum with cascade accumulation (accurate for long float32 reductions, like PyTorch's).</summary>
internal readonly struct SumReducer<T> : IReducer<T> where T : unmanaged, INumber<T>
{
    public static T Identity => T.Zero;
    public static T Combine(T a, T b) => a + b;
    public static T Reduce(ReadOnlySpan<T> x) => CascadeSum.ChunkedRow<PlainTerm<T>, T>(x, T.Zero);
    public static void Accumulate(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.Add(acc, x, acc);
    public static void ReduceRows(T[] xs, int xo, int outer, int n, T[] ys) => CascadeSum.Rows<PlainTerm<T>, T>(xs, xo, outer, n, null, ys);
    public static void ReduceColumns(T[] xs, int xo, int outer, int reduced, int inner, T[] ys) =>
        CascadeSum.Columns<PlainTerm<T>, T>(xs, xo, outer, reduced, inner, null, ys);
}

/// <summary>
/// How a reduction over a set of dimensions maps onto memory: the input is viewed as [outer, reduced,
/// inner] (a copy is made only when the reduced dimensions are not one contiguous block).
/// </summary>
internal readonly struct ReductionPlan
{
    public readonly Tensor Source;   // contiguous; viewed as [Outer, Reduced, Inner]
    public readonly int Outer, Reduced, Inner;
    public readonly int[] OutShape;  // without keepdim
    public readonly int[] KeepShape; // with keepdim

    private ReductionPlan(Tensor source, int outer, int reduced, int inner, int[] outShape, int[] keepShape)
    {
        Source = source; Outer = outer; Reduced = reduced; Inner = inner; OutShape = outShape; KeepShape = keepShape;
    }

    /// <summary>Normalizes and de-duplicates dims; null or empty means all dimensions.</summary>
    public static bool[] ReducedMask(Tensor x, int[]? dims, string op)
    {
        var mask = new bool[x.Dim];
        if (dims is null || dims.Length == 0)
        {
            Array.Fill(mask, true);
            return mask;
        }
        foreach (var d in dims)
        {
            int n = Tensor.NormalizeDim(d, x.Dim, op);
            if (x.Dim == 0) continue;
            if (mask[n]) throw new ArgumentException($"{op}: dim {n} appears multiple times in the list of dims");
            mask[n] = true;
        }
        return mask;
    }

    public static ReductionPlan Create(Tensor x, bool[] mask)
    {
        int nd = x.Dim;
        var outShape = new List<int>();
        var keepShape = new int[nd];
        int first = -1, last = -1;
        for (int d = 0; d < nd; d++)
        {
            if (mask[d])
            {
                keepShape[d] = 1;
                if (first < 0) first = d;
                last = d;
            }
            else
            {
                keepShape[d] = x.ShapeArray[d];
                outShape.Add(x.ShapeArray[d]);
            }
        }
        if (first < 0) // nothing reduced (0-d input)
            return new ReductionPlan(x.Contiguous(), x.Numel, 1, 1, outShape.ToArray(), keepShape);

        bool block = true;
        for (int d = first; d <= last; d++) block &= mask[d];
        Tensor src;
        int outer = 1, reduced = 1, inner = 1;
        if (block)
        {
            src = x.Contiguous();
            for (int d = 0; d < first; d++) outer *= x.ShapeArray[d];
            for (int d = first; d <= last; d++) reduced *= x.ShapeArray[d];
            for (int d = last + 1; d < nd; d++) inner *= x.ShapeArray[d];
        }
        else
        {
            var perm = new int[nd];
            int k = 0;
            for (int d = 0; d < nd; d++) if (!mask[d]) { perm[k++] = d; outer *= x.ShapeArray[d]; }
            for (int d = 0; d < nd; d++) if (mask[d]) { perm[k++] = d; reduced *= x.ShapeArray[d]; }
            using (Torch.NoGrad()) src = x.Detach().Permute(perm).Contiguous();
        }
        // An empty view may sit at an offset past the end of its empty storage (x[:, 2:] of [0, 5]): give the kernels,
        // which slice spans at the offset, a fresh one at offset 0.
        if (src.Numel == 0 && src.Offset != 0) src = Tensor.Empty(src.ShapeArray.ToArray(), src.DType);
        return new ReductionPlan(src, outer, reduced, inner, outShape.ToArray(), keepShape);
    }
}

/// <summary>Runs an <see cref="IReducer{T}"/> over a <see cref="ReductionPlan"/>.</summary>
internal static class Reduction
{
    /// <summary>Reduces the planned dimensions; the result has the plan's keepdim shape.</summary>
    public static Tensor Run<TR, T>(in ReductionPlan plan) where TR : IReducer<T> where T : unmanaged
    {
        var y = Tensor.Empty(plan.KeepShape, DTypeExtensions.Of<T>());
        var src = plan.Source;
        var xs = src.Typed<T>().Array;
        var ys = y.Typed<T>().Array;
        if (plan.Inner == 1) TR.ReduceRows(xs, src.Offset, plan.Outer, plan.Reduced, ys);
        else TR.ReduceColumns(xs, src.Offset, plan.Outer, plan.Reduced, plan.Inner, ys);
        GC.KeepAlive(src);
        return y;
    }

    /// <summary>The generic <see cref="IReducer{T}.ReduceRows"/>: <c>TR.Reduce</c> of each row, parallel over rows.</summary>
    public static void FoldRows<TR, T>(T[] xs, int xo, int outer, int n, T[] ys) where TR : IReducer<T> where T : unmanaged =>
        RowParallel.Rows(outer, (long)outer * n, (start, count) =>
        {
            for (int o = start; o < start + count; o++) ys[o] = TR.Reduce(xs.AsSpan(xo + o * n, n));
        });

    /// <summary>The generic <see cref="IReducer{T}.ReduceColumns"/>: <c>TR.Accumulate</c> row after row, parallel over outer slices.</summary>
    public static void FoldColumns<TR, T>(T[] xs, int xo, int outer, int reduced, int inner, T[] ys) where TR : IReducer<T> where T : unmanaged =>
        RowParallel.Rows(outer, (long)outer * reduced * inner, (start, count) =>
        {
            for (int o = start; o < start + count; o++)
            {
                var acc = ys.AsSpan(o * inner, inner);
                acc.Fill(TR.Identity);
                int baseOff = xo + o * reduced * inner;
                for (int r = 0; r < reduced; r++) TR.Accumulate(xs.AsSpan(baseOff + r * inner, inner), acc);
            }
        });
}
