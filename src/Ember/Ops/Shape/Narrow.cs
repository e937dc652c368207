using Ember.Autograd;

namespace Ember;

public partial class Tensor
{
    /// <summary>
    /// A view of <paramref name="length"/> entries of dimension <paramref name="dim"/> starting at
    /// <paramref name="start"/> (PyTorch's <c>x.narrow(dim, start, length)</c>).
    /// </summary>
    /// <param name="dim">The dimension to narrow.</param>
    /// <param name="start">The first index (negative counts from the end).</param>
    /// <param name="length">How many entries; non-negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range falls outside the dimension.</exception>
    /// <exception cref="ArgumentException">The input is 0-d.</exception>
    public Tensor Narrow(int dim, int start, int length)
    {
        if (Dim == 0) throw new ArgumentException("narrow: cannot be applied to a 0-dim tensor");
        int d = NormalizeDim(dim, Dim, "narrow");
        int size = ShapeArray[d];
        if (start < -size || start > size)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"narrow: start ({start}) out of range for dimension {dim} of size {size}");
        if (start < 0) start += size;
        // length > size - start, not start + length > size: the sum wraps around for a length near int.MaxValue.
        if (length < 0 || length > size - start)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"narrow: start ({start}) + length ({length}) exceeds dimension size ({size})");
        return Slice(d, start, start + length, 1, "narrow");
    }

    /// <summary>
    /// A view of entries start, start+step, … (below end) of dimension <paramref name="dim"/>; the
    /// bounds must already be clamped to the dimension (0 ≤ start, end ≤ size) and the step positive.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The bounds are not clamped, or the step is not positive.</exception>
    internal Tensor Slice(int dim, int start, int end, int step, string op = "slice")
    {
        int size = ShapeArray[dim];
        if (step <= 0 || start < 0 || start > size || end < 0 || end > size)
            throw new ArgumentOutOfRangeException(nameof(step), $"{op}: internal error: slice [{start}:{end}:{step}] of a dimension of size {size}");
        var shape = (int[])ShapeArray.Clone();
        var strides = (int[])StridesArray.Clone();
        // In 64 bits: end - start + step - 1 and stride · step wrap around for a step near int.MaxValue.
        int count = end > start ? (int)(((long)end - start + step - 1) / step) : 0;
        shape[dim] = count;
        // With fewer than two entries the stride is never stepped (it may then exceed the int range: clamp it).
        strides[dim] = (int)Math.Clamp((long)StridesArray[dim] * step, int.MinValue, int.MaxValue);
        int offset = Offset + (count > 0 ? start * StridesArray[dim] : 0);
        var inputShape = ShapeArray;
        return MakeView(op, shape, strides, offset, () => new SliceBackward(inputShape, dim, start, end, step));
    }

    private sealed class SliceBackward(int[] inputShape, int dim, int start, int end, int step) : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var full = Torch.Zeros(inputShape, grad.DType);
            using (Torch.NoGrad())
            using (var place = full.Slice(dim, start, end, step)) place.Copy_(grad); // the view gives its handle back: the leaf may take full
            if (GradMode.IsEnabled && grad.RequiresGrad)
                throw new NotSupportedException("slice: double backward through a slice is not supported yet");
            return [full];
        }
    }

    /// <summary>
    /// The view at <paramref name="index"/> along <paramref name="dim"/>, with that dimension removed
    /// (PyTorch's <c>x.select(dim, index)</c>; <c>x[i]</c> is <c>x.Select(0, i)</c>).
    /// </summary>
    /// <param name="dim">The dimension.</param>
    /// <param name="index">The index (negative counts from the end).</param>
    /// <exception cref="IndexOutOfRangeException">The index is out of range.</exception>
    /// <exception cref="ArgumentException">The input is 0-d.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Select(int dim, int index)
    {
        if (Dim == 0) throw new ArgumentException("select: cannot be applied to a 0-dim tensor");
        int d = NormalizeDim(dim, Dim, "select");
        int size = ShapeArray[d];
        if (index < -size || index >= size)
            throw new IndexOutOfRangeException($"select: index {index} is out of bounds for dimension {d} with size {size}");
        if (index < 0) index += size;
        return Slice(d, index, index + 1, 1, "select").Squeeze(d);
    }
}

public static partial class Torch
{
    /// <summary>A view of a range of one dimension (see <see cref="Tensor.Narrow"/>).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="dim">The dimension.</param>
    /// <param name="start">The first index.</param>
    /// <param name="length">How many entries.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is 0-d.</exception>
    /// <exception cref="ArgumentOutOfRangeException">start or length is out of range.</exception>
    public static Tensor Narrow(Tensor input, int dim, int start, int length) => NotNull(input).Narrow(dim, start, length);
}
