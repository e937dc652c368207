using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Ember.NN;
using Ember.Serialization;
using Ember.Serialization.Zip;
using Xunit;

namespace Ember.Tests.Serialization;

/// <summary>
/// Untrusted <c>.pt</c> files: every truncation and thousands of mutations (of the archive's bytes, and of the pickle
/// inside a re-zipped archive whose CRCs are right, so the unpickler itself is exercised) either load or raise
/// <see cref="ModelFormatException"/> — never another exception or a hang; hand-made pickles that would run code under
/// plain <c>torch.load</c> (<c>posix.system</c>, <c>builtins.exec</c>, INST, OBJ, STACK_GLOBAL…) are refused by name and
/// their side effect never happens; lying sizes, out-of-range views, dtype/storage mix-ups, compressed entries and
/// deep nesting are refused without allocating what they claim.
/// </summary>
public class PyTorchFileFuzzTests
{
    private static byte[] Valid()
    {
        var g = new Generator(11);
        var b = Torch.Randn([3, 4], generator: g);
        using var m = new MemoryStream();
        PyTorchFile.Save(new OrderedDictionary<string, object?>
        {
            ["w"] = b,
            ["wt"] = b.Transpose(0, 1),
            ["row"] = b.Select(0, 2),
            ["i"] = Torch.Randint(0, 9, [2, 2], g),
            ["m"] = Torch.Randn([5], generator: g).Gt(0.0),
            ["h"] = Torch.Randn([3], generator: g).To(DType.Float16),
            ["p"] = new Parameter(Torch.Randn([2], generator: g)),
            ["opt"] = new Dictionary<long, object?> { [0] = new List<object?> { 1, "x", null, true, 0.5, new object?[] { 2L, 3L } } },
        }, m);
        return m.ToArray();
    }

    /// <summary>The archive's entries (name → bytes), in order.</summary>
    private static List<(string Name, byte[] Data)> Entries(byte[] archive)
    {
        using var m = new MemoryStream(archive);
        var zip = ZipReader.Open(m, "test");
        return zip.Entries.Select(e =>
        {
            var data = new byte[e.Size];
            zip.Read(e, data);
            return (e.Name, data);
        }).ToList();
    }

    private static byte[] Zip(IEnumerable<(string Name, byte[] Data)> entries)
    {
        using var m = new MemoryStream();
        var w = new ZipWriter(m);
        foreach (var (name, data) in entries) w.Add(name, data);
        w.Finish();
        return m.ToArray();
    }

    private static object? Load(byte[] file) => PyTorchFile.Load(new MemoryStream(file, writable: false));

