using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Ember.Tests.Data.Formats;

/// <summary>Builds PNG files from parts (independent of the library's encoder): chunks with a bitwise CRC, IHDR bodies, zlib streams.</summary>
internal static class PngBuilder
{
    public static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static uint Crc(ReadOnlySpan<byte> data)
    {
        uint c = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            c ^= b;
            for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (uint)-(int)(c & 1));
        }
        return ~c;
    }

    public static byte[] Chunk(string type, ReadOnlySpan<byte> body)
    {
        var c = new byte[12 + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(c, body.Length);
        Encoding.ASCII.GetBytes(type, c.AsSpan(4));
        body.CopyTo(c.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(c.AsSpan(8 + body.Length), Crc(c.AsSpan(4, 4 + body.Length)));
        return c;
    }

    public static byte[] Ihdr(uint w, uint h, int depth, int colorType, int interlace = 0)
    {
        var b = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(b, w);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), h);
        b[8] = (byte)depth; b[9] = (byte)colorType; b[12] = (byte)interlace;
        return b;
    }

    public static byte[] Zlib(byte[] raw, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, level)) z.Write(raw);
        return ms.ToArray();
    }

    /// <summary>Signature, IHDR, the extra chunks, one IDAT holding <paramref name="idat"/>, IEND.</summary>
    public static byte[] File(byte[] ihdr, byte[] idat, params byte[][] before) =>
        [.. Signature, .. Chunk("IHDR", ihdr), .. before.SelectMany(b => b), .. Chunk("IDAT", idat), .. Chunk("IEND", [])];

    /// <summary>Recomputes every chunk's CRC, so that a flip gets past the CRC check into IHDR, zlib and the filters.</summary>
    public static byte[] RepairCrcs(byte[] d)
    {
        int pos = 8;
        while (pos + 12 <= d.Length)
        {
            uint len = BinaryPrimitives.ReadUInt32BigEndian(d.AsSpan(pos));
            if (len > d.Length - pos - 12) break;
            BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(pos + 8 + (int)len), Crc(d.AsSpan(pos + 4, 4 + (int)len)));
            pos += 12 + (int)len;
        }
        return d;
    }

    /// <summary>Filter-type-0 scanlines of an 8-bit image: each row is a 0 byte then <paramref name="rowBytes"/> bytes.</summary>
    public static byte[] Scanlines(byte[] pixels, int rows, int rowBytes)
    {
        var raw = new byte[rows * (rowBytes + 1)];
        for (int r = 0; r < rows; r++) pixels.AsSpan(r * rowBytes, rowBytes).CopyTo(raw.AsSpan(r * (rowBytes + 1) + 1));
        return raw;
    }
}
