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
}
