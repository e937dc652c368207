using System.Numerics;
using Ember.Kernels;
using Xunit;

namespace Ember.Tests.Kernels;

/// <summary>im2col and col2im against naive loops over geometries that reach every path: rows of 1 … 40 columns
/// (the overlapping-vector tails), strides 1–3 (the stride-2 permute, and the masked permutes of stride-2 rows of 4 to
/// 15), dilation, asymmetric implied padding, one sample or several sharing one column matrix, small planes (the
/// whole-plane permutes of <see cref="SmallPlaneColumns"/>), float and double.</summary>
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
        foreach (var c in cases) { yield return [c, false, 3]; yield return [c, true, 3]; yield return [c, false, 1]; }
    }

    /// <summary>Stride-2 rows of every width from 1 to 24 columns (W up to 48), padded and unpadded.</summary>
    public static IEnumerable<object[]> StrideTwoRows()
    {
        for (int w = 1; w <= 48; w++)
        {
            yield return [new[] { 2, 5, w, 3, 3, 2, 1, 1 }, false, 2];
            yield return [new[] { 2, 3, w, 1, 1, 2, 0, 1 }, false, 1];
        }
    }

    /// <summary>Planes of at most 32 input and 16 output pixels: kernels 1–5, strides 1–3, paddings 0–3, dilation 2,
    /// rectangles, a plane whose outputs all fall in the padding.</summary>
    public static IEnumerable<object[]> SmallPlanes()
    {
        int[][] cases =
        [
            [3, 4, 4, 3, 3, 1, 1, 1], [5, 2, 2, 3, 3, 1, 1, 1], [4, 1, 1, 3, 3, 1, 1, 1], [2, 4, 4, 3, 3, 2, 1, 1],
            [2, 8, 4, 3, 3, 2, 1, 1], [3, 4, 8, 1, 1, 2, 0, 1], [2, 4, 4, 5, 5, 1, 2, 1], [2, 3, 3, 5, 5, 1, 2, 1],
            [2, 4, 4, 3, 3, 1, 2, 2], [1, 2, 3, 2, 2, 1, 0, 1], [3, 6, 5, 3, 3, 3, 1, 1], [2, 1, 32, 1, 3, 3, 1, 1],
            [17, 4, 4, 3, 3, 1, 1, 1], [2, 2, 2, 1, 1, 1, 1, 1], [2, 1, 1, 1, 1, 3, 2, 1],
        ];
        foreach (var c in cases) { yield return [c, false, 1]; yield return [c, false, 2]; }
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    [MemberData(nameof(StrideTwoRows))]
    [MemberData(nameof(SmallPlanes))]
    public void Im2ColAndCol2ImEqualNaiveLoops(int[] c, bool dbl, int samples)
    {
        if (dbl) Check<double>(c, samples); else Check<float>(c, samples);
    }

    [Theory]
    [MemberData(nameof(SmallPlanes))]
    public void SmallPlanesTakeTheWholePlanePermutesAndGiveTheRowCopiesBits(int[] c, bool dbl, int samples)
    {
        _ = dbl;
        int C = c[0], H = c[1], W = c[2], KH = c[3], KW = c[4], S = c[5], P = c[6], D = c[7];
        int OH = (H + 2 * P - D * (KH - 1) - 1) / S + 1, OW = (W + 2 * P - D * (KW - 1) - 1) / S + 1;
        var g = new ConvGeometry(samples, C, H, W, 1, KH, KW, S, S, P, P, D, D, 1, OH, OW);
        if (System.Runtime.Intrinsics.X86.Avx512F.IsSupported) Assert.True(SmallPlaneColumns.Applies(g));
        // Signed zeros, infinities and a NaN payload go through bit for bit; the padding is +0 on both paths.
        float[] specials = [-0f, 0f, float.PositiveInfinity, float.NegativeInfinity, BitConverter.Int32BitsToSingle(0x7FC01234), 1.5f, -2.25f];
        var rng = new Random(C * 7 + W);
        var x = new float[samples * C * H * W];
        for (int i = 0; i < x.Length; i++) x[i] = specials[rng.Next(specials.Length)];
        int ld = samples * g.OHW;
        float[] Columns(bool permutes)
        {
            var cols = new float[g.K * ld + 5];
            Array.Fill(cols, 42f);
            var pad = new float[ConvColumns.PaddedLength(g)];
            bool was = SmallPlaneColumns.Enabled;
            SmallPlaneColumns.Enabled = permutes;
            try
            {
                for (int s = 0; s < samples; s++)
                    ConvColumns.Im2Col<float>(x.AsSpan(s * C * H * W, C * H * W), cols.AsSpan(s * g.OHW, g.K * ld - s * g.OHW), ld, g, pad);
            }
            finally { SmallPlaneColumns.Enabled = was; }
            return cols;
        }
        var got = Columns(true);
        var want = Columns(false);
        for (int i = 0; i < got.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(want[i]) == BitConverter.SingleToInt32Bits(got[i]),
                $"[{string.Join(",", c)}] x{samples} element {i}: {got[i]} != {want[i]}");
    }

    private static void Check<T>(int[] c, int samples) where T : unmanaged, INumber<T>
    {
        int C = c[0], H = c[1], W = c[2], KH = c[3], KW = c[4], S = c[5], P = c[6], D = c[7];
        int OH = (H + 2 * P - D * (KH - 1) - 1) / S + 1, OW = (W + 2 * P - D * (KW - 1) - 1) / S + 1;
        var g = new ConvGeometry(samples, C, H, W, 1, KH, KW, S, S, P, P, D, D, 1, OH, OW);
        var rng = new Random(C * 1000 + W);
        var x = new T[samples * C * H * W];
        for (int i = 0; i < x.Length; i++) x[i] = T.CreateChecked(rng.Next(-50, 50));
        int ld = samples * g.OHW;
        // A sentinel past the matrix: nothing may be written beyond its last row.
        var cols = new T[g.K * ld + 17];
        Array.Fill(cols, T.CreateChecked(999));
        var pad = new T[ConvColumns.PaddedLength(g)];
        for (int s = 0; s < samples; s++)
            ConvColumns.Im2Col<T>(x.AsSpan(s * C * H * W, C * H * W), cols.AsSpan(s * g.OHW, g.K * ld - s * g.OHW), ld, g, pad);
        for (int i = g.K * ld; i < cols.Length; i++) Assert.Equal(T.CreateChecked(999), cols[i]);
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
            ConvColumns.Col2Im<T>(cols.AsSpan(s * g.OHW, g.K * ld - s * g.OHW), back.AsSpan(s * C * H * W, C * H * W), ld, g, pad);
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
