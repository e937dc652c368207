using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// A copy of <paramref name="input"/> with the values of <paramref name="src"/> written at the positions
    /// given by <paramref name="index"/> along <paramref name="dim"/> (PyTorch's <c>torch.scatter</c>): for a
    /// 3-D tensor with dim = 0, <c>out[index[i][j][k]][j][k] = src[i][j][k]</c>. Where an index repeats, the
    /// last write wins. Differentiable: the input's gradient is the output's with the written positions
    /// zeroed; the source's is the output's gathered at <paramref name="index"/>.
    /// </summary>
    /// <param name="input">The tensor to copy and write into.</param>
    /// <param name="dim">The axis along which to index.</param>
    /// <param name="index">int64 indices with the same number of dimensions as <paramref name="input"/>;
    /// <c>index.Size(d) &lt;= src.Size(d)</c> for all d and <c>&lt;= input.Size(d)</c> for d != dim; values in [0, input.Size(dim)).</param>
    /// <param name="src">The values to write; same dtype and number of dimensions as <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The index is not int64, the dtypes differ, or the shapes do not fit.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    public static Tensor Scatter(Tensor input, int dim, Tensor index, Tensor src)
    {
        int d = CheckScatter(input, dim, index, src, "scatter");
        var y = Tensor.Empty(input.ShapeArray.ToArray(), input.DType);
        Elementwise.CopyInto(input, y);
        ScatterInto(y, d, index, src, accumulate: false, "scatter");
        if (Graph.NeedsGrad(input, src))
            Graph.Record(y, new ScatterBackward(d, index, src.ShapeArray), input, src);
        return y;
    }

    /// <summary>
    /// A copy of <paramref name="input"/> with <paramref name="value"/> written at the positions given by
    /// <paramref name="index"/> along <paramref name="dim"/> (PyTorch's <c>torch.scatter(input, dim, index, value)</c>).
    /// </summary>
    /// <param name="input">The tensor to copy and write into.</param>
    /// <param name="dim">The axis along which to index.</param>
    /// <param name="index">int64 indices with the same number of dimensions as <paramref name="input"/>; values in [0, input.Size(dim)).</param>
    /// <param name="value">The value to write, converted to the input's dtype.</param>
    /// <exception cref="ArgumentException">The index is not int64 or its shape does not fit.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> does not fit the dtype (PyTorch's "value cannot be converted … without overflow").</exception>
    public static Tensor Scatter(Tensor input, int dim, Tensor index, double value) => ScatterScalar(input, dim, index, Tensor.Wrap(value));

    /// <summary>
    /// <see cref="Scatter(Tensor, int, Tensor, double)"/> with an integer value (PyTorch's Python int: a negative
    /// value wraps into uint8 when its magnitude fits, as −1 gives 255).
    /// </summary>
    /// <param name="input">The tensor to copy and write into.</param>
    /// <param name="dim">The axis along which to index.</param>
    /// <param name="index">int64 indices with the same number of dimensions as <paramref name="input"/>; values in [0, input.Size(dim)).</param>
    /// <param name="value">The value to write, converted to the input's dtype.</param>
    /// <exception cref="ArgumentException">The index is not int64 or its shape does not fit.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> does not fit the dtype.</exception>
    public static Tensor Scatter(Tensor input, int dim, Tensor index, long value) => ScatterScalar(input, dim, index, Tensor.Wrap(value));

    /// <summary>scatter with a wrapped C# number (checked against the input's dtype, then converted).</summary>
    internal static Tensor ScatterScalar(Tensor input, int dim, Tensor index, Tensor wrappedValue)
    {
        int d = CheckScatter(input, dim, index, null, "scatter");
        var value = Arithmetic.CheckedScalar(wrappedValue, input.DType, "scatter");
        var y = Tensor.Empty(input.ShapeArray.ToArray(), input.DType);
        Elementwise.CopyInto(input, y);
        ScatterInto(y, d, index, value, accumulate: false, "scatter");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new ScatterBackward(d, index, null), input);
        return y;
    }

    /// <summary>Validates a scatter-family call and returns the normalized dimension; also range-checks every index value.</summary>
    internal static int CheckScatter(Tensor self, int dim, Tensor index, Tensor? src, string op)
    {
        ArgumentNullException.ThrowIfNull(self);
        IndexingHelpers.CheckIndexDType(index, op);
        int d = Tensor.NormalizeDim(dim, self.Dim, op);
        int nd = Math.Max(self.Dim, 1);
        if (Math.Max(index.Dim, 1) != nd)
            throw new ArgumentException($"{op}: index tensor must have the same number of dimensions as self tensor (index {index.Shape}, self {self.Shape})", nameof(index));
        if (src is not null)
        {
            if (Math.Max(src.Dim, 1) != nd)
                throw new ArgumentException($"{op}: index tensor must have the same number of dimensions as src tensor (index {index.Shape}, src {src.Shape})", nameof(src));
            if (src.DType != self.DType)
                throw new ArgumentException($"{op}: expected self.dtype to be equal to src.dtype, but got {self.DType.TorchName()} and {src.DType.TorchName()}", nameof(src));
        }
        for (int k = 0; k < nd; k++)
        {
            int n = IndexingHelpers.SizeAt(index, k);
            if ((k != d && n > IndexingHelpers.SizeAt(self, k)) || (src is not null && n > IndexingHelpers.SizeAt(src, k)))
                throw new ArgumentException(
                    $"{op}: expected index {index.Shape} to be no larger than self {self.Shape} apart from dimension {d}" +
                    (src is not null ? $" and no larger than src {src.Shape}" : "") + $" (mismatch at dimension {k})", nameof(index));
        }
        // Checked up front so that an in-place scatter never stops half-way.
        IndexKernels.CheckRange(index, IndexingHelpers.SizeAt(self, d), d, op);
        return d;
    }

    /// <summary>Writes (or adds) <paramref name="src"/> into <paramref name="self"/> at <paramref name="index"/> along <paramref name="d"/>; src may be 0-d (a value).</summary>
    internal static void ScatterInto(Tensor self, int d, Tensor index, Tensor src, bool accumulate, string op)
    {
        var s1 = IndexingHelpers.AtLeast1D(self);
        var i1 = IndexingHelpers.AtLeast1D(index);
        var srcStrides = src.Dim == 0 ? new int[i1.Dim] : IndexingHelpers.AtLeast1D(src).StridesArray;
        IndexKernels.Scatter(i1.ShapeArray, i1, i1.StridesArray, src, srcStrides, s1, IndexingHelpers.ZeroAt(s1.StridesArray, d),
            s1.StridesArray[d], s1.ShapeArray[d], d, accumulate, op);
        GC.KeepAlive(self); GC.KeepAlive(index);
    }

    private sealed class ScatterBackward(int dim, Tensor index, int[]? srcShape) : Node
    {
        private SavedTensor _index = new(index);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var idx = Unpack(_index);
            return
            [
                NeedsGrad(0) ? grad.Scatter(dim, idx, 0.0) : null,
                NeedsGrad(1) ? IndexingHelpers.PadTo(grad.Gather(dim, idx), srcShape!) : null,
            ];
        }

        protected override void ReleaseSaved() => _index = default;
    }
}

