using System.Numerics;

namespace Ember.Kernels;

// Two layers of elementwise op interfaces:
// - the element-typed ones (IUnaryOp<T>, IBinaryOp<T>, IPredicate<T>) that the drivers in Elementwise run, and
// - the generic ones (INumericUnaryOp, IFloatUnaryOp, ...) in which an op is written ONCE for every element
//   type of its family; Dispatch picks the element type from the dtype and bridges with the structs below.

/// <summary>An elementwise function of one operand: a scalar body (the oracle) and a vectorized span body.</summary>
internal interface IUnaryOp<T> where T : unmanaged
{
    static abstract T Invoke(T x);
    static abstract void Invoke(ReadOnlySpan<T> x, Span<T> destination);
}

/// <summary>An elementwise function of two operands with span-span, span-scalar and scalar-span bodies.</summary>
internal interface IBinaryOp<T> where T : unmanaged
{
    static abstract T Invoke(T a, T b);
    static abstract void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination);
    static abstract void Invoke(ReadOnlySpan<T> a, T b, Span<T> destination);
    static abstract void Invoke(T a, ReadOnlySpan<T> b, Span<T> destination);
}

/// <summary>A comparison of two operands producing a bool.</summary>
internal interface IPredicate<T> where T : unmanaged
{
    static abstract bool Invoke(T a, T b);
}

/// <summary>A unary op defined for every numeric element type (float, double, long, int, byte).</summary>
internal interface INumericUnaryOp
{
    static abstract T Invoke<T>(T x) where T : unmanaged, INumber<T>;
    static abstract void Invoke<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, INumber<T>;
}

/// <summary>A unary op defined for the floating-point element types (float, double).</summary>
internal interface IFloatUnaryOp
{
    static abstract T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>;
    static abstract void Invoke<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>A binary op defined for every numeric element type (float, double, long, int, byte).</summary>
internal interface INumericBinaryOp
{
    static abstract T Invoke<T>(T a, T b) where T : unmanaged, INumber<T>;
    static abstract void Invoke<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination) where T : unmanaged, INumber<T>;
    static abstract void Invoke<T>(ReadOnlySpan<T> a, T b, Span<T> destination) where T : unmanaged, INumber<T>;
    static abstract void Invoke<T>(T a, ReadOnlySpan<T> b, Span<T> destination) where T : unmanaged, INumber<T>;
}

/// <summary>A binary op defined for the floating-point element types (float, double).</summary>
internal interface IFloatBinaryOp
{
    static abstract T Invoke<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T>;
    static abstract void Invoke<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>;
    static abstract void Invoke<T>(ReadOnlySpan<T> a, T b, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>;
    static abstract void Invoke<T>(T a, ReadOnlySpan<T> b, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>A comparison defined for every numeric element type.</summary>
internal interface INumericPredicate
{
    static abstract bool Invoke<T>(T a, T b) where T : unmanaged, INumber<T>;
}

/// <summary>Runs an <see cref="INumericUnaryOp"/> on element type <typeparamref name="T"/>.</summary>
internal readonly struct NumericUnary<TOp, T> : IUnaryOp<T> where TOp : INumericUnaryOp where T : unmanaged, INumber<T>
{
    public static T Invoke(T x) => TOp.Invoke(x);
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TOp.Invoke(x, d);
}

/// <summary>Runs an <see cref="IFloatUnaryOp"/> on element type <typeparamref name="T"/>.</summary>
internal readonly struct FloatUnary<TOp, T> : IUnaryOp<T> where TOp : IFloatUnaryOp where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x) => TOp.Invoke(x);
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TOp.Invoke(x, d);
}

/// <summary>Runs an <see cref="INumericBinaryOp"/> on element type <typeparamref name="T"/>.</summary>
internal readonly struct NumericBinary<TOp, T> : IBinaryOp<T> where TOp : INumericBinaryOp where T : unmanaged, INumber<T>
{
    public static T Invoke(T a, T b) => TOp.Invoke(a, b);
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TOp.Invoke(a, b, d);
    public static void Invoke(ReadOnlySpan<T> a, T b, Span<T> d) => TOp.Invoke(a, b, d);
    public static void Invoke(T a, ReadOnlySpan<T> b, Span<T> d) => TOp.Invoke(a, b, d);
}

/// <summary>Runs an <see cref="IFloatBinaryOp"/> on element type <typeparamref name="T"/>.</summary>
internal readonly struct FloatBinary<TOp, T> : IBinaryOp<T> where TOp : IFloatBinaryOp where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T a, T b) => TOp.Invoke(a, b);
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TOp.Invoke(a, b, d);
    public static void Invoke(ReadOnlySpan<T> a, T b, Span<T> d) => TOp.Invoke(a, b, d);
    public static void Invoke(T a, ReadOnlySpan<T> b, Span<T> d) => TOp.Invoke(a, b, d);
}

/// <summary>Runs an <see cref="INumericPredicate"/> on element type <typeparamref name="T"/>.</summary>
internal readonly struct NumericPredicate<TOp, T> : IPredicate<T> where TOp : INumericPredicate where T : unmanaged, INumber<T>
{
    public static bool Invoke(T a, T b) => TOp.Invoke(a, b);
}
