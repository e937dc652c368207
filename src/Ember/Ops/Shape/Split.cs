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
        int n = splitSize == 0 ? 1 : Math.Max((size + splitSize - 1) / splitSize, 1);
        var pieces = new Tensor[n];
        for (int i = 0; i < n; i++)
        {
            int start = i * splitSize;
            pieces[i] = Narrow(d, start, Math.Min(splitSize, size - start));
        }
        return pieces;
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
        var pieces = new Tensor[sections.Length];
        int start = 0;
        for (int i = 0; i < sections.Length; i++)
        {
            pieces[i] = Narrow(d, start, sections[i]);
            start += sections[i];
        }
        return pieces;
    }
}

public static partial class Torch
{
    /// <summary>Splits into views of <paramref name="splitSize"/> entries (see <see cref="Tensor.Split(int, int)"/>).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="splitSize">Entries per piece.</param>
    /// <param name="dim">The dimension to split (default 0).</param>
    public static Tensor[] Split(Tensor input, int splitSize, int dim = 0) => input.Split(splitSize, dim);

    /// <summary>Splits into views with the given sizes (see <see cref="Tensor.Split(int[], int)"/>).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="sections">The size of each piece, summing to the size of the dimension.</param>
    /// <param name="dim">The dimension to split (default 0).</param>
    public static Tensor[] Split(Tensor input, int[] sections, int dim = 0) => input.Split(sections, dim);
}
