using System.Text;

namespace Ember.Data.Formats;

/// <summary>
/// Netpbm gray and color images: PGM (P2 ASCII, P5 binary; 1 channel) and PPM (P3 ASCII, P6 binary;
/// 3 channels), with maxval at most 255.
/// </summary>
/// <remarks>
/// The header is the magic, width, height and maxval separated by whitespace, where a <c>#</c> starts a
/// comment that runs to the end of the line. In the binary forms exactly one whitespace byte follows
/// maxval, then width × height × channels bytes; trailing bytes after the raster are ignored (as
/// netpbm does for multi-image streams). Samples are scaled to 0…255 when maxval is below 255
/// (<c>round(v · 255 / maxval)</c>); a sample above maxval is an error. The header is checked against the
/// bytes present, and against <see cref="ImageFile.MaxImagePixels"/> (the decompression-bomb guard), before
/// the pixel buffer is allocated. P1/P4 (bitmaps), P7 (PAM) and 16-bit
/// (maxval &gt; 255) files raise <see cref="NotSupportedException"/>.
/// </remarks>
public static class Pnm
{
    /// <summary>Whether <paramref name="data"/> starts like a PGM or PPM file (P2, P3, P5 or P6 followed by whitespace).</summary>
    /// <param name="data">The first bytes of a file.</param>
    public static bool IsPnm(ReadOnlySpan<byte> data) =>
        data.Length >= 3 && data[0] == 'P' && data[1] is (byte)'2' or (byte)'3' or (byte)'5' or (byte)'6' && IsSpace(data[2]);

