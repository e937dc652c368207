using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;

/// <summary>
/// Accurate sums (PyTorch's cascade summation, aten/src/ATen/native/cpu/SumKernel.cpp): terms go into a
/// level-0 accumulator, which is flushed into level 1 every 2^k terms, level 1 into level 2 every 2^2k,
/// and so on (four levels, k = max(4, ⌈log2 n⌉ / 4)), so only numbers of similar magnitude are added and
/// the rounding error grows like log n instead of n (1e6 × 0.1f sums to 100000, not 100958).
/// One linear pass, vectorized, O(1) extra storage per output.
/// <para>
/// Results do not depend on the thread count: long rows are cut into chunks of a fixed length whose
/// partial sums are summed again, and column sums always add the rows of a column in the same order.
/// </para>
/// </summary>
internal static class CascadeSum
{
    /// <summary>Rows longer than this are summed in chunks of this length (the unit of parallel work).</summary>
    public const int ChunkLength = 1 << 16;

    /// <summary>Column tiles are at most this many bytes wide.</summary>
    private const int MaxTileBytes = 32768;

    /// <summary>The level width exponent k (at least 4, so at least 16 terms per level).</summary>
    private static int LevelPower(int n) => Math.Max(4, (n <= 1 ? 0 : 32 - BitOperations.LeadingZeroCount((uint)(n - 1))) / 4);

