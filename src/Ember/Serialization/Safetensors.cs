using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ember.Serialization;

/// <summary>The tensors and the free-form <c>__metadata__</c> of a safetensors file.</summary>
/// <param name="Tensors">The tensors by name, in the file's data order.</param>
/// <param name="Metadata">The string-to-string metadata (empty when the file has none).</param>
public sealed record SafetensorsContent(IReadOnlyDictionary<string, Tensor> Tensors, IReadOnlyDictionary<string, string> Metadata);

/// <summary>
/// The safetensors format (Hugging Face): an 8-byte little-endian header length N, N bytes of JSON
/// (<c>{"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, "__metadata__": {...}}</c>), then the
/// tensors' little-endian bytes, contiguous and in offset order. Writing follows the reference implementation byte for
/// byte (tensors sorted by dtype, largest alignment first, then by name; the header padded with spaces to a multiple of
/// 8). Reading treats every file as untrusted: the header is capped at <see cref="MaxHeaderBytes"/>, the JSON is strict
/// (no duplicate keys, no unknown fields), offsets must be sorted, contiguous, in range and match shape × dtype size
/// (checked for overflow), and the last offset must end the file; anything else raises <see cref="ModelFormatException"/>.
/// Files are read as a stream: a file never needs more memory than its tensors.
/// </summary>
public static class Safetensors
{
    /// <summary>The largest header accepted (100 MB, as the reference implementation).</summary>
    public const int MaxHeaderBytes = 100_000_000;

    // The format's dtypes in increasing alignment order (the reference implementation's order, used for sorting).
    private static readonly string[] DTypeOrder = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64"];

    private static string Code(DType dtype) => dtype switch
    {
        DType.Bool => "BOOL",
        DType.UInt8 => "U8",
        DType.Float16 => "F16",
        DType.BFloat16 => "BF16",
        DType.Int32 => "I32",
        DType.Float32 => "F32",
        DType.Float64 => "F64",
        DType.Int64 => "I64",
        _ => throw new NotSupportedException($"safetensors: dtype {dtype} has no safetensors code"),
    };

    private static int Size(string code) => code switch
    {
        "BOOL" or "U8" or "I8" or "F8_E5M2" or "F8_E4M3" => 1,
        "I16" or "U16" or "F16" or "BF16" => 2,
        "I32" or "U32" or "F32" => 4,
        _ => 8,
    };

    /// <summary>The bytes of a safetensors file holding <paramref name="tensors"/> (and <paramref name="metadata"/>).</summary>
    /// <param name="tensors">Named tensors of any of Ember's eight dtypes; names must be distinct and not <c>__metadata__</c>.</param>
    /// <param name="metadata">Free-form string metadata (default none: no <c>__metadata__</c> entry).</param>
    /// <returns>The file's bytes.</returns>
    /// <exception cref="ArgumentNullException">An argument, a name or a tensor is null.</exception>
    /// <exception cref="ArgumentException">A name repeats or is <c>__metadata__</c>.</exception>
    public static byte[] Serialize(IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var stream = new MemoryStream();
        Write(tensors, metadata, stream);
        return stream.ToArray();
    }

