using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Repeats each element <paramref name="repeats"/> times along <paramref name="dim"/> (PyTorch's
    /// <c>torch.repeat_interleave</c>): [a, b] → [a, a, b, b]. With <paramref name="dim"/> null the input is
    /// flattened first and the result is 1-D. A copy; every dtype; differentiable.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <param name="repeats">How many times to repeat each element; non-negative.</param>
    /// <param name="dim">The dimension, or null to flatten (default).</param>
    /// <param name="outputSize">The expected size of the result along the dimension, checked when given (default null).</param>
    /// <exception cref="ArgumentException"><paramref name="repeats"/> is negative, <paramref name="outputSize"/> is wrong,
    /// or the result would have more than <see cref="Tensor.MaxNumel"/> elements.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor RepeatInterleave(Tensor input, int repeats, int? dim = null, int? outputSize = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (repeats < 0) throw new ArgumentException($"repeat_interleave: repeats can not be negative (got {repeats})", nameof(repeats));
        var (x, d) = RepeatInterleaveInput(input, dim);
        int n = x.ShapeArray[d];
        CheckOutputSize(outputSize, (long)n * repeats);
        // [.., n, ..] → [.., n, 1, ..] → expand [.., n, r, ..] → copy to [.., n·r, ..]
        var expanded = x.ShapeArray.ToList();
        expanded.Insert(d + 1, repeats);
        var outShape = x.ShapeArray.ToArray();
        // In 64 bits: n · repeats wraps around (65536 · 65536 is 0 in an int).
        double numel = (double)Tensor.NumelOf(x.ShapeArray) * repeats;
        if (numel > Tensor.MaxNumel || (long)n * repeats > int.MaxValue)
            throw new ArgumentException(
                $"repeat_interleave: repeating the {n} entries of dimension {d} of a tensor of shape {x.Shape} {repeats} times gives a dimension of {(long)n * repeats} entries " +
                $"and {numel:0.################} elements; a dimension holds at most {int.MaxValue} entries and a tensor at most {Tensor.MaxNumel} elements", nameof(repeats));
        outShape[d] = n * repeats;
        return x.Unsqueeze(d + 1).Expand(expanded.ToArray()).Clone().View(outShape);
    }

    /// <summary>
    /// Repeats element i along <paramref name="dim"/> <paramref name="repeats"/>[i] times (see
    /// <see cref="RepeatInterleave(Tensor, int, int?, int?)"/>); a 0-d or one-element <paramref name="repeats"/>
    /// applies to every element.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <param name="repeats">int64 or int32 counts, 0-d or 1-D with one entry per element along the dimension; non-negative.</param>
    /// <param name="dim">The dimension, or null to flatten (default).</param>
    /// <param name="outputSize">The expected size of the result along the dimension, checked when given (default null).</param>
    /// <exception cref="ArgumentException"><paramref name="repeats"/> has more than one dimension, the wrong length or a
    /// negative count, <paramref name="outputSize"/> is wrong, or the result would have more than <see cref="Tensor.MaxNumel"/> elements.</exception>
    /// <exception cref="NotSupportedException"><paramref name="repeats"/> is not an integer tensor.</exception>
    public static Tensor RepeatInterleave(Tensor input, Tensor repeats, int? dim = null, int? outputSize = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var counts = RepeatCounts(repeats);
        var (x, d) = RepeatInterleaveInput(input, dim);
        int n = x.ShapeArray[d];
        if (counts.Length == 1 && repeats.Dim <= 1 && n != 1)
        {
            if (counts[0] > int.MaxValue) throw new ArgumentException($"repeat_interleave: repeats {counts[0]} is too large", nameof(repeats));
            return RepeatInterleave(input, (int)counts[0], dim, outputSize);
        }
        if (counts.Length != n)
            throw new ArgumentException(
                $"repeat_interleave: repeats must have the same size as input along dim (repeats {repeats.Shape}, input {x.Shape}, dim {d})", nameof(repeats));
        var index = RepeatedRange(counts, outputSize);
        return IndexSelect(x, d, FromArray(index));
    }

    /// <summary>
    /// The indices 0 … n−1 with index i repeated <paramref name="repeats"/>[i] times (PyTorch's one-argument
    /// <c>torch.repeat_interleave(repeats)</c>): [1, 0, 3] → [0, 2, 2, 2], in the dtype of <paramref name="repeats"/>.
    /// </summary>
    /// <param name="repeats">A 1-D int64 or int32 tensor of non-negative counts.</param>
    /// <exception cref="ArgumentException"><paramref name="repeats"/> is not 1-D or has a negative count.</exception>
    /// <exception cref="NotSupportedException"><paramref name="repeats"/> is not an integer tensor.</exception>
    public static Tensor RepeatInterleave(Tensor repeats)
    {
        ArgumentNullException.ThrowIfNull(repeats);
        if (repeats.Dim != 1)
            throw new ArgumentException($"repeat_interleave: only accept 1D vector as repeat (got shape {repeats.Shape})", nameof(repeats));
        return FromArray(RepeatedRange(RepeatCounts(repeats), null)).To(repeats.DType);
    }

    private static (Tensor X, int Dim) RepeatInterleaveInput(Tensor input, int? dim)
    {
        if (dim is not { } d) return (input.Reshape(-1), 0);
        if (input.Dim == 0)
            throw new ArgumentOutOfRangeException(nameof(dim), d, $"repeat_interleave: Dimension specified as {d} but tensor has no dimensions");
        return (input, Tensor.NormalizeDim(d, input.Dim, "repeat_interleave"));
    }

    private static long[] RepeatCounts(Tensor repeats)
    {
        ArgumentNullException.ThrowIfNull(repeats);
        if (repeats.DType is not (DType.Int64 or DType.Int32)) throw Dispatch.Unsupported("repeat_interleave", repeats.DType);
        if (repeats.Dim > 1)
            throw new ArgumentException($"repeat_interleave: repeats must be 0-dim or 1-dim tensor (got shape {repeats.Shape})", nameof(repeats));
        var counts = repeats.ToArray<long>();
        foreach (var c in counts)
            if (c < 0) throw new ArgumentException($"repeat_interleave: repeats can not be negative (got {c})", nameof(repeats));
        return counts;
    }

    private static long[] RepeatedRange(long[] counts, int? outputSize)
    {
        // Saturating: counts near long.MaxValue must not wrap the total around to a small or negative number.
        long total = 0;
        foreach (var c in counts) total = c > long.MaxValue - total ? long.MaxValue : total + c;
        CheckOutputSize(outputSize, total);
        if (total > Tensor.MaxNumel)
            throw new ArgumentException($"repeat_interleave: the result would have {total} elements, more than the {Tensor.MaxNumel} a tensor can hold", "repeats");
        var index = new long[total];
        int k = 0;
        for (int i = 0; i < counts.Length; i++)
            for (long r = 0; r < counts[i]; r++) index[k++] = i;
        return index;
    }

    private static void CheckOutputSize(int? outputSize, long required)
    {
        if (outputSize is { } o && o != required)
            throw new ArgumentException($"repeat_interleave: allocated size does not match required size (outputSize {o}, required {required})", nameof(outputSize));
    }
}

