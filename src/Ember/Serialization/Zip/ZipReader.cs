using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;
using System.Text;

namespace Ember.Serialization.Zip;

/// <summary>One stored (uncompressed) entry of a zip archive: where its bytes start, how many there are, their CRC-32.</summary>
internal sealed record ZipEntry(string Name, long DataOffset, long Size, uint Crc);

/// <summary>
/// Reads the entries of a zip archive (stored entries only, zip64 included) from a seekable stream, treating the file as
/// untrusted: the end-of-central-directory record must end the file, the central directory must lie before it, every
/// local header must agree with its central record, entries must not overlap (so the bytes read never exceed the file's
/// size), names are unique, and each entry's CRC-32 is checked when it is read. Compressed or encrypted entries are
/// refused (PyTorch never writes them; refusing them rules out zip bombs). Every problem is a <see cref="ModelFormatException"/>.
/// </summary>
internal sealed class ZipReader
{
    private const uint LocalSignature = 0x04034b50, CentralSignature = 0x02014b50, EndSignature = 0x06054b50;
    private const uint End64Signature = 0x06064b50, Locator64Signature = 0x07064b50;
    private const int MaxCentralDirectoryBytes = 1 << 30;

    private readonly Stream _stream;
    private readonly string _format;
    private readonly Dictionary<string, ZipEntry> _byName = new(StringComparer.Ordinal);

    /// <summary>The entries in central-directory order.</summary>
    public List<ZipEntry> Entries { get; } = [];

    private ZipReader(Stream stream, string format)
    {
        _stream = stream;
        _format = format;
    }

    /// <summary>Reads the central directory of the archive in <paramref name="stream"/> (seekable).</summary>
    /// <param name="stream">The archive.</param>
    /// <param name="format">The format named in error messages (e.g. <c>pytorch</c>).</param>
    public static ZipReader Open(Stream stream, string format)
    {
        var reader = new ZipReader(stream, format);
        reader.ReadDirectory();
        return reader;
    }

    /// <summary>The entry named <paramref name="name"/>, or null.</summary>
    public ZipEntry? Find(string name) => _byName.GetValueOrDefault(name);

