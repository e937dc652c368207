using Ember.Autograd;

namespace Ember;

public partial class Tensor
{
    /// <summary>
    /// Removes dimension <paramref name="dim"/> and returns the slices along it (PyTorch's <c>x.unbind(dim)</c>):
    /// the views <c>x.Select(dim, 0)</c>, …, <c>x.Select(dim, n - 1)</c>, sharing this tensor's storage. Backward builds
    /// the input's gradient once, however many slices are used.
    /// </summary>
    /// <param name="dim">The dimension to remove (default 0; negative counts from the end).</param>
    /// <returns>Size(dim) views, each of this tensor's shape without <paramref name="dim"/> (none when the dimension is empty).</returns>
    /// <exception cref="ArgumentOutOfRangeException">This tensor is 0-d, or <paramref name="dim"/> is out of range.</exception>
    public Tensor[] Unbind(int dim = 0)
    {
        if (Dim == 0)
            throw new ArgumentOutOfRangeException(nameof(dim), dim, $"unbind: dimension specified as {dim} but tensor has no dimensions");
        int d = NormalizeDim(dim, Dim, "unbind");
        int n = ShapeArray[d];
        var shape = new int[Dim - 1];
        var strides = new int[Dim - 1];
        for (int i = 0, j = 0; i < Dim; i++)
        {
            if (i == d) continue;
            shape[j] = ShapeArray[i];
            strides[j++] = StridesArray[i];
        }
        var pieces = new Tensor[n];
        var viewBase = ViewBase ?? this;
        for (int i = 0; i < n; i++)
            pieces[i] = new Tensor(Storage, (int[])shape.Clone(), (int[])strides.Clone(), Offset + i * StridesArray[d]) { ViewBase = viewBase };
        if (n > 0 && Graph.NeedsGrad(this))
            Graph.Record(pieces, new UnbindBackward(ShapeArray, d), this);
        return pieces;
    }

    /// <summary>
    /// The backward of all the slices of an unbind together: the input's gradient is built once, each slice's gradient
    /// copied into its place, and only the places of slices that got no gradient are zero-filled.
    /// </summary>
    private sealed class UnbindBackward(int[] inputShape, int dim) : MultiOutputNode(inputShape[dim])
    {
        protected override Tensor?[] Backward(Tensor?[] grads)
        {
            var dtype = Array.Find(grads, g => g is not null)!.DType;
            if (GradMode.IsEnabled && Array.Exists(grads, g => g is not null && g.RequiresGrad))
            {
                // Double backward: a differentiable Stack, with zeros standing in for the missing slices.
                var sliceShape = inputShape.Where((_, i) => i != dim).ToArray();
                var parts = new Tensor[grads.Length];
                for (int i = 0; i < grads.Length; i++) parts[i] = grads[i] ?? Torch.Zeros(sliceShape, dtype);
                return [Torch.Stack(parts, dim)];
            }
            var full = Empty((int[])inputShape.Clone(), dtype);
            using (Torch.NoGrad())
                for (int i = 0; i < grads.Length; i++)
                {
                    // Views that give their handles back at once: a leaf may then take full as its gradient.
                    using var place = full.Slice(dim, i, i + 1, 1);
                    using var row = place.Squeeze(dim);
                    if (grads[i] is { } g) row.Copy_(g);
                    else row.Zero_();
                }
            return [full];
        }
    }
}

public static partial class Torch
{
    /// <summary>Removes a dimension and returns the slices along it (see <see cref="Tensor.Unbind"/>).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="dim">The dimension to remove (default 0).</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range (a 0-d tensor has none).</exception>
    public static Tensor[] Unbind(Tensor input, int dim = 0) => NotNull(input).Unbind(dim);
}
