using System.Globalization;
using System.Runtime.CompilerServices;

namespace Ember.Kernels;

/// <summary>
/// Scalar conversions between the eight element types with PyTorch's semantics on x86: float → int64 and
/// float → int32 truncate, and give the type's minimum for NaN and out-of-range values; float → uint8 goes
/// through int64 and keeps the low byte (−1.0 → 255, 300.0 → 44); integer → narrower integer wraps;
/// anything → bool is "not zero" (NaN is true); float64 → float16/bfloat16 rounds through float32.
/// </summary>
internal static class Convert
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TOut Scalar<TIn, TOut>(TIn x) where TIn : unmanaged where TOut : unmanaged
    {
        if (typeof(TIn) == typeof(TOut)) return Unsafe.As<TIn, TOut>(ref x);
        if (typeof(TOut) == typeof(bool)) return As<bool, TOut>(IsNonZero(x));
        if (typeof(TIn) == typeof(long) || typeof(TIn) == typeof(int) || typeof(TIn) == typeof(byte) || typeof(TIn) == typeof(bool))
            return FromInteger<TOut>(ToLong(x));
        return FromFloat<TOut>(ToFloat64(x));
    }

    /// <summary>An integer (or bool) input widened to long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long ToLong<T>(T x) where T : unmanaged
    {
        if (typeof(T) == typeof(long)) return As<T, long>(x);
        if (typeof(T) == typeof(int)) return As<T, int>(x);
        if (typeof(T) == typeof(byte)) return As<T, byte>(x);
        return As<T, bool>(x) ? 1 : 0;
    }

    /// <summary>A floating-point input widened (exactly) to double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ToFloat64<T>(T x) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return As<T, float>(x);
        if (typeof(T) == typeof(double)) return As<T, double>(x);
        if (typeof(T) == typeof(Half)) return (float)As<T, Half>(x);
        return (float)As<T, BFloat16>(x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsNonZero<T>(T x) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return As<T, float>(x) != 0;
        if (typeof(T) == typeof(double)) return As<T, double>(x) != 0;
        if (typeof(T) == typeof(Half)) return (float)As<T, Half>(x) != 0;
        if (typeof(T) == typeof(BFloat16)) return (float)As<T, BFloat16>(x) != 0;
        return ToLong(x) != 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TOut FromInteger<TOut>(long v) where TOut : unmanaged
    {
        if (typeof(TOut) == typeof(long)) return As<long, TOut>(v);
        if (typeof(TOut) == typeof(int)) return As<int, TOut>(unchecked((int)v));
        if (typeof(TOut) == typeof(byte)) return As<byte, TOut>(unchecked((byte)v));
        if (typeof(TOut) == typeof(float)) return As<float, TOut>(v);
        if (typeof(TOut) == typeof(double)) return As<double, TOut>(v);
        if (typeof(TOut) == typeof(Half)) return As<Half, TOut>((Half)(float)v);
        if (typeof(TOut) == typeof(BFloat16)) return As<BFloat16, TOut>((BFloat16)(float)v);
        return As<bool, TOut>(v != 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TOut FromFloat<TOut>(double v) where TOut : unmanaged
    {
        if (typeof(TOut) == typeof(double)) return As<double, TOut>(v);
        if (typeof(TOut) == typeof(float)) return As<float, TOut>((float)v);
        if (typeof(TOut) == typeof(Half)) return As<Half, TOut>((Half)(float)v);
        if (typeof(TOut) == typeof(BFloat16)) return As<BFloat16, TOut>((BFloat16)(float)v);
        if (typeof(TOut) == typeof(long)) return As<long, TOut>(TruncateToLong(v));
        if (typeof(TOut) == typeof(int))
            return As<int, TOut>(v > -2147483649.0 && v < 2147483648.0 ? (int)v : int.MinValue);
        if (typeof(TOut) == typeof(byte)) return As<byte, TOut>(unchecked((byte)TruncateToLong(v)));
        return As<bool, TOut>(v != 0);
    }

    /// <summary>x86's cvttsd2si: truncation, and long.MinValue for NaN and values out of range (.NET itself would saturate).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long TruncateToLong(double v) =>
        v >= -9223372036854775808.0 && v < 9223372036854775808.0 ? (long)v : long.MinValue;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TTo As<TFrom, TTo>(TFrom x) => Unsafe.As<TFrom, TTo>(ref x);

    public static T FromDouble<T>(double v) where T : unmanaged => Scalar<double, T>(v);

    public static T FromLong<T>(long v) where T : unmanaged => Scalar<long, T>(v);

    public static double ToDouble<T>(T v) where T : unmanaged => Scalar<T, double>(v);

    /// <summary>
    /// Checks that a floating-point <paramref name="value"/> fits <paramref name="dtype"/> (PyTorch's
    /// <c>checked_convert</c> for fills and factories): NaN and ±inf fit the float dtypes; an integer dtype takes
    /// no NaN or inf and nothing beyond its range (the fraction is truncated); bool takes anything.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value overflows the dtype.</exception>
    public static void CheckFits(double value, DType dtype, string op)
    {
        bool overflows = dtype switch
        {
            DType.Bool => false,
            DType.Float64 => false,
            DType.Float32 => double.IsFinite(value) && Math.Abs(value) > float.MaxValue,
            DType.Float16 => double.IsFinite(value) && Math.Abs(value) > (double)Half.MaxValue,
            DType.BFloat16 => double.IsFinite(value) && Math.Abs(value) > BFloat16Max,
            DType.Int64 => !(value >= long.MinValue && value <= long.MaxValue),
            DType.Int32 => !(value >= int.MinValue && value <= int.MaxValue),
            DType.UInt8 => !(value >= 0 && value <= byte.MaxValue),
            _ => throw DTypeExtensions.Undefined(dtype, op),
        };
        if (overflows) throw Overflow(value.ToString("R", CultureInfo.InvariantCulture), dtype, op);
    }

    /// <summary>
    /// Checks that an integer <paramref name="value"/> fits <paramref name="dtype"/> (PyTorch's rule: a negative
    /// value may wrap into uint8 when its magnitude fits, so −1 gives 255).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value overflows the dtype.</exception>
    public static void CheckFits(long value, DType dtype, string op)
    {
        bool overflows = dtype switch
        {
            DType.Bool or DType.Int64 or DType.Float32 or DType.Float64 or DType.BFloat16 => false,
            DType.Float16 => Math.Abs((double)value) > (double)Half.MaxValue,
            DType.Int32 => value < int.MinValue || value > int.MaxValue,
            DType.UInt8 => value > byte.MaxValue || value < -byte.MaxValue,
            _ => throw DTypeExtensions.Undefined(dtype, op),
        };
        if (overflows) throw Overflow(value.ToString(CultureInfo.InvariantCulture), dtype, op);
    }

    /// <summary>The largest finite bfloat16, 0x7F7F.</summary>
    internal const double BFloat16Max = 3.3895313892515355e38;

    private static ArgumentOutOfRangeException Overflow(string value, DType dtype, string op) =>
        new("value", $"{op}: value {value} cannot be converted to type {dtype.TorchName()} without overflow");
}
