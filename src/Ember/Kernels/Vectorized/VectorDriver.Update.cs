using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;

/// <summary>A bool known when the JIT compiles a generic instantiation (so a test of it costs nothing at run time).</summary>
internal interface IFlag
{
    /// <summary>The value.</summary>
    static abstract bool Value { get; }
}

/// <summary>The <see cref="IFlag"/> true.</summary>
internal readonly struct FlagOn : IFlag
{
    public static bool Value => true;
}

/// <summary>The <see cref="IFlag"/> false.</summary>
internal readonly struct FlagOff : IFlag
{
    public static bool Value => false;
}

internal static partial class VectorDriver
{
    /// <summary>
    /// Runs the in-place update <paramref name="op"/> over p, g and the state streams s0..s2 (each either empty, when
    /// the update does not use it, or at least p's length); no stream may partially overlap another. Which states are
    /// present is turned into type arguments once per call, so the loops test nothing per vector.
    /// </summary>
    /// <exception cref="ArgumentException">g or a non-empty state stream is shorter than p.</exception>
    public static void Update<TOp, T>(TOp op, Span<T> p, ReadOnlySpan<T> g, Span<T> s0, Span<T> s1, Span<T> s2)
        where TOp : struct, IVectorUpdate<T> where T : unmanaged => UpdateAt(0, op, p, g, s0, s1, s2);

    /// <summary>
    /// <see cref="Update{TOp, T}"/> on vectors of <paramref name="bits"/> bits (128, 256 or 512; the caller checks that the
    /// width is accelerated and p holds at least one vector), or 0 for the widest that fits (what Update does); for tests.
    /// </summary>
    /// <exception cref="ArgumentException">g or a non-empty state stream is shorter than p.</exception>
    internal static void UpdateAt<TOp, T>(int bits, TOp op, Span<T> p, ReadOnlySpan<T> g, Span<T> s0, Span<T> s1, Span<T> s2)
        where TOp : struct, IVectorUpdate<T> where T : unmanaged
    {
        int len = p.Length;
        if (g.Length < len || (!s0.IsEmpty && s0.Length < len) || (!s1.IsEmpty && s1.Length < len) || (!s2.IsEmpty && s2.Length < len))
            throw new ArgumentException("vector driver: update streams of different lengths");
        var s = new Streams<T>(ref MemoryMarshal.GetReference(p), ref MemoryMarshal.GetReference(g), ref MemoryMarshal.GetReference(s0),
            ref MemoryMarshal.GetReference(s1), ref MemoryMarshal.GetReference(s2), (nuint)len, bits);
        switch ((s0.IsEmpty ? 0 : 1) | (s1.IsEmpty ? 0 : 2) | (s2.IsEmpty ? 0 : 4))
        {
            case 0: Run<TOp, T, FlagOff, FlagOff, FlagOff>(op, s); break;
            case 1: Run<TOp, T, FlagOn, FlagOff, FlagOff>(op, s); break;
            case 2: Run<TOp, T, FlagOff, FlagOn, FlagOff>(op, s); break;
            case 3: Run<TOp, T, FlagOn, FlagOn, FlagOff>(op, s); break;
            case 4: Run<TOp, T, FlagOff, FlagOff, FlagOn>(op, s); break;
            case 5: Run<TOp, T, FlagOn, FlagOff, FlagOn>(op, s); break;
            case 6: Run<TOp, T, FlagOff, FlagOn, FlagOn>(op, s); break;
            default: Run<TOp, T, FlagOn, FlagOn, FlagOn>(op, s); break;
        }
    }

    /// <summary>The five streams of an update, their length and the forced width (0: the widest that fits).</summary>
    private readonly ref struct Streams<T>(ref T p, ref T g, ref T s0, ref T s1, ref T s2, nuint n, int bits)
    {
        public readonly ref T P = ref p;
        public readonly ref T G = ref g;
        public readonly ref T S0 = ref s0;
        public readonly ref T S1 = ref s1;
        public readonly ref T S2 = ref s2;
        public readonly nuint N = n;
        public readonly int Bits = bits;
    }

