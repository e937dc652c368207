using System.Numerics;
using System.Numerics.Tensors;
using Ember.Kernels;

namespace Ember;

// Elementwise bodies of the float math ops (erf family, log2/log10/exp2/expm1, rounding), written once for
// float and double; Dispatch runs float16/bfloat16 in float32. The scalar body is the oracle.

internal readonly struct ErfOp : IFloatUnaryOp
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateTruncating(NormalCdf.Erf(double.CreateTruncating(x)));
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) d[i] = Invoke(x[i]);
    }
}

internal readonly struct ErfcOp : IFloatUnaryOp
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateTruncating(SpecialMath.Erfc(double.CreateTruncating(x)));
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) d[i] = Invoke(x[i]);
    }
}

internal readonly struct ErfinvOp : IFloatUnaryOp
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateTruncating(SpecialMath.Erfinv(double.CreateTruncating(x)));
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) d[i] = Invoke(x[i]);
    }
}

internal readonly struct Log2Op : IFloatUnaryOp
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Log2(x);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Log2(x, d);
}

internal readonly struct Log10Op : IFloatUnaryOp
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Log10(x);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Log10(x, d);
}

internal readonly struct Exp2Op : IFloatUnaryOp
{
    // The scalar pow(2, x): exact at integers (TensorPrimitives.Exp2 gave 2^1023 140 ulp off).
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Exp2(x);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) d[i] = T.Exp2(x[i]);
    }
}

/// <summary>
/// e^x − 1 with full relative accuracy near 0 (.NET's ExpM1 is exp(x) − 1, which keeps none): with u = e^x
/// rounded, (u − 1)·x / log(u) cancels the rounding of u (Kahan).
/// </summary>
internal readonly struct Expm1Op : IFloatUnaryOp
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T u = T.Exp(x);
        if (u == T.One) return x;
        T um1 = u - T.One;
        if (um1 == -T.One || T.IsPositiveInfinity(u)) return um1;
        return um1 * x / T.Log(u);
    }

    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) d[i] = Invoke(x[i]);
    }
}

internal readonly struct FloorOp : IFloatUnaryOp
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Floor(x);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Floor(x, d);
}

internal readonly struct CeilOp : IFloatUnaryOp
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Ceiling(x);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Ceiling(x, d);
}

internal readonly struct TruncOp : IFloatUnaryOp
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Truncate(x);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Truncate(x, d);
}

/// <summary>Round half to even (C's nearbyint in the default rounding mode), as PyTorch's round.</summary>
internal readonly struct RoundOp : IFloatUnaryOp
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Round(x, MidpointRounding.ToEven);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Round(x, MidpointRounding.ToEven, d);
}

/// <summary>x − trunc(x) (so ±∞ gives NaN, as in PyTorch).</summary>
internal readonly struct FracOp : IFloatUnaryOp
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => x - T.Truncate(x);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        TensorPrimitives.Truncate(x, d);
        TensorPrimitives.Subtract(x, d, d);
    }
}

/// <summary>Dtype rules shared by the float math ops.</summary>
internal static class FloatMath
{
    /// <summary>
    /// y = op(x) for a float op: integer and bool inputs are first converted to the default float dtype
    /// (<see cref="Torch.GetDefaultDType"/>), as in PyTorch; 16-bit floats are computed in float32.
    /// </summary>
    public static Tensor Unary<TOp>(Tensor x, string op) where TOp : IFloatUnaryOp
    {
        Torch.NotNull(x, "input");
        if (!x.DType.IsFloatingPoint()) x = x.Cast(TypePromotion.DefaultDType);
        return Dispatch.FloatUnary<TOp>(x, op);
    }

    /// <summary>
    /// A rounding op (floor, ceil, round, trunc): integer tensors are returned as a copy of the same dtype (their
    /// values are already whole); bool tensors are not supported, as in PyTorch.
    /// </summary>
    /// <exception cref="NotSupportedException">The input is bool.</exception>
    public static Tensor Rounding<TOp>(Tensor x, string op) where TOp : IFloatUnaryOp
    {
        Torch.NotNull(x, "input");
        if (x.DType == DType.Bool) throw Dispatch.Unsupported(op, x.DType);
        if (x.DType.IsIntegral())
        {
            var y = Tensor.Empty(x.ShapeArray.ToArray(), x.DType);
            Elementwise.CopyInto(x, y);
            return y;
        }
        return Dispatch.FloatUnary<TOp>(x, op);
    }
}
