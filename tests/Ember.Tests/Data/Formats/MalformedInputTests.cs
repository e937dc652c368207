using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Ember.Data;
using Ember.Data.Formats;

namespace Ember.Tests.Data.Formats;

/// <summary>
/// Hostile-input batteries for every file reader: truncations at every position of small valid files, random
/// bit flips (fixed seeds), flips with the checksums repaired so that they reach the deeper layers, and headers
/// declaring absurd sizes. Only the documented exception types may come out, with a message naming the format
/// and the file, and nothing may hang.
/// </summary>
public class MalformedInputTests
{
    private static readonly Type[] DecodeErrors = [typeof(InvalidDataException), typeof(NotSupportedException)];

    /// <summary>Runs every case; each must succeed or throw an allowed type whose message starts with <paramref name="prefix"/>.</summary>
    private static (int Ok, int Rejected) Battery(string what, IEnumerable<(string Case, byte[] Data)> cases, Action<byte[]> decode,
        string prefix, Type[] allowed)
    {
        int ok = 0, rejected = 0;
        var task = Task.Run(() =>
        {
            foreach (var (name, data) in cases)
            {
                try
                {
                    decode(data);
                    ok++;
                }
                catch (Exception e)
                {
                    if (!allowed.Contains(e.GetType()) || !e.Message.StartsWith(prefix, StringComparison.Ordinal))
                        Assert.Fail($"{what}, {name}: {e.GetType().FullName}: {e.Message}\n{e.StackTrace}");
                    rejected++;
                }
            }
        });
        if (!task.Wait(TimeSpan.FromSeconds(120))) Assert.Fail($"{what}: the battery did not finish in 120 s (a hang?)");
        return (ok, rejected);
    }

    private static IEnumerable<(string, byte[])> Truncations(byte[] valid)
    {
        for (int n = 0; n < valid.Length; n++) yield return ($"truncated to {n} bytes", valid[..n]);
    }

    /// <summary>Copies with 1 to 3 random bits flipped (or a byte replaced), then <paramref name="repair"/> (e.g. fix CRCs).</summary>
    private static IEnumerable<(string, byte[])> Flips(byte[] valid, int count, int seed, int from = 0, Func<byte[], byte[]>? repair = null)
    {
        var rng = new Random(seed);
        for (int k = 0; k < count; k++)
        {
            var d = (byte[])valid.Clone();
            var what = new StringBuilder($"flip #{k}:");
            int edits = rng.Next(1, 4);
            for (int e = 0; e < edits; e++)
            {
                int at = rng.Next(from, d.Length);
                if (rng.Next(4) == 0) d[at] = (byte)rng.Next(256);
                else d[at] ^= (byte)(1 << rng.Next(8));
                what.Append($" byte {at} -> 0x{d[at]:X2}");
            }
            yield return (what.ToString(), repair is null ? d : repair(d));
        }
    }

    // ---- PNG ----

    private static byte[] Chunk(string type, ReadOnlySpan<byte> body) => PngBuilder.Chunk(type, body);

    private static byte[] Ihdr(uint w, uint h, int depth, int colorType, int interlace = 0) => PngBuilder.Ihdr(w, h, depth, colorType, interlace);

    private static byte[] Deflate(byte[] raw) => PngBuilder.Zlib(raw);

    private static byte[] PngFile(byte[] ihdr, byte[] idat, params byte[][] before) => PngBuilder.File(ihdr, idat, before);

    private static Image TestImage(int h, int w, int c)
    {
        var p = new byte[h * w * c];
        for (int i = 0; i < p.Length; i++) p[i] = (byte)(i * 53 % 251);
        if (c == 4) for (int i = 3; i < p.Length; i += 4) p[i] = (byte)(i % 3 == 0 ? 255 : 40);
        return new Image(p, h, w, c);
    }

    public static TheoryData<string> PngKinds => new() { "gray", "rgb", "rgba", "palette", "graya" };

