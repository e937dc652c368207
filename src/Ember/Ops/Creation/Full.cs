using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>A tensor of zeros of the default float dtype (PyTorch's <c>torch.zeros(2, 3)</c>).</summary>
    /// <param name="shape">The sizes of the dimensions; none for a 0-d tensor.</param>
    /// <exception cref="ArgumentException">A size is negative, or the shape has more than <see cref="Tensor.MaxNumel"/> elements.</exception>
    public static Tensor Zeros(params ReadOnlySpan<int> shape) => Zeros(new Size(shape));

    /// <summary>A tensor of zeros of the given shape and dtype (PyTorch's <c>torch.zeros(shape, dtype=…)</c>).</summary>
    /// <param name="shape">The shape, e.g. <c>[2, 3]</c> or another tensor's <see cref="Tensor.Shape"/>.</param>
    /// <param name="dtype">The element type (default: <see cref="GetDefaultDType"/>).</param>
    /// <param name="requiresGrad">Whether autograd tracks the new leaf (default false).</param>
    /// <exception cref="ArgumentException">A size is negative, or the shape has more than <see cref="Tensor.MaxNumel"/> elements.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="requiresGrad"/> with a non-float dtype.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined dtype.</exception>
    public static Tensor Zeros(Size shape, DType? dtype = null, bool requiresGrad = false)
    {
        var t = Tensor.Empty(CheckShape(shape, "zeros"), (dtype ?? GetDefaultDType()).CheckDefined("zeros"), zero: true, "zeros");
        return requiresGrad ? t.RequiresGrad_() : t;
    }

    /// <summary>A tensor of ones of the default float dtype (PyTorch's <c>torch.ones(2, 3)</c>).</summary>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <exception cref="ArgumentException">A size is negative, or the shape has more than <see cref="Tensor.MaxNumel"/> elements.</exception>
    public static Tensor Ones(params ReadOnlySpan<int> shape) => Ones(new Size(shape));

    /// <summary>A tensor of ones of the given shape and dtype.</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="dtype">The element type (default: <see cref="GetDefaultDType"/>).</param>
    /// <param name="requiresGrad">Whether autograd tracks the new leaf (default false).</param>
    /// <exception cref="ArgumentException">A size is negative, or the shape has more than <see cref="Tensor.MaxNumel"/> elements.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined dtype.</exception>
    /// <exception cref="InvalidOperationException">Gradients are asked of a tensor that is not floating point.</exception>
    public static Tensor Ones(Size shape, DType? dtype = null, bool requiresGrad = false) =>
        Full(CheckShape(shape, "ones"), 1L, dtype ?? GetDefaultDType(), requiresGrad);

    /// <summary>
    /// A tensor filled with the C# double <paramref name="value"/> (PyTorch's <c>torch.full(shape, 2.5)</c>):
    /// the default float dtype unless <paramref name="dtype"/> is given.
    /// </summary>
    /// <param name="shape">The shape.</param>
    /// <param name="value">The fill value; it must fit the dtype.</param>
    /// <param name="dtype">The element type (default: <see cref="GetDefaultDType"/>).</param>
    /// <param name="requiresGrad">Whether autograd tracks the new leaf (default false).</param>
    /// <exception cref="ArgumentException">A size is negative, or the shape has more than <see cref="Tensor.MaxNumel"/> elements.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit the dtype (NaN or 1e20 into int64, 1e300 into float32), as PyTorch's "value cannot be converted … without overflow".</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined dtype.</exception>
    /// <exception cref="InvalidOperationException">Gradients are asked of a tensor that is not floating point.</exception>
    public static Tensor Full(Size shape, double value, DType? dtype = null, bool requiresGrad = false)
    {
        var dt = (dtype ?? GetDefaultDType()).CheckDefined("full");
        Kernels.Convert.CheckFits(value, dt, "full");
        var t = Tensor.Empty(CheckShape(shape, "full"), dt, op: "full");
        CreationKernels.Fill(t, value);
        return requiresGrad ? t.RequiresGrad_() : t;
    }

    /// <summary>A tensor filled with the C# integer <paramref name="value"/>: int64 unless <paramref name="dtype"/> is given (PyTorch's <c>torch.full(shape, 3)</c>).</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="value">The fill value; it must fit the dtype (−1 fits uint8 as 255, as in PyTorch).</param>
    /// <param name="dtype">The element type (default int64).</param>
    /// <param name="requiresGrad">Whether autograd tracks the new leaf (default false; needs a float dtype).</param>
    /// <exception cref="ArgumentException">A size is negative, or the shape has more than <see cref="Tensor.MaxNumel"/> elements.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit the dtype.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined dtype.</exception>
    /// <exception cref="InvalidOperationException">Gradients are asked of a tensor that is not floating point.</exception>
    public static Tensor Full(Size shape, long value, DType? dtype = null, bool requiresGrad = false)
    {
        var dt = (dtype ?? DType.Int64).CheckDefined("full");
        Kernels.Convert.CheckFits(value, dt, "full");
        var t = Tensor.Empty(CheckShape(shape, "full"), dt, op: "full");
        CreationKernels.Fill(t, value);
        return requiresGrad ? t.RequiresGrad_() : t;
    }

    /// <summary>A tensor filled with the C# bool <paramref name="value"/>: bool unless <paramref name="dtype"/> is given.</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="value">The fill value.</param>
    /// <param name="dtype">The element type (default bool).</param>
    /// <exception cref="ArgumentException">A size is negative, or the shape has more than <see cref="Tensor.MaxNumel"/> elements.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined dtype.</exception>
    public static Tensor Full(Size shape, bool value, DType? dtype = null) => Full(shape, value ? 1L : 0L, dtype ?? DType.Bool);

    /// <summary>A tensor with uninitialized contents (PyTorch's <c>torch.empty</c>); write before reading.</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="dtype">The element type (default: <see cref="GetDefaultDType"/>).</param>
    /// <exception cref="ArgumentException">A size is negative, or the shape has more than <see cref="Tensor.MaxNumel"/> elements.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined dtype.</exception>
    public static Tensor Empty(Size shape, DType? dtype = null) => Tensor.Empty(CheckShape(shape, "empty"), (dtype ?? GetDefaultDType()).CheckDefined("empty"), op: "empty");

    /// <summary>A 0-d tensor holding the C# double <paramref name="value"/> (PyTorch's <c>torch.tensor(3.0)</c>), of the default float dtype.</summary>
    /// <param name="value">The value; it must fit the dtype.</param>
    /// <param name="dtype">The element type (default: <see cref="GetDefaultDType"/>).</param>
    /// <param name="requiresGrad">Whether autograd tracks the new leaf (default false).</param>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit the dtype.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined dtype.</exception>
    /// <exception cref="InvalidOperationException">Gradients are asked of a tensor that is not floating point.</exception>
    public static Tensor Scalar(double value, DType? dtype = null, bool requiresGrad = false) =>
        Full(new Size(), value, dtype, requiresGrad);

    /// <summary>A 0-d tensor holding the C# integer <paramref name="value"/>, int64 unless <paramref name="dtype"/> is given (PyTorch's <c>torch.tensor(3)</c>).</summary>
    /// <param name="value">The value.</param>
    /// <param name="dtype">The element type (default int64).</param>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit the dtype.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined dtype.</exception>
    public static Tensor Scalar(long value, DType? dtype = null) => Full(new Size(), value, dtype);

    /// <summary>A 0-d bool tensor holding <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    public static Tensor Scalar(bool value) => Full(new Size(), value);

    /// <summary>Zeros with the shape and dtype of <paramref name="like"/> (PyTorch's <c>torch.zeros_like</c>).</summary>
    /// <param name="like">The tensor whose shape and dtype to use.</param>
    /// <param name="dtype">Overrides the dtype when given.</param>
    /// <exception cref="ArgumentNullException"><paramref name="like"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined dtype.</exception>
    public static Tensor ZerosLike(Tensor like, DType? dtype = null) => Zeros(NotNull(like).Shape, dtype ?? like.DType);

    /// <summary>Ones with the shape and dtype of <paramref name="like"/>.</summary>
    /// <param name="like">The tensor whose shape and dtype to use.</param>
    /// <param name="dtype">Overrides the dtype when given.</param>
    /// <exception cref="ArgumentNullException"><paramref name="like"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined dtype.</exception>
    public static Tensor OnesLike(Tensor like, DType? dtype = null) => Full(NotNull(like).Shape, 1L, dtype ?? like.DType);

    /// <summary>The C# double <paramref name="value"/> with the shape and dtype of <paramref name="like"/>.</summary>
    /// <param name="like">The tensor whose shape and dtype to use.</param>
    /// <param name="value">The fill value; it must fit the dtype.</param>
    /// <param name="dtype">Overrides the dtype when given.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit the dtype.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="like"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined dtype.</exception>
    public static Tensor FullLike(Tensor like, double value, DType? dtype = null) => Full(NotNull(like).Shape, value, dtype ?? like.DType);

    /// <summary>The C# integer <paramref name="value"/> with the shape and dtype of <paramref name="like"/>.</summary>
    /// <param name="like">The tensor whose shape and dtype to use.</param>
    /// <param name="value">The fill value; it must fit the dtype.</param>
    /// <param name="dtype">Overrides the dtype when given.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit the dtype.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="like"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined dtype.</exception>
    public static Tensor FullLike(Tensor like, long value, DType? dtype = null) => Full(NotNull(like).Shape, value, dtype ?? like.DType);

    /// <summary>An uninitialized tensor with the shape and dtype of <paramref name="like"/>.</summary>
    /// <param name="like">The tensor whose shape and dtype to use.</param>
    /// <param name="dtype">Overrides the dtype when given.</param>
    /// <exception cref="ArgumentNullException"><paramref name="like"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined dtype.</exception>
    public static Tensor EmptyLike(Tensor like, DType? dtype = null) => Tensor.Empty(NotNull(like).ShapeArray.ToArray(), (dtype ?? like.DType).CheckDefined("empty_like"), op: "empty_like");

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
