namespace Ember.NN;

/// <summary>
/// Sums, averages or maxes bags of embeddings without materializing the looked-up rows (PyTorch's <c>nn.EmbeddingBag</c>):
/// input [B, L] (B bags of L indices) or [n] with offsets; output [B, embeddingDim]. The weight starts as N(0, 1) with the
/// <see cref="PaddingIdx"/> row zero. Sparse gradients are not supported.
/// </summary>
public sealed class EmbeddingBag : Module<Tensor, Tensor>
{
    /// <summary>Creates the table, N(0, 1) with the padding row zero, or wrapping <paramref name="weight"/> as is.</summary>
    /// <param name="numEmbeddings">The number of rows V; non-negative.</param>
    /// <param name="embeddingDim">The size D of each embedding; non-negative.</param>
    /// <param name="maxNorm">Rows looked up with a larger <paramref name="normType"/>-norm are rescaled in place to this norm (default null).</param>
    /// <param name="normType">The p of the p-norm for <paramref name="maxNorm"/> (default 2).</param>
    /// <param name="scaleGradByFreq">Divide each row's gradient by its index's frequency in the mini-batch (default false).</param>
    /// <param name="mode">"sum", "mean" (default) or "max".</param>
    /// <param name="sparse">Sparse gradients: not supported, must be false (default false).</param>
    /// <param name="weight">An existing [V, D] tensor to use as the weight (PyTorch's <c>_weight</c>), or null (default).</param>
    /// <param name="includeLastOffset">Offsets has one entry more than there are bags, the last being the end (default false).</param>
    /// <param name="paddingIdx">The index left out of every bag, zero initially and without gradient (negative counts from the end), or null (default).</param>
    /// <param name="dtype">The weight's floating-point dtype when it is created (default float32).</param>
    /// <param name="generator">The generator for the initial values (default: <see cref="Generator.Default"/>).</param>
    /// <exception cref="ArgumentException">A size is negative, the mode is unknown, <paramref name="paddingIdx"/> is outside [−V, V), the weight's shape is not [V, D], or the dtype is not floating point.</exception>
    /// <exception cref="NotSupportedException"><paramref name="sparse"/> is true.</exception>
    public EmbeddingBag(int numEmbeddings, int embeddingDim, double? maxNorm = null, double normType = 2.0, bool scaleGradByFreq = false,
        string mode = "mean", bool sparse = false, Tensor? weight = null, bool includeLastOffset = false, int? paddingIdx = null,
        DType dtype = DType.Float32, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(mode);
        if (numEmbeddings < 0) throw new ArgumentException($"EmbeddingBag: num_embeddings must be non-negative, got {numEmbeddings}", nameof(numEmbeddings));
        if (embeddingDim < 0) throw new ArgumentException($"EmbeddingBag: embedding_dim must be non-negative, got {embeddingDim}", nameof(embeddingDim));
        if (mode is not ("sum" or "mean" or "max")) throw new ArgumentException($"EmbeddingBag: mode has to be one of sum, mean or max, got '{mode}'", nameof(mode));
        if (sparse) throw new NotSupportedException("EmbeddingBag: sparse gradients are not supported (sparse: true); use sparse: false");
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"EmbeddingBag: dtype must be floating point, got {dtype.TorchName()}", nameof(dtype));
        NumEmbeddings = numEmbeddings;
        EmbeddingDim = embeddingDim;
        MaxNorm = maxNorm;
        NormType = normType;
        ScaleGradByFreq = scaleGradByFreq;
        Mode = mode;
        IncludeLastOffset = includeLastOffset;
        PaddingIdx = paddingIdx is null ? null : (int)F.NormalizePaddingIdx(paddingIdx, numEmbeddings, "EmbeddingBag");
        if (weight is null)
        {
            Weight = RegisterParameter("weight", new Parameter(Torch.Empty(new Size(numEmbeddings, embeddingDim), dtype)))!;
            ResetParameters(generator);
        }
        else
        {
            if (weight.Dim != 2 || weight.Size(0) != numEmbeddings || weight.Size(1) != embeddingDim)
                throw new ArgumentException(
                    $"EmbeddingBag: Shape of weight does not match num_embeddings and embedding_dim: weight {weight.Shape}, expected [{numEmbeddings}, {embeddingDim}]",
                    nameof(weight));
            Weight = RegisterParameter("weight", new Parameter(weight))!;
        }
    }

    /// <summary>A bag layer wrapping <paramref name="embeddings"/> (PyTorch's <c>EmbeddingBag.from_pretrained</c>); the weight requires grad unless <paramref name="freeze"/>.</summary>
    /// <param name="embeddings">The [V, D] floating-point weights.</param>
    /// <param name="freeze">Keep the weight fixed (default true).</param>
    /// <param name="maxNorm">See the constructor (default null).</param>
    /// <param name="normType">See the constructor (default 2).</param>
    /// <param name="scaleGradByFreq">See the constructor (default false).</param>
    /// <param name="mode">See the constructor (default "mean").</param>
    /// <param name="sparse">Must be false (default false).</param>
    /// <param name="includeLastOffset">See the constructor (default false).</param>
    /// <param name="paddingIdx">See the constructor (default null).</param>
    /// <returns>The new layer.</returns>
    /// <exception cref="ArgumentException"><paramref name="embeddings"/> is not 2-D, or another argument is invalid.</exception>
    /// <exception cref="NotSupportedException"><paramref name="sparse"/> is true.</exception>
    public static EmbeddingBag FromPretrained(Tensor embeddings, bool freeze = true, double? maxNorm = null, double normType = 2.0,
        bool scaleGradByFreq = false, string mode = "mean", bool sparse = false, bool includeLastOffset = false, int? paddingIdx = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        if (embeddings.Dim != 2)
            throw new ArgumentException($"EmbeddingBag: Embeddings parameter is expected to be 2-dimensional, got shape {embeddings.Shape}", nameof(embeddings));
        var e = new EmbeddingBag(embeddings.Size(0), embeddings.Size(1), maxNorm, normType, scaleGradByFreq, mode, sparse, embeddings,
            includeLastOffset, paddingIdx);
        e.Weight.RequiresGrad = !freeze;
        return e;
    }

    /// <summary>The number of rows V.</summary>
    public int NumEmbeddings { get; }

    /// <summary>The size D of each embedding.</summary>
    public int EmbeddingDim { get; }

    /// <summary>The maximal norm of looked-up rows, or null.</summary>
    public double? MaxNorm { get; }

    /// <summary>The p of the p-norm for <see cref="MaxNorm"/>.</summary>
    public double NormType { get; }

    /// <summary>Whether gradients are scaled by the inverse index frequency.</summary>
    public bool ScaleGradByFreq { get; }

    /// <summary>"sum", "mean" or "max".</summary>
    public string Mode { get; }

    /// <summary>Whether offsets carry the end of the last bag.</summary>
    public bool IncludeLastOffset { get; }

    /// <summary>The padding index (normalized to [0, V)), or null.</summary>
    public int? PaddingIdx { get; }

    /// <summary>The table [V, D] (registered as <c>weight</c>).</summary>
    public Parameter Weight { get; }

    /// <summary>Re-draws the weight from N(0, 1) and zeroes the padding row.</summary>
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

    /// <summary>Reduces the fixed-size bags of a 2-D input [B, L] (see <see cref="F.EmbeddingBag"/>).</summary>
    /// <param name="input">int64/int32 indices [B, L].</param>
    /// <returns>[B, D].</returns>
    /// <exception cref="ArgumentException">The input is not 2-D int64/int32 indices.</exception>
    /// <exception cref="IndexOutOfRangeException">An index is out of range.</exception>
    public override Tensor Forward(Tensor input) => Forward(input, null);

    /// <summary>Reduces the bags (see <see cref="F.EmbeddingBag"/>).</summary>
    /// <param name="input">int64/int32 indices [B, L], or [n] with <paramref name="offsets"/>.</param>
    /// <param name="offsets">The start of each bag of a 1-D input, or null for a 2-D input.</param>
    /// <param name="perSampleWeights">Weights of the input's shape ("sum" mode only), or null (default).</param>
    /// <returns>[B, D].</returns>
    /// <exception cref="ArgumentException">A shape, dtype or offset is invalid.</exception>
    /// <exception cref="IndexOutOfRangeException">An index is out of range.</exception>
    public Tensor Forward(Tensor input, Tensor? offsets, Tensor? perSampleWeights = null) =>
        F.EmbeddingBag(input, Weight, offsets, MaxNorm, NormType, ScaleGradByFreq, Mode, false, perSampleWeights, IncludeLastOffset, PaddingIdx);

    /// <inheritdoc/>
    protected override string ExtraRepr()
    {
        var s = $"{NumEmbeddings}, {EmbeddingDim}";
        if (MaxNorm is double m) s += $", max_norm={PyRepr.Float(m)}";
        if (NormType != 2) s += $", norm_type={PyRepr.Float(NormType)}";
        if (ScaleGradByFreq) s += ", scale_grad_by_freq=True";
        s += $", mode={Mode}";
        if (PaddingIdx is not null) s += $", padding_idx={PaddingIdx}";
        return s;
    }
}
