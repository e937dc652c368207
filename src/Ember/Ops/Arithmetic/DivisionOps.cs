using System.Numerics;
using Ember.Kernels;

namespace Ember;

// The rounding divisions and remainders, written once for every numeric element type. Integer operands never
// reach a zero divisor (IntegerDivision.CheckNoZero raises PyTorch's ZeroDivisionError first), and MIN / −1,
// which traps in hardware, wraps as PyTorch's results do (quotient MIN, remainder 0).

/// <summary>C's fmod: the remainder of truncated division, with the sign of the dividend.</summary>
internal readonly struct FmodOp : INumericBinaryOp
{
    public static T Invoke<T>(T a, T b) where T : unmanaged, INumber<T>
    {
        if (IntegerDivision.IsMinusOne(b)) return T.Zero;
        return a % b; // for float and double, .NET's % is C's fmod (exact)
    }

    public static void Invoke<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
    public static void Invoke<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T> { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b); }
    public static void Invoke<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a, b[i]); }
}

/// <summary>Python's modulus: the remainder of floor division, with the sign of the divisor.</summary>
internal readonly struct RemainderOp : INumericBinaryOp
{
    public static T Invoke<T>(T a, T b) where T : unmanaged, INumber<T>
    {
        T mod = FmodOp.Invoke(a, b);
        if (mod != T.Zero && T.IsNegative(b) != T.IsNegative(mod)) mod += b;
        return mod;
    }

    public static void Invoke<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
    public static void Invoke<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T> { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b); }
    public static void Invoke<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a, b[i]); }
}

/// <summary>Division rounded toward −∞ (PyTorch's div_floor: Python's // for floats, with its NaN/∞ results).</summary>
internal readonly struct FloorDivOp : INumericBinaryOp
{
    public static T Invoke<T>(T a, T b) where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float)) return (T)(object)IntegerDivision.FloorDivFloat((float)(object)a, (float)(object)b);
        if (typeof(T) == typeof(double)) return (T)(object)IntegerDivision.FloorDivFloat((double)(object)a, (double)(object)b);
        if (IntegerDivision.IsMinusOne(b)) return T.Zero - a;
        T q = a / b;
        if (T.IsNegative(a) != T.IsNegative(b) && q * b != a) q -= T.One;
        return q;
    }

    public static void Invoke<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
    public static void Invoke<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T> { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b); }
    public static void Invoke<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a, b[i]); }
}

/// <summary>Division rounded toward zero (C's integer division; trunc(a / b) for floats).</summary>
internal readonly struct TruncDivOp : INumericBinaryOp
{
    public static T Invoke<T>(T a, T b) where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float)) return (T)(object)MathF.Truncate((float)(object)a / (float)(object)b);
        if (typeof(T) == typeof(double)) return (T)(object)Math.Truncate((double)(object)a / (double)(object)b);
        if (IntegerDivision.IsMinusOne(b)) return T.Zero - a;
        return a / b;
    }

    public static void Invoke<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
    public static void Invoke<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T> { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b); }
    public static void Invoke<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a, b[i]); }
}

/// <summary>Shared checks and scalar helpers of fmod, remainder, floor_divide and div with a rounding mode.</summary>
internal static class IntegerDivision
{
    /// <summary>True when <paramref name="b"/> is −1 of a signed integer type (MIN / −1 must not reach the hardware divide).</summary>
    public static bool IsMinusOne<T>(T b) where T : unmanaged, INumber<T> =>
        typeof(T) != typeof(float) && typeof(T) != typeof(double) && T.IsNegative(b) && b == -T.One;

