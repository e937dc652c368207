using Ember.Autograd;

namespace Ember;

public partial class Tensor
{
    /// <summary>A view without any dimensions of size 1 (PyTorch's <c>x.squeeze()</c>).</summary>
    public Tensor Squeeze()
    {
        var keep = Enumerable.Range(0, Dim).Where(d => ShapeArray[d] != 1).ToArray();
        return Squeezed(keep);
    }

    /// <summary>A view without dimension <paramref name="dim"/> if its size is 1; else the same shape (PyTorch's <c>x.squeeze(dim)</c>).</summary>
    /// <param name="dim">The dimension to remove.</param>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is out of range.</exception>
    public Tensor Squeeze(int dim)
    {
        int d = NormalizeDim(dim, Dim, "squeeze");
        if (Dim == 0) return Squeezed([]);
        var keep = Enumerable.Range(0, Dim).Where(i => i != d || ShapeArray[i] != 1).ToArray();
        return Squeezed(keep);
    }

    private Tensor Squeezed(int[] keep)
    {
        var shape = keep.Select(d => ShapeArray[d]).ToArray();
        var strides = keep.Select(d => StridesArray[d]).ToArray();
        var inputShape = ShapeArray;
        return MakeView("squeeze", shape, strides, Offset, () => new SqueezeBackward(inputShape));
    }

    private sealed class SqueezeBackward(int[] inputShape) : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad) => [grad.Reshape(inputShape)];
    }

    /// <summary>A view with a new dimension of size 1 inserted at <paramref name="dim"/> (PyTorch's <c>x.unsqueeze(dim)</c>).</summary>
    /// <param name="dim">Where the new dimension goes, in [-Dim-1, Dim].</param>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is out of range.</exception>
    public Tensor Unsqueeze(int dim)
    {
        int d = NormalizeDim(dim, Dim + 1, "unsqueeze");
        var shape = new int[Dim + 1];
        var strides = new int[Dim + 1];
        for (int i = 0, j = 0; i <= Dim; i++)
        {
            if (i == d)
            {
                shape[i] = 1;
                strides[i] = d < Dim ? (int)Math.Clamp((long)ShapeArray[d] * StridesArray[d], int.MinValue, int.MaxValue) : 1; // never stepped: size 1
            }
            else
            {
                shape[i] = ShapeArray[j];
                strides[i] = StridesArray[j];
                j++;
            }
        }
        return MakeView("unsqueeze", shape, strides, Offset, () => new UnsqueezeBackward(d));
    }

    private sealed class UnsqueezeBackward(int dim) : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad) => [grad.Squeeze(dim)];
    }
}

public static partial class Torch
{
    /// <summary>Removes dimensions of size 1 (see <see cref="Tensor.Squeeze()"/>).</summary>
    /// <param name="input">The tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor Squeeze(Tensor input) => NotNull(input).Squeeze();

    /// <summary>Removes dimension <paramref name="dim"/> if its size is 1.</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="dim">The dimension.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public static Tensor Squeeze(Tensor input, int dim) => NotNull(input).Squeeze(dim);

    /// <summary>Inserts a dimension of size 1 (see <see cref="Tensor.Unsqueeze"/>).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="dim">Where the new dimension goes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public static Tensor Unsqueeze(Tensor input, int dim) => NotNull(input).Unsqueeze(dim);
}
