using Ember.Autograd;

namespace Ember;

public partial class Tensor
{
    /// <summary>
    /// A view of the diagonal of the matrices formed by dimensions <paramref name="dim1"/> and <paramref name="dim2"/>
    /// (PyTorch's <c>x.diagonal(offset, dim1, dim2)</c>): those two dimensions are removed and the diagonal is
    /// appended as the last dimension. Element i is at (i, i + offset) for offset ≥ 0 and (i − offset, i) below.
    /// An offset past the matrix gives an empty diagonal.
    /// </summary>
    /// <param name="offset">Which diagonal: 0 the main one (default), positive above, negative below.</param>
    /// <param name="dim1">The first dimension of the matrices (default 0).</param>
    /// <param name="dim2">The second dimension of the matrices (default 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="ArgumentException">The two dimensions are the same.</exception>
    public Tensor Diagonal(int offset = 0, int dim1 = 0, int dim2 = 1)
    {
        int d1 = NormalizeDim(dim1, Dim, "diagonal", nameof(dim1));
        int d2 = NormalizeDim(dim2, Dim, "diagonal", nameof(dim2));
        if (Dim < 2) throw new ArgumentOutOfRangeException(nameof(dim2), dim2, $"diagonal: dimension out of range (expected to be in range of [-1, 0], but got {dim2})");
        if (d1 == d2) throw new ArgumentException($"diagonal: diagonal dimensions cannot be identical {dim1}, {dim2}", nameof(dim2));
        int n1 = ShapeArray[d1], n2 = ShapeArray[d2];
        long length = offset >= 0 ? Math.Min(n1, (long)n2 - offset) : Math.Min((long)n1 + offset, n2);
        length = Math.Max(length, 0);
        int start = length == 0 ? Offset : Offset + (offset >= 0 ? offset * StridesArray[d2] : -offset * StridesArray[d1]);
        var shape = new List<int>();
        var strides = new List<int>();
        for (int d = 0; d < Dim; d++)
        {
            if (d == d1 || d == d2) continue;
            shape.Add(ShapeArray[d]);
            strides.Add(StridesArray[d]);
        }
        shape.Add((int)length);
        // A diagonal of length ≥ 2 stays inside the storage, so its stride fits; a shorter one never steps.
        strides.Add((int)Math.Clamp((long)StridesArray[d1] + StridesArray[d2], int.MinValue, int.MaxValue));
        var inputShape = ShapeArray;
        return MakeView("diagonal", shape.ToArray(), strides.ToArray(), start, () => new DiagonalBackward(inputShape, offset, d1, d2));
    }

    private sealed class DiagonalBackward(int[] inputShape, int offset, int dim1, int dim2) : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad)
        {
            if (GradMode.IsEnabled && grad.RequiresGrad)
                throw new NotSupportedException("diagonal: double backward through a diagonal is not supported yet");
            var full = Torch.Zeros(inputShape, grad.DType);
            using (Torch.NoGrad())
            using (var place = full.Diagonal(offset, dim1, dim2)) place.Copy_(grad); // the view gives its handle back: the leaf may take full
            return [full];
        }
    }
}

public static partial class Torch
{
    /// <summary>A view of a diagonal (see <see cref="Tensor.Diagonal"/>).</summary>
    /// <param name="input">A tensor with at least 2 dimensions.</param>
    /// <param name="offset">Which diagonal (default 0).</param>
    /// <param name="dim1">The first dimension of the matrices (default 0).</param>
    /// <param name="dim2">The second dimension of the matrices (default 1).</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The two dimensions are the same.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public static Tensor Diagonal(Tensor input, int offset = 0, int dim1 = 0, int dim2 = 1) => NotNull(input).Diagonal(offset, dim1, dim2);
}