    /// <summary>Σ term(x[i], p) over a contiguous span (any length), one thread.</summary>
    public static T Row<TTerm, T>(ReadOnlySpan<T> x, T p) where TTerm : ISumTerm<T> where T : unmanaged, INumber<T>
    {
        ref T r = ref MemoryMarshal.GetReference(x);
        int n = x.Length;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && n >= Vector512<T>.Count)
            return RowCore<Simd512<T>, Vector512<T>, TTerm, T>(ref r, n, p);
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && n >= Vector256<T>.Count)
            return RowCore<Simd256<T>, Vector256<T>, TTerm, T>(ref r, n, p);
        if (Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported && n >= Vector128<T>.Count)
            return RowCore<Simd128<T>, Vector128<T>, TTerm, T>(ref r, n, p);
        return RowCore<SimdScalar<T>, T, TTerm, T>(ref r, n, p);
    }

    /// <summary>
    /// Σ term(x[i], p) over a contiguous span: <see cref="Row{TTerm, T}"/> of each <see cref="ChunkLength"/>
    /// chunk, then the cascade sum of the chunk sums (the same result as the parallel <see cref="Rows{TTerm, T}"/>).
    /// </summary>
    public static T ChunkedRow<TTerm, T>(ReadOnlySpan<T> x, T p) where TTerm : ISumTerm<T> where T : unmanaged, INumber<T>
    {
        int n = x.Length;
        if (n <= ChunkLength) return Row<TTerm, T>(x, p);
        int chunks = (int)(((long)n + ChunkLength - 1) / ChunkLength);
        var partial = ArrayPool<T>.Shared.Rent(chunks);
        for (int c = 0; c < chunks; c++)
        {
            int s = c * ChunkLength;
            partial[c] = Row<TTerm, T>(x.Slice(s, Math.Min(ChunkLength, n - s)), p);
        }
        T sum = Row<PlainTerm<T>, T>(partial.AsSpan(0, chunks), T.Zero);
        ArrayPool<T>.Shared.Return(partial);
        return sum;
    }

    /// <summary>
    /// ys[o] = Σ_i term(xs[xo + o·n + i], p[o]) for o &lt; outer (p null: the parameter is zero). Parallel
    /// over rows, or over the chunks of a few long rows; the result is the same either way.
    /// </summary>
    public static void Rows<TTerm, T>(T[] xs, int xo, int outer, int n, T[]? p, T[] ys)
        where TTerm : ISumTerm<T> where T : unmanaged, INumber<T>
    {
        long work = (long)outer * n;
        int chunks = n <= ChunkLength ? 1 : (int)(((long)n + ChunkLength - 1) / ChunkLength);
        if (chunks == 1 || outer >= Threading.NumThreads)
        {
            RowParallel.Rows(outer, work, (s, len) =>
            {
                for (int o = s; o < s + len; o++)
                    ys[o] = ChunkedRow<TTerm, T>(new ReadOnlySpan<T>(xs, xo + o * n, n), p is null ? T.Zero : p[o]);
            });
            return;
        }
        var partial = new T[outer * chunks];
        RowParallel.Rows(outer * chunks, work, (s, len) =>
        {
            for (int u = s; u < s + len; u++)
            {
                int o = u / chunks, c0 = (u % chunks) * ChunkLength;
                partial[u] = Row<TTerm, T>(new ReadOnlySpan<T>(xs, xo + o * n + c0, Math.Min(ChunkLength, n - c0)), p is null ? T.Zero : p[o]);
            }
        });
        for (int o = 0; o < outer; o++) ys[o] = Row<PlainTerm<T>, T>(partial.AsSpan(o * chunks, chunks), T.Zero);
    }

    /// <summary>
    /// Column sums of a contiguous [outer, reduced, inner] block:
    /// ys[o·inner + j] = Σ_r term(xs[xo + (o·reduced + r)·inner + j], p[o·inner + j]) (p null: zero).
    /// Parallel over outer slices and column tiles; each column adds its rows in the same order whatever the split.
    /// </summary>
    public static void Columns<TTerm, T>(T[] xs, int xo, int outer, int reduced, int inner, T[]? p, T[] ys)
        where TTerm : ISumTerm<T> where T : unmanaged, INumber<T>
    {
        if (outer == 0 || inner == 0) return;
        int tile = TileWidth<T>(outer, inner);
        int tiles = (inner + tile - 1) / tile;
        RowParallel.Rows(outer * tiles, (long)outer * reduced * inner, (s, len) =>
        {
            var scratch = ArrayPool<T>.Shared.Rent(ColumnScratch<T>(tile));
            for (int u = s; u < s + len; u++)
            {
                int o = u / tiles, c0 = (u % tiles) * tile, width = Math.Min(tile, inner - c0);
                var block = new ReadOnlySpan<T>(xs, xo + o * reduced * inner + c0, reduced == 0 ? 0 : (reduced - 1) * inner + width);
                var pw = p is null ? default : new ReadOnlySpan<T>(p, o * inner + c0, width);
                Column<TTerm, T>(block, reduced, inner, width, pw, ys.AsSpan(o * inner + c0, width), scratch);
            }
            ArrayPool<T>.Shared.Return(scratch);
        });
    }

    /// <summary>
    /// The column tile: whole rows, cut into pieces of at most <see cref="MaxTileBytes"/> (so the accumulator rows
    /// stay in cache) and into one piece per thread when there are fewer outer slices than threads. Each column
    /// is summed the same way whatever the tiling, so the tile may depend on the thread count.
    /// </summary>
    private static int TileWidth<T>(int outer, int inner) where T : unmanaged
    {
        int align = 64, minTile = 1024;
        int tile = inner;
        int maxTile = MaxTileBytes / Unsafe.SizeOf<T>();
        if (tile > maxTile) tile = maxTile;
        int threads = Threading.NumThreads;
        if (outer < threads && inner >= 2 * minTile)
        {
            int want = (threads + outer - 1) / outer; // tiles per outer slice
            int split = Math.Max(minTile, (inner + want - 1) / want);
            tile = Math.Min(tile, (split + align - 1) / align * align);
        }
        return Math.Max(1, tile);
    }

    /// <summary>The scratch length <see cref="Column{TTerm, T}"/> needs for a given width.</summary>
    public static int ColumnScratch<T>(int width) where T : unmanaged => 5 * Math.Max(width, SmallWidthLimit<T>() * 16);

    /// <summary>Widths below this (four vectors) are summed as rows of lcm(width, vector) elements.</summary>
    private static int SmallWidthLimit<T>() where T : unmanaged => 4 * VectorCount<T>();

    private static int VectorCount<T>() where T : unmanaged =>
        Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported ? Vector512<T>.Count
        : Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported ? Vector256<T>.Count
        : Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported ? Vector128<T>.Count : 1;

    /// <summary>
    /// result[j] = Σ_r term(x[r·stride + j], p[j]) for j &lt; width (p empty: zero); scratch holds
    /// <see cref="ColumnScratch{T}"/>(width) elements. One thread.
    /// </summary>
    public static void Column<TTerm, T>(ReadOnlySpan<T> x, int rows, int stride, int width, ReadOnlySpan<T> p, Span<T> result, Span<T> scratch)
        where TTerm : ISumTerm<T> where T : unmanaged, INumber<T>
    {
        int w = VectorCount<T>();
        if (stride == width && width < 4 * w && w > 1)
        {
            // Narrow contiguous rows: g consecutive rows form one row of lcm(width, w)·k elements whose
            // columns repeat with period width; sum those long rows, then fold the g copies pairwise.
            int l = width / Gcd(width, w) * w;
            l *= Math.Max(1, 16 * w / l);
            int g = l / width, super = rows / g;
            if (super >= 4)
            {
                var part = scratch[..l];
                var pt = scratch.Slice(l, l);
                if (TTerm.UsesParameter) for (int q = 0; q < g; q++) p.CopyTo(pt.Slice(q * width, width));
                ColumnCore<TTerm, T>(x, super, l, l, TTerm.UsesParameter ? pt : default, part, scratch[(2 * l)..]);
                for (int h = g; h > 1;)
                {
                    int m = (h + 1) / 2, len = (h - m) * width;
                    Simd.Add(part[..len], part.Slice(m * width, len));
                    h = m;
                }
                int rest = rows - super * g;
                var tail = scratch.Slice(l, width); // the parameter copies are no longer needed
                ColumnCore<TTerm, T>(x[(super * g * width)..], rest, width, width, p, tail, scratch[(2 * l)..]);
                part[..width].CopyTo(result);
                Simd.Add(result, tail);
                return;
            }
        }
        ColumnCore<TTerm, T>(x, rows, stride, width, p, result, scratch);
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    /// <summary>The column cascade: three accumulator rows in scratch, the fourth level is the result.</summary>
    private static void ColumnCore<TTerm, T>(ReadOnlySpan<T> x, int rows, int stride, int width, ReadOnlySpan<T> p, Span<T> result, Span<T> scratch)
        where TTerm : ISumTerm<T> where T : unmanaged, INumber<T>
    {
        var l0 = scratch[..width];
        var l1 = scratch.Slice(width, width);
        var l2 = scratch.Slice(2 * width, width);
        l0.Clear();
        l1.Clear();
        l2.Clear();
        result.Clear();
        int power = LevelPower(rows), step = 1 << power, mask = step - 1;
        int r = 0;
        while (r + step <= rows)
        {
            for (int j = 0; j < step; j += 4, r += 4) AddRows<TTerm, T>(l0, x, r, 4, stride, p);
            Simd.Flush(l0, l1);
            if ((r & (mask << power)) != 0) continue;
            Simd.Flush(l1, l2);
            if ((r & (mask << (2 * power))) != 0) continue;
            Simd.Flush(l2, result);
        }
        for (; r + 4 <= rows; r += 4) AddRows<TTerm, T>(l0, x, r, 4, stride, p);
        for (; r < rows; r++) AddRows<TTerm, T>(l0, x, r, 1, stride, p);
        Simd.Add(l0, l1);
        Simd.Add(l0, l2);
        Simd.Add(result, l0);
    }

    /// <summary>acc[j] += Σ of term over rows r0 .. r0+count−1 (count is 1 or 4), pairwise within the group.</summary>
    private static void AddRows<TTerm, T>(Span<T> acc, ReadOnlySpan<T> x, int r0, int count, int stride, ReadOnlySpan<T> p)
        where TTerm : ISumTerm<T> where T : unmanaged, INumber<T>
    {
        int width = acc.Length;
        ref T a = ref MemoryMarshal.GetReference(acc);
        ref T x0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), r0 * stride);
        ref T pr = ref MemoryMarshal.GetReference(p);
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && width >= Vector512<T>.Count)
            AddRowsCore<Simd512<T>, Vector512<T>, TTerm, T>(ref a, ref x0, ref pr, width, count, stride);
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && width >= Vector256<T>.Count)
            AddRowsCore<Simd256<T>, Vector256<T>, TTerm, T>(ref a, ref x0, ref pr, width, count, stride);
        else if (Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported && width >= Vector128<T>.Count)
            AddRowsCore<Simd128<T>, Vector128<T>, TTerm, T>(ref a, ref x0, ref pr, width, count, stride);
        else
            AddRowsCore<SimdScalar<T>, T, TTerm, T>(ref a, ref x0, ref pr, width, count, stride);
    }

    private static void AddRowsCore<TS, TV, TTerm, T>(ref T a, ref T x, ref T p, int width, int count, int stride)
        where TS : ISimd<TV, T> where TV : struct where TTerm : ISumTerm<T> where T : unmanaged, INumber<T>
    {
        int w = TS.Count;
        nuint s = (nuint)stride;
        nuint j = 0, end = (nuint)(width - width % w);
        var pv = TS.Zero;
        if (count == 4)
        {
            for (; j < end; j += (nuint)w)
            {
                if (TTerm.UsesParameter) pv = TS.Load(ref p, j);
                var t0 = TS.Term<TTerm>(TS.Load(ref x, j), pv);
                var t1 = TS.Term<TTerm>(TS.Load(ref x, j + s), pv);
                var t2 = TS.Term<TTerm>(TS.Load(ref x, j + 2 * s), pv);
                var t3 = TS.Term<TTerm>(TS.Load(ref x, j + 3 * s), pv);
                TS.Store(TS.Add(TS.Load(ref a, j), TS.Add(TS.Add(t0, t1), TS.Add(t2, t3))), ref a, j);
            }
            for (; j < (nuint)width; j++)
            {
                T pj = TTerm.UsesParameter ? Unsafe.Add(ref p, j) : T.Zero;
                T t0 = TTerm.Apply(Unsafe.Add(ref x, j), pj), t1 = TTerm.Apply(Unsafe.Add(ref x, j + s), pj);
                T t2 = TTerm.Apply(Unsafe.Add(ref x, j + 2 * s), pj), t3 = TTerm.Apply(Unsafe.Add(ref x, j + 3 * s), pj);
                Unsafe.Add(ref a, j) += (t0 + t1) + (t2 + t3);
            }
            return;
        }
        for (; j < end; j += (nuint)w)
        {
            if (TTerm.UsesParameter) pv = TS.Load(ref p, j);
            TS.Store(TS.Add(TS.Load(ref a, j), TS.Term<TTerm>(TS.Load(ref x, j), pv)), ref a, j);
        }
        for (; j < (nuint)width; j++)
            Unsafe.Add(ref a, j) += TTerm.Apply(Unsafe.Add(ref x, j), TTerm.UsesParameter ? Unsafe.Add(ref p, j) : T.Zero);
    }

    /// <summary>The row cascade with four vector accumulators at level 0 and one vector per higher level.</summary>
    private static T RowCore<TS, TV, TTerm, T>(ref T x, int n, T p)
        where TS : ISimd<TV, T> where TV : struct where TTerm : ISumTerm<T> where T : unmanaged, INumber<T>
    {
        int w = TS.Count;
        int blocks = n / (4 * w);
        int power = LevelPower(blocks), step = 1 << power, mask = step - 1;
        var pv = TS.Splat(p);
        TV a0 = TS.Zero, a1 = a0, a2 = a0, a3 = a0, l1 = a0, l2 = a0, l3 = a0;
        nuint i = 0, vw = (nuint)w;
        int b = 0;
        while (b + step <= blocks)
        {
            for (int j = 0; j < step; j++, i += 4 * vw)
            {
                a0 = TS.Add(a0, TS.Term<TTerm>(TS.Load(ref x, i), pv));
                a1 = TS.Add(a1, TS.Term<TTerm>(TS.Load(ref x, i + vw), pv));
                a2 = TS.Add(a2, TS.Term<TTerm>(TS.Load(ref x, i + 2 * vw), pv));
                a3 = TS.Add(a3, TS.Term<TTerm>(TS.Load(ref x, i + 3 * vw), pv));
            }
            b += step;
            l1 = TS.Add(l1, TS.Add(TS.Add(a0, a1), TS.Add(a2, a3)));
            a0 = a1 = a2 = a3 = TS.Zero;
            if ((b & (mask << power)) != 0) continue;
            l2 = TS.Add(l2, l1);
            l1 = TS.Zero;
            if ((b & (mask << (2 * power))) != 0) continue;
            l3 = TS.Add(l3, l2);
            l2 = TS.Zero;
        }
        for (; b < blocks; b++, i += 4 * vw)
        {
            a0 = TS.Add(a0, TS.Term<TTerm>(TS.Load(ref x, i), pv));
            a1 = TS.Add(a1, TS.Term<TTerm>(TS.Load(ref x, i + vw), pv));
            a2 = TS.Add(a2, TS.Term<TTerm>(TS.Load(ref x, i + 2 * vw), pv));
            a3 = TS.Add(a3, TS.Term<TTerm>(TS.Load(ref x, i + 3 * vw), pv));
        }
        for (; i + vw <= (nuint)n; i += vw) a0 = TS.Add(a0, TS.Term<TTerm>(TS.Load(ref x, i), pv));
        var total = TS.Add(TS.Add(TS.Add(TS.Add(TS.Add(a0, a1), TS.Add(a2, a3)), l1), l2), l3);
        T tail = T.Zero;
        for (; i < (nuint)n; i++) tail += TTerm.Apply(Unsafe.Add(ref x, i), p);
        return TS.Sum(total) + tail;
    }
}

/// <summary>Vectorized span helpers of the cascade.</summary>
internal static class Simd
{
    /// <summary>a += b elementwise.</summary>
    public static void Add<T>(Span<T> a, ReadOnlySpan<T> b) where T : unmanaged, INumber<T> =>
        TensorPrimitives.Add(a, b, a);

    /// <summary>to += from; from = 0.</summary>
    public static void Flush<T>(Span<T> from, Span<T> to) where T : unmanaged, INumber<T>
    {
        TensorPrimitives.Add(to, from, to);
        from.Clear();
    }
}
