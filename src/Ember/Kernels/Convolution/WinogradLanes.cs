using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;

/// <summary>
/// A block of float lanes the Winograd transforms run on (one vector of the widest width the hardware accelerates, or a
/// single float): the transforms are written once against this interface and specialized per width at JIT time. Only
/// additions, subtractions and multiplications by constants are used (no fused multiply-add), so every lane width
/// computes bit-identical results.
/// </summary>
internal unsafe interface ILanes<TSelf> where TSelf : unmanaged, ILanes<TSelf>
{
    /// <summary>Lanes per block (16, 8, 4 or 1); divides <see cref="Winograd.LanePad"/>.</summary>
    static abstract int Count { get; }
    /// <summary>Loads Count floats from p.</summary>
    static abstract TSelf Load(float* p);
    /// <summary>Stores Count floats at p.</summary>
    static abstract void Store(TSelf v, float* p);
    /// <summary>Broadcasts s to every lane.</summary>
    static abstract TSelf Splat(float s);
    /// <summary>Lane-wise a + b.</summary>
    static abstract TSelf operator +(TSelf a, TSelf b);
    /// <summary>Lane-wise a − b.</summary>
    static abstract TSelf operator -(TSelf a, TSelf b);
    /// <summary>Lane-wise a·s.</summary>
    static abstract TSelf operator *(TSelf a, float s);
}

/// <summary>16 float lanes (AVX-512).</summary>
internal readonly unsafe struct Lanes512(Vector512<float> v) : ILanes<Lanes512>
{
    private readonly Vector512<float> _v = v;
    public static int Count => 16;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 Load(float* p) => new(Vector512.Load(p));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Lanes512 v, float* p) => v._v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 Splat(float s) => new(Vector512.Create(s));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 operator +(Lanes512 a, Lanes512 b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 operator -(Lanes512 a, Lanes512 b) => new(a._v - b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 operator *(Lanes512 a, float s) => new(a._v * s);
}

/// <summary>8 float lanes (AVX2).</summary>
internal readonly unsafe struct Lanes256(Vector256<float> v) : ILanes<Lanes256>
{
    private readonly Vector256<float> _v = v;
    public static int Count => 8;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 Load(float* p) => new(Vector256.Load(p));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Lanes256 v, float* p) => v._v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 Splat(float s) => new(Vector256.Create(s));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 operator +(Lanes256 a, Lanes256 b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 operator -(Lanes256 a, Lanes256 b) => new(a._v - b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 operator *(Lanes256 a, float s) => new(a._v * s);
}

/// <summary>4 float lanes (SSE / NEON).</summary>
internal readonly unsafe struct Lanes128(Vector128<float> v) : ILanes<Lanes128>
{
    private readonly Vector128<float> _v = v;
    public static int Count => 4;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes128 Load(float* p) => new(Vector128.Load(p));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Lanes128 v, float* p) => v._v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes128 Splat(float s) => new(Vector128.Create(s));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes128 operator +(Lanes128 a, Lanes128 b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes128 operator -(Lanes128 a, Lanes128 b) => new(a._v - b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes128 operator *(Lanes128 a, float s) => new(a._v * s);
}

/// <summary>One float lane (no SIMD).</summary>
internal readonly unsafe struct Lanes1(float v) : ILanes<Lanes1>
{
    private readonly float _v = v;
    public static int Count => 1;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 Load(float* p) => new(*p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Lanes1 v, float* p) => *p = v._v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 Splat(float s) => new(s);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 operator +(Lanes1 a, Lanes1 b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 operator -(Lanes1 a, Lanes1 b) => new(a._v - b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 operator *(Lanes1 a, float s) => new(a._v * s);
}
