using System.Numerics;
using System.Numerics.Tensors;
using Ember.Kernels;

namespace Ember;

// Vectorized elementwise bodies for the arithmetic ops, generic over float, double and long.

internal readonly struct AddOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Invoke(T a, T b) => a + b;
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Add(a, b, d);
    public static void Invoke(ReadOnlySpan<T> a, T b, Span<T> d) => TensorPrimitives.Add(a, b, d);
    public static void Invoke(T a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Add(b, a, d);
}

internal readonly struct SubOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Invoke(T a, T b) => a - b;
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Subtract(a, b, d);
    public static void Invoke(ReadOnlySpan<T> a, T b, Span<T> d) => TensorPrimitives.Subtract(a, b, d);
    public static void Invoke(T a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Subtract(a, b, d);
}

internal readonly struct MulOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Invoke(T a, T b) => a * b;
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Multiply(a, b, d);
    public static void Invoke(ReadOnlySpan<T> a, T b, Span<T> d) => TensorPrimitives.Multiply(a, b, d);
    public static void Invoke(T a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Multiply(b, a, d);
}

internal readonly struct DivOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Invoke(T a, T b) => a / b;
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Divide(a, b, d);
    public static void Invoke(ReadOnlySpan<T> a, T b, Span<T> d) => TensorPrimitives.Divide(a, b, d);
    public static void Invoke(T a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Divide(a, b, d);
}

/// <summary>Type promotion and dtype dispatch shared by the binary arithmetic ops.</summary>
internal static class Arithmetic
{
    /// <summary>Converts both operands to their promoted dtype (differentiably) and returns it.</summary>
    public static DType Promote(ref Tensor a, ref Tensor b, string op, bool floatResult = false)
    {
        var dt = DTypeExtensions.Promote(a.DType, b.DType);
        if (floatResult && !dt.IsFloatingPoint()) dt = DType.Float32;
        if (dt == DType.Bool)
            throw new ArgumentException($"{op}: arithmetic on two bool tensors is not supported; convert with To(DType.Int64) or To(DType.Float32) first");
        a = a.To(dt);
        b = b.To(dt);
        return dt;
    }

    /// <summary>A 0-d tensor for a scalar operand of <paramref name="tensor"/>, with PyTorch's promotion (a scalar never widens a float tensor).</summary>
    public static Tensor ScalarFor(Tensor tensor, double value)
    {
        var dt = tensor.DType;
        if (!dt.IsFloatingPoint()) dt = value == Math.Floor(value) ? DType.Int64 : DType.Float32;
        return Torch.Scalar(value, dt);
    }

    public static Tensor Run<TF, TD, TL>(Tensor a, Tensor b, DType dt, string op)
        where TF : IBinaryOp<float> where TD : IBinaryOp<double> where TL : IBinaryOp<long> => dt switch
    {
        DType.Float32 => Elementwise.Binary<TF, float>(a, b, op),
        DType.Float64 => Elementwise.Binary<TD, double>(a, b, op),
        _ => Elementwise.Binary<TL, long>(a, b, op),
    };

    public static void RunInto<TF, TD, TL>(Tensor a, Tensor b, Tensor y)
        where TF : IBinaryOp<float> where TD : IBinaryOp<double> where TL : IBinaryOp<long>
    {
        switch (y.DType)
        {
            case DType.Float32: Elementwise.BinaryInto<TF, float>(a, b, y); break;
            case DType.Float64: Elementwise.BinaryInto<TD, double>(a, b, y); break;
            default: Elementwise.BinaryInto<TL, long>(a, b, y); break;
        }
    }
}
