namespace Ember.Tests.Ops;

/// <summary>
/// float32 reductions are accurate like PyTorch's cascade sums: long sums of equal terms, along either
/// dimension, contiguous or not, and random large tensors against PyTorch 1.13 (float32 and float64).
/// </summary>
public class ReductionAccuracyTests
{
    /// <summary>
    /// n float32 values k/2^24 − 0.25 from a 32-bit integer hash of the index (the same data is made in
    /// PyTorch for the reference values below).
    /// </summary>
    internal static float[] Data(int n, int seed)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++)
        {
            ulong h = ((ulong)i + (ulong)seed * 0x9E3779B9UL) * 2654435761UL & 0xFFFFFFFFUL;
            h ^= h >> 16;
            h = h * 2246822519UL & 0xFFFFFFFFUL;
            h ^= h >> 13;
            a[i] = (float)((h >> 8) * (1.0 / 16777216) - 0.25);
        }
        return a;
    }

    private const int N = 1_000_000;
    private const float Tenth = 0.1f;

    /// <summary>A [rows, cols] float32 tensor whose value depends only on the index along <paramref name="dim"/>.</summary>
    private static Tensor Pattern(int rows, int cols, int dim, Func<int, float> value)
    {
        var a = new float[rows * cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) a[r * cols + c] = value(dim == 0 ? r : c);
        return Torch.FromArray(a, rows, cols);
    }

    /// <summary>The same values stored transposed: a non-contiguous [rows, cols] view.</summary>
    private static Tensor Transposed(Tensor x) => x.T.Contiguous().T;

    private static void Rel(double expected, Tensor actual, double tol = 1e-6)
    {
        foreach (var v in actual.ToArray<float>())
            Assert.True(Math.Abs(v - expected) <= tol * Math.Abs(expected), $"expected {expected:R}, got {v:R} (relative error {Math.Abs(v - expected) / Math.Abs(expected):E2})");
    }

    [Fact]
    public void MillionTenthsSumToOneHundredThousand()
    {
        var x = Torch.Full(new Size(N), Tenth);
        Rel(100000, x.Sum());
        Rel(0.1, x.Mean());
        Rel(Math.Sqrt(N * ((double)Tenth * Tenth)), x.Norm());
        Rel(N * (double)Tenth, x.Norm(1));
        Rel(Math.Pow(N * Math.Pow(Tenth, 3), 1.0 / 3), x.Norm(3));
        Assert.Equal((float)N, x.Norm(0).Item<float>());
        // The mean is within a few ulps of 0.1f, so the variance is ~0 (PyTorch: 5.6e-17, std 7.5e-9).
        Assert.InRange(x.Var().Item<float>(), 0, 1e-15f);
        Assert.InRange(x.Std().Item<float>(), 0, 4e-8f);
        Rel(Math.Log(N) + Tenth, x.LogSumExp(0));
    }

    [Fact]
    public void MillionTenthsAlongEitherDimension()
    {
        foreach (var (rows, cols, dim) in new[] { (N, 3, 0), (2, N, 1), (N / 100, 100, 0), (N / 2048, 2048, 0), (100, N / 100, 1) })
        {
            var x = Pattern(rows, cols, dim, _ => Tenth);
            foreach (var input in new[] { x, Transposed(x) })
            {
                int len = dim == 0 ? rows : cols;
                Rel(len * 0.1, input.Sum(dim));
                Rel(0.1, input.Mean(dim));
                Rel(Math.Sqrt(len * ((double)Tenth * Tenth)), input.Norm(2, dim));
                Rel(len * (double)Tenth, input.Norm(1, dim));
                Rel(Math.Log(len) + Tenth, input.LogSumExp(dim), 2e-6);
            }
        }
    }

    [Fact]
    public void VarianceOfAMillionAlternatingValues()
    {
        // Half 0.1f, half 0.3f: mean (a + b) / 2, unbiased variance n / (n − 1) · ((a − b) / 2)².
        const float a = 0.1f, b = 0.3f;
        foreach (var (rows, cols, dim) in new[] { (N, 3, 0), (3, N, 1), (N / 1000, 1000, 0) })
        {
            int len = dim == 0 ? rows : cols;
            double half = ((double)a - b) / 2, v = (double)len / (len - 1) * half * half;
            var x = Pattern(rows, cols, dim, i => i % 2 == 0 ? a : b);
            foreach (var input in new[] { x, Transposed(x) })
            {
                Rel(((double)a + b) / 2, input.Mean(dim));
                Rel(v, input.Var(dim));
                Rel(Math.Sqrt(v), input.Std(dim));
                Rel(half * half, input.Var(dim, correction: 0));
            }
        }
    }

    // Data shared with PyTorch: a 32-bit integer hash of the index mapped to k/2^24 − 0.25 (exact in float32).
    // Expected values: PyTorch 1.13's float32 result, then the float64 result of the same float32 data.

    [Fact]
    public void RandomMillionMatchesPyTorch()
    {
        var x = Torch.FromArray(Data(N, 1), N);
        Assert.Equal([-0.07562559843063354f, -0.20054221153259277f, -0.20816570520401f, 0.052328526973724365f, 0.3243372440338135f], x.ToArray<float>()[..5]);
        Check(x.Sum(), [249833.578125f], [249833.59280449152]);
        Check(x.Mean(), [0.2498335838317871f], [0.24983359280449152]);
        Check(x.Var(), [0.08322947472333908f], [0.08322947320807424]);
        Check(x.Std(), [0.28849518299102783f], [0.2884951874955183]);
        Check(x.Norm(), [381.632568359375f], [381.6362326513033]); // PyTorch 1.13's float32 norm is 1e-5 off
        Check(x.LogSumExp(0), [14.106623649597168f], [14.106623482971088]);
    }

    private static readonly int[] Picked = [0, 7, 150, 299];

    [Fact]
    public void RandomColumnsMatchPyTorch()
    {
        var m = Torch.FromArray(Data(4096 * 300, 2), 4096, 300);
        foreach (var input in new[] { m, Transposed(m) })
        {
            Check(Pick(input.Sum(0)), [1031.752197265625f, 1038.057861328125f, 999.2755737304688f, 1005.7054443359375f], [1031.7521545886993, 1038.0579375624657, 999.275532245636, 1005.7053984999657]);
            Check(Pick(input.Var(0)), [0.08260263502597809f, 0.08267060667276382f, 0.08354265242815018f, 0.08386192470788956f], [0.08260263825673331, 0.08267060479624228, 0.08354265063129264, 0.08386192551833017]);
            Check(Pick(input.Norm(2, 0)), [24.45708656311035f, 24.527816772460938f, 24.205236434936523f, 24.297103881835938f], [24.457075720667135, 24.527807563282554, 24.205250741368634, 24.297098515460977]);
            Check(Pick(input.LogSumExp(0)), [8.610502243041992f, 8.612102508544922f, 8.603300094604492f, 8.605052947998047f], [8.610501714036285, 8.61210279172124, 8.603300414569954, 8.605052845616576]);
        }
    }

    [Fact]
    public void RandomRowsMatchPyTorch()
    {
        var m = Torch.FromArray(Data(300 * 4096, 3), 300, 4096);
        foreach (var input in new[] { m, Transposed(m) })
        {
            Check(Pick(input.Sum(1)), [1013.2564697265625f, 1012.5554809570312f, 1015.6614379882812f, 1043.2669677734375f], [1013.2564150691032, 1012.555517077446, 1015.6614401936531, 1043.2669746875763]);
            Check(Pick(input.Var(1)), [0.08530821651220322f, 0.08186313509941101f, 0.08415332436561584f, 0.08397682011127472f], [0.08530821285461578, 0.08186313239190804, 0.0841533253161381, 0.08397682259733386]);
            Check(Pick(input.Norm(2, 1)), [24.494766235351562f, 24.197917938232422f, 24.42243766784668f, 24.690265655517578f], [24.494765134868675, 24.19791855289041, 24.42243973786655, 24.69026538663948]);
            Check(Pick(input.LogSumExp(1)), [8.607498168945312f, 8.605534553527832f, 8.607498168945312f, 8.613971710205078f], [8.607498411663347, 8.605534978059065, 8.607498349968083, 8.613972182318648]);
        }
    }

    private static Tensor Pick(Tensor t) => t.IndexSelect(0, Torch.FromArray(Picked.Select(i => (long)i).ToArray(), Picked.Length));

    /// <summary>
    /// Within 1e-6 relative of the float64 result, and at least as close to it as PyTorch's float32 result
    /// (give or take two float32 ulps).
    /// </summary>
    private static void Check(Tensor actual, float[] torch32, double[] torch64)
    {
        var a = actual.ToArray<float>();
        Assert.Equal(torch64.Length, a.Length);
        for (int i = 0; i < a.Length; i++)
        {
            double err = Math.Abs(a[i] - torch64[i]), torchErr = Math.Abs(torch32[i] - torch64[i]);
            Assert.True(err <= 1e-6 * Math.Abs(torch64[i]), $"element {i}: {a[i]:R} vs float64 {torch64[i]:R}");
            Assert.True(err <= torchErr + 2.4e-7 * Math.Abs(torch64[i]), $"element {i}: {a[i]:R} is further from {torch64[i]:R} than PyTorch's {torch32[i]:R}");
        }
    }
}
