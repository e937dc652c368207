namespace Ember.Plots.Tests;

public class LogTickTests
{
    [Fact]
    public void DecadesAreMajorWithMinorTicksBetween()
    {
        var ticks = LogTickGenerator.Generate(-2.2, 0.4, 10);
        Assert.Equal([(-2.0, "10⁻²"), (-1.0, "10⁻¹"), (0.0, "10⁰")], ticks.Where(t => t.IsMajor).Select(t => (t.Position, t.Label)));
        var minor = ticks.Where(t => !t.IsMajor).Select(t => Math.Round(Math.Pow(10, t.Position), 6)).Order().ToArray();
        // 2…9 ·10⁻³ above 10^-2.2 ≈ 0.0063: 0.007, 0.008, 0.009; then 0.02…0.09, 0.2…0.9, 2 (10^0.4 ≈ 2.51).
        double[] expected = [0.007, 0.008, 0.009, .. Enumerable.Range(2, 8).Select(m => m / 100.0), .. Enumerable.Range(2, 8).Select(m => m / 10.0), 2];
        Assert.Equal(expected, minor);
    }

    [Fact]
    public void ManyDecadesLabelEveryKth()
    {
        var majors = LogTickGenerator.Generate(-30, 5, 8).Where(t => t.IsMajor).Select(t => t.Label).ToArray();
        Assert.Equal(["10⁻³⁰", "10⁻²⁵", "10⁻²⁰", "10⁻¹⁵", "10⁻¹⁰", "10⁻⁵", "10⁰", "10⁵"], majors);
    }

    [Fact]
    public void UnderADecadeGetsPlainRoundNumbers()
    {
        var ticks = LogTickGenerator.Generate(Math.Log10(0.3), Math.Log10(0.5), 6);
        Assert.Equal(["0.3", "0.35", "0.4", "0.45", "0.5"], ticks.Select(t => t.Label));
        Assert.All(ticks, t => Assert.True(t.IsMajor));
        Assert.Equal(Math.Log10(0.35), ticks[1].Position, 12);
    }

    [Fact]
    public void SuperscriptExponents()
    {
        Assert.Equal("10¹²", LogTickGenerator.Power(12));
        Assert.Equal("10⁻⁷", LogTickGenerator.Power(-7));
        Assert.Empty(LogTickGenerator.Generate(double.NaN, 1, 5));
    }
}
