using System.Runtime.InteropServices;
using Ember.Onnx.Proto;
using Ember.Serialization;
using Google.Protobuf;
using DataType = Ember.Onnx.Proto.TensorProto.Types.DataType;

namespace Ember.Onnx.Import;

/// <summary>
/// ONNX <c>TensorProto</c> → Ember tensor: element types, dims and data checked (sizes in 64 bits, raw_data lengths equal
/// to the element count × element size, typed-field counts equal to the element count); external data is refused.
/// </summary>
internal static class OnnxTensors
{
    /// <summary>The Ember dtype of an ONNX element type.</summary>
    /// <exception cref="NotSupportedException">A valid ONNX type that Ember has no dtype for (int8, uint16, string…).</exception>
    /// <exception cref="ModelFormatException">Not an ONNX element type.</exception>
    public static DType ToDType(int dataType, string what) => (DataType)dataType switch
    {
        DataType.Float => DType.Float32,
        DataType.Double => DType.Float64,
        DataType.Float16 => DType.Float16,
        DataType.Bfloat16 => DType.BFloat16,
        DataType.Int64 => DType.Int64,
        DataType.Int32 => DType.Int32,
        DataType.Uint8 => DType.UInt8,
        DataType.Bool => DType.Bool,
        DataType.Int8 or DataType.Int16 or DataType.Uint16 or DataType.Uint32 or DataType.Uint64 or DataType.String
            or DataType.Complex64 or DataType.Complex128 =>
            throw new NotSupportedException($"onnx: {what} has element type {(DataType)dataType}, which Ember does not support " +
                                            "(supported: FLOAT, DOUBLE, FLOAT16, BFLOAT16, INT64, INT32, UINT8, BOOL)"),
        _ => throw new ModelFormatException($"onnx: {what} has an unknown element type {dataType}"),
    };

    /// <summary>The ONNX element type of an Ember dtype.</summary>
    public static DataType ToOnnx(DType dtype) => dtype switch
    {
        DType.Float32 => DataType.Float,
        DType.Float64 => DataType.Double,
        DType.Float16 => DataType.Float16,
        DType.BFloat16 => DataType.Bfloat16,
        DType.Int64 => DataType.Int64,
        DType.Int32 => DataType.Int32,
        DType.UInt8 => DataType.Uint8,
        DType.Bool => DataType.Bool,
        _ => throw new NotSupportedException($"onnx: dtype {dtype} has no ONNX element type"),
    };

    /// <summary>Reads a serialized TensorProto (the node tests' <c>input_0.pb</c> files).</summary>
    /// <exception cref="ModelFormatException">The bytes are not a valid TensorProto.</exception>
    /// <exception cref="NotSupportedException">An element type Ember does not support.</exception>
    public static Tensor Parse(byte[] bytes)
    {
        TensorProto proto;
        try { proto = TensorProto.Parser.ParseFrom(bytes); }
        catch (InvalidProtocolBufferException e) { throw new ModelFormatException($"onnx: not a valid TensorProto ({e.Message})", e); }
        return Read(proto, $"tensor '{proto.Name}'");
    }