    /// <summary>Loads, and returns whether it loaded; any exception other than the format exception fails the test.</summary>
    private static bool LoadsOrRefuses(byte[] file, string what)
    {
        try
        {
            Load(file);
            return true;
        }
        catch (ModelFormatException)
        {
            return false;
        }
        catch (Exception e)
        {
            Assert.Fail($"{what}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            return false;
        }
    }

    [Fact]
    public void EveryTruncationIsRefused()
    {
        var valid = Valid();
        Assert.NotNull(Load(valid));
        for (int n = 0; n < valid.Length; n++)
            Assert.Throws<ModelFormatException>(() => Load(valid[..n]));
    }

    [Fact]
    public void ThousandsOfMutatedArchivesAndPicklesLoadOrRaiseTheFormatException()
    {
        var clock = Stopwatch.StartNew();
        var valid = Valid();
        var torchFile = PyTorchFileReferenceTests.ResourceBytes("optim.pt");
        var rng = new Random(2024);
        int loaded = 0, refused = 0;
        // 1. Raw bytes of the archive (headers, central directory, pickle, storages): CRCs catch most data edits.
        for (int trial = 0; trial < 1500; trial++)
        {
            var m = (byte[])(trial % 3 == 0 ? torchFile : valid).Clone();
            int edits = 1 + rng.Next(4);
            for (int e = 0; e < edits; e++)
            {
                int at = rng.Next(m.Length);
                m[at] = rng.Next(3) switch { 0 => (byte)rng.Next(256), 1 => (byte)(m[at] ^ (1 << rng.Next(8))), _ => (byte)(m[at] + rng.Next(-2, 3)) };
            }
            if (rng.Next(10) == 0) m = m[..rng.Next(m.Length)];
            if (LoadsOrRefuses(m, $"archive trial {trial}")) loaded++; else refused++;
        }
        // 2. The pickle, re-zipped with correct CRCs so that the unpickler sees every mutation.
        var entries = Entries(valid);
        var torchEntries = Entries(torchFile);
        byte[] ops = "()tQRcbhjqrKMJX]}esuN\x85\x86\x87\x88\x89\x8a\x80.Gaio\x93\x81"u8.ToArray();
        for (int trial = 0; trial < 3000; trial++)
        {
            var source = trial % 3 == 0 ? torchEntries : entries;
            var pkl = new List<byte>(source[0].Data);
            int edits = 1 + rng.Next(4);
            for (int e = 0; e < edits && pkl.Count > 0; e++)
            {
                int at = rng.Next(pkl.Count);
                switch (rng.Next(6))
                {
                    case 0: pkl[at] = (byte)rng.Next(256); break;
                    case 1: pkl[at] = ops[rng.Next(ops.Length)]; break;
                    case 2: pkl.Insert(at, ops[rng.Next(ops.Length)]); break;
                    case 3: pkl.RemoveAt(at); break;
                    case 4: pkl[at] = (byte)(pkl[at] + rng.Next(-3, 4)); break;
                    default:
                        // Splice a run of the pickle elsewhere (duplicates tensors, marks, memo writes…).
                        int from = rng.Next(pkl.Count), len = Math.Min(rng.Next(1, 40), pkl.Count - from);
                        pkl.InsertRange(at, pkl.GetRange(from, len));
                        break;
                }
            }
            var mutated = source.Select((e, i) => i == 0 ? (e.Name, pkl.ToArray()) : e).ToList();
            if (LoadsOrRefuses(Zip(mutated), $"pickle trial {trial}")) loaded++; else refused++;
        }
        Assert.True(loaded > 50 && refused > 1000, $"loaded {loaded}, refused {refused}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"fuzzing took {clock.Elapsed}");
    }

    // ---- hand-made pickles ----

    private static byte[] P(params object[] parts)
    {
        var b = new List<byte>();
        foreach (var p in parts)
            switch (p)
            {
                case string s: b.AddRange(Encoding.UTF8.GetBytes(s)); break;
                case byte[] bytes: b.AddRange(bytes); break;
                case byte x: b.Add(x); break;
                case char c: b.Add((byte)c); break;
                case int i: b.Add((byte)i); break;
                default: throw new ArgumentException(p.GetType().Name);
            }
        return [.. b];
    }

    /// <summary>BINUNICODE of a string.</summary>
    private static byte[] S(string s)
    {
        var utf8 = Encoding.UTF8.GetBytes(s);
        var b = new byte[5 + utf8.Length];
        b[0] = (byte)'X';
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(1), utf8.Length);
        utf8.CopyTo(b, 5);
        return b;
    }

    /// <summary>BININT of a value.</summary>
    private static byte[] I(int v)
    {
        var b = new byte[5];
        b[0] = (byte)'J';
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(1), v);
        return b;
    }

    private static byte[] Archive(byte[] pickle, params (string Key, byte[] Data)[] storages) =>
        Zip([("archive/data.pkl", pickle), .. storages.Select(s => ($"archive/data/{s.Key}", s.Data)), ("archive/version", "3\n"u8.ToArray())]);

    private static string Refused(byte[] pickle, params (string Key, byte[] Data)[] storages) =>
        Assert.Throws<ModelFormatException>(() => Load(Archive(pickle, storages))).Message;

    /// <summary>A <c>_rebuild_tensor_v2</c> call over storage "0" of a type and element count.</summary>
    private static byte[] Tensor(string storage, int numel, byte[] offset, byte[] size, byte[] stride, bool requiresGrad = false, string key = "0") => P(
        "ctorch._utils\n_rebuild_tensor_v2\n(",
        "(", S("storage"), $"ctorch\n{storage}\n", S(key), S("cpu"), I(numel), "tQ",
        offset, size, stride, requiresGrad ? 0x88 : 0x89, "ccollections\nOrderedDict\n)R", "tR");

