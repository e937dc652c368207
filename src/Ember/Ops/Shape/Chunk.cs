namespace Ember;

public partial class Tensor
{
    /// <summary>The most pieces <see cref="Chunk"/> makes of an empty dimension (one empty tensor per chunk asked for).</summary>
    public const int MaxEmptyChunks = 1 << 20;

    /// <summary>
    /// Splits this tensor into at most <paramref name="chunks"/> views along <paramref name="dim"/>
    /// (PyTorch's <c>x.chunk(chunks, dim)</c>): every piece has ceil(size / chunks) entries except the
    /// last, so fewer pieces come back when the size does not allow that many (e.g. size 6 in 4 chunks
    /// gives 3 pieces of 2). An empty dimension gives <paramref name="chunks"/> empty views.
    /// </summary>
    /// <param name="chunks">The number of pieces wanted; positive.</param>
    /// <param name="dim">The dimension to split (default 0).</param>
    /// <returns>The pieces, sharing this tensor's storage.</returns>
    /// <exception cref="ArgumentException">This tensor is 0-d.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunks"/> is not positive, <paramref name="dim"/> is out of
    /// range, or the dimension is empty and <paramref name="chunks"/> is more than <see cref="MaxEmptyChunks"/>.</exception>
    public Tensor[] Chunk(int chunks, int dim = 0)
    {
        if (Dim == 0) throw new ArgumentException("chunk: expects at least a 1-dimensional tensor, got a 0-dim tensor");
        if (chunks <= 0)
            throw new ArgumentOutOfRangeException(nameof(chunks), chunks, $"chunk: expects `chunks` to be greater than 0, got: {chunks}");
        int d = NormalizeDim(dim, Dim, "chunk");
        int size = ShapeArray[d];
        int splitSize = (int)(((long)size + chunks - 1) / chunks);
        if (splitSize == 0 && size == 0)
        {
            // PyTorch returns `chunks` empty pieces; each costs a tensor object, so the count is bounded.
            if (chunks > MaxEmptyChunks)
                throw new ArgumentOutOfRangeException(nameof(chunks), chunks,
                    $"chunk: chunking the empty dimension {d} of a tensor of shape {Shape} gives `chunks` empty tensors; at most {MaxEmptyChunks} are supported, got {chunks}");
            return SplitViews(d, new int[chunks], withSizes: true);
        }
        return Split(splitSize, d);
    }
}

public static partial class Torch
{
    /// <summary>Splits into at most <paramref name="chunks"/> views (see <see cref="Tensor.Chunk"/>).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="chunks">The number of pieces wanted; positive.</param>
    /// <param name="dim">The dimension to split (default 0).</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is 0-d.</exception>
    /// <exception cref="ArgumentOutOfRangeException">chunks is not positive.</exception>
    public static Tensor[] Chunk(Tensor input, int chunks, int dim = 0) => NotNull(input).Chunk(chunks, dim);
}
