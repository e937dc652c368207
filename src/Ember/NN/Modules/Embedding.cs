namespace Ember.NN;

/// <summary>
/// A lookup table of fixed-size embeddings (PyTorch's <c>nn.Embedding</c>): maps each index of an int64/int32 input of
/// any shape to a row of <see cref="Weight"/> [numEmbeddings, embeddingDim]; output: input.Shape + [embeddingDim].
/// The weight starts as N(0, 1) with the <see cref="PaddingIdx"/> row zero. Sparse gradients are not supported
/// (the weight gradient is always dense).
/// </summary>
/// <example>
/// <code>
/// var emb = new Embedding(10, 3, paddingIdx: 0);
/// var y = emb.Call(Torch.FromArray(new long[] { 1, 2, 0 }, 3));   // [3, 3]
/// Console.WriteLine(emb);                                            // Embedding(10, 3, padding_idx=0)
/// </code>
/// </example>
public sealed class Embedding : Module<Tensor, Tensor>
{
    /// <summary>Creates the table, N(0, 1) with the padding row zero, or wrapping <paramref name="weight"/> as is.</summary>
    /// <param name="numEmbeddings">The number of rows V (the size of the dictionary); non-negative.</param>
    /// <param name="embeddingDim">The size D of each embedding; non-negative.</param>
    /// <param name="paddingIdx">The index whose row is zero initially and gets no gradient (negative counts from the end), or null (default).</param>
    /// <param name="maxNorm">Rows looked up with a larger <paramref name="normType"/>-norm are rescaled in place to this norm (default null).</param>
    /// <param name="normType">The p of the p-norm for <paramref name="maxNorm"/> (default 2).</param>
    /// <param name="scaleGradByFreq">Divide each row's gradient by its index's frequency in the mini-batch (default false).</param>
    /// <param name="sparse">Sparse gradients: not supported, must be false (default false).</param>
    /// <param name="weight">An existing [V, D] tensor to use as the weight (PyTorch's <c>_weight</c>; not re-initialized), or null (default).</param>
    /// <param name="dtype">The weight's floating-point dtype when it is created (default float32).</param>
    /// <param name="generator">The generator for the initial values (default: <see cref="Generator.Default"/>).</param>
    /// <exception cref="ArgumentException">A size is negative, <paramref name="paddingIdx"/> is outside [−V, V), the weight's shape is not [V, D], or the dtype is not floating point.</exception>
    /// <exception cref="NotSupportedException"><paramref name="sparse"/> is true.</exception>
    public Embedding(int numEmbeddings, int embeddingDim, int? paddingIdx = null, double? maxNorm = null, double normType = 2.0,
        bool scaleGradByFreq = false, bool sparse = false, Tensor? weight = null, DType dtype = DType.Float32, Generator? generator = null)
    {
        if (numEmbeddings < 0) throw new ArgumentException($"Embedding: num_embeddings must be non-negative, got {numEmbeddings}", nameof(numEmbeddings));
        if (embeddingDim < 0) throw new ArgumentException($"Embedding: embedding_dim must be non-negative, got {embeddingDim}", nameof(embeddingDim));
        if (sparse) throw new NotSupportedException("Embedding: sparse gradients are not supported (sparse: true); use sparse: false");
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"Embedding: dtype must be floating point, got {dtype.TorchName()}", nameof(dtype));
        NumEmbeddings = numEmbeddings;
        EmbeddingDim = embeddingDim;
        PaddingIdx = paddingIdx is null ? null : (int)F.NormalizePaddingIdx(paddingIdx, numEmbeddings, "Embedding");
        MaxNorm = maxNorm;
        NormType = normType;
        ScaleGradByFreq = scaleGradByFreq;
        if (weight is null)
        {
            _weight = RegisterParameter("weight", new Parameter(Torch.Empty(new Size(numEmbeddings, embeddingDim), dtype)))!;
            ResetParameters(generator);
        }
        else
        {
            if (weight.Dim != 2 || weight.Size(0) != numEmbeddings || weight.Size(1) != embeddingDim)
                throw new ArgumentException(
                    $"Embedding: Shape of weight does not match num_embeddings and embedding_dim: weight {weight.Shape}, expected [{numEmbeddings}, {embeddingDim}]",
                    nameof(weight));
            _weight = RegisterParameter("weight", new Parameter(weight))!;
        }
    }

    /// <summary>
    /// An embedding wrapping <paramref name="embeddings"/> (PyTorch's <c>Embedding.from_pretrained</c>): V and D are its
    /// shape, the weight shares its storage and requires grad unless <paramref name="freeze"/>; the padding row is not zeroed.
    /// </summary>
    /// <param name="embeddings">The [V, D] floating-point weights.</param>
    /// <param name="freeze">Keep the weight fixed (requires_grad false; default true).</param>
    /// <param name="paddingIdx">See the constructor (default null).</param>
    /// <param name="maxNorm">See the constructor (default null).</param>
    /// <param name="normType">See the constructor (default 2).</param>
    /// <param name="scaleGradByFreq">See the constructor (default false).</param>
    /// <param name="sparse">Must be false (default false).</param>
    /// <returns>The new layer.</returns>
    /// <exception cref="ArgumentException"><paramref name="embeddings"/> is not 2-D, or <paramref name="paddingIdx"/> is out of range.</exception>
    /// <exception cref="NotSupportedException"><paramref name="sparse"/> is true.</exception>
    public static Embedding FromPretrained(Tensor embeddings, bool freeze = true, int? paddingIdx = null, double? maxNorm = null,
        double normType = 2.0, bool scaleGradByFreq = false, bool sparse = false)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        if (embeddings.Dim != 2)
            throw new ArgumentException($"Embedding: Embeddings parameter is expected to be 2-dimensional, got shape {embeddings.Shape}", nameof(embeddings));
        var e = new Embedding(embeddings.Size(0), embeddings.Size(1), paddingIdx, maxNorm, normType, scaleGradByFreq, sparse, embeddings);
        e.Weight.RequiresGrad = !freeze;
        return e;
    }

    /// <summary>The number of rows V.</summary>
    public int NumEmbeddings { get; }

    /// <summary>The size D of each embedding.</summary>
    public int EmbeddingDim { get; }

    /// <summary>The padding index (normalized to [0, V)), or null.</summary>
    public int? PaddingIdx { get; }

    /// <summary>The maximal norm of looked-up rows, or null.</summary>
    public double? MaxNorm { get; }

    /// <summary>The p of the p-norm for <see cref="MaxNorm"/>.</summary>
    public double NormType { get; }

    /// <summary>Whether gradients are scaled by the inverse index frequency.</summary>
    public bool ScaleGradByFreq { get; }

    private Parameter _weight;

    /// <summary>
    /// The table [V, D] (registered as <c>weight</c>). Setting it registers the new parameter in place of the old one
    /// (e.g. to tie the embedding to an output layer's weight [V, D]).
    /// </summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    /// <exception cref="ArgumentException">Set to a parameter whose shape is not [V, D].</exception>
    public Parameter Weight
    {
        get => _weight;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Dim != 2 || value.Size(0) != NumEmbeddings || value.Size(1) != EmbeddingDim)
                throw new ArgumentException($"Embedding: weight must have shape [{NumEmbeddings}, {EmbeddingDim}], got {value.Shape}", nameof(value));
            _weight = RegisterParameter("weight", value)!;
        }
    }

    /// <summary>Re-draws the weight from N(0, 1) and zeroes the padding row (PyTorch's <c>reset_parameters</c>).</summary>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    public void ResetParameters(Generator? generator = null)
    {
        Init.Normal_(Weight, 0, 1, generator);
        if (PaddingIdx is int p)
        {
            using var _ = Torch.NoGrad();
            Weight.Select(0, p).Zero_();
        }
    }

    /// <summary>Looks the indices up (see <see cref="F.Embedding"/>).</summary>
    /// <param name="input">int64/int32 indices of any shape, each in [0, V).</param>
    /// <returns>input.Shape + [D], the weight's dtype.</returns>
    /// <exception cref="ArgumentException">The indices are not int64/int32.</exception>
    /// <exception cref="IndexOutOfRangeException">An index is out of range.</exception>
    public override Tensor Forward(Tensor input) =>
        F.Embedding(input, Weight, PaddingIdx, MaxNorm, NormType, ScaleGradByFreq);

    /// <inheritdoc/>
    protected override string ExtraRepr()
    {
        var s = $"{NumEmbeddings}, {EmbeddingDim}";
        if (PaddingIdx is not null) s += $", padding_idx={PaddingIdx}";
        if (MaxNorm is double m) s += $", max_norm={PyRepr.Float(m)}";
        if (NormType != 2) s += $", norm_type={PyRepr.Float(NormType)}";
        if (ScaleGradByFreq) s += ", scale_grad_by_freq=True";
        return s;
    }
}
