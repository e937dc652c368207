using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Ember.Data.Formats;

/// <summary>
/// A PNG decoder and encoder written on the BCL alone (zlib through <see cref="ZLibStream"/>), for
/// <see cref="Image"/>'s 8-bit HWC pixels.
/// </summary>
/// <remarks>
/// <para>Decoding checks the signature, the chunk structure and every chunk's CRC, concatenates the IDAT
/// chunks, and reverses all five scanline filters (None, Sub, Up, Average, Paeth). Supported: color
/// types 0 (gray), 2 (RGB), 3 (palette, PLTE; alpha from tRNS), 4 (gray + alpha) and 6 (RGBA); bit
/// depths 1, 2, 4 (gray and palette), 8, and 16 (reduced to 8 bits by keeping each sample's high byte,
/// as libpng's <c>png_set_strip_16</c> and PIL's 16-bit color modes do); Adam7 interlacing. Channels of the result: gray → 1,
/// RGB → 3, palette → 3 (4 with tRNS), gray + alpha → 4 (RGBA with the gray replicated), RGBA → 4.
/// Low bit depths are scaled to 0…255 (a 1-bit 1 becomes 255). tRNS on gray or RGB images and the
/// ancillary chunks (gamma, color profiles, text) are ignored.</para>
/// <para>Malformed files raise <see cref="InvalidDataException"/> naming the file and the problem (bad
/// signature, CRC mismatch, truncated chunk or image data, bad IHDR values, invalid filter type, a bad
/// zlib header — including a preset dictionary (FDICT), which PNG forbids —, corrupt deflate data, a
/// zlib stream that is cut short, holds more data than the image needs, or fails its adler-32 check).
/// Before the pixel buffer is allocated, the size is checked against <see cref="ImageFile.MaxImagePixels"/>
/// (the decompression-bomb guard) and against what the compressed data can hold (deflate expands at most
/// about 1032:1); inflating stops at the bytes the image needs.</para>
/// </remarks>
public static class Png
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // Adam7 passes: x start, y start, x step, y step.
    private static readonly (int X0, int Y0, int Dx, int Dy)[] Adam7 =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    /// <summary>Whether <paramref name="data"/> starts with the 8-byte PNG signature.</summary>
    /// <param name="data">The first bytes of a file.</param>
    public static bool IsPng(ReadOnlySpan<byte> data) => data.Length >= 8 && data[..8].SequenceEqual(Signature);

    /// <summary>Reads and decodes a PNG file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The image, HWC bytes with 1, 3 or 4 channels (see the class remarks).</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid PNG, or it declares more than <see cref="ImageFile.MaxImagePixels"/>
    /// pixels (the message names the file and the problem).</exception>
    /// <exception cref="NotSupportedException">The file uses an unknown critical chunk.</exception>
    public static Image Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Decode(StreamReading.ReadAllBytes(path, "png"), Path.GetFileName(path));
    }

    /// <summary>Decodes a PNG held in memory.</summary>
    /// <param name="data">The whole file.</param>
    /// <param name="name">The name used in error messages (default <c>&lt;memory&gt;</c>).</param>
    /// <returns>The image, HWC bytes with 1, 3 or 4 channels (see the class remarks).</returns>
    /// <exception cref="InvalidDataException">The data is not a valid PNG, or it declares more than <see cref="ImageFile.MaxImagePixels"/>
    /// pixels (the message names the problem).</exception>
    /// <exception cref="NotSupportedException">The file uses an unknown critical chunk.</exception>
    public static Image Decode(ReadOnlySpan<byte> data, string name = "<memory>")
    {
        if (!IsPng(data))
            throw Error(name, $"bad signature: not a PNG file (expected 89 50 4E 47 0D 0A 1A 0A, found {Convert.ToHexString(data[..Math.Min(8, data.Length)])})");
        int pos = 8;
        Header? header = null;
        byte[]? palette = null, trns = null;
        var idat = new List<(int Offset, int Length)>();
        long idatTotal = 0;
        bool idatEnded = false, iend = false;
        while (pos < data.Length)
        {
            int remaining = data.Length - pos;
            if (remaining < 12)
                throw Error(name, $"truncated chunk at byte {pos}: {remaining} bytes left, a chunk needs at least 12");
            uint length = BinaryPrimitives.ReadUInt32BigEndian(data[pos..]);
            var typeBytes = data.Slice(pos + 4, 4);
            foreach (byte b in typeBytes)
                if (!char.IsAsciiLetter((char)b))
                    throw Error(name, $"invalid chunk type {Convert.ToHexString(typeBytes)} at byte {pos}: the file is corrupt");
            string type = Encoding.ASCII.GetString(typeBytes);
            if (length > int.MaxValue || length > remaining - 12)
                throw Error(name, $"truncated {type} chunk at byte {pos}: it declares {length} data bytes but only {remaining - 12} remain");
            int len = (int)length;
            var body = data.Slice(pos + 8, len);
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(data[(pos + 8 + len)..]);
            uint computed = Crc32.Compute(data.Slice(pos + 4, 4 + len));
            if (stored != computed)
                throw Error(name, $"CRC mismatch in {type} chunk at byte {pos}: stored 0x{stored:X8}, computed 0x{computed:X8}; the file is corrupt");
            if (header is null && type != "IHDR")
                throw Error(name, $"the first chunk is {type}, expected IHDR");
            if (idat.Count > 0 && type != "IDAT") idatEnded = true;
            switch (type)
            {
                case "IHDR":
                    if (header is not null) throw Error(name, "more than one IHDR chunk");
                    header = ParseHeader(body, name);
                    break;
                case "PLTE":
                    if (idat.Count > 0) throw Error(name, "PLTE chunk after the image data");
                    if (len == 0 || len % 3 != 0 || len / 3 > 256)
                        throw Error(name, $"PLTE chunk of {len} bytes: it must hold 1 to 256 RGB entries (a multiple of 3 bytes)");
                    if (header!.ColorType == PngColorType.Palette && len / 3 > 1 << header.BitDepth)
                        throw Error(name, $"PLTE has {len / 3} entries, more than {1 << header.BitDepth} for bit depth {header.BitDepth}");
                    palette = body.ToArray();
                    break;
                case "tRNS":
                    trns = body.ToArray();
                    break;
                case "IDAT":
                    if (idatEnded) throw Error(name, "IDAT chunks are not consecutive");
                    idat.Add((pos + 8, len));
                    idatTotal += len;
                    break;
                case "IEND":
                    iend = true;
                    break;
                default:
                    if ((typeBytes[0] & 0x20) == 0)
                        throw new NotSupportedException($"png: {name}: unknown critical chunk {type} at byte {pos}");
                    break; // ancillary: skip
            }
            pos += 12 + len;
            if (iend) break;
        }
        if (header is null) throw Error(name, "no chunks after the signature: the file is truncated");
        if (!iend) throw Error(name, "missing IEND chunk: the file is truncated");
        if (idat.Count == 0) throw Error(name, "no IDAT chunk: the file holds no image data");
        if (header.ColorType == PngColorType.Palette && palette is null) throw Error(name, "palette image (color type 3) without a PLTE chunk");
        if (header.ColorType == PngColorType.Palette && trns is not null && trns.Length > palette!.Length / 3)
            throw Error(name, $"tRNS has {trns.Length} entries, more than the palette's {palette.Length / 3}");

        int w = header.Width, h = header.Height;
        ImageFile.CheckPixels("png", name, w, h);
        int samples = SamplesPerPixel(header.ColorType);
        int bitsPerPixel = samples * header.BitDepth;
        int bpp = Math.Max(1, bitsPerPixel / 8);
        int outChannels = header.ColorType switch
        {
            PngColorType.Gray => 1,
            PngColorType.Rgb => 3,
            PngColorType.Palette => trns is not null ? 4 : 3,
            _ => 4,
        };
        // Sides go up to 2^31 - 1, so w · h · channels can pass 2^63: size in double first, then in long.
        double outSize = (double)w * h * outChannels;
        if (outSize > Array.MaxLength)
            throw Error(name, $"a {w}x{h} image with {outChannels} channels is too large to decode ({outSize:F0} bytes, more than one array holds)");
        long outBytes = (long)w * h * outChannels;
        long expected = 0;
        foreach (var (x0, y0, dx, dy) in header.Interlaced ? Adam7 : [(0, 0, 1, 1)])
        {
            long pw = ((long)w - x0 + dx - 1) / dx, ph = ((long)h - y0 + dy - 1) / dy;
            if (pw > 0 && ph > 0) expected += ph * (1 + (pw * bitsPerPixel + 7) / 8); // ≤ 2^31 · 2^35: no overflow
            if (expected > Array.MaxLength)
                throw Error(name, $"a {w}x{h} image is too large to decode (its scanlines take more than {Array.MaxLength} bytes)");
        }
        // Deflate expands at most ~1032:1: a header claiming more than the IDAT data can hold is caught before allocating.
        if (expected > idatTotal * 1032 + 1024)
            throw Error(name, $"truncated image data: {idatTotal} compressed IDAT bytes cannot hold the {expected} bytes of scanlines of a {w}x{h} image");

        var compressed = new byte[idatTotal];
        int at = 0;
        foreach (var (offset, length) in idat)
        {
            data.Slice(offset, length).CopyTo(compressed.AsSpan(at));
            at += length;
        }
        string what = $"IDAT zlib stream of a {w}x{h} {(header.Interlaced ? "interlaced " : "")}image";
        byte[] raw = Zlib.Inflate(compressed, (int)expected, what, (message, inner) => Error(name, message, inner));

        var pixels = new byte[outBytes];
        int start = 0;
        int pass = 0;
        foreach (var (x0, y0, dx, dy) in header.Interlaced ? Adam7 : [(0, 0, 1, 1)])
        {
            int pw = (int)(((long)w - x0 + dx - 1) / dx), ph = (int)(((long)h - y0 + dy - 1) / dy);
            pass++;
            if (pw <= 0 || ph <= 0) continue;
            int rowBytes = (int)(((long)pw * bitsPerPixel + 7) / 8);
            Unfilter(raw, start, ph, rowBytes, bpp, name, header.Interlaced ? pass : 0);
            for (int r = 0; r < ph; r++)
            {
                var row = new ReadOnlySpan<byte>(raw, start + r * (rowBytes + 1) + 1, rowBytes);
                ExpandRow(row, pw, header, palette, trns, outChannels, pixels, y0 + r * dy, x0, dx, w, name);
            }
            start += ph * (rowBytes + 1);
        }
        return new Image(pixels, h, w, outChannels);
    }

    /// <summary>Encodes an image as PNG: one IHDR, IDAT chunks of filter-type-0 scanlines compressed with zlib, IEND.</summary>
    /// <param name="image">The image (1, 3 or 4 channels, 8-bit).</param>
    /// <param name="colorType">The color type to store; null (default) picks Gray, Rgb or Rgba from the channel count.
    /// Gray needs R = G = B and opaque pixels, Rgb opaque pixels, GrayAlpha R = G = B, Palette at most 256 distinct
    /// colors (with a tRNS chunk when any pixel is translucent); Rgba takes anything.</param>
    /// <returns>The PNG file's bytes.</returns>
    /// <exception cref="ArgumentException">The image is invalid, it cannot be stored in <paramref name="colorType"/> without loss,
    /// or its scanlines would not fit in one array.</exception>
    public static byte[] Encode(Image image, PngColorType? colorType = null)
    {
        image.Validate();
        var type = colorType ?? (image.Channels switch { 1 => PngColorType.Gray, 3 => PngColorType.Rgb, _ => PngColorType.Rgba });
        int w = image.Width, h = image.Height, c = image.Channels;
        int spp = SamplesPerPixel(type);
        long rawBytes = (long)h * ((long)w * spp + 1);
        if (rawBytes > Array.MaxLength)
            throw new ArgumentException($"png: a {h}x{w} image stored as {type} takes {rawBytes} bytes of scanlines, more than one array can hold ({Array.MaxLength})", nameof(image));
        int rowBytes = w * spp;
        var raw = new byte[rawBytes];
        var src = image.Pixels;
        var colors = type == PngColorType.Palette ? new Dictionary<uint, int>() : null;
        var paletteList = new List<uint>();
        for (int y = 0; y < h; y++)
        {
            int o = y * (rowBytes + 1);
            raw[o++] = 0; // filter type None
            for (int x = 0; x < w; x++)
            {
                int p = (y * w + x) * c;
                byte r = src[p], g = c == 1 ? r : src[p + 1], b = c == 1 ? r : src[p + 2], a = c == 4 ? src[p + 3] : (byte)255;
                switch (type)
                {
                    case PngColorType.Gray:
                        if (r != g || g != b || a != 255) throw Lossy(type, y, x, r, g, b, a);
                        raw[o++] = r;
                        break;
                    case PngColorType.Rgb:
                        if (a != 255) throw Lossy(type, y, x, r, g, b, a);
                        raw[o++] = r; raw[o++] = g; raw[o++] = b;
                        break;
                    case PngColorType.GrayAlpha:
                        if (r != g || g != b) throw Lossy(type, y, x, r, g, b, a);
                        raw[o++] = r; raw[o++] = a;
                        break;
                    case PngColorType.Rgba:
                        raw[o++] = r; raw[o++] = g; raw[o++] = b; raw[o++] = a;
                        break;
                    case PngColorType.Palette:
                        uint key = (uint)(r << 24 | g << 16 | b << 8 | a);
                        if (!colors!.TryGetValue(key, out int index))
                        {
                            if (colors.Count == 256)
                                throw new ArgumentException($"png: cannot encode as Palette: the image has more than 256 distinct colors", nameof(colorType));
                            index = colors.Count;
                            colors.Add(key, index);
                            paletteList.Add(key);
                        }
                        raw[o++] = (byte)index;
                        break;
                    default:
                        throw new ArgumentException($"png: unknown color type {type}", nameof(colorType));
                }
            }
        }

        using var output = new MemoryStream();
        output.Write(Signature);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, w);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), h);
        ihdr[8] = 8; // bit depth
        ihdr[9] = (byte)type;
        WriteChunk(output, "IHDR", ihdr);
        if (type == PngColorType.Palette)
        {
            var plte = new byte[paletteList.Count * 3];
            bool translucent = false;
            for (int i = 0; i < paletteList.Count; i++)
            {
                uint k = paletteList[i];
                plte[3 * i] = (byte)(k >> 24); plte[3 * i + 1] = (byte)(k >> 16); plte[3 * i + 2] = (byte)(k >> 8);
                translucent |= (byte)k != 255;
            }
            WriteChunk(output, "PLTE", plte);
            if (translucent)
            {
                var alpha = new byte[paletteList.Count];
                for (int i = 0; i < alpha.Length; i++) alpha[i] = (byte)paletteList[i];
                WriteChunk(output, "tRNS", alpha);
            }
        }
        using (var zbuf = new MemoryStream())
        {
            using (var z = new ZLibStream(zbuf, CompressionLevel.Optimal, leaveOpen: true)) z.Write(raw);
            var compressed = zbuf.GetBuffer().AsSpan(0, (int)zbuf.Length);
            const int ChunkSize = 1 << 16;
            for (int i = 0; i < compressed.Length || i == 0; i += ChunkSize)
                WriteChunk(output, "IDAT", compressed.Slice(i, Math.Min(ChunkSize, compressed.Length - i)));
        }
        WriteChunk(output, "IEND", ReadOnlySpan<byte>.Empty);
        return output.ToArray();
    }

    /// <summary>Encodes <paramref name="image"/> (see <see cref="Encode"/>) and writes it to <paramref name="path"/>.</summary>
    /// <param name="path">The file to create or overwrite (atomically: written beside it, then renamed over it).</param>
    /// <param name="image">The image (1, 3 or 4 channels).</param>
    /// <param name="colorType">The color type to store; null (default) picks it from the channel count.</param>
    /// <exception cref="ArgumentException">The image is invalid or cannot be stored in <paramref name="colorType"/> without loss.</exception>
    public static void Write(string path, Image image, PngColorType? colorType = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = Encode(image, colorType);
        Serialization.AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    private sealed record Header(int Width, int Height, int BitDepth, PngColorType ColorType, bool Interlaced);

    private static Header ParseHeader(ReadOnlySpan<byte> b, string name)
    {
        if (b.Length != 13) throw Error(name, $"IHDR chunk has {b.Length} bytes, expected 13");
        uint w = BinaryPrimitives.ReadUInt32BigEndian(b), h = BinaryPrimitives.ReadUInt32BigEndian(b[4..]);
        if (w == 0 || h == 0 || w > int.MaxValue || h > int.MaxValue)
            throw Error(name, $"invalid image size {w}x{h} in IHDR (each side must be 1 to {int.MaxValue})");
        int depth = b[8], colorType = b[9];
        bool ok = colorType switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => throw Error(name, $"invalid color type {colorType} in IHDR (valid: 0, 2, 3, 4, 6)"),
        };
        if (!ok) throw Error(name, $"bit depth {depth} is not allowed with color type {colorType}");
        if (b[10] != 0) throw Error(name, $"unknown compression method {b[10]} in IHDR (only 0, deflate, exists)");
        if (b[11] != 0) throw Error(name, $"unknown filter method {b[11]} in IHDR (only 0 exists)");
        if (b[12] > 1) throw Error(name, $"unknown interlace method {b[12]} in IHDR (0 none, 1 Adam7)");
        return new Header((int)w, (int)h, depth, (PngColorType)colorType, b[12] == 1);
    }

    private static int SamplesPerPixel(PngColorType type) => type switch
    {
        PngColorType.Gray or PngColorType.Palette => 1,
        PngColorType.Rgb => 3,
        PngColorType.GrayAlpha => 2,
        PngColorType.Rgba => 4,
        _ => throw new ArgumentException($"png: unknown color type {(int)type}"),
    };

    /// <summary>Reverses the scanline filters in place: rows of [filter byte, rowBytes bytes] starting at <paramref name="start"/>.</summary>
    private static void Unfilter(byte[] buf, int start, int rows, int rowBytes, int bpp, string name, int pass)
    {
        int stride = rowBytes + 1;
        for (int r = 0; r < rows; r++)
        {
            int o = start + r * stride;
            byte filter = buf[o];
            var cur = buf.AsSpan(o + 1, rowBytes);
            var prev = r == 0 ? Span<byte>.Empty : buf.AsSpan(o + 1 - stride, rowBytes);
            switch (filter)
            {
                case 0:
                    break;
                case 1: // Sub
                    for (int i = bpp; i < rowBytes; i++) cur[i] += cur[i - bpp];
                    break;
                case 2: // Up
                    if (r > 0) for (int i = 0; i < rowBytes; i++) cur[i] += prev[i];
                    break;
                case 3: // Average
                    for (int i = 0; i < rowBytes; i++)
                    {
                        int left = i >= bpp ? cur[i - bpp] : 0, up = r > 0 ? prev[i] : 0;
                        cur[i] += (byte)((left + up) >> 1);
                    }
                    break;
                case 4: // Paeth
                    for (int i = 0; i < rowBytes; i++)
                    {
                        int a = i >= bpp ? cur[i - bpp] : 0, b = r > 0 ? prev[i] : 0, c = i >= bpp && r > 0 ? prev[i - bpp] : 0;
                        cur[i] += (byte)Paeth(a, b, c);
                    }
                    break;
                default:
                    throw Error(name, $"invalid filter type {filter} on scanline {r}{(pass > 0 ? $" of interlace pass {pass}" : "")} (valid: 0 to 4); the image data is corrupt");
            }
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>Writes the <paramref name="count"/> pixels of one unfiltered row to row <paramref name="y"/> of the output, at x0, x0 + dx, ….</summary>
    private static void ExpandRow(ReadOnlySpan<byte> row, int count, Header header, byte[]? palette, byte[]? trns,
        int outChannels, byte[] pixels, int y, int x0, int dx, int width, string name)
    {
        int depth = header.BitDepth;
        int step = depth == 16 ? 2 : 1; // 16-bit samples: keep the high byte
        for (int i = 0; i < count; i++)
        {
            long o = ((long)y * width + x0 + (long)i * dx) * outChannels;
            switch (header.ColorType)
            {
                case PngColorType.Gray:
                    pixels[o] = depth < 8 ? (byte)(Bits(row, i, depth) * 255 / ((1 << depth) - 1)) : row[i * step];
                    break;
                case PngColorType.Rgb:
                    pixels[o] = row[3 * i * step];
                    pixels[o + 1] = row[(3 * i + 1) * step];
                    pixels[o + 2] = row[(3 * i + 2) * step];
                    break;
                case PngColorType.GrayAlpha:
                    byte g = row[2 * i * step];
                    pixels[o] = g; pixels[o + 1] = g; pixels[o + 2] = g;
                    pixels[o + 3] = row[(2 * i + 1) * step];
                    break;
                case PngColorType.Rgba:
                    pixels[o] = row[4 * i * step];
                    pixels[o + 1] = row[(4 * i + 1) * step];
                    pixels[o + 2] = row[(4 * i + 2) * step];
                    pixels[o + 3] = row[(4 * i + 3) * step];
                    break;
                case PngColorType.Palette:
                    int index = depth < 8 ? Bits(row, i, depth) : row[i];
                    if (index >= palette!.Length / 3)
                        throw Error(name, $"pixel ({y}, {x0 + i * dx}) uses palette index {index}, but PLTE has {palette.Length / 3} entries");
                    pixels[o] = palette[3 * index];
                    pixels[o + 1] = palette[3 * index + 1];
                    pixels[o + 2] = palette[3 * index + 2];
                    if (outChannels == 4) pixels[o + 3] = index < trns!.Length ? trns[index] : (byte)255;
                    break;
            }
        }
    }

    /// <summary>Sample <paramref name="i"/> of a row packed at <paramref name="depth"/> bits per sample, most significant bits first.</summary>
    private static int Bits(ReadOnlySpan<byte> row, int i, int depth)
    {
        int bit = i * depth;
        return (row[bit >> 3] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> body)
    {
        Span<byte> head = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(head, body.Length);
        Encoding.ASCII.GetBytes(type, head[4..]);
        uint crc = ~Crc32.Update(Crc32.Update(0xFFFFFFFFu, head[4..]), body);
        output.Write(head);
        output.Write(body);
        Span<byte> tail = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(tail, crc);
        output.Write(tail);
    }

    private static ArgumentException Lossy(PngColorType type, int y, int x, byte r, byte g, byte b, byte a) =>
        new($"png: cannot encode as {type} without loss: pixel ({y}, {x}) is RGBA ({r}, {g}, {b}, {a})", "colorType");

    private static InvalidDataException Error(string name, string message, Exception? inner = null) =>
        new($"png: {name}: {message}", inner);
}
