using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Rolls the elements along <paramref name="dim"/> by <paramref name="shifts"/> places (PyTorch's <c>torch.roll</c>):
    /// elements shifted past the end come back at the start; negative shifts roll the other way. With
    /// <paramref name="dim"/> null the tensor is rolled as if flattened, then given its shape back. A copy.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <param name="shifts">The number of places.</param>
    /// <param name="dim">The dimension, or null to roll the flattened tensor (default).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range (a 0-d tensor has no dimension to roll).</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Roll(Tensor input, int shifts, int? dim = null) =>
        Roll(input, [shifts], dim is { } d ? [d] : null);

    /// <summary>
    /// Rolls along several dimensions at once: <paramref name="shifts"/>[i] places along <paramref name="dims"/>[i]
    /// (see <see cref="Roll(Tensor, int, int?)"/>). With <paramref name="dims"/> null, exactly one shift rolls the
    /// flattened tensor.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <param name="shifts">The number of places for each dimension.</param>
    /// <param name="dims">The dimensions (the same count as <paramref name="shifts"/>; a dimension may repeat), or null (default).</param>
    /// <exception cref="ArgumentException"><paramref name="shifts"/> is empty, or the counts do not align.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public static Tensor Roll(Tensor input, int[] shifts, int[]? dims = null)
    {
        ArgumentNullException.ThrowIfNull(shifts);
        return RollCore(input, Array.ConvertAll(shifts, s => (long)s), dims);
    }

    private static Tensor RollCore(Tensor input, long[] shifts, int[]? dims)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (shifts.Length == 0) throw new ArgumentException("roll: `shifts` required", nameof(shifts));
        if (dims is null ? shifts.Length != 1 : dims.Length != shifts.Length)
            throw new ArgumentException($"roll: shifts and dimensions must align. shifts: {shifts.Length}, dims: {dims?.Length ?? 0}", nameof(dims));
        Tensor y;
        int[]? normalized = null;
        if (dims is null)
        {
            var flat = input.Detach().Reshape(-1);
            y = ShapeKernels.Roll(flat, shifts[0], 0).View(input.ShapeArray.ToArray());
        }
        else
        {
            if (input.Dim == 0)
                throw new ArgumentOutOfRangeException(nameof(dims), dims[0], $"roll: dimension specified as {dims[0]} but tensor has no dimensions");
            normalized = new int[dims.Length];
            for (int i = 0; i < dims.Length; i++) normalized[i] = Tensor.NormalizeDim(dims[i], input.Dim, "roll", nameof(dims));
            y = input.Detach();
            for (int i = 0; i < dims.Length; i++) y = ShapeKernels.Roll(y, shifts[i], normalized[i]);
        }
        if (Graph.NeedsGrad(input)) Graph.Record(y, new RollBackward(shifts, normalized), input);
        return y;
    }

    private sealed class RollBackward(long[] shifts, int[]? dims) : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad) => [RollCore(grad, Array.ConvertAll(shifts, s => -s), dims)];
    }
}

public partial class Tensor
{
    /// <summary>Rolls the elements along a dimension (see <see cref="Torch.Roll(Tensor, int, int?)"/>).</summary>
    /// <param name="shifts">The number of places.</param>
    /// <param name="dim">The dimension, or null to roll the flattened tensor (default).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Roll(int shifts, int? dim = null) => Torch.Roll(this, shifts, dim);

    /// <summary>Rolls along several dimensions (see <see cref="Torch.Roll(Tensor, int[], int[])"/>).</summary>
    /// <param name="shifts">The number of places for each dimension.</param>
    /// <param name="dims">The dimensions, or null for the flattened tensor (default).</param>
    /// <exception cref="ArgumentException">The shifts are empty, or their count differs from the dims'.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range (a 0-d tensor has none).</exception>
    public Tensor Roll(int[] shifts, int[]? dims = null) => Torch.Roll(this, shifts, dims);
}
