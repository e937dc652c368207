using System.Numerics;
using Ember.Kernels;
using Xunit;

namespace Ember.Tests.Kernels;

/// <summary>im2col and col2im against naive loops over geometries that reach every path: rows of 1 … 40 columns
/// (the overlapping-vector tails), strides 1–3 (the stride-2 permute), dilation, asymmetric implied padding, several
/// samples sharing one column matrix, float and double.</summary>
public class ConvColumnsTests
{
    public static IEnumerable<object[]> Geometries()
    {
        // C, H, W, KH, KW, S, P, D
        int[][] cases =
        [
            [1, 1, 1, 1, 1, 1, 0, 1], [3, 5, 7, 3, 3, 1, 1, 1], [2, 4, 4, 3, 3, 1, 1, 1], [2, 2, 2, 3, 3, 1, 1, 1],
            [1, 9, 40, 3, 3, 1, 1, 1], [1, 9, 33, 2, 2, 1, 0, 1], [3, 20, 70, 7, 7, 2, 3, 1], [2, 8, 40, 1, 1, 2, 0, 1],
            [2, 9, 37, 3, 3, 2, 1, 1], [1, 11, 50, 3, 5, 3, 2, 2], [2, 6, 19, 3, 3, 1, 2, 2], [1, 7, 17, 4, 4, 2, 0, 1],
            [2, 3, 64, 1, 3, 2, 1, 1],
        ];
        foreach (var c in cases) { yield return [c, false]; yield return [c, true]; }
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Im2ColAndCol2ImEqualNaiveLoops(int[] c, bool dbl)
    {
        if (dbl) Check<double>(c); else Check<float>(c);
    }

    private static void Check<T>(int[] c) where T : unmanaged, INumber<T>
    {
        int C = c[0], H = c[1], W = c[2], KH = c[3], KW = c[4], S = c[5], P = c[6], D = c[7];
        int OH = (H + 2 * P - D * (KH - 1) - 1) / S + 1, OW = (W + 2 * P - D * (KW - 1) - 1) / S + 1;
        const int samples = 3;
        var g = new ConvGeometry(samples, C, H, W, 1, KH, KW, S, S, P, P, D, D, 1, OH, OW);
        var rng = new Random(C * 1000 + W);
        var x = new T[samples * C * H * W];
        for (int i = 0; i < x.Length; i++) x[i] = T.CreateChecked(rng.Next(-50, 50));
        int ld = samples * g.OHW;
        var cols = new T[g.K * ld];
        var pad = new T[ConvColumns.PaddedLength(g)];
        for (int s = 0; s < samples; s++)
            ConvColumns.Im2Col<T>(x.AsSpan(s * C * H * W, C * H * W), cols.AsSpan(s * g.OHW), ld, g, pad);
        for (int s = 0; s < samples; s++)
            for (int ch = 0; ch < C; ch++)
                for (int i = 0; i < KH; i++)
                    for (int j = 0; j < KW; j++)
                        for (int oh = 0; oh < OH; oh++)
                            for (int ow = 0; ow < OW; ow++)
                            {
                                int ih = oh * S - P + i * D, iw = ow * S - P + j * D;
                                T want = ih < 0 || ih >= H || iw < 0 || iw >= W ? T.Zero : x[((s * C + ch) * H + ih) * W + iw];
                                T got = cols[((ch * KH + i) * KW + j) * ld + s * g.OHW + oh * OW + ow];
                                Assert.True(want == got, $"im2col [{string.Join(",", c)}] s{s} c{ch} i{i} j{j} oh{oh} ow{ow}: {got} != {want}");
                            }

        // col2im of random columns equals the naive scatter-add, and overwrites its output.
        for (int i = 0; i < cols.Length; i++) cols[i] = T.CreateChecked(rng.Next(-50, 50));
        var back = new T[x.Length];
        Array.Fill(back, T.CreateChecked(777));
        for (int s = 0; s < samples; s++)
            ConvColumns.Col2Im<T>(cols.AsSpan(s * g.OHW), back.AsSpan(s * C * H * W, C * H * W), ld, g, pad);
        var want2 = new T[x.Length];
        for (int s = 0; s < samples; s++)
            for (int ch = 0; ch < C; ch++)
                for (int i = 0; i < KH; i++)
                    for (int j = 0; j < KW; j++)
                        for (int oh = 0; oh < OH; oh++)
                            for (int ow = 0; ow < OW; ow++)
                            {
                                int ih = oh * S - P + i * D, iw = ow * S - P + j * D;
                                if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                                want2[((s * C + ch) * H + ih) * W + iw] += cols[((ch * KH + i) * KW + j) * ld + s * g.OHW + oh * OW + ow];
                            }
        Assert.Equal(want2, back);
    }
}
