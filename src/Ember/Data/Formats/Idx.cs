using System.Buffers.Binary;
using System.IO.Compression;

namespace Ember.Data.Formats;

/// <summary>An unsigned-byte array read from an IDX file: the values in row-major order and the shape the header declares.</summary>
/// <param name="Data">The values, row-major; length is the product of <paramref name="Shape"/>.</param>
/// <param name="Shape">The dimensions from the header, e.g. [60000, 28, 28] for MNIST training images.</param>
public sealed record IdxArray(byte[] Data, Size Shape);

/// <summary>
/// The IDX format of MNIST and Fashion-MNIST (<c>train-images-idx3-ubyte</c>, <c>t10k-labels-idx1-ubyte</c>, …),
/// plain or gzip-compressed (detected by the 1f 8b magic, not the file name). A file is a big-endian
/// header — magic <c>00 00 TT NN</c> (element type TT, NN dimensions), then NN 32-bit sizes — followed by
/// the values. Only unsigned bytes (TT = 0x08) are supported: magic 0x00000803 for images
/// [count, rows, cols] and 0x00000801 for labels [count].
/// </summary>
/// <remarks>
/// The header is checked against the data before anything large is allocated: a header whose sizes
/// multiply to more bytes than the file holds fails at once with an <see cref="InvalidDataException"/>
/// (for a gzip file the buffer only grows as decompressed data actually arrives).
/// </remarks>
public static class Idx
{
    /// <summary>The magic number of an unsigned-byte, 3-dimensional IDX file (images).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>The magic number of an unsigned-byte, 1-dimensional IDX file (labels).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Reads an unsigned-byte IDX file of any rank.</summary>
    /// <param name="path">The file, plain or gzip-compressed.</param>
    /// <param name="expectedRank">When given, the number of dimensions the magic must declare (3 for images, 1 for labels).</param>
    /// <returns>The values and the shape.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The magic is wrong, the header or data is truncated, the header claims more data than the file holds,
    /// bytes follow the data, or (gzip) the compressed data is corrupt, fails its CRC-32, or ends without its trailer; the message names the file.</exception>
    /// <exception cref="NotSupportedException">The element type is not unsigned byte (0x08).</exception>
    public static IdxArray Read(string path, int? expectedRank = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = Path.GetFileName(path);
        using var stream = StreamReading.OpenMaybeGzip(path, "idx", out bool compressed);
        try
        {
            return Read(stream, compressed, path, name, expectedRank);
        }
        catch (Exception e) when (compressed && StreamReading.IsZlibError(e) && !e.Message.StartsWith("idx:", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"idx: {name}: corrupt gzip data, the file is damaged (zlib: {e.Message})", e);
        }
    }

