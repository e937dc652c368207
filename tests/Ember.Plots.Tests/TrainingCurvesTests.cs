namespace Ember.Plots.Tests;

public class TrainingCurvesTests
{
    [Fact]
    public void DefaultPlotsLossAndValidationLossWithLabels()
    {
        var texts = Svg.Texts(Figure.ToSvg(TrainingCurves.Create(TestData.Run())));
        Assert.Contains("loss", texts);
        Assert.Contains("val_loss", texts);
        Assert.Contains("epoch", texts);
        Assert.DoesNotContain("accuracy", texts);
        // Epochs are 1-based on the x axis.
        Assert.Contains("1", texts);
        Assert.Contains("5", texts);
    }

    [Fact]
    public void LogScaleLabelsThePowersOfTen()
    {
        var texts = Svg.Texts(Figure.ToSvg(TrainingCurves.Create(TestData.Run(), logY: true)));
        // loss spans 0.008 … 2.3: the decades 10⁻², 10⁻¹ and 10⁰ are visible.
        Assert.Contains("10⁻²", texts);
        Assert.Contains("10⁻¹", texts);
        Assert.Contains("10⁰", texts);
        Assert.Contains("loss (log scale)", texts);
        Assert.DoesNotContain("0.5", texts);
        var linear = Svg.Texts(Figure.ToSvg(TrainingCurves.Create(TestData.Run())));
        Assert.DoesNotContain("10⁻¹", linear);
    }

    [Fact]
    public void MissingEpochsAreGaps()
    {
        // val_loss (orange) is NaN at epoch 3: no marker there and no line between epochs 2 and 4, while the loss (blue)
        // line runs through all five epochs.
        var doc = Svg.Parse(Figure.ToSvg(TrainingCurves.Create(TestData.Run())));
        // The data comes before the legend (the first text element) in the document.
        var elements = doc.Descendants().TakeWhile(e => e.Name.LocalName != "text").ToList();
        double[] Markers(string color) => elements.Where(e => e.Name.LocalName == "ellipse" && (string?)e.Attribute("fill") == color)
            .Select(e => double.Parse((string)e.Attribute("cx")!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        double[] blue = Markers("#1F77B4"), orange = Markers("#FF7F0E");
        Assert.Equal(5, blue.Length);
        Assert.Equal([blue[0], blue[1], blue[3], blue[4]], orange);
        string lines = string.Join(" ", elements.Where(e => e.Name.LocalName == "path" && (string?)e.Attribute("stroke") == "#FF7F0E").Select(e => e.Attribute("d")!.Value));
        // The orange line is two pieces: epochs 1–2, then a new piece (a move, not a line) from epoch 4.
        var commands = System.Text.RegularExpressions.Regex.Matches(lines, @"([ML])([-0-9.]+) ")
            .Select(m => (m.Groups[1].Value, double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        Assert.True(commands.Length >= 4, lines);
        Assert.Contains(commands, c => c.Item1 == "M" && Math.Abs(c.Item2 - blue[3]) < 1);
        Assert.DoesNotContain(commands, c => c.Item1 == "L" && Math.Abs(c.Item2 - blue[3]) < 1);
        Assert.Contains(commands, c => c.Item1 == "L" && Math.Abs(c.Item2 - blue[4]) < 1);
    }

    [Fact]
    public void FamiliesPairEachQuantityWithItsValidationTwin()
    {
        var families = TrainingCurves.Families(TestData.Run());
        Assert.Equal(2, families.Count);
        Assert.Equal(["loss", "val_loss"], families[0]);
        Assert.Equal(["accuracy", "val_accuracy"], families[1]);
        var onlyVal = TestData.History((0, [("val_mae", 1.0), ("loss", 2.0)]));
        Assert.Equal([["loss"], ["val_mae"]], TrainingCurves.Families(onlyVal).Select(f => f.ToArray()).ToArray());
    }

    [Fact]
    public void CreateAllMakesOnePlotPerFamily()
    {
        var plots = TrainingCurves.CreateAll(TestData.Run());
        Assert.Equal(2, plots.Count);
        var texts = Svg.Texts(Figure.ToSvg(plots[1]));
        Assert.Contains("val_accuracy", texts);
        Assert.Contains("accuracy", texts);
    }

    [Fact]
    public void ExplicitKeys()
    {
        var texts = Svg.Texts(Figure.ToSvg(TrainingCurves.Create(TestData.Run(), ["lr"], logY: true)));
        Assert.Contains("lr", texts);
        Assert.DoesNotContain("val_loss", texts);
    }

    [Fact]
    public void BadInputsThrow()
    {
        var e = Assert.Throws<ArgumentException>(() => TrainingCurves.Create(TestData.Run(), ["loss", "f1"]));
        Assert.StartsWith("training curves: 'f1' was not recorded (recorded: loss, accuracy, val_loss", e.Message);
        Assert.Throws<ArgumentException>(() => TrainingCurves.Create(TestData.Run(), []));
        Assert.Throws<ArgumentException>(() => TrainingCurves.Create(new Ember.Training.History()));
        Assert.Throws<ArgumentNullException>(() => TrainingCurves.Create(null!));
        Assert.Empty(TrainingCurves.CreateAll(new Ember.Training.History()));
    }

    [Fact]
    public void AllNaNStillRenders()
    {
        var h = TestData.History((0, [("loss", double.NaN)]), (1, [("loss", double.PositiveInfinity)]));
        Assert.Contains("loss", Svg.Texts(Figure.ToSvg(TrainingCurves.Create(h, logY: true))));
    }
}
