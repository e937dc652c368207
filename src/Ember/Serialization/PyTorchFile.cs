using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ember.Serialization.Pickle;
using Ember.Serialization.Zip;

namespace Ember.Serialization;

/// <summary>
/// PyTorch's own file format (<c>torch.save</c> since PyTorch 1.6: a zip archive of <c>archive/data.pkl</c>, the pickled
/// object, and <c>archive/data/0</c>, <c>archive/data/1</c>, … holding the raw little-endian bytes of each storage, plus
/// <c>archive/version</c>). Reading is safe for untrusted files: the pickle is run by a restricted unpickler that accepts
/// only what <c>torch.load(path, weights_only=True)</c> accepts — tensor rebuild functions, storages, OrderedDict,
/// Parameter, torch.Size and primitive containers — and refuses everything else (any other global such as
/// <c>os.system</c> or <c>builtins.eval</c>, and opcodes such as INST, OBJ, STACK_GLOBAL) with a
/// <see cref="ModelFormatException"/> naming it. It never runs code, and it allocates no more than the file's size
/// justifies: strings and containers are bounded by the pickle's bytes, storages by their zip entries' real lengths,
/// compressed zip entries (which PyTorch never writes) are refused.
/// </summary>
/// <remarks>
/// <para>Python values load as: dict and <c>collections.OrderedDict</c> → <see cref="OrderedDictionary{TKey, TValue}"/>
/// of <c>object</c> to <c>object?</c>; list → <see cref="List{T}"/> of <c>object?</c>; tuple and <c>torch.Size</c> →
/// <c>object?[]</c>; int → <see cref="long"/> (<see cref="System.Numerics.BigInteger"/> beyond its range); float →
/// <see cref="double"/>; str → <see cref="string"/>; bool; None → null; an (always empty) set →
/// <see cref="HashSet{T}"/>; <c>torch.float32</c> and the other allowed dtypes that Ember has → <see cref="DType"/>;
/// a tensor → a <see cref="Tensor"/> with its sizes, strides and storage offset (tensors that share a storage in the file
/// share one in Ember; <c>requires_grad</c> as saved), a parameter → an <see cref="NN.Parameter"/>. Storages of int8
/// (<c>CharStorage</c>) and int16 (<c>ShortStorage</c>) load as int32, which Ember has; complex, quantized, sparse and
/// meta tensors are refused.</para>
/// <para>One deviation from PyTorch 1.13: its weights-only unpickler refuses the BINFLOAT opcode, i.e. every Python
/// float (an optimizer's <c>lr</c>), although <c>torch.save</c> writes it; Ember accepts it (it builds a number, nothing
/// else; PyTorch 2 accepts it too). A file that Ember saves with floats in it is therefore read by PyTorch 1.13 only with
/// <c>weights_only=False</c> (or by PyTorch 2 with either setting); files of tensors, ints, strings, bools, None and
/// containers are read by <c>torch.load(path, weights_only=True)</c>.</para>
/// </remarks>
public static class PyTorchFile
{
    private const string Format = "pytorch";