    /// <summary>PyTorch's div_floor for floats: Python's float floor division, exact where a − fmod(a, b) is.</summary>
    public static T FloorDivFloat<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (b == T.Zero) return a / b;
        T mod = a % b;
        T div = (a - mod) / b;
        if (mod != T.Zero && T.IsNegative(b) != T.IsNegative(mod)) div -= T.One;
        if (div == T.Zero) return T.CopySign(T.Zero, a / b);
        T floor = T.Floor(div);
        if (div - floor > T.CreateTruncating(0.5)) floor += T.One;
        return floor;
    }

    /// <summary>
    /// Raises PyTorch's ZeroDivisionError when an integer division would divide by zero.
    /// </summary>
    /// <exception cref="DivideByZeroException"><paramref name="dt"/> is an integer dtype and <paramref name="other"/> holds a 0.</exception>
    public static void CheckNoZero(Tensor input, Tensor other, DType dt, string op)
    {
        if (!dt.IsIntegral()) return;
        // In the compute dtype: a divisor that converts to 0 (int.MinValue into uint8) divides by zero too.
        if (Map.AnyTrue(Torch.Eq(other.DType == dt ? other : other.Cast(dt), Tensor.Wrap(0L))))
            throw new DivideByZeroException(
                $"{op}: ZeroDivisionError: integer division by zero (other {other.Describe()} holds a 0; input {input.Describe()})");
    }

    /// <summary>Validates a rounding mode: null (true division), "trunc" or "floor".</summary>
    /// <exception cref="ArgumentException">Any other string.</exception>
    public static void CheckRoundingMode(string? roundingMode, string op)
    {
        if (roundingMode is not (null or "trunc" or "floor"))
            throw new ArgumentException($"{op}: expected rounding_mode to be one of null, 'trunc', or 'floor' but found '{roundingMode}'", nameof(roundingMode));
    }
}

/// <summary>The out-of-place and in-place runs shared by fmod, remainder, floor_divide and div with a rounding mode.</summary>
internal static class RoundingDivision
{
    /// <summary>op(input, other) in the promoted dtype; the operands are converted differentiably.</summary>
    /// <exception cref="DivideByZeroException">An integer division by zero.</exception>
    /// <exception cref="NotSupportedException">Both operands are bool.</exception>
    public static Tensor Run<TOp>(ref Tensor input, ref Tensor other, string op) where TOp : INumericBinaryOp
    {
        var dt = Arithmetic.ResultType(input, other);
        Arithmetic.ConvertOperands(ref input, ref other, dt);
        IntegerDivision.CheckNoZero(input, other, dt, op);
        return Compute<TOp>(input, other, dt, op);
    }

    /// <summary>self = op(self, other) under the in-place rules (result dtype, overlap, autograd).</summary>
    public static Tensor RunInPlace<TOp>(Tensor self, Tensor other, string op, Func<Tensor, Tensor, Tensor> outOfPlace) where TOp : INumericBinaryOp
    {
        var dt = Arithmetic.ResultType(self, other);
        Arithmetic.CheckInPlaceResult(self, dt, op);
        IntegerDivision.CheckNoZero(self, other, dt, op);
        return self.InPlace(other, dt, op, outOfPlace, (a, b, y, t) =>
        {
            if (t.IsReducedFloat()) Elementwise.CopyInto(Compute<TOp>(a.Cast(t), b.Cast(t), t, op), y);
            else Dispatch.NumericBinaryInto<TOp>(a, b, y, t, op);
        });
    }

    /// <summary>
    /// op(a, b) in <paramref name="dt"/>. Truncated division of float16/bfloat16 rounds the quotient to the dtype
    /// before truncating it, as PyTorch's kernel (<c>trunc(a / b)</c> in the 16-bit type) does: 16-bit operands
    /// whose exact quotient lies just below an integer give that integer.
    /// </summary>
    private static Tensor Compute<TOp>(Tensor a, Tensor b, DType dt, string op) where TOp : INumericBinaryOp =>
        typeof(TOp) == typeof(TruncDivOp) && dt.IsReducedFloat()
            ? Dispatch.FloatUnary<TruncOp>(Dispatch.FloatBinary<DivOp>(a, b, dt, op), op)
            : Dispatch.NumericBinary<TOp>(a, b, dt, op);
}
