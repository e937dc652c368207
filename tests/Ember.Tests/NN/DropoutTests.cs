using Ember.NN;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.NN;

/// <summary>Dropout: the fraction dropped, the exact scale of survivors, eval identity, seeding, the gradient and validation.</summary>
public class DropoutTests
{
    [Theory]
    [InlineData(0.5, DType.Float32)]
    [InlineData(0.2, DType.Float64)]
    [InlineData(0.9, DType.Float32)]
    public void DropsAboutPAndScalesSurvivorsExactly(double p, DType dtype)
    {
        const int n = 100_003;
        var x = (Torch.Rand(new[] { n }, dtype, new Generator(1)) + 0.5).Detach();
        var y = F.Dropout(x, p, generator: new Generator(42));
        var xs = x.ToArray<double>();
        var ys = y.ToArray<double>();
        int zeros = 0;
        double scale = dtype == DType.Float32 ? (float)(1 / (1 - p)) : 1 / (1 - p);
        for (int i = 0; i < n; i++)
        {
            if (ys[i] == 0) { zeros++; continue; }
            double expected = dtype == DType.Float32 ? (float)((float)xs[i] * (float)scale) : xs[i] * scale;
            Assert.Equal(expected, ys[i]);
        }
        // binomial: the standard deviation of the fraction is √(p(1−p)/n) ≤ 0.0016; allow 5 of them
        Assert.InRange((double)zeros / n, p - 0.008, p + 0.008);
        Assert.Equal(dtype, y.DType);
        // the mean is preserved in expectation
        Assert.InRange(y.Mean().Item<double>() / x.Mean().Item<double>(), 0.97, 1.03);
    }

    [Fact]
    public void ZerosAreSpreadEvenly()
    {
        // every 1000-element window drops close to half: catches masks that are not independent per element
        var y = F.Dropout(Torch.Ones(100_000), 0.5, generator: new Generator(3)).ToArray<float>();
        for (int w = 0; w < 100; w++)
        {
            int z = y.Skip(w * 1000).Take(1000).Count(v => v == 0);
            Assert.InRange(z, 400, 600);
        }
        // neighbours are not correlated: P(both dropped) ≈ 1/4
        int both = 0;
        for (int i = 0; i + 1 < y.Length; i += 2) if (y[i] == 0 && y[i + 1] == 0) both++;
        Assert.InRange(both / 50_000.0, 0.24, 0.26);
    }

    [Fact]
    public void EvalAndZeroProbabilityReturnTheInput()
    {
        var x = Torch.Randn(3, 4);
        Assert.Same(x, F.Dropout(x, 0.5, training: false));
        Assert.Same(x, F.Dropout(x, 0.0));
        var m = new Dropout(0.3);
        m.Eval();
        Assert.Same(x, m.Forward(x));
        m.Train();
        var y = m.Forward(x);
        Assert.NotSame(x, y);
        Assert.Contains(0f, y.ToArray<float>().Concat(m.Forward(Torch.Ones(1000)).ToArray<float>()));
    }

