using System.Buffers.Binary;
using System.Text;

namespace Ember.Serialization.Zip;

/// <summary>
/// Writes a zip archive the way PyTorch's <c>PyTorchFileWriter</c> (miniz) does: stored entries whose data starts on a
/// 64-byte boundary (padding in an extra field with id <c>"FB"</c>), each followed by a data descriptor holding its CRC-32
/// and size, so entries stream straight to a non-seekable output; zip64 records where sizes or offsets need them.
/// </summary>
internal sealed class ZipWriter
{
    private const int Alignment = 64;
    private readonly Stream _out;
    private readonly List<(byte[] Name, long Offset, long Size, uint Crc, bool Zip64)> _central = [];
    private long _position;
    private (byte[] Name, long Offset, long Size, bool Zip64)? _open;
    private long _written;
    private uint _crc;

    private readonly long _zip64From;

    /// <param name="output">Where the archive goes (need not seek).</param>
    /// <param name="zip64From">Sizes and offsets from this value on use zip64 records (default: where the 32-bit fields end;
    /// tests lower it to exercise the zip64 paths with small files).</param>
    public ZipWriter(Stream output, long zip64From = 0xFFFFFFFF)
    {
        _out = output;
        _zip64From = zip64From;
    }

    /// <summary>Starts an entry of exactly <paramref name="size"/> bytes (written next with <see cref="Write"/>).</summary>
    public void Begin(string name, long size)
    {
        if (_open is not null) throw new InvalidOperationException("ZipWriter: an entry is already open");
        var nameBytes = Encoding.UTF8.GetBytes(name);
        bool zip64 = size >= _zip64From;
        int fixedLength = 30 + nameBytes.Length + (zip64 ? 20 : 0) + 4;
        int pad = (int)((Alignment - (_position + fixedLength) % Alignment) % Alignment);
        Span<byte> h = stackalloc byte[30];
        BinaryPrimitives.WriteUInt32LittleEndian(h, 0x04034b50);
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], (ushort)(zip64 ? 45 : 20));
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], 0x0808); // data descriptor follows; UTF-8 name
        h[8..26].Clear(); // method 0 (stored), time, date, CRC and sizes (in the descriptor)
        if (zip64) BinaryPrimitives.WriteUInt64LittleEndian(h[18..], ulong.MaxValue);
        BinaryPrimitives.WriteUInt16LittleEndian(h[26..], (ushort)nameBytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(h[28..], (ushort)(fixedLength - 30 - nameBytes.Length + pad));
        Emit(h);
        Emit(nameBytes);
        Span<byte> x = stackalloc byte[20];
        if (zip64)
        {
            x.Clear();
            BinaryPrimitives.WriteUInt16LittleEndian(x, 1);
            BinaryPrimitives.WriteUInt16LittleEndian(x[2..], 16);
            Emit(x);
        }
        x[0] = (byte)'F';
        x[1] = (byte)'B';
        BinaryPrimitives.WriteUInt16LittleEndian(x[2..], (ushort)pad);
        Emit(x[..4]);
        Span<byte> z = stackalloc byte[Alignment];
        z.Fill((byte)'Z');
        Emit(z[..pad]);
        _open = (nameBytes, _position - (fixedLength + pad), size, zip64);
        _written = 0;
        _crc = 0;
    }

    /// <summary>Writes the next bytes of the open entry.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        var open = _open ?? throw new InvalidOperationException("ZipWriter: no entry is open");
        if (_written + data.Length > open.Size) throw new InvalidOperationException($"ZipWriter: entry overruns its size {open.Size}");
        _crc = Crc32.Append(_crc, data);
        _written += data.Length;
        Emit(data);
    }

    /// <summary>Ends the open entry with its data descriptor.</summary>
    public void End()
    {
        var open = _open ?? throw new InvalidOperationException("ZipWriter: no entry is open");
        if (_written != open.Size) throw new InvalidOperationException($"ZipWriter: entry holds {_written} bytes, not {open.Size}");
        Span<byte> d = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(d, 0x08074b50);
        BinaryPrimitives.WriteUInt32LittleEndian(d[4..], _crc);
        if (open.Zip64)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(d[8..], (ulong)open.Size);
            BinaryPrimitives.WriteUInt64LittleEndian(d[16..], (ulong)open.Size);
            Emit(d);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(d[8..], (uint)open.Size);
            BinaryPrimitives.WriteUInt32LittleEndian(d[12..], (uint)open.Size);
            Emit(d[..16]);
        }
        _central.Add((open.Name, open.Offset, open.Size, _crc, open.Zip64 || open.Offset >= _zip64From));
        _open = null;
    }

    /// <summary>Writes a whole entry.</summary>
    public void Add(string name, ReadOnlySpan<byte> data)
    {
        Begin(name, data.Length);
        Write(data);
        End();
    }

    /// <summary>Writes the central directory and the end records.</summary>
    public void Finish()
    {
        if (_open is not null) throw new InvalidOperationException("ZipWriter: an entry is still open");
        long cdOffset = _position;
        Span<byte> c = stackalloc byte[46];
        Span<byte> x = stackalloc byte[28];
        foreach (var (name, offset, size, crc, zip64) in _central)
        {
            bool bigSize = size >= _zip64From, bigOffset = offset >= _zip64From;
            int extraLength = zip64 ? 4 + (bigSize ? 16 : 0) + (bigOffset ? 8 : 0) : 0;
            c.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(c, 0x02014b50);
            BinaryPrimitives.WriteUInt16LittleEndian(c[4..], (ushort)(zip64 ? 45 : 20));
            BinaryPrimitives.WriteUInt16LittleEndian(c[6..], (ushort)(zip64 ? 45 : 20));
            BinaryPrimitives.WriteUInt16LittleEndian(c[8..], 0x0808);
            BinaryPrimitives.WriteUInt32LittleEndian(c[16..], crc);
            BinaryPrimitives.WriteUInt32LittleEndian(c[20..], bigSize ? uint.MaxValue : (uint)size);
            BinaryPrimitives.WriteUInt32LittleEndian(c[24..], bigSize ? uint.MaxValue : (uint)size);
            BinaryPrimitives.WriteUInt16LittleEndian(c[28..], (ushort)name.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(c[30..], (ushort)extraLength);
            BinaryPrimitives.WriteUInt32LittleEndian(c[42..], bigOffset ? uint.MaxValue : (uint)offset);
            Emit(c);
            Emit(name);
            if (zip64)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(x, 1);
                BinaryPrimitives.WriteUInt16LittleEndian(x[2..], (ushort)(extraLength - 4));
                int k = 4;
                if (bigSize) { BinaryPrimitives.WriteUInt64LittleEndian(x[k..], (ulong)size); BinaryPrimitives.WriteUInt64LittleEndian(x[(k + 8)..], (ulong)size); k += 16; }
                if (bigOffset) { BinaryPrimitives.WriteUInt64LittleEndian(x[k..], (ulong)offset); k += 8; }
                Emit(x[..k]);
            }
        }
        long cdSize = _position - cdOffset;
        bool end64 = _central.Count >= Math.Min(0xFFFF, _zip64From) || cdOffset >= _zip64From || cdSize >= _zip64From;
        if (end64)
        {
            long at = _position;
            Span<byte> e = stackalloc byte[56 + 20];
            e.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(e, 0x06064b50);
            BinaryPrimitives.WriteUInt64LittleEndian(e[4..], 44);
            BinaryPrimitives.WriteUInt16LittleEndian(e[12..], 45);
            BinaryPrimitives.WriteUInt16LittleEndian(e[14..], 45);
            BinaryPrimitives.WriteUInt64LittleEndian(e[24..], (ulong)_central.Count);
            BinaryPrimitives.WriteUInt64LittleEndian(e[32..], (ulong)_central.Count);
            BinaryPrimitives.WriteUInt64LittleEndian(e[40..], (ulong)cdSize);
            BinaryPrimitives.WriteUInt64LittleEndian(e[48..], (ulong)cdOffset);
            BinaryPrimitives.WriteUInt32LittleEndian(e[56..], 0x07064b50);
            BinaryPrimitives.WriteUInt64LittleEndian(e[64..], (ulong)at);
            BinaryPrimitives.WriteUInt32LittleEndian(e[72..], 1);
            Emit(e);
        }
        Span<byte> r = stackalloc byte[22];
        r.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(r, 0x06054b50);
        ushort n = end64 ? (ushort)0xFFFF : (ushort)_central.Count;
        BinaryPrimitives.WriteUInt16LittleEndian(r[8..], n);
        BinaryPrimitives.WriteUInt16LittleEndian(r[10..], n);
        BinaryPrimitives.WriteUInt32LittleEndian(r[12..], end64 ? uint.MaxValue : (uint)cdSize);
        BinaryPrimitives.WriteUInt32LittleEndian(r[16..], end64 ? uint.MaxValue : (uint)cdOffset);
        Emit(r);
        _out.Flush();
    }

    private void Emit(ReadOnlySpan<byte> bytes)
    {
        _out.Write(bytes);
        _position += bytes.Length;
    }
}