    [Fact]
    public void PicklesThatWouldRunCodeAreRefusedNamingTheGlobalOrOpcode()
    {
        string dir = Directory.CreateTempSubdirectory("ember-evil-").FullName;
        string marker = Path.Combine(dir, "marker");
        try
        {
            var touch = S($"touch {marker}");
            Assert.Contains("refused GLOBAL posix.system", Refused(P(0x80, 2, "cposix\nsystem\n", touch, 0x85, "R.")));
            Assert.Contains("refused GLOBAL os.system", Refused(P(0x80, 2, "cos\nsystem\n(", touch, "tR.")));
            Assert.Contains("refused GLOBAL builtins.exec", Refused(P(0x80, 2, "cbuiltins\nexec\n", S($"open('{marker}','w')"), 0x85, "R.")));
            Assert.Contains("refused GLOBAL builtins.eval", Refused(P("cbuiltins\neval\n", S("1"), 0x85, "R.")));
            Assert.Contains("refused GLOBAL subprocess.Popen", Refused(P("csubprocess\nPopen\n.")));
            Assert.Contains("refused GLOBAL torch.load", Refused(P("ctorch\nload\n.")));
            // Opcodes that import or call by themselves.
            Assert.Contains("refused opcode INST", Refused(P("(", touch, "ios\nsystem\n.")));
            Assert.Contains("refused opcode OBJ", Refused(P("(", "o.")));
            Assert.Contains("refused opcode STACK_GLOBAL", Refused(P(S("posix"), S("system"), 0x93, ".")));
            Assert.Contains("refused opcode FRAME", Refused(P(0x80, 4, 0x95, new byte[8], ".")));
            Assert.Contains("refused opcode DICT", Refused(P("(d.")));
            Assert.Contains("refused opcode SHORT_BINUNICODE", Refused(P(0x8c, 1, "a.")));
            // Allowed globals used for something else than rebuilding tensors.
            Assert.Contains("REDUCE of torch.FloatStorage", Refused(P("ctorch\nFloatStorage\n)R.")));
            Assert.Contains("NEWOBJ may only instantiate torch.nn.parameter.Parameter", Refused(P("ccollections\nOrderedDict\n)", 0x81, ".")));
            Assert.Contains("BUILD is supported only on an OrderedDict", Refused(P("]}b.")));
            Assert.Contains("not supported by Ember", Refused(P("ctorch\nTensor\n.")));
            Assert.Contains("refused persistent id 'module'", Refused(P("(", S("module"), "tQ.")));
            Assert.Contains("cannot be the result", Refused(P("ctorch._utils\n_rebuild_tensor_v2\n.")));
            Assert.Contains("cannot be a list item", Refused(P("](ctorch\nFloatStorage\ne.")));
            Assert.False(File.Exists(marker));
            Assert.Empty(Directory.GetFiles(dir));
        }
        finally { Directory.Delete(dir, true); }
    }

    // torch 1.13's torch/_weights_only_unpickler.py _get_allowed_globals(), all 90 names (printed by PyTorch).
    private static readonly string[] TorchAllowedGlobals =
    [
        "collections.OrderedDict", "torch.BFloat16Storage", "torch.BFloat16Tensor", "torch.BoolStorage", "torch.BoolTensor", "torch.ByteStorage", 
        "torch.ByteTensor", "torch.CharStorage", "torch.CharTensor", "torch.ComplexDoubleStorage", "torch.ComplexFloatStorage", "torch.DoubleStorage", 
        "torch.DoubleTensor", "torch.FloatStorage", "torch.FloatTensor", "torch.HalfStorage", "torch.HalfTensor", "torch.IntStorage", "torch.IntTensor", 
        "torch.LongStorage", "torch.LongTensor", "torch.QInt32Storage", "torch.QInt8Storage", "torch.QUInt2x4Storage", "torch.QUInt4x2Storage", 
        "torch.QUInt8Storage", "torch.ShortStorage", "torch.ShortTensor", "torch.Size", "torch.Tensor", "torch._utils._rebuild_meta_tensor_no_storage", 
        "torch._utils._rebuild_parameter", "torch._utils._rebuild_sparse_csr_tensor", "torch._utils._rebuild_sparse_tensor", "torch._utils._rebuild_tensor", 
        "torch._utils._rebuild_tensor_v2", "torch.complex128", "torch.complex32", "torch.complex64", "torch.cuda.BFloat16Storage", 
        "torch.cuda.BFloat16Tensor", "torch.cuda.BoolStorage", "torch.cuda.BoolTensor", "torch.cuda.ByteStorage", "torch.cuda.ByteTensor", 
        "torch.cuda.CharStorage", "torch.cuda.CharTensor", "torch.cuda.ComplexDoubleStorage", "torch.cuda.ComplexFloatStorage", "torch.cuda.DoubleStorage", 
        "torch.cuda.DoubleTensor", "torch.cuda.FloatStorage", "torch.cuda.FloatTensor", "torch.cuda.HalfStorage", "torch.cuda.HalfTensor", 
        "torch.cuda.IntStorage", "torch.cuda.IntTensor", "torch.cuda.LongStorage", "torch.cuda.LongTensor", "torch.cuda.ShortStorage", 
        "torch.cuda.ShortTensor", "torch.cuda.sparse.BFloat16Tensor", "torch.cuda.sparse.ByteTensor", "torch.cuda.sparse.CharTensor", 
        "torch.cuda.sparse.DoubleTensor", "torch.cuda.sparse.FloatTensor", "torch.cuda.sparse.HalfTensor", "torch.cuda.sparse.IntTensor", 
        "torch.cuda.sparse.LongTensor", "torch.cuda.sparse.ShortTensor", "torch.float16", "torch.float32", "torch.float64", "torch.int16", "torch.int32", 
        "torch.int64", "torch.int8", "torch.nn.parameter.Parameter", "torch.serialization._get_layout", "torch.sparse.BFloat16Tensor", 
        "torch.sparse.ByteTensor", "torch.sparse.CharTensor", "torch.sparse.DoubleTensor", "torch.sparse.FloatTensor", "torch.sparse.HalfTensor", 
        "torch.sparse.IntTensor", "torch.sparse.LongTensor", "torch.sparse.ShortTensor", "torch.storage.TypedStorage", "torch.storage.UntypedStorage"
    ];

