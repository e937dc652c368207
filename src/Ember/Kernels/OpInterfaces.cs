namespace Ember.Kernels;

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
