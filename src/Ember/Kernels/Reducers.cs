using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;

// Reducers and row kernels for the reduction family (prod, max/min, argmax/argmin, norm, softmax).

/// <summary>Product reducer (the product of an empty span is one).</summary>
internal readonly struct ProdReducer<T> : IReducer<T> where T : unmanaged, INumber<T>
{
    public static T Identity => T.One;
    public static T Combine(T a, T b) => a * b;
    public static T Reduce(ReadOnlySpan<T> x) => x.IsEmpty ? T.One : TensorPrimitives.Product(x);
    public static void Accumulate(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.Multiply(acc, x, acc);
    public static void ReduceRows(T[] xs, int xo, int outer, int n, T[] ys) => Reduction.FoldRows<ProdReducer<T>, T>(xs, xo, outer, n, ys);
    public static void ReduceColumns(T[] xs, int xo, int outer, int reduced, int inner, T[] ys) =>
        Reduction.FoldColumns<ProdReducer<T>, T>(xs, xo, outer, reduced, inner, ys);
}

/// <summary>Sum of squares (the squared Euclidean norm), cascade-summed; <c>Combine(acc, x)</c> = acc + x².</summary>
internal readonly struct SumSquaresReducer<T> : IReducer<T> where T : unmanaged, INumber<T>
{
    public static T Identity => T.Zero;
    public static T Combine(T a, T b) => a + b * b;
    public static T Reduce(ReadOnlySpan<T> x) => CascadeSum.ChunkedRow<SquareTerm<T>, T>(x, T.Zero);
    public static void Accumulate(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.MultiplyAdd(x, x, acc, acc);
    public static void ReduceRows(T[] xs, int xo, int outer, int n, T[] ys) => CascadeSum.Rows<SquareTerm<T>, T>(xs, xo, outer, n, null, ys);
    public static void ReduceColumns(T[] xs, int xo, int outer, int reduced, int inner, T[] ys) =>
        CascadeSum.Columns<SquareTerm<T>, T>(xs, xo, outer, reduced, inner, null, ys);
}

/// <summary>
/// Maximum reducer that propagates NaN; of equal −0 and +0 the first one wins (as max(dim) reports it).
/// Callers reject empty reductions first.
/// </summary>
internal readonly struct MaxReducer<T> : IReducer<T> where T : unmanaged, INumber<T>
{
    public static T Identity => T.CreateSaturating(double.NegativeInfinity);
    public static T Combine(T a, T b) => MaxExtreme<T>.Scalar(a, b);
    public static T Reduce(ReadOnlySpan<T> x) => RowOps.Extreme<MaxExtreme<T>, T>(x);
    public static void Accumulate(ReadOnlySpan<T> x, Span<T> acc) => ExtremeAccumulate.Run(x, acc, max: true);
    public static void ReduceRows(T[] xs, int xo, int outer, int n, T[] ys) => Reduction.FoldRows<MaxReducer<T>, T>(xs, xo, outer, n, ys);
    public static void ReduceColumns(T[] xs, int xo, int outer, int reduced, int inner, T[] ys) =>
        Reduction.FoldColumns<MaxReducer<T>, T>(xs, xo, outer, reduced, inner, ys);
}

/// <summary>Minimum reducer that propagates NaN; of equal −0 and +0 the first one wins. Callers reject empty reductions first.</summary>
internal readonly struct MinReducer<T> : IReducer<T> where T : unmanaged, INumber<T>
{
    public static T Identity => T.CreateSaturating(double.PositiveInfinity);
    public static T Combine(T a, T b) => MinExtreme<T>.Scalar(a, b);
    public static T Reduce(ReadOnlySpan<T> x) => RowOps.Extreme<MinExtreme<T>, T>(x);
    public static void Accumulate(ReadOnlySpan<T> x, Span<T> acc) => ExtremeAccumulate.Run(x, acc, max: false);
    public static void ReduceRows(T[] xs, int xo, int outer, int n, T[] ys) => Reduction.FoldRows<MinReducer<T>, T>(xs, xo, outer, n, ys);
    public static void ReduceColumns(T[] xs, int xo, int outer, int reduced, int inner, T[] ys) =>
        Reduction.FoldColumns<MinReducer<T>, T>(xs, xo, outer, reduced, inner, ys);
}

/// <summary>A max or min: native (non-NaN-propagating) vector bodies plus a strict scalar "better than" test.</summary>
internal interface IExtremeOp<T> where T : unmanaged
{
    static abstract Vector512<T> Native(Vector512<T> a, Vector512<T> b);
    static abstract Vector256<T> Native(Vector256<T> a, Vector256<T> b);
    static abstract Vector128<T> Native(Vector128<T> a, Vector128<T> b);
    /// <summary>True when <paramref name="a"/> is strictly better than <paramref name="b"/> (ignoring NaN).</summary>
    static abstract bool Better(T a, T b);
    /// <summary>acc[i] = extreme(acc[i], x[i]), NaN-propagating.</summary>
    static abstract void Accumulate(ReadOnlySpan<T> x, Span<T> acc);
}

internal readonly struct MaxExtreme<T> : IExtremeOp<T> where T : unmanaged, INumber<T>
{
    public static Vector512<T> Native(Vector512<T> a, Vector512<T> b) => Vector512.MaxNative(a, b);
    public static Vector256<T> Native(Vector256<T> a, Vector256<T> b) => Vector256.MaxNative(a, b);
    public static Vector128<T> Native(Vector128<T> a, Vector128<T> b) => Vector128.MaxNative(a, b);
    public static bool Better(T a, T b) => a > b;
    public static void Accumulate(ReadOnlySpan<T> x, Span<T> acc) => ExtremeAccumulate.Run(x, acc, max: true);
    public static T Scalar(T a, T b) => T.IsNaN(a) || T.IsNaN(b) ? (T.IsNaN(a) ? a : b) : (b > a ? b : a);
}

internal readonly struct MinExtreme<T> : IExtremeOp<T> where T : unmanaged, INumber<T>
{
    public static Vector512<T> Native(Vector512<T> a, Vector512<T> b) => Vector512.MinNative(a, b);
    public static Vector256<T> Native(Vector256<T> a, Vector256<T> b) => Vector256.MinNative(a, b);
    public static Vector128<T> Native(Vector128<T> a, Vector128<T> b) => Vector128.MinNative(a, b);
    public static bool Better(T a, T b) => a < b;
    public static void Accumulate(ReadOnlySpan<T> x, Span<T> acc) => ExtremeAccumulate.Run(x, acc, max: false);
    public static T Scalar(T a, T b) => T.IsNaN(a) || T.IsNaN(b) ? (T.IsNaN(a) ? a : b) : (b < a ? b : a);
}

/// <summary>The column step of max/min: NaN-propagating, and an equal value (−0 against +0) keeps the earlier one.</summary>
internal static class ExtremeAccumulate
{
    /// <summary>acc[i] = x[i] where x[i] is NaN or strictly better than acc[i], unless acc[i] is already NaN.</summary>
    public static void Run<T>(ReadOnlySpan<T> x, Span<T> acc, bool max) where T : unmanaged, INumber<T>
    {
        // select(x, acc) keeps acc (the second operand) on ties and when acc is NaN, and takes a NaN x
        if (max) SelectKernel.Run<MaxSelect<T>, T>(x, acc, acc, nonTemporal: false);
        else SelectKernel.Run<MinSelect<T>, T>(x, acc, acc, nonTemporal: false);
    }
}
