namespace Ember.Serialization.Pickle;

/// <summary>A <c>torch.*Storage</c> class named by a pickle: the element type of the bytes in the file and the Ember dtype they load as.</summary>
/// <param name="Name">The class's name, e.g. <c>FloatStorage</c>.</param>
/// <param name="ElementSize">Bytes per element in the file.</param>
/// <param name="DType">The Ember dtype the storage loads as (int8 and int16 widen to int32).</param>
internal sealed record StorageType(string Name, int ElementSize, DType DType);

/// <summary>A global that the restricted unpickler may call (a tensor rebuild function, OrderedDict, Parameter, torch.Size).</summary>
/// <param name="FullName">The dotted name, e.g. <c>torch._utils._rebuild_tensor_v2</c>.</param>
internal sealed record PickleCallable(string FullName);

/// <summary>A storage loaded from <c>data/&lt;key&gt;</c>: shared by every tensor whose persistent id names the key.</summary>
internal sealed record LoadedStorage(string Key, StorageType Type, Storage Storage);

/// <summary>What PyTorch 1.13's <c>torch.load(weights_only=True)</c> allows, and which of it Ember can represent.</summary>
internal static class TorchTypes
{
    /// <summary>The storage classes Ember reads, by pickled name (<c>torch.FloatStorage</c>).</summary>
    public static readonly IReadOnlyDictionary<string, StorageType> Storages = new Dictionary<string, StorageType>
    {
        ["torch.FloatStorage"] = new("FloatStorage", 4, DType.Float32),
        ["torch.DoubleStorage"] = new("DoubleStorage", 8, DType.Float64),
        ["torch.HalfStorage"] = new("HalfStorage", 2, DType.Float16),
        ["torch.BFloat16Storage"] = new("BFloat16Storage", 2, DType.BFloat16),
        ["torch.LongStorage"] = new("LongStorage", 8, DType.Int64),
        ["torch.IntStorage"] = new("IntStorage", 4, DType.Int32),
        ["torch.ShortStorage"] = new("ShortStorage", 2, DType.Int32),
        ["torch.CharStorage"] = new("CharStorage", 1, DType.Int32),
        ["torch.ByteStorage"] = new("ByteStorage", 1, DType.UInt8),
        ["torch.BoolStorage"] = new("BoolStorage", 1, DType.Bool),
    };

    /// <summary>The storage class Ember writes for a dtype.</summary>
    public static string StorageName(DType dtype) => dtype switch
    {
        DType.Float32 => "FloatStorage",
        DType.Float64 => "DoubleStorage",
        DType.Float16 => "HalfStorage",
        DType.BFloat16 => "BFloat16Storage",
        DType.Int64 => "LongStorage",
        DType.Int32 => "IntStorage",
        DType.UInt8 => "ByteStorage",
        DType.Bool => "BoolStorage",
        _ => throw DTypeExtensions.Undefined(dtype, "save"),
    };

    /// <summary>The callables Ember implements (all allowed by torch 1.13's weights-only unpickler).</summary>
    public static readonly IReadOnlySet<string> Callables = new HashSet<string>(StringComparer.Ordinal)
    {
        "collections.OrderedDict",
        "torch._utils._rebuild_tensor_v2",
        "torch._utils._rebuild_tensor",
        "torch._utils._rebuild_parameter",
        "torch.nn.parameter.Parameter",
        "torch.Size",
    };

    /// <summary>The dtype objects Ember maps to <see cref="Ember.DType"/> (torch 1.13 allows these and the complex dtypes).</summary>
    public static readonly IReadOnlyDictionary<string, DType> DTypes = new Dictionary<string, DType>
    {
        ["torch.float16"] = DType.Float16,
        ["torch.float32"] = DType.Float32,
        ["torch.float64"] = DType.Float64,
        ["torch.int32"] = DType.Int32,
        ["torch.int64"] = DType.Int64,
    };

    private static readonly string[] Kinds = ["BFloat16", "Bool", "Byte", "Char", "Double", "Float", "Half", "Int", "Long", "Short"];

    /// <summary>
    /// Whether torch 1.13's <c>_weights_only_unpickler._get_allowed_globals()</c> lists <paramref name="fullName"/> (it
    /// then is allowed but may be unsupported by Ember): OrderedDict, Parameter, <c>torch.serialization._get_layout</c>,
    /// <c>torch.Size</c>, <c>torch.Tensor</c>, ten dtypes, the tensor and storage classes (CPU, CUDA, sparse, complex,
    /// quantized, typed/untyped) and six <c>torch._utils._rebuild_*</c> functions.
    /// </summary>
    public static bool AllowedByTorch(string fullName)
    {
        if (Callables.Contains(fullName) || Storages.ContainsKey(fullName) || DTypes.ContainsKey(fullName)) return true;
        switch (fullName)
        {
            case "torch.serialization._get_layout":
            case "torch.Tensor":
            case "torch.complex32": case "torch.complex64": case "torch.complex128":
            case "torch.int8": case "torch.int16":
            case "torch._utils._rebuild_sparse_tensor":
            case "torch._utils._rebuild_meta_tensor_no_storage":
            case "torch._utils._rebuild_sparse_csr_tensor":
            case "torch.storage.TypedStorage": case "torch.storage.UntypedStorage":
            case "torch.ComplexDoubleStorage": case "torch.ComplexFloatStorage":
            case "torch.QInt32Storage": case "torch.QInt8Storage": case "torch.QUInt2x4Storage":
            case "torch.QUInt4x2Storage": case "torch.QUInt8Storage":
            case "torch.cuda.ComplexDoubleStorage": case "torch.cuda.ComplexFloatStorage":
                return true;
        }
        foreach (string k in Kinds)
        {
            if (fullName == $"torch.{k}Tensor" || fullName == $"torch.cuda.{k}Tensor" || fullName == $"torch.cuda.{k}Storage") return true;
            if (k != "Bool" && (fullName == $"torch.sparse.{k}Tensor" || fullName == $"torch.cuda.sparse.{k}Tensor")) return true;
        }
        return false;
    }
}