    /// <summary>Picks the width (or takes the forced one) for the present states H0..H2.</summary>
    private static void Run<TOp, T, H0, H1, H2>(TOp op, in Streams<T> s) where TOp : struct, IVectorUpdate<T> where T : unmanaged
        where H0 : struct, IFlag where H1 : struct, IFlag where H2 : struct, IFlag
    {
        nuint n = s.N;
        int bits = s.Bits;
        if (bits == 512 || (bits == 0 && Use512<T>(n))) Update512<TOp, T, H0, H1, H2>(op, ref s.P, ref s.G, ref s.S0, ref s.S1, ref s.S2, n);
        else if (bits == 256 || (bits == 0 && Use256<T>(n))) Update256<TOp, T, H0, H1, H2>(op, ref s.P, ref s.G, ref s.S0, ref s.S1, ref s.S2, n);
        else if (bits == 128 || (bits == 0 && Use128<T>(n))) Update128<TOp, T, H0, H1, H2>(op, ref s.P, ref s.G, ref s.S0, ref s.S1, ref s.S2, n);
        else
        {
            T d0 = default, d1 = default, d2 = default;
            for (nuint i = 0; i < n; i++)
                op.Invoke(ref Unsafe.Add(ref s.P, i), Unsafe.Add(ref s.G, i), ref H0.Value ? ref Unsafe.Add(ref s.S0, i) : ref d0,
                    ref H1.Value ? ref Unsafe.Add(ref s.S1, i) : ref d1, ref H2.Value ? ref Unsafe.Add(ref s.S2, i) : ref d2);
        }
    }

    // ---- 512-bit update (n >= one vector) ----

    /// <summary>The 512-bit update loop (n ≥ one vector); H0..H2 say which states are present.</summary>
    private static void Update512<TOp, T, H0, H1, H2>(TOp op, ref T pr, ref T gr, ref T r0, ref T r1, ref T r2, nuint n)
        where TOp : struct, IVectorUpdate<T> where T : unmanaged where H0 : struct, IFlag where H1 : struct, IFlag where H2 : struct, IFlag
    {
        nuint w = (nuint)Vector512<T>.Count, i = 0, t = n - w;
        // The last vector (overlapping), computed before anything is stored.
        var p = Vector512.LoadUnsafe(ref pr, t);
        var s0 = H0.Value ? Vector512.LoadUnsafe(ref r0, t) : default;
        var s1 = H1.Value ? Vector512.LoadUnsafe(ref r1, t) : default;
        var s2 = H2.Value ? Vector512.LoadUnsafe(ref r2, t) : default;
        op.Invoke(ref p, Vector512.LoadUnsafe(ref gr, t), ref s0, ref s1, ref s2);
        for (; i + 4 * w <= n; i += 4 * w)
        {
            Step512<TOp, T, H0, H1, H2>(op, ref pr, ref gr, ref r0, ref r1, ref r2, i);
            Step512<TOp, T, H0, H1, H2>(op, ref pr, ref gr, ref r0, ref r1, ref r2, i + w);
            Step512<TOp, T, H0, H1, H2>(op, ref pr, ref gr, ref r0, ref r1, ref r2, i + 2 * w);
            Step512<TOp, T, H0, H1, H2>(op, ref pr, ref gr, ref r0, ref r1, ref r2, i + 3 * w);
        }
        for (; i + w <= n; i += w) Step512<TOp, T, H0, H1, H2>(op, ref pr, ref gr, ref r0, ref r1, ref r2, i);
        if (i < n)
        {
            p.StoreUnsafe(ref pr, t);
            if (H0.Value) s0.StoreUnsafe(ref r0, t);
            if (H1.Value) s1.StoreUnsafe(ref r1, t);
            if (H2.Value) s2.StoreUnsafe(ref r2, t);
        }
    }

