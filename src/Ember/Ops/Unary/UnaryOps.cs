using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Ember.Kernels;

namespace Ember;

// Vectorized bodies of the unary math ops, generic over float and double (TensorPrimitives where it
// exists; the scalar body is the oracle and handles strided rows).

internal readonly struct NegOp : INumericUnaryOp
{
    public static T Invoke<T>(T x) where T : unmanaged, INumber<T> => -x;
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Negate(x, d);
}

internal readonly struct AbsOp : INumericUnaryOp
{
    // Integer |MinValue| wraps to MinValue, as in PyTorch (.NET's Abs would throw).
    public static T Invoke<T>(T x) where T : unmanaged, INumber<T> => T.IsNegative(x) ? -x : T.Abs(x);

    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float) || typeof(T) == typeof(double)) TensorPrimitives.Abs(x, d);
        else for (int i = 0; i < x.Length; i++) d[i] = Invoke(x[i]);
    }
}

internal readonly struct ExpOp : IFloatUnaryOp
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Exp(x);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Exp(x, d);
}

internal readonly struct LogOp : IFloatUnaryOp
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Log(x);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Log(x, d);
}

internal readonly struct Log1pOp : IFloatUnaryOp
{
    // log(1+x) accurate for tiny x: log(u)·x/(u−1) with u = 1+x cancels the rounding of u.
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T u = T.One + x;
        if (u == T.One) return x;
        if (T.IsInfinity(u)) return T.Log(u);
        return T.Log(u) * (x / (u - T.One)); // the correction factor first: log(u)·x overflows for x near the maximum
    }

    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) d[i] = Invoke(x[i]);
    }
}

internal readonly struct SqrtOp : IFloatUnaryOp
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Sqrt(x);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Sqrt(x, d);
}

internal readonly struct RsqrtOp : IFloatUnaryOp
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.One / T.Sqrt(x);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        TensorPrimitives.Sqrt(x, d);
        TensorPrimitives.Divide(T.One, d, d);
    }
}

internal readonly struct SinOp : IFloatUnaryOp
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Sin(x);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Sin(x, d);
}

internal readonly struct CosOp : IFloatUnaryOp
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Cos(x);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Cos(x, d);
}

internal readonly struct TanhOp : IFloatUnaryOp
{
    // TensorPrimitives.Tanh goes through exp and loses all relative accuracy near 0 (tanh(1e-10f) came
    // out as -6e-8); below |x| = 0.5 the scalar tanh recomputes the few elements that need it.

    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Tanh(x);

    /// <remarks>Safe when <paramref name="d"/> is <paramref name="x"/> (in place): the fix-up reads each chunk's inputs
    /// from a copy taken before the vector pass overwrites them.</remarks>
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int Chunk = 256;
        Span<T> saved = stackalloc T[Chunk];
        for (int start = 0; start < x.Length; start += Chunk)
        {
            int n = Math.Min(Chunk, x.Length - start);
            var xs = x.Slice(start, n);
            var ds = d.Slice(start, n);
            xs.CopyTo(saved);
            TensorPrimitives.Tanh(xs, ds);
            for (int i = 0; i < n; i++)
                if (T.Abs(saved[i]) < T.CreateTruncating(0.5)) ds[i] = T.Tanh(saved[i]);
        }
    }
}

internal readonly struct SigmoidOp : IFloatUnaryOp
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-x));
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Sigmoid(x, d);
}

/// <summary>
/// PyTorch's relu, <c>x &lt; 0 ? 0 : x</c>: NaN stays NaN and −0 stays −0 (TensorPrimitives.Max would give +0).
/// </summary>
internal readonly struct ReluOp : INumericUnaryOp
{
    public static T Invoke<T>(T x) where T : unmanaged, INumber<T> => x < T.Zero ? T.Zero : x;

    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumber<T> => SelectKernel.Run<FloorSelect<T>, T>(x, T.Zero, d);
}

