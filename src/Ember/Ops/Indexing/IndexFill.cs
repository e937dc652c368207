using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// A copy of <paramref name="input"/> with the entries at <paramref name="index"/> along
    /// <paramref name="dim"/> set to <paramref name="value"/> (PyTorch's <c>torch.index_fill</c>). Negative
    /// indices count from the end, as in PyTorch. Differentiable: the gradient has the filled entries zeroed.
    /// </summary>
    /// <param name="input">The tensor to copy and fill.</param>
    /// <param name="dim">The dimension to index.</param>
    /// <param name="index">A vector of int64 indices in [-input.Size(dim), input.Size(dim)).</param>
    /// <param name="value">The fill value, converted to the input's dtype.</param>
    /// <exception cref="ArgumentException">The index is not an int64 vector.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> does not fit the dtype (PyTorch's "value cannot be converted … without overflow").</exception>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="index"/> is null.</exception>
    public static Tensor IndexFill(Tensor input, int dim, Tensor index, double value) => IndexFillScalar(input, dim, index, Tensor.Wrap(value));

    /// <summary>
    /// <see cref="IndexFill(Tensor, int, Tensor, double)"/> with an integer value (PyTorch's Python int: a negative
    /// value wraps into uint8 when its magnitude fits, as −1 gives 255).
    /// </summary>
    /// <param name="input">The tensor to copy and fill.</param>
    /// <param name="dim">The dimension to index.</param>
    /// <param name="index">A vector of int64 indices in [-input.Size(dim), input.Size(dim)).</param>
    /// <param name="value">The fill value, converted to the input's dtype.</param>
    /// <exception cref="ArgumentException">The index is not an int64 vector.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> does not fit the dtype.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="index"/> is null.</exception>
    public static Tensor IndexFill(Tensor input, int dim, Tensor index, long value) => IndexFillScalar(input, dim, index, Tensor.Wrap(value));

    /// <summary>index_fill with a wrapped C# number (checked against the input's dtype, then converted).</summary>
    internal static Tensor IndexFillScalar(Tensor input, int dim, Tensor index, Tensor wrappedValue)
    {
        var (d, wrapped) = CheckIndexFill(input, dim, index, "index_fill");
        var value = Arithmetic.CheckedScalar(wrappedValue, input.DType, "index_fill");
        var y = Tensor.Empty(input.ShapeArray.ToArray(), input.DType);
        Elementwise.CopyInto(input, y);
        IndexingHelpers.ScatterAlongDim(y, d, wrapped, value, accumulate: false, "index_fill");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new IndexFillBackward(d, wrapped), input);
        return y;
    }

    internal static (int Dim, Tensor Wrapped) CheckIndexFill(Tensor self, int dim, Tensor index, string op)
    {
        ArgumentNullException.ThrowIfNull(self);
        IndexingHelpers.CheckIndexDType(index, op);
        IndexingHelpers.CheckVector(index, op);
        int d = Tensor.NormalizeDim(dim, self.Dim, op);
        return (d, IndexKernels.Wrapped(index, IndexingHelpers.SizeAt(self, d), d, op));
    }

    private sealed class IndexFillBackward(int dim, Tensor index) : Node
    {
        // index is a private wrapped copy, never modified.
        protected internal override Tensor?[] Backward(Tensor grad) => [grad.IndexFill(dim, index, 0.0)];
    }
}

public partial class Tensor
{
    /// <summary>Sets the entries at <paramref name="index"/> along <paramref name="dim"/> to <paramref name="value"/> in a copy (see <see cref="Torch.IndexFill(Tensor, int, Tensor, double)"/>).</summary>
    /// <param name="dim">The dimension to index.</param>
    /// <param name="index">A vector of int64 indices.</param>
    /// <param name="value">The fill value.</param>
    /// <exception cref="ArgumentException">The index is not an int64 vector, or the shapes or dtypes do not fit.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    public Tensor IndexFill(int dim, Tensor index, double value) => Torch.IndexFill(this, dim, index, value);

    /// <summary>Sets the entries at <paramref name="index"/> along <paramref name="dim"/> to the integer <paramref name="value"/> in a copy (see <see cref="Torch.IndexFill(Tensor, int, Tensor, long)"/>).</summary>
    /// <param name="dim">The dimension to index.</param>
    /// <param name="index">A vector of int64 indices.</param>
    /// <param name="value">The fill value.</param>
    /// <exception cref="ArgumentException">The index is not an int64 vector, or the shapes or dtypes do not fit.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    public Tensor IndexFill(int dim, Tensor index, long value) => Torch.IndexFill(this, dim, index, value);

    /// <summary>
    /// In-place <see cref="IndexFill(int, Tensor, double)"/> (PyTorch's <c>x.index_fill_(dim, index, value)</c>); returns this tensor.
    /// Follows the in-place rules (no leaf that requires grad, no view of one; bumps the version).
    /// </summary>
    /// <param name="dim">The dimension to index.</param>
    /// <param name="index">A vector of int64 indices.</param>
    /// <param name="value">The fill value.</param>
    /// <exception cref="InvalidOperationException">The write would bypass autograd.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> does not fit the dtype.</exception>
    /// <exception cref="ArgumentException">The index is not an int64 vector, or the shapes or dtypes do not fit.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    public Tensor IndexFill_(int dim, Tensor index, double value) => IndexFill_(dim, index, Wrap(value));

    /// <summary>In-place <see cref="IndexFill(int, Tensor, long)"/>; returns this tensor.</summary>
    /// <param name="dim">The dimension to index.</param>
    /// <param name="index">A vector of int64 indices.</param>
    /// <param name="value">The fill value.</param>
    /// <exception cref="InvalidOperationException">The write would bypass autograd.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> does not fit the dtype.</exception>
    /// <exception cref="ArgumentException">The index is not an int64 vector, or the shapes or dtypes do not fit.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    public Tensor IndexFill_(int dim, Tensor index, long value) => IndexFill_(dim, index, Wrap(value));

    private Tensor IndexFill_(int dim, Tensor index, Tensor wrappedValue)
    {
        var (d, wrapped) = Torch.CheckIndexFill(this, dim, index, "index_fill_");
        var value = Arithmetic.CheckedScalar(wrappedValue, DType, "index_fill_");
        return IndexInPlace("index_fill_", null, t => Torch.IndexFillScalar(t, d, wrapped, value),
            t => IndexingHelpers.ScatterAlongDim(t, d, wrapped, value, accumulate: false, "index_fill_"));
    }
}
