namespace Ember.Kernels;

/// <summary>
/// A computation written once for every element type: <see cref="Dispatch.Any{TF, TResult}"/> calls
/// <see cref="Invoke{T}"/> with the .NET type that stores a dtype (PyTorch's <c>AT_DISPATCH_ALL_TYPES</c>,
/// candle's <c>Map1</c>). Functors may be <c>ref struct</c>s holding spans.
/// </summary>
internal interface IElementFunc<out TResult>
{
    TResult Invoke<T>() where T : unmanaged;
}

/// <summary>
/// The one place where a dtype becomes an element type. Each op family has one entry here; an op is
/// written once (generic over the element type) and a dtype outside its family raises a
/// <see cref="NotSupportedException"/> naming the op and the dtype. The 16-bit floats are computed in
/// float32 and rounded back once per op, as PyTorch does on the CPU.
/// </summary>
internal static class Dispatch
{
    /// <summary>The error for a dtype an op does not support.</summary>
    public static NotSupportedException Unsupported(string op, DType dtype) =>
        new($"{op}: not implemented for dtype {dtype.TorchName()}");

    /// <summary>Runs <paramref name="f"/> with the element type that stores <paramref name="dtype"/> (all eight dtypes).</summary>
    public static TResult Any<TF, TResult>(DType dtype, ref TF f) where TF : struct, IElementFunc<TResult>, allows ref struct => dtype switch
    {
        DType.Float32 => f.Invoke<float>(),
        DType.Float64 => f.Invoke<double>(),
        DType.Int64 => f.Invoke<long>(),
        DType.Bool => f.Invoke<bool>(),
        DType.UInt8 => f.Invoke<byte>(),
        DType.Int32 => f.Invoke<int>(),
        DType.Float16 => f.Invoke<Half>(),
        DType.BFloat16 => f.Invoke<BFloat16>(),
        _ => throw DTypeExtensions.Undefined(dtype),
    };

    /// <summary>y = op(x) for a floating-point <paramref name="x"/> (callers promote integers first).</summary>
    public static Tensor FloatUnary<TOp>(Tensor x, string op) where TOp : IFloatUnaryOp => Torch.NotNull(x, "input").DType switch
    {
        DType.Float32 => Elementwise.Unary<FloatUnary<TOp, float>, float>(x),
        DType.Float64 => Elementwise.Unary<FloatUnary<TOp, double>, double>(x),
        DType.Float16 or DType.BFloat16 => FloatUnary<TOp>(x.Cast(DType.Float32), op).Cast(x.DType),
        _ => throw Unsupported(op, x.DType),
    };

    /// <summary>y = op(x) for every numeric dtype (bool is not numeric).</summary>
    public static Tensor NumericUnary<TOp>(Tensor x, string op) where TOp : INumericUnaryOp => Torch.NotNull(x, "input").DType switch
    {
        DType.Float32 => Elementwise.Unary<NumericUnary<TOp, float>, float>(x),
        DType.Float64 => Elementwise.Unary<NumericUnary<TOp, double>, double>(x),
        DType.Int64 => Elementwise.Unary<NumericUnary<TOp, long>, long>(x),
        DType.Int32 => Elementwise.Unary<NumericUnary<TOp, int>, int>(x),
        DType.UInt8 => Elementwise.Unary<NumericUnary<TOp, byte>, byte>(x),
        DType.Float16 or DType.BFloat16 => NumericUnary<TOp>(x.Cast(DType.Float32), op).Cast(x.DType),
        _ => throw Unsupported(op, x.DType),
    };

    /// <summary>op(a, b) with broadcasting, computed in <paramref name="dtype"/> (the operands are converted to it).</summary>
    public static Tensor NumericBinary<TOp>(Tensor a, Tensor b, DType dtype, string op) where TOp : INumericBinaryOp
    {
        a = a.Cast(dtype);
        b = b.Cast(dtype);
        return dtype switch
        {
            DType.Float32 => Elementwise.Binary<NumericBinary<TOp, float>, float>(a, b, op),
            DType.Float64 => Elementwise.Binary<NumericBinary<TOp, double>, double>(a, b, op),
            DType.Int64 => Elementwise.Binary<NumericBinary<TOp, long>, long>(a, b, op),
            DType.Int32 => Elementwise.Binary<NumericBinary<TOp, int>, int>(a, b, op),
            DType.UInt8 => Elementwise.Binary<NumericBinary<TOp, byte>, byte>(a, b, op),
            DType.Float16 or DType.BFloat16 => NumericBinary<TOp>(a, b, DType.Float32, op).Cast(dtype),
            _ => throw Unsupported(op, dtype),
        };
    }

