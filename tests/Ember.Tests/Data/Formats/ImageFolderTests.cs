using Ember.Data;
using Ember.Data.Formats;

namespace Ember.Tests.Data.Formats;

public class ImageFolderTests
{
    private static Image Solid(int h, int w, int c, byte v) => new(Enumerable.Repeat(v, h * w * c).ToArray(), h, w, c);

    private static TempDir Tree()
    {
        var dir = new TempDir();
        foreach (var cls in new[] { "dog", "cat", "Zebra", "bird" }) Directory.CreateDirectory(Path.Combine(dir.Path, cls));
        Png.Write(Path.Combine(dir.Path, "cat", "b.png"), Solid(4, 6, 3, 10));
        Png.Write(Path.Combine(dir.Path, "cat", "a.PNG"), Solid(4, 6, 1, 20));
        System.IO.File.WriteAllText(Path.Combine(dir.Path, "cat", "notes.txt"), "ignored");
        Pnm.Write(Path.Combine(dir.Path, "dog", "x.ppm"), Solid(4, 6, 3, 30));
        Directory.CreateDirectory(Path.Combine(dir.Path, "dog", "sub"));
        Pnm.Write(Path.Combine(dir.Path, "dog", "sub", "y.pgm"), Solid(4, 6, 1, 40));
        Png.Write(Path.Combine(dir.Path, "Zebra", "z.png"), Solid(4, 6, 4, 50));
        Pnm.Write(Path.Combine(dir.Path, "bird", "1.pgm"), Solid(4, 6, 1, 60), binary: false);
        System.IO.File.WriteAllText(Path.Combine(dir.Path, "README"), "a file at the root is not a class");
        return dir;
    }

    [Fact]
    public void ClassesAreSortedAndSamplesListedByPath()
    {
        using var dir = Tree();
        var ds = new ImageFolder(dir.Path);
        Assert.Equal(new[] { "Zebra", "bird", "cat", "dog" }, ds.Classes); // ordinal: upper case first, as Python sorts
        Assert.Equal(2, ds.ClassToIdx["cat"]);
        Assert.Equal(6, ds.Count);
        Assert.Equal(new[]
        {
            (Path.Combine(dir.Path, "Zebra", "z.png"), 0),
            (Path.Combine(dir.Path, "bird", "1.pgm"), 1),
            (Path.Combine(dir.Path, "cat", "a.PNG"), 2),
            (Path.Combine(dir.Path, "cat", "b.png"), 2),
            (Path.Combine(dir.Path, "dog", "x.ppm"), 3),
            (Path.Combine(dir.Path, "dog", "sub", "y.pgm"), 3),
        }, ds.Samples.ToArray());
        Assert.Equal(new[] { 0, 1, 2, 2, 3, 3 }, ds.Targets);
    }

    [Fact]
    public void ItemsAreChwTensorsInUnitRange()
    {
        using var dir = Tree();
        var ds = new ImageFolder(dir.Path);
        var (x, y) = ds[3]; // cat/b.png, RGB
        Assert.Equal(new Size(3, 4, 6), x.Shape);
        Assert.Equal(DType.Float32, x.DType);
        Assert.All(x.ToArray<float>(), v => Assert.Equal(10 / 255f, v, 6));
        Assert.Equal(2L, y.Item<long>());
        Assert.Equal(0, y.Dim);
        Assert.Equal(new Size(1, 4, 6), ds[2].Input.Shape); // gray PNG
        Assert.Equal(new Size(4, 4, 6), ds[0].Input.Shape); // RGBA PNG
        Assert.All(ds[1].Input.ToArray<float>(), v => Assert.Equal(60 / 255f, v, 6)); // ASCII PGM
    }

