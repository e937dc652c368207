using System.Buffers.Binary;
using System.Collections;
using System.Numerics;
using System.Text;
using Ember.NN;

namespace Ember.Serialization.Pickle;

/// <summary>
/// Writes an object tree as a protocol-2 pickle the way <c>torch.save</c> does: tensors as calls to
/// <c>torch._utils._rebuild_tensor_v2</c> (parameters wrapped in <c>_rebuild_parameter</c>) whose storages are
/// persistent ids <c>('storage', torch.FloatStorage, '0', 'cpu', numel)</c>, each storage listed once in
/// <see cref="Storages"/> in first-use order; <see cref="OrderedDictionary{TKey, TValue}"/> as
/// <c>collections.OrderedDict</c>, other dictionaries as dict, <c>object?[]</c> as tuple, other lists as list.
/// Only opcodes that <c>torch.load(weights_only=True)</c> reads are used (plus BINFLOAT for floats).
/// </summary>
internal sealed class Pickler
{
    /// <summary>The deepest nesting of containers written (deeper trees are refused rather than overflowing the call stack).</summary>
    public const int MaxDepth = 500;

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);
    private readonly MemoryStream _out = new();
    private readonly Dictionary<Storage, int> _keys = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<object> _open = new(ReferenceEqualityComparer.Instance);

    /// <summary>The storages to write as <c>data/0</c>, <c>data/1</c>, …, with a tensor that keeps each alive.</summary>
    public List<(Storage Storage, Tensor Owner)> Storages { get; } = [];

    /// <summary>Pickles <paramref name="value"/> and returns the pickle's bytes.</summary>
    public byte[] Serialize(object? value)
    {
        _out.WriteByte(0x80);
        _out.WriteByte(2);
        Write(value, "value", 0);
        _out.WriteByte((byte)'.');
        return _out.ToArray();
    }

    private void Write(object? value, string path, int depth)
    {
        switch (value)
        {
            case null: Op('N'); break;
            case bool b: _out.WriteByte(b ? (byte)0x88 : (byte)0x89); break;
            case long l: Int(l); break;
            case int i: Int(i); break;
            case short s: Int(s); break;
            case sbyte sb: Int(sb); break;
            case byte by: Int(by); break;
            case ushort us: Int(us); break;
            case uint ui: Int(ui); break;
            case ulong ul: Big(ul, path); break;
            case BigInteger bi: Big(bi, path); break;
            case double d: Float(d); break;
            case float f: Float(f); break;
            case string s: Str(s, path); break;
            case Tensor t: WriteTensor(t, path); break;
            case object?[] tuple:
                Enter(tuple, path, depth);
                if (tuple.Length is > 0 and <= 3)
                {
                    for (int i = 0; i < tuple.Length; i++) Write(tuple[i], $"{path}[{i}]", depth + 1);
                    _out.WriteByte((byte)(0x84 + tuple.Length)); // TUPLE1..3
                }
                else if (tuple.Length == 0) Op(')');
                else
                {
                    Op('(');
                    for (int i = 0; i < tuple.Length; i++) Write(tuple[i], $"{path}[{i}]", depth + 1);
                    Op('t');
                }
                _open.Remove(tuple);
                break;
            case IDictionary dict:
                Enter(dict, path, depth);
                if (IsOrderedDictionary(dict))
                {
                    Global("collections", "OrderedDict");
                    Op(')');
                    Op('R');
                }
                else Op('}');
                if (dict.Count > 0)
                {
                    Op('(');
                    foreach (DictionaryEntry e in dict)
                    {
                        if (!IsKey(e.Key))
                            throw new ArgumentException($"save: {path} has a key of type {e.Key.GetType().Name}; keys must be strings, integers, floats, bools or tuples of them", nameof(value));
                        Write(e.Key, $"{path} (a key)", depth + 1);
                        Write(e.Value, $"{path}[{Show(e.Key)}]", depth + 1);
                    }
                    Op('u');
                }
                _open.Remove(dict);
                break;
            case IList list:
                Enter(list, path, depth);
                Op(']');
                if (list.Count > 0)
                {
                    Op('(');
                    for (int i = 0; i < list.Count; i++) Write(list[i], $"{path}[{i}]", depth + 1);
                    Op('e');
                }
                _open.Remove(list);
                break;
            default:
                throw new ArgumentException($"save: {path} is a {value.GetType().Name}, which has no PyTorch equivalent (supported: null, bool, integers, floats, string, Tensor, object?[] (tuple), IList (list), IDictionary (dict))", nameof(value));
        }
    }

    private static bool IsOrderedDictionary(object dict) =>
        dict.GetType().IsGenericType && dict.GetType().GetGenericTypeDefinition() == typeof(OrderedDictionary<,>);

    private static bool IsKey(object? key) => key switch
    {
        string or long or int or short or sbyte or byte or ushort or uint or ulong or BigInteger or double or float or bool => true,
        object?[] t => Array.TrueForAll(t, k => k is null || IsKey(k)),
        _ => false,
    };

    private static string Show(object? key) => key is string s ? $"\"{s}\"" : key?.ToString() ?? "None";

    private void Enter(object container, string path, int depth)
    {
        if (depth >= MaxDepth)
            throw new ArgumentException($"save: {path} is nested more than {MaxDepth} containers deep", "value");
        if (!_open.Add(container))
            throw new ArgumentException($"save: {path} contains itself", "value");
    }

    private void WriteTensor(Tensor t, string path)
    {
        ObjectDisposedException.ThrowIf(t.IsDisposed, t);
        if (t.RequiresGrad && !t.IsLeaf)
            throw new ArgumentException($"save: {path} is a non-leaf tensor that requires grad; as PyTorch, Ember refuses to serialize it (call Detach() first)", "value");
        if (t is Parameter)
        {
            Global("torch._utils", "_rebuild_parameter");
            Op('(');
            WriteTensorData(t, requiresGrad: false);
            _out.WriteByte(t.RequiresGrad ? (byte)0x88 : (byte)0x89);
            EmptyOrderedDict();
            Op('t');
            Op('R');
        }
        else WriteTensorData(t, t.RequiresGrad);
    }

    private void WriteTensorData(Tensor t, bool requiresGrad)
    {
        // PyTorch has no negative strides: such a view is written as a contiguous copy.
        if (Array.Exists(t.StridesArray, s => s < 0)) t = t.Detach().Contiguous();
        if (!_keys.TryGetValue(t.Storage, out int key))
        {
            key = Storages.Count;
            _keys.Add(t.Storage, key);
            Storages.Add((t.Storage, t));
        }
        Global("torch._utils", "_rebuild_tensor_v2");
        Op('(');
        Op('(');
        Str("storage", "");
        Global("torch", TorchTypes.StorageName(t.DType));
        Str(key.ToString(System.Globalization.CultureInfo.InvariantCulture), "");
        Str("cpu", "");
        Int(t.Storage.Length);
        Op('t');
        Op('Q');
        Int(t.Offset);
        IntTuple(t.ShapeArray);
        IntTuple(t.StridesArray);
        _out.WriteByte(requiresGrad ? (byte)0x88 : (byte)0x89);
        EmptyOrderedDict();
        Op('t');
        Op('R');
    }

    private void IntTuple(int[] values)
    {
        if (values.Length == 0) { Op(')'); return; }
        Op('(');
        foreach (int v in values) Int(v);
        Op('t');
    }

    private void EmptyOrderedDict()
    {
        Global("collections", "OrderedDict");
        Op(')');
        Op('R');
    }

    private void Global(string module, string name)
    {
        Op('c');
        _out.Write(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
    }

    private void Int(long v)
    {
        Span<byte> b = stackalloc byte[4];
        if (v is >= 0 and < 256) { Op('K'); _out.WriteByte((byte)v); }
        else if (v is >= 0 and < 65536) { Op('M'); BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)v); _out.Write(b[..2]); }
        else if (v is >= int.MinValue and <= int.MaxValue) { Op('J'); BinaryPrimitives.WriteInt32LittleEndian(b, (int)v); _out.Write(b); }
        else Long1(new BigInteger(v).ToByteArray(isUnsigned: false, isBigEndian: false));
    }

    private void Big(BigInteger v, string path)
    {
        if (v >= long.MinValue && v <= long.MaxValue) { Int((long)v); return; }
        var bytes = v.ToByteArray(isUnsigned: false, isBigEndian: false);
        if (bytes.Length > 255)
            throw new ArgumentException($"save: {path} is an integer of {bytes.Length} bytes; at most 255 are supported", "value");
        Long1(bytes);
    }

    private void Long1(byte[] littleEndian)
    {
        _out.WriteByte(0x8a);
        _out.WriteByte((byte)littleEndian.Length);
        _out.Write(littleEndian);
    }

    private void Float(double v)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(b, v);
        Op('G');
        _out.Write(b);
    }

    private void Str(string s, string path)
    {
        byte[] bytes;
        try { bytes = StrictUtf8.GetBytes(s); }
        catch (EncoderFallbackException e) { throw new ArgumentException($"save: {path} is a string that is not valid UTF-16 (a lone surrogate)", "value", e); }
        Span<byte> n = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(n, (uint)bytes.Length);
        Op('X');
        _out.Write(n);
        _out.Write(bytes);
    }

    private void Op(char c) => _out.WriteByte((byte)c);
}