/// <summary>
/// ReLU's backward in one pass, PyTorch's <c>threshold_backward(grad, output, 0)</c>: 0 where the output is
/// ≤ 0, else the gradient (so a NaN output passes its gradient on, and an infinite gradient at a zero output
/// gives 0, as in PyTorch). Operands: (gradient, output).
/// </summary>
internal readonly struct ReluGradOp : INumericBinaryOp
{
    public static T Invoke<T>(T g, T y) where T : unmanaged, INumber<T> => y <= T.Zero ? T.Zero : g;

    public static void Invoke<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T>
    {
        if (y.Length < g.Length || d.Length < g.Length) throw new ArgumentException("relu_backward: spans of different lengths");
        VectorDriver.Map(default(Body<T>), g, y, d);
    }

    /// <summary>The operator on the vector driver: select(y ≤ 0, 0, g).</summary>
    internal readonly struct Body<T> : IVectorOp2<T> where T : unmanaged, INumber<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T g, T y) => ReluGradOp.Invoke(g, y);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Invoke(Vector128<T> g, Vector128<T> y) => Vector128.ConditionalSelect(Vector128.LessThanOrEqual(y, Vector128<T>.Zero), Vector128<T>.Zero, g);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Invoke(Vector256<T> g, Vector256<T> y) => Vector256.ConditionalSelect(Vector256.LessThanOrEqual(y, Vector256<T>.Zero), Vector256<T>.Zero, g);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Invoke(Vector512<T> g, Vector512<T> y) => Vector512.ConditionalSelect(Vector512.LessThanOrEqual(y, Vector512<T>.Zero), Vector512<T>.Zero, g);
    }

    public static void Invoke<T>(ReadOnlySpan<T> g, T y, Span<T> d) where T : unmanaged, INumber<T>
    {
        if (y <= T.Zero) d.Clear();
        else g.CopyTo(d);
    }

    public static void Invoke<T>(T g, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < y.Length; i++) d[i] = Invoke(g, y[i]);
    }
}

/// <summary>PyTorch's sign, <c>(0 &lt; x) − (x &lt; 0)</c>: +0 for ±0 and for NaN (as PyTorch 1.13 gives).</summary>
internal readonly struct SignOp : INumericUnaryOp
{
    public static T Invoke<T>(T x) where T : unmanaged, INumber<T> => x > T.Zero ? T.One : x < T.Zero ? -T.One : T.Zero;
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumber<T> => VectorDriver.Map(default(Body<T>), x, d);

    /// <summary>The operator on the vector driver: select(x &gt; 0, 1, select(x &lt; 0, −1, 0)).</summary>
    internal readonly struct Body<T> : IVectorOp1<T> where T : unmanaged, INumber<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T x) => SignOp.Invoke(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Invoke(Vector128<T> x) => Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<T>.Zero), Vector128<T>.One,
            Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<T>.Zero), Vector128.Create(-T.One), Vector128<T>.Zero));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Invoke(Vector256<T> x) => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), Vector256<T>.One,
            Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<T>.Zero), Vector256.Create(-T.One), Vector256<T>.Zero));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Invoke(Vector512<T> x) => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<T>.Zero), Vector512<T>.One,
            Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<T>.Zero), Vector512.Create(-T.One), Vector512<T>.Zero));
    }
}

/// <summary>Dtype rules shared by the unary ops (the element-type dispatch itself is in <see cref="Dispatch"/>).</summary>
internal static class UnaryMath
{
    /// <summary>A float op: integer and bool inputs are promoted to the default float dtype first, as in PyTorch.</summary>
    public static Tensor Float<TOp>(ref Tensor x, string op) where TOp : IFloatUnaryOp
    {
        Torch.NotNull(x, "input");
        if (!x.DType.IsFloatingPoint()) x = x.Cast(TypePromotion.DefaultDType);
        return Dispatch.FloatUnary<TOp>(x, op);
    }
}
