using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Ember.Kernels;

namespace Ember;

// Vectorized bodies of the unary math ops, generic over float and double (TensorPrimitives where it
// exists; the scalar body is the oracle and handles strided rows).

internal readonly struct NegOp<T> : IUnaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Invoke(T x) => -x;
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Negate(x, d);
}

internal readonly struct AbsOp<T> : IUnaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Invoke(T x) => T.Abs(x);
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Abs(x, d);
}

internal readonly struct ExpOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x) => T.Exp(x);
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Exp(x, d);
}

internal readonly struct LogOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x) => T.Log(x);
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Log(x, d);
}

internal readonly struct Log1pOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    // log(1+x) accurate for tiny x: log(u)·x/(u−1) with u = 1+x cancels the rounding of u.
    public static T Invoke(T x)
    {
        T u = T.One + x;
        if (u == T.One) return x;
        if (T.IsInfinity(u)) return T.Log(u);
        return T.Log(u) * (x / (u - T.One)); // the correction factor first: log(u)·x overflows for x near the maximum
    }

    public static void Invoke(ReadOnlySpan<T> x, Span<T> d)
    {
        for (int i = 0; i < x.Length; i++) d[i] = Invoke(x[i]);
    }
}

internal readonly struct SqrtOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x) => T.Sqrt(x);
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Sqrt(x, d);
}

internal readonly struct RsqrtOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x) => T.One / T.Sqrt(x);
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d)
    {
        TensorPrimitives.Sqrt(x, d);
        TensorPrimitives.Divide(T.One, d, d);
    }
}

internal readonly struct SinOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x) => T.Sin(x);
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Sin(x, d);
}

internal readonly struct CosOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x) => T.Cos(x);
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Cos(x, d);
}

internal readonly struct TanhOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    // TensorPrimitives.Tanh goes through exp and loses all relative accuracy near 0 (tanh(1e-10f) came
    // out as -6e-8); below |x| = 0.5 the scalar tanh recomputes the few elements that need it.
    private static readonly T Small = T.CreateChecked(0.5);

    public static T Invoke(T x) => T.Tanh(x);

    public static void Invoke(ReadOnlySpan<T> x, Span<T> d)
    {
        TensorPrimitives.Tanh(x, d);
        for (int i = 0; i < x.Length; i++)
            if (T.Abs(x[i]) < Small) d[i] = T.Tanh(x[i]);
    }
}

internal readonly struct SigmoidOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x) => T.One / (T.One + T.Exp(-x));
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Sigmoid(x, d);
}

/// <summary>
/// PyTorch's relu, <c>x &lt; 0 ? 0 : x</c>: NaN stays NaN and −0 stays −0 (TensorPrimitives.Max would give +0).
/// </summary>
internal readonly struct ReluOp<T> : IUnaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Invoke(T x) => x < T.Zero ? T.Zero : x;

    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => SelectKernel.Run<FloorSelect<T>, T>(x, T.Zero, d);
}

/// <summary>
/// ReLU's backward in one pass, PyTorch's <c>threshold_backward(grad, output, 0)</c>: 0 where the output is
/// ≤ 0, else the gradient (so a NaN output passes its gradient on, and an infinite gradient at a zero output
/// gives 0, as in PyTorch). Operands: (gradient, output).
/// </summary>
internal readonly struct ReluGradOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Invoke(T g, T y) => y <= T.Zero ? T.Zero : g;

    public static void Invoke(ReadOnlySpan<T> g, ReadOnlySpan<T> y, Span<T> d)
    {
        if (y.Length < g.Length || d.Length < g.Length) throw new ArgumentException("relu_backward: spans of different lengths");
        ref T gr = ref MemoryMarshal.GetReference(g);
        ref T yr = ref MemoryMarshal.GetReference(y);
        ref T dr = ref MemoryMarshal.GetReference(d);
        nuint n = (nuint)g.Length, i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            for (; i + (nuint)Vector512<T>.Count <= n; i += (nuint)Vector512<T>.Count)
                Vector512.ConditionalSelect(Vector512.LessThanOrEqual(Vector512.LoadUnsafe(ref yr, i), Vector512<T>.Zero),
                    Vector512<T>.Zero, Vector512.LoadUnsafe(ref gr, i)).StoreUnsafe(ref dr, i);
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            for (; i + (nuint)Vector256<T>.Count <= n; i += (nuint)Vector256<T>.Count)
                Vector256.ConditionalSelect(Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref yr, i), Vector256<T>.Zero),
                    Vector256<T>.Zero, Vector256.LoadUnsafe(ref gr, i)).StoreUnsafe(ref dr, i);
        }
        else if (Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported)
        {
            for (; i + (nuint)Vector128<T>.Count <= n; i += (nuint)Vector128<T>.Count)
                Vector128.ConditionalSelect(Vector128.LessThanOrEqual(Vector128.LoadUnsafe(ref yr, i), Vector128<T>.Zero),
                    Vector128<T>.Zero, Vector128.LoadUnsafe(ref gr, i)).StoreUnsafe(ref dr, i);
        }
        for (; i < n; i++) Unsafe.Add(ref dr, i) = Invoke(Unsafe.Add(ref gr, i), Unsafe.Add(ref yr, i));
    }

    public static void Invoke(ReadOnlySpan<T> g, T y, Span<T> d)
    {
        if (y <= T.Zero) d.Clear();
        else g.CopyTo(d);
    }

    public static void Invoke(T g, ReadOnlySpan<T> y, Span<T> d)
    {
        for (int i = 0; i < y.Length; i++) d[i] = Invoke(g, y[i]);
    }
}

/// <summary>PyTorch's sign, <c>(0 &lt; x) − (x &lt; 0)</c>: +0 for ±0 and for NaN (as PyTorch 1.13 gives).</summary>
internal readonly struct SignOp<T> : IUnaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Invoke(T x) => x > T.Zero ? T.One : x < T.Zero ? -T.One : T.Zero;
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d)
    {
        for (int i = 0; i < x.Length; i++) d[i] = Invoke(x[i]);
    }
}

/// <summary>Dtype dispatch for unary ops.</summary>
internal static class UnaryMath
{
    /// <summary>A float op: integer and bool inputs are promoted to float32 first, as in PyTorch.</summary>
    public static Tensor Float<TF, TD>(ref Tensor x) where TF : IUnaryOp<float> where TD : IUnaryOp<double>
    {
        if (!x.DType.IsFloatingPoint()) x = x.To(DType.Float32);
        return x.DType == DType.Float32 ? Elementwise.Unary<TF, float>(x) : Elementwise.Unary<TD, double>(x);
    }

    /// <summary>An op defined for every numeric dtype (bool is rejected).</summary>
    public static Tensor Numeric<TF, TD, TL>(Tensor x, string op) where TF : IUnaryOp<float> where TD : IUnaryOp<double> where TL : IUnaryOp<long> =>
        x.DType switch
        {
            DType.Float32 => Elementwise.Unary<TF, float>(x),
            DType.Float64 => Elementwise.Unary<TD, double>(x),
            DType.Int64 => Elementwise.Unary<TL, long>(x),
            _ => throw new ArgumentException($"{op}: not supported for bool tensors; convert with To(DType.Int64) first"),
        };
}