    /// <summary>One 512-bit vector of the update at element i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step512<TOp, T, H0, H1, H2>(TOp op, ref T pr, ref T gr, ref T r0, ref T r1, ref T r2, nuint i)
        where TOp : struct, IVectorUpdate<T> where T : unmanaged where H0 : struct, IFlag where H1 : struct, IFlag where H2 : struct, IFlag
    {
        var p = Vector512.LoadUnsafe(ref pr, i);
        var s0 = H0.Value ? Vector512.LoadUnsafe(ref r0, i) : default;
        var s1 = H1.Value ? Vector512.LoadUnsafe(ref r1, i) : default;
        var s2 = H2.Value ? Vector512.LoadUnsafe(ref r2, i) : default;
        op.Invoke(ref p, Vector512.LoadUnsafe(ref gr, i), ref s0, ref s1, ref s2);
        p.StoreUnsafe(ref pr, i);
        if (H0.Value) s0.StoreUnsafe(ref r0, i);
        if (H1.Value) s1.StoreUnsafe(ref r1, i);
        if (H2.Value) s2.StoreUnsafe(ref r2, i);
    }

    // ---- 256-bit update (n >= one vector) ----

    /// <summary>The 256-bit update loop (n ≥ one vector); H0..H2 say which states are present.</summary>
    private static void Update256<TOp, T, H0, H1, H2>(TOp op, ref T pr, ref T gr, ref T r0, ref T r1, ref T r2, nuint n)
        where TOp : struct, IVectorUpdate<T> where T : unmanaged where H0 : struct, IFlag where H1 : struct, IFlag where H2 : struct, IFlag
    {
        nuint w = (nuint)Vector256<T>.Count, i = 0, t = n - w;
        // The last vector (overlapping), computed before anything is stored.
        var p = Vector256.LoadUnsafe(ref pr, t);
        var s0 = H0.Value ? Vector256.LoadUnsafe(ref r0, t) : default;
        var s1 = H1.Value ? Vector256.LoadUnsafe(ref r1, t) : default;
        var s2 = H2.Value ? Vector256.LoadUnsafe(ref r2, t) : default;
        op.Invoke(ref p, Vector256.LoadUnsafe(ref gr, t), ref s0, ref s1, ref s2);
        for (; i + 4 * w <= n; i += 4 * w)
        {
            Step256<TOp, T, H0, H1, H2>(op, ref pr, ref gr, ref r0, ref r1, ref r2, i);
            Step256<TOp, T, H0, H1, H2>(op, ref pr, ref gr, ref r0, ref r1, ref r2, i + w);
            Step256<TOp, T, H0, H1, H2>(op, ref pr, ref gr, ref r0, ref r1, ref r2, i + 2 * w);
            Step256<TOp, T, H0, H1, H2>(op, ref pr, ref gr, ref r0, ref r1, ref r2, i + 3 * w);
        }
        for (; i + w <= n; i += w) Step256<TOp, T, H0, H1, H2>(op, ref pr, ref gr, ref r0, ref r1, ref r2, i);
        if (i < n)
        {
            p.StoreUnsafe(ref pr, t);
            if (H0.Value) s0.StoreUnsafe(ref r0, t);
            if (H1.Value) s1.StoreUnsafe(ref r1, t);
            if (H2.Value) s2.StoreUnsafe(ref r2, t);
        }
    }

