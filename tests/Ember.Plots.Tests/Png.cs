using System.Buffers.Binary;
using System.IO.Compression;

namespace Ember.Plots.Tests;

/// <summary>A minimal PNG reader for the tests: the IHDR, and the pixels of 8-bit RGB/RGBA images.</summary>
internal static class Png
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool HasSignature(byte[] png) => png.Length >= 8 && png.AsSpan(0, 8).SequenceEqual(Signature);

    /// <summary>Width, height, bit depth and colour type from the IHDR chunk (which must come first).</summary>
    public static (int Width, int Height, int BitDepth, int ColorType) Header(byte[] png)
    {
        Assert.True(HasSignature(png), "not a PNG: bad signature");
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)), png[24], png[25]);
    }

    /// <summary>The pixels as RGBA rows (8-bit RGB or RGBA, non-interlaced).</summary>
    public static byte[][] Pixels(byte[] png)
    {
        var (w, h, depth, type) = Header(png);
        Assert.Equal(8, depth);
        int channels = type switch { 2 => 3, 6 => 4, _ => throw new NotSupportedException($"colour type {type}") };
        Assert.Equal(0, png[28]); // no interlace
        using var idat = new MemoryStream();
        for (int pos = 8; pos < png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            string kind = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            if (kind == "IDAT") idat.Write(png, pos + 8, length);
            pos += 12 + length;
        }
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        byte[] data = raw.ToArray();
        int stride = w * channels;
        var rows = new byte[h][];
        var prev = new byte[stride];
        for (int y = 0; y < h; y++)
        {
            int filter = data[y * (stride + 1)];
            var cur = data.AsSpan(y * (stride + 1) + 1, stride).ToArray();
            for (int i = 0; i < stride; i++)
            {
                int a = i >= channels ? cur[i - channels] : 0, b = prev[i], c = i >= channels ? prev[i - channels] : 0;
                int add = filter switch
                {
                    0 => 0, 1 => a, 2 => b, 3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"filter {filter}"),
                };
                cur[i] = (byte)(cur[i] + add);
            }
            var rgba = new byte[w * 4];
            for (int x = 0; x < w; x++)
            {
                for (int k = 0; k < 3; k++) rgba[4 * x + k] = cur[x * channels + k];
                rgba[4 * x + 3] = channels == 4 ? cur[x * channels + 3] : (byte)255;
            }
            rows[y] = rgba;
            prev = cur;
        }
        return rows;
    }

    /// <summary>How many pixels differ from white, and how many distinct colours the image holds.</summary>
    public static (int NonWhite, int Colors) Ink(byte[] png)
    {
        int nonWhite = 0;
        var colors = new HashSet<int>();
        foreach (var row in Pixels(png))
            for (int x = 0; x < row.Length; x += 4)
            {
                int rgb = row[x] << 16 | row[x + 1] << 8 | row[x + 2];
                if (rgb != 0xFFFFFF) nonWhite++;
                colors.Add(rgb);
            }
        return (nonWhite, colors.Count);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
