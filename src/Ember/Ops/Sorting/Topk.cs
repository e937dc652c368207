using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The <paramref name="k"/> largest (or smallest) elements along <paramref name="dim"/> and their int64 positions
    /// (PyTorch's <c>torch.topk</c>). NaN counts as the largest value. Ember returns them sorted (largest first, or
    /// smallest first with <paramref name="largest"/> false) whatever <paramref name="sorted"/> says, ties in order of
    /// position; PyTorch leaves the order of ties, and of everything when unsorted, unspecified. The gradient of the
    /// values flows back to the positions they came from.
    /// </summary>
    /// <param name="input">The tensor (a 0-d tensor takes k = 0 or 1 and gives itself).</param>
    /// <param name="k">How many elements, in [0, size of <paramref name="dim"/>].</param>
    /// <param name="dim">The dimension (default −1, the last).</param>
    /// <param name="largest">Take the largest (default) or the smallest elements.</param>
    /// <param name="sorted">Return them sorted (default true).</param>
    /// <returns>The values (the input's dtype) and their int64 indices, of size <paramref name="k"/> along <paramref name="dim"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> or <paramref name="dim"/> is out of range.</exception>
    /// <exception cref="NotSupportedException">The input is bool and not 0-d (as in PyTorch).</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static (Tensor Values, Tensor Indices) Topk(Tensor input, int k, int dim = -1, bool largest = true, bool sorted = true)
    {
        ArgumentNullException.ThrowIfNull(input);
        int d = Tensor.NormalizeDim(dim, input.Dim, "topk");
        int size = input.Dim == 0 ? 1 : input.ShapeArray[d];
        if (k < 0 || k > size)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"topk: selected index k out of range (k = {k}, size {size} of dimension {dim} of input {input.Shape})");
        // PyTorch answers a 0-d input (any dtype) before its kernel's dtype check
        if (input.Dim == 0) return (input.Clone(), Scalar(0L));
        if (input.DType == DType.Bool) throw Dispatch.Unsupported("topk", input.DType);
        var (values, indices) = SortKernels.Sort(input, d, descending: largest, k, "topk");
        if (Graph.NeedsGrad(input)) Graph.Record(values, new SortBackward(input.ShapeArray, d, indices, "TopkBackward0"), input);
        return (values, indices);
    }
}

public partial class Tensor
{
    /// <summary>The k largest (or smallest) elements along a dimension (see <see cref="Torch.Topk"/>).</summary>
    /// <param name="k">How many elements.</param>
    /// <param name="dim">The dimension (default −1).</param>
    /// <param name="largest">Take the largest (default) or the smallest elements.</param>
    /// <param name="sorted">Return them sorted (default true).</param>
    /// <exception cref="ArgumentOutOfRangeException">k is out of range.</exception>
    /// <exception cref="NotSupportedException">The op has no kernel for the input's dtype (as in PyTorch).</exception>
    public (Tensor Values, Tensor Indices) Topk(int k, int dim = -1, bool largest = true, bool sorted = true) =>
        Torch.Topk(this, k, dim, largest, sorted);
}
