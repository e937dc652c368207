using Xunit;

namespace Ember.Tests.NN;

/// <summary>
/// float32 max pooling over rows of 16 or more outputs (the AVX-512 kernel where the CPU has it) against a naive loop
/// with PyTorch's rule — take a value above the maximum so far, or NaN; report the first in-range position when nothing
/// beats −inf — on values with ties, NaN and −inf, strides 1 and 2, padding, dilation and ceil mode, and the same
/// shapes in float64 (the scalar kernel): values and indices equal.
/// </summary>
public class PoolMaxSimdTests
{
    public static IEnumerable<object[]> Cases()
    {
        // H, W, kernel, stride, pad, dilation, ceil
        yield return [32, 32, 3, 2, 1, 1, false];  // ResNet's stem pooling
        yield return [9, 40, 3, 1, 1, 1, false];
        yield return [7, 37, 2, 2, 0, 1, true];
        yield return [8, 35, 3, 2, 1, 2, true];
        yield return [5, 16, 1, 1, 0, 1, false];
        yield return [6, 70, 5, 2, 2, 1, false];
        yield return [3, 33, 4, 1, 2, 1, true];
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EqualsTheNaiveLoop(int h, int w, int k, int s, int p, int d, bool ceil)
    {
        const int planes = 3;
        var rng = new Random(h * 100 + w);
        var data = new float[planes * h * w];
        for (int i = 0; i < data.Length; i++)
        {
            int r = rng.Next(40);
            data[i] = r == 0 ? float.NaN : r == 1 ? float.NegativeInfinity : rng.Next(-6, 6); // many ties
        }
        // A plane of −inf only: every window reports its first in-range position.
        for (int i = 2 * h * w; i < 3 * h * w; i++) data[i] = float.NegativeInfinity;
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var x = Torch.FromArray(data).To(dtype).Reshape(1, planes, h, w);
            var (y, idx) = Torch.MaxPool2dWithIndices(x, (k, k), (s, s), (p, p), (d, d), ceil);
            int oh = y.Shape[2], ow = y.Shape[3];
            var yv = y.To(DType.Float64).ToArray<double>();
            var iv = idx.ToArray<long>();
            for (int c = 0; c < planes; c++)
                for (int o = 0; o < oh; o++)
                    for (int q = 0; q < ow; q++)
                    {
                        var (want, wantIdx) = Naive(data, c * h * w, h, w, o, q, k, s, p, d);
                        int at = (c * oh + o) * ow + q;
                        Assert.True(want.Equals((float)yv[at]) && wantIdx == iv[at],
                            $"{dtype} plane {c} ({o}, {q}): got {yv[at]} at {iv[at]}, want {want} at {wantIdx}");
                    }
        }
    }

    /// <summary>Max pooling output (o, q) of the plane at x[off …] [h, w] (kernel k, stride s, padding p, dilation d), and its
    /// flat index, by PyTorch's rule: a value above the maximum so far, or NaN, is taken.</summary>
    internal static (float Value, long Index) Naive(float[] x, int off, int h, int w, int o, int q, int k, int s, int p, int d)
    {
        int h0 = o * s - p, w0 = q * s - p;
        while (h0 < 0) h0 += d;
        while (w0 < 0) w0 += d;
        float m = float.NegativeInfinity;
        long mi = (long)h0 * w + w0;
        for (int ih = h0; ih < Math.Min(o * s - p + (k - 1) * d + 1, h); ih += d)
            for (int iw = w0; iw < Math.Min(q * s - p + (k - 1) * d + 1, w); iw += d)
            {
                float v = x[off + ih * w + iw];
                if (v > m || float.IsNaN(v)) { m = v; mi = (long)ih * w + iw; }
            }
        return (m, mi);
    }
}