    /// <summary>Loads a file written by <c>torch.save</c> (or by <see cref="Save(object?, string)"/>).</summary>
    /// <param name="path">The <c>.pt</c>/<c>.pth</c> file.</param>
    /// <returns>The saved object (see the type's remarks for how Python values map to .NET).</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="ArgumentNullException">The path is null.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="ModelFormatException">The file is malformed, or its pickle uses anything that
    /// <c>torch.load(weights_only=True)</c> refuses (the message names the global or opcode) or Ember cannot represent.</exception>
    public static object? Load(string path)
    {
        ModelFiles.CheckPath(path, "load");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream);
    }

    /// <summary>
    /// Loads a PyTorch file from a stream that holds exactly the file (a seekable stream is read in place, from its first
    /// byte to its end; one that cannot seek is first copied into memory).
    /// </summary>
    /// <param name="stream">The file's bytes; left open.</param>
    /// <returns>The saved object.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    /// <exception cref="ModelFormatException">The file is malformed or refused (see <see cref="Load(string)"/>).</exception>
    public static object? Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek) return Read(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        buffer.Position = 0;
        return Read(buffer);
    }

    /// <summary>
    /// Loads a state dict (a flat dict or OrderedDict of parameter names to tensors, as <c>torch.save(model.state_dict(), path)</c>
    /// writes it), ready for <see cref="NN.Module.LoadStateDict"/>. The OrderedDict's <c>_metadata</c> attribute (module
    /// versions) is accepted and ignored.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>The tensors by name, in the file's order.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="ArgumentNullException">The path is null.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="ModelFormatException">The file is malformed or refused, or it is not a dict of strings to
    /// tensors (the message names the offending key).</exception>
    public static OrderedDictionary<string, Tensor> LoadStateDict(string path) => ToStateDict(Load(path));

    /// <summary>Loads a state dict from a stream (see <see cref="LoadStateDict(string)"/>).</summary>
    /// <param name="stream">The file's bytes; left open.</param>
    /// <returns>The tensors by name, in the file's order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    /// <exception cref="ModelFormatException">The file is malformed or refused, or not a dict of strings to tensors.</exception>
    public static OrderedDictionary<string, Tensor> LoadStateDict(Stream stream) => ToStateDict(Load(stream));

    private static OrderedDictionary<string, Tensor> ToStateDict(object? loaded)
    {
        if (loaded is not OrderedDictionary<object, object?> dict)
            throw new ModelFormatException($"{Format}: the file holds {Kind(loaded)}, not a state dict (a dict of names to tensors)");
        var result = new OrderedDictionary<string, Tensor>(dict.Count);
        foreach (var (key, value) in dict)
        {
            if (key is not string name)
                throw new ModelFormatException($"{Format}: the state dict has the key {key} ({Kind(key)}), not a string");
            if (value is not Tensor tensor)
                throw new ModelFormatException($"{Format}: the state dict's key \"{name}\" holds {Kind(value)}, not a tensor");
            result.Add(name, tensor);
        }
        return result;
    }

    private static string Kind(object? o) => o switch
    {
        null => "None",
        OrderedDictionary<object, object?> => "a dict",
        List<object?> => "a list",
        object?[] => "a tuple",
        _ => "a " + o.GetType().Name,
    };

    private static object? Read(Stream stream)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("pytorch: little-endian hosts only");
        var zip = ZipReader.Open(stream, Format);
        Expect(zip.Entries.Count > 0, "the archive does not contain any files");
        // As PyTorch: the folder of the first entry holds every record.
        string first = zip.Entries[0].Name;
        int slash = first.IndexOf('/');
        if (slash < 0) throw Fail($"the archive's first file \"{first}\" is not in a folder");
        string prefix = first[..(slash + 1)];
        var version = zip.Find(prefix + ".data/version") ?? zip.Find(prefix + "version")
            ?? throw new ModelFormatException($"{Format}: the archive has no {prefix}version record");
        long v = ParseVersion(ReadSmall(zip, version));
        if (!(v is >= 1 and <= 10)) throw Fail($"file format version {v} is not supported (1 to 10, as PyTorch 1.13)");
        Expect(zip.Find(prefix + "constants.pkl") is null, "the archive is a TorchScript module (torch.jit.save), not a torch.save file");
        if (zip.Find(prefix + "byteorder") is { } order)
        {
            string byteOrder = System.Text.Encoding.ASCII.GetString(ReadSmall(zip, order));
            if (!(byteOrder == "little")) throw Fail($"byte order \"{byteOrder}\" is not supported (only little-endian files)");
        }
        var pkl = zip.Find(prefix + "data.pkl") ?? throw new ModelFormatException($"{Format}: the archive has no {prefix}data.pkl");
        if (pkl.Size > Array.MaxLength) throw Fail($"data.pkl ({pkl.Size} bytes) is too large");
        var bytes = new byte[pkl.Size];
        zip.Read(pkl, bytes);
        return new Unpickler(bytes, (key, type, numel) => LoadStorage(zip, prefix, key, type, numel)).Load();
    }

    private static byte[] ReadSmall(ZipReader zip, ZipEntry entry)
    {
        if (entry.Size > 64) throw Fail($"the record {entry.Name} ({entry.Size} bytes) is too long");
        var b = new byte[entry.Size];
        zip.Read(entry, b);
        return b;
    }

    private static long ParseVersion(byte[] text)
    {
        // C++'s stoull: leading whitespace, then digits; anything after them is ignored.
        int i = 0;
        while (i < text.Length && text[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') i++;
        long v = 0;
        int digits = 0;
        for (; i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9' && digits < 18; i++, digits++) v = v * 10 + (text[i] - '0');
        Expect(digits > 0, "the version record does not hold a number");
        return v;
    }

    private static LoadedStorage LoadStorage(ZipReader zip, string prefix, string key, StorageType type, long numel)
    {
        var entry = zip.Find(prefix + "data/" + key) ?? throw new ModelFormatException($"{Format}: storage \"{key}\" has no record {prefix}data/{key}");
        if (numel > Tensor.MaxNumel) throw Fail($"storage \"{key}\" of {numel} elements is larger than a tensor can be");
        if (numel * type.ElementSize != entry.Size) throw Fail($"storage \"{key}\": {numel} {type.Name} elements need {numel * type.ElementSize} bytes but its record holds {entry.Size}");
        int n = (int)numel;
        Storage storage = type.Name switch
        {
            "FloatStorage" => new Storage<float>(ReadArray<float>(zip, entry, n)),
            "DoubleStorage" => new Storage<double>(ReadArray<double>(zip, entry, n)),
            "HalfStorage" => new Storage<Half>(ReadArray<Half>(zip, entry, n)),
            "BFloat16Storage" => new Storage<BFloat16>(ReadArray<BFloat16>(zip, entry, n)),
            "LongStorage" => new Storage<long>(ReadArray<long>(zip, entry, n)),
            "IntStorage" => new Storage<int>(ReadArray<int>(zip, entry, n)),
            "ShortStorage" => new Storage<int>(Array.ConvertAll(ReadArray<short>(zip, entry, n), x => (int)x)),
            "CharStorage" => new Storage<int>(Array.ConvertAll(ReadArray<sbyte>(zip, entry, n), x => (int)x)),
            "ByteStorage" => new Storage<byte>(ReadArray<byte>(zip, entry, n)),
            "BoolStorage" => new Storage<bool>(ReadBools(zip, entry, n, key)),
            _ => throw new ModelFormatException($"{Format}: storage \"{key}\" has the unsupported type {type.Name}"),
        };
        return new LoadedStorage(key, type, storage);
    }

    private static T[] ReadArray<T>(ZipReader zip, ZipEntry entry, int n) where T : unmanaged
    {
        var values = new T[n];
        zip.Read(entry, values);
        return values;
    }

    private static bool[] ReadBools(ZipReader zip, ZipEntry entry, int n, string key)
    {
        var values = ReadArray<bool>(zip, entry, n);
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        int bad = bytes.IndexOfAnyExcept((byte)0, (byte)1);
        if (bad >= 0) throw Fail($"storage \"{key}\": bool byte {(bad < 0 ? 0 : bytes[bad])} at element {bad} is neither 0 nor 1");
        return values;
    }

    /// <summary>
    /// Saves <paramref name="value"/> in PyTorch's format, atomically: the bytes go to a temporary file in the same folder,
    /// are flushed to disk, and the file then replaces <paramref name="path"/>, so a crash mid-write leaves the previous
    /// file intact. <c>torch.load(path, weights_only=True)</c> reads the file back to the same object (see the remarks on
    /// floats).
    /// </summary>
    /// <param name="value">What to save: null, bool, integers (any .NET integer type, <see cref="System.Numerics.BigInteger"/>),
    /// floats (<see cref="double"/>, <see cref="float"/>), strings, tensors (parameters stay parameters; views keep their
    /// sizes, strides and offset, and tensors sharing a storage share it in the file; a view with negative strides is
    /// written as a contiguous copy), <c>object?[]</c> (a tuple), any other <see cref="System.Collections.IList"/> (a list),
    /// <see cref="OrderedDictionary{TKey, TValue}"/> (a <c>collections.OrderedDict</c>, as PyTorch writes state dicts),
    /// any other <see cref="System.Collections.IDictionary"/> (a dict) with string, integer, float, bool or tuple keys.</param>
    /// <param name="path">The file to write.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException">The path is empty, or the value holds something PyTorch cannot represent (the
    /// message names where: <c>value["opt"][2]</c>), contains itself, is nested more than 500 containers deep, or holds a
    /// non-leaf tensor that requires grad.</exception>
    /// <exception cref="ObjectDisposedException">A tensor has been disposed.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Save(object? value, string path)
    {
        ModelFiles.CheckPath(path, "save");
        var pickler = new Pickler();
        byte[] pkl = pickler.Serialize(value); // validate everything before touching the disk
        AtomicFile.Write(path, stream => WriteArchive(pkl, pickler, stream));
    }

    /// <summary>Saves <paramref name="value"/> in PyTorch's format to a stream (see <see cref="Save(object?, string)"/>).</summary>
    /// <param name="value">What to save.</param>
    /// <param name="stream">The destination; written from its current position (it need not seek) and left open.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException">The value holds something PyTorch cannot represent (see <see cref="Save(object?, string)"/>).</exception>
    /// <exception cref="ObjectDisposedException">A tensor has been disposed.</exception>
    /// <exception cref="IOException">The stream cannot be written.</exception>
    public static void Save(object? value, Stream stream) => Save(value, stream, 0xFFFFFFFF);

    /// <summary>Saves with zip64 records from <paramref name="zip64From"/> bytes on (tests lower it to exercise zip64 with small files).</summary>
    internal static void Save(object? value, Stream stream, long zip64From)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var pickler = new Pickler();
        byte[] pkl = pickler.Serialize(value);
        WriteArchive(pkl, pickler, stream, zip64From);
    }

    private static void WriteArchive(byte[] pkl, Pickler pickler, Stream stream, long zip64From = 0xFFFFFFFF)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("pytorch: little-endian hosts only");
        var zip = new ZipWriter(stream, zip64From);
        zip.Add("archive/data.pkl", pkl);
        for (int i = 0; i < pickler.Storages.Count; i++)
        {
            var (storage, owner) = pickler.Storages[i];
            WriteStorage(zip, $"archive/data/{i}", storage);
            GC.KeepAlive(owner);
        }
        zip.Add("archive/version", "3\n"u8);
        zip.Finish();
    }

    private static void WriteStorage(ZipWriter zip, string name, Storage storage)
    {
        switch (storage)
        {
            case Storage<float> s: WriteSpan(zip, name, s); break;
            case Storage<double> s: WriteSpan(zip, name, s); break;
            case Storage<Half> s: WriteSpan(zip, name, s); break;
            case Storage<BFloat16> s: WriteSpan(zip, name, s); break;
            case Storage<long> s: WriteSpan(zip, name, s); break;
            case Storage<int> s: WriteSpan(zip, name, s); break;
            case Storage<byte> s: WriteSpan(zip, name, s); break;
            case Storage<bool> s: WriteSpan(zip, name, s); break;
            default: throw DTypeExtensions.Undefined(storage.DType, "save");
        }
    }

    private static void WriteSpan<T>(ZipWriter zip, string name, Storage<T> storage) where T : unmanaged
    {
        int n = storage.Length;
        zip.Begin(name, (long)n * Unsafe.SizeOf<T>());
        const int chunk = 1 << 24;
        for (int start = 0; start < n; start += chunk)
            zip.Write(MemoryMarshal.AsBytes(storage.Span.Slice(start, Math.Min(chunk, n - start))));
        zip.End();
    }

    private static ModelFormatException Fail(string problem) => new($"{Format}: {problem}");

    private static void Expect(bool condition, string problem)
    {
        if (!condition) throw new ModelFormatException($"{Format}: {problem}");
    }
}