public partial class Tensor
{
    /// <summary>Repeats each element along a dimension (see <see cref="Torch.RepeatInterleave(Tensor, int, int?, int?)"/>).</summary>
    /// <param name="repeats">How many times to repeat each element.</param>
    /// <param name="dim">The dimension, or null to flatten (default).</param>
    /// <param name="outputSize">The expected size along the dimension, checked when given (default null).</param>
    /// <exception cref="ArgumentException">The repeats are negative, or their count does not match the input along the dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor RepeatInterleave(int repeats, int? dim = null, int? outputSize = null) => Torch.RepeatInterleave(this, repeats, dim, outputSize);

    /// <summary>Repeats each element a per-element number of times (see <see cref="Torch.RepeatInterleave(Tensor, Tensor, int?, int?)"/>).</summary>
    /// <param name="repeats">int64 or int32 counts.</param>
    /// <param name="dim">The dimension, or null to flatten (default).</param>
    /// <param name="outputSize">The expected size along the dimension, checked when given (default null).</param>
    /// <exception cref="ArgumentException">The repeats are negative, or their count does not match the input along the dimension.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="NotSupportedException">The op has no kernel for the input's dtype (as in PyTorch).</exception>
    public Tensor RepeatInterleave(Tensor repeats, int? dim = null, int? outputSize = null) => Torch.RepeatInterleave(this, repeats, dim, outputSize);
}
