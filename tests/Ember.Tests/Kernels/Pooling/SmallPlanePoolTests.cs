using System.Runtime.Intrinsics.X86;
using Ember.Kernels;
using Xunit;
using PoolShape = Ember.Pooling;

namespace Ember.Tests.Kernels.Pooling;

/// <summary>
/// float32 max pooling of planes with rows of fewer than 16 outputs (<see cref="MaxPoolSmall"/>, the AVX-512 path of
/// LeNet's pools) against a naive loop with PyTorch's rule — take a value above the maximum so far, or NaN; report the
/// first in-range position when nothing beats −inf — over plane sides 1..33, kernels 1..3, strides 1..3, padding,
/// dilation and ceil mode, on values with ties, NaN and −inf: values (bits), indices, values without indices and input
/// gradients equal; and the same with 1 and 3 threads.
/// </summary>
[Collection("Gemm.NumThreads")]
public class SmallPlanePoolTests
{
    private static readonly int[] Heights = [1, 2, 3, 5, 7, 10, 14, 28, 33];

    /// <summary>Every geometry of the sweep: (H, W, kernel, stride, pad, dilation, ceil), each a valid max_pool2d.</summary>
    private static IEnumerable<(int H, int W, int K, int S, int P, int D, bool Ceil)> Geometries(int wFrom, int wTo)
    {
        foreach (int h in Heights)
            for (int w = wFrom; w <= wTo; w++)
                for (int k = 1; k <= 3; k++)
                    for (int s = 1; s <= 3; s++)
                        for (int p = 0; p <= k / 2; p++)
                            for (int d = 1; d <= 2; d++)
                                foreach (bool ceil in new[] { false, true })
                                {
                                    if (PoolShape.OutputLength(h, k, s, p, d, ceil) < 1 || PoolShape.OutputLength(w, k, s, p, d, ceil) < 1) continue;
                                    yield return (h, w, k, s, p, d, ceil);
                                }
    }

    /// <summary>Values with many ties, some NaN and −inf; the last plane is −inf only.</summary>
    private static float[] Data(int planes, int h, int w, int seed)
    {
        var rng = new Random(seed);
        var data = new float[planes * h * w];
        for (int i = 0; i < data.Length; i++)
        {
            int r = rng.Next(30);
            data[i] = r == 0 ? float.NaN : r == 1 ? -float.NaN : r == 2 ? float.NegativeInfinity : rng.Next(-4, 4);
        }
        for (int i = (planes - 1) * h * w; i < data.Length; i++) data[i] = float.NegativeInfinity;
        return data;
    }

    private static (float Value, long Index) Naive(float[] x, int off, int h, int w, int o, int q, int k, int s, int p, int d) =>
        Ember.Tests.NN.PoolMaxSimdTests.Naive(x, off, h, w, o, q, k, s, p, d);

