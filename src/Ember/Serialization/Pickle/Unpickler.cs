using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using Ember.NN;

namespace Ember.Serialization.Pickle;

/// <summary>
/// A restricted unpickler for PyTorch's <c>data.pkl</c>, accepting what PyTorch 1.13's
/// <c>torch.load(weights_only=True)</c> accepts (<c>torch/_weights_only_unpickler.py</c>) and nothing else; it never
/// imports, looks up or calls anything by name, so a hostile pickle cannot run code. Opcodes: PROTO, STOP, MARK, NONE,
/// NEWTRUE, NEWFALSE, BININT, BININT1, BININT2, LONG1, BINUNICODE, SHORT_BINSTRING, EMPTY_TUPLE, TUPLE, TUPLE1-3,
/// EMPTY_LIST, APPEND, APPENDS, EMPTY_DICT, SETITEM, SETITEMS, EMPTY_SET, BINGET, LONG_BINGET, BINPUT, LONG_BINPUT,
/// BINPERSID (storages only), GLOBAL (allowed names only), REDUCE (allowed callables only), NEWOBJ (Parameter only), BUILD
/// (an OrderedDict's attributes only) — plus BINFLOAT, which torch 1.13 refuses but <c>torch.save</c> writes for every
/// Python float and torch 2 accepts (it builds a number, nothing else). Anything else raises
/// <see cref="ModelFormatException"/> naming the opcode or the global. Allocation is bounded by the pickle's size: a
/// string or an object costs at least its bytes of pickle, MARKs nest at most <see cref="MaxMarkDepth"/> deep.
/// </summary>
internal sealed class Unpickler
{
    /// <summary>The deepest nesting of MARKs accepted (real files nest a few levels).</summary>
    public const int MaxMarkDepth = 1000;

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>The most containers and tensors one pickle may create (real files create a few per tensor; each costs
    /// ~100 bytes, so this bounds what a hostile pickle of one-byte EMPTY_DICTs can make the reader allocate).</summary>
    public const int MaxObjects = 2_000_000;

    private static readonly object True = true, False = false;
    private static readonly object[] SmallInts = Enumerable.Range(0, 256).Select(i => (object)(long)i).ToArray();

    private readonly byte[] _data;
    private int _objects;
    private readonly Func<string, StorageType, long, LoadedStorage> _loadStorage;
    private readonly Dictionary<string, LoadedStorage> _storages = new(StringComparer.Ordinal);
    private readonly Dictionary<long, object?> _memo = [];
    private readonly HashSet<object> _orderedDicts = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<object> _internalTuples = new(ReferenceEqualityComparer.Instance);
    private readonly List<List<object?>> _metastack = [];
    private List<object?> _stack = [];
    private int _pos;
    private int _opAt;

    /// <param name="data">The pickle's bytes.</param>
    /// <param name="loadStorage">Loads <c>data/&lt;key&gt;</c> as a storage of a type and element count (called once per key).</param>
    public Unpickler(byte[] data, Func<string, StorageType, long, LoadedStorage> loadStorage)
    {
        _data = data;
        _loadStorage = loadStorage;
    }

    /// <summary>Runs the pickle to its STOP and returns the object it built.</summary>
    public object? Load()
    {
        while (true)
        {
            _opAt = _pos;
            byte op = ReadByte();
            switch (op)
            {
                case 0x80: // PROTO
                    int proto = ReadByte();
                    if (proto > 5) throw Fail($"unknown pickle protocol {proto}");
                    break;
                case (byte)'.': // STOP
                    return Storable(Pop(), "the result");
                case (byte)'(': // MARK
                    if (_metastack.Count >= MaxMarkDepth) throw Fail($"MARKs nest deeper than {MaxMarkDepth}");
                    Count();
                    _metastack.Add(_stack);
                    _stack = [];
                    break;
                case (byte)'N': Push(null); break;
                case 0x88: Push(True); break; // NEWTRUE
                case 0x89: Push(False); break; // NEWFALSE
                case (byte)'J': Push((long)BinaryPrimitives.ReadInt32LittleEndian(Read(4))); break; // BININT
                case (byte)'K': Push(SmallInts[ReadByte()]); break; // BININT1
                case (byte)'M': Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Read(2))); break; // BININT2
                case 0x8a: // LONG1
                    {
                        var bytes = Read(ReadByte());
                        var v = new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
                        Push(v >= long.MinValue && v <= long.MaxValue ? (object)(long)v : v);
                        break;
                    }
                case (byte)'G': Push(BinaryPrimitives.ReadDoubleBigEndian(Read(8))); break; // BINFLOAT
                case (byte)'X': // BINUNICODE
                    {
                        uint n = BinaryPrimitives.ReadUInt32LittleEndian(Read(4));
                        if (n > _data.Length - _pos) throw Fail($"BINUNICODE of {n} bytes runs past the end of the pickle");
                        Push(Utf8(Read((int)n)));
                        break;
                    }
                case (byte)'U': Push(Utf8(Read(ReadByte()))); break; // SHORT_BINSTRING (torch.load decodes it as UTF-8)
                case (byte)')': Push(Array.Empty<object?>()); break; // EMPTY_TUPLE
                case (byte)'t': Push(Tuple(PopMark("TUPLE"))); break;
                case 0x85: Push(Tuple([Pop()])); break; // TUPLE1
                case 0x86: { var b = Pop(); var a = Pop(); Push(Tuple([a, b])); break; } // TUPLE2
                case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); Push(Tuple([a, b, c])); break; } // TUPLE3
                case (byte)']': Count(); Push(new List<object?>()); break; // EMPTY_LIST
                case (byte)'a': // APPEND
                    {
                        var item = Storable(Pop(), "a list item");
                        ListOnTop("APPEND").Add(item);
                        break;
                    }
                case (byte)'e': // APPENDS
                    {
                        var items = PopMark("APPENDS");
                        var list = ListOnTop("APPENDS");
                        foreach (var item in items) list.Add(Storable(item, "a list item"));
                        break;
                    }
                case (byte)'}': Count(); Push(NewDict()); break; // EMPTY_DICT
                case (byte)'s': // SETITEM
                    {
                        var v = Pop();
                        var k = Pop();
                        SetItem(DictOnTop("SETITEM"), k, v);
                        break;
                    }
                case (byte)'u': // SETITEMS
                    {
                        var items = PopMark("SETITEMS");
                        var dict = DictOnTop("SETITEMS");
                        if (items.Count % 2 != 0) throw Fail($"SETITEMS with an odd number ({items.Count}) of keys and values");
                        for (int i = 0; i < items.Count; i += 2) SetItem(dict, items[i], items[i + 1]);
                        break;
                    }
                case 0x8f: Count(); Push(new HashSet<object?>()); break; // EMPTY_SET (torch allows no way to fill it)
                case (byte)'h': Push(Get(ReadByte())); break; // BINGET
                case (byte)'j': Push(Get(BinaryPrimitives.ReadUInt32LittleEndian(Read(4)))); break; // LONG_BINGET
                case (byte)'q': Put(ReadByte()); break; // BINPUT
                case (byte)'r': Put(BinaryPrimitives.ReadUInt32LittleEndian(Read(4))); break; // LONG_BINPUT
                case (byte)'Q': Push(PersistentLoad(Pop())); break; // BINPERSID
                case (byte)'c': Push(Global()); break; // GLOBAL
                case (byte)'R': // REDUCE
                    {
                        var args = Pop();
                        var func = Pop();
                        Push(Reduce(func, args));
                        break;
                    }
                case 0x81: // NEWOBJ
                    {
                        var args = Pop();
                        var cls = Pop();
                        if (!(cls is PickleCallable { FullName: "torch.nn.parameter.Parameter" })) throw Fail($"NEWOBJ may only instantiate torch.nn.parameter.Parameter, not {Describe(cls)}");
                        Push(NewParameter(args));
                        break;
                    }
                case (byte)'b': // BUILD
                    {
                        var state = Pop();
                        var inst = Peek();
                        if (!(inst is not null && _orderedDicts.Contains(inst))) throw Fail($"BUILD is supported only on an OrderedDict (its attributes, e.g. a state dict's _metadata), not on {Describe(inst)}");
                        Expect(state is OrderedDictionary<object, object?> attrs && attrs.Keys.All(k => k is string),
                            $"BUILD of an OrderedDict with state {Describe(state)} (expected a dict of attributes)");
                        break; // attributes such as _metadata are accepted and ignored
                    }
                default:
                    throw Refuse($"refused opcode {OpcodeName(op)} (torch.load(weights_only=True) does not allow it)");
            }
        }
    }

    private object? Global()
    {
        string module = ReadLine(), name = ReadLine();
        string full = $"{module}.{name}";
        if (!TorchTypes.AllowedByTorch(full))
            throw Refuse($"refused GLOBAL {full} (torch.load(weights_only=True) allows only tensors, storages, OrderedDict, Parameter and torch.Size)");
        if (TorchTypes.Storages.TryGetValue(full, out var storage)) return storage;
        if (TorchTypes.DTypes.TryGetValue(full, out var dtype)) return dtype;
        if (TorchTypes.Callables.Contains(full)) return new PickleCallable(full);
        throw Refuse($"GLOBAL {full} is allowed by torch.load(weights_only=True) but not supported by Ember");
    }

    private object? Reduce(object? func, object? args)
    {
        if (func is not PickleCallable) throw Fail($"REDUCE of {Describe(func)}, which is not an allowed callable");
        if (args is not object?[]) throw Fail($"REDUCE of {((PickleCallable)func!).FullName} with arguments {Describe(args)} (expected a tuple)");
        var a = (object?[])args!;
        string name = ((PickleCallable)func!).FullName;
        switch (name)
        {
            case "collections.OrderedDict":
                {
                    Count();
                    var dict = NewDict();
                    _orderedDicts.Add(dict);
                    if (a.Length > 1) throw Fail($"OrderedDict takes at most 1 argument, got {a.Length}");
                    if (a.Length == 1)
                    {
                        if (a[0] is OrderedDictionary<object, object?> source)
                            foreach (var (k, v) in source) SetItem(dict, k, v);
                        else if (a[0] is IList<object?> pairs)
                            foreach (var pair in pairs)
                            {
                                if (!(pair is object?[] { Length: 2 } or List<object?> { Count: 2 })) throw Fail($"OrderedDict item {Describe(pair)} is not a (key, value) pair");
                                var p = (IList<object?>)pair!;
                                SetItem(dict, p[0], p[1]);
                            }
                        else throw Refuse($"OrderedDict of {Describe(a[0])}");
                    }
                    return dict;
                }
            case "torch._utils._rebuild_tensor_v2":
                if (!(a.Length is 6 or 7)) throw Fail($"{name} takes 6 arguments, got {a.Length}");
                if (a[4] is not bool) throw Fail($"{name}: requires_grad is {Describe(a[4])}, not a bool");
                CheckHooks(name, a[5]);
                if (a.Length == 7 && a[6] is not null && a[6] is not OrderedDictionary<object, object?>) throw Fail($"{name}: metadata is {Describe(a[6])}");
                return RebuildTensor(name, a[0], a[1], a[2], a[3], (bool)a[4]!);
            case "torch._utils._rebuild_tensor":
                if (a.Length != 4) throw Fail($"{name} takes 4 arguments, got {a.Length}");
                return RebuildTensor(name, a[0], a[1], a[2], a[3], false);
            case "torch._utils._rebuild_parameter":
                if (a.Length != 3) throw Fail($"{name} takes 3 arguments, got {a.Length}");
                if (a[1] is not bool) throw Fail($"{name}: requires_grad is {Describe(a[1])}, not a bool");
                CheckHooks(name, a[2]);
                return MakeParameter(name, a[0], (bool)a[1]!);
            case "torch.nn.parameter.Parameter":
                return NewParameter(a);
            case "torch.Size":
                {
                    if (a.Length > 1) throw Fail($"torch.Size takes at most 1 argument, got {a.Length}");
                    if (a.Length == 0) return Array.Empty<object?>();
                    if (!(a[0] is object?[] or List<object?>)) throw Fail($"torch.Size of {Describe(a[0])}");
                    var items = ((IList<object?>)a[0]!).ToArray();
                    Expect(Array.TrueForAll(items, i => i is long), "torch.Size of something other than integers");
                    return items;
                }
            default:
                throw Refuse($"REDUCE of {name} is not supported");
        }
    }

    private void CheckHooks(string name, object? hooks)
    {
        if (hooks is not OrderedDictionary<object, object?> { Count: 0 }) throw Fail($"{name}: backward_hooks is {Describe(hooks)}, not an empty OrderedDict");
    }

    private object NewParameter(object? args)
    {
        if (!(args is object?[] { Length: 1 or 2 })) throw Fail($"Parameter(*{Describe(args)}): expected (data[, requires_grad])");
        var a = (object?[])args!;
        if (!(a.Length == 1 || a[1] is bool)) throw Fail($"Parameter: requires_grad is {Describe(a[1])}, not a bool");
        return MakeParameter("torch.nn.parameter.Parameter", a[0], a.Length == 1 || (bool)a[1]!);
    }

    private Parameter MakeParameter(string name, object? data, bool requiresGrad)
    {
        if (data is not Tensor) throw Fail($"{name}: data is {Describe(data)}, not a tensor");
        var t = (Tensor)data!;
        if (!(!requiresGrad || t.DType.IsFloatingPoint())) throw Fail($"{name}: a {t.DType.TorchName()} tensor cannot require grad (only floating point tensors can)");
        return new Parameter(t, requiresGrad);
    }

    private Tensor RebuildTensor(string name, object? storageObj, object? offsetObj, object? sizeObj, object? strideObj, bool requiresGrad)
    {
        if (storageObj is not LoadedStorage) throw Fail($"{name}: storage is {Describe(storageObj)}");
        var storage = ((LoadedStorage)storageObj!).Storage;
        if (offsetObj is not long) throw Fail($"{name}: storage_offset is {Describe(offsetObj)}, not an int");
        long offset = (long)offsetObj!;
        int[] shape = Dims(name, "size", sizeObj), strides = Dims(name, "stride", strideObj);
        if (shape.Length != strides.Length) throw Fail($"{name}: size has {shape.Length} dimensions but stride has {strides.Length}");
        if (!(offset >= 0 && offset <= int.MaxValue)) throw Fail($"{name}: storage_offset {offset} is out of range");
        double numel = 1;
        foreach (int d in shape) numel *= d;
        if (numel > Tensor.MaxNumel) throw Fail($"{name}: size {Size.Format(shape)} has more elements than a tensor can hold");
        Int128 hi = offset; // 64 dimensions of 2^31 × 2^31 overflow a long
        for (int d = 0; d < shape.Length; d++) hi += (Int128)Math.Max(shape[d] - 1, 0) * strides[d];
        if (numel == 0) offset = Math.Min(offset, storage.Length); // an empty tensor addresses nothing
        else
            if (hi >= storage.Length) throw Fail($"{name}: size {Size.Format(shape)}, stride {Size.Format(strides)} and storage_offset {offset} reach element {hi} of a storage of {storage.Length} elements");
        if (!(!requiresGrad || storage.DType.IsFloatingPoint())) throw Fail($"{name}: a {storage.DType.TorchName()} tensor cannot require grad (only floating point tensors can)");
        Count();
        var t = new Tensor(storage, shape, strides, (int)offset);
        if (requiresGrad) t.RequiresGrad = true;
        return t;
    }

    private int[] Dims(string name, string what, object? value)
    {
        if (!(value is object?[] || value is List<object?>)) throw Fail($"{name}: {what} is {Describe(value)}, not a tuple");
        var items = (IList<object?>)value!;
        if (items.Count > 64) throw Fail($"{name}: {what} has {items.Count} dimensions");
        var dims = new int[items.Count];
        for (int i = 0; i < dims.Length; i++)
        {
            if (!(items[i] is long v && v >= 0 && v <= int.MaxValue)) throw Fail($"{name}: {what}[{i}] = {Describe(items[i])} is not an integer in [0, {int.MaxValue}]");
            dims[i] = (int)(long)items[i]!;
        }
        return dims;
    }

    private LoadedStorage PersistentLoad(object? pid)
    {
        if (pid is not object?[]) throw Fail($"persistent id {Describe(pid)} is not a tuple");
        var id = (object?[])pid!;
        if (!(id.Length > 0 && id[0] is string kind && kind == "storage")) throw Fail($"refused persistent id {Describe(id.Length > 0 ? id[0] : null)} (only storages may be loaded)");
        if (id.Length != 5) throw Fail($"a storage persistent id has 5 items, not {id.Length}");
        if (id[1] is not StorageType) throw Fail($"storage type {Describe(id[1])} is not a supported torch.*Storage class");
        if (id[2] is not string) throw Fail($"storage key {Describe(id[2])} is not a string");
        if (id[3] is not string) throw Fail($"storage location {Describe(id[3])} is not a string");
        if (!(id[4] is long n && n >= 0)) throw Fail($"storage size {Describe(id[4])} is not a non-negative integer");
        var type = (StorageType)id[1]!;
        string key = (string)id[2]!;
        if (_storages.TryGetValue(key, out var loaded))
        {
            if (loaded.Type != type) throw Fail($"storage \"{key}\" is used as both {loaded.Type.Name} and {type.Name}");
            return loaded;
        }
        loaded = _loadStorage(key, type, (long)id[4]!);
        _storages.Add(key, loaded);
        return loaded;
    }

    private static OrderedDictionary<object, object?> NewDict() => new(PickleKeyComparer.Instance);

    private void SetItem(OrderedDictionary<object, object?> dict, object? key, object? value)
    {
        if (!(key is not null && PickleKeyComparer.IsHashable(key))) throw Fail($"dict key {Describe(key)} is not supported (strings, numbers, bools and tuples of them)");
        dict[key!] = Storable(value, "a dict value");
    }

    private object?[] Tuple(List<object?> items)
    {
        if (items.Count > 0) Count();
        var t = items.ToArray();
        foreach (var item in t)
            if (IsInternal(item))
            {
                _internalTuples.Add(t);
                break;
            }
        return t;
    }

    private bool IsInternal(object? o) => o is PickleCallable or StorageType or LoadedStorage || (o is object?[] t && _internalTuples.Contains(t));

    /// <summary>Refuses to put a class, a function or a bare storage into the result (only persistent ids and rebuild calls take them).</summary>
    private object? Storable(object? o, string where)
    {
        if (IsInternal(o)) throw Fail($"{Describe(o)} cannot be {where} (torch classes, functions and storages only feed tensor rebuilds)");
        return o;
    }

    private List<object?> ListOnTop(string op)
    {
        var top = Peek();
        if (top is not List<object?>) throw Fail($"{op} to {Describe(top)}, which is not a list");
        return (List<object?>)top!;
    }

    private OrderedDictionary<object, object?> DictOnTop(string op)
    {
        var top = Peek();
        if (top is not OrderedDictionary<object, object?>) throw Fail($"{op} on {Describe(top)}, which is not a dict");
        return (OrderedDictionary<object, object?>)top!;
    }

    private object? Get(long index)
    {
        if (!_memo.TryGetValue(index, out var value)) throw Fail($"memo entry {index} was never stored");
        return value;
    }

    private void Put(long index) => _memo[index] = Peek();

    private List<object?> PopMark(string op)
    {
        if (_metastack.Count <= 0) throw Fail($"{op} without a MARK");
        var items = _stack;
        _stack = _metastack[^1];
        _metastack.RemoveAt(_metastack.Count - 1);
        return items;
    }

    private void Push(object? o) => _stack.Add(o);

    private void Count()
    {
        if (++_objects > MaxObjects) throw Refuse($"the pickle creates more than {MaxObjects} containers and tensors");
    }

    private object? Pop()
    {
        Expect(_stack.Count > 0, "the stack is empty");
        var o = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return o;
    }

    private object? Peek()
    {
        Expect(_stack.Count > 0, "the stack is empty");
        return _stack[^1];
    }

    private byte ReadByte()
    {
        Expect(_pos < _data.Length, "the pickle ends before its STOP");
        return _data[_pos++];
    }

    private ReadOnlySpan<byte> Read(int n)
    {
        Expect(n <= _data.Length - _pos, "the pickle ends before its STOP");
        var bytes = _data.AsSpan(_pos, n);
        _pos += n;
        return bytes;
    }

    private string ReadLine()
    {
        int end = Array.IndexOf(_data, (byte)'\n', _pos);
        Expect(end >= 0, "GLOBAL name without an end of line");
        string s = Utf8(_data.AsSpan(_pos, end - _pos));
        _pos = end + 1;
        return s;
    }

    private string Utf8(ReadOnlySpan<byte> bytes)
    {
        try { return StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException e) { throw new ModelFormatException($"pytorch: data.pkl byte {_opAt}: a string is not valid UTF-8", e); }
    }

    private static string Describe(object? o) => o switch
    {
        null => "None",
        PickleCallable c => c.FullName,
        StorageType s => "torch." + s.Name,
        LoadedStorage s => $"storage \"{s.Key}\"",
        string s => $"'{(s.Length > 40 ? s[..40] + "…" : s)}'",
        long or double or bool or BigInteger => o.ToString()!,
        object?[] t => $"a tuple of {t.Length}",
        List<object?> l => $"a list of {l.Count}",
        OrderedDictionary<object, object?> d => $"a dict of {d.Count}",
        HashSet<object?> => "a set",
        Tensor t => $"a tensor {t.Describe()}",
        DType d => d.TorchName(),
        _ => o.GetType().Name,
    };

    private static string OpcodeName(byte op) => op switch
    {
        (byte)'i' => "INST ('i')",
        (byte)'o' => "OBJ ('o')",
        0x92 => "NEWOBJ_EX",
        0x93 => "STACK_GLOBAL",
        (byte)'P' => "PERSID ('P')",
        0x82 => "EXT1",
        0x83 => "EXT2",
        0x84 => "EXT4",
        0x8b => "LONG4",
        (byte)'I' => "INT ('I')",
        (byte)'L' => "LONG ('L')",
        (byte)'F' => "FLOAT ('F')",
        (byte)'S' => "STRING ('S')",
        (byte)'V' => "UNICODE ('V')",
        (byte)'T' => "BINSTRING ('T')",
        (byte)'B' => "BINBYTES ('B')",
        (byte)'C' => "SHORT_BINBYTES ('C')",
        0x8c => "SHORT_BINUNICODE",
        0x8d => "BINUNICODE8",
        0x8e => "BINBYTES8",
        0x90 => "ADDITEMS",
        0x91 => "FROZENSET",
        0x94 => "MEMOIZE",
        0x95 => "FRAME",
        0x96 => "BYTEARRAY8",
        0x97 => "NEXT_BUFFER",
        0x98 => "READONLY_BUFFER",
        (byte)'d' => "DICT ('d')",
        (byte)'l' => "LIST ('l')",
        (byte)'g' => "GET ('g')",
        (byte)'p' => "PUT ('p')",
        (byte)'0' => "POP ('0')",
        (byte)'1' => "POP_MARK ('1')",
        (byte)'2' => "DUP ('2')",
        _ => $"0x{op:x2}",
    };

    private ModelFormatException Refuse(string problem) => new($"pytorch: data.pkl byte {_opAt}: {problem}");

    private ModelFormatException Fail(string problem) => Refuse(problem);

    private void Expect(bool condition, string problem)
    {
        if (!condition) throw Refuse(problem);
    }
}
