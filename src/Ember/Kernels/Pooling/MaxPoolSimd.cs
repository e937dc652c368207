using System.Buffers;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ember.Kernels;

/// <summary>
/// float32 max pooling over sliding windows with 16 outputs of a row per AVX-512 vector: each plane is copied into a
/// −inf-padded plane (so every tap is a plain or stride-2 load, with no bounds checks) and each lane walks its window
/// in PyTorch's order with PyTorch's rule (take a value greater than the maximum so far, or NaN), so values and indices
/// equal the scalar kernel's. A padding tap is −inf and never taken; a window with nothing above −inf reports its first
/// in-range position, as PyTorch does.
/// </summary>
internal static unsafe class MaxPoolSimd
{
    private const int Lanes = 16;

    /// <summary>Whether <see cref="Run"/> handles these axes: AVX-512, rows of at least 16 outputs, width stride 1 or 2.</summary>
    public static bool Supports(PoolAxis ah, PoolAxis aw) =>
        Avx512F.IsSupported && ah.Spec is not null && aw.Spec is { Stride: 1 or 2 } && aw.Out >= Lanes;

    /// <summary>y[p, oh, ow] = max of plane p's window (oh, ow); idx (when given) its flat position in the plane.</summary>
    public static void Run(float[] x, int xo, float[] y, long[]? idx, int planes, PoolAxis ah, PoolAxis aw)
    {
        var (kh, sh, ph, dh) = ah.Spec!.Value;
        var (kw, sw, pw, dw) = aw.Spec!.Value;
        int h = ah.In, w = aw.In, oh = ah.Out, ow = aw.Out;
        int hp = (int)Math.Max((long)h + ph, (long)(oh - 1) * sh + (long)(kh - 1) * dh + 1);
        // Room for the last vector's loads: 2·16 values from the last window start of a stride-2 row.
        int wp = (int)Math.Max((long)w + pw, (long)(ow - 1) * sw + (long)(kw - 1) * dw + 1) + 2 * Lanes;
        int padLen = hp * wp;
        int[] hFirst = ah.First, wFirst = aw.First;
        RowParallel.Rows(planes, (long)planes * Math.Max(h * w, oh * ow) * 2, (p0, len) =>
        {
            var pad = ArrayPool<float>.Shared.Rent(padLen);
            try
            {
                fixed (float* pp = pad)
                fixed (float* xp = x)
                fixed (float* yp = y)
                fixed (long* ip = idx)
                fixed (int* wf = wFirst)
                {
                    new Span<float>(pp, padLen).Fill(float.NegativeInfinity);
                    for (int p = p0; p < p0 + len; p++)
                    {
                        // Rows of a few vectors: inline copies rather than a memmove call per row.
                        float* plane = xp + xo + (long)p * h * w;
                        for (int r = 0; r < h; r++)
                            ConvColumns.CopyRow(plane + (long)r * w, pp + (long)(r + ph) * wp + pw, w, 1, plane + (long)h * w);
                        Plane(pp, wp, yp + (long)p * oh * ow, ip is null ? null : ip + (long)p * oh * ow, hFirst, wf,
                            h, w, oh, ow, kh, sh, ph, dh, kw, sw, pw, dw);
                    }
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(pad);
            }
        });
    }

    private static void Plane(float* pp, int wp, float* y, long* idx, int[] hFirst, int* wFirst,
        int h, int w, int oh, int ow, int kh, int sh, int ph, int dh, int kw, int sw, int pw, int dw)
    {
        var lane = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        var even = lane * 2;
        var ninf = Vector512.Create(float.NegativeInfinity);
        for (int o = 0; o < oh; o++)
        {
            int firstRow = hFirst[o] * w;
            for (int c0 = 0; c0 < ow; c0 += Lanes)
            {
                int c = Math.Min(c0, ow - Lanes); // the last vector overlaps the previous one
                var m = ninf;
                var at = Vector512.Load(wFirst + c) + Vector512.Create(firstRow);
                var colBase = (lane + Vector512.Create(c)) * sw; // input column of tap 0 (+ pw) for each lane
                for (int i = 0; i < kh; i++)
                {
                    int pr = o * sh + i * dh; // padded row
                    float* row = pp + (long)pr * wp + (long)c * sw;
                    var rowIdx = Vector512.Create((pr - ph) * w - pw);
                    for (int j = 0; j < kw; j++)
                    {
                        float* t = row + j * dw;
                        var v = sw == 1 ? Vector512.Load(t) : Avx512F.PermuteVar16x32x2(Vector512.Load(t), even, Vector512.Load(t + Lanes));
                        var take = Vector512.GreaterThan(v, m) | ~Vector512.Equals(v, v);
                        m = Vector512.ConditionalSelect(take, v, m);
                        if (idx is not null)
                            at = Vector512.ConditionalSelect(take.AsInt32(), rowIdx + colBase + Vector512.Create(j * dw), at);
                    }
                }
                Vector512.Store(m, y + (long)o * ow + c);
                if (idx is not null)
                {
                    long* d = idx + (long)o * ow + c;
                    Vector512.Store(Avx512F.ConvertToVector512Int64(at.GetLower()), d);
                    Vector512.Store(Avx512F.ConvertToVector512Int64(at.GetUpper()), d + 8);
                }
            }
        }
    }
}