    [Fact]
    public void ExactlyTheGlobalsThatTorchAllowsPassTheGlobalCheck()
    {
        Assert.Equal(90, TorchAllowedGlobals.Length);
        foreach (string full in TorchAllowedGlobals)
        {
            int dot = full.LastIndexOf('.');
            var pickle = P($"c{full[..dot]}\n{full[(dot + 1)..]}\n.");
            if (full is "torch.float16" or "torch.float32" or "torch.float64" or "torch.int32" or "torch.int64")
            {
                Assert.IsType<DType>(Load(Archive(pickle))); // a dtype Ember has
                continue;
            }
            // Allowed by torch: either a class or function that only feeds tensor rebuilds, or something Ember cannot represent.
            var message = Refused(pickle);
            Assert.DoesNotContain("refused GLOBAL", message);
            Assert.True(message.Contains("cannot be the result") || message.Contains("not supported by Ember"), message);
        }
        foreach (string full in new[] { "torch.device", "torch.bfloat16", "torch.bool", "torch.uint8", "torch.sparse.BoolTensor", "torch.cuda.sparse.BoolTensor",
                     "torch.cuda.QInt8Storage", "torch._utils._rebuild_qtensor", "torch._utils._rebuild_device_tensor_from_numpy", "torch.nn.Parameter",
                     "builtins.set", "builtins.getattr", "collections.defaultdict", "numpy.core.multiarray._reconstruct", "torch.storage._load_from_bytes",
                     "torch._tensor._rebuild_from_type_v2", "torch.serialization.load", "torch._utils._rebuild_tensor_v3" })
        {
            int dot = full.LastIndexOf('.');
            Assert.Contains($"refused GLOBAL {full}", Refused(P($"c{full[..dot]}\n{full[(dot + 1)..]}\n.")));
        }
    }

