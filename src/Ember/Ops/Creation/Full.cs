using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>A tensor of zeros (PyTorch's <c>torch.zeros</c>), float32.</summary>
    /// <param name="shape">The sizes of the dimensions; none for a 0-d tensor.</param>
    /// <exception cref="ArgumentException">A size is negative.</exception>
    public static Tensor Zeros(params int[] shape) => Zeros(new Size(shape));

    /// <summary>A tensor of zeros of the given shape and dtype.</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="dtype">The element type (default float32).</param>
    /// <param name="requiresGrad">Whether autograd tracks the new leaf (default false).</param>
    /// <exception cref="ArgumentException">A size is negative.</exception>
    public static Tensor Zeros(Size shape, DType dtype = DType.Float32, bool requiresGrad = false)
    {
        var t = Tensor.Empty(CheckShape(shape, "zeros"), dtype, zero: true);
        return requiresGrad ? t.RequiresGrad_() : t;
    }

    /// <summary>A tensor of ones (PyTorch's <c>torch.ones</c>), float32.</summary>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <exception cref="ArgumentException">A size is negative.</exception>
    public static Tensor Ones(params int[] shape) => Ones(new Size(shape));

    /// <summary>A tensor of ones of the given shape and dtype.</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="dtype">The element type (default float32).</param>
    /// <param name="requiresGrad">Whether autograd tracks the new leaf (default false).</param>
    public static Tensor Ones(Size shape, DType dtype = DType.Float32, bool requiresGrad = false) =>
        Full(CheckShape(shape, "ones"), 1.0, dtype, requiresGrad);

    /// <summary>A tensor filled with <paramref name="value"/> (PyTorch's <c>torch.full</c>).</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="value">The fill value, converted to <paramref name="dtype"/>.</param>
    /// <param name="dtype">The element type (default float32).</param>
    /// <param name="requiresGrad">Whether autograd tracks the new leaf (default false).</param>
    /// <exception cref="ArgumentException">A size is negative.</exception>
    public static Tensor Full(Size shape, double value, DType dtype = DType.Float32, bool requiresGrad = false)
    {
        var t = Tensor.Empty(CheckShape(shape, "full"), dtype);
        FillWith(t, value);
        return requiresGrad ? t.RequiresGrad_() : t;
    }

    /// <summary>A tensor with uninitialized contents (PyTorch's <c>torch.empty</c>); write before reading.</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="dtype">The element type (default float32).</param>
    public static Tensor Empty(Size shape, DType dtype = DType.Float32) => Tensor.Empty(CheckShape(shape, "empty"), dtype);

    /// <summary>A 0-d tensor holding <paramref name="value"/> (PyTorch's <c>torch.tensor(3.0)</c>).</summary>
    /// <param name="value">The value.</param>
    /// <param name="dtype">The element type (default float32).</param>
    /// <param name="requiresGrad">Whether autograd tracks the new leaf (default false).</param>
    public static Tensor Scalar(double value, DType dtype = DType.Float32, bool requiresGrad = false) =>
        Full(new Size(), value, dtype, requiresGrad);

    /// <summary>A 0-d int64 tensor holding <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    public static Tensor Scalar(long value) => Full(new Size(), value, DType.Int64);

    /// <summary>A 0-d bool tensor holding <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    public static Tensor Scalar(bool value) => Full(new Size(), value ? 1 : 0, DType.Bool);

    /// <summary>Zeros with the shape and dtype of <paramref name="like"/> (PyTorch's <c>torch.zeros_like</c>).</summary>
    /// <param name="like">The tensor whose shape and dtype to use.</param>
    /// <param name="dtype">Overrides the dtype when given.</param>
    public static Tensor ZerosLike(Tensor like, DType? dtype = null) => Zeros(like.Shape.ToArray(), dtype ?? like.DType);

    /// <summary>Ones with the shape and dtype of <paramref name="like"/>.</summary>
    /// <param name="like">The tensor whose shape and dtype to use.</param>
    /// <param name="dtype">Overrides the dtype when given.</param>
    public static Tensor OnesLike(Tensor like, DType? dtype = null) => Full(like.Shape.ToArray(), 1.0, dtype ?? like.DType);

    /// <summary><paramref name="value"/> with the shape and dtype of <paramref name="like"/>.</summary>
    /// <param name="like">The tensor whose shape and dtype to use.</param>
    /// <param name="value">The fill value.</param>
    /// <param name="dtype">Overrides the dtype when given.</param>
    public static Tensor FullLike(Tensor like, double value, DType? dtype = null) => Full(like.Shape.ToArray(), value, dtype ?? like.DType);

    /// <summary>An uninitialized tensor with the shape and dtype of <paramref name="like"/>.</summary>
    /// <param name="like">The tensor whose shape and dtype to use.</param>
    /// <param name="dtype">Overrides the dtype when given.</param>
    public static Tensor EmptyLike(Tensor like, DType? dtype = null) => Tensor.Empty(like.ShapeArray.ToArray(), dtype ?? like.DType);

    internal static void FillWith(Tensor t, double value)
    {
        switch (t.DType)
        {
            case DType.Float32: Elementwise.Fill(t, (float)value); break;
            case DType.Float64: Elementwise.Fill(t, value); break;
            case DType.Int64: Elementwise.Fill(t, (long)value); break;
            default: Elementwise.Fill(t, value != 0); break;
        }
    }

    internal static int[] CheckShape(Size shape, string op)
    {
        var dims = shape.ToArray();
        foreach (var d in dims)
            if (d < 0)
                throw new ArgumentException($"{op}: trying to create tensor with negative dimension {d}: {shape}", nameof(shape));
        Tensor.NumelOf(dims, op);
        return dims;
    }
}
