using System.Numerics;

namespace Ember.Kernels;

/// <summary>
/// A computation written once for the floating-point element types: <see cref="FloatDispatch.Run{TF, TResult}"/>
/// calls <see cref="Invoke{T}"/> with <c>float</c> or <c>double</c> (the float-only twin of <see cref="IElementFunc{TResult}"/>,
/// for kernels that need <see cref="IFloatingPointIeee754{TSelf}"/> arithmetic). Functors may be <c>ref struct</c>s holding spans.
/// </summary>
internal interface IFloatFunc<out TResult>
{
    TResult Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>
/// The dtype dispatch of the floating-point kernels (normalization, softmax, activations, dropout, initialization,
/// optimizer updates). Their entries compute the 16-bit floats in float32 and round the results back once
/// (<see cref="ComputeType"/>), then call <see cref="Run{TF, TResult}"/>, which maps float32 and float64 to their
/// element types and raises <see cref="Dispatch.Unsupported"/> for every other dtype.
/// </summary>
internal static class FloatDispatch
{
    /// <summary>Runs <paramref name="f"/> with the element type of <paramref name="dtype"/>: float32 or float64.</summary>
    /// <exception cref="NotSupportedException"><paramref name="dtype"/> is not float32 or float64 (names <paramref name="op"/> and the dtype).</exception>
    public static TResult Run<TF, TResult>(DType dtype, string op, ref TF f) where TF : struct, IFloatFunc<TResult>, allows ref struct => dtype switch
    {
        DType.Float32 => f.Invoke<float>(),
        DType.Float64 => f.Invoke<double>(),
        _ => throw Dispatch.Unsupported(op, dtype),
    };

    /// <summary>The dtype a floating-point kernel computes <paramref name="dtype"/> in: float32 for float16 and bfloat16, else itself.</summary>
    public static DType ComputeType(DType dtype) => dtype.IsReducedFloat() ? DType.Float32 : dtype;

    /// <summary><paramref name="t"/> converted to float32 when it is float16 or bfloat16 (no autograd), else itself.</summary>
    public static Tensor Widen(Tensor t) => t.DType.IsReducedFloat() ? t.Cast(DType.Float32) : t;

    /// <summary><paramref name="t"/> (or null) converted to float32 when it is float16 or bfloat16 (no autograd), else itself.</summary>
    public static Tensor? WidenOrNull(Tensor? t) => t is null ? null : Widen(t);
}
