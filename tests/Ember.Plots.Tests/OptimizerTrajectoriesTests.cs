using Ember.Optim;

namespace Ember.Plots.Tests;

public class OptimizerTrajectoriesTests
{
    private static Tensor Bowl(Tensor x1, Tensor x2) => x1 * x1 + 2 * x2 * x2;

    [Fact]
    public void GradientDescentFollowsTheClosedForm()
    {
        // d2l's train_2d with gd, eta = 0.1 on x1² + 2·x2² from (-5, -2): x1 ← 0.8·x1, x2 ← 0.6·x2.
        var points = OptimizerTrajectories.Trace(Bowl, (-5, -2), ps => new SGD(ps, lr: 0.1), 20);
        Assert.Equal(21, points.Count);
        Assert.Equal((-5.0, -2.0), points[0]);
        for (int k = 0; k <= 20; k++)
        {
            Assert.Equal(-5 * Math.Pow(0.8, k), points[k].X, 1e-12);
            Assert.Equal(-2 * Math.Pow(0.6, k), points[k].Y, 1e-12);
        }
    }

    [Fact]
    public void MomentumAndAdamMatchPyTorch()
    {
        // torch.optim.SGD([x1, x2], lr=0.4, momentum=0.5) on 0.1·x1² + 2·x2² from (-5, -2), float64 (PyTorch 1.13).
        var momentum = OptimizerTrajectories.Trace((a, b) => 0.1 * a * a + 2 * b * b, (-5, -2), ps => new SGD(ps, lr: 0.4, momentum: 0.5), 5);
        (double, double)[] expected = [(-4.6, 1.2000000000000002), (-4.032, 0.8799999999999999), (-3.42544, -0.6880000000000002),
            (-2.8481248, -0.37119999999999986), (-2.3316172159999997, 0.3811200000000001)];
        for (int k = 0; k < 5; k++)
        {
            Assert.Equal(expected[k].Item1, momentum[k + 1].X, 1e-12);
            Assert.Equal(expected[k].Item2, momentum[k + 1].Y, 1e-12);
        }
        // torch.optim.Adam(lr=0.5), 3 steps on x1² + 2·x2².
        var adam = OptimizerTrajectories.Trace(Bowl, (-5, -2), ps => new Adam(ps, lr: 0.5), 3);
        Assert.Equal(-3.507931358496613, adam[3].X, 1e-12);
        Assert.Equal(-0.5369748268461491, adam[3].Y, 1e-12);
    }

    [Fact]
    public void PlotHasContoursTrajectoriesAndLegend()
    {
        var gd = OptimizerTrajectories.Trace(Bowl, (-5, -2), ps => new SGD(ps, lr: 0.1), 20);
        var plot = OptimizerTrajectories.Create((a, b) => a * a + 2 * b * b, (-5.5, 1), (-3, 1.5),
            new Dictionary<string, IReadOnlyList<(double X, double Y)>> { ["gd, eta=0.1"] = gd, ["diverged"] = [(0, 0), (double.NaN, 1), (1, 1)] });
        string svg = Figure.ToSvg(plot);
        var texts = Svg.Texts(svg);
        Assert.Contains("gd, eta=0.1", texts);
        Assert.Contains("diverged", texts);
        Assert.Contains("x1", texts);
        Assert.Contains("x2", texts);
        // 12 contour levels, each one stroked path with many segments.
        int contours = Svg.Paths(svg).Count(p => p.D.Count(c => c == 'L') > 20);
        Assert.InRange(contours, 10, 14);
        // 21 + 2 trajectory markers, 2 start markers, legend symbols.
        Assert.True(Svg.Parse(svg).Descendants().Count(e => e.Name.LocalName == "ellipse") >= 23);
    }

    [Fact]
    public void IsolinesLieOnTheLevelSet()
    {
        double[] grid = Enumerable.Range(0, 41).Select(i => -2 + 4.0 * i / 40).ToArray();
        var z = new double[41, 41];
        for (int i = 0; i < 41; i++)
            for (int j = 0; j < 41; j++)
                z[i, j] = grid[j] * grid[j] + grid[i] * grid[i];
        var (xs, ys) = Contours.Isoline(z, grid, grid, 1.0);
        int points = 0;
        for (int k = 0; k < xs.Length; k++)
        {
            if (double.IsNaN(xs[k])) continue;
            points++;
            Assert.InRange(Math.Sqrt(xs[k] * xs[k] + ys[k] * ys[k]), 0.99, 1.01);
        }
        Assert.True(points >= 40, $"{points} points");
        // The segments were joined into polylines: far fewer breaks than the ~40 cells crossed.
        Assert.True(xs.Count(double.IsNaN) < 10, $"{xs.Count(double.IsNaN)} pieces");
        // Levels at the (k/5)² quantiles of the values 0 … 100.
        var ramp = new double[1, 101];
        for (int j = 0; j <= 100; j++) ramp[0, j] = j;
        Assert.Equal([4.0, 16, 36, 64], Contours.Levels(ramp, 4));
        Assert.Empty(Contours.Levels(new double[,] { { 1, 1 }, { 1, 1 } }, 5));
    }

    [Fact]
    public void BadInputsThrow()
    {
        Assert.StartsWith("optimizer trajectories: steps must be at least 0, got -1", Assert.Throws<ArgumentOutOfRangeException>(() => OptimizerTrajectories.Trace(Bowl, (0, 0), ps => new SGD(ps), -1)).Message);
        Assert.Throws<ArgumentNullException>(() => OptimizerTrajectories.Trace(null!, (0, 0), ps => new SGD(ps), 1));
        Assert.Throws<ArgumentException>(() => OptimizerTrajectories.Trace(Bowl, (double.NaN, 0), ps => new SGD(ps), 1));
        Assert.Throws<InvalidOperationException>(() => OptimizerTrajectories.Trace(Bowl, (0, 0), ps => null!, 1));
        var e = Assert.Throws<ArgumentException>(() => OptimizerTrajectories.Trace((a, b) => Torch.Stack([a, b]), (1, 1), ps => new SGD(ps, lr: 0.1), 1));
        Assert.StartsWith("optimizer trajectories: f must return a one-element tensor, got shape [2]", e.Message);
        var none = new Dictionary<string, IReadOnlyList<(double X, double Y)>>();
        Assert.Throws<ArgumentException>(() => OptimizerTrajectories.Create((a, b) => a, (1, 1), (0, 1), none));
        Assert.Throws<ArgumentException>(() => OptimizerTrajectories.Create((a, b) => a, (0, 1), (0, double.PositiveInfinity), none));
        Assert.Throws<ArgumentOutOfRangeException>(() => OptimizerTrajectories.Create((a, b) => a, (0, 1), (0, 1), none, levels: 0));
        Assert.Throws<ArgumentNullException>(() => OptimizerTrajectories.Create((a, b) => a, (0, 1), (0, 1),
            new Dictionary<string, IReadOnlyList<(double X, double Y)>> { ["x"] = null! }));
        Assert.Equal((1.0, 2.0), Assert.Single(OptimizerTrajectories.Trace(Bowl, (1, 2), ps => new SGD(ps), 0)));
    }
}
