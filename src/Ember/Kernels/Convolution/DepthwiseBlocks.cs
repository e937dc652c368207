using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ember.Kernels;

/// <summary>The register blocks of <see cref="DepthwiseConv"/>.</summary>
internal static unsafe partial class DepthwiseConv
{
    /// <summary>The most taps of one weight-gradient register block (10 accumulators, one dy vector and the x loads).</summary>
    private const int GradTaps = 10;

    /// <summary>
    /// One register block: 8 output vectors (bases/outs/counts from the vector table) summed over all taps, tap t reading
    /// x + taps[t] + base with weight w[t], then + bias and stored: whole vectors where the plane goes on past them (the
    /// lanes past a row land in later rows, stored after), masked stores for the plane's last row vectors, nothing for
    /// the filler vectors (count 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block(float* x, int* taps, int nTaps, float* w, float bias, int* bases, int* outs, int* counts, float* masks, float* y, int limit)
    {
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        nint p0 = bases[0], p1 = bases[1], p2 = bases[2], p3 = bases[3], p4 = bases[4], p5 = bases[5], p6 = bases[6], p7 = bases[7];
        for (int t = 0; t < nTaps; t++)
        {
            float* xt = x + taps[t];
            var c = Vector512.Create(w[t]);
            a0 = Avx512F.FusedMultiplyAdd(Vector512.Load(xt + p0), c, a0);
            a1 = Avx512F.FusedMultiplyAdd(Vector512.Load(xt + p1), c, a1);
            a2 = Avx512F.FusedMultiplyAdd(Vector512.Load(xt + p2), c, a2);
            a3 = Avx512F.FusedMultiplyAdd(Vector512.Load(xt + p3), c, a3);
            a4 = Avx512F.FusedMultiplyAdd(Vector512.Load(xt + p4), c, a4);
            a5 = Avx512F.FusedMultiplyAdd(Vector512.Load(xt + p5), c, a5);
            a6 = Avx512F.FusedMultiplyAdd(Vector512.Load(xt + p6), c, a6);
            a7 = Avx512F.FusedMultiplyAdd(Vector512.Load(xt + p7), c, a7);
        }
        var b = Vector512.Create(bias);
        Put(y, outs[0], counts[0], limit, masks, a0 + b);
        Put(y, outs[1], counts[1], limit, masks, a1 + b);
        Put(y, outs[2], counts[2], limit, masks, a2 + b);
        Put(y, outs[3], counts[3], limit, masks, a3 + b);
        Put(y, outs[4], counts[4], limit, masks, a4 + b);
        Put(y, outs[5], counts[5], limit, masks, a5 + b);
        Put(y, outs[6], counts[6], limit, masks, a6 + b);
        Put(y, outs[7], counts[7], limit, masks, a7 + b);
    }

    /// <summary>Stores one output vector of count lanes at y + at in a plane of limit floats (see <see cref="Block"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(float* y, int at, int count, int limit, float* masks, Vector512<float> v)
    {
        if (count == 0) return;
        // A masked store is several times slower than a plain one on AMD's cores.
        if (count == Lanes || at + Lanes <= limit) Vector512.Store(v, y + at);
        else Avx512F.MaskStore(y + at, Vector512.Load(masks + count * Lanes), v);
    }

    /// <summary>The weight-gradient block of n ≤ <see cref="GradTaps"/> taps (each count compiled on its own).</summary>
    private static void GradBlock(int n, float* x, int* taps, float* dy, int* bases, int* outs, int* counts, int vectors, float* masks, float* part)
    {
        switch (n)
        {
            case 1: GradBlock<T1>(x, taps, dy, bases, outs, counts, vectors, masks, part); break;
            case 2: GradBlock<T2>(x, taps, dy, bases, outs, counts, vectors, masks, part); break;
            case 3: GradBlock<T3>(x, taps, dy, bases, outs, counts, vectors, masks, part); break;
            case 4: GradBlock<T4>(x, taps, dy, bases, outs, counts, vectors, masks, part); break;
            case 5: GradBlock<T5>(x, taps, dy, bases, outs, counts, vectors, masks, part); break;
            case 6: GradBlock<T6>(x, taps, dy, bases, outs, counts, vectors, masks, part); break;
            case 7: GradBlock<T7>(x, taps, dy, bases, outs, counts, vectors, masks, part); break;
            case 8: GradBlock<T8>(x, taps, dy, bases, outs, counts, vectors, masks, part); break;
            case 9: GradBlock<T9>(x, taps, dy, bases, outs, counts, vectors, masks, part); break;
            case 10: GradBlock<T10>(x, taps, dy, bases, outs, counts, vectors, masks, part); break;
            default: throw new ArgumentOutOfRangeException(nameof(n), n, "depthwise conv: taps per weight-gradient block");
        }
    }

