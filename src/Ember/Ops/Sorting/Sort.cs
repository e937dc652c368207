using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Sorts the elements along <paramref name="dim"/> (PyTorch's <c>torch.sort</c>), returning the sorted values and
    /// the int64 positions they came from. NaN sorts as the largest value (last ascending, first descending), and
    /// equal elements keep their order: Ember's sort is always stable, so <paramref name="stable"/> only states the
    /// intent. Every dtype. The gradient of the values flows back to the positions they came from.
    /// </summary>
    /// <param name="input">The tensor (a 0-d tensor gives itself and index 0).</param>
    /// <param name="dim">The dimension to sort (default −1, the last).</param>
    /// <param name="descending">Sort from largest to smallest (default false).</param>
    /// <param name="stable">Keep the order of equal elements (default false; Ember always does).</param>
    /// <returns>The sorted values (the input's dtype and shape) and their int64 indices.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static (Tensor Values, Tensor Indices) Sort(Tensor input, int dim = -1, bool descending = false, bool stable = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        int d = Tensor.NormalizeDim(dim, input.Dim, "sort");
        if (input.Dim == 0) return (input.Clone(), Scalar(0L));
        var (values, indices) = SortKernels.Sort(input, d, descending, input.ShapeArray[d], "sort");
        if (Graph.NeedsGrad(input)) Graph.Record(values, new SortBackward(input.ShapeArray, d, indices, "SortBackward0"), input);
        return (values, indices);
    }

    /// <summary>Backward of sort and topk: the gradient of each value goes back to its source position.</summary>
    internal sealed class SortBackward(int[] inputShape, int dim, Tensor indices, string name) : Node
    {
        private SavedTensor _indices = new(indices);

        public override string Name => name;

        protected internal override Tensor?[] Backward(Tensor grad) =>
            [Zeros(inputShape, grad.DType).ScatterAdd(dim, Unpack(_indices), grad)];

        protected override void ReleaseSaved() => _indices = default;
    }
}

public partial class Tensor
{
    /// <summary>Sorts along a dimension (see <see cref="Torch.Sort"/>).</summary>
    /// <param name="dim">The dimension to sort (default −1).</param>
    /// <param name="descending">Sort from largest to smallest (default false).</param>
    /// <param name="stable">Keep the order of equal elements (default false; Ember always does).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public (Tensor Values, Tensor Indices) Sort(int dim = -1, bool descending = false, bool stable = false) =>
        Torch.Sort(this, dim, descending, stable);
}