    /// <summary>op(a, b) for floating-point <paramref name="dtype"/>, with broadcasting (the operands are converted to it).</summary>
    public static Tensor FloatBinary<TOp>(Tensor a, Tensor b, DType dtype, string op) where TOp : IFloatBinaryOp
    {
        a = a.Cast(dtype);
        b = b.Cast(dtype);
        return dtype switch
        {
            DType.Float32 => Elementwise.Binary<FloatBinary<TOp, float>, float>(a, b, op),
            DType.Float64 => Elementwise.Binary<FloatBinary<TOp, double>, double>(a, b, op),
            DType.Float16 or DType.BFloat16 => FloatBinary<TOp>(a, b, DType.Float32, op).Cast(dtype),
            _ => throw Unsupported(op, dtype),
        };
    }

    /// <summary>
    /// y = op(a, b) written into <paramref name="y"/> (which may alias <paramref name="a"/>): computed in
    /// <paramref name="dtype"/>, then stored in y's dtype (the caller has checked that the cast is allowed).
    /// </summary>
    public static void NumericBinaryInto<TOp>(Tensor a, Tensor b, Tensor y, DType dtype, string op) where TOp : INumericBinaryOp
    {
        if (dtype != y.DType || dtype.IsReducedFloat())
        {
            Elementwise.CopyInto(NumericBinary<TOp>(a, b, dtype, op), y);
            return;
        }
        a = a.Cast(dtype);
        b = b.Cast(dtype);
        switch (dtype)
        {
            case DType.Float32: Elementwise.BinaryInto<NumericBinary<TOp, float>, float>(a, b, y); break;
            case DType.Float64: Elementwise.BinaryInto<NumericBinary<TOp, double>, double>(a, b, y); break;
            case DType.Int64: Elementwise.BinaryInto<NumericBinary<TOp, long>, long>(a, b, y); break;
            case DType.Int32: Elementwise.BinaryInto<NumericBinary<TOp, int>, int>(a, b, y); break;
            case DType.UInt8: Elementwise.BinaryInto<NumericBinary<TOp, byte>, byte>(a, b, y); break;
            default: throw Unsupported(op, dtype);
        }
    }

    /// <summary>The floating-point twin of <see cref="NumericBinaryInto{TOp}"/>.</summary>
    public static void FloatBinaryInto<TOp>(Tensor a, Tensor b, Tensor y, DType dtype, string op) where TOp : IFloatBinaryOp
    {
        if (dtype != y.DType || dtype.IsReducedFloat())
        {
            Elementwise.CopyInto(FloatBinary<TOp>(a, b, dtype, op), y);
            return;
        }
        a = a.Cast(dtype);
        b = b.Cast(dtype);
        switch (dtype)
        {
            case DType.Float32: Elementwise.BinaryInto<FloatBinary<TOp, float>, float>(a, b, y); break;
            case DType.Float64: Elementwise.BinaryInto<FloatBinary<TOp, double>, double>(a, b, y); break;
            default: throw Unsupported(op, dtype);
        }
    }

    /// <summary>
    /// bool y = pred(a, b) with broadcasting, compared in <paramref name="dtype"/> (the promoted dtype of the
    /// operands; bools compare as 0/1 and 16-bit floats exactly as float32).
    /// </summary>
    public static Tensor Compare<TPred>(Tensor a, Tensor b, DType dtype, string op) where TPred : INumericPredicate
    {
        if (dtype == DType.Bool) dtype = DType.UInt8;
        else if (dtype.IsReducedFloat()) dtype = DType.Float32;
        a = a.Cast(dtype);
        b = b.Cast(dtype);
        return dtype switch
        {
            DType.Float32 => Elementwise.Compare<NumericPredicate<TPred, float>, float>(a, b, op),
            DType.Float64 => Elementwise.Compare<NumericPredicate<TPred, double>, double>(a, b, op),
            DType.Int64 => Elementwise.Compare<NumericPredicate<TPred, long>, long>(a, b, op),
            DType.Int32 => Elementwise.Compare<NumericPredicate<TPred, int>, int>(a, b, op),
            DType.UInt8 => Elementwise.Compare<NumericPredicate<TPred, byte>, byte>(a, b, op),
            _ => throw Unsupported(op, dtype),
        };
    }
}