    /// <summary>Checks the values (bit for bit), the indices and the values computed without indices of one geometry.</summary>
    private static void CheckForward(int h, int w, int k, int s, int p, int d, bool ceil, ref int small)
    {
        const int planes = 3;
        var data = Data(planes, h, w, h * 1000 + w * 10 + k);
        var x = Torch.FromArray(data).Reshape(planes, h, w);
        var (y, idx) = Torch.MaxPool2dWithIndices(x, (k, k), (s, s), (p, p), (d, d), ceil);
        var plain = Torch.MaxPool2d(x, (k, k), (s, s), (p, p), (d, d), ceil);
        int oh = y.Shape[1], ow = y.Shape[2];
        var yv = y.ToArray<float>();
        var pv = plain.ToArray<float>();
        var iv = idx.ToArray<long>();
        for (int c = 0; c < planes; c++)
            for (int o = 0; o < oh; o++)
                for (int q = 0; q < ow; q++)
                {
                    var (want, wantIdx) = Naive(data, c * h * w, h, w, o, q, k, s, p, d);
                    int at = (c * oh + o) * ow + q;
                    int wantBits = BitConverter.SingleToInt32Bits(want);
                    Assert.True(wantBits == BitConverter.SingleToInt32Bits(yv[at]) && wantIdx == iv[at] && wantBits == BitConverter.SingleToInt32Bits(pv[at]),
                        $"{h}x{w} k{k} s{s} p{p} d{d} ceil {ceil}, plane {c} ({o}, {q}): got {yv[at]} at {iv[at]} ({pv[at]} without indices), want {want} at {wantIdx}");
                }
        if (MaxPoolSmall.Supports(PoolAxis.Window(h, oh, k, s, p, d, false, false), PoolAxis.Window(w, ow, k, s, p, d, false, false))) small++;
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(9, 16)]
    [InlineData(17, 24)]
    [InlineData(25, 33)]
    public void ForwardEqualsTheNaiveLoop(int wFrom, int wTo)
    {
        int small = 0, all = 0;
        foreach (var (h, w, k, s, p, d, ceil) in Geometries(wFrom, wTo))
        {
            CheckForward(h, w, k, s, p, d, ceil, ref small);
            all++;
        }
        // most of these geometries take the small-plane path where the CPU has AVX-512
        if (Avx512F.IsSupported) Assert.True(small > all / 2, $"only {small} of {all} geometries took the small-plane path");
    }

    /// <summary>Wide planes with one or two outputs per row (a stride far larger than the kernel), in place, padded and in ceil mode.</summary>
    [Theory]
    [InlineData(3, 5000, 2, 6000, 0, 1, false)]
    [InlineData(3, 5000, 3, 6000, 1, 1, false)]
    [InlineData(4, 901, 3, 950, 1, 2, true)]
    [InlineData(1, 70, 2, 80, 0, 1, true)]
    [InlineData(2, 40, 2, 30, 0, 1, false)]
    public void WidePlanesWithFewOutputsPerRow(int h, int w, int k, int s, int p, int d, bool ceil)
    {
        int small = 0;
        CheckForward(h, w, k, s, p, d, ceil, ref small);
        if (Avx512F.IsSupported) Assert.Equal(1, small);
    }

    /// <summary>LeNet's and a few odd shapes, batched and not, through the module API.</summary>
    [Theory]
    [InlineData(4, 6, 28, 28, 2, 2, 0, 1, false)]
    [InlineData(5, 16, 10, 10, 2, 2, 0, 1, false)]
    [InlineData(1, 6, 28, 28, 2, 2, 0, 1, false)]
    [InlineData(1, 16, 10, 10, 2, 2, 0, 1, false)]
    [InlineData(2, 3, 9, 13, 3, 2, 1, 1, true)]
    [InlineData(3, 2, 15, 7, 2, 1, 1, 2, false)]
    [InlineData(2, 5, 31, 31, 3, 3, 1, 1, true)]
    [InlineData(2, 3, 9, 13, 2, 2, 0, 1, false)]
    [InlineData(2, 3, 31, 31, 3, 3, 0, 1, false)]
    [InlineData(1, 2, 5, 7, 1, 1, 0, 1, false)]
    [InlineData(1, 2, 3, 25, 1, 1, 0, 1, false)]
    [InlineData(1, 2, 9, 43, 4, 4, 0, 1, false)]
    [InlineData(2, 2, 70, 70, 2, 2, 0, 1, false)]
    [InlineData(1, 2, 7, 40, 5, 5, 0, 1, false)]
    [InlineData(1, 3, 9, 11, 2, 2, 0, 1, true)]
    public void GradientEqualsTheNaiveScatter(int n, int ch, int h, int w, int k, int s, int p, int d, bool ceil)
    {
        var data = Data(n * ch, h, w, n * 7 + ch * 3 + h);
        // no NaN in a gradient test: every position gets a finite value
        for (int i = 0; i < data.Length; i++) if (float.IsNaN(data[i])) data[i] = 2.5f;
        var x = Torch.FromArray(data).Reshape(n, ch, h, w).RequiresGrad_();
        var pool = new Ember.NN.MaxPool2d((k, k), (s, s), (p, p), (d, d), ceil);
        var y = pool.Call(x);
        int oh = y.Shape[2], ow = y.Shape[3];
        var g = new float[y.Numel];
        for (int i = 0; i < g.Length; i++) g[i] = i == 1 ? -0f : (float)Math.Cos(i * 0.7); // a −0 gradient lands as +0
        y.Backward(Torch.FromArray(g).Reshape(y.ShapeArray));
        var dx = x.Grad!.ToArray<float>();
        var want = new float[data.Length];
        var yv = y.ToArray<float>();
        for (int c = 0; c < n * ch; c++)
            for (int o = 0; o < oh; o++)
                for (int q = 0; q < ow; q++)
                {
                    var (v, at) = Naive(data, c * h * w, h, w, o, q, k, s, p, d);
                    int j = (c * oh + o) * ow + q;
                    Assert.Equal(v, yv[j]);
                    want[c * h * w + at] += g[j];
                }
        for (int i = 0; i < want.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(want[i]) == BitConverter.SingleToInt32Bits(dx[i]), $"dx[{i}]: got {dx[i]}, want {want[i]}");
    }

