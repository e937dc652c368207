using Ember.Diagnostics;

namespace Ember.Plots.Tests;

public class GradientNormPlotTests
{
    [Fact]
    public void StepCurvesPerLayerOnALogAxis()
    {
        var texts = Svg.Texts(Figure.ToSvg(GradientNormPlot.Create(TestData.Steps())));
        Assert.Contains("fc1", texts);
        Assert.Contains("fc2", texts);
        Assert.Contains("out", texts);
        Assert.Contains("step", texts);
        Assert.Contains("gradient norm (log scale)", texts);
        // fc1 falls from 1 to 1e-5.
        Assert.Contains("10⁻⁵", texts);
        Assert.Contains("10⁰", texts);
    }

    [Fact]
    public void EpochMeans()
    {
        var texts = Svg.Texts(Figure.ToSvg(GradientNormPlot.Create(TestData.Epochs())));
        Assert.Contains("epoch", texts);
        Assert.Contains("mean gradient norm (log scale)", texts);
        Assert.Contains("fc1", texts);
        Assert.Contains("10⁻³", texts);
    }

    [Fact]
    public void ManyLayersNameEveryKthInTheLegend()
    {
        var steps = Enumerable.Range(0, 3).Select(s => new MonitorStepRecord(s, 0,
            Enumerable.Range(0, 30).Select(l => new LayerGradientStats($"layers.{l}", "Linear", Math.Pow(10, -l / 5.0), 1, double.NaN)).ToArray(), [])).ToArray();
        var texts = Svg.Texts(Figure.ToSvg(GradientNormPlot.Create(steps)));
        var named = texts.Where(t => t.StartsWith("layers.", StringComparison.Ordinal)).ToArray();
        Assert.InRange(named.Length, 2, GradientNormPlot.MaxLegendEntries + 1);
        Assert.Contains("layers.0", named);
        Assert.Contains("layers.29", named);
    }

    [Fact]
    public void ModelLevelLayerAndNonFiniteNorms()
    {
        var steps = new[] { new MonitorStepRecord(0, 0, [new LayerGradientStats("", "Net", double.NaN, 1, double.NaN)], []),
                            new MonitorStepRecord(1, 0, [new LayerGradientStats("", "Net", 0.5, 1, double.NaN)], []) };
        Assert.Contains("(model)", Svg.Texts(Figure.ToSvg(GradientNormPlot.Create(steps))));
    }

    [Fact]
    public void LongRunsAreAveragedInBuckets()
    {
        var xs = Enumerable.Range(0, 2500).Select(i => (double)i).ToList();
        var ys = xs.Select(x => x % 2 == 0 ? -1.0 : -3.0).ToList();
        ys[10] = double.NaN;
        var (tx, ty) = GradientNormPlot.Thin(xs, ys);
        Assert.Equal(834, tx.Length); // buckets of 3
        Assert.Equal(1.0, tx[0]);
        Assert.Equal(-5.0 / 3, ty[0], 12);   // log-norms -1, -3, -1
        Assert.Equal(-3.0, ty[3], 12);       // steps 9, 10 (NaN, skipped), 11
        Assert.Equal(2499.0, tx[^1]);
        var (sx, _) = GradientNormPlot.Thin(xs.Take(1000).ToList(), ys.Take(1000).ToList());
        Assert.Equal(1000, sx.Length);
    }

    [Fact]
    public void BadInputsThrow()
    {
        Assert.Throws<ArgumentNullException>(() => GradientNormPlot.Create((IReadOnlyList<MonitorStepRecord>)null!));
        Assert.Throws<ArgumentNullException>(() => GradientNormPlot.Create((IReadOnlyList<EpochHealth>)[null!]));
        var e = Assert.Throws<ArgumentException>(() => GradientNormPlot.Create(Array.Empty<MonitorStepRecord>()));
        Assert.StartsWith("gradient norm plot: no layer gradients were recorded", e.Message);
        Assert.Throws<ArgumentException>(() => GradientNormPlot.Create([new EpochHealth(0, 1, [], [])]));
    }
}