    /// <summary>Converts a TensorProto to a tensor (a copy of its data).</summary>
    /// <exception cref="ModelFormatException">Dims, data or sizes are invalid, or the data is stored externally.</exception>
    /// <exception cref="NotSupportedException">An element type Ember does not support.</exception>
    public static Tensor Read(TensorProto t, string what)
    {
        if (t.DataLocation == TensorProto.Types.DataLocation.External || t.ExternalData.Count > 0)
            throw new ModelFormatException($"onnx: {what} stores its data in an external file, which Ember does not read");
        if (!t.HasDataType) throw new ModelFormatException($"onnx: {what} has no element type");
        DType dtype = ToDType(t.DataType, what);
        int[] shape = Shape(t.Dims, what);
        long numel = 1;
        foreach (int d in shape) numel *= d; // each ≤ Array.MaxLength and the running product is checked in Shape
        int n = (int)numel;
        var dt = (DataType)t.DataType;
        if (t.HasRawData)
        {
            long expected = numel * dtype.ElementSize();
            if (t.RawData.Length != expected)
                throw new ModelFormatException($"onnx: {what}: raw_data holds {t.RawData.Length} bytes, but dims {Fmt(shape)} of {dt} need {expected}");
            ReadOnlySpan<byte> raw = t.RawData.Span;
            if (!BitConverter.IsLittleEndian) throw new NotSupportedException("onnx: big-endian machines are not supported");
            return dtype switch
            {
                DType.Float32 => Make(MemoryMarshal.Cast<byte, float>(raw).ToArray(), shape),
                DType.Float64 => Make(MemoryMarshal.Cast<byte, double>(raw).ToArray(), shape),
                DType.Float16 => Make(MemoryMarshal.Cast<byte, Half>(raw).ToArray(), shape),
                DType.BFloat16 => Make(MemoryMarshal.Cast<byte, BFloat16>(raw).ToArray(), shape),
                DType.Int64 => Make(MemoryMarshal.Cast<byte, long>(raw).ToArray(), shape),
                DType.Int32 => MakeInt32(MemoryMarshal.Cast<byte, int>(raw), shape),
                DType.UInt8 => Make(raw.ToArray(), shape),
                DType.Bool => Make(Bools(raw), shape),
                _ => throw new NotSupportedException($"onnx: {what}: dtype {dtype}"),
            };
        }
        switch (dtype)
        {
            case DType.Float32:
                Count(t.FloatData.Count, n, "float_data", what);
                return Make(t.FloatData.ToArray(), shape);
            case DType.Float64:
                Count(t.DoubleData.Count, n, "double_data", what);
                return Make(t.DoubleData.ToArray(), shape);
            case DType.Int64:
                Count(t.Int64Data.Count, n, "int64_data", what);
                return Make(t.Int64Data.ToArray(), shape);
            case DType.Int32:
                Count(t.Int32Data.Count, n, "int32_data", what);
                return MakeInt32(t.Int32Data.ToArray(), shape);
            case DType.UInt8:
            {
                Count(t.Int32Data.Count, n, "int32_data", what);
                var a = new byte[n];
                for (int i = 0; i < n; i++) a[i] = unchecked((byte)t.Int32Data[i]);
                return Make(a, shape);
            }
            case DType.Bool:
            {
                Count(t.Int32Data.Count, n, "int32_data", what);
                var a = new bool[n];
                for (int i = 0; i < n; i++) a[i] = t.Int32Data[i] != 0;
                return Make(a, shape);
            }
            case DType.Float16:
            {
                Count(t.Int32Data.Count, n, "int32_data", what);
                var a = new Half[n];
                for (int i = 0; i < n; i++) a[i] = BitConverter.UInt16BitsToHalf(unchecked((ushort)t.Int32Data[i]));
                return Make(a, shape);
            }
            case DType.BFloat16:
            {
                Count(t.Int32Data.Count, n, "int32_data", what);
                var a = new BFloat16[n];
                for (int i = 0; i < n; i++) a[i] = BFloat16.FromBits(unchecked((ushort)t.Int32Data[i]));
                return Make(a, shape);
            }
            default:
                throw new NotSupportedException($"onnx: {what}: dtype {dtype}");
        }
    }

    /// <summary>Checks dims (non-negative, the element count within a .NET array) and returns them as ints.</summary>
    public static int[] Shape(IReadOnlyList<long> dims, string what)
    {
        var shape = new int[dims.Count];
        long numel = 1;
        for (int i = 0; i < dims.Count; i++)
        {
            long d = dims[i];
            if (d < 0 || d > Array.MaxLength)
                throw new ModelFormatException($"onnx: {what} has an invalid dimension {d} in dims [{string.Join(", ", dims)}]");
            shape[i] = (int)d;
            if (numel != 0 && d != 0 && numel > Array.MaxLength / d)
                throw new ModelFormatException($"onnx: {what} has too many elements (dims [{string.Join(", ", dims)}])");
            numel *= d;
        }
        return shape;
    }

    private static void Count(int count, int numel, string field, string what)
    {
        if (count != numel)
            throw new ModelFormatException($"onnx: {what}: {field} holds {count} values, but its dims need {numel}");
    }

    private static bool[] Bools(ReadOnlySpan<byte> raw)
    {
        var a = new bool[raw.Length];
        for (int i = 0; i < raw.Length; i++) a[i] = raw[i] != 0;
        return a;
    }

    private static Tensor MakeInt32(ReadOnlySpan<int> values, int[] shape)
    {
        var wide = new long[values.Length];
        for (int i = 0; i < values.Length; i++) wide[i] = values[i];
        return Make(wide, shape).To(DType.Int32);
    }

    private static Tensor Make<T>(T[] data, int[] shape) where T : unmanaged =>
        shape.Length == 0 ? Torch.FromArray(data, 1).Reshape() : Torch.FromArray(data, shape);

    private static string Fmt(int[] shape) => "[" + string.Join(", ", shape) + "]";
}
