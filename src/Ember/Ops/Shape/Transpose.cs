using Ember.Autograd;

namespace Ember;

public partial class Tensor
{
    /// <summary>A view with dimensions <paramref name="dim0"/> and <paramref name="dim1"/> swapped (PyTorch's <c>x.transpose(d0, d1)</c>).</summary>
    /// <param name="dim0">One dimension.</param>
    /// <param name="dim1">The other dimension.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Transpose(int dim0, int dim1)
    {
        int a = NormalizeDim(dim0, Dim, "transpose", nameof(dim0));
        int b = NormalizeDim(dim1, Dim, "transpose", nameof(dim1));
        if (Dim == 0) return MakeView("transpose", ShapeArray, StridesArray, Offset, () => new TransposeBackward(0, 0));
        var shape = (int[])ShapeArray.Clone();
        var strides = (int[])StridesArray.Clone();
        (shape[a], shape[b]) = (shape[b], shape[a]);
        (strides[a], strides[b]) = (strides[b], strides[a]);
        return MakeView("transpose", shape, strides, Offset, () => new TransposeBackward(a, b));
    }

    /// <summary>
    /// The transpose of a tensor with at most 2 dimensions (PyTorch's <c>x.T</c>); for more dimensions
    /// use <see cref="Transpose"/> or <see cref="Permute"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor has more than 2 dimensions.</exception>
    public Tensor T
    {
        get
        {
            if (Dim > 2)
                throw new InvalidOperationException($"T: expected a tensor with at most 2 dimensions, got shape {Shape}; use Transpose(d0, d1) or Permute(...)");
            return Dim < 2 ? this : Transpose(0, 1);
        }
    }

    /// <summary>The transpose of the last two dimensions (PyTorch's <c>x.mT</c>).</summary>
    /// <exception cref="InvalidOperationException">The tensor has fewer than 2 dimensions.</exception>
    public Tensor MT => Dim >= 2 ? Transpose(-2, -1)
        : throw new InvalidOperationException($"mT: expected a tensor with at least 2 dimensions, got shape {Shape}");

    private sealed class TransposeBackward(int a, int b) : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad) => [grad.Dim == 0 ? grad : grad.Transpose(a, b)];
    }
}

public static partial class Torch
{
    /// <summary>Swaps two dimensions (see <see cref="Tensor.Transpose"/>).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="dim0">One dimension.</param>
    /// <param name="dim1">The other dimension.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public static Tensor Transpose(Tensor input, int dim0, int dim1) => NotNull(input).Transpose(dim0, dim1);
}