    [Fact]
    public void WhatTorchAllowsLoads()
    {
        var floats = new byte[12];
        BinaryPrimitives.WriteSingleLittleEndian(floats.AsSpan(8), 2.5f);
        var t = Assert.IsType<Tensor>(Load(Archive(P(0x80, 2, Tensor("FloatStorage", 3, I(2), P(")"), P(")")), "."), ("0", floats))));
        Assert.Equal(2.5f, t.Item<float>());
        // OrderedDict from pairs, torch.Size, BINFLOAT (a deviation: torch 1.13 refuses it), SHORT_BINSTRING, memo, sets, dtypes.
        var d = Assert.IsType<OrderedDictionary<object, object?>>(Load(Archive(P(
            "ccollections\nOrderedDict\n", "]", "(", S("a"), "K", 1, 0x86, S("b"), "K", 2, 0x86, "e", 0x85, "R",
            "q", 0, "(", S("size"), "ctorch\nSize\n(K", 2, "K", 3, "t", 0x85, "R", S("f"), "G", new byte[] { 0x3f, 0xf8, 0, 0, 0, 0, 0, 0 },
            S("s"), "U", 2, "hi", S("again"), "h", 0, S("set"), 0x8f, S("dtype"), "ctorch\nfloat16\n", "u."))));
        Assert.Equal(["a", "b", "size", "f", "s", "again", "set", "dtype"], d.Keys);
        Assert.Equal(new object?[] { 2L, 3L }, d["size"]);
        Assert.Equal(1.5, d["f"]);
        Assert.Equal("hi", d["s"]);
        Assert.Same(d, d["again"]);
        Assert.Empty(Assert.IsType<HashSet<object?>>(d["set"]));
        Assert.Equal(DType.Float16, d["dtype"]);
        // A state dict's _metadata attribute (BUILD on an OrderedDict) is accepted and ignored.
        var sd = PyTorchFile.LoadStateDict(new MemoryStream(Archive(P("ccollections\nOrderedDict\n)R", S("w"), Tensor("FloatStorage", 3, I(0), P("K", 3, 0x85), P("K", 1, 0x85)), "s",
            "}", S("_metadata"), "ccollections\nOrderedDict\n)R", "s", "b."), ("0", floats))));
        Assert.Equal(new float[] { 0, 0, 2.5f }, sd["w"].ToArray<float>());
    }

    [Fact]
    public void LyingSizesAndOutOfRangeViewsAreRefusedWithoutAllocating()
    {
        var twelve = new byte[12];
        string R(byte[] tensor, string storage = "FloatStorage") => Refused(P(tensor, "."), ("0", twelve));
        Assert.Contains("need 4000000000 bytes but its record holds 12", R(Tensor("FloatStorage", 1_000_000_000, I(0), P(")"), P(")"))));
        Assert.Contains("larger than a tensor can be", Refused(P(Tensor("FloatStorage", int.MaxValue, I(0), P(")"), P(")")), "."), ("0", twelve)));
        Assert.Contains("has no record archive/data/7", R(Tensor("FloatStorage", 3, I(0), P(")"), P(")"), key: "7")));
        Assert.Contains("reach element 3 of a storage of 3", R(Tensor("FloatStorage", 3, I(1), P("K", 3, 0x85), P("K", 1, 0x85))));
        Assert.Contains("reach element 4", R(Tensor("FloatStorage", 3, I(0), P("K", 3, 0x85), P("K", 2, 0x85))));
        Assert.Contains("storage_offset -1", R(Tensor("FloatStorage", 3, I(-1), P(")"), P(")"))));
        Assert.Contains("size[0] = -2", R(Tensor("FloatStorage", 3, I(0), P(I(-2), 0x85), P("K", 1, 0x85))));
        Assert.Contains("more elements than a tensor can hold", R(Tensor("FloatStorage", 3, I(0), P(I(int.MaxValue), I(int.MaxValue), 0x86), P("K", 0, "K", 0, 0x86))));
        var big = P("(", Enumerable.Repeat(P("K", 2), 64).SelectMany(x => x).ToArray(), "t");
        var zeros = P("(", Enumerable.Repeat(P("K", 0), 64).SelectMany(x => x).ToArray(), "t");
        Assert.Contains("more elements than a tensor can hold", R(Tensor("FloatStorage", 3, I(0), big, zeros)));
        Assert.Contains("reach element 4294967294", R(Tensor("FloatStorage", 3, I(0), P("K", 2, "K", 2, 0x86), P(I(int.MaxValue), I(int.MaxValue), 0x86))));
        Assert.Contains("size has 1 dimensions but stride has 0", R(Tensor("FloatStorage", 3, I(0), P("K", 1, 0x85), P(")"))));
        Assert.Contains("need 12 bytes but its record holds 11", Refused(P(Tensor("FloatStorage", 3, I(0), P(")"), P(")")), "."), ("0", new byte[11])));
        // The same storage as two dtypes; requires_grad on integers; bool bytes that are not 0 or 1; unsupported storages.
        Assert.Contains("used as both FloatStorage and IntStorage", Refused(P("(", Tensor("FloatStorage", 3, I(0), P(")"), P(")")), Tensor("IntStorage", 3, I(0), P(")"), P(")")), "t."), ("0", twelve)));
        Assert.Contains("cannot require grad", R(Tensor("IntStorage", 3, I(0), P(")"), P(")"), requiresGrad: true)));
        Assert.Contains("neither 0 nor 1", Refused(P(Tensor("BoolStorage", 2, I(0), P(")"), P(")")), "."), ("0", [1, 7])));
        Assert.Contains("not supported by Ember", R(Tensor("ComplexFloatStorage", 3, I(0), P(")"), P(")"))));
        Assert.Contains("refused GLOBAL torch.FooStorage", R(Tensor("FooStorage", 3, I(0), P(")"), P(")"))));
        // Strings, memo and nesting bounded by the pickle's own bytes.
        Assert.Contains("runs past the end of the pickle", Refused(P("X", new byte[] { 0xff, 0xff, 0xff, 0x7f }, "abc.")));
        Assert.Contains("memo entry 5 was never stored", Refused(P("h", 5, ".")));
        Assert.Contains("MARKs nest deeper than 1000", Refused(P(new string('(', 5000), ".")));
        Assert.Contains("the stack is empty", Refused(P(0x85, ".")));
        Assert.Contains("creates more than 2000000 containers", Refused(P(new string(']', 2_000_001), ".")));
        Assert.Contains("without a MARK", Refused(P("]e.")));
        Assert.Contains("ends before its STOP", Refused(P("]")));
        Assert.Contains("not a list", Refused(P(")Na.")));
        Assert.Contains("not a dict", Refused(P("]NNs.")));
        Assert.Contains("dict key a list of 0", Refused(P("}]Ns.")));
        Assert.Contains("not valid UTF-8", Refused(P("X", new byte[] { 2, 0, 0, 0, 0xc3, 0x28 }, ".")));
        // Deeply nested tuples as a key: refused, not a stack overflow.
        Assert.Contains("dict key", Refused(P("}N", Enumerable.Repeat((byte)0x85, 100_000).ToArray(), "Ns.")));
    }

