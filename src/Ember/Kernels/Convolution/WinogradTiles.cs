using System.Runtime.CompilerServices;

namespace Ember.Kernels;

/// <summary>
/// One Winograd algorithm F(m×m, 3×3): m×m outputs from an α×α input tile (α = m + 2) with α² multiplications per
/// channel pair instead of 9m². The three 1-D transforms (Bᵀd, Gg, Aᵀm) run on lane blocks TV:
/// element i of a 1-D operand is the block at <c>s + i·ss</c>, result i is stored at <c>d + i·ds</c>; the 2-D transforms
/// apply them along one axis, then the other.
/// </summary>
internal unsafe interface IWinogradTile
{
    /// <summary>Outputs per tile side.</summary>
    static abstract int M { get; }
    /// <summary>Input tile side, M + 2.</summary>
    static abstract int Alpha { get; }
    /// <summary>α inputs → α: Bᵀ·d.</summary>
    static abstract void Input<TV>(float* s, nint ss, float* d, nint ds) where TV : unmanaged, ILanes<TV>;
    /// <summary>3 kernel taps → α: G·g.</summary>
    static abstract void Kernel<TV>(float* s, nint ss, float* d, nint ds) where TV : unmanaged, ILanes<TV>;
    /// <summary>α products → M outputs: Aᵀ·m + bias.</summary>
    static abstract void Output<TV>(float* s, nint ss, float* d, nint ds, TV bias) where TV : unmanaged, ILanes<TV>;
    /// <summary>M output gradients → α (the weight gradient's transform of dy): A·y.</summary>
    static abstract void GradOutput<TV>(float* s, nint ss, float* d, nint ds) where TV : unmanaged, ILanes<TV>;
    /// <summary>α transform-domain gradients → 3 taps: Gᵀ·u.</summary>
    static abstract void GradKernel<TV>(float* s, nint ss, float* d, nint ds) where TV : unmanaged, ILanes<TV>;
}

