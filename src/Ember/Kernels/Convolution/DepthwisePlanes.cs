using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ember.Kernels;

/// <summary>The zero-padded source planes of <see cref="DepthwiseConv"/>.</summary>
internal static unsafe partial class DepthwiseConv
{
    /// <summary>
    /// Source plane src (h × w) into the sub-planes of dst: sub-plane (a, b) holds (r, q) = src[SH·r + a − pt, SW·q + b − pl],
    /// zero outside, and the slack after the last sub-plane is cleared. Rows are written in order, each from its start;
    /// whole-vector copies and zeroing may run past a piece of a row into what is written after it.
    /// </summary>
    private static void Split(float* src, float* srcEnd, int h, int w, int pt, int pl, int sh, int sw, float* dst, in Layout l)
    {
        int wq = l.Wq;
        for (int a = 0; a < sh; a++)
            for (int b = 0; b < sw; b++)
            {
                float* sub = dst + (long)(a * sw + b) * l.SubLen;
                int q0 = Math.Max(0, CeilDiv(pl - b, sw)), q1 = Math.Min(wq, FloorDiv(w - 1 + pl - b, sw) + 1);
                for (int r = 0; r < l.Hq; r++)
                {
                    float* row = sub + (long)r * wq;
                    int sr = sh * r + a - pt;
                    if (sr < 0 || sr >= h || q1 <= q0) { Zero(row, wq); continue; }
                    Zero(row, q0);
                    Gather(src + (long)sr * w + sw * q0 + b - pl, srcEnd, sw, row + q0, q1 - q0);
                    Zero(row + q1, wq - q1);
                }
            }
        ClearSlack(dst, l);
    }

    /// <summary>
    /// Plane src (oh × ow) of dy zero-inserted by the stride and placed at (top, left) of dst (Hq × Wq): dst(r, q) =
    /// src[(r − top)/SH, (q − left)/SW] where both divide exactly, else zero.
    /// </summary>
    private static void Upsample(float* src, float* srcEnd, int oh, int ow, int top, int left, int sh, int sw, float* dst, in Layout l)
    {
        int wq = l.Wq;
        int q0 = Math.Max(0, left), q1 = Math.Min(wq, left + ow);
        int b0 = Math.Max(0, CeilDiv(-left, sw)), b1 = Math.Min(ow, FloorDiv(wq - 1 - left, sw) + 1);
        for (int r = 0; r < l.Hq; r++)
        {
            float* row = dst + (long)r * wq;
            int u = r - top;
            if (u < 0 || u % sh != 0 || u / sh >= oh) { Zero(row, wq); continue; }
            float* s = src + (long)(u / sh) * ow;
            if (sw == 1)
            {
                if (q1 <= q0) { Zero(row, wq); continue; }
                Zero(row, q0);
                Gather(s + q0 - left, srcEnd, 1, row + q0, q1 - q0);
                Zero(row + q1, wq - q1);
            }
            else
            {
                Zero(row, wq);
                int b = b0;
                if (sw == 2)
                {
                    // 16 values of dy and 16 zeros interleaved into two vectors; the last lane (a zero) may land on the
                    // next row's first float, written after this row.
                    var lo = Vector512.Create(0, 16, 1, 16, 2, 16, 3, 16, 4, 16, 5, 16, 6, 16, 7, 16);
                    var hi = Vector512.Create(8, 16, 9, 16, 10, 16, 11, 16, 12, 16, 13, 16, 14, 16, 15, 16);
                    for (; b + Lanes <= b1; b += Lanes)
                    {
                        var v = Vector512.Load(s + b);
                        float* d = row + left + 2 * b;
                        Vector512.Store(Avx512F.PermuteVar16x32x2(v, lo, Vector512<float>.Zero), d);
                        Vector512.Store(Avx512F.PermuteVar16x32x2(v, hi, Vector512<float>.Zero), d + Lanes);
                    }
                }
                for (; b < b1; b++) row[left + sw * b] = s[b];
            }
        }
    }

    private static void ClearSlack(float* dst, in Layout l) => Vector512.Store(Vector512<float>.Zero, dst + l.Length - Lanes);

    /// <summary>dst[k] = src[stride·k] for k &lt; count; whole vectors while the source array lasts (they may store up to
    /// 15 floats past count).</summary>
    private static void Gather(float* src, float* srcEnd, int stride, float* dst, int count)
    {
        int k = 0;
        if (stride == 1)
            for (; k < count && src + k + Lanes <= srcEnd; k += Lanes) Vector512.Store(Vector512.Load(src + k), dst + k);
        else if (stride == 2)
        {
            var even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
            for (; k < count && src + 2 * k + 2 * Lanes <= srcEnd; k += Lanes)
                Vector512.Store(Avx512F.PermuteVar16x32x2(Vector512.Load(src + 2 * k), even, Vector512.Load(src + 2 * k + Lanes)), dst + k);
        }
        for (; k < count; k++) dst[k] = src[(long)stride * k];
    }

    /// <summary>p[0 … n) = 0 by whole vectors (up to 15 floats past n are zeroed too: rows are written in order, so they
    /// land where the row's data or later rows are written next, or in the slack).</summary>
    private static void Zero(float* p, int n)
    {
        for (int k = 0; k < n; k += Lanes) Vector512.Store(Vector512<float>.Zero, p + k);
    }

    private static int CeilDiv(int a, int b) => a <= 0 ? -(-a / b) : (a + b - 1) / b;

    private static int FloorDiv(int a, int b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
