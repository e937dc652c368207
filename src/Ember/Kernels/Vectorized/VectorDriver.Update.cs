using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;

internal static partial class VectorDriver
{
    /// <summary>
    /// Runs the in-place update <paramref name="op"/> over p, g and the state streams s0..s2 (each either empty, when
    /// the update does not use it, or at least p's length); no stream may partially overlap another.
    /// </summary>
    /// <exception cref="ArgumentException">g or a non-empty state stream is shorter than p.</exception>
    public static void Update<TOp, T>(TOp op, Span<T> p, ReadOnlySpan<T> g, Span<T> s0, Span<T> s1, Span<T> s2)
        where TOp : struct, IVectorUpdate<T> where T : unmanaged
    {
        int len = p.Length;
        if (g.Length < len || (!s0.IsEmpty && s0.Length < len) || (!s1.IsEmpty && s1.Length < len) || (!s2.IsEmpty && s2.Length < len))
            throw new ArgumentException("vector driver: update streams of different lengths");
        var s = new Streams<T>(ref MemoryMarshal.GetReference(p), ref MemoryMarshal.GetReference(g), ref MemoryMarshal.GetReference(s0),
            ref MemoryMarshal.GetReference(s1), ref MemoryMarshal.GetReference(s2), !s0.IsEmpty, !s1.IsEmpty, !s2.IsEmpty);
        nuint n = (nuint)len;
        if (Use512<T>(n)) Update512(op, s, n);
        else if (Use256<T>(n)) Update256(op, s, n);
        else if (Use128<T>(n)) Update128(op, s, n);
        else for (nuint i = 0; i < n; i++) Step(op, s, i);
    }