    private static byte[] ValidPng(string kind) => kind switch
    {
        "gray" => Png.Encode(TestImage(5, 4, 1)),
        "rgb" => Png.Encode(TestImage(4, 5, 3)),
        "rgba" => Png.Encode(TestImage(3, 3, 4)),
        "palette" => Png.Encode(new Image([.. Enumerable.Range(0, 36).Select(i => (byte)(i % 3 * 100 + (i % 4 == 3 ? 0 : 7)))], 3, 3, 4), PngColorType.Palette),
        _ => Png.Encode(new Image([.. Enumerable.Range(0, 24).Select(i => (byte)(i % 4 == 3 ? i * 9 : i / 4 * 40))], 2, 3, 4), PngColorType.GrayAlpha),
    };

    [Theory]
    [MemberData(nameof(PngKinds))]
    public void PngTruncationsAndFlipsOnlyThrowInvalidData(string kind)
    {
        var valid = ValidPng(kind);
        Png.Decode(valid, "t.png"); // the seed file itself is valid
        var cases = Truncations(valid)
            .Concat(Flips(valid, 1500, seed: 1))
            .Concat(Flips(valid, 1500, seed: 2, from: 8, repair: PngBuilder.RepairCrcs));
        var (ok, rejected) = Battery($"png {kind}", cases, d => Png.Decode(d, "t.png"), "png: t.png: ", DecodeErrors);
        Assert.True(rejected > valid.Length, $"{rejected} rejected, {ok} decoded");
    }

    [Fact]
    public void PngScanlineFlipsOnlyThrowInvalidData()
    {
        // Flips in the uncompressed scanlines, recompressed into a valid container: filter types, palette indices, 1-bit rows.
        var rng = new Random(3);
        var kinds = new (byte[] Ihdr, int RowBytes, int Rows, byte[][] Extra)[]
        {
            (Ihdr(5, 3, 1, 0), 1, 3, []),
            (Ihdr(3, 3, 2, 3), 1, 3, [Chunk("PLTE", [1, 2, 3, 4, 5, 6, 7, 8, 9])]),
            (Ihdr(4, 2, 16, 2), 24, 2, []),
            (Ihdr(3, 3, 8, 6), 12, 3, []),
            (Ihdr(9, 9, 8, 0, interlace: 1), 0, 0, []),
        };
        var cases = new List<(string, byte[])>();
        foreach (var (ihdr, rowBytes, rows, extra) in kinds)
        {
            byte[] raw = rowBytes > 0
                ? [.. Enumerable.Range(0, rows * (rowBytes + 1)).Select(i => (byte)(i % (rowBytes + 1) == 0 ? i % 5 : i * 29))]
                : InterlacedGray9x9();
            for (int k = 0; k < 400; k++)
            {
                var r = (byte[])raw.Clone();
                int at = rng.Next(r.Length);
                r[at] = (byte)rng.Next(256);
                cases.Add(($"ihdr {Convert.ToHexString(ihdr)}, raw byte {at} -> {r[at]}", PngFile(ihdr, Deflate(r), extra)));
            }
            cases.Add(($"ihdr {Convert.ToHexString(ihdr)}, one raw byte short", PngFile(ihdr, Deflate(raw[..^1]), extra)));
            cases.Add(($"ihdr {Convert.ToHexString(ihdr)}, one raw byte too many", PngFile(ihdr, Deflate([.. raw, 0]), extra)));
        }
        Battery("png scanlines", cases, d => Png.Decode(d, "s.png"), "png: s.png: ", DecodeErrors);
    }

    private static byte[] InterlacedGray9x9()
    {
        // Adam7 passes of a 9x9 8-bit gray image: pass sizes (w x h) 2x2, 1x2, 2x1, 2x2, 5x2, 4x5, 9x4.
        var sizes = new (int W, int H)[] { (2, 2), (1, 2), (2, 1), (2, 2), (5, 2), (4, 5), (9, 4) };
        var raw = new List<byte>();
        foreach (var (w, h) in sizes)
            for (int r = 0; r < h; r++)
            {
                raw.Add(0);
                for (int x = 0; x < w; x++) raw.Add((byte)(r * 31 + x * 7));
            }
        return [.. raw];
    }

