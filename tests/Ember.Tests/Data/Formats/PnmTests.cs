using System.Diagnostics;
using System.Text;
using Ember.Data;
using Ember.Data.Formats;

namespace Ember.Tests.Data.Formats;

public class PnmTests
{
    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    [Fact]
    public void ReadsAsciiPgmWithComments()
    {
        var img = Pnm.Decode(Ascii("P2\n# a comment\n3 2 # width height\n255\n0 1 2\n# inside the raster\n253\t254\r\n255"), "a.pgm");
        Assert.Equal((2, 3, 1), (img.Height, img.Width, img.Channels));
        Assert.Equal(new byte[] { 0, 1, 2, 253, 254, 255 }, img.Pixels);
    }

    [Fact]
    public void ReadsAsciiPpm()
    {
        var img = Pnm.Decode(Ascii("P3 2 1 255  10 20 30   40 50 60\n"));
        Assert.Equal((1, 2, 3), (img.Height, img.Width, img.Channels));
        Assert.Equal(new byte[] { 10, 20, 30, 40, 50, 60 }, img.Pixels);
    }

    [Fact]
    public void ReadsBinaryPgmAndPpm()
    {
        var pgm = Pnm.Decode([.. Ascii("P5\n#c\n2 2\n255\n"), 0, 10, 200, 255]);
        Assert.Equal(new byte[] { 0, 10, 200, 255 }, pgm.Pixels);
        Assert.Equal(1, pgm.Channels);
        // The raster may start with bytes that look like whitespace or '#': exactly one whitespace byte follows maxval.
        var ppm = Pnm.Decode([.. Ascii("P6 1 2 255\t"), (byte)' ', (byte)'#', 10, 1, 2, 3]);
        Assert.Equal((2, 1, 3), (ppm.Height, ppm.Width, ppm.Channels));
        Assert.Equal(new byte[] { 32, 35, 10, 1, 2, 3 }, ppm.Pixels);
    }

    [Fact]
    public void ScalesSamplesBelowMaxval255()
    {
        var img = Pnm.Decode(Ascii("P2 4 1 15 0 1 8 15"));
        Assert.Equal(new byte[] { 0, 17, 136, 255 }, img.Pixels);
        var bin = Pnm.Decode([.. Ascii("P5 3 1 1\n"), 0, 1, 1]);
        Assert.Equal(new byte[] { 0, 255, 255 }, bin.Pixels);
        var e = Assert.Throws<InvalidDataException>(() => Pnm.Decode(Ascii("P2 2 1 15 3 16"), "m.pgm"));
        Assert.Equal("pnm: m.pgm: sample 1 is 16, above maxval 15", e.Message);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(1, false)]
    [InlineData(3, true)]
    [InlineData(3, false)]
    public void WriteReadRoundTrips(int channels, bool binary)
    {
        using var dir = new TempDir();
        var p = new byte[5 * 7 * channels];
        for (int i = 0; i < p.Length; i++) p[i] = (byte)(i * 41);
        var img = new Image(p, 5, 7, channels);
        string path = dir.File(channels == 1 ? "x.pgm" : "x.ppm");
        Pnm.Write(path, img, binary);
        var back = Pnm.Read(path);
        Assert.Equal((5, 7, channels), (back.Height, back.Width, back.Channels));
        Assert.Equal(p, back.Pixels);
        Assert.Equal(p, ImageFile.Read(path).Pixels);
        string magic = Encoding.ASCII.GetString(System.IO.File.ReadAllBytes(path), 0, 2);
        Assert.Equal((channels, binary) switch { (1, false) => "P2", (3, false) => "P3", (1, true) => "P5", _ => "P6" }, magic);
        Assert.Throws<ArgumentException>(() => Pnm.Encode(new Image(new byte[4], 1, 1, 4)));
    }