    /// <summary>The five streams of an update and which states are present (a ref struct: no copies of the spans' checks).</summary>
    internal readonly ref struct Streams<T>(ref T p, ref T g, ref T s0, ref T s1, ref T s2, bool has0, bool has1, bool has2)
    {
        public readonly ref T P = ref p;
        public readonly ref T G = ref g;
        public readonly ref T S0 = ref s0;
        public readonly ref T S1 = ref s1;
        public readonly ref T S2 = ref s2;
        public readonly bool Has0 = has0, Has1 = has1, Has2 = has2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step<TOp, T>(TOp op, in Streams<T> s, nuint i) where TOp : struct, IVectorUpdate<T> where T : unmanaged
    {
        T d0 = default, d1 = default, d2 = default;
        op.Invoke(ref Unsafe.Add(ref s.P, i), Unsafe.Add(ref s.G, i), ref s.Has0 ? ref Unsafe.Add(ref s.S0, i) : ref d0,
            ref s.Has1 ? ref Unsafe.Add(ref s.S1, i) : ref d1, ref s.Has2 ? ref Unsafe.Add(ref s.S2, i) : ref d2);
    }

    // ---- 512-bit update (n >= one vector) ----

    internal static void Update512<TOp, T>(TOp op, in Streams<T> s, nuint n) where TOp : struct, IVectorUpdate<T> where T : unmanaged
    {
        nuint w = (nuint)Vector512<T>.Count, i = 0, t = n - w;
        // The last vector (overlapping), computed before anything is stored.
        var p = Vector512.LoadUnsafe(ref s.P, t);
        var s0 = s.Has0 ? Vector512.LoadUnsafe(ref s.S0, t) : default;
        var s1 = s.Has1 ? Vector512.LoadUnsafe(ref s.S1, t) : default;
        var s2 = s.Has2 ? Vector512.LoadUnsafe(ref s.S2, t) : default;
        op.Invoke(ref p, Vector512.LoadUnsafe(ref s.G, t), ref s0, ref s1, ref s2);
        for (; i + 4 * w <= n; i += 4 * w)
        {
            Step512(op, s, i);
            Step512(op, s, i + w);
            Step512(op, s, i + 2 * w);
            Step512(op, s, i + 3 * w);
        }
        for (; i + w <= n; i += w) Step512(op, s, i);
        if (i < n)
        {
            p.StoreUnsafe(ref s.P, t);
            if (s.Has0) s0.StoreUnsafe(ref s.S0, t);
            if (s.Has1) s1.StoreUnsafe(ref s.S1, t);
            if (s.Has2) s2.StoreUnsafe(ref s.S2, t);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step512<TOp, T>(TOp op, in Streams<T> s, nuint i) where TOp : struct, IVectorUpdate<T> where T : unmanaged
    {
        var p = Vector512.LoadUnsafe(ref s.P, i);
        var s0 = s.Has0 ? Vector512.LoadUnsafe(ref s.S0, i) : default;
        var s1 = s.Has1 ? Vector512.LoadUnsafe(ref s.S1, i) : default;
        var s2 = s.Has2 ? Vector512.LoadUnsafe(ref s.S2, i) : default;
        op.Invoke(ref p, Vector512.LoadUnsafe(ref s.G, i), ref s0, ref s1, ref s2);
        p.StoreUnsafe(ref s.P, i);
        if (s.Has0) s0.StoreUnsafe(ref s.S0, i);
        if (s.Has1) s1.StoreUnsafe(ref s.S1, i);
        if (s.Has2) s2.StoreUnsafe(ref s.S2, i);
    }

    // ---- 256-bit update (n >= one vector) ----

    internal static void Update256<TOp, T>(TOp op, in Streams<T> s, nuint n) where TOp : struct, IVectorUpdate<T> where T : unmanaged
    {
        nuint w = (nuint)Vector256<T>.Count, i = 0, t = n - w;
        // The last vector (overlapping), computed before anything is stored.
        var p = Vector256.LoadUnsafe(ref s.P, t);
        var s0 = s.Has0 ? Vector256.LoadUnsafe(ref s.S0, t) : default;
        var s1 = s.Has1 ? Vector256.LoadUnsafe(ref s.S1, t) : default;
        var s2 = s.Has2 ? Vector256.LoadUnsafe(ref s.S2, t) : default;
        op.Invoke(ref p, Vector256.LoadUnsafe(ref s.G, t), ref s0, ref s1, ref s2);
        for (; i + 4 * w <= n; i += 4 * w)
        {
            Step256(op, s, i);
            Step256(op, s, i + w);
            Step256(op, s, i + 2 * w);
            Step256(op, s, i + 3 * w);
        }
        for (; i + w <= n; i += w) Step256(op, s, i);
        if (i < n)
        {
            p.StoreUnsafe(ref s.P, t);
            if (s.Has0) s0.StoreUnsafe(ref s.S0, t);
            if (s.Has1) s1.StoreUnsafe(ref s.S1, t);
            if (s.Has2) s2.StoreUnsafe(ref s.S2, t);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step256<TOp, T>(TOp op, in Streams<T> s, nuint i) where TOp : struct, IVectorUpdate<T> where T : unmanaged
    {
        var p = Vector256.LoadUnsafe(ref s.P, i);
        var s0 = s.Has0 ? Vector256.LoadUnsafe(ref s.S0, i) : default;
        var s1 = s.Has1 ? Vector256.LoadUnsafe(ref s.S1, i) : default;
        var s2 = s.Has2 ? Vector256.LoadUnsafe(ref s.S2, i) : default;
        op.Invoke(ref p, Vector256.LoadUnsafe(ref s.G, i), ref s0, ref s1, ref s2);
        p.StoreUnsafe(ref s.P, i);
        if (s.Has0) s0.StoreUnsafe(ref s.S0, i);
        if (s.Has1) s1.StoreUnsafe(ref s.S1, i);
        if (s.Has2) s2.StoreUnsafe(ref s.S2, i);
    }

    // ---- 128-bit update (n >= one vector) ----

    internal static void Update128<TOp, T>(TOp op, in Streams<T> s, nuint n) where TOp : struct, IVectorUpdate<T> where T : unmanaged
    {
        nuint w = (nuint)Vector128<T>.Count, i = 0, t = n - w;
        // The last vector (overlapping), computed before anything is stored.
        var p = Vector128.LoadUnsafe(ref s.P, t);
        var s0 = s.Has0 ? Vector128.LoadUnsafe(ref s.S0, t) : default;
        var s1 = s.Has1 ? Vector128.LoadUnsafe(ref s.S1, t) : default;
        var s2 = s.Has2 ? Vector128.LoadUnsafe(ref s.S2, t) : default;
        op.Invoke(ref p, Vector128.LoadUnsafe(ref s.G, t), ref s0, ref s1, ref s2);
        for (; i + 4 * w <= n; i += 4 * w)
        {
            Step128(op, s, i);
            Step128(op, s, i + w);
            Step128(op, s, i + 2 * w);
            Step128(op, s, i + 3 * w);
        }
        for (; i + w <= n; i += w) Step128(op, s, i);
        if (i < n)
        {
            p.StoreUnsafe(ref s.P, t);
            if (s.Has0) s0.StoreUnsafe(ref s.S0, t);
            if (s.Has1) s1.StoreUnsafe(ref s.S1, t);
            if (s.Has2) s2.StoreUnsafe(ref s.S2, t);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step128<TOp, T>(TOp op, in Streams<T> s, nuint i) where TOp : struct, IVectorUpdate<T> where T : unmanaged
    {
        var p = Vector128.LoadUnsafe(ref s.P, i);
        var s0 = s.Has0 ? Vector128.LoadUnsafe(ref s.S0, i) : default;
        var s1 = s.Has1 ? Vector128.LoadUnsafe(ref s.S1, i) : default;
        var s2 = s.Has2 ? Vector128.LoadUnsafe(ref s.S2, i) : default;
        op.Invoke(ref p, Vector128.LoadUnsafe(ref s.G, i), ref s0, ref s1, ref s2);
        p.StoreUnsafe(ref s.P, i);
        if (s.Has0) s0.StoreUnsafe(ref s.S0, i);
        if (s.Has1) s1.StoreUnsafe(ref s.S1, i);
        if (s.Has2) s2.StoreUnsafe(ref s.S2, i);
    }
}