public partial class Tensor
{
    /// <summary>Writes <paramref name="src"/> at <paramref name="index"/> along <paramref name="dim"/> into a copy (see <see cref="Torch.Scatter(Tensor, int, Tensor, Tensor)"/>).</summary>
    /// <param name="dim">The axis along which to index.</param>
    /// <param name="index">int64 indices.</param>
    /// <param name="src">The values to write.</param>
    /// <exception cref="ArgumentException">The index is not int64, or its number of dimensions or its shape does not fit the input.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    public Tensor Scatter(int dim, Tensor index, Tensor src) => Torch.Scatter(this, dim, index, src);

    /// <summary>Writes <paramref name="value"/> at <paramref name="index"/> along <paramref name="dim"/> into a copy.</summary>
    /// <param name="dim">The axis along which to index.</param>
    /// <param name="index">int64 indices.</param>
    /// <param name="value">The value to write.</param>
    /// <exception cref="ArgumentException">The index is not int64, or its number of dimensions or its shape does not fit the input.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    public Tensor Scatter(int dim, Tensor index, double value) => Torch.Scatter(this, dim, index, value);

    /// <summary>Writes the integer <paramref name="value"/> at <paramref name="index"/> along <paramref name="dim"/> into a copy.</summary>
    /// <param name="dim">The axis along which to index.</param>
    /// <param name="index">int64 indices.</param>
    /// <param name="value">The value to write.</param>
    /// <exception cref="ArgumentException">The index is not int64, or its number of dimensions or its shape does not fit the input.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    public Tensor Scatter(int dim, Tensor index, long value) => Torch.Scatter(this, dim, index, value);

