using System.Buffers.Binary;
using System.IO.Compression;

namespace Ember.Data.Formats;

/// <summary>
/// Strict zlib (RFC 1950) decoding for PNG's IDAT data: the header is checked by hand (so a preset
/// dictionary or a bad check value gets a precise message instead of zlib's generic error), exactly
/// the expected number of bytes is inflated (never more: a stream that holds more is an error, not a
/// bomb), and the stream must end with its adler-32 checksum, which must match.
/// </summary>
internal static class Zlib
{
    /// <summary>
    /// Inflates <paramref name="compressed"/> (a whole zlib stream) into exactly <paramref name="expected"/> bytes.
    /// Every failure is an <see cref="InvalidDataException"/> made by <paramref name="error"/> from a message
    /// that starts with <paramref name="what"/> (e.g. "IDAT zlib stream").
    /// </summary>
    public static byte[] Inflate(byte[] compressed, int expected, string what, Func<string, Exception?, InvalidDataException> error)
    {
        if (compressed.Length < 6)
            throw error($"truncated {what}: {compressed.Length} bytes cannot hold a zlib header (2 bytes) and checksum (4 bytes)", null);
        int cmf = compressed[0], flg = compressed[1];
        if ((cmf & 0x0F) != 8)
            throw error($"corrupt {what} header: compression method {cmf & 0x0F} (CMF byte 0x{cmf:X2}); only 8 (deflate) exists", null);
        if (cmf >> 4 > 7)
            throw error($"corrupt {what} header: window size 2^{(cmf >> 4) + 8} (CMF byte 0x{cmf:X2}) is larger than deflate's 32 KiB", null);
        if ((cmf * 256 + flg) % 31 != 0)
            throw error($"corrupt {what} header: the check bits fail (CMF 0x{cmf:X2}, FLG 0x{flg:X2}: (CMF·256 + FLG) mod 31 = {(cmf * 256 + flg) % 31}, must be 0)", null);
        if ((flg & 0x20) != 0)
            throw error($"{what} asks for a preset dictionary (FDICT bit set in FLG 0x{flg:X2}), which this format does not allow", null);

        byte[] raw;
        int got;
        bool more;
        try
        {
            using var z = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
            got = StreamReading.ReadUpTo(z, expected, out raw);
            more = got == expected && StreamReading.HasMore(z);
        }
        catch (Exception e) when (StreamReading.IsZlibError(e))
        {
            // zlib checks the adler-32 trailer itself but reports every failure alike: tell a bad checksum from bad data.
            throw Diagnose(compressed, expected, what, error, e);
        }
        if (got < expected)
            throw error($"truncated {what}: it decompresses to {got} bytes, {expected} are needed", null);
        if (more)
            throw error($"{what} decompresses to more than the {expected} bytes needed; the data is corrupt", null);
        // No exception: when the trailer was there zlib verified it. When the stream was cut short, it ends silently:
        // the last 4 bytes are then not the checksum of what was decompressed.
        uint computed = Adler32(raw);
        if (BinaryPrimitives.ReadUInt32BigEndian(compressed.AsSpan(compressed.Length - 4)) != computed && IndexOfTrailer(compressed, computed) < 0)
            throw error($"truncated {what}: the deflate data stops before the end of the stream (no adler-32 checksum 0x{computed:X8} follows it)", null);
        return raw;
    }

    /// <summary>Re-reads the deflate data without the zlib framing to say whether the data or the checksum is bad.</summary>
    private static InvalidDataException Diagnose(byte[] compressed, int expected, string what, Func<string, Exception?, InvalidDataException> error, Exception inner)
    {
        try
        {
            using var d = new DeflateStream(new MemoryStream(compressed, 2, compressed.Length - 2), CompressionMode.Decompress);
            int got = StreamReading.ReadUpTo(d, expected, out var raw);
            if (got == expected && !StreamReading.HasMore(d))
            {
                uint stored = BinaryPrimitives.ReadUInt32BigEndian(compressed.AsSpan(compressed.Length - 4));
                return error($"adler-32 checksum mismatch in the {what}: stored 0x{stored:X8}, computed 0x{Adler32(raw):X8}; the data is corrupt", inner);
            }
        }
        catch (Exception e) when (StreamReading.IsZlibError(e))
        {
        }
        return error($"corrupt deflate data in the {what} (zlib: {inner.Message})", inner);
    }

    private static int IndexOfTrailer(byte[] compressed, uint adler)
    {
        Span<byte> pattern = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(pattern, adler);
        return compressed.AsSpan(2).IndexOf(pattern);
    }

    /// <summary>The adler-32 checksum of <paramref name="data"/> (RFC 1950).</summary>
    public static uint Adler32(ReadOnlySpan<byte> data)
    {
        const uint Mod = 65521;
        uint a = 1, b = 0;
        while (data.Length > 0)
        {
            int n = Math.Min(data.Length, 5552); // the largest n for which b cannot overflow 32 bits before the modulo
            foreach (byte x in data[..n])
            {
                a += x;
                b += a;
            }
            a %= Mod;
            b %= Mod;
            data = data[n..];
        }
        return b << 16 | a;
    }
}
