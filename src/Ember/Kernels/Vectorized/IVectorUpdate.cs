using System.Runtime.Intrinsics;

namespace Ember.Kernels;

/// <summary>
/// An in-place elementwise update of a parameter p from a gradient g and up to three state streams (an optimizer
/// step: p, the moments and buffers are read and rewritten), with a scalar body (the oracle) and one body per vector
/// width, run by <see cref="VectorDriver.Update{TOp, T}"/>. A state stream the update does not use is passed empty to
/// the driver, which then hands the bodies a zero that it never stores. The bodies must give the scalar body's bits.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal interface IVectorUpdate<T> where T : unmanaged
{
    /// <summary>The scalar body: updates one element of p and of each state.</summary>
    void Invoke(ref T p, T g, ref T s0, ref T s1, ref T s2);

    /// <summary>The 128-bit body.</summary>
    void Invoke(ref Vector128<T> p, Vector128<T> g, ref Vector128<T> s0, ref Vector128<T> s1, ref Vector128<T> s2);

    /// <summary>The 256-bit body.</summary>
    void Invoke(ref Vector256<T> p, Vector256<T> g, ref Vector256<T> s0, ref Vector256<T> s1, ref Vector256<T> s2);

    /// <summary>The 512-bit body.</summary>
    void Invoke(ref Vector512<T> p, Vector512<T> g, ref Vector512<T> s0, ref Vector512<T> s1, ref Vector512<T> s2);
}
