using System.Text;
using Ember.Data;
using Ember.Data.Formats;

namespace Ember.Tests.Data.Formats;

/// <summary>Tests that change the process-wide <see cref="ImageFile.MaxImagePixels"/> run alone, after the parallel tests.</summary>
[CollectionDefinition("MaxImagePixels", DisableParallelization = true)]
public sealed class MaxImagePixelsCollection;

[Collection("MaxImagePixels")]
public class ImageLimitTests
{
    private static byte[] GrayPng(uint w, uint h, byte[]? zlib = null) =>
        PngBuilder.File(PngBuilder.Ihdr(w, h, 8, 0), zlib ?? PngBuilder.Zlib(new byte[h * (w + 1)]));

    private static void WithLimit(long? limit, Action body)
    {
        var saved = ImageFile.MaxImagePixels;
        try
        {
            ImageFile.MaxImagePixels = limit;
            body();
        }
        finally
        {
            ImageFile.MaxImagePixels = saved;
        }
    }

    [Fact]
    public void TheDefaultIsPilsMaxImagePixels()
    {
        Assert.Equal(89_478_485L, ImageFile.DefaultMaxImagePixels); // PIL: int(1024 * 1024 * 1024 // 4 // 3)
        Assert.Equal(ImageFile.DefaultMaxImagePixels, ImageFile.MaxImagePixels);
        // One pixel over: rejected from the header alone; exactly at the limit: the header passes (and the 4-byte IDAT is then too short).
        var over = Assert.Throws<InvalidDataException>(() => Png.Decode(GrayPng(89_478_486, 1, [0x78, 0x9C, 3, 0, 0, 0, 0, 1]), "bomb.png"));
        Assert.Equal("png: bomb.png: the image is 89478486x1 = 89478486 pixels, more than ImageFile.MaxImagePixels = 89478485 " +
            "(a guard against decompression bombs, PIL's Image.MAX_IMAGE_PIXELS); if the file is trusted, raise the limit or set it to null", over.Message);
        var at = Assert.Throws<InvalidDataException>(() => Png.Decode(GrayPng(89_478_485, 1, [0x78, 0x9C, 3, 0, 0, 0, 0, 1]), "ok.png"));
        Assert.Contains("truncated image data", at.Message);
        var pnm = Assert.Throws<InvalidDataException>(() => Pnm.Decode(Encoding.ASCII.GetBytes("P5 10000 10000 255\n\0"), "bomb.pgm"));
        Assert.StartsWith("pnm: bomb.pgm: the image is 10000x10000 = 100000000 pixels, more than ImageFile.MaxImagePixels", pnm.Message);
    }

    [Fact]
    public void ADeflateBombIsRejectedBeforeInflating()
    {
        // 9,000 x 9,000 zeros is 81 MB of scanlines in an ~80 KB zlib stream: under the limit it is inflated; over it, never.
        var zeros = PngBuilder.Zlib(new byte[9000 * 9001]);
        Assert.True(zeros.Length < 100_000);
        WithLimit(50_000_000, () =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var e = Assert.Throws<InvalidDataException>(() => Png.Decode(GrayPng(9000, 9000, zeros), "zeros.png"));
            Assert.Contains("more than ImageFile.MaxImagePixels = 50000000", e.Message);
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
        });
    }

    [Fact]
    public void TheLimitIsConfigurableForEveryDecoder()
    {
        using var dir = new TempDir();
        var small = new Image(new byte[100], 10, 10, 1);
        var large = new Image(new byte[110], 10, 11, 1);
        ImageFile.Write(dir.File("small.png"), small);
        ImageFile.Write(dir.File("large.png"), large);
        ImageFile.Write(dir.File("large.pgm"), large);
        Directory.CreateDirectory(dir.File("root/a"));
        ImageFile.Write(dir.File("root/a/large.ppm"), ImageFile.Convert(large, 3));
        var folder = new ImageFolder(dir.File("root"));
        WithLimit(100, () =>
        {
            Assert.Equal(100L, ImageFile.MaxImagePixels);
            Assert.Equal(small.Pixels, ImageFile.Read(dir.File("small.png")).Pixels);
            Assert.Contains("11x10 = 110 pixels, more than ImageFile.MaxImagePixels = 100", Assert.Throws<InvalidDataException>(() => ImageFile.Read(dir.File("large.png"))).Message);
            Assert.StartsWith("pnm: large.pgm: the image is 11x10", Assert.Throws<InvalidDataException>(() => Pnm.Read(dir.File("large.pgm"))).Message);
            Assert.StartsWith("pnm: large.ppm: the image is 11x10", Assert.Throws<InvalidDataException>(() => folder[0]).Message);
        });
        Assert.Equal(large.Pixels, ImageFile.Read(dir.File("large.png")).Pixels);
    }

    [Fact]
    public void NullOrZeroDisablesTheLimitAndSizesStillCannotOverflow()
    {
        WithLimit(0, () => Assert.Null(ImageFile.MaxImagePixels));
        WithLimit(null, () =>
        {
            Assert.Null(ImageFile.MaxImagePixels);
            // 20,000 x 20,000 passes the (absent) pixel limit; the 100-byte IDAT cannot hold it.
            Assert.Contains("truncated image data", Assert.Throws<InvalidDataException>(() => Png.Decode(GrayPng(20000, 20000, PngBuilder.Zlib(new byte[100])))).Message);
            // (2^31 - 1)^2 RGBA 16-bit: w·h·8 bytes of scanlines passes 2^63 — no wrap-around to a small size.
            foreach (var (w, h, depth, type) in new (uint, uint, int, int)[] { (0x7FFFFFFF, 0x7FFFFFFF, 16, 6), (0x7FFFFFFF, 0x7FFFFFFF, 8, 2), (0x7FFFFFFF, 1, 16, 6), (1, 0x7FFFFFFF, 8, 0) })
            {
                var png = PngBuilder.File(PngBuilder.Ihdr(w, h, depth, type), PngBuilder.Zlib(new byte[64]));
                var e = Assert.Throws<InvalidDataException>(() => Png.Decode(png, "wrap.png"));
                Assert.Matches("too large to decode|truncated image data", e.Message);
            }
            Assert.Contains("truncated raster", Assert.Throws<InvalidDataException>(() => Pnm.Decode(Encoding.ASCII.GetBytes("P5 40000 40000 255\n\0"))).Message);
        });
        var bad = Assert.Throws<ArgumentOutOfRangeException>(() => ImageFile.MaxImagePixels = -1);
        Assert.StartsWith("ImageFile.MaxImagePixels: the limit must be positive", bad.Message);
        Assert.Equal(ImageFile.DefaultMaxImagePixels, ImageFile.MaxImagePixels);
    }
}
