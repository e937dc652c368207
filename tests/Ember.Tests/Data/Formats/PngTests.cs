using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Ember.Data;
using Ember.Data.Formats;

namespace Ember.Tests.Data.Formats;

public class PngTests
{
    // ---- test-side PNG writer, independent of the library's encoder (bitwise CRC, hand-filtered scanlines) ----

    private static uint BitwiseCrc(ReadOnlySpan<byte> data)
    {
        uint c = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            c ^= b;
            for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (uint)-(int)(c & 1));
        }
        return ~c;
    }

    private static byte[] Chunk(string type, ReadOnlySpan<byte> body)
    {
        var c = new byte[12 + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(c, body.Length);
        Encoding.ASCII.GetBytes(type, c.AsSpan(4));
        body.CopyTo(c.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(c.AsSpan(8 + body.Length), BitwiseCrc(c.AsSpan(4, 4 + body.Length)));
        return c;
    }

    private static byte[] Ihdr(int w, int h, int depth, int colorType, int interlace = 0)
    {
        var b = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(b, w);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(4), h);
        b[8] = (byte)depth; b[9] = (byte)colorType; b[12] = (byte)interlace;
        return b;
    }

    private static byte[] Zlib(byte[] raw)
    {
        using var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.Optimal)) z.Write(raw);
        return ms.ToArray();
    }

    private static readonly byte[] Sig = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static byte[] File(byte[] ihdr, byte[] idatData, params byte[][] extraBeforeIdat)
    {
        var parts = new List<byte[]> { Sig, Chunk("IHDR", ihdr) };
        parts.AddRange(extraBeforeIdat);
        parts.Add(Chunk("IDAT", idatData));
        parts.Add(Chunk("IEND", []));
        return parts.SelectMany(p => p).ToArray();
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>Filters the rows of raw scanline bytes with the given filter type per row (the encoder side of the spec).</summary>
    private static byte[] FilterRows(byte[][] rows, int bpp, Func<int, int> filterOfRow)
    {
        int n = rows[0].Length;
        var outp = new List<byte>();
        for (int r = 0; r < rows.Length; r++)
        {
            int f = filterOfRow(r);
            outp.Add((byte)f);
            for (int i = 0; i < n; i++)
            {
                int x = rows[r][i], a = i >= bpp ? rows[r][i - bpp] : 0, b = r > 0 ? rows[r - 1][i] : 0, c = i >= bpp && r > 0 ? rows[r - 1][i - bpp] : 0;
                int pred = f switch { 0 => 0, 1 => a, 2 => b, 3 => (a + b) / 2, 4 => Paeth(a, b, c), _ => throw new ArgumentException() };
                outp.Add((byte)(x - pred));
            }
        }
        return outp.ToArray();
    }

    private static Image Pattern(int h, int w, int c)
    {
        var p = new byte[h * w * c];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int k = 0; k < c; k++)
                    p[(y * w + x) * c + k] = (byte)(x * 29 + y * 53 + k * 91 + x * y * 7);
        return new Image(p, h, w, c);
    }

    private static byte[][] Rows(Image img)
    {
        int stride = img.Width * img.Channels;
        return Enumerable.Range(0, img.Height).Select(y => img.Pixels.AsSpan(y * stride, stride).ToArray()).ToArray();
    }

    // ---- tests ----

    [Fact]
    public void CrcMatchesTheStandardCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0xCBF43926u, BitwiseCrc("123456789"u8));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void DecodesEachFilterTypeOnEveryRow(int filter)
    {
        foreach (var (channels, colorType) in new[] { (1, 0), (3, 2), (4, 6) })
        {
            var img = Pattern(6, 7, channels);
            var png = File(Ihdr(7, 6, 8, colorType), Zlib(FilterRows(Rows(img), channels, _ => filter)));
            var decoded = Png.Decode(png);
            Assert.Equal((6, 7, channels), (decoded.Height, decoded.Width, decoded.Channels));
            Assert.Equal(img.Pixels, decoded.Pixels);
        }
    }

    [Fact]
    public void DecodesMixedFiltersRowByRow()
    {
        var img = Pattern(11, 9, 3);
        var png = File(Ihdr(9, 11, 8, 2), Zlib(FilterRows(Rows(img), 3, r => (r * 3 + 1) % 5)));
        Assert.Equal(img.Pixels, Png.Decode(png).Pixels);
    }

    [Fact]
    public void DecodesAPillowFileWithSubAndPaethFilters()
    {
        // Written by PIL 9.4 (Image.new('RGB', (13, 9)), pixel (x, y) = ((19x + 7y) % 256, (x² + 3y) % 256, (255 - 11x - y²) % 256));
        // its rows use filters 1 (Sub) and 4 (Paeth).
        var png = Convert.FromBase64String(
            "iVBORw0KGgoAAAANSUhEUgAAAA0AAAAJCAIAAABmGDE9AAAAXklEQVR4nI3M0QnCABAE0Rx7MoiIyCL2X6LIEkIIsYQT3ucwtSynK1Z8iYmv8S2+x4/4GTt+xe80OqkTDRod1IEGjXZqR4NGG7WhQaOVWtGgUaigQaPv2Flp9Pnn9wNZtXclHR+I1AAAAABJRU5ErkJggg==");
        var img = Png.Decode(png, "pil.png");
        Assert.Equal((9, 13, 3), (img.Height, img.Width, img.Channels));
        for (int y = 0; y < 9; y++)
            for (int x = 0; x < 13; x++)
            {
                int o = (y * 13 + x) * 3;
                Assert.Equal((x * 19 + y * 7) % 256, img.Pixels[o]);
                Assert.Equal((x * x + 3 * y) % 256, img.Pixels[o + 1]);
                Assert.Equal(((255 - x * 11 - y * y) % 256 + 256) % 256, img.Pixels[o + 2]);
            }
    }

    [Fact]
    public void DecodesLowBitDepthPaletteAndGrayFromPillow()
    {
        // PIL: 5x3 'P' image with a 3-color palette, saved at bit depth 2.
        var p = Png.Decode(Convert.FromBase64String(
            "iVBORw0KGgoAAAANSUhEUgAAAAUAAAADAgMAAAAmWC1rAAAACVBMVEX/AAAAgP8KFB58+TwIAAAAEUlEQVR4nGOQZGBY4sDA5AAABUkBQF3EbrIAAAAASUVORK5CYII="));
        Assert.Equal((3, 5, 3), (p.Height, p.Width, p.Channels));
        byte[][] palette = [[255, 0, 0], [0, 128, 255], [10, 20, 30]];
        int[] indices = [0, 1, 2, 1, 0, 2, 2, 1, 0, 1, 0, 0, 0, 2, 1];
        Assert.Equal(indices.SelectMany(i => palette[i]).ToArray(), p.Pixels);

        // PIL: 10x2 mode '1' image, bit depth 1; white where (x + y) % 3 == 0.
        var g = Png.Decode(Convert.FromBase64String(
            "iVBORw0KGgoAAAANSUhEUgAAAAoAAAACAQAAAABJGnB9AAAADklEQVR4nGOY5MCoEgMABIcBVHNnqaAAAAAASUVORK5CYII="));
        Assert.Equal((2, 10, 1), (g.Height, g.Width, g.Channels));
        for (int y = 0; y < 2; y++)
            for (int x = 0; x < 10; x++)
                Assert.Equal((x + y) % 3 == 0 ? 255 : 0, g.Pixels[y * 10 + x]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void DecodesHandPackedLowBitDepths(int depth)
    {
        int w = 11, h = 3, levels = 1 << depth;
        var values = new int[h, w];
        var rows = new byte[h][];
        for (int y = 0; y < h; y++)
        {
            rows[y] = new byte[(w * depth + 7) / 8];
            for (int x = 0; x < w; x++)
            {
                values[y, x] = (x * 5 + y * 3) % levels;
                int bit = x * depth;
                rows[y][bit / 8] |= (byte)(values[y, x] << (8 - depth - bit % 8));
            }
        }
        // Gray: scaled to 0..255.
        var gray = Png.Decode(File(Ihdr(w, h, depth, 0), Zlib(FilterRows(rows, 1, r => r % 5))));
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                Assert.Equal(values[y, x] * 255 / (levels - 1), gray.Pixels[y * w + x]);
        // Palette: indices into PLTE, alpha from tRNS.
        var plte = Enumerable.Range(0, levels).SelectMany(i => new[] { (byte)i, (byte)(2 * i), (byte)(255 - i) }).ToArray();
        var trns = new byte[] { 0, 128 };
        var pal = Png.Decode(File(Ihdr(w, h, depth, 3), Zlib(FilterRows(rows, 1, _ => 0)), Chunk("PLTE", plte), Chunk("tRNS", trns)));
        Assert.Equal(4, pal.Channels);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int v = values[y, x], o = (y * w + x) * 4;
                Assert.Equal(new[] { (byte)v, (byte)(2 * v), (byte)(255 - v), v < 2 ? trns[v] : (byte)255 }, pal.Pixels[o..(o + 4)]);
            }
    }

    [Fact]
    public void SixteenBitSamplesKeepTheHighByte()
    {
        // PIL 'I;16' 3x2 gray image with values 0, 257, 65535, 4660, 43981, 256.
        var g = Png.Decode(Convert.FromBase64String(
            "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACEAAAAADoj+WFAAAAFklEQVR4nGNgYGBk/P+fQchk9VlGBgAXlwPAP4M2iwAAAABJRU5ErkJggg=="));
        Assert.Equal(new byte[] { 0, 1, 255, 0x12, 0xAB, 1 }, g.Pixels);
        // RGBA 16-bit, hand-built with Paeth (bpp = 8 bytes).
        var row0 = new byte[] { 0x12, 0x34, 0xAB, 0xCD, 0xFF, 0xFF, 0x00, 0x01, 0x80, 0x00, 0x7F, 0xFF, 0x01, 0x00, 0xFE, 0xFF };
        var row1 = row0.Select(b => (byte)(b ^ 0x5A)).ToArray();
        var img = Png.Decode(File(Ihdr(2, 2, 16, 6), Zlib(FilterRows([row0, row1], 8, _ => 4))));
        Assert.Equal(4, img.Channels);
        Assert.Equal(new byte[] { 0x12, 0xAB, 0xFF, 0x00, 0x80, 0x7F, 0x01, 0xFE }, img.Pixels[..8]);
        Assert.Equal(new byte[] { 0x12 ^ 0x5A, 0xAB ^ 0x5A, 0xFF ^ 0x5A, 0x00 ^ 0x5A }, img.Pixels[8..12]);
    }

    [Fact]
    public void DecodesGrayAlphaAsRgba()
    {
        // PIL 'LA' 3x2 image.
        var la = Png.Decode(Convert.FromBase64String(
            "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAQAAAA3fa6RAAAAFklEQVR4nGNg+J9idIKB8f9/JmYmJgAkXQRmKJX0pQAAAABJRU5ErkJggg=="));
        Assert.Equal(4, la.Channels);
        Assert.Equal(new byte[] { 0, 0, 0, 255, 100, 100, 100, 50, 200, 200, 200, 0, 255, 255, 255, 255, 1, 1, 1, 2, 3, 3, 3, 4 }, la.Pixels);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 1)]
    [InlineData(9, 17, 3)]
    [InlineData(8, 8, 4)]
    [InlineData(13, 2, 1)]
    public void DecodesAdam7Interlacing(int h, int w, int c)
    {
        var img = Pattern(h, w, c);
        (int X0, int Y0, int Dx, int Dy)[] passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
        var raw = new List<byte>();
        int pass = 0;
        foreach (var (x0, y0, dx, dy) in passes)
        {
            var rows = new List<byte[]>();
            for (int y = y0; y < h; y += dy)
            {
                var row = new List<byte>();
                for (int x = x0; x < w; x += dx) row.AddRange(img.Pixels.AsSpan((y * w + x) * c, c).ToArray());
                if (row.Count > 0) rows.Add(row.ToArray());
            }
            if (rows.Count > 0) raw.AddRange(FilterRows(rows.ToArray(), c, r => (r + pass) % 5));
            pass++;
        }
        int colorType = c switch { 1 => 0, 3 => 2, _ => 6 };
        var decoded = Png.Decode(File(Ihdr(w, h, 8, colorType, interlace: 1), Zlib(raw.ToArray())));
        Assert.Equal(img.Pixels, decoded.Pixels);
    }

    private const string LibpngTestImage = "/usr/share/doc/libpng-dev/examples/pngtest.png";

    // An optional cross-check against libpng's own interlaced test image; the Adam7 theory above always runs.
    [RequiresFileFact(LibpngTestImage, "libpng-dev")]
    public void DecodesLibpngsInterlacedTestImageWhenInstalled()
    {
        const string path = LibpngTestImage;
        var img = Png.Read(path);
        // PIL 9.4: Image.open(path) is RGBA 91x69; zlib.crc32(tobytes()) = 4213795967, sum = 1407977.
        Assert.Equal((69, 91, 4), (img.Height, img.Width, img.Channels));
        Assert.Equal(4213795967u, BitwiseCrc(img.Pixels));
        Assert.Equal(1407977L, img.Pixels.Sum(b => (long)b));
    }

    [Theory]
    [InlineData(1, null, 1)]
    [InlineData(3, null, 3)]
    [InlineData(4, null, 4)]
    [InlineData(1, PngColorType.Palette, 3)]
    [InlineData(3, PngColorType.Palette, 3)]
    [InlineData(4, PngColorType.Palette, 4)]
    [InlineData(4, PngColorType.GrayAlpha, 4)]
    [InlineData(1, PngColorType.GrayAlpha, 4)]
    [InlineData(1, PngColorType.Rgb, 3)]
    [InlineData(3, PngColorType.Rgba, 4)]
    public void EncodeDecodeRoundTrips(int channels, PngColorType? type, int decodedChannels)
    {
        int h = 37, w = 301; // several IDAT chunks for the larger images
        var p = new byte[h * w * channels];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int o = (y * w + x) * channels;
                bool few = type == PngColorType.Palette;
                byte v = (byte)(few ? (x / 40 * 30 + y / 10 * 7) : (x * 3 + y * 5));
                if (type == PngColorType.GrayAlpha && channels == 4) { p[o] = p[o + 1] = p[o + 2] = v; p[o + 3] = (byte)(y * 6); continue; }
                p[o] = v;
                if (channels >= 3) { p[o + 1] = (byte)(few ? v / 2 : x ^ y); p[o + 2] = (byte)(few ? 255 - v : x * y); }
                if (channels == 4) p[o + 3] = (byte)(few ? (x < 100 ? 255 : 128) : 255 - y);
            }
        var img = new Image(p, h, w, channels);
        var bytes = Png.Encode(img, type);
        Assert.Equal((byte)(type ?? (channels == 1 ? PngColorType.Gray : channels == 3 ? PngColorType.Rgb : PngColorType.Rgba)), bytes[25]);
        var back = Png.Decode(bytes);
        Assert.Equal((h, w, decodedChannels), (back.Height, back.Width, back.Channels));
        var expected = decodedChannels == channels ? img : ImageFile.Convert(img, decodedChannels);
        Assert.Equal(expected.Pixels, back.Pixels);
    }

    [Fact]
    public void EncoderRefusesLossyColorTypes()
    {
        var rgb = new Image([1, 2, 3, 4, 5, 6], 1, 2, 3);
        var e = Assert.Throws<ArgumentException>(() => Png.Encode(rgb, PngColorType.Gray));
        Assert.Contains("pixel (0, 0) is RGBA (1, 2, 3, 255)", e.Message);
        var rgba = new Image([1, 1, 1, 7], 1, 1, 4);
        Assert.Throws<ArgumentException>(() => Png.Encode(rgba, PngColorType.Rgb));
        var many = new Image(Enumerable.Range(0, 300).SelectMany(i => new[] { (byte)i, (byte)(i / 256), (byte)1 }).ToArray(), 1, 300, 3);
        Assert.Contains("more than 256 distinct colors", Assert.Throws<ArgumentException>(() => Png.Encode(many, PngColorType.Palette)).Message);
        Assert.Throws<ArgumentException>(() => Png.Encode(new Image([1, 2], 1, 1, 1)));
    }

    [Fact]
    public void WriteAndReadAFile()
    {
        using var dir = new TempDir();
        var img = Pattern(4, 5, 3);
        Png.Write(dir.File("a.png"), img);
        Assert.Equal(img.Pixels, Png.Read(dir.File("a.png")).Pixels);
        Assert.Equal(img.Pixels, ImageFile.Read(dir.File("a.png")).Pixels);
        Assert.Throws<FileNotFoundException>(() => Png.Read(dir.File("missing.png")));
    }

    // ---- malformed files ----

    private static byte[] Valid() => Png.Encode(Pattern(8, 8, 3));

    [Fact]
    public void BadSignatureIsRejected()
    {
        var bytes = Valid();
        bytes[1] = (byte)'Q';
        var e = Assert.Throws<InvalidDataException>(() => Png.Decode(bytes, "x.png"));
        Assert.Equal("png: x.png: bad signature: not a PNG file (expected 89 50 4E 47 0D 0A 1A 0A, found 89514E470D0A1A0A)", e.Message);
        Assert.Throws<InvalidDataException>(() => Png.Decode([0x89, 0x50]));
    }

    [Fact]
    public void CorruptChunkFailsTheCrcCheck()
    {
        var bytes = Valid();
        int idat = IndexOf(bytes, "IDAT");
        bytes[idat + 4 + 3] ^= 0x10; // a byte of the compressed data
        var e = Assert.Throws<InvalidDataException>(() => Png.Decode(bytes, "x.png"));
        Assert.StartsWith($"png: x.png: CRC mismatch in IDAT chunk at byte {idat - 4}: stored 0x", e.Message);
        bytes = Valid();
        bytes[16 + 3] ^= 1; // the IHDR width
        Assert.Contains("CRC mismatch in IHDR chunk", Assert.Throws<InvalidDataException>(() => Png.Decode(bytes)).Message);
    }

    [Fact]
    public void TruncatedFilesAreRejected()
    {
        var bytes = Valid();
        int idat = IndexOf(bytes, "IDAT");
        var cut = bytes[..(idat + 10)];
        Assert.Contains("truncated IDAT chunk", Assert.Throws<InvalidDataException>(() => Png.Decode(cut, "x.png")).Message);
        var noEnd = bytes[..^12];
        Assert.Equal("png: x.png: missing IEND chunk: the file is truncated", Assert.Throws<InvalidDataException>(() => Png.Decode(noEnd, "x.png")).Message);
        Assert.Contains("no chunks after the signature", Assert.Throws<InvalidDataException>(() => Png.Decode(bytes[..8])).Message);
        Assert.Contains("truncated chunk at byte 8", Assert.Throws<InvalidDataException>(() => Png.Decode(bytes[..15])).Message);
    }

    [Fact]
    public void TruncatedImageDataIsRejected()
    {
        // A well-formed IDAT whose zlib stream holds only 3 of 6 scanlines.
        var img = Pattern(6, 7, 3);
        var raw = FilterRows(Rows(img), 3, _ => 0);
        var png = File(Ihdr(7, 6, 8, 2), Zlib(raw[..(3 * 22)]));
        var e = Assert.Throws<InvalidDataException>(() => Png.Decode(png, "short.png"));
        Assert.Equal("png: short.png: truncated IDAT zlib stream of a 7x6 image: it decompresses to 66 bytes, 132 are needed", e.Message);
        // A zlib stream cut in the middle.
        var z = Zlib(raw);
        png = File(Ihdr(7, 6, 8, 2), z[..(z.Length / 2)]);
        Assert.StartsWith("png: <memory>: ", Assert.Throws<InvalidDataException>(() => Png.Decode(png)).Message);
        // Not zlib at all.
        png = File(Ihdr(7, 6, 8, 2), [1, 2, 3, 4, 5, 6, 7, 8]);
        Assert.StartsWith("png: <memory>: ", Assert.Throws<InvalidDataException>(() => Png.Decode(png)).Message);
    }

    [Fact]
    public void OversizedHeaderFailsFast()
    {
        var png = File(Ihdr(1 << 30, 1 << 30, 8, 6), Zlib(new byte[100]));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        var e = Assert.Throws<InvalidDataException>(() => Png.Decode(png, "huge.png"));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(2));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
        Assert.Contains("more than ImageFile.MaxImagePixels = 89478485", e.Message);
        // Under the pixel limit, the compressed data is still too small to hold the declared scanlines.
        png = File(Ihdr(9000, 9000, 8, 0), Zlib(new byte[100]));
        before = GC.GetAllocatedBytesForCurrentThread();
        e = Assert.Throws<InvalidDataException>(() => Png.Decode(png, "big.png"));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
        Assert.StartsWith("png: big.png: truncated image data:", e.Message);
    }

    [Fact]
    public void InvalidHeaderValuesAreRejected()
    {
        var body = Zlib(new byte[4]);
        Assert.Contains("bit depth 4 is not allowed with color type 2", Assert.Throws<InvalidDataException>(() => Png.Decode(File(Ihdr(1, 1, 4, 2), body))).Message);
        Assert.Contains("invalid color type 5", Assert.Throws<InvalidDataException>(() => Png.Decode(File(Ihdr(1, 1, 8, 5), body))).Message);
        Assert.Contains("invalid image size 0x1", Assert.Throws<InvalidDataException>(() => Png.Decode(File(Ihdr(0, 1, 8, 0), body))).Message);
        Assert.Contains("unknown interlace method 2", Assert.Throws<InvalidDataException>(() => Png.Decode(File(Ihdr(1, 1, 8, 0, 2), body))).Message);
        var badIhdr = new[] { Sig, Chunk("IHDR", new byte[12]) }.SelectMany(b => b).ToArray();
        Assert.Contains("IHDR chunk has 12 bytes, expected 13", Assert.Throws<InvalidDataException>(() => Png.Decode(badIhdr)).Message);
        var first = new[] { Sig, Chunk("gAMA", new byte[4]) }.SelectMany(b => b).ToArray();
        Assert.Contains("the first chunk is gAMA, expected IHDR", Assert.Throws<InvalidDataException>(() => Png.Decode(first)).Message);
    }

    [Fact]
    public void InvalidFilterTypeIsRejected()
    {
        var raw = new byte[] { 0, 10, 20, 7, 30, 40 }; // row 1 has filter type 7
        var e = Assert.Throws<InvalidDataException>(() => Png.Decode(File(Ihdr(2, 2, 8, 0), Zlib(raw)), "f.png"));
        Assert.Equal("png: f.png: invalid filter type 7 on scanline 1 (valid: 0 to 4); the image data is corrupt", e.Message);
    }

    [Fact]
    public void PaletteProblemsAreRejected()
    {
        var raw = Zlib([0, 0, 5]);
        Assert.Contains("without a PLTE chunk", Assert.Throws<InvalidDataException>(() => Png.Decode(File(Ihdr(2, 1, 8, 3), raw))).Message);
        var plte = Chunk("PLTE", [1, 2, 3, 4, 5, 6]);
        Assert.Contains("uses palette index 5, but PLTE has 2 entries",
            Assert.Throws<InvalidDataException>(() => Png.Decode(File(Ihdr(2, 1, 8, 3), raw, plte))).Message);
        Assert.Contains("PLTE chunk of 4 bytes", Assert.Throws<InvalidDataException>(() => Png.Decode(File(Ihdr(2, 1, 8, 3), raw, Chunk("PLTE", [1, 2, 3, 4])))).Message);
    }

    [Fact]
    public void UnknownChunksAreSkippedOrRejected()
    {
        var img = Pattern(2, 3, 1);
        var idat = Zlib(FilterRows(Rows(img), 1, _ => 0));
        // Ancillary (lower-case first letter): skipped.
        Assert.Equal(img.Pixels, Png.Decode(File(Ihdr(3, 2, 8, 0), idat, Chunk("tEXt", "Comment\0hi"u8), Chunk("gAMA", new byte[4]))).Pixels);
        // Critical and unknown: not supported.
        var e = Assert.Throws<NotSupportedException>(() => Png.Decode(File(Ihdr(3, 2, 8, 0), idat, Chunk("ZZZZ", [1])), "c.png"));
        Assert.StartsWith("png: c.png: unknown critical chunk ZZZZ", e.Message);
    }

    [Fact]
    public void SplitIdatChunksAreConcatenated()
    {
        var img = Pattern(5, 6, 3);
        var z = Zlib(FilterRows(Rows(img), 3, r => r % 5));
        var parts = new List<byte[]> { Sig, Chunk("IHDR", Ihdr(6, 5, 8, 2)) };
        for (int i = 0; i < z.Length; i += 7) parts.Add(Chunk("IDAT", z.AsSpan(i, Math.Min(7, z.Length - i))));
        parts.Add(Chunk("IEND", []));
        Assert.Equal(img.Pixels, Png.Decode(parts.SelectMany(p => p).ToArray()).Pixels);
        // IDAT chunks separated by another chunk are invalid.
        parts.Insert(3, Chunk("tEXt", "a\0b"u8));
        Assert.Contains("IDAT chunks are not consecutive", Assert.Throws<InvalidDataException>(() => Png.Decode(parts.SelectMany(p => p).ToArray())).Message);
    }

    private static int IndexOf(byte[] bytes, string type)
    {
        var t = Encoding.ASCII.GetBytes(type);
        return bytes.AsSpan().IndexOf(t);
    }
}
