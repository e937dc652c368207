using Ember.Autograd;

namespace Ember;

public partial class Tensor
{
    /// <summary>A view with the dimensions reordered (PyTorch's <c>x.permute(...)</c>).</summary>
    /// <param name="dims">A permutation of 0 … Dim-1 (negative values count from the end).</param>
    /// <exception cref="ArgumentException"><paramref name="dims"/> is not a permutation of the dimensions.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="dims"/> is null.</exception>
    public Tensor Permute(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (dims.Length != Dim)
            throw new ArgumentException($"permute: number of dims don't match: the tensor has {Dim} dimensions (shape {Shape}) but {dims.Length} were given");
        var perm = new int[Dim];
        var seen = new bool[Dim];
        for (int i = 0; i < Dim; i++)
        {
            perm[i] = NormalizeDim(dims[i], Dim, "permute", nameof(dims));
            if (seen[perm[i]]) throw new ArgumentException($"permute: repeated dim {dims[i]} in {Ember.Size.Format(dims)}");
            seen[perm[i]] = true;
        }
        var shape = new int[Dim];
        var strides = new int[Dim];
        for (int i = 0; i < Dim; i++)
        {
            shape[i] = ShapeArray[perm[i]];
            strides[i] = StridesArray[perm[i]];
        }
        return MakeView("permute", shape, strides, Offset, () => new PermuteBackward(perm));
    }

    private sealed class PermuteBackward(int[] perm) : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var inverse = new int[perm.Length];
            for (int i = 0; i < perm.Length; i++) inverse[perm[i]] = i;
            return [grad.Permute(inverse)];
        }
    }
}

public static partial class Torch
{
    /// <summary>Reorders dimensions (see <see cref="Tensor.Permute"/>).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="dims">A permutation of the dimensions.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The dims are not a permutation of the tensor's dimensions.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public static Tensor Permute(Tensor input, params int[] dims) => NotNull(input).Permute(dims);
}
