using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;

/// <summary>
/// A summand f(x, p) of the cascade sums (<see cref="CascadeSum"/>), with a scalar and one body per vector
/// width; p is a parameter per output (a mean, a maximum), ignored unless <see cref="UsesParameter"/>.
/// </summary>
internal interface ISumTerm<T> where T : unmanaged
{
    static abstract bool UsesParameter { get; }
    static abstract T Apply(T x, T p);
    static abstract Vector512<T> Apply(Vector512<T> x, Vector512<T> p);
    static abstract Vector256<T> Apply(Vector256<T> x, Vector256<T> p);
    static abstract Vector128<T> Apply(Vector128<T> x, Vector128<T> p);
}

/// <summary>x (a plain sum).</summary>
internal readonly struct PlainTerm<T> : ISumTerm<T> where T : unmanaged, INumber<T>
{
    public static bool UsesParameter => false;
    public static T Apply(T x, T p) => x;
    public static Vector512<T> Apply(Vector512<T> x, Vector512<T> p) => x;
    public static Vector256<T> Apply(Vector256<T> x, Vector256<T> p) => x;
    public static Vector128<T> Apply(Vector128<T> x, Vector128<T> p) => x;
}

/// <summary>x² (the squared 2-norm).</summary>
internal readonly struct SquareTerm<T> : ISumTerm<T> where T : unmanaged, INumber<T>
{
    public static bool UsesParameter => false;
    public static T Apply(T x, T p) => x * x;
    public static Vector512<T> Apply(Vector512<T> x, Vector512<T> p) => x * x;
    public static Vector256<T> Apply(Vector256<T> x, Vector256<T> p) => x * x;
    public static Vector128<T> Apply(Vector128<T> x, Vector128<T> p) => x * x;
}

/// <summary>(x − p)² (squared deviations from a mean p).</summary>
internal readonly struct SquaredDeviationTerm<T> : ISumTerm<T> where T : unmanaged, INumber<T>
{
    public static bool UsesParameter => true;
    public static T Apply(T x, T p) => (x - p) * (x - p);
    public static Vector512<T> Apply(Vector512<T> x, Vector512<T> p) => (x - p) * (x - p);
    public static Vector256<T> Apply(Vector256<T> x, Vector256<T> p) => (x - p) * (x - p);
    public static Vector128<T> Apply(Vector128<T> x, Vector128<T> p) => (x - p) * (x - p);
}

/// <summary>exp(x − p) (log-sum-exp and softmax with the maximum p subtracted); float and double only.</summary>
internal readonly struct ExpDeviationTerm<T> : ISumTerm<T> where T : unmanaged, INumber<T>
{
    public static bool UsesParameter => true;

    public static T Apply(T x, T p)
    {
        if (typeof(T) == typeof(float)) { float d = Unsafe.As<T, float>(ref x) - Unsafe.As<T, float>(ref p); float e = MathF.Exp(d); return Unsafe.As<float, T>(ref e); }
        double dd = double.CreateTruncating(x) - double.CreateTruncating(p);
        return T.CreateTruncating(Math.Exp(dd));
    }

    public static Vector512<T> Apply(Vector512<T> x, Vector512<T> p) => typeof(T) == typeof(float)
        ? Vector512.Exp((x - p).AsSingle()).As<float, T>()
        : Vector512.Exp((x - p).AsDouble()).As<double, T>();

    public static Vector256<T> Apply(Vector256<T> x, Vector256<T> p) => typeof(T) == typeof(float)
        ? Vector256.Exp((x - p).AsSingle()).As<float, T>()
        : Vector256.Exp((x - p).AsDouble()).As<double, T>();

    public static Vector128<T> Apply(Vector128<T> x, Vector128<T> p) => typeof(T) == typeof(float)
        ? Vector128.Exp((x - p).AsSingle()).As<float, T>()
        : Vector128.Exp((x - p).AsDouble()).As<double, T>();
}

