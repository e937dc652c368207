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
    /// <summary>8-bit unsigned integer (<c>torch.uint8</c>), the type of raw image pixels.</summary>
    UInt8,
    /// <summary>32-bit signed integer (<c>torch.int32</c>).</summary>
    Int32,
    /// <summary>16-bit IEEE half-precision float (<c>torch.float16</c>, .NET's <see cref="System.Half"/>); computed in float32.</summary>
    Float16,
    /// <summary>16-bit brain float (<c>torch.bfloat16</c>, <see cref="Ember.BFloat16"/>): float32's range with 8 bits of precision; computed in float32.</summary>
    BFloat16,
}

/// <summary>Facts about <see cref="DType"/> values, and PyTorch's type promotion between them.</summary>
public static class DTypeExtensions
{
    /// <summary>Every dtype, in declaration order.</summary>
    public static IReadOnlyList<DType> All { get; } =
        [DType.Float32, DType.Float64, DType.Int64, DType.Bool, DType.UInt8, DType.Int32, DType.Float16, DType.BFloat16];

    /// <summary>True for the floating-point dtypes: float32, float64, float16 and bfloat16.</summary>
    /// <param name="dtype">The element type.</param>
    public static bool IsFloatingPoint(this DType dtype) => dtype is DType.Float32 or DType.Float64 or DType.Float16 or DType.BFloat16;

    /// <summary>True for the integer dtypes (uint8, int32, int64), and for bool when <paramref name="includeBool"/>.</summary>
    /// <param name="dtype">The element type.</param>
    /// <param name="includeBool">Whether bool counts as integral (default false), as in PyTorch's <c>isIntegralType(t, includeBool)</c>.</param>
    public static bool IsIntegral(this DType dtype, bool includeBool = false) =>
        dtype is DType.Int64 or DType.Int32 or DType.UInt8 || (includeBool && dtype == DType.Bool);

    /// <summary>True for the 16-bit floats (float16, bfloat16), which Ember stores compactly and computes in float32.</summary>
    internal static bool IsReducedFloat(this DType dtype) => dtype is DType.Float16 or DType.BFloat16;

    /// <summary>The size of one element in bytes.</summary>
    /// <param name="dtype">The element type.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined dtype.</exception>
    public static int ElementSize(this DType dtype) => dtype switch
    {
        DType.Float32 => 4,
        DType.Float64 => 8,
        DType.Int64 => 8,
        DType.Bool => 1,
        DType.UInt8 => 1,
        DType.Int32 => 4,
        DType.Float16 => 2,
        DType.BFloat16 => 2,
        _ => throw Undefined(dtype),
    };

    /// <summary>PyTorch's name for the dtype, e.g. <c>torch.float32</c>.</summary>
    /// <param name="dtype">The element type.</param>
    public static string TorchName(this DType dtype) => dtype switch
    {
        DType.Float32 => "torch.float32",
        DType.Float64 => "torch.float64",
        DType.Int64 => "torch.int64",
        DType.Bool => "torch.bool",
        DType.UInt8 => "torch.uint8",
        DType.Int32 => "torch.int32",
        DType.Float16 => "torch.float16",
        DType.BFloat16 => "torch.bfloat16",
        _ => $"DType({(int)dtype})",
    };

    /// <summary>PyTorch's C++ scalar-type name (<c>Float</c>, <c>Long</c>, <c>Byte</c>, …), as its error messages print it.</summary>
    /// <param name="dtype">The element type.</param>
    public static string ScalarTypeName(this DType dtype) => dtype switch
    {
        DType.Float32 => "Float",
        DType.Float64 => "Double",
        DType.Int64 => "Long",
        DType.Bool => "Bool",
        DType.UInt8 => "Byte",
        DType.Int32 => "Int",
        DType.Float16 => "Half",
        DType.BFloat16 => "BFloat16",
        _ => $"DType({(int)dtype})",
    };

    /// <summary>
    /// The smallest dtype that both dtypes convert to without losing their category (PyTorch's
    /// <c>torch.promote_types</c>): bool &lt; integers &lt; floats; within integers the wider wins
    /// (uint8 with int32 is int32); within floats the wider wins, and float16 with bfloat16 is float32.
    /// An integer with a float is the float, whatever their sizes.
    /// </summary>
    /// <param name="a">The first dtype.</param>
    /// <param name="b">The second dtype.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is not a defined dtype.</exception>
    public static DType Promote(DType a, DType b)
    {
        int ra = Rank(a.CheckDefined("promote_types")), rb = Rank(b.CheckDefined("promote_types"));
        if (a == b) return a;
        bool fa = a.IsFloatingPoint(), fb = b.IsFloatingPoint();
        if (fa && fb)
        {
            if (a == DType.Float64 || b == DType.Float64) return DType.Float64;
            // float32 with a 16-bit float is float32; float16 with bfloat16 is float32 too.
            return DType.Float32;
        }
        if (fa) return a;
        if (fb) return b;
        return ra >= rb ? a : b; // bool < uint8 < int32 < int64
    }