    /// <summary>
    /// part[t·16 …] += Σ_v dy_v · x(v, tap t) lane-wise for the TN.Value taps, over the plane's row vectors in order. A row
    /// tail's dy lanes are zero; its x lanes are the next row's (finite unless x is not: then the sum is not finite and the
    /// row path recomputes the weight gradient).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GradBlock<TN>(float* x, int* taps, float* dy, int* bases, int* outs, int* counts, int vectors, float* masks, float* part)
        where TN : struct, ICount
    {
        int n = TN.Value;
        nint k0 = taps[0], k1 = n > 1 ? taps[1] : 0, k2 = n > 2 ? taps[2] : 0, k3 = n > 3 ? taps[3] : 0, k4 = n > 4 ? taps[4] : 0;
        nint k5 = n > 5 ? taps[5] : 0, k6 = n > 6 ? taps[6] : 0, k7 = n > 7 ? taps[7] : 0, k8 = n > 8 ? taps[8] : 0, k9 = n > 9 ? taps[9] : 0;
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default;
        Vector512<float> a5 = default, a6 = default, a7 = default, a8 = default, a9 = default;
        for (int v = 0; v < vectors; v++)
        {
            int count = counts[v];
            float* dv = dy + outs[v];
            var d = count == Lanes ? Vector512.Load(dv) : Avx512F.MaskLoad(dv, Vector512.Load(masks + count * Lanes), Vector512<float>.Zero);
            float* xv = x + bases[v];
            a0 = Avx512F.FusedMultiplyAdd(d, Vector512.Load(xv + k0), a0);
            if (TN.Value > 1) a1 = Avx512F.FusedMultiplyAdd(d, Vector512.Load(xv + k1), a1);
            if (TN.Value > 2) a2 = Avx512F.FusedMultiplyAdd(d, Vector512.Load(xv + k2), a2);
            if (TN.Value > 3) a3 = Avx512F.FusedMultiplyAdd(d, Vector512.Load(xv + k3), a3);
            if (TN.Value > 4) a4 = Avx512F.FusedMultiplyAdd(d, Vector512.Load(xv + k4), a4);
            if (TN.Value > 5) a5 = Avx512F.FusedMultiplyAdd(d, Vector512.Load(xv + k5), a5);
            if (TN.Value > 6) a6 = Avx512F.FusedMultiplyAdd(d, Vector512.Load(xv + k6), a6);
            if (TN.Value > 7) a7 = Avx512F.FusedMultiplyAdd(d, Vector512.Load(xv + k7), a7);
            if (TN.Value > 8) a8 = Avx512F.FusedMultiplyAdd(d, Vector512.Load(xv + k8), a8);
            if (TN.Value > 9) a9 = Avx512F.FusedMultiplyAdd(d, Vector512.Load(xv + k9), a9);
        }
        AddTo(part, a0);
        if (TN.Value > 1) AddTo(part + Lanes, a1);
        if (TN.Value > 2) AddTo(part + 2 * Lanes, a2);
        if (TN.Value > 3) AddTo(part + 3 * Lanes, a3);
        if (TN.Value > 4) AddTo(part + 4 * Lanes, a4);
        if (TN.Value > 5) AddTo(part + 5 * Lanes, a5);
        if (TN.Value > 6) AddTo(part + 6 * Lanes, a6);
        if (TN.Value > 7) AddTo(part + 7 * Lanes, a7);
        if (TN.Value > 8) AddTo(part + 8 * Lanes, a8);
        if (TN.Value > 9) AddTo(part + 9 * Lanes, a9);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo(float* p, Vector512<float> v) => Vector512.Store(Vector512.Load(p) + v, p);

    /// <summary>A tap count known to the JIT (each weight-gradient block is compiled with its own accumulators).</summary>
    private interface ICount { static abstract int Value { get; } }
    private struct T1 : ICount { public static int Value => 1; }
    private struct T2 : ICount { public static int Value => 2; }
    private struct T3 : ICount { public static int Value => 3; }
    private struct T4 : ICount { public static int Value => 4; }
    private struct T5 : ICount { public static int Value => 5; }
    private struct T6 : ICount { public static int Value => 6; }
    private struct T7 : ICount { public static int Value => 7; }
    private struct T8 : ICount { public static int Value => 8; }
    private struct T9 : ICount { public static int Value => 9; }
    private struct T10 : ICount { public static int Value => 10; }
}
