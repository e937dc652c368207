namespace Ember.Plots.Tests;

public sealed class FigureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-plots-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void SvgIsWellFormedXmlOfTheRequestedSize()
    {
        string path = Path.Combine(_dir, "curves.svg");
        Figure.Save(TrainingCurves.Create(TestData.Run()), path, 500, 300);
        var root = Svg.Parse(File.ReadAllText(path)).Root!;
        Assert.Equal("svg", root.Name.LocalName);
        Assert.Equal("500", (string?)root.Attribute("width"));
        Assert.Equal("300", (string?)root.Attribute("height"));
        Assert.Equal(["curves.svg"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void SvgCoordinateListsHaveNoTrailingSeparator()
    {
        string svg = Figure.ToSvg(TrainingCurves.Create(TestData.Run()));
        Assert.Contains("<text", svg);
        Assert.DoesNotMatch(@"\b[xy]=""[^""]*,\s*""", svg);
    }

    [Fact]
    public void PngHasTheSignatureTheRequestedSizeAndInk()
    {
        string path = Path.Combine(_dir, "CURVES.PNG");
        Figure.Save(TrainingCurves.Create(TestData.Run()), path, 321, 203);
        byte[] png = File.ReadAllBytes(path);
        var (w, h, _, _) = Png.Header(png);
        Assert.Equal((321, 203), (w, h));
        var (nonWhite, colors) = Png.Ink(png);
        Assert.InRange(nonWhite, 2000, 321 * 203 / 2);
        Assert.True(colors > 20, $"{colors} colours");
    }

    [Fact]
    public void SaveOverwritesAtomicallyLeavingNoTemporaryFile()
    {
        string path = Path.Combine(_dir, "plot.svg");
        File.WriteAllText(path, "old");
        Figure.Save(TrainingCurves.Create(TestData.Run()), path);
        Assert.StartsWith("<?xml", File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void AFailedWriteLeavesNoTemporaryFile()
    {
        // The target is a folder: the rename fails after the temporary file was written.
        string path = Path.Combine(_dir, "taken.png");
        Directory.CreateDirectory(path);
        Assert.ThrowsAny<IOException>(() => Figure.Save(TrainingCurves.Create(TestData.Run()), path));
        Assert.Equal([path], Directory.GetFileSystemEntries(_dir));
        Assert.Empty(Directory.GetFileSystemEntries(path));
    }

    [Theory]
    [InlineData("plot.jpg", ".jpg")]
    [InlineData("plot", "''")]
    [InlineData("plot.svg.bak", ".bak")]
    public void OtherExtensionsAreRejectedByName(string file, string named)
    {
        var e = Assert.Throws<ArgumentException>(() => Figure.Save(TrainingCurves.Create(TestData.Run()), Path.Combine(_dir, file)));
        Assert.StartsWith("save figure: unsupported extension", e.Message);
        Assert.Contains(named, e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void BadArgumentsThrowDocumentedExceptions()
    {
        var plot = TrainingCurves.Create(TestData.Run());
        Assert.Equal("save figure: width must be in [1, 16384], got 0 (Parameter 'width')\nActual value was 0.",
            Assert.Throws<ArgumentOutOfRangeException>(() => Figure.Save(plot, Path.Combine(_dir, "a.png"), 0, 10)).Message.ReplaceLineEndings("\n"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Figure.ToSvg(plot, 10, Figure.MaxSize + 1));
        Assert.Throws<ArgumentNullException>(() => Figure.Save(null!, Path.Combine(_dir, "a.png")));
        Assert.Throws<ArgumentException>(() => Figure.Save(plot, ""));
        Assert.Throws<DirectoryNotFoundException>(() => Figure.Save(plot, Path.Combine(_dir, "missing", "a.png")));
    }
}
