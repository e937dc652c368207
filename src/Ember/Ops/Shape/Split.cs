using Ember.Autograd;

namespace Ember;

public partial class Tensor
{
    /// <summary>
    /// Splits this tensor into views of <paramref name="splitSize"/> entries along <paramref name="dim"/>;
    /// the last piece is smaller when the size does not divide evenly (PyTorch's <c>x.split(split_size, dim)</c>).
    /// The pieces share this tensor's storage.
    /// </summary>
    /// <param name="splitSize">Entries per piece; positive (0 only when the dimension is empty).</param>
    /// <param name="dim">The dimension to split (default 0).</param>
    /// <returns>ceil(size / splitSize) views (one empty view when the dimension is empty).</returns>
    /// <exception cref="ArgumentException">This tensor is 0-d, or <paramref name="splitSize"/> is 0 for a non-empty dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="splitSize"/> is negative, or <paramref name="dim"/> is out of range.</exception>
    public Tensor[] Split(int splitSize, int dim = 0)
    {
        if (Dim == 0) throw new ArgumentException("split: expects at least a 1-dimensional tensor, got a 0-dim tensor");
        int d = NormalizeDim(dim, Dim, "split");
        int size = ShapeArray[d];
        if (splitSize < 0)
            throw new ArgumentOutOfRangeException(nameof(splitSize), splitSize, $"split: split_size must be non-negative, but got split_size={splitSize}");
        if (splitSize == 0 && size != 0)
            throw new ArgumentException($"split: split_size can only be 0 if dimension size is 0, but got dimension size of {size}", nameof(splitSize));
        // In 64 bits: size + splitSize - 1 wraps around for a split size near int.MaxValue.
        int n = splitSize == 0 ? 1 : (int)Math.Max(((long)size + splitSize - 1) / splitSize, 1);
        var sizes = new int[n];
        for (int i = 0; i < n; i++) sizes[i] = (int)Math.Min(splitSize, size - (long)i * splitSize);
        return SplitViews(d, sizes, withSizes: false);
    }

    /// <summary>
    /// Splits this tensor into views with the given sizes along <paramref name="dim"/> (PyTorch's
    /// <c>x.split([s0, s1, ...], dim)</c>, i.e. <c>split_with_sizes</c>).
    /// </summary>
    /// <param name="sections">The size of each piece; non-negative, summing to the size of the dimension.</param>
    /// <param name="dim">The dimension to split (default 0).</param>
    /// <returns>One view per section.</returns>
    /// <exception cref="ArgumentException">This tensor is 0-d, or the sections are negative or do not sum to the size.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public Tensor[] Split(int[] sections, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(sections);
        if (Dim == 0) throw new ArgumentException("split_with_sizes: expects at least a 1-dimensional tensor, got a 0-dim tensor");
        int d = NormalizeDim(dim, Dim, "split_with_sizes");
        int size = ShapeArray[d];
        long sum = 0;
        foreach (var s in sections)
        {
            if (s < 0)
                throw new ArgumentException($"split_with_sizes: split_sizes must be non-negative, but got split_sizes={Ember.Size.Format(sections)}", nameof(sections));
            sum += s;
        }
        if (sum != size)
            throw new ArgumentException(
                $"split_with_sizes: expects split_sizes to sum exactly to {size} (input tensor's size at dimension {d}), but got split_sizes={Ember.Size.Format(sections)}",
                nameof(sections));
        return SplitViews(d, (int[])sections.Clone(), withSizes: true);
    }

    /// <summary>
    /// Consecutive views of <paramref name="sizes"/>[i] entries of dimension <paramref name="dim"/> (the sizes sum
    /// to the dimension), recorded as one node with an output per piece.
    /// </summary>
    internal Tensor[] SplitViews(int dim, int[] sizes, bool withSizes)
    {
        var pieces = new Tensor[sizes.Length];
        var viewBase = ViewBase ?? this;
        int start = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            var shape = (int[])ShapeArray.Clone();
            shape[dim] = sizes[i];
            int offset = Offset + (sizes[i] > 0 ? start * StridesArray[dim] : 0);
            pieces[i] = new Tensor(Storage, shape, (int[])StridesArray.Clone(), offset) { ViewBase = viewBase };
            start += sizes[i];
        }
        if (Graph.NeedsGrad(this))
        {
            var node = new SplitBackward(ShapeArray, dim, sizes, withSizes);
            Graph.Record(pieces, node, this);
        }
        return pieces;
    }

    /// <summary>
    /// The backward of all the pieces of a split together: the input's gradient is built once, each piece's gradient
    /// copied into its place, and only the places of pieces that got no gradient are zero-filled.
    /// </summary>
    private sealed class SplitBackward(int[] inputShape, int dim, int[] sizes, bool withSizes) : MultiOutputNode(sizes.Length)
    {
        public override string Name => withSizes ? "SplitWithSizesBackward0" : "SplitBackward0";

        protected override Tensor?[] Backward(Tensor?[] grads)
        {
            if (grads.Length == 1) return [grads[0]]; // the one piece is the whole input
            var dtype = Array.Find(grads, g => g is not null)!.DType;
            if (GradMode.IsEnabled && Array.Exists(grads, g => g is not null && g.RequiresGrad))
            {
                // Double backward: a differentiable Cat, with zeros standing in for the missing pieces.
                var parts = new Tensor[grads.Length];
                for (int i = 0; i < grads.Length; i++) parts[i] = grads[i] ?? Torch.Zeros(PieceShape(i), dtype);
                return [Torch.Cat(parts, dim)];
            }
            var full = Empty((int[])inputShape.Clone(), dtype);
            using (Torch.NoGrad())
            {
                int start = 0;
                for (int i = 0; i < grads.Length; i++)
                {
                    var place = full.Slice(dim, start, start + sizes[i], 1);
                    if (grads[i] is { } g) place.Copy_(g);
                    else place.Zero_();
                    place.Dispose(); // give the view's handle back: a leaf may then take full as its gradient
                    start += sizes[i];
                }
            }
            return [full];
        }

        private int[] PieceShape(int i)
        {
            var shape = (int[])inputShape.Clone();
            shape[dim] = sizes[i];
            return shape;
        }
    }
}

public static partial class Torch
{
    /// <summary>Splits into views of <paramref name="splitSize"/> entries (see <see cref="Tensor.Split(int, int)"/>).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="splitSize">Entries per piece.</param>
    /// <param name="dim">The dimension to split (default 0).</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is 0-d.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The split size is negative.</exception>
    public static Tensor[] Split(Tensor input, int splitSize, int dim = 0) => NotNull(input).Split(splitSize, dim);

    /// <summary>Splits into views with the given sizes (see <see cref="Tensor.Split(int[], int)"/>).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="sections">The size of each piece, summing to the size of the dimension.</param>
    /// <param name="dim">The dimension to split (default 0).</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The sizes do not sum to the size of the dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public static Tensor[] Split(Tensor input, int[] sections, int dim = 0) => NotNull(input).Split(sections, dim);
}
