namespace Ember.Plots.Tests;

public class ConfusionMatrixPlotTests
{
    private static Tensor Matrix() => Torch.FromArray(new long[] { 50, 2, 0, 1, 45, 4, 0, 3, 47 }, 3, 3);

    [Fact]
    public void EveryCountAndNameIsShown()
    {
        var texts = Svg.Texts(Figure.ToSvg(ConfusionMatrixPlot.Create(Matrix(), ["cat", "<b>owl</b>", "dog"])));
        foreach (string count in new[] { "50", "2", "1", "45", "4", "3", "47" }) Assert.Contains(count, texts);
        Assert.Equal(2, texts.Count(t => t == "0"));
        // The class names label both axes (the SVG writer escapes markup, and the XML parser reads it back).
        Assert.Equal(2, texts.Count(t => t == "<b>owl</b>"));
        Assert.Contains("Predicted label", texts);
        Assert.Contains("True label", texts);
    }

    [Fact]
    public void RowsAreTrueClassesTopToBottomAsInScikitLearn()
    {
        var pos = Svg.TextPositions(Figure.ToSvg(ConfusionMatrixPlot.Create(Matrix(), ["a", "b", "c"])));
        // Cell [0, 0] (50) is top left, [0, 1] (2) right of it, [2, 2] (47) bottom right.
        var c50 = pos.Single(p => p.Text == "50");
        var c2 = pos.Single(p => p.Text == "2");
        var c47 = pos.Single(p => p.Text == "47");
        Assert.Equal(c50.Y, c2.Y, 1);
        Assert.True(c2.X > c50.X);
        Assert.True(c47.X > c2.X && c47.Y > c50.Y);
        // The y axis labels: "a" above "c".
        var a = pos.Where(p => p.Text == "a").MinBy(p => p.X);
        var c = pos.Where(p => p.Text == "c").MinBy(p => p.X);
        Assert.True(a.Y < c.Y);
    }

    [Fact]
    public void NormalizedRowsShowFractions()
    {
        var texts = Svg.Texts(Figure.ToSvg(ConfusionMatrixPlot.Create(Matrix(), normalize: true)));
        Assert.Contains("0.96", texts); // 50/52
        Assert.Contains("0.9", texts);  // 45/50
        Assert.Contains("0.94", texts); // 47/50
        Assert.DoesNotContain("50", texts);
    }

    [Fact]
    public void FloatCountsAndIndexNames()
    {
        var texts = Svg.Texts(Figure.ToSvg(ConfusionMatrixPlot.Create(Torch.FromArray(new float[] { 1.5f, 0, 0, 2 }, 2, 2))));
        Assert.Contains("1.5", texts);
        Assert.Contains("2", texts);
        Assert.Contains("1", texts); // the index name of class 1
    }

    [Fact]
    public void BadInputsThrow()
    {
        var e = Assert.Throws<ArgumentException>(() => ConfusionMatrixPlot.Create(Torch.Zeros(2, 3)));
        Assert.StartsWith("confusion matrix plot: the matrix must be 2-D, square and non-empty, got shape [2, 3]", e.Message);
        Assert.Throws<ArgumentException>(() => ConfusionMatrixPlot.Create(Torch.Zeros(4)));
        Assert.Throws<ArgumentException>(() => ConfusionMatrixPlot.Create(Torch.Zeros(0, 0)));
        Assert.Throws<ArgumentException>(() => ConfusionMatrixPlot.Create(Torch.Zeros(2, 2, 2)));
        e = Assert.Throws<ArgumentException>(() => ConfusionMatrixPlot.Create(Matrix(), ["a", "b"]));
        Assert.StartsWith("confusion matrix plot: 2 class names for a 3x3 matrix", e.Message);
        e = Assert.Throws<ArgumentException>(() => ConfusionMatrixPlot.Create(Torch.FromArray(new long[] { 1, -1, 0, 1 }, 2, 2)));
        Assert.StartsWith("confusion matrix plot: element [0, 1] is -1", e.Message);
        Assert.Throws<ArgumentException>(() => ConfusionMatrixPlot.Create(Torch.FromArray(new double[] { 1, double.NaN, 0, 1 }, 2, 2)));
        Assert.Throws<ArgumentException>(() => ConfusionMatrixPlot.Create(Torch.FromArray(new bool[] { true, false, false, true }, 2, 2)));
        Assert.Throws<ArgumentNullException>(() => ConfusionMatrixPlot.Create(null!));
    }
}
