namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The int64 positions that sort the elements along <paramref name="dim"/> (PyTorch's <c>torch.argsort</c>): the
    /// indices of <see cref="Sort"/>, with its NaN order and stability.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <param name="dim">The dimension to sort (default −1).</param>
    /// <param name="descending">Sort from largest to smallest (default false).</param>
    /// <param name="stable">Keep the order of equal elements (default false; Ember always does).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Argsort(Tensor input, int dim = -1, bool descending = false, bool stable = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        int d = Tensor.NormalizeDim(dim, input.Dim, "argsort");
        if (input.Dim == 0) return Scalar(0L);
        return SortKernels.Sort(input, d, descending, input.ShapeArray[d], "argsort").Indices;
    }
}

public partial class Tensor
{
    /// <summary>The positions that sort this tensor along a dimension (see <see cref="Torch.Argsort"/>).</summary>
    /// <param name="dim">The dimension to sort (default −1).</param>
    /// <param name="descending">Sort from largest to smallest (default false).</param>
    /// <param name="stable">Keep the order of equal elements (default false; Ember always does).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Argsort(int dim = -1, bool descending = false, bool stable = false) => Torch.Argsort(this, dim, descending, stable);
}
