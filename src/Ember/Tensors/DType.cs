namespace Ember;

/// <summary>The element type of a <see cref="Tensor"/>, as PyTorch's <c>torch.dtype</c>.</summary>
public enum DType
{
    /// <summary>32-bit IEEE float (<c>torch.float32</c>), the default for floating-point tensors.</summary>
    Float32,
    /// <summary>64-bit IEEE float (<c>torch.float64</c>), used for gradient checking.</summary>
    Float64,
    /// <summary>64-bit signed integer (<c>torch.int64</c>), used for labels and indices.</summary>
    Int64,
    /// <summary>Boolean (<c>torch.bool</c>), the result of comparisons and the type of masks.</summary>
    Bool,
}

/// <summary>Facts about <see cref="DType"/> values.</summary>
public static class DTypeExtensions
{
    /// <summary>True for <see cref="DType.Float32"/> and <see cref="DType.Float64"/>.</summary>
    /// <param name="dtype">The element type.</param>
    public static bool IsFloatingPoint(this DType dtype) => dtype is DType.Float32 or DType.Float64;

    /// <summary>The size of one element in bytes.</summary>
    /// <param name="dtype">The element type.</param>
    public static int ElementSize(this DType dtype) => dtype switch
    {
        DType.Float32 => 4,
        DType.Float64 => 8,
        DType.Int64 => 8,
        DType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    /// <summary>PyTorch's name for the dtype, e.g. <c>torch.float32</c>.</summary>
    /// <param name="dtype">The element type.</param>
    public static string TorchName(this DType dtype) => dtype switch
    {
        DType.Float32 => "torch.float32",
        DType.Float64 => "torch.float64",
        DType.Int64 => "torch.int64",
        DType.Bool => "torch.bool",
        _ => dtype.ToString(),
    };

    /// <summary>
    /// The dtype of the result of a binary arithmetic op (PyTorch's type promotion):
    /// float64 &gt; float32 &gt; int64 &gt; bool.
    /// </summary>
    /// <param name="a">The first operand's dtype.</param>
    /// <param name="b">The second operand's dtype.</param>
    public static DType Promote(DType a, DType b)
    {
        if (a == DType.Float64 || b == DType.Float64) return DType.Float64;
        if (a == DType.Float32 || b == DType.Float32) return DType.Float32;
        if (a == DType.Int64 || b == DType.Int64) return DType.Int64;
        return DType.Bool;
    }

    internal static DType Of<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return DType.Float32;
        if (typeof(T) == typeof(double)) return DType.Float64;
        if (typeof(T) == typeof(long)) return DType.Int64;
        if (typeof(T) == typeof(bool)) return DType.Bool;
        throw new NotSupportedException($"no Ember dtype for {typeof(T).Name}");
    }
}
