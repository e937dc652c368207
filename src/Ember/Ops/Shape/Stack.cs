namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Joins equally shaped tensors along a new dimension (PyTorch's <c>torch.stack</c>): each input is
    /// unsqueezed at <paramref name="dim"/> and the results are concatenated. Differentiable.
    /// </summary>
    /// <param name="tensors">The tensors, at least one, all of the same shape.</param>
    /// <param name="dim">Where the new dimension goes, in [-Dim-1, Dim] of the inputs (default 0).</param>
    /// <returns>A tensor of shape input.shape with <c>tensors.Length</c> inserted at <paramref name="dim"/>.</returns>
    /// <exception cref="ArgumentException">The list is empty or the shapes differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public static Tensor Stack(Tensor[] tensors, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Length == 0) throw new ArgumentException("stack: expected a non-empty list of tensors", nameof(tensors));
        var first = tensors[0] ?? throw new ArgumentNullException(nameof(tensors), "stack: tensor number 0 in the list is null");
        for (int i = 1; i < tensors.Length; i++)
        {
            var t = tensors[i] ?? throw new ArgumentNullException(nameof(tensors), $"stack: tensor number {i} in the list is null");
            if (!t.ShapeArray.AsSpan().SequenceEqual(first.ShapeArray))
                throw new ArgumentException($"stack: expects each tensor to be equal size, but got {first.Shape} at entry 0 and {t.Shape} at entry {i}", nameof(tensors));
        }
        int d = Tensor.NormalizeDim(dim, first.Dim + 1, "stack");
        var parts = new Tensor[tensors.Length];
        for (int i = 0; i < tensors.Length; i++) parts[i] = tensors[i].Unsqueeze(d);
        return Cat(parts, d);
    }

    /// <summary>Stacks a sequence of tensors (see <see cref="Stack(Tensor[], int)"/>).</summary>
    /// <param name="tensors">The tensors, at least one, all of the same shape.</param>
    /// <param name="dim">Where the new dimension goes (default 0).</param>
    /// <exception cref="ArgumentException">The sequence of tensors is empty, or their dtypes or shapes do not fit together.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public static Tensor Stack(IEnumerable<Tensor> tensors, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        return Stack(tensors.ToArray(), dim);
    }
}