    private void ReadDirectory()
    {
        long length = _stream.Length;
        if (length < 22) throw Fail($"the file ({length} bytes) is too short to be a zip archive");
        // The end record (22 bytes + a comment of up to 65535 bytes) must end the file exactly.
        int tail = (int)Math.Min(length, 22 + 65535);
        var end = ReadAt(length - tail, tail);
        int at = -1;
        for (int p = tail - 22; p >= 0; p--)
            if (U32(end, p) == EndSignature && p + 22 + U16(end, p + 20) == tail) { at = p; break; }
        Expect(at >= 0, "no end-of-central-directory record (not a zip archive; PyTorch files before 1.6 and files saved with _use_new_zipfile_serialization=False are not supported)");
        long endOffset = length - tail + at;
        Expect(U16(end, at + 4) == 0 && U16(end, at + 6) == 0 && U16(end, at + 8) == U16(end, at + 10), "multi-disk archives are not supported");
        long count = U16(end, at + 10), cdSize = U32(end, at + 12), cdOffset = U32(end, at + 16);
        long cdLimit = endOffset;
        if (count == 0xFFFF || cdSize == 0xFFFFFFFF || cdOffset == 0xFFFFFFFF)
        {
            Expect(endOffset >= 20, "a zip64 archive without its zip64 locator");
            var loc = ReadAt(endOffset - 20, 20);
            if (U32(loc, 0) == Locator64Signature)
            {
                Expect(U32(loc, 4) == 0 && U32(loc, 16) == 1, "multi-disk archives are not supported");
                long end64 = Long(loc, 8, "zip64 end record offset");
                if (end64 > endOffset - 20 - 56) throw Fail($"the zip64 end record offset {end64} is out of range");
                var e64 = ReadAt(end64, 56);
                Expect(U32(e64, 0) == End64Signature, "the zip64 locator does not point at a zip64 end record");
                Expect(U32(e64, 16) == 0 && U32(e64, 20) == 0 && U64(e64, 24) == U64(e64, 32), "multi-disk archives are not supported");
                count = Long(e64, 32, "entry count");
                cdSize = Long(e64, 40, "central directory size");
                cdOffset = Long(e64, 48, "central directory offset");
                cdLimit = end64;
            }
        }
        if (!(cdOffset <= cdLimit && cdSize <= cdLimit - cdOffset)) throw Fail($"the central directory [{cdOffset}, +{cdSize}) does not lie before the end record at {cdLimit}");
        if (cdSize > MaxCentralDirectoryBytes) throw Fail($"the central directory ({cdSize} bytes) is larger than {MaxCentralDirectoryBytes} bytes");
        if (!(count <= cdSize / 46)) throw Fail($"{count} entries cannot fit a central directory of {cdSize} bytes");
        var cd = ReadAt(cdOffset, (int)cdSize);
        int pos = 0;
        var names = new List<byte[]>();
        var locals = new List<(long Local, long Size)>();
        for (long i = 0; i < count; i++)
        {
            if (!(pos + 46 <= cd.Length && U32(cd, pos) == CentralSignature)) throw Fail($"central directory record {i} is malformed");
            int flags = U16(cd, pos + 8), method = U16(cd, pos + 10);
            uint crc = U32(cd, pos + 16);
            long csize = U32(cd, pos + 20), usize = U32(cd, pos + 24), local = U32(cd, pos + 42);
            int nameLen = U16(cd, pos + 28), extraLen = U16(cd, pos + 30), commentLen = U16(cd, pos + 32);
            if (pos + 46 + nameLen + extraLen + commentLen > cd.Length) throw Fail($"central directory record {i} runs past the directory");
            var nameBytes = cd.AsSpan(pos + 46, nameLen).ToArray();
            string name = DecodeName(nameBytes, i);
            if (!((flags & 1) == 0)) throw Fail($"entry \"{name}\" is encrypted");
            if (method != 0) throw Fail($"entry \"{name}\" is compressed (method {method}); only stored entries are supported, as PyTorch writes them");
            // zip64 extra field: the 8-byte values of the fields that are 0xFFFFFFFF, in this order.
            var extra = cd.AsSpan(pos + 46 + nameLen, extraLen);
            for (int x = 0; x + 4 <= extra.Length;)
            {
                int id = BinaryPrimitives.ReadUInt16LittleEndian(extra[x..]), len = BinaryPrimitives.ReadUInt16LittleEndian(extra[(x + 2)..]);
                if (x + 4 + len > extra.Length) throw Fail($"entry \"{name}\": an extra field runs past its record");
                if (id == 1)
                {
                    var z = extra.Slice(x + 4, len);
                    int k = 0;
                    if (usize == 0xFFFFFFFF) { if (k + 8 > z.Length) throw Fail($"entry \"{name}\": short zip64 field"); usize = Long(z[k..], $"entry \"{name}\" size"); k += 8; }
                    if (csize == 0xFFFFFFFF) { if (k + 8 > z.Length) throw Fail($"entry \"{name}\": short zip64 field"); csize = Long(z[k..], $"entry \"{name}\" size"); k += 8; }
                    if (local == 0xFFFFFFFF) { if (k + 8 > z.Length) throw Fail($"entry \"{name}\": short zip64 field"); local = Long(z[k..], $"entry \"{name}\" offset"); }
                }
                x += 4 + len;
            }
            if (csize != usize) throw Fail($"entry \"{name}\" is stored but its compressed size {csize} differs from its size {usize}");
            if (!(!_byName.ContainsKey(name))) throw Fail($"entry \"{name}\" appears twice");
            var entry = new ZipEntry(name, local, usize, crc); // DataOffset fixed below from the local header
            _byName[name] = entry;
            Entries.Add(entry);
            names.Add(nameBytes);
            locals.Add((local, usize));
            pos += 46 + nameLen + extraLen + commentLen;
        }
        for (int i = 0; i < Entries.Count; i++)
        {
            var e = Entries[i];
            long local = locals[i].Local;
            if (local > cdOffset - 30) throw Fail($"entry \"{e.Name}\": its local header offset {local} is out of range");
            var h = ReadAt(local, 30);
            if (!(U32(h, 0) == LocalSignature)) throw Fail($"entry \"{e.Name}\": no local header at offset {local}");
            int flags = U16(h, 6);
            if (!((flags & 1) == 0 && U16(h, 8) == 0)) throw Fail($"entry \"{e.Name}\": the local header says compressed or encrypted");
            int nameLen = U16(h, 26), extraLen = U16(h, 28);
            long data = local + 30 + nameLen + extraLen;
            if (!(data <= cdOffset && e.Size <= cdOffset - data)) throw Fail($"entry \"{e.Name}\": its {e.Size} bytes at offset {data} run past the entries' area");
            if (!(ReadAt(local + 30, nameLen).AsSpan().SequenceEqual(names[i]))) throw Fail($"entry \"{e.Name}\": the local header names another file");
            if ((flags & 8) == 0)
            {
                uint lcrc = U32(h, 14), lc = U32(h, 18), lu = U32(h, 22);
                if (!(lcrc == e.Crc && (lc == 0xFFFFFFFF || (lc == e.Size && lu == e.Size)))) throw Fail($"entry \"{e.Name}\": the local header's CRC or sizes differ from the central directory's");
            }
            var fixedEntry = e with { DataOffset = data };
            Entries[i] = fixedEntry;
            _byName[e.Name] = fixedEntry;
        }
        // No two entries may share bytes: what is read can never exceed the file.
        var order = Enumerable.Range(0, Entries.Count).OrderBy(i => locals[i].Local).ToArray();
        for (int k = 1; k < order.Length; k++)
        {
            var prev = Entries[order[k - 1]];
            if (locals[order[k]].Local < prev.DataOffset + prev.Size) throw Fail($"entries \"{prev.Name}\" and \"{Entries[order[k]].Name}\" overlap");
        }
    }