    [Fact]
    public void PngHugeDeclaredSizesAreRejectedBeforeAllocating()
    {
        var idat = Deflate(new byte[16]);
        foreach (var (w, h, depth, type) in new (uint, uint, int, int)[]
        {
            (0x7FFFFFFF, 0x7FFFFFFF, 16, 6), // w·h·8 bytes of scanlines passes 2^63
            (0x7FFFFFFF, 0x7FFFFFFF, 8, 2), (0x7FFFFFFF, 1, 8, 0), (1, 0x7FFFFFFF, 1, 0), (9460, 9460, 8, 0),
            (0x80000000, 1, 8, 0), (0xFFFFFFFF, 0xFFFFFFFF, 8, 0), (65536, 65536, 8, 6), (100_000, 1000, 8, 2),
        })
        {
            var file = PngFile(Ihdr(w, h, depth, type), idat);
            // What this thread allocates (the process's heap also holds what tests running beside it allocate).
            long before = GC.GetAllocatedBytesForCurrentThread();
            var e = Assert.Throws<InvalidDataException>(() => Png.Decode(file, "huge.png"));
            Assert.StartsWith("png: huge.png: ", e.Message);
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64L << 20, $"{w}x{h}: allocated {GC.GetAllocatedBytesForCurrentThread() - before} bytes before refusing");
        }
    }

    // ---- PNM ----

    public static TheoryData<string> PnmKinds => new() { "P2", "P3", "P5", "P6", "P5 maxval 15" };

    private static byte[] ValidPnm(string kind) => kind switch
    {
        "P2" => Pnm.Encode(TestImage(3, 4, 1), binary: false),
        "P3" => Pnm.Encode(TestImage(2, 3, 3), binary: false),
        "P5" => Pnm.Encode(TestImage(3, 4, 1)),
        "P6" => Pnm.Encode(TestImage(2, 3, 3)),
        _ => [.. "P5\n# a comment\n3 2\n15\n"u8.ToArray(), 0, 3, 7, 15, 9, 1],
    };

    [Theory]
    [MemberData(nameof(PnmKinds))]
    public void PnmTruncationsAndFlipsOnlyThrowInvalidData(string kind)
    {
        var valid = ValidPnm(kind);
        Pnm.Decode(valid, "t.pnm");
        var cases = Truncations(valid).Concat(Flips(valid, 3000, seed: 4));
        var (_, rejected) = Battery($"pnm {kind}", cases, d => Pnm.Decode(d, "t.pnm"), "pnm: t.pnm: ", DecodeErrors);
        Assert.True(rejected >= valid.Length - 1);
    }

    [Theory]
    [InlineData("P5 100000 100000 255\n")]
    [InlineData("P6 99999999999999999999 1 255\n")]
    [InlineData("P5 9460 9460 255\n")]
    [InlineData("P2 65536 65536 255\n0 0 0")]
    [InlineData("P3 1 99999999999999 255\n1 2 3")]
    public void PnmHugeDeclaredSizesAreRejectedBeforeAllocating(string header)
    {
        var file = Encoding.ASCII.GetBytes(header + "\0\0\0\0");
        var e = Assert.Throws<InvalidDataException>(() => Pnm.Decode(file, "huge.pgm"));
        Assert.StartsWith("pnm: huge.pgm: ", e.Message);
    }

    // ---- IDX ----

    private static byte[] Gzip(byte[] raw)
    {
        using var ms = new MemoryStream();
        using (var z = new GZipStream(ms, CompressionLevel.Optimal)) z.Write(raw);
        return ms.ToArray();
    }

    private static byte[] IdxBytes(uint magic, uint[] dims, byte[] data)
    {
        var h = new byte[4 + 4 * dims.Length];
        BinaryPrimitives.WriteUInt32BigEndian(h, magic);
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(4 + 4 * i), dims[i]);
        return [.. h, .. data];
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void IdxTruncationsAndFlipsOnlyThrowInvalidData(bool gzip)
    {
        using var dir = new TempDir();
        string path = dir.File("x-idx3-ubyte");
        var plain = IdxBytes(0x803, [2, 3, 4], [.. Enumerable.Range(0, 24).Select(i => (byte)(i * 11))]);
        var valid = gzip ? Gzip(plain) : plain;
        File.WriteAllBytes(path, valid);
        Assert.Equal(plain[16..], Idx.ReadImages(path).Data);
        var cases = Truncations(valid).Concat(Flips(valid, 1500, seed: gzip ? 5 : 6));
        var (_, rejected) = Battery($"idx gzip={gzip}", cases, d =>
        {
            File.WriteAllBytes(path, d);
            Idx.Read(path);
        }, "idx: x-idx3-ubyte: ", DecodeErrors);
        Assert.True(rejected >= valid.Length);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void IdxHugeDeclaredSizesAreRejectedBeforeAllocating(bool gzip)
    {
        using var dir = new TempDir();
        string path = dir.File("h-idx3-ubyte");
        foreach (var dims in new uint[][] { [0xFFFFFFFF, 28, 28], [65536, 65536, 65536], [0x7FFFFFFF, 0x7FFFFFFF, 2], [100_000_000, 28, 28], [60000, 28, 28] })
        {
            var plain = IdxBytes(0x803, dims, new byte[100]);
            File.WriteAllBytes(path, gzip ? Gzip(plain) : plain);
            var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));
            Assert.StartsWith("idx: h-idx3-ubyte: ", e.Message);
        }
    }

    // ---- CIFAR-10 ----

    [Fact]
    public void CifarTruncationsAndFlipsOnlyThrowInvalidData()
    {
        using var dir = new TempDir();
        string path = dir.File("data_batch_1.bin");
        var valid = new byte[2 * Cifar10Binary.RecordBytes];
        valid[0] = 3;
        valid[Cifar10Binary.RecordBytes] = 9;
        // Truncations at every position that changes the record structure (all of them, as the file is read by length), and label flips.
        var cases = Truncations(valid).Where((_, n) => n < 64 || n % 97 == 0 || n > valid.Length - 64)
            .Concat(Flips(valid, 300, seed: 7).Select(c => (c.Item1, c.Item2)));
        var labelFlips = Enumerable.Range(0, 256).Select(v =>
        {
            var d = (byte[])valid.Clone();
            d[Cifar10Binary.RecordBytes] = (byte)v;
            return ($"second label {v}", d);
        });
        Battery("cifar10", cases.Concat(labelFlips).Append(("one byte too many", [.. valid, 0])), d =>
        {
            File.WriteAllBytes(path, d);
            Cifar10Binary.Read(path);
        }, "cifar10: data_batch_1.bin: ", [typeof(InvalidDataException)]);
    }

    // ---- CSV ----

    private const string Csv = """
        Id,Area,Street,Year,Quality,Price
        1,8450,Pave,2003,7,208.5
        2,NA,"Grvl, old",1976,,181.5
        3,11250,Pave,2001,7,223.5
        """;

    [Fact]
    public void CsvTruncationsAndFlipsOnlyThrowDocumentedExceptions()
    {
        var valid = Encoding.UTF8.GetBytes(Csv);
        var options = new CsvOptions
        {
            LabelColumns = ["Price"], LabelKind = CsvLabelKind.Regression, DropColumns = ["Id"],
            Missing = MissingPolicy.FillMean, DummyNa = true, Standardize = true,
        };
        var cases = Truncations(valid).Concat(Flips(valid, 2000, seed: 8));
        Battery("csv", cases, d =>
        {
            var table = CsvTable.Parse(Encoding.UTF8.GetString(d), name: "t.csv");
            CsvPreprocessor.FitTransform(table, options);
            CsvPreprocessor.FitTransform(table, options with { Missing = MissingPolicy.Error, Standardize = false });
        }, "csv: t.csv: ", [typeof(InvalidDataException), typeof(ArgumentException)]);
    }

    // ---- through the file entry points ----

    [Fact]
    public void ImageFileReadRejectsEveryTruncationWithTheFileName()
    {
        using var dir = new TempDir();
        string path = dir.File("cat.png");
        foreach (var valid in new[] { ValidPng("rgb"), ValidPnm("P6"), ValidPnm("P2") })
        {
            var (_, rejected) = Battery("ImageFile.Read", Truncations(valid), d =>
            {
                File.WriteAllBytes(path, d);
                ImageFile.Read(path);
            }, "", DecodeErrors);
            // (an ASCII file cut inside its last sample, or before its final newline, is still a valid file)
            Assert.True(rejected >= valid.Length - 3, $"{rejected} of {valid.Length} truncations rejected");
        }
        File.WriteAllBytes(path, ValidPnm("P6")[..^1]);
        Assert.Contains("cat.png", Assert.Throws<InvalidDataException>(() => ImageFile.Read(path)).Message);
    }
}
