using System.IO.Compression;

namespace Ember.Data.Formats;

/// <summary>
/// Reading helpers shared by the file readers: gzip detection and reads whose allocation grows with
/// the bytes actually present, so a header that claims gigabytes cannot trigger a huge allocation.
/// </summary>
internal static class StreamReading
{
    /// <summary>Opens <paramref name="path"/>, transparently decompressing it when it starts with the gzip magic 1f 8b.</summary>
    /// <param name="path">The file.</param>
    /// <param name="op">The reader's name, which starts the error message (e.g. "idx").</param>
    /// <param name="compressed">Whether the file is gzip-compressed.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Stream OpenMaybeGzip(string path, string op, out bool compressed)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{op}: file not found: {path}", path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> magic = stackalloc byte[2];
        int n = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        compressed = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        return compressed ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    /// <summary>Reads a whole file that must fit in one array (image files are decoded in memory).</summary>
    /// <param name="path">The file.</param>
    /// <param name="op">The reader's name, which starts the error messages (e.g. "png").</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is larger than an array can hold.</exception>
    public static byte[] ReadAllBytes(string path, string op)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"{op}: file not found: {path}", path);
        if (info.Length > Array.MaxLength)
            throw new InvalidDataException($"{op}: {info.Name}: the file is {Bytes(info.Length)} bytes, more than one array can hold ({Bytes(Array.MaxLength)}); it cannot be decoded in memory");
        return File.ReadAllBytes(path);
    }

    /// <summary>The gzip trailer of a file (the last member's CRC-32 and ISIZE, RFC 1952), or null when the file is too short to hold one.</summary>
    public static (uint Crc, uint Size)? GzipTrailer(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        if (file.Length < 18) return null; // 10-byte header + 8-byte trailer at least
        file.Position = file.Length - 8;
        Span<byte> t = stackalloc byte[8];
        file.ReadExactly(t);
        return (System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(t), System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(t[4..]));
    }

    /// <summary>
    /// Reads up to <paramref name="expected"/> bytes, growing the buffer only as data arrives (capacity
    /// at most twice what was read, never more than <paramref name="expected"/>). Returns the number of
    /// bytes read; the buffer is exactly <paramref name="expected"/> long when that many were present.
    /// </summary>
    public static int ReadUpTo(Stream stream, int expected, out byte[] buffer)
    {
        buffer = new byte[Math.Min(expected, 1 << 20)];
        int total = 0;
        while (total < expected)
        {
            if (total == buffer.Length)
                Array.Resize(ref buffer, (int)Math.Min(expected, Math.Max(2L * buffer.Length, 1 << 16)));
            int n = stream.Read(buffer, total, buffer.Length - total);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    /// <summary>Whether the stream has at least one more byte.</summary>
    public static bool HasMore(Stream stream)
    {
        Span<byte> one = stackalloc byte[1];
        return stream.Read(one) > 0;
    }

    /// <summary>
    /// Whether <paramref name="e"/> is a decompression failure: <see cref="InvalidDataException"/> for corrupt data, or
    /// System.IO.Compression's ZLibException (an <see cref="IOException"/> not exposed by the reference assemblies) for
    /// the other zlib error codes, e.g. a zlib stream that asks for a preset dictionary.
    /// </summary>
    public static bool IsZlibError(Exception e) =>
        e is InvalidDataException || e is IOException && e.GetType().FullName == "System.IO.Compression.ZLibException";

    /// <summary>Formats a byte count as e.g. "47040000".</summary>
    public static string Bytes(long n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