    // The order of the non-float dtypes by width (bool narrowest).
    private static int Rank(DType t) => t switch
    {
        DType.Bool => 0,
        DType.UInt8 => 1,
        DType.Int32 => 2,
        DType.Int64 => 3,
        DType.Float16 or DType.BFloat16 or DType.Float32 or DType.Float64 => 4,
        _ => throw Undefined(t),
    };

    /// <summary>
    /// Whether a result of dtype <paramref name="from"/> may be written into a tensor of dtype
    /// <paramref name="to"/> by an in-place op (PyTorch's <c>torch.can_cast</c>): a float never goes into
    /// an integer or bool tensor, and a non-bool never goes into a bool tensor.
    /// </summary>
    /// <param name="from">The dtype of the computed result.</param>
    /// <param name="to">The dtype of the destination.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is not a defined dtype.</exception>
    public static bool CanCast(DType from, DType to)
    {
        from.CheckDefined("can_cast");
        to.CheckDefined("can_cast");
        if (from.IsFloatingPoint() && !to.IsFloatingPoint()) return false;
        if (from != DType.Bool && to == DType.Bool) return false;
        return true;
    }

    /// <summary>The .NET element type that stores the dtype (<c>float</c>, <c>double</c>, <c>long</c>, <c>bool</c>, <c>byte</c>, <c>int</c>, <see cref="Half"/>, <see cref="Ember.BFloat16"/>).</summary>
    /// <param name="dtype">The element type.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined dtype.</exception>
    public static Type ElementType(this DType dtype) => dtype switch
    {
        DType.Float32 => typeof(float),
        DType.Float64 => typeof(double),
        DType.Int64 => typeof(long),
        DType.Bool => typeof(bool),
        DType.UInt8 => typeof(byte),
        DType.Int32 => typeof(int),
        DType.Float16 => typeof(Half),
        DType.BFloat16 => typeof(BFloat16),
        _ => throw Undefined(dtype),
    };

    /// <summary>The dtype stored as .NET type <typeparamref name="T"/>.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of the eight element types.</exception>
    internal static DType Of<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return DType.Float32;
        if (typeof(T) == typeof(double)) return DType.Float64;
        if (typeof(T) == typeof(long)) return DType.Int64;
        if (typeof(T) == typeof(bool)) return DType.Bool;
        if (typeof(T) == typeof(byte)) return DType.UInt8;
        if (typeof(T) == typeof(int)) return DType.Int32;
        if (typeof(T) == typeof(Half)) return DType.Float16;
        if (typeof(T) == typeof(BFloat16)) return DType.BFloat16;
        throw new NotSupportedException($"no Ember dtype is stored as {typeof(T).Name}; use float, double, long, bool, byte, int, Half or BFloat16");
    }

    /// <summary>True when <typeparamref name="T"/> is one of the eight element types.</summary>
    internal static bool IsElementType<T>() =>
        typeof(T) == typeof(float) || typeof(T) == typeof(double) || typeof(T) == typeof(long) || typeof(T) == typeof(bool)
        || typeof(T) == typeof(byte) || typeof(T) == typeof(int) || typeof(T) == typeof(Half) || typeof(T) == typeof(BFloat16);

    /// <summary>The error for a value of <see cref="DType"/> that names none of the eight dtypes (e.g. <c>(DType)42</c>).</summary>
    internal static ArgumentOutOfRangeException Undefined(DType dtype, string op = "dtype") =>
        new(nameof(dtype), (int)dtype, $"{op}: {(int)dtype} is not a defined DType; use one of {string.Join(", ", All)}");

    /// <summary>True for the eight dtypes, false for any other value of the enum.</summary>
    internal static bool IsDefined(this DType dtype) => (uint)dtype <= (uint)DType.BFloat16;

    /// <summary>Returns <paramref name="dtype"/> when it is one of the eight dtypes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is not, naming <paramref name="op"/>.</exception>
    internal static DType CheckDefined(this DType dtype, string op) => dtype.IsDefined() ? dtype : throw Undefined(dtype, op);
}