/// <summary>One vector width for the generic cascade loops (TV is the vector type, or T itself for scalars).</summary>
internal interface ISimd<TV, T> where TV : struct where T : unmanaged
{
    static abstract int Count { get; }
    static abstract TV Zero { get; }
    static abstract TV Splat(T v);
    static abstract TV Load(ref T p, nuint i);
    static abstract void Store(TV v, ref T p, nuint i);
    static abstract TV Add(TV a, TV b);
    static abstract T Sum(TV v);
    static abstract TV Term<TTerm>(TV x, TV p) where TTerm : ISumTerm<T>;
}

internal readonly struct Simd512<T> : ISimd<Vector512<T>, T> where T : unmanaged, INumber<T>
{
    public static int Count => Vector512<T>.Count;
    public static Vector512<T> Zero => Vector512<T>.Zero;
    public static Vector512<T> Splat(T v) => Vector512.Create(v);
    public static Vector512<T> Load(ref T p, nuint i) => Vector512.LoadUnsafe(ref p, i);
    public static void Store(Vector512<T> v, ref T p, nuint i) => v.StoreUnsafe(ref p, i);
    public static Vector512<T> Add(Vector512<T> a, Vector512<T> b) => a + b;
    public static T Sum(Vector512<T> v) => Vector512.Sum(v);
    public static Vector512<T> Term<TTerm>(Vector512<T> x, Vector512<T> p) where TTerm : ISumTerm<T> => TTerm.Apply(x, p);
}

internal readonly struct Simd256<T> : ISimd<Vector256<T>, T> where T : unmanaged, INumber<T>
{
    public static int Count => Vector256<T>.Count;
    public static Vector256<T> Zero => Vector256<T>.Zero;
    public static Vector256<T> Splat(T v) => Vector256.Create(v);
    public static Vector256<T> Load(ref T p, nuint i) => Vector256.LoadUnsafe(ref p, i);
    public static void Store(Vector256<T> v, ref T p, nuint i) => v.StoreUnsafe(ref p, i);
    public static Vector256<T> Add(Vector256<T> a, Vector256<T> b) => a + b;
    public static T Sum(Vector256<T> v) => Vector256.Sum(v);
    public static Vector256<T> Term<TTerm>(Vector256<T> x, Vector256<T> p) where TTerm : ISumTerm<T> => TTerm.Apply(x, p);
}

internal readonly struct Simd128<T> : ISimd<Vector128<T>, T> where T : unmanaged, INumber<T>
{
    public static int Count => Vector128<T>.Count;
    public static Vector128<T> Zero => Vector128<T>.Zero;
    public static Vector128<T> Splat(T v) => Vector128.Create(v);
    public static Vector128<T> Load(ref T p, nuint i) => Vector128.LoadUnsafe(ref p, i);
    public static void Store(Vector128<T> v, ref T p, nuint i) => v.StoreUnsafe(ref p, i);
    public static Vector128<T> Add(Vector128<T> a, Vector128<T> b) => a + b;
    public static T Sum(Vector128<T> v) => Vector128.Sum(v);
    public static Vector128<T> Term<TTerm>(Vector128<T> x, Vector128<T> p) where TTerm : ISumTerm<T> => TTerm.Apply(x, p);
}

/// <summary>The scalar "vector" of one element (no SIMD hardware, or short spans).</summary>
internal readonly struct SimdScalar<T> : ISimd<T, T> where T : unmanaged, INumber<T>
{
    public static int Count => 1;
    public static T Zero => T.Zero;
    public static T Splat(T v) => v;
    public static T Load(ref T p, nuint i) => Unsafe.Add(ref p, i);
    public static void Store(T v, ref T p, nuint i) => Unsafe.Add(ref p, i) = v;
    public static T Add(T a, T b) => a + b;
    public static T Sum(T v) => v;
    public static T Term<TTerm>(T x, T p) where TTerm : ISumTerm<T> => TTerm.Apply(x, p);
}
