using Ember.Kernels;
using Ember.NN;

namespace Ember.Tests.NN;

/// <summary>nn.init: gains, fans, the moments of every distribution, orthogonality, and Linear's default init.</summary>
public class InitTests
{
    private static (double Mean, double Std, double Min, double Max) Moments(Tensor t)
    {
        var v = t.ToArray<double>();
        double mean = v.Average();
        double var = v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1);
        return (mean, Math.Sqrt(var), v.Min(), v.Max());
    }

    private static void Near(double expected, double actual, double tol, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tol, $"{what}: expected {expected} ± {tol}, got {actual}");

    [Fact]
    public void GainsAreExact()
    {
        foreach (var name in new[] { "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid" })
            Assert.Equal(1.0, Init.CalculateGain(name));
        Assert.Equal(5.0 / 3, Init.CalculateGain("tanh"));
        Assert.Equal(Math.Sqrt(2), Init.CalculateGain("relu"));
        Assert.Equal(0.75, Init.CalculateGain("selu"));
        Assert.Equal(1.4141428569978354, Init.CalculateGain("leaky_relu"), 15);
        Assert.Equal(1.3867504905630728, Init.CalculateGain("leaky_relu", 0.2), 15);
        Assert.Equal(Math.Sqrt(2), Init.CalculateGain("leaky_relu", 0));
        Assert.Equal(0.5773502691896257, Init.CalculateGain("leaky_relu", Math.Sqrt(5)), 15);
        Assert.Equal(1.0, Init.CalculateGain("sigmoid", 123)); // param ignored

        var ex = Assert.Throws<ArgumentException>(() => Init.CalculateGain("gelu"));
        Assert.StartsWith("calculate_gain: unsupported nonlinearity \"gelu\"", ex.Message);
        Assert.Throws<ArgumentException>(() => Init.CalculateGain("leaky_relu", double.NaN));
    }

    [Fact]
    public void FansAsPyTorch()
    {
        Assert.Equal((3, 5), Init.CalculateFanInAndFanOut(Torch.Zeros(5, 3)));
        Assert.Equal((72, 144), Init.CalculateFanInAndFanOut(Torch.Zeros(16, 8, 3, 3)));
        Assert.Equal((8 * 5, 2 * 5), Init.CalculateFanInAndFanOut(Torch.Zeros(2, 8, 5)));
        var ex = Assert.Throws<ArgumentException>(() => Init.CalculateFanInAndFanOut(Torch.Zeros(4)));
        Assert.StartsWith("calculate_fan_in_and_fan_out: Fan in and fan out can not be computed for tensor with fewer than 2 dimensions (got shape [4])", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Init.XavierUniform_(Torch.Zeros(4)));
        Assert.StartsWith("xavier_uniform_: Fan in and fan out", ex.Message);
        Assert.Throws<ArgumentException>(() => Init.KaimingNormal_(Torch.Scalar(1.0)));
    }

    [Fact]
    public void UniformMoments()
    {
        var t = Init.Uniform_(Torch.Empty(new Size(400, 500), DType.Float64), -2, 3, new Generator(1));
        var (mean, std, min, max) = Moments(t);
        Near(0.5, mean, 0.01, "mean");
        Near(5 / Math.Sqrt(12), std, 0.01, "std");
        Assert.True(min >= -2 && min < -1.999, $"min {min}");
        Assert.True(max < 3 && max > 2.999, $"max {max}");
        var (m01, _, lo, hi) = Moments(Init.Uniform_(Torch.Empty(new Size(100_000))).To(DType.Float64));
        Near(0.5, m01, 0.005, "default mean");
        Assert.True(lo >= 0 && hi <= 1);
        Assert.StartsWith("uniform_: expects to return a [from, to) range, but found from=2 > to=1",
            Assert.Throws<ArgumentException>(() => Init.Uniform_(Torch.Zeros(2), 2, 1)).Message);
    }

    [Fact]
    public void NormalMoments()
    {
        var t = Init.Normal_(Torch.Empty(new Size(200_000), DType.Float64), 1.5, 0.5, new Generator(2));
        var (mean, std, _, _) = Moments(t);
        Near(1.5, mean, 0.005, "mean");
        Near(0.5, std, 0.005, "std");
        double within = t.ToArray<double>().Count(x => Math.Abs(x - 1.5) <= 0.5) / 200_000.0;
        Near(0.6826894921370859, within, 0.005, "P(|x-μ| ≤ σ)");
        var (m, s, _, _) = Moments(Init.Normal_(Torch.Empty(new Size(100_000)), generator: new Generator(3)).To(DType.Float64));
        Near(0, m, 0.01, "default mean");
        Near(1, s, 0.01, "default std");
        Assert.StartsWith("normal_: expects std >= 0.0, but found std -1",
            Assert.Throws<ArgumentException>(() => Init.Normal_(Torch.Zeros(2), 0, -1)).Message);
    }

    [Theory]
    [InlineData(0.0, 1.0, -2.0, 2.0, 0.0, 0.8796256610342398)]
    [InlineData(1.0, 2.0, 3.0, 6.0, 3.9445578068660616, 0.7271937400773345)]       // upper tail
    [InlineData(0.0, 1.0, 5.0, 6.0, 5.183147090677585, 0.17161710198051966)]       // far in the upper tail
    [InlineData(0.0, 1.0, -6.0, -5.0, -5.183147090477162, 0.17161710511643963)]    // far in the lower tail
    [InlineData(0.5, 0.1, -1.0, 1.0, 0.4999998513280059, 0.09999962831921352)]    // barely truncated
    public void TruncNormalMoments(double mu, double sigma, double a, double b, double expectedMean, double expectedStd)
    {
        var t = Init.TruncNormal_(Torch.Empty(new Size(200_000), DType.Float64), mu, sigma, a, b, new Generator(4));
        var (mean, std, min, max) = Moments(t);
        Near(expectedMean, mean, 0.01 * expectedStd + 1e-9, "mean");
        Near(expectedStd, std, 0.01 * expectedStd, "std");
        Assert.True(min >= a && max <= b, $"range [{min}, {max}] outside [{a}, {b}]");
        // the samples reach both ends when the interval is not far wider than σ
        if (b - a <= 4 * sigma)
        {
            Assert.True(min - a < 0.01 * (b - a) || mu - 6 * sigma > a, $"min {min}");
            Assert.True(b - max < 0.01 * (b - a) || mu + 6 * sigma < b, $"max {max}");
        }
    }

    [Fact]
    public void TruncNormalFloat32AndErrors()
    {
        var t = Init.TruncNormal_(Torch.Empty(new Size(50_000)), std: 0.02, a: -0.04, b: 0.04);
        var (_, std, min, max) = Moments(t.To(DType.Float64));
        Near(0.02 * 0.8796256610342398, std, 0.0005, "std");
        Assert.True(min >= -0.04 && max <= 0.04);
        Assert.Throws<ArgumentException>(() => Init.TruncNormal_(Torch.Zeros(2), a: 1, b: 1));
        Assert.Throws<ArgumentException>(() => Init.TruncNormal_(Torch.Zeros(2), std: 0));
    }

    [Fact]
    public void NormalCdfAndInverseMatchReferenceValues()
    {
        (double X, double Erfc)[] erfc =
        [
            (-30, 2.0), (-5, 1.9999999999984626), (-2.6, 1.9997639655834707), (-2.5, 1.999593047982555), (-1, 1.842700792949715),
            (0, 1.0), (0.3, 0.6713732405408726), (1, 0.15729920705028513), (2.4, 0.0006885138966450789),
            (2.5, 0.0004069520174449589), (3, 2.2090496998585438e-05), (6, 2.1519736712498916e-17), (10, 2.088487583762545e-45),
        ];
        foreach (var (x, e) in erfc)
            Assert.True(Math.Abs(InitMath.Erfc(x) - e) <= 1e-14 * e, $"erfc({x}) = {InitMath.Erfc(x)}, expected {e}");

        (double P, double X)[] ndtri =
        [
            (1e-300, -37.0470962993612), (1e-20, -9.262340089798409), (1e-05, -4.264890793922825), (0.02, -2.053748910631823),
            (0.1, -1.2815515655446004), (0.5, 0.0), (0.9, 1.2815515655446004), (0.99, 2.3263478740408408), (0.9999999999, 6.361340889697422),
        ];
        foreach (var (p, x) in ndtri)
            Assert.True(Math.Abs(InitMath.NormalIcdf(p) - x) <= 1e-12 * Math.Max(1, Math.Abs(x)), $"ndtri({p}) = {InitMath.NormalIcdf(p)}, expected {x}");
    }

    [Fact]
    public void ConstantZerosOnesEye()
    {
        var p = new Parameter(Torch.Empty(new Size(2, 3)));
        Assert.Same(p, Init.Constant_(p, 0.25));
        Assert.All(p.ToArray<float>(), v => Assert.Equal(0.25f, v));
        Assert.True(p.IsLeaf && p.RequiresGrad);
        Init.Zeros_(p);
        Assert.All(p.ToArray<float>(), v => Assert.Equal(0f, v));
        Init.Ones_(p);
        Assert.All(p.ToArray<float>(), v => Assert.Equal(1f, v));
        Assert.Same(p, Init.Eye_(p));
        Assert.Equal(new float[] { 1, 0, 0, 0, 1, 0 }, p.ToArray<float>());
        Assert.Equal(new long[] { 7, 7 }, Init.Constant_(Torch.Zeros(new Size(2), DType.Int64), 7).ToArray<long>());
        Assert.StartsWith("eye_: Only tensors with 2 dimensions are supported",
            Assert.Throws<ArgumentException>(() => Init.Eye_(Torch.Zeros(2, 2, 2))).Message);
    }

    [Fact]
    public void WorksInPlaceOnParametersViewsAndUnderGradMode()
    {
        var p = new Parameter(Torch.Zeros(4, 5));
        Assert.True(Torch.IsGradEnabled);
        Assert.Same(p, Init.Uniform_(p, -1, 1));
        Assert.True(p.IsLeaf && p.RequiresGrad && p.GradFn is null);
        Assert.Contains(p.ToArray<float>(), v => v != 0);

        // A transposed view writes through to its base.
        var baseT = Torch.Zeros(3, 2);
        Init.Ones_(baseT.T);
        Assert.All(baseT.ToArray<float>(), v => Assert.Equal(1f, v));
        var b2 = Torch.Zeros(3, 4);
        Init.Normal_(b2.Narrow(1, 1, 2));
        var vals = b2.ToArray<float>();
        Assert.Equal(0f, vals[0]);
        Assert.NotEqual(0f, vals[1]);

        Assert.StartsWith("uniform_: expected a floating point tensor, got [2] torch.int64",
            Assert.Throws<ArgumentException>(() => Init.Uniform_(Torch.Zeros(new Size(2), DType.Int64))).Message);
    }

    [Fact]
    public void SameSeedSameValues()
    {
        var a = Init.KaimingNormal_(Torch.Empty(new Size(8, 8)), generator: new Generator(11));
        var b = Init.KaimingNormal_(Torch.Empty(new Size(8, 8)), generator: new Generator(11));
        Assert.Equal(a.ToArray<float>(), b.ToArray<float>());
        Torch.ManualSeed(5);
        var c = Init.Orthogonal_(Torch.Empty(new Size(4, 6)));
        Torch.ManualSeed(5);
        var d = Init.Orthogonal_(Torch.Empty(new Size(4, 6)));
        Assert.Equal(c.ToArray<float>(), d.ToArray<float>());
    }

    [Fact]
    public void XavierMoments()
    {
        var t = Init.XavierUniform_(Torch.Empty(new Size(400, 600), DType.Float64), generator: new Generator(5));
        double bound = Math.Sqrt(6.0 / 1000);
        var (mean, std, min, max) = Moments(t);
        Near(0, mean, 0.001, "mean");
        Near(Math.Sqrt(2.0 / 1000), std, 0.0005, "std");
        Assert.True(min >= -bound && max <= bound && min < -0.999 * bound && max > 0.999 * bound, $"[{min}, {max}] vs ±{bound}");

        var n = Init.XavierNormal_(Torch.Empty(new Size(400, 600), DType.Float64), gain: 2, generator: new Generator(6));
        var (m2, s2, _, _) = Moments(n);
        Near(0, m2, 0.001, "mean");
        Near(2 * Math.Sqrt(2.0 / 1000), s2, 0.001, "std");
    }

    [Fact]
    public void KaimingMoments()
    {
        // [256, 784] with relu: fan_in 784, bound √6/28, std √2/28.
        var u = Init.KaimingUniform_(Torch.Empty(new Size(256, 784), DType.Float64), nonlinearity: "relu", generator: new Generator(7));
        var (mean, std, min, max) = Moments(u);
        double bound = Math.Sqrt(6.0) / 28;
        Near(0, mean, 0.001, "mean");
        Near(Math.Sqrt(2.0) / 28, std, 0.0005, "std");
        Assert.True(min >= -bound && max <= bound && max > 0.999 * bound);

        // fan_out of [1000, 200] is 1000; default leaky_relu with a = 0 has gain √2.
        var fo = Init.KaimingUniform_(Torch.Empty(new Size(1000, 200), DType.Float64), mode: "fan_out", generator: new Generator(8));
        Near(Math.Sqrt(2.0 / 1000), Moments(fo).Std, 0.0005, "fan_out std");

        // A conv weight [64, 32, 3, 3]: fan_in 288.
        var conv = Init.KaimingNormal_(Torch.Empty(new Size(64, 32, 3, 3), DType.Float64), nonlinearity: "relu", generator: new Generator(9));
        var (cm, cs, _, _) = Moments(conv);
        Near(0, cm, 0.002, "mean");
        Near(Math.Sqrt(2.0 / 288), cs, 0.001, "std");

        Assert.StartsWith("kaiming_uniform_: Mode fan_avg not supported, please use one of fan_in, fan_out",
            Assert.Throws<ArgumentException>(() => Init.KaimingUniform_(Torch.Zeros(2, 2), mode: "fan_avg")).Message);
        Assert.Throws<ArgumentException>(() => Init.KaimingNormal_(Torch.Zeros(2, 2), nonlinearity: "swish"));
        Assert.Equal([0, 3], Init.KaimingUniform_(Torch.Zeros(0, 3)).Shape.ToArray()); // zero elements: a no-op
    }

    [Theory]
    [InlineData(3, 5)]
    [InlineData(5, 3)]
    [InlineData(4, 4)]
    [InlineData(64, 64)]
    [InlineData(1, 7)]
    [InlineData(7, 1)]
    public void OrthogonalIsOrthogonal(int rows, int cols)
    {
        var w = Init.Orthogonal_(Torch.Empty(new Size(rows, cols), DType.Float64), generator: new Generator(rows * 100 + cols));
        // rows ≤ cols: W·Wᵀ = I (orthonormal rows); rows ≥ cols: Wᵀ·W = I (orthonormal columns).
        var gram = rows <= cols ? w.Matmul(w.T) : w.T.Matmul(w);
        int k = Math.Min(rows, cols);
        var g = gram.ToArray<double>();
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
                Assert.True(Math.Abs(g[i * k + j] - (i == j ? 1 : 0)) < 1e-12, $"gram[{i},{j}] = {g[i * k + j]}");
    }

    [Fact]
    public void OrthogonalGainConvShapesAndFloat32()
    {
        var w = Init.Orthogonal_(Torch.Empty(new Size(4, 2, 3), DType.Float64), gain: 2, generator: new Generator(1));
        var m = w.Reshape(4, 6);
        var g = m.Matmul(m.T).ToArray<double>();
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                Assert.True(Math.Abs(g[i * 4 + j] - (i == j ? 4 : 0)) < 1e-12);

        var f = Init.Orthogonal_(Torch.Empty(new Size(16, 16)), generator: new Generator(2));
        var gf = f.T.Matmul(f).ToArray<float>();
        for (int i = 0; i < 16; i++) Assert.True(Math.Abs(gf[i * 17] - 1) < 1e-5);
        Assert.StartsWith("orthogonal_: Only tensors with 2 or more dimensions are supported",
            Assert.Throws<ArgumentException>(() => Init.Orthogonal_(Torch.Zeros(3))).Message);
    }

    [Fact]
    public void OrthogonalFirstColumnIsTheNormalizedSample()
    {
        // diag(R) > 0 (PyTorch's sign fix) means Q's first column is the first column of the normal sample, normalized.
        var g = new Generator(17);
        var sample = new double[5 * 3];
        for (int i = 0; i < sample.Length; i++) sample[i] = g.NextNormal();
        var w = Init.Orthogonal_(Torch.Empty(new Size(5, 3), DType.Float64), generator: new Generator(17)).ToArray<double>();
        double norm = Math.Sqrt(Enumerable.Range(0, 5).Sum(r => sample[r * 3] * sample[r * 3]));
        for (int r = 0; r < 5; r++) Assert.Equal(sample[r * 3] / norm, w[r * 3], 12);
    }

    [Fact]
    public void LinearDefaultInit()
    {
        // PyTorch: weight ~ kaiming_uniform_(a=√5) = U(−1/√in, 1/√in) (std 1/√(3·in)); bias ~ U(−1/√in, 1/√in).
        var lin = new Linear(1000, 300, generator: new Generator(21));
        double bound = 1 / Math.Sqrt(1000);
        var (mean, std, min, max) = Moments(lin.Weight.To(DType.Float64));
        Near(0, mean, 0.0005, "weight mean");
        Near(1 / Math.Sqrt(3 * 1000.0), std, 0.0003, "weight std");
        Assert.True(min >= -bound - 1e-7 && max <= bound + 1e-7 && max > 0.999 * bound && min < -0.999 * bound, $"[{min}, {max}] vs ±{bound}");
        var bias = lin.Bias!.ToArray<float>();
        Assert.All(bias, v => Assert.InRange(v, -bound - 1e-7, bound + 1e-7));
        Assert.True(bias.Max() > 0.9 * bound && bias.Min() < -0.9 * bound);

        var big = new Linear(784, 256, generator: new Generator(22));
        Near(1 / Math.Sqrt(3 * 784.0), Moments(big.Weight.To(DType.Float64)).Std, 0.0005, "784→256 std");

        var bl = new Bilinear(50, 20, 100, generator: new Generator(23));
        var (_, bstd, bmin, bmax) = Moments(bl.Weight.To(DType.Float64));
        Near(1 / Math.Sqrt(3 * 50.0), bstd, 0.002, "bilinear std");
        Assert.True(bmin >= -1 / Math.Sqrt(50) - 1e-7 && bmax <= 1 / Math.Sqrt(50) + 1e-7);
    }
}
