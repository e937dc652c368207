using System.Numerics;
using Ember.Kernels;

namespace Ember;

/// <summary>Which floating-point class a predicate tests.</summary>
internal enum FloatClassKind { NaN, Inf, PosInf, NegInf, Finite }

/// <summary>The class test of one element.</summary>
internal readonly struct FloatClassTest<T>(FloatClassKind kind) : IMap<T, bool> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Invoke(T x) => kind switch
    {
        FloatClassKind.NaN => T.IsNaN(x),
        FloatClassKind.Inf => T.IsInfinity(x),
        FloatClassKind.PosInf => T.IsPositiveInfinity(x),
        FloatClassKind.NegInf => T.IsNegativeInfinity(x),
        _ => T.IsFinite(x),
    };
}

/// <summary>isnan, isinf, isposinf, isneginf, isfinite: a bool tensor of the input's shape.</summary>
internal static class FloatClass
{
    /// <summary>
    /// Tests every element; integer and bool tensors hold no NaN or infinity (all false, or all true for
    /// isfinite), and the 16-bit floats keep their class in float32.
    /// </summary>
    public static Tensor Test(Tensor x, FloatClassKind kind) => Torch.NotNull(x, "input").DType switch
    {
        DType.Float32 => Map.Unary<float, bool, FloatClassTest<float>>(x, new(kind)),
        DType.Float64 => Map.Unary<double, bool, FloatClassTest<double>>(x, new(kind)),
        DType.Float16 or DType.BFloat16 => Map.Unary<float, bool, FloatClassTest<float>>(x.Cast(DType.Float32), new(kind)),
        DType.Int64 or DType.Int32 or DType.UInt8 or DType.Bool =>
            kind == FloatClassKind.Finite ? Torch.Ones(x.Shape, DType.Bool) : Torch.Zeros(x.Shape, DType.Bool),
        _ => throw DTypeExtensions.Undefined(x.DType),
    };
}
