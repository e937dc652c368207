using Ember.NN;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.NN;

/// <summary>Dropout1d and Dropout2d: whole channels dropped, survivors scaled by 1/(1 − p), accepted ranks, seeding, gradient, printing, errors.</summary>
public class ChannelDropoutTests
{
    /// <summary>Asserts that every channel (the trailing <paramref name="spatial"/> elements of each row) is all zero or all x/(1 − p); returns the fraction dropped.</summary>
    private static double CheckChannels(Tensor x, Tensor y, int spatial, double p)
    {
        var xs = x.ToArray<double>();
        var ys = y.ToArray<double>();
        int channels = xs.Length / spatial, dropped = 0;
        double scale = 1 / (1 - p);
        for (int c = 0; c < channels; c++)
        {
            bool zero = ys[c * spatial] == 0;
            if (zero) dropped++;
            for (int j = 0; j < spatial; j++)
            {
                int i = c * spatial + j;
                Assert.Equal(zero ? 0 : xs[i] * scale, ys[i], 1e-12);
            }
        }
        return (double)dropped / channels;
    }

    private static Tensor Positive(params int[] shape) => (Torch.Rand(shape, DType.Float64, new Generator(5)) + 0.5).Detach();

    [Fact]
    public void Dropout2dZeroesWholeChannels()
    {
        var x = Positive(40, 50, 3, 4);
        var y = F.Dropout2d(x, 0.3, generator: new Generator(1));
        Assert.Equal([40, 50, 3, 4], y.Shape.ToArray());
        Assert.InRange(CheckChannels(x, y, 12, 0.3), 0.25, 0.35);   // 2000 channels: σ ≈ 0.01
    }

    [Fact]
    public void Dropout1dBatchedAndUnbatched()
    {
        var x = Positive(40, 50, 7);
        Assert.InRange(CheckChannels(x, F.Dropout1d(x, 0.6, generator: new Generator(2)), 7, 0.6), 0.55, 0.65);
        var u = Positive(2000, 5);   // [C, L]
        var yu = F.Dropout1d(u, 0.5, generator: new Generator(3));
        Assert.Equal([2000, 5], yu.Shape.ToArray());
        Assert.InRange(CheckChannels(u, yu, 5, 0.5), 0.45, 0.55);
    }

    [Fact]
    public void Dropout2dOnOtherRanksFollowsPyTorch113()
    {
        // 3-D: [N, C, L] with channel-wise 1-D behaviour (PyTorch warns)
        var x3 = Positive(40, 50, 6);
        Assert.InRange(CheckChannels(x3, F.Dropout2d(x3, 0.5, generator: new Generator(4)), 6, 0.5), 0.45, 0.55);
        // 5-D: accepted with a warning, channel = dimension 1
        var x5 = Positive(20, 50, 2, 2, 2);
        Assert.InRange(CheckChannels(x5, F.Dropout2d(x5, 0.5, generator: new Generator(5)), 8, 0.5), 0.44, 0.56);
        // 2-D: each element is a channel
        var x2 = Positive(50, 40);
        Assert.InRange(CheckChannels(x2, F.Dropout2d(x2, 0.5, generator: new Generator(6)), 1, 0.5), 0.45, 0.55);
        // fewer than 2 dimensions: PyTorch's feature-dropout error when training, the input itself otherwise
        Assert.StartsWith("dropout2d: Feature dropout requires at least 2 dimensions in the input",
            Assert.Throws<ArgumentException>(() => F.Dropout2d(Torch.Ones(5), 0.5)).Message);
        var one = Torch.Ones(5);
        Assert.Same(one, F.Dropout2d(one, 0.5, training: false));
    }

    [Fact]
    public void GradientIsTheSameMaskAndSeedsRepeat()
    {
        var x = Positive(8, 16, 3).RequiresGrad_();
        var y = F.Dropout1d(x, 0.5, generator: new Generator(7));
        y.Sum().Backward();
        var g = x.Grad!.ToArray<double>();
        var ys = y.ToArray<double>();
        for (int i = 0; i < g.Length; i++) Assert.Equal(ys[i] == 0 ? 0 : 2, g[i], 1e-12);
        Assert.Equal(y.ToArray<double>(), F.Dropout1d(x.Detach(), 0.5, generator: new Generator(7)).ToArray<double>());
        GradOk(t => F.Dropout2d(t[0], 0.4, generator: new Generator(9)), Input(2, 3, 2, 2));
    }

    [Fact]
    public void EvalZeroOneAndInPlace()
    {
        var x = Torch.Randn(2, 3, 4);
        Assert.Same(x, F.Dropout1d(x, 0.5, training: false));
        Assert.Same(x, F.Dropout2d(x, 0.0));
        Assert.All(F.Dropout2d(Torch.Ones(2, 3, 2, 2), 1.0).ToArray<float>(), v => Assert.Equal(0f, v));
        var m = new Dropout2d(0.5, generator: new Generator(1));
        m.Eval();
        Assert.Same(x, m.Call(x));
        var inplace = Torch.Ones(30, 40, 2, 2);
        var r = F.Dropout2d(inplace, 0.5, inplace: true, generator: new Generator(2));
        Assert.Same(inplace, r);
        Assert.Contains(0f, inplace.ToArray<float>());
        Assert.Contains(2f, inplace.ToArray<float>());
    }

    [Fact]
    public void ReprAndErrors()
    {
        Assert.Equal("Dropout1d(p=0.5, inplace=False)", new Dropout1d().ToString());
        Assert.Equal("Dropout2d(p=0.2, inplace=True)", new Dropout2d(0.2, inplace: true).ToString());
        Assert.Empty(new Dropout2d().StateDict().Keys);
        Assert.StartsWith("dropout1d: Expected 2D or 3D input, but received a 4D input",
            Assert.Throws<ArgumentException>(() => F.Dropout1d(Torch.Ones(1, 2, 3, 4))).Message);
        Assert.StartsWith("dropout2d: dropout probability has to be between 0 and 1, but got 1.5",
            Assert.Throws<ArgumentException>(() => F.Dropout2d(Torch.Ones(1, 2, 3, 4), 1.5)).Message);
        Assert.Throws<ArgumentException>(() => new Dropout1d(-0.1));
        Assert.StartsWith("dropout2d: expected a floating point input",
            Assert.Throws<ArgumentException>(() => F.Dropout2d(Torch.Zeros(new Size(2, 3, 2), DType.Int64))).Message);
    }
}
