namespace Ember.Kernels;

/// <summary>
/// Walks up to three tensors of one shape (each with its own strides and offset) row by row: the
/// dimensions are first coalesced (merging any pair that is contiguous in every operand), then the
/// innermost dimension is handed to a row body with its length and per-operand strides. Broadcast
/// operands have stride 0.
/// </summary>
internal static class StridedLoop
{
    /// <summary>Up to this many dimensions the driver's index arrays live on the stack; more are allocated.</summary>
    public const int MaxStackDims = 16;

    /// <summary>Coalesces dims in place; returns the new number of dims (at least 1).</summary>
    /// <remarks>
    /// Two dims merge when the outer stride equals the inner stride times the inner size in every operand; the products
    /// are compared in 64 bits, so a product past the int range never matches by wrapping around.
    /// </remarks>
    public static int Coalesce(Span<int> shape, Span<int> s0, Span<int> s1, Span<int> s2, int nd)
    {
        if (nd == 0)
        {
            shape[0] = 1; s0[0] = 0; s1[0] = 0; s2[0] = 0;
            return 1;
        }
        // Drop size-1 dims (their stride is irrelevant), keeping at least one.
        int w = 0;
        for (int d = 0; d < nd; d++)
        {
            if (shape[d] == 1) continue;
            shape[w] = shape[d]; s0[w] = s0[d]; s1[w] = s1[d]; s2[w] = s2[d];
            w++;
        }
        if (w == 0)
        {
            shape[0] = 1; s0[0] = 0; s1[0] = 0; s2[0] = 0;
            return 1;
        }
        nd = w;
        int outD = 0;
        for (int d = 1; d < nd; d++)
        {
            long n = shape[d];
            if (s0[outD] == s0[d] * n && s1[outD] == s1[d] * n && s2[outD] == s2[d] * n)
            {
                // The merged size is at most the tensor's element count, which fits an int.
                shape[outD] *= (int)n;
                s0[outD] = s0[d]; s1[outD] = s1[d]; s2[outD] = s2[d];
            }
            else
            {
                outD++;
                shape[outD] = (int)n; s0[outD] = s0[d]; s1[outD] = s1[d]; s2[outD] = s2[d];
            }
        }
        return outD + 1;
    }
}

/// <summary>The body of a strided loop, called once per innermost row.</summary>
internal interface IRowBody
{
    /// <summary>Processes <paramref name="length"/> elements starting at the three offsets with the given strides.</summary>
    void Row(int o0, int o1, int o2, int length, int st0, int st1, int st2);
}

/// <summary>Drives an <see cref="IRowBody"/> over coalesced dimensions.</summary>
internal static class StridedDriver
{
    /// <summary>
    /// Runs <paramref name="body"/> over every row of a tensor of <paramref name="shape"/> viewed through three
    /// (shape-equal) stride sets. Strides may be 0 (broadcast).
    /// </summary>
    public static void Run<TBody>(ref TBody body, ReadOnlySpan<int> shape,
        ReadOnlySpan<int> strides0, int offset0, ReadOnlySpan<int> strides1, int offset1,
        ReadOnlySpan<int> strides2, int offset2) where TBody : struct, IRowBody
    {
        int nd = shape.Length;
        foreach (var d in shape) if (d == 0) return;
        // Any number of dimensions: coalescing usually leaves a few, and the rare tensor with more than
        // MaxStackDims dimensions gets its index arrays from the heap.
        int room = Math.Max(nd, 1);
        Span<int> sh = room <= StridedLoop.MaxStackDims ? stackalloc int[StridedLoop.MaxStackDims] : new int[room];
        Span<int> a = room <= StridedLoop.MaxStackDims ? stackalloc int[StridedLoop.MaxStackDims] : new int[room];
        Span<int> b = room <= StridedLoop.MaxStackDims ? stackalloc int[StridedLoop.MaxStackDims] : new int[room];
        Span<int> c = room <= StridedLoop.MaxStackDims ? stackalloc int[StridedLoop.MaxStackDims] : new int[room];
        shape.CopyTo(sh);
        strides0.CopyTo(a);
        if (strides1.Length == nd) strides1.CopyTo(b); else b[..nd].Clear();
        if (strides2.Length == nd) strides2.CopyTo(c); else c[..nd].Clear();
        nd = StridedLoop.Coalesce(sh, a, b, c, nd);

        int inner = sh[nd - 1], ia = a[nd - 1], ib = b[nd - 1], ic = c[nd - 1];
        if (nd == 1)
        {
            body.Row(offset0, offset1, offset2, inner, ia, ib, ic);
            return;
        }
        Span<int> idx = nd - 1 <= StridedLoop.MaxStackDims ? stackalloc int[StridedLoop.MaxStackDims] : new int[nd - 1];
        idx.Clear();
        int o0 = offset0, o1 = offset1, o2 = offset2;
        while (true)
        {
            body.Row(o0, o1, o2, inner, ia, ib, ic);
            int d = nd - 2;
            for (; d >= 0; d--)
            {
                if (++idx[d] < sh[d])
                {
                    o0 += a[d]; o1 += b[d]; o2 += c[d];
                    break;
                }
                idx[d] = 0;
                o0 -= a[d] * (sh[d] - 1); o1 -= b[d] * (sh[d] - 1); o2 -= c[d] * (sh[d] - 1);
            }
            if (d < 0) return;
        }
    }
}