    /// <summary>The kernel on an array that ends with the last plane (its last rows are read with masked loads).</summary>
    [Theory]
    [InlineData(28, 28, 2, 2, 0, 1)]
    [InlineData(10, 10, 2, 2, 0, 1)]
    [InlineData(5, 7, 3, 1, 0, 1)]
    [InlineData(4, 4, 1, 3, 0, 1)]
    [InlineData(6, 9, 2, 1, 0, 2)]
    public void KernelReadsNothingPastTheInput(int h, int w, int k, int s, int p, int d)
    {
        const int planes = 2;
        var data = Data(planes + 1, h, w, h + w)[..(planes * h * w)];
        int oh = (int)PoolShape.OutputLength(h, k, s, p, d, false), ow = (int)PoolShape.OutputLength(w, k, s, p, d, false);
        var ah = PoolAxis.Window(h, oh, k, s, p, d, false, false);
        var aw = PoolAxis.Window(w, ow, k, s, p, d, false, false);
        if (!MaxPoolSmall.Supports(ah, aw)) return; // no AVX-512
        var y = new float[planes * oh * ow];
        var idx = new long[planes * oh * ow];
        MaxPoolSmall.Run(data, 0, y, idx, planes, ah, aw);
        // the same planes one value further into a longer array
        var shifted = new float[data.Length + 1];
        data.CopyTo(shifted, 1);
        var y2 = new float[y.Length];
        MaxPoolSmall.Run(shifted, 1, y2, null, planes, ah, aw);
        for (int c = 0; c < planes; c++)
            for (int o = 0; o < oh; o++)
                for (int q = 0; q < ow; q++)
                {
                    var (want, wantIdx) = Naive(data, c * h * w, h, w, o, q, k, s, p, d);
                    int at = (c * oh + o) * ow + q;
                    Assert.True(want.Equals(y[at]) && wantIdx == idx[at] && want.Equals(y2[at]),
                        $"plane {c} ({o}, {q}): got {y[at]} at {idx[at]} ({y2[at]} shifted), want {want} at {wantIdx}");
                }
    }

    [Fact]
    public void ResultsDoNotDependOnTheThreadCount()
    {
        var data = Data(256 * 6, 28, 28, 11);
        var x = Torch.FromArray(data).Reshape(256, 6, 28, 28);
        int saved = Threading.NumThreads;
        try
        {
            Threading.NumThreads = 1;
            var (y1, i1) = Torch.MaxPool2dWithIndices(x, 2, 2);
            Threading.NumThreads = 3;
            var (y3, i3) = Torch.MaxPool2dWithIndices(x, 2, 2);
            Assert.Equal(i1.ToArray<long>(), i3.ToArray<long>());
            Assert.Equal(y1.ToArray<float>().Select(BitConverter.SingleToInt32Bits), y3.ToArray<float>().Select(BitConverter.SingleToInt32Bits));
            var (want, wantIdx) = Naive(data, 1535 * 784, 28, 28, 13, 13, 2, 2, 0, 1);
            Assert.Equal(wantIdx, i3.ToArray<long>()[^1]);
            Assert.Equal(want, y3.ToArray<float>()[^1]);
        }
        finally
        {
            Threading.NumThreads = saved;
        }
    }