    [Fact]
    public void ArchivesThatAreNotPlainStoredZipsAreRefused()
    {
        var valid = Valid();
        Assert.Contains("not a zip archive", Assert.Throws<ModelFormatException>(() => Load(P(0x80, 2, S(new string('x', 100)), "N."))).Message);
        Assert.Contains("no end-of-central-directory", Assert.Throws<ModelFormatException>(() => Load(valid[..^1])).Message);
        // A deflated entry (PyTorch never writes one; a zip bomb would be one): refused before inflating.
        using (var m = new MemoryStream())
        {
            using (var z = new ZipArchive(m, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var (name, data) in Entries(valid))
                {
                    using var s = z.CreateEntry(name, CompressionLevel.Optimal).Open();
                    s.Write(data);
                }
            }
            Assert.Contains("is compressed", Assert.Throws<ModelFormatException>(() => Load(m.ToArray())).Message);
        }
        // Storage bytes corrupted: the CRC-32 says so.
        var corrupt = (byte[])valid.Clone();
        using (var s = new MemoryStream(valid))
        {
            var e = ZipReader.Open(s, "t").Find("archive/data/0")!;
            corrupt[e.DataOffset + 3] ^= 1;
        }
        Assert.Contains("CRC-32", Assert.Throws<ModelFormatException>(() => Load(corrupt)).Message);
        // No version record; a version out of range; no data.pkl; entries outside a folder; a TorchScript archive.
        var entries = Entries(valid);
        Assert.Contains("no archive/version", Assert.Throws<ModelFormatException>(() => Load(Zip(entries.Where(e => !e.Name.EndsWith("version"))))).Message);
        Assert.Contains("version 11", Assert.Throws<ModelFormatException>(() => Load(Zip(entries.Select(e => e.Name.EndsWith("version") ? (e.Name, "11\n"u8.ToArray()) : e)))).Message);
        Assert.Contains("no archive/data.pkl", Assert.Throws<ModelFormatException>(() => Load(Zip(entries.Skip(1)))).Message);
        Assert.Contains("not in a folder", Assert.Throws<ModelFormatException>(() => Load(Zip([("data.pkl", entries[0].Data)]))).Message);
        Assert.Contains("TorchScript", Assert.Throws<ModelFormatException>(() => Load(Zip([.. entries, ("archive/constants.pkl", P(0x80, 2, ")."))]))).Message);
        Assert.Contains("appears twice", Assert.Throws<ModelFormatException>(() => Load(Zip([.. entries, entries[1]]))).Message);
        // The first entry's folder names the archive, as in PyTorch (torch.save names it after the file).
        Assert.NotNull(Load(Zip(entries.Select(e => ("model" + e.Name["archive".Length..], e.Data)))));
    }
}