    [Fact]
    public void ChannelsOptionUnifiesAndTransformApplies()
    {
        using var dir = Tree();
        var ds = new ImageFolder(dir.Path, transform: t => t * 255, channels: 3);
        for (int i = 0; i < ds.Count; i++) Assert.Equal(new Size(3, 4, 6), ds[i].Input.Shape);
        Assert.All(ds[5].Input.ToArray<float>(), v => Assert.Equal(40f, v, 3)); // gray replicated
        var gray = new ImageFolder(dir.Path, channels: 1);
        Assert.Equal(new Size(1, 4, 6), gray[3].Input.Shape);
    }

    [Fact]
    public void ExtensionsFilterFiles()
    {
        using var dir = Tree();
        var e = Assert.Throws<FileNotFoundException>(() => new ImageFolder(dir.Path, extensions: ["png"]));
        Assert.Contains("found no valid file for the classes bird, dog", e.Message);
        Directory.Delete(Path.Combine(dir.Path, "bird"), true);
        Directory.Delete(Path.Combine(dir.Path, "dog"), true);
        var ds = new ImageFolder(dir.Path, extensions: ["PNG"]);
        Assert.Equal(3, ds.Count);
    }

    [Fact]
    public void MissingOrEmptyRootsAreErrors()
    {
        using var dir = new TempDir();
        Assert.Throws<FileNotFoundException>(() => new ImageFolder(dir.Path));
        Assert.Throws<DirectoryNotFoundException>(() => new ImageFolder(dir.File("nope")));
        Assert.Throws<ArgumentException>(() => new ImageFolder(dir.Path, channels: 2));
    }

    [Fact]
    public void CorruptFileFailsWhenRead()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("a"));
        System.IO.File.WriteAllBytes(Path.Combine(dir.Path, "a", "bad.png"), [1, 2, 3]);
        var ds = new ImageFolder(dir.Path);
        var e = Assert.Throws<InvalidDataException>(() => ds[0]);
        Assert.Equal("image: bad.png: unrecognized image format (supported: PNG, PGM P2/P5, PPM P3/P6)", e.Message);
    }

    [Fact]
    public void ConvertFollowsPil()
    {
        // PIL: Image.new('RGB', (1, 1), (200, 100, 50)).convert('L') -> 124 (ITU-R 601-2 luma, fixed point).
        var rgb = new Image([200, 100, 50], 1, 1, 3);
        Assert.Equal(new byte[] { 124 }, ImageFile.Convert(rgb, 1).Pixels);
        Assert.Equal(new byte[] { 200, 100, 50, 255 }, ImageFile.Convert(rgb, 4).Pixels);
        Assert.Equal(new byte[] { 7, 7, 7 }, ImageFile.Convert(new Image([7], 1, 1, 1), 3).Pixels);
        Assert.Equal(new byte[] { 1, 2, 3 }, ImageFile.Convert(new Image([1, 2, 3, 4], 1, 1, 4), 3).Pixels);
    }

    [Fact]
    public void ItemsAreChannelFirst()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("c"));
        Png.Write(Path.Combine(dir.Path, "c", "p.png"), new Image([0, 51, 102, 153, 204, 255], 1, 2, 3));
        var t = new ImageFolder(dir.Path)[0].Input;
        Assert.Equal(new Size(3, 1, 2), t.Shape);
        Assert.Equal(new[] { 0f, 153 / 255f, 51 / 255f, 204 / 255f, 102 / 255f, 1f }, t.ToArray<float>());
    }

    [Fact]
    public void WriteChoosesTheFormatFromTheExtension()
    {
        using var dir = new TempDir();
        ImageFile.Write(dir.File("a.ppm"), Solid(2, 2, 3, 9));
        Assert.Equal("P6", System.Text.Encoding.ASCII.GetString(System.IO.File.ReadAllBytes(dir.File("a.ppm")), 0, 2));
        Assert.Throws<ArgumentException>(() => ImageFile.Write(dir.File("a.pgm"), Solid(2, 2, 3, 9)));
        Assert.Throws<ArgumentException>(() => ImageFile.Write(dir.File("a.jpg"), Solid(2, 2, 3, 9)));
    }
}