    /// <summary>Reads an entry's bytes into <paramref name="destination"/> (exactly its size, in bytes) and checks its CRC-32.</summary>
    public void Read<T>(ZipEntry entry, T[] destination) where T : unmanaged
    {
        long bytes = (long)destination.Length * Unsafe.SizeOf<T>();
        if (bytes != entry.Size) throw new InvalidOperationException("ZipReader.Read: destination size mismatch");
        _stream.Position = entry.DataOffset;
        uint crc = 0;
        const int chunk = 1 << 24;
        int perChunk = Math.Max(1, chunk / Unsafe.SizeOf<T>());
        for (int start = 0; start < destination.Length; start += perChunk)
        {
            var span = MemoryMarshal.AsBytes(destination.AsSpan(start, Math.Min(perChunk, destination.Length - start)));
            int got = _stream.ReadAtLeast(span, span.Length, throwOnEndOfStream: false);
            if (got != span.Length) throw Fail($"entry \"{entry.Name}\" is truncated");
            crc = Crc32.Append(crc, span);
        }
        if (crc != entry.Crc) throw Fail($"entry \"{entry.Name}\": CRC-32 {crc:x8} does not match the recorded {entry.Crc:x8} (the data is corrupt)");
    }

    private byte[] ReadAt(long offset, int count)
    {
        var buffer = new byte[count];
        _stream.Position = offset;
        if (!(_stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false) == count)) throw Fail($"the file ends inside a zip record at offset {offset}");
        return buffer;
    }

    private string DecodeName(byte[] bytes, long index)
    {
        try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (DecoderFallbackException e) { throw new ModelFormatException($"{_format}: entry {index}'s name is not valid UTF-8", e); }
    }

    private static int U16(byte[] b, int at) => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at));
    private static uint U32(byte[] b, int at) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));
    private static ulong U64(byte[] b, int at) => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(at));
    private long Long(byte[] b, int at, string what) => Long(b.AsSpan(at), what);

    private long Long(ReadOnlySpan<byte> b, string what)
    {
        ulong v = BinaryPrimitives.ReadUInt64LittleEndian(b);
        if (v > long.MaxValue) throw Fail($"the {what} {v} is out of range");
        return (long)v;
    }

    private ModelFormatException Fail(string problem) => new($"{_format}: zip archive: {problem}");

    private void Expect(bool condition, string problem)
    {
        if (!condition) throw new ModelFormatException($"{_format}: zip archive: {problem}");
    }
}
