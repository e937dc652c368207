using System.Runtime.Intrinsics;

namespace Ember.Kernels;

// The elementwise operators that VectorDriver runs. An operator is a readonly struct with one scalar body (the oracle)
// and one body per vector width; every body must give the scalar body's bits (same operations in the same order, no
// fused multiply-add unless the scalar body fuses too). Operators are instance structs so that they can carry
// parameters (a scale, a learning rate) as readonly fields; a field-less operator costs nothing to pass.

/// <summary>An elementwise function of one operand, y = f(x), with a scalar body and one body per vector width.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal interface IVectorOp1<T> where T : unmanaged
{
    /// <summary>The scalar body, the oracle the vector bodies must match bit for bit.</summary>
    T Invoke(T x);

    /// <summary>The 128-bit body.</summary>
    Vector128<T> Invoke(Vector128<T> x);

    /// <summary>The 256-bit body.</summary>
    Vector256<T> Invoke(Vector256<T> x);

    /// <summary>The 512-bit body.</summary>
    Vector512<T> Invoke(Vector512<T> x);
}

/// <summary>An elementwise function of two operands, y = f(a, b), with a scalar body and one body per vector width.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal interface IVectorOp2<T> where T : unmanaged
{
    /// <summary>The scalar body, the oracle the vector bodies must match bit for bit.</summary>
    T Invoke(T a, T b);

    /// <summary>The 128-bit body.</summary>
    Vector128<T> Invoke(Vector128<T> a, Vector128<T> b);

    /// <summary>The 256-bit body.</summary>
    Vector256<T> Invoke(Vector256<T> a, Vector256<T> b);

    /// <summary>The 512-bit body.</summary>
    Vector512<T> Invoke(Vector512<T> a, Vector512<T> b);
}

/// <summary>An elementwise function of three operands, y = f(a, b, c), with a scalar body and one body per vector width.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal interface IVectorOp3<T> where T : unmanaged
{
    /// <summary>The scalar body, the oracle the vector bodies must match bit for bit.</summary>
    T Invoke(T a, T b, T c);

    /// <summary>The 128-bit body.</summary>
    Vector128<T> Invoke(Vector128<T> a, Vector128<T> b, Vector128<T> c);

    /// <summary>The 256-bit body.</summary>
    Vector256<T> Invoke(Vector256<T> a, Vector256<T> b, Vector256<T> c);

    /// <summary>The 512-bit body.</summary>
    Vector512<T> Invoke(Vector512<T> a, Vector512<T> b, Vector512<T> c);
}
