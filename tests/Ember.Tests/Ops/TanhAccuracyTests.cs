namespace Ember.Tests.Ops;

public class TanhAccuracyTests
{
    private static readonly double[] Points = [1e-10, -1e-7, 1e-3, -0.3, 0.49, 0.5, -0.7, 1.0, 3.0, -9.0, 20.0];

    // 67 copies of each point, so the vectorized path and its tail both run.
    private static double[] Inputs() => Points.SelectMany(p => Enumerable.Repeat(p, 67)).ToArray();

    [Fact]
    public void Float64IsAccurateNearZeroAndElsewhere()
    {
        var x = Inputs();
        var y = Torch.FromArray(x).Tanh().ToArray<double>();
        for (int i = 0; i < x.Length; i++)
            Assert.True(Math.Abs(y[i] - Math.Tanh(x[i])) <= 4e-16 * Math.Abs(Math.Tanh(x[i])) + 1e-300,
                $"tanh({x[i]:R}) = {y[i]:R}, expected {Math.Tanh(x[i]):R}");
    }

    [Fact]
    public void Float32IsAccurateNearZeroAndElsewhere()
    {
        var x = Inputs().Select(v => (float)v).ToArray();
        var y = Torch.FromArray(x).Tanh().ToArray<float>();
        for (int i = 0; i < x.Length; i++)
            Assert.True(Math.Abs(y[i] - MathF.Tanh(x[i])) <= 3e-7f * Math.Abs(MathF.Tanh(x[i])),
                $"tanh({x[i]:R}) = {y[i]:R}, expected {MathF.Tanh(x[i]):R}");
    }

    [Fact]
    public void TheSpanKernelIsRightInPlace()
    {
        // The vector pass overwrites x when d is x; the near-zero fix-up must still read the original inputs
        // (it used to give tanh(tanh(x)) there). 737 elements: several chunks and a tail.
        var x = Inputs();
        var expected = new double[x.Length];
        TanhOp.Invoke<double>(x, expected);
        var inPlace = (double[])x.Clone();
        TanhOp.Invoke<double>(inPlace, inPlace);
        Assert.Equal(expected, inPlace);
        Assert.Equal(x.Select(Math.Tanh), expected, (a, b) => Math.Abs(a - b) <= 4e-16 * Math.Abs(a) + 1e-300);
    }
}
