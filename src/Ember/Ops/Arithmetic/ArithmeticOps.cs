using System.Numerics;
using System.Numerics.Tensors;
using Ember.Kernels;

namespace Ember;

// Vectorized elementwise bodies for the arithmetic ops, written once for every numeric element type.
// Integer arithmetic wraps on overflow, as in PyTorch.

internal readonly struct AddOp : INumericBinaryOp
{
    public static T Invoke<T>(T a, T b) where T : unmanaged, INumber<T> => a + b;
    public static void Invoke<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Add(a, b, d);
    public static void Invoke<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Add(a, b, d);
    public static void Invoke<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Add(b, a, d);
}

internal readonly struct SubOp : INumericBinaryOp
{
    public static T Invoke<T>(T a, T b) where T : unmanaged, INumber<T> => a - b;
    public static void Invoke<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Subtract(a, b, d);
    public static void Invoke<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Subtract(a, b, d);
    public static void Invoke<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Subtract(a, b, d);
}

internal readonly struct MulOp : INumericBinaryOp
{
    public static T Invoke<T>(T a, T b) where T : unmanaged, INumber<T> => a * b;
    public static void Invoke<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Multiply(a, b, d);
    public static void Invoke<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Multiply(a, b, d);
    public static void Invoke<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Multiply(b, a, d);
}

/// <summary>True division, for floating-point element types (integer operands are promoted first).</summary>
internal readonly struct DivOp : IFloatBinaryOp
{
    public static T Invoke<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T> => a / b;
    public static void Invoke<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Divide(a, b, d);
    public static void Invoke<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Divide(a, b, d);
    public static void Invoke<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Divide(a, b, d);
}

/// <summary>Logical or, PyTorch's add on two bools.</summary>
internal readonly struct OrPred : IPredicate<bool> { public static bool Invoke(bool a, bool b) => a | b; }

/// <summary>Logical and, PyTorch's mul on two bools.</summary>
internal readonly struct AndPred : IPredicate<bool> { public static bool Invoke(bool a, bool b) => a & b; }

/// <summary>Logical xor.</summary>
internal readonly struct XorPred : IPredicate<bool> { public static bool Invoke(bool a, bool b) => a ^ b; }

/// <summary>Type promotion and scalar operands shared by the binary arithmetic ops.</summary>
internal static class Arithmetic
{
    /// <summary>
    /// The result dtype of an arithmetic op (PyTorch's <c>torch.result_type</c>); with
    /// <paramref name="floatResult"/> an integer or bool result becomes the default float dtype (true division).
    /// </summary>
    public static DType ResultType(Tensor a, Tensor b, bool floatResult = false)
    {
        var dt = TypePromotion.ResultType(a, b);
        if (floatResult && !dt.IsFloatingPoint()) dt = TypePromotion.DefaultDType;
        return dt;
    }

    /// <summary>
    /// Converts the operands to <paramref name="dtype"/> for autograd: a float operand of another dtype is
    /// converted differentiably (its gradient is cast back), anything else without recording.
    /// </summary>
    public static void ConvertOperands(ref Tensor a, ref Tensor b, DType dtype)
    {
        a = ConvertOperand(a, dtype);
        b = ConvertOperand(b, dtype);
    }

    private static Tensor ConvertOperand(Tensor t, DType dtype) =>
        t.DType == dtype ? t : t.RequiresGrad ? t.To(dtype) : t.Cast(dtype);

    /// <summary>A bool result of an op on two bools (add is or, mul is and).</summary>
    public static Tensor Logical<TPred>(Tensor a, Tensor b, string op) where TPred : IPredicate<bool> =>
        Elementwise.Compare<TPred, bool>(a.Cast(DType.Bool), b.Cast(DType.Bool), op);

    /// <summary>
    /// Checks an in-place op's result dtype against the destination's (PyTorch's <c>can_cast</c> rule), e.g.
    /// an int64 tensor cannot take a float result.
    /// </summary>
    /// <exception cref="ArgumentException">The result dtype cannot be stored in <paramref name="self"/>'s dtype.</exception>
    public static void CheckInPlaceResult(Tensor self, DType result, string op)
    {
        if (!DTypeExtensions.CanCast(result, self.DType))
            throw CannotCast(op, result, self.DType);
    }

    /// <summary>PyTorch's error for an in-place result that cannot be stored, with Ember's dtype names too.</summary>
    public static ArgumentException CannotCast(string op, DType result, DType destination) =>
        new($"{op}: result type {result.ScalarTypeName()} ({result.TorchName()}) can't be cast to the desired output type {destination.ScalarTypeName()} ({destination.TorchName()})");

    /// <summary>
    /// Checks <paramref name="alpha"/> for an op whose result has dtype <paramref name="dt"/>, as PyTorch's
    /// alpha_check: an integral or bool result needs an integral alpha (PyTorch's Python int; a bool result then
    /// takes it as true when non-zero). PyTorch's other rule, a bool alpha only for bool results, cannot arise:
    /// alpha is a C# number.
    /// </summary>
    /// <exception cref="ArgumentException">The alpha does not fit the result dtype.</exception>
    public static void CheckAlpha(double alpha, DType dt, string op)
    {
        if (dt.IsIntegral(includeBool: true) && alpha != Math.Floor(alpha))
            throw new ArgumentException($"{op}: for integral input tensors, argument alpha must not be a floating point number (got {alpha})", nameof(alpha));
    }

    /// <summary>A wrapped C# number converted to <paramref name="dt"/>, checked for overflow (PyTorch's checked scalar conversion).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit <paramref name="dt"/>.</exception>
    public static Tensor CheckedScalar(Tensor wrapped, DType dt, string op)
    {
        if (wrapped.DType == DType.Float64) Kernels.Convert.CheckFits(wrapped.Item<double>(), dt, op);
        else if (wrapped.DType == DType.Int64) Kernels.Convert.CheckFits(wrapped.Item<long>(), dt, op);
        return wrapped.Cast(dt);
    }

    /// <summary><paramref name="other"/> × alpha, in the integer domain for integral results.</summary>
    public static Tensor ScaleByAlpha(Tensor other, double alpha, DType dt) =>
        dt.IsIntegral() ? Torch.Mul(other, (long)alpha) : Torch.Mul(other, alpha);
}