/// <summary>
/// F(2×2, 3×3) on the points 0, ±1, ∞ (Lavin &amp; Gray 2016): Bᵀ = [[1,0,−1,0],[0,1,1,0],[0,−1,1,0],[0,1,0,−1]],
/// G = [[1,0,0],[½,½,½],[½,−½,½],[0,0,1]], Aᵀ = [[1,1,1,0],[0,1,−1,−1]]. All coefficients are exact in float32, so its
/// error is that of the 16-term sums (about the direct convolution's).
/// </summary>
internal readonly unsafe struct WinogradF2 : IWinogradTile
{
    public static int M => 2;
    public static int Alpha => 4;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Input<TV>(float* s, nint ss, float* d, nint ds) where TV : unmanaged, ILanes<TV>
    {
        TV d0 = TV.Load(s), d1 = TV.Load(s + ss), d2 = TV.Load(s + 2 * ss), d3 = TV.Load(s + 3 * ss);
        TV.Store(d0 - d2, d);
        TV.Store(d1 + d2, d + ds);
        TV.Store(d2 - d1, d + 2 * ds);
        TV.Store(d1 - d3, d + 3 * ds);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Kernel<TV>(float* s, nint ss, float* d, nint ds) where TV : unmanaged, ILanes<TV>
    {
        TV g0 = TV.Load(s), g1 = TV.Load(s + ss), g2 = TV.Load(s + 2 * ss);
        TV e = (g0 + g2) * 0.5f, o = g1 * 0.5f;
        TV.Store(g0, d);
        TV.Store(e + o, d + ds);
        TV.Store(e - o, d + 2 * ds);
        TV.Store(g2, d + 3 * ds);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Output<TV>(float* s, nint ss, float* d, nint ds, TV bias) where TV : unmanaged, ILanes<TV>
    {
        TV m0 = TV.Load(s), m1 = TV.Load(s + ss), m2 = TV.Load(s + 2 * ss), m3 = TV.Load(s + 3 * ss);
        TV.Store(m0 + m1 + m2 + bias, d);
        TV.Store(m1 - m2 - m3 + bias, d + ds);
    }

    /// <summary>A·y for 2 gradients: [y0, y0 + y1, y0 − y1, −y1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GradOutput<TV>(float* s, nint ss, float* d, nint ds) where TV : unmanaged, ILanes<TV>
    {
        TV y0 = TV.Load(s), y1 = TV.Load(s + ss);
        TV.Store(y0, d);
        TV.Store(y0 + y1, d + ds);
        TV.Store(y0 - y1, d + 2 * ds);
        TV.Store(y1 * -1f, d + 3 * ds);
    }

    /// <summary>Gᵀ·u for 4 values: [u0 + ½(u1 + u2), ½(u1 − u2), ½(u1 + u2) + u3].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GradKernel<TV>(float* s, nint ss, float* d, nint ds) where TV : unmanaged, ILanes<TV>
    {
        TV u0 = TV.Load(s), u1 = TV.Load(s + ss), u2 = TV.Load(s + 2 * ss), u3 = TV.Load(s + 3 * ss);
        TV e = (u1 + u2) * 0.5f;
        TV.Store(u0 + e, d);
        TV.Store((u1 - u2) * 0.5f, d + ds);
        TV.Store(e + u3, d + 2 * ds);
    }
}

/// <summary>
/// F(4×4, 3×3) on the points 0, ±1, ±2, ∞ (Lavin &amp; Gray 2016): Bᵀ = [[4,0,−5,0,1,0],[0,−4,−4,1,1,0],[0,4,−4,−1,1,0],
/// [0,−2,−1,2,1,0],[0,2,−1,−2,1,0],[0,4,0,−5,0,1]], G = [[¼,0,0],[−⅙,−⅙,−⅙],[−⅙,⅙,−⅙],[1/24,1/12,⅙],[1/24,−1/12,⅙],[0,0,1]],
/// Aᵀ = [[1,1,1,1,1,0],[0,1,−1,2,−2,0],[0,1,1,4,4,0],[0,1,−1,8,−8,1]]. ⅙ and 1/12 are rounded in float32 and the
/// transforms amplify rounding (coefficients up to 8·5), so its error is about ten times the direct convolution's.
/// </summary>
internal readonly unsafe struct WinogradF4 : IWinogradTile
{
    public static int M => 4;
    public static int Alpha => 6;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Input<TV>(float* s, nint ss, float* d, nint ds) where TV : unmanaged, ILanes<TV>
    {
        TV d0 = TV.Load(s), d1 = TV.Load(s + ss), d2 = TV.Load(s + 2 * ss);
        TV d3 = TV.Load(s + 3 * ss), d4 = TV.Load(s + 4 * ss), d5 = TV.Load(s + 5 * ss);
        TV a = d4 - d2 * 4f, b = d3 - d1 * 4f, c = d4 - d2, e = (d3 - d1) * 2f;
        TV.Store(d0 * 4f - d2 * 5f + d4, d);
        TV.Store(a + b, d + ds);
        TV.Store(a - b, d + 2 * ds);
        TV.Store(c + e, d + 3 * ds);
        TV.Store(c - e, d + 4 * ds);
        TV.Store(d1 * 4f - d3 * 5f + d5, d + 5 * ds);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Kernel<TV>(float* s, nint ss, float* d, nint ds) where TV : unmanaged, ILanes<TV>
    {
        TV g0 = TV.Load(s), g1 = TV.Load(s + ss), g2 = TV.Load(s + 2 * ss);
        TV e = g0 + g2, f = g0 * (1f / 4) + g2;
        TV.Store(g0 * (1f / 4), d);
        TV.Store((e + g1) * (-1f / 6), d + ds);
        TV.Store((e - g1) * (-1f / 6), d + 2 * ds);
        TV.Store((f + g1 * 0.5f) * (1f / 6), d + 3 * ds);
        TV.Store((f - g1 * 0.5f) * (1f / 6), d + 4 * ds);
        TV.Store(g2, d + 5 * ds);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Output<TV>(float* s, nint ss, float* d, nint ds, TV bias) where TV : unmanaged, ILanes<TV>
    {
        TV m0 = TV.Load(s), m1 = TV.Load(s + ss), m2 = TV.Load(s + 2 * ss);
        TV m3 = TV.Load(s + 3 * ss), m4 = TV.Load(s + 4 * ss), m5 = TV.Load(s + 5 * ss);
        TV a = m1 + m2, b = m1 - m2, c = m3 + m4, e = m3 - m4;
        TV.Store(m0 + a + c + bias, d);
        TV.Store(b + e * 2f + bias, d + ds);
        TV.Store(a + c * 4f + bias, d + 2 * ds);
        TV.Store(b + e * 8f + m5 + bias, d + 3 * ds);
    }

    /// <summary>A·y for 4 gradients: [y0, y0 + y1 + y2 + y3, y0 − y1 + y2 − y3, y0 + 2y1 + 4y2 + 8y3, y0 − 2y1 + 4y2 − 8y3, y3].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GradOutput<TV>(float* s, nint ss, float* d, nint ds) where TV : unmanaged, ILanes<TV>
    {
        TV y0 = TV.Load(s), y1 = TV.Load(s + ss), y2 = TV.Load(s + 2 * ss), y3 = TV.Load(s + 3 * ss);
        TV p = y0 + y2, q = y1 + y3, r = y0 + y2 * 4f, t = y1 * 2f + y3 * 8f;
        TV.Store(y0, d);
        TV.Store(p + q, d + ds);
        TV.Store(p - q, d + 2 * ds);
        TV.Store(r + t, d + 3 * ds);
        TV.Store(r - t, d + 4 * ds);
        TV.Store(y3, d + 5 * ds);
    }

    /// <summary>Gᵀ·u for 6 values: [¼u0 − ⅙(u1 + u2) + (u3 + u4)/24, ⅙(u2 − u1) + (u3 − u4)/12, ⅙(u3 + u4 − u1 − u2) + u5].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GradKernel<TV>(float* s, nint ss, float* d, nint ds) where TV : unmanaged, ILanes<TV>
    {
        TV u0 = TV.Load(s), u1 = TV.Load(s + ss), u2 = TV.Load(s + 2 * ss);
        TV u3 = TV.Load(s + 3 * ss), u4 = TV.Load(s + 4 * ss), u5 = TV.Load(s + 5 * ss);
        TV a = u1 + u2, b = u2 - u1, c = u3 + u4, e = u3 - u4;
        TV.Store(u0 * (1f / 4) - a * (1f / 6) + c * (1f / 24), d);
        TV.Store(b * (1f / 6) + e * (1f / 12), d + ds);
        TV.Store((c - a) * (1f / 6) + u5, d + 2 * ds);
    }
}