    [Fact]
    public void TruncatedRasterIsRejected()
    {
        var e = Assert.Throws<InvalidDataException>(() => Pnm.Decode([.. Ascii("P5 4 4 255\n"), 1, 2, 3], "t.pgm"));
        Assert.Equal("pnm: t.pgm: truncated raster: expected 16 bytes of pixels for 4x4x1, found 3", e.Message);
        e = Assert.Throws<InvalidDataException>(() => Pnm.Decode(Ascii("P3 2 2 255 1 2 3 4 5 6 7 8 9 10 11"), "t.ppm"));
        Assert.Equal("pnm: t.ppm: truncated raster: expected 12 samples for 2x2x3, found 11", e.Message);
        e = Assert.Throws<InvalidDataException>(() => Pnm.Decode(Ascii("P2 100 100 255 1 2 3"), "u.pgm"));
        Assert.StartsWith("pnm: u.pgm: truncated raster: 100x100x1 needs 10000 ASCII samples", e.Message);
    }

    [Fact]
    public void OversizedHeaderFailsBeforeAllocating()
    {
        foreach (var header in new[] { "P6 2000000000 2000000000 255\n", "P5 65535 65535 255\n", "P2 40000 40000 255\n", "P6 99999999999999999999 1 255\n" })
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            var e = Assert.Throws<InvalidDataException>(() => Pnm.Decode([.. Ascii(header), 1, 2, 3], "big"));
            Assert.StartsWith("pnm: big: ", e.Message);
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, header);
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public void MalformedHeadersAreRejected()
    {
        Assert.Contains("bad magic", Assert.Throws<InvalidDataException>(() => Pnm.Decode(Ascii("Q5 1 1 255\n0"))).Message);
        Assert.Contains("bad magic", Assert.Throws<InvalidDataException>(() => Pnm.Decode(Ascii("P9 1 1 255\n0"))).Message);
        Assert.Contains("must be followed by whitespace", Assert.Throws<InvalidDataException>(() => Pnm.Decode(Ascii("P51 1 255\n0"))).Message);
        Assert.Contains("width is not a number", Assert.Throws<InvalidDataException>(() => Pnm.Decode(Ascii("P5 x 1 255\n0"))).Message);
        Assert.Contains("height is not a number", Assert.Throws<InvalidDataException>(() => Pnm.Decode(Ascii("P5 1 -1 255\n0"))).Message);
        Assert.Contains("missing maxval", Assert.Throws<InvalidDataException>(() => Pnm.Decode(Ascii("P5 1 1 "))).Message);
        Assert.Contains("invalid size 0x1", Assert.Throws<InvalidDataException>(() => Pnm.Decode(Ascii("P5 0 1 255\n"))).Message);
        Assert.Contains("maxval 0", Assert.Throws<InvalidDataException>(() => Pnm.Decode(Ascii("P5 1 1 0\n\0"))).Message);
        Assert.Contains("sample 1 is not a number", Assert.Throws<InvalidDataException>(() => Pnm.Decode(Ascii("P2 2 1 255 1 x"))).Message);
        Assert.Contains("truncated header after maxval", Assert.Throws<InvalidDataException>(() => Pnm.Decode(Ascii("P5 1 1 255"))).Message);
        Assert.Contains("truncated raster", Assert.Throws<InvalidDataException>(() => Pnm.Decode(Ascii("P5 1 1 255\n"))).Message);
    }

    [Fact]
    public void UnsupportedVariantsSayWhy()
    {
        Assert.Contains("16-bit", Assert.Throws<NotSupportedException>(() => Pnm.Decode(Ascii("P5 1 1 65535\n\0\0"))).Message);
        Assert.Contains("bitmaps", Assert.Throws<NotSupportedException>(() => Pnm.Decode(Ascii("P1 1 1 1"))).Message);
        Assert.Contains("PAM", Assert.Throws<NotSupportedException>(() => Pnm.Decode(Ascii("P7\nWIDTH 1\n"))).Message);
        Assert.Throws<FileNotFoundException>(() => Pnm.Read("/nonexistent.pgm"));
    }
}