    /// <summary>Reads and decodes a PGM or PPM file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The image: 1 channel for PGM, 3 for PPM, HWC bytes.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is malformed or truncated, or it declares more than
    /// <see cref="ImageFile.MaxImagePixels"/> pixels (the message names the file and the problem).</exception>
    /// <exception cref="NotSupportedException">The file is a bitmap, PAM or 16-bit image.</exception>
    public static Image Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Decode(StreamReading.ReadAllBytes(path, "pnm"), Path.GetFileName(path));
    }

    /// <summary>Decodes a PGM or PPM image held in memory.</summary>
    /// <param name="data">The whole file.</param>
    /// <param name="name">The name used in error messages (default <c>&lt;memory&gt;</c>).</param>
    /// <returns>The image: 1 channel for PGM, 3 for PPM, HWC bytes.</returns>
    /// <exception cref="InvalidDataException">The data is malformed or truncated, or it declares more than
    /// <see cref="ImageFile.MaxImagePixels"/> pixels.</exception>
    /// <exception cref="NotSupportedException">The data is a bitmap, PAM or 16-bit image.</exception>
    public static Image Decode(ReadOnlySpan<byte> data, string name = "<memory>")
    {
        if (data.Length < 2 || data[0] != 'P' || data[1] < '1' || data[1] > '7')
            throw Error(name, $"bad magic: not a PGM/PPM file (expected P2, P3, P5 or P6, found {Printable(data[..Math.Min(2, data.Length)])})");
        char kind = (char)data[1];
        if (kind is '1' or '4') throw new NotSupportedException($"pnm: {name}: P{kind} bitmaps (PBM) are not supported; use P2/P5 (PGM) or P3/P6 (PPM)");
        if (kind == '7') throw new NotSupportedException($"pnm: {name}: P7 (PAM) is not supported; use P2/P5 (PGM) or P3/P6 (PPM)");
        bool ascii = kind is '2' or '3';
        int channels = kind is '2' or '5' ? 1 : 3;
        int pos = 2;
        if (pos >= data.Length || !IsSpace(data[pos]) && data[pos] != '#')
            throw Error(name, $"the magic P{kind} must be followed by whitespace");
        long width = ReadHeaderNumber(data, ref pos, "width", name);
        long height = ReadHeaderNumber(data, ref pos, "height", name);
        long maxval = ReadHeaderNumber(data, ref pos, "maxval", name);
        if (width < 1 || height < 1) throw Error(name, $"invalid size {width}x{height} (each side must be at least 1)");
        if (maxval < 1) throw Error(name, $"maxval {maxval} must be 1 to 255");
        if (maxval > 255) throw new NotSupportedException($"pnm: {name}: maxval {maxval} means 16-bit samples, which are not supported (maxval must be at most 255)");
        ImageFile.CheckPixels("pnm", name, width, height);
        double samples = (double)width * height * channels; // sizes saturate at 2^40: no overflow in double
        if (samples > Array.MaxLength)
            throw Error(name, $"the header claims a {width}x{height}x{channels} image ({samples:G17} samples), more than an array can hold");
        long count = (long)samples;

        if (!ascii)
        {
            if (pos >= data.Length || !IsSpace(data[pos])) throw Error(name, "truncated header: expected one whitespace byte after maxval");
            pos++;
            long remaining = data.Length - pos;
            if (remaining < count)
                throw Error(name, $"truncated raster: expected {count} bytes of pixels for {width}x{height}x{channels}, found {remaining}");
            var pixels = data.Slice(pos, (int)count).ToArray();
            if (maxval != 255)
                for (int i = 0; i < pixels.Length; i++)
                {
                    if (pixels[i] > maxval) throw Error(name, $"sample {i} is {pixels[i]}, above maxval {maxval}");
                    pixels[i] = Scale(pixels[i], (int)maxval);
                }
            return new Image(pixels, (int)height, (int)width, channels);
        }
        else
        {
            // Every ASCII sample takes at least one digit and one separator (except the last): check before allocating.
            long remaining = data.Length - pos;
            if (remaining < 2 * count - 1)
                throw Error(name, $"truncated raster: {width}x{height}x{channels} needs {count} ASCII samples, but only {remaining} bytes follow the header");
            var pixels = new byte[count];
            for (long i = 0; i < count; i++)
            {
                SkipSpace(data, ref pos, allowComments: true);
                if (pos >= data.Length)
                    throw Error(name, $"truncated raster: expected {count} samples for {width}x{height}x{channels}, found {i}");
                int start = pos;
                long v = 0;
                while (pos < data.Length && data[pos] is >= (byte)'0' and <= (byte)'9')
                {
                    v = Math.Min(v * 10 + (data[pos] - '0'), 1L << 40);
                    pos++;
                }
                if (pos == start || pos < data.Length && !IsSpace(data[pos]) && data[pos] != '#')
                    throw Error(name, $"sample {i} is not a number (found '{Printable(data.Slice(start, Math.Min(12, data.Length - start)))}' at byte {start})");
                if (v > maxval) throw Error(name, $"sample {i} is {v}, above maxval {maxval}");
                pixels[i] = maxval == 255 ? (byte)v : Scale((int)v, (int)maxval);
            }
            return new Image(pixels, (int)height, (int)width, channels);
        }
    }

    /// <summary>Encodes an image as PGM (1 channel) or PPM (3 channels).</summary>
    /// <param name="image">The image; 1 or 3 channels.</param>
    /// <param name="binary">True (default) for P5/P6, false for ASCII P2/P3.</param>
    /// <returns>The file's bytes (maxval 255).</returns>
    /// <exception cref="ArgumentException">The image is invalid, has 4 channels (PNM has no alpha; use <see cref="Png"/>), or the
    /// file would not fit in one array.</exception>
    public static byte[] Encode(Image image, bool binary = true)
    {
        image.Validate();
        if (image.Channels == 4)
            throw new ArgumentException("pnm: PGM/PPM cannot store an alpha channel; drop it first or write a PNG", nameof(image));
        char magic = (image.Channels, binary) switch { (1, false) => '2', (3, false) => '3', (1, true) => '5', _ => '6' };
        var header = Encoding.ASCII.GetBytes($"P{magic}\n{image.Width} {image.Height}\n255\n");
        // ASCII takes up to 4 characters per sample ("255 "); the file must fit in one array.
        long size = header.Length + (binary ? 1L : 4L) * image.Pixels.Length;
        if (size > Array.MaxLength)
            throw new ArgumentException($"pnm: a {image.Height}x{image.Width}x{image.Channels} image takes up to {size} bytes as {(binary ? "binary" : "ASCII")} P{magic}, more than one array can hold ({Array.MaxLength})", nameof(image));
        if (binary)
        {
            var result = new byte[header.Length + image.Pixels.Length];
            header.CopyTo(result, 0);
            image.Pixels.CopyTo(result, header.Length);
            return result;
        }
        var sb = new StringBuilder((int)size);
        sb.Append(Encoding.ASCII.GetString(header));
        int perRow = image.Width * image.Channels;
        for (int i = 0; i < image.Pixels.Length; i++)
        {
            sb.Append(image.Pixels[i]);
            sb.Append((i + 1) % perRow == 0 ? '\n' : ' ');
        }
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    /// <summary>Writes an image as PGM (1 channel) or PPM (3 channels).</summary>
    /// <param name="path">The file to create or overwrite (atomically: written beside it, then renamed over it).</param>
    /// <param name="image">The image; 1 or 3 channels.</param>
    /// <param name="binary">True (default) for P5/P6, false for ASCII P2/P3.</param>
    /// <exception cref="ArgumentException">The image is invalid or has 4 channels.</exception>
    public static void Write(string path, Image image, bool binary = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = Encode(image, binary);
        Serialization.AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    private static byte Scale(int v, int maxval) => (byte)((v * 255 + maxval / 2) / maxval);

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\v' or (byte)'\f';

    private static void SkipSpace(ReadOnlySpan<byte> data, ref int pos, bool allowComments)
    {
        while (pos < data.Length)
        {
            if (IsSpace(data[pos])) pos++;
            else if (allowComments && data[pos] == '#')
                while (pos < data.Length && data[pos] != '\n' && data[pos] != '\r') pos++;
            else break;
        }
    }

    private static long ReadHeaderNumber(ReadOnlySpan<byte> data, ref int pos, string what, string name)
    {
        SkipSpace(data, ref pos, allowComments: true);
        if (pos >= data.Length) throw Error(name, $"truncated header: missing {what}");
        int start = pos;
        long v = 0;
        while (pos < data.Length && data[pos] is >= (byte)'0' and <= (byte)'9')
        {
            v = Math.Min(v * 10 + (data[pos] - '0'), 1L << 40); // saturate: an absurd value is rejected below
            pos++;
        }
        if (pos == start || pos < data.Length && !IsSpace(data[pos]) && data[pos] != '#')
            throw Error(name, $"invalid header: {what} is not a number (found '{Printable(data.Slice(start, Math.Min(12, data.Length - start)))}')");
        if (pos >= data.Length) throw Error(name, $"truncated header after {what}");
        return v;
    }

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder();
        foreach (byte b in bytes) sb.Append(b is >= 32 and < 127 ? (char)b : '?');
        return sb.ToString();
    }

    private static InvalidDataException Error(string name, string message) => new($"pnm: {name}: {message}");
}