    /// <summary>One 256-bit vector of the update at element i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step256<TOp, T, H0, H1, H2>(TOp op, ref T pr, ref T gr, ref T r0, ref T r1, ref T r2, nuint i)
        where TOp : struct, IVectorUpdate<T> where T : unmanaged where H0 : struct, IFlag where H1 : struct, IFlag where H2 : struct, IFlag
    {
        var p = Vector256.LoadUnsafe(ref pr, i);
        var s0 = H0.Value ? Vector256.LoadUnsafe(ref r0, i) : default;
        var s1 = H1.Value ? Vector256.LoadUnsafe(ref r1, i) : default;
        var s2 = H2.Value ? Vector256.LoadUnsafe(ref r2, i) : default;
        op.Invoke(ref p, Vector256.LoadUnsafe(ref gr, i), ref s0, ref s1, ref s2);
        p.StoreUnsafe(ref pr, i);
        if (H0.Value) s0.StoreUnsafe(ref r0, i);
        if (H1.Value) s1.StoreUnsafe(ref r1, i);
        if (H2.Value) s2.StoreUnsafe(ref r2, i);
    }

    // ---- 128-bit update (n >= one vector) ----

    /// <summary>The 128-bit update loop (n ≥ one vector); H0..H2 say which states are present.</summary>
    private static void Update128<TOp, T, H0, H1, H2>(TOp op, ref T pr, ref T gr, ref T r0, ref T r1, ref T r2, nuint n)
        where TOp : struct, IVectorUpdate<T> where T : unmanaged where H0 : struct, IFlag where H1 : struct, IFlag where H2 : struct, IFlag
    {
        nuint w = (nuint)Vector128<T>.Count, i = 0, t = n - w;
        // The last vector (overlapping), computed before anything is stored.
        var p = Vector128.LoadUnsafe(ref pr, t);
        var s0 = H0.Value ? Vector128.LoadUnsafe(ref r0, t) : default;
        var s1 = H1.Value ? Vector128.LoadUnsafe(ref r1, t) : default;
        var s2 = H2.Value ? Vector128.LoadUnsafe(ref r2, t) : default;
        op.Invoke(ref p, Vector128.LoadUnsafe(ref gr, t), ref s0, ref s1, ref s2);
        for (; i + 4 * w <= n; i += 4 * w)
        {
            Step128<TOp, T, H0, H1, H2>(op, ref pr, ref gr, ref r0, ref r1, ref r2, i);
            Step128<TOp, T, H0, H1, H2>(op, ref pr, ref gr, ref r0, ref r1, ref r2, i + w);
            Step128<TOp, T, H0, H1, H2>(op, ref pr, ref gr, ref r0, ref r1, ref r2, i + 2 * w);
            Step128<TOp, T, H0, H1, H2>(op, ref pr, ref gr, ref r0, ref r1, ref r2, i + 3 * w);
        }
        for (; i + w <= n; i += w) Step128<TOp, T, H0, H1, H2>(op, ref pr, ref gr, ref r0, ref r1, ref r2, i);
        if (i < n)
        {
            p.StoreUnsafe(ref pr, t);
            if (H0.Value) s0.StoreUnsafe(ref r0, t);
            if (H1.Value) s1.StoreUnsafe(ref r1, t);
            if (H2.Value) s2.StoreUnsafe(ref r2, t);
        }
    }

    /// <summary>One 128-bit vector of the update at element i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step128<TOp, T, H0, H1, H2>(TOp op, ref T pr, ref T gr, ref T r0, ref T r1, ref T r2, nuint i)
        where TOp : struct, IVectorUpdate<T> where T : unmanaged where H0 : struct, IFlag where H1 : struct, IFlag where H2 : struct, IFlag
    {
        var p = Vector128.LoadUnsafe(ref pr, i);
        var s0 = H0.Value ? Vector128.LoadUnsafe(ref r0, i) : default;
        var s1 = H1.Value ? Vector128.LoadUnsafe(ref r1, i) : default;
        var s2 = H2.Value ? Vector128.LoadUnsafe(ref r2, i) : default;
        op.Invoke(ref p, Vector128.LoadUnsafe(ref gr, i), ref s0, ref s1, ref s2);
        p.StoreUnsafe(ref pr, i);
        if (H0.Value) s0.StoreUnsafe(ref r0, i);
        if (H1.Value) s1.StoreUnsafe(ref r1, i);
        if (H2.Value) s2.StoreUnsafe(ref r2, i);
    }
}
