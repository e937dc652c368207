using System.Buffers.Binary;
using System.IO.Compression;
using Ember.Data;
using Ember.Data.Formats;

namespace Ember.Tests.Data.Formats;

/// <summary>The zlib layer of PNG decoding: header checks, the adler-32 trailer, truncated and overlong streams.</summary>
public class PngZlibTests
{
    private static byte[] RandomGray(int h, int w, int seed)
    {
        var p = new byte[h * w];
        new Random(seed).NextBytes(p);
        return p;
    }

    /// <summary>A w×h 8-bit gray PNG whose IDAT holds <paramref name="zlib"/> (default: the pixels' scanlines, compressed).</summary>
    private static byte[] GrayPng(int h, int w, byte[] zlib) => PngBuilder.File(PngBuilder.Ihdr((uint)w, (uint)h, 8, 0), zlib);

    private static InvalidDataException Rejected(byte[] file)
    {
        var e = Assert.Throws<InvalidDataException>(() => Png.Decode(file, "z.png"));
        Assert.StartsWith("png: z.png: ", e.Message);
        return e;
    }

    [Theory]
    [InlineData(4, CompressionLevel.Optimal)]
    [InlineData(300, CompressionLevel.Optimal)]
    [InlineData(300, CompressionLevel.NoCompression)]
    public void ValidStreamsOfAnySizeDecode(int side, CompressionLevel level)
    {
        var pixels = RandomGray(side, side, 1);
        var image = Png.Decode(GrayPng(side, side, PngBuilder.Zlib(PngBuilder.Scanlines(pixels, side, side), level)));
        Assert.Equal(pixels, image.Pixels);
    }

    [Fact]
    public void APresetDictionaryIsInvalidData()
    {
        // FLG with FDICT set (and FCHECK fixed), then the 4-byte dictionary id: zlib would need a dictionary; PNG forbids one.
        var z = PngBuilder.Zlib(PngBuilder.Scanlines(RandomGray(4, 4, 2), 4, 4));
        int cmf = z[0], flg = (z[1] & 0xC0) | 0x20;
        flg |= (31 - (cmf * 256 + flg) % 31) % 31;
        byte[] fdict = [(byte)cmf, (byte)flg, 0xDE, 0xAD, 0xBE, 0xEF, .. z[2..]];
        var e = Rejected(GrayPng(4, 4, fdict));
        Assert.Contains("preset dictionary (FDICT", e.Message);
    }

    [Theory]
    [InlineData(0x77, "compression method 7")]
    [InlineData(0x88, "window size 2^16")]
    [InlineData(0x78, "check bits fail")]
    public void BadZlibHeadersNameTheProblem(int cmf, string expected)
    {
        var z = PngBuilder.Zlib(PngBuilder.Scanlines(RandomGray(4, 4, 3), 4, 4));
        z[0] = (byte)cmf;
        if (cmf == 0x78) z[1] ^= 1; // a bad FCHECK
        else z[1] = (byte)((z[1] & 0xE0) | (31 - (cmf * 256 + (z[1] & 0xE0)) % 31) % 31);
        Assert.Contains(expected, Rejected(GrayPng(4, 4, z)).Message);
    }

    [Fact]
    public void AFlippedByteInStoredDataIsCaughtByTheChecksum()
    {
        // Stored (uncompressed) deflate blocks: a flipped byte decodes without any deflate error; only adler-32 can catch it.
        // Inflating exactly the image's bytes never reaches the trailer, so it must be read on purpose.
        const int Side = 300;
        var z = PngBuilder.Zlib(PngBuilder.Scanlines(RandomGray(Side, Side, 4), Side, Side), CompressionLevel.NoCompression);
        z[1000] ^= 0x10; // a pixel byte inside the first stored block
        Assert.Contains("adler-32 checksum mismatch", Rejected(GrayPng(Side, Side, z)).Message);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(300)]
    public void AWrongChecksumIsNamed(int side)
    {
        var z = PngBuilder.Zlib(PngBuilder.Scanlines(RandomGray(side, side, 5), side, side));
        z[^1] ^= 0x01;
        var e = Rejected(GrayPng(side, side, z));
        Assert.Contains("adler-32 checksum mismatch", e.Message);
        Assert.Contains($"computed 0x{Zlib.Adler32(PngBuilder.Scanlines(RandomGray(side, side, 5), side, side)):X8}", e.Message);
    }

    [Theory]
    [InlineData(4, 1)]
    [InlineData(4, 4)]
    [InlineData(300, 1)]
    [InlineData(300, 3)]
    [InlineData(300, 4)]
    public void AStreamCutInsideItsChecksumIsTruncated(int side, int cut)
    {
        var z = PngBuilder.Zlib(PngBuilder.Scanlines(RandomGray(side, side, 6), side, side));
        Assert.Contains("truncated", Rejected(GrayPng(side, side, z[..^cut])).Message);
    }

    [Fact]
    public void AStreamCutInsideItsDataIsTruncated()
    {
        var z = PngBuilder.Zlib(PngBuilder.Scanlines(RandomGray(300, 300, 7), 300, 300));
        Assert.Contains("truncated", Rejected(GrayPng(300, 300, z[..(z.Length / 2)])).Message);
    }

    [Fact]
    public void MoreDataThanTheImageNeedsIsRejected()
    {
        // A zlib stream holding one row more than the IHDR declares: the header and the data disagree.
        var z = PngBuilder.Zlib(PngBuilder.Scanlines(RandomGray(301, 300, 8), 301, 300));
        Assert.Contains("decompresses to more than the 90300 bytes", Rejected(GrayPng(300, 300, z)).Message);
    }

    [Fact]
    public void CorruptDeflateDataNamesTheFile()
    {
        var z = PngBuilder.Zlib(PngBuilder.Scanlines(RandomGray(8, 8, 9), 8, 8));
        z[2] |= 0b110; // BTYPE = 11, a reserved block type
        Assert.Contains("corrupt deflate data", Rejected(GrayPng(8, 8, z)).Message);
    }

    [Fact]
    public void BytesAfterACompleteStreamAreIgnored()
    {
        // As libpng (a benign "extra compressed data" warning) and PIL: the image and its checksum are complete and verified.
        var pixels = RandomGray(6, 6, 10);
        var z = PngBuilder.Zlib(PngBuilder.Scanlines(pixels, 6, 6));
        Assert.Equal(pixels, Png.Decode(GrayPng(6, 6, [.. z, 0, 0, 0])).Pixels);
    }

    [Fact]
    public void Adler32MatchesTheRfcExample()
    {
        // RFC 1950's definition: "Wikipedia" → 0x11E60398 (the classic example), and the empty input → 1.
        Assert.Equal(0x11E60398u, Zlib.Adler32("Wikipedia"u8));
        Assert.Equal(1u, Zlib.Adler32([]));
        var big = new byte[100_000];
        Array.Fill(big, (byte)255); // sums that need the periodic modulo
        uint a = 1, b = 0;
        foreach (byte x in big) { a = (a + x) % 65521; b = (b + a) % 65521; }
        Assert.Equal(b << 16 | a, Zlib.Adler32(big));
    }
}
