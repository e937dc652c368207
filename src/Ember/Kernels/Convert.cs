using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ember.Kernels;

/// <summary>
/// Scalar conversions between the element types, with PyTorch's semantics (float→int truncates, and gives
/// long.MinValue for NaN and out-of-range values; bool is 0/1).
/// </summary>
internal static class Convert
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TOut Scalar<TIn, TOut>(TIn x) where TIn : unmanaged where TOut : unmanaged
    {
        double v;
        if (typeof(TIn) == typeof(float)) v = (float)(object)x;
        else if (typeof(TIn) == typeof(double)) v = (double)(object)x;
        else if (typeof(TIn) == typeof(long))
        {
            long l = (long)(object)x;
            if (typeof(TOut) == typeof(long)) return (TOut)(object)l;
            if (typeof(TOut) == typeof(bool)) return (TOut)(object)(l != 0);
            v = l;
        }
        else v = (bool)(object)x ? 1.0 : 0.0;

        if (typeof(TOut) == typeof(float)) return (TOut)(object)(float)v;
        if (typeof(TOut) == typeof(double)) return (TOut)(object)v;
        // Out of range (and NaN) gives long.MinValue, as PyTorch on x86 (.NET itself would saturate).
        if (typeof(TOut) == typeof(long)) return (TOut)(object)(v >= -9223372036854775808.0 && v < 9223372036854775808.0 ? (long)v : long.MinValue);
        return (TOut)(object)(v != 0);
    }

    public static T FromDouble<T>(double v) where T : unmanaged => Scalar<double, T>(v);

    public static double ToDouble<T>(T v) where T : unmanaged => Scalar<T, double>(v);
}