    /// <summary>
    /// Writes a safetensors file atomically: the bytes go to a temporary file in the same folder, are flushed to disk, and
    /// the temporary file then replaces <paramref name="path"/> — a crash mid-write leaves the previous file intact.
    /// </summary>
    /// <param name="tensors">Named tensors (see <see cref="Serialize"/>).</param>
    /// <param name="path">The file to write.</param>
    /// <param name="metadata">Free-form string metadata (default none).</param>
    /// <exception cref="ArgumentNullException">An argument, a name or a tensor is null.</exception>
    /// <exception cref="ArgumentException">A name repeats or is <c>__metadata__</c>, or the path is empty.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Save(IEnumerable<KeyValuePair<string, Tensor>> tensors, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ModelFiles.CheckPath(path, "safetensors");
        AtomicFile.Write(path, stream => Write(tensors, metadata, stream));
    }

    private static void Write(IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata, Stream output)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors: little-endian hosts only");
        var entries = new List<(string Name, byte[] Utf8, string Code, Tensor Tensor)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, tensor) in tensors)
        {
            ArgumentNullException.ThrowIfNull(name, "tensors (a name)");
            ArgumentNullException.ThrowIfNull(tensor, $"tensors[\"{name}\"]");
            if (name == "__metadata__") throw new ArgumentException("safetensors: \"__metadata__\" is reserved and cannot name a tensor", nameof(tensors));
            if (!names.Add(name)) throw new ArgumentException($"safetensors: the name \"{name}\" appears twice", nameof(tensors));
            entries.Add((name, Encoding.UTF8.GetBytes(name), Code(tensor.DType), tensor));
        }
        // Largest alignment first, then by name (as bytes, like the reference implementation's string order).
        entries.Sort((a, b) =>
        {
            int c = Array.IndexOf(DTypeOrder, b.Code).CompareTo(Array.IndexOf(DTypeOrder, a.Code));
            return c != 0 ? c : a.Utf8.AsSpan().SequenceCompareTo(b.Utf8);
        });

        using var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (metadata is not null)
            {
                json.WriteStartObject("__metadata__");
                foreach (var (k, v) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                    json.WriteString(k ?? throw new ArgumentNullException(nameof(metadata)), v ?? throw new ArgumentNullException(nameof(metadata)));
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, _, code, tensor) in entries)
            {
                long bytes = (long)tensor.Numel * Size(code);
                json.WriteStartObject(name);
                json.WriteString("dtype", code);
                json.WriteStartArray("shape");
                foreach (int d in tensor.ShapeArray) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }
            json.WriteEndObject();
        }
        int length = (int)header.Length, padded = (length + 7) / 8 * 8;
        Span<byte> size = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(size, (ulong)padded);
        output.Write(size);
        output.Write(header.GetBuffer(), 0, length);
        for (int i = length; i < padded; i++) output.WriteByte((byte)' ');
        foreach (var e in entries) WriteData(e.Tensor, output);
    }

    /// <summary>Writes a tensor's elements in row-major order as little-endian bytes (one copy, straight to the stream).</summary>
    private static void WriteData(Tensor t, Stream output)
    {
        switch (t.DType)
        {
            case DType.Float32: WriteValues(t.ToArray<float>(), output); break;
            case DType.Float64: WriteValues(t.ToArray<double>(), output); break;
            case DType.Float16: WriteValues(t.ToArray<Half>(), output); break;
            case DType.BFloat16: WriteValues(t.ToArray<BFloat16>(), output); break;
            case DType.Int64: WriteValues(t.ToArray<long>(), output); break;
            case DType.Int32: WriteValues(t.ToArray<int>(), output); break;
            case DType.UInt8: WriteValues(t.ToArray<byte>(), output); break;
            case DType.Bool: WriteValues(t.ToArray<bool>(), output); break;
            default: throw new NotSupportedException($"safetensors: dtype {t.DType} has no safetensors code");
        }
    }

    private static void WriteValues<T>(T[] values, Stream output) where T : unmanaged =>
        output.Write(MemoryMarshal.AsBytes(values.AsSpan()));

    /// <summary>Reads a safetensors file held in memory.</summary>
    /// <param name="data">The file's bytes.</param>
    /// <returns>The tensors (I8, I16 and U16 read as int32; U32 and U64 as int64) and the metadata.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ModelFormatException">The bytes are not a valid safetensors file.</exception>
    public static SafetensorsContent Deserialize(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var stream = new MemoryStream(data, writable: false);
        return Read(stream);
    }

    /// <summary>Reads a safetensors file, streaming each tensor's bytes straight into its storage.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The tensors (I8, I16 and U16 read as int32; U32 and U64 as int64) and the metadata.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="ArgumentNullException">The path is null.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ModelFormatException">The file is not a valid safetensors file.</exception>
    public static SafetensorsContent Load(string path)
    {
        ModelFiles.CheckPath(path, "safetensors");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream);
    }

    private sealed record Entry(string Name, string Code, int[] Shape, long Begin, long End);

    private static SafetensorsContent Read(Stream stream)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors: little-endian hosts only");
        long fileLength = stream.Length;
        Span<byte> size = stackalloc byte[8];
        if (fileLength < 8 || stream.ReadAtLeast(size, 8, throwOnEndOfStream: false) < 8)
            throw new ModelFormatException($"safetensors: the file ({fileLength} bytes) is shorter than its 8-byte header length");
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(size);
        if (n > MaxHeaderBytes)
            throw new ModelFormatException($"safetensors: header length {n} exceeds the {MaxHeaderBytes}-byte limit");
        if (8 + (long)n > fileLength)
            throw new ModelFormatException($"safetensors: header length {n} runs past the end of the file ({fileLength} bytes)");
        var headerBytes = new byte[n];
        stream.ReadExactly(headerBytes);
        var (entries, metadata) = ParseHeader(headerBytes);
        long dataLength = fileLength - 8 - (long)n;
        Validate(entries, dataLength);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var e in entries) tensors.Add(e.Name, ReadTensor(stream, e));
        return new SafetensorsContent(tensors, metadata);
    }

    private static (List<Entry>, Dictionary<string, string>) ParseHeader(byte[] header)
    {
        var entries = new List<Entry>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(header);
            var reader = new Utf8JsonReader(header, new JsonReaderOptions { MaxDepth = 8 });
            Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject, "the header is not a JSON object");
            var keys = new HashSet<string>(StringComparer.Ordinal);
            while (true)
            {
                Expect(reader.Read(), "the header JSON ends early");
                if (reader.TokenType == JsonTokenType.EndObject) break;
                string key = reader.GetString()!;
                Expect(keys.Add(key), $"the key \"{key}\" appears twice");
                Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject, $"the entry \"{key}\" is not an object");
                if (key == "__metadata__") ReadMetadata(ref reader, metadata);
                else entries.Add(ReadEntry(ref reader, key));
            }
            // Only the padding may follow the object.
            Expect(!reader.Read(), "data follows the header object");
        }
        catch (JsonException e) { throw new ModelFormatException($"safetensors: the header is not valid JSON ({e.Message})", e); }
        catch (DecoderFallbackException e) { throw new ModelFormatException("safetensors: the header is not valid UTF-8", e); }
        catch (InvalidOperationException e) { throw new ModelFormatException($"safetensors: the header has an unexpected value ({e.Message})", e); }
        return (entries, metadata);
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, Dictionary<string, string> metadata)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string k = reader.GetString()!;
            Expect(reader.Read() && reader.TokenType == JsonTokenType.String, $"__metadata__ \"{k}\" is not a string");
            Expect(metadata.TryAdd(k, reader.GetString()!), $"__metadata__ key \"{k}\" appears twice");
        }
    }

    private static Entry ReadEntry(ref Utf8JsonReader reader, string name)
    {
        string? code = null;
        int[]? shape = null;
        long[]? offsets = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string field = reader.GetString()!;
            Expect(reader.Read(), $"tensor \"{name}\": the header ends early");
            switch (field)
            {
                case "dtype" when code is null:
                    Expect(reader.TokenType == JsonTokenType.String, $"tensor \"{name}\": dtype is not a string");
                    code = reader.GetString()!;
                    Expect(Array.IndexOf(DTypeOrder, code) >= 0, $"tensor \"{name}\": unknown dtype \"{code}\"");
                    Expect(!code.StartsWith("F8", StringComparison.Ordinal), $"tensor \"{name}\": dtype {code} is not supported");
                    break;
                case "shape" when shape is null:
                    shape = [.. ReadIntegers(ref reader, name, "shape").Select(d =>
                    {
                        Expect(d <= int.MaxValue, $"tensor \"{name}\": dimension {d} is larger than a tensor can be");
                        return (int)d;
                    })];
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ReadIntegers(ref reader, name, "data_offsets");
                    Expect(offsets.Length == 2, $"tensor \"{name}\": data_offsets must hold 2 numbers, not {offsets.Length}");
                    break;
                default:
                    throw new ModelFormatException($"safetensors: tensor \"{name}\": unexpected or repeated field \"{field}\"");
            }
        }
        Expect(code is not null && shape is not null && offsets is not null, $"tensor \"{name}\": dtype, shape and data_offsets are all required");
        return new Entry(name, code!, shape!, offsets![0], offsets[1]);
    }

    private static long[] ReadIntegers(ref Utf8JsonReader reader, string name, string field)
    {
        Expect(reader.TokenType == JsonTokenType.StartArray, $"tensor \"{name}\": {field} is not an array");
        var values = new List<long>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            Expect(reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long v) && v >= 0,
                $"tensor \"{name}\": {field} holds something other than a non-negative integer");
            Expect(values.Count < 64, $"tensor \"{name}\": {field} has too many entries");
            values.Add(reader.GetInt64());
        }
        return [.. values];
    }

    private static void Validate(List<Entry> entries, long dataLength)
    {
        entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long expected = 0;
        foreach (var e in entries)
        {
            Expect(e.Begin == expected && e.End >= e.Begin,
                $"tensor \"{e.Name}\": data_offsets [{e.Begin}, {e.End}] do not continue the data at byte {expected}");
            long numel = 1;
            foreach (int d in e.Shape)
            {
                Expect(d == 0 || numel <= Tensor.MaxNumel / d, $"tensor \"{e.Name}\": shape [{string.Join(", ", e.Shape)}] has more elements than a tensor can hold");
                numel *= d;
            }
            Expect(numel * Size(e.Code) == e.End - e.Begin,
                $"tensor \"{e.Name}\": data_offsets [{e.Begin}, {e.End}] do not hold {numel} {e.Code} values ({numel * Size(e.Code)} bytes)");
            expected = e.End;
        }
        Expect(expected == dataLength, $"the tensors cover {expected} bytes but the file holds {dataLength} bytes of data");
    }

    private static Tensor ReadTensor(Stream stream, Entry e)
    {
        int numel = (int)((e.End - e.Begin) / Size(e.Code));
        Tensor flat = e.Code switch
        {
            "F32" => Torch.FromArray(ReadArray<float>(stream, numel)),
            "F64" => Torch.FromArray(ReadArray<double>(stream, numel)),
            "F16" => Torch.FromArray(ReadArray<Half>(stream, numel)),
            "BF16" => Torch.FromArray(ReadArray<BFloat16>(stream, numel)),
            "I64" => Torch.FromArray(ReadArray<long>(stream, numel)),
            "I32" => Torch.FromArray((Array)ReadArray<int>(stream, numel), DType.Int32),
            "U8" => Torch.FromArray(ReadArray<byte>(stream, numel)),
            "BOOL" => Torch.FromArray(Booleans(ReadArray<byte>(stream, numel), e.Name)),
            "I8" => Torch.FromArray((Array)Array.ConvertAll(ReadArray<sbyte>(stream, numel), v => (int)v), DType.Int32),
            "I16" => Torch.FromArray((Array)Array.ConvertAll(ReadArray<short>(stream, numel), v => (int)v), DType.Int32),
            "U16" => Torch.FromArray((Array)Array.ConvertAll(ReadArray<ushort>(stream, numel), v => (int)v), DType.Int32),
            "U32" => Torch.FromArray(Array.ConvertAll(ReadArray<uint>(stream, numel), v => (long)v)),
            "U64" => Torch.FromArray(Array.ConvertAll(ReadArray<ulong>(stream, numel), v =>
            {
                Expect(v <= long.MaxValue, $"tensor \"{e.Name}\": U64 value {v} does not fit int64");
                return (long)v;
            })),
            _ => throw new ModelFormatException($"safetensors: tensor \"{e.Name}\": dtype {e.Code} is not supported"),
        };
        return flat.Reshape(e.Shape);
    }

    private static T[] ReadArray<T>(Stream stream, int count) where T : unmanaged
    {
        var values = new T[count];
        stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    private static bool[] Booleans(byte[] bytes, string name)
    {
        var values = new bool[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            Expect(bytes[i] <= 1, $"tensor \"{name}\": BOOL byte {bytes[i]} at element {i} is neither 0 nor 1");
            values[i] = bytes[i] == 1;
        }
        return values;
    }

    private static void Expect(bool condition, string problem)
    {
        if (!condition) throw new ModelFormatException($"safetensors: {problem}");
    }
}