    /// <summary>
    /// Global average pooling (adaptive_avg_pool2d(x, 1), and avg_pool2d with the plane as its kernel, with and without a
    /// divisor override) sums each row
    /// from zero, then the row sums from zero, and divides once, as the general window loop does: values where the order
    /// matters (1e8 + 1 − 1e8), −0 and NaN give the same bits; the backward fills each plane with 0 + g / divisor.
    /// </summary>
    [Theory]
    [InlineData(16, 512, 2, 2)]
    [InlineData(3, 5, 1, 1)]
    [InlineData(2, 3, 7, 5)]
    [InlineData(1, 4, 3, 1)]
    [InlineData(2, 2, 1, 6)]
    public void GlobalAveragePoolingSumsRowByRow(int n, int c, int h, int w)
    {
        float[] pool = [1e8f, -1e8f, 1f, 0.1f, -0f, 3f, -7.5f];
        var rng = new Random(n + c + h + w);
        var data = new float[n * c * h * w];
        for (int i = 0; i < data.Length; i++) data[i] = pool[rng.Next(pool.Length)];
        for (int i = 0; i < h * w; i++) data[i] = -0f; // a plane of −0: its mean is +0
        if (data.Length > 2 * h * w) data[h * w + h * w / 2] = float.NaN;
        var g = new float[n * c];
        for (int i = 0; i < g.Length; i++) g[i] = i == 1 ? -0f : (float)Math.Cos(i * 0.7) * 3;
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            for (int api = 0; api < 3; api++)
            {
                var x = Torch.FromArray(data).To(dtype).Reshape(n, c, h, w).Detach().RequiresGrad_();
                var y = api switch
                {
                    0 => Torch.AdaptiveAvgPool2d(x, 1),
                    1 => Torch.AvgPool2d(x, (h, w)),
                    _ => Torch.AvgPool2d(x, (h, w), divisorOverride: 3),
                };
                int div = api == 2 ? 3 : h * w;
                y.Backward(Torch.FromArray(g).To(dtype).Reshape(n, c, 1, 1));
                var yv = y.To(DType.Float64).ToArray<double>();
                var dx = x.Grad!.To(DType.Float64).ToArray<double>();
                for (int p = 0; p < n * c; p++)
                {
                    double want, grad;
                    if (dtype == DType.Float32)
                    {
                        float acc = 0;
                        for (int r = 0; r < h; r++)
                        {
                            float racc = 0;
                            for (int q = 0; q < w; q++) racc += data[(p * h + r) * w + q];
                            acc += racc;
                        }
                        want = acc / (float)div;
                        grad = 0f + g[p] / (float)div;
                    }
                    else
                    {
                        double acc = 0;
                        for (int r = 0; r < h; r++)
                        {
                            double racc = 0;
                            for (int q = 0; q < w; q++) racc += data[(p * h + r) * w + q];
                            acc += racc;
                        }
                        want = acc / div;
                        grad = 0d + (double)g[p] / div;
                    }
                    Assert.True(BitConverter.DoubleToInt64Bits(want) == BitConverter.DoubleToInt64Bits(yv[p]), $"{dtype} api {api} plane {p}: got {yv[p]}, want {want}");
                    for (int e = 0; e < h * w; e++)
                        Assert.True(BitConverter.DoubleToInt64Bits(grad) == BitConverter.DoubleToInt64Bits(dx[p * h * w + e]),
                            $"{dtype} api {api} dx plane {p} element {e}: got {dx[p * h * w + e]}, want {grad}");
                }
            }
    }
}