    /// <summary>
    /// In-place <see cref="Scatter(int, Tensor, Tensor)"/> (PyTorch's <c>x.scatter_(dim, index, src)</c>); returns this tensor.
    /// Follows the in-place rules (no leaf that requires grad, no view of one; bumps the version).
    /// </summary>
    /// <param name="dim">The axis along which to index.</param>
    /// <param name="index">int64 indices.</param>
    /// <param name="src">The values to write.</param>
    /// <exception cref="InvalidOperationException">The write would bypass autograd.</exception>
    /// <exception cref="ArgumentException">The index is not int64, or its number of dimensions or its shape does not fit the input.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    public Tensor Scatter_(int dim, Tensor index, Tensor src)
    {
        int d = Torch.CheckScatter(this, dim, index, src, "scatter_");
        IndexingHelpers.CheckNoOverlap(this, index, src, "scatter_");
        return IndexInPlace("scatter_", src, t => Torch.Scatter(t, d, index, src), t => Torch.ScatterInto(t, d, index, src, false, "scatter_"));
    }

    /// <summary>In-place <see cref="Scatter(int, Tensor, double)"/>; returns this tensor.</summary>
    /// <param name="dim">The axis along which to index.</param>
    /// <param name="index">int64 indices.</param>
    /// <param name="value">The value to write.</param>
    /// <exception cref="InvalidOperationException">The write would bypass autograd.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> does not fit the dtype.</exception>
    /// <exception cref="ArgumentException">The index is not int64, or its number of dimensions or its shape does not fit the input.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    public Tensor Scatter_(int dim, Tensor index, double value) => ScatterScalar_(dim, index, Wrap(value));

    /// <summary>In-place <see cref="Scatter(int, Tensor, long)"/>; returns this tensor.</summary>
    /// <param name="dim">The axis along which to index.</param>
    /// <param name="index">int64 indices.</param>
    /// <param name="value">The value to write.</param>
    /// <exception cref="InvalidOperationException">The write would bypass autograd.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> does not fit the dtype.</exception>
    /// <exception cref="ArgumentException">The index is not int64, or its number of dimensions or its shape does not fit the input.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IndexOutOfRangeException">An index value is out of range.</exception>
    public Tensor Scatter_(int dim, Tensor index, long value) => ScatterScalar_(dim, index, Wrap(value));

    private Tensor ScatterScalar_(int dim, Tensor index, Tensor wrappedValue)
    {
        int d = Torch.CheckScatter(this, dim, index, null, "scatter_");
        var value = Arithmetic.CheckedScalar(wrappedValue, DType, "scatter_");
        IndexingHelpers.CheckNoOverlap(this, index, null, "scatter_");
        return IndexInPlace("scatter_", null, t => Torch.ScatterScalar(t, d, index, value),
            t => Torch.ScatterInto(t, d, index, value, false, "scatter_"));
    }
}