    [Fact]
    public void ProbabilityOneGivesZeros()
    {
        var x = Torch.Randn(new[] { 5, 7 }, DType.Float64).RequiresGrad_();
        var y = F.Dropout(x, 1.0);
        Assert.All(y.ToArray<double>(), v => Assert.Equal(0.0, v));
        Assert.Equal([5, 7], y.Shape.ToArray());
        y.Sum().Backward();
        Assert.All(x.Grad!.ToArray<double>(), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void SameSeedSameMask()
    {
        var x = Torch.Ones(1000);
        var a = F.Dropout(x, 0.4, generator: new Generator(7)).ToArray<float>();
        var b = F.Dropout(x, 0.4, generator: new Generator(7)).ToArray<float>();
        var c = F.Dropout(x, 0.4, generator: new Generator(8)).ToArray<float>();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        // a module with its own generator repeats after re-seeding, and consecutive calls differ
        var g = new Generator(11);
        var m = new Dropout(0.4, generator: g);
        var m1 = m.Forward(x).ToArray<float>();
        var m2 = m.Forward(x).ToArray<float>();
        Assert.NotEqual(m1, m2);
        g.ManualSeed(11);
        Assert.Equal(m1, m.Forward(x).ToArray<float>());
        // the default generator is used when none is given
        Generator.Default.ManualSeed(5);
        var d1 = F.Dropout(x, 0.4).ToArray<float>();
        Generator.Default.ManualSeed(5);
        Assert.Equal(d1, F.Dropout(x, 0.4).ToArray<float>());
    }

    [Fact]
    public void GradientIsTheMaskTimesTheScale()
    {
        var x = Torch.Randn(new[] { 40, 50 }, DType.Float64, new Generator(1)).RequiresGrad_();
        var y = F.Dropout(x, 0.3, generator: new Generator(2));
        Assert.Equal("MulBackward0", y.GradFn!.Name);
        var r = Torch.Randn(new[] { 40, 50 }, DType.Float64, new Generator(3));
        (y * r).Sum().Backward();
        var ys = y.ToArray<double>();
        var xs = x.ToArray<double>();
        var gs = x.Grad!.ToArray<double>();
        var rs = r.ToArray<double>();
        for (int i = 0; i < ys.Length; i++)
        {
            double mask = ys[i] == 0 ? 0 : 1 / 0.7;
            Assert.Equal(ys[i] == 0 ? 0 : xs[i] / 0.7, ys[i], 12);
            Assert.Equal(mask * rs[i], gs[i], 12);
        }
        // float64 gradcheck with a fixed mask (a fresh generator per call)
        GradOk(t => F.Dropout(t[0], 0.5, generator: new Generator(9)), TestUtil.Input(6, 7));
        GradOk(t => F.Dropout(t[0], 0.5, generator: new Generator(9)), TransposedInput(4, 5));
    }

    [Fact]
    public void NonContiguousInputAndInplace()
    {
        var x = Torch.Randn(new[] { 30, 20 }, DType.Float32, new Generator(4));
        var t = x.T;
        var y = F.Dropout(t, 0.5, generator: new Generator(1));
        var mask = F.Dropout(Torch.Ones(20, 30), 0.5, generator: new Generator(1));
        Close((t.Contiguous() * mask).ToArray<double>(), y, 0);

        var z = x.Clone();
        var same = F.Dropout(z, 0.5, inplace: true, generator: new Generator(1));
        Assert.Same(z, same);
        Close((x * F.Dropout(Torch.Ones(30, 20), 0.5, generator: new Generator(1))).ToArray<double>(), z, 0);
        var m = new Dropout(0.5, inplace: true, generator: new Generator(1));
        var w = x.Clone();
        Assert.Same(w, m.Forward(w));
        Assert.Throws<InvalidOperationException>(() => F.Dropout(Torch.Ones(3).RequiresGrad_(), inplace: true));
    }

    [Fact]
    public void ValidationAndPrinting()
    {
        var ex = Assert.Throws<ArgumentException>(() => F.Dropout(Torch.Ones(3), 1.5));
        Assert.StartsWith("dropout: dropout probability has to be between 0 and 1, but got 1.5", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new Dropout(-0.1));
        Assert.StartsWith("dropout: dropout probability has to be between 0 and 1, but got -0.1", ex.Message);
        Assert.Throws<ArgumentException>(() => new Dropout(double.NaN));
        // validated even when not training, as PyTorch
        Assert.Throws<ArgumentException>(() => F.Dropout(Torch.Ones(3), 2, training: false));
        ex = Assert.Throws<ArgumentException>(() => F.Dropout(Torch.FromArray(new long[] { 1, 2 }), 0.5));
        Assert.StartsWith("dropout:", ex.Message);
        Assert.Equal("Dropout(p=0.5, inplace=False)", new Dropout().ToString());
        Assert.Equal("Dropout(p=0.1, inplace=True)", new Dropout(0.1, true).ToString());
        Assert.Empty(new Dropout().Parameters());
        Assert.Equal([0, 4], F.Dropout(Torch.Ones(0, 4)).Shape.ToArray());
    }
}