    private static IdxArray Read(Stream stream, bool compressed, string path, string name, int? expectedRank)
    {
        Span<byte> magicBytes = stackalloc byte[4];
        int got = stream.ReadAtLeast(magicBytes, 4, throwOnEndOfStream: false);
        if (got < 4) throw new InvalidDataException($"idx: {name}: truncated header: expected a 4-byte magic number, found {got} bytes");
        uint magic = BinaryPrimitives.ReadUInt32BigEndian(magicBytes);
        if (magicBytes[0] != 0 || magicBytes[1] != 0 || magicBytes[3] == 0)
            throw new InvalidDataException($"idx: {name}: not an IDX file: magic number 0x{magic:X8} should be 0x000008NN (unsigned bytes, NN dimensions){(expectedRank is int r0 ? $", e.g. 0x{0x800 | r0:X8}" : "")}");
        if (magicBytes[2] != 0x08)
            throw new NotSupportedException($"idx: {name}: element type 0x{magicBytes[2]:X2} (magic 0x{magic:X8}) is not supported; only unsigned bytes (0x08) are");
        int rank = magicBytes[3];
        if (expectedRank is int r && rank != r)
            throw new InvalidDataException($"idx: {name}: expected magic number 0x{0x800 | r:X8} ({Describe(r)}), found 0x{magic:X8} ({rank} dimensions)");

        var header = new byte[4 * rank];
        got = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (got < header.Length)
            throw new InvalidDataException($"idx: {name}: truncated header: expected {rank} dimension sizes ({header.Length} bytes) after the magic number, found {got} bytes");
        var shape = new int[rank];
        long count = 1;
        for (int d = 0; d < rank; d++)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4 * d));
            if (size > int.MaxValue)
                throw new InvalidDataException($"idx: {name}: dimension {d} has size {size}, more than {int.MaxValue}");
            shape[d] = (int)size;
            count = Math.Min(count * size, long.MaxValue / int.MaxValue); // saturates instead of overflowing
        }
        string what = rank == 3 ? "pixels" : rank == 1 ? "labels" : "values";
        if (count > Array.MaxLength)
            throw new InvalidDataException($"idx: {name}: the header [{string.Join(", ", shape)}] claims {count} bytes of {what}, more than an array can hold ({Array.MaxLength})");

        if (!compressed)
        {
            long remaining = stream.Length - stream.Position;
            if (remaining != count)
                throw new InvalidDataException($"idx: {name}: expected {count} bytes of {what} after the header [{string.Join(", ", shape)}], found {remaining}");
        }
        int n = StreamReading.ReadUpTo(stream, (int)count, out byte[] data);
        if (n == count && compressed && StreamReading.HasMore(stream))
            throw new InvalidDataException($"idx: {name}: expected {count} bytes of {what} after the header [{string.Join(", ", shape)}], found more");
        if (n < count)
            throw new InvalidDataException($"idx: {name}: expected {count} bytes of {what} after the header [{string.Join(", ", shape)}], found {n}");
        if (compressed) CheckGzipEnd(path, name, magicBytes, header, data);
        return new IdxArray(data, new Size(shape));
    }

    /// <summary>Reads an IDX image file (magic 0x00000803): the pixels of <c>count</c> images of rows × cols bytes.</summary>
    /// <param name="path">The file, plain or gzip-compressed.</param>
    /// <returns>The pixels, shape [count, rows, cols].</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The magic is not 0x00000803, the file is truncated or inconsistent with its header, or its gzip data is corrupt.</exception>
    /// <exception cref="NotSupportedException">The element type is not unsigned byte.</exception>
    public static IdxArray ReadImages(string path) => Read(path, 3);

    /// <summary>Reads an IDX label file (magic 0x00000801).</summary>
    /// <param name="path">The file, plain or gzip-compressed.</param>
    /// <returns>The labels, shape [count].</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The magic is not 0x00000801, the file is truncated or inconsistent with its header, or its gzip data is corrupt.</exception>
    /// <exception cref="NotSupportedException">The element type is not unsigned byte.</exception>
    public static IdxArray ReadLabels(string path) => Read(path, 1);

    /// <summary>Writes an unsigned-byte IDX file (magic 0x000008NN for NN = shape's rank).</summary>
    /// <param name="path">The file to create or overwrite (atomically: written beside it, then renamed over it).</param>
    /// <param name="data">The values, row-major.</param>
    /// <param name="shape">The dimensions (1 to 255 of them); their product must equal <c>data.Length</c>.</param>
    /// <param name="gzip">Whether to gzip-compress the file (default false).</param>
    /// <exception cref="ArgumentException">The shape has no dimensions, more than 255, a negative size, or does not match the data's length.</exception>
    public static void Write(string path, byte[] data, int[] shape, bool gzip = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length is 0 or > 255)
            throw new ArgumentException($"idx: a shape needs 1 to 255 dimensions, got {shape.Length}", nameof(shape));
        long count = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ArgumentException($"idx: negative dimension in shape [{string.Join(", ", shape)}]", nameof(shape));
            count = Math.Min(count * d, (long)int.MaxValue + 1); // saturate: a product that wraps around could match data.Length
        }
        if (count != data.Length)
            throw new ArgumentException($"idx: shape [{string.Join(", ", shape)}] holds {count} values but data has {data.Length}", nameof(shape));
        var header = new byte[4 + 4 * shape.Length];
        BinaryPrimitives.WriteUInt32BigEndian(header, 0x800u | (uint)shape.Length);
        for (int d = 0; d < shape.Length; d++) BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4 + 4 * d), (uint)shape[d]);
        Serialization.AtomicFile.Write(path, file =>
        {
            if (!gzip)
            {
                file.Write(header);
                file.Write(data);
                return;
            }
            // Disposed before the file is flushed: the gzip trailer is written then.
            using var output = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true);
            output.Write(header);
            output.Write(data);
        });
    }

    /// <summary>
    /// The gzip stream must end with its trailer: .NET verifies the CRC-32 of a member whose trailer it reaches, but a file
    /// cut inside the trailer just ends. The last 8 bytes must be the CRC-32 and size of the last member's data — all of it
    /// for the usual one-member file, a suffix of it when several members were concatenated.
    /// </summary>
    private static void CheckGzipEnd(string path, string name, ReadOnlySpan<byte> magic, byte[] header, byte[] data)
    {
        long total = magic.Length + header.Length + (long)data.Length;
        var trailer = StreamReading.GzipTrailer(path);
        if (trailer is var (crc, size))
        {
            if (size == (uint)total) return; // the one member's trailer, which .NET has checked
            if (size < total)
            {
                // Several members: the CRC-32 of the last `size` bytes of the decompressed file.
                long skip = total - size;
                uint c = 0xFFFFFFFFu;
                if (skip < magic.Length) c = Crc32.Update(c, magic[(int)skip..]);
                skip = Math.Max(0, skip - magic.Length);
                if (skip < header.Length) c = Crc32.Update(c, header.AsSpan((int)skip));
                skip = Math.Max(0, skip - header.Length);
                c = Crc32.Update(c, data.AsSpan((int)skip));
                if (~c == crc) return;
            }
        }
        throw new InvalidDataException($"idx: {name}: truncated gzip data: the stream ends without its CRC-32 and size trailer (all {total} bytes were decompressed, but the file is cut short or its trailer is corrupt)");
    }

    private static string Describe(int rank) => rank switch
    {
        3 => "unsigned-byte images [count, rows, cols]",
        1 => "unsigned-byte labels [count]",
        _ => $"unsigned bytes, {rank} dimensions",
    };
}
