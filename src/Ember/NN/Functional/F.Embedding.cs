using Ember.Autograd;
using Ember.Kernels;

namespace Ember.NN;

public static partial class F
{
    /// <summary>
    /// A lookup table (PyTorch's <c>F.embedding</c>): row <c>input[...]</c> of <paramref name="weight"/> for every index,
    /// so the output has shape <c>input.Shape + [D]</c>. Differentiable in <paramref name="weight"/>: its gradient is the
    /// output gradient index-added into a zero [V, D] tensor (repeated indices accumulate; the row
    /// <paramref name="paddingIdx"/> gets none).
    /// </summary>
    /// <param name="input">Indices of any shape, int64 or int32, each in [0, V).</param>
    /// <param name="weight">The table [V, D] (any dtype; floating point to be differentiable).</param>
    /// <param name="paddingIdx">The index whose row gets no gradient (negative counts from the end), or null (default).</param>
    /// <param name="maxNorm">When given, every row looked up whose <paramref name="normType"/>-norm exceeds it is rescaled in
    /// place (under no-grad, as PyTorch: weight[i] *= maxNorm/(norm + 1e-7)) before the lookup (default null).</param>
    /// <param name="normType">The p of the p-norm for <paramref name="maxNorm"/> (default 2).</param>
    /// <param name="scaleGradByFreq">Divide each row's gradient by the number of times its index occurs in <paramref name="input"/> (default false).</param>
    /// <param name="sparse">Sparse gradients: not supported, must be false (default false).</param>
    /// <returns>A tensor of shape input.Shape + [D] and the weight's dtype.</returns>
    /// <exception cref="ArgumentException">The weight is not 2-D, the indices are not int64/int32, or
    /// <paramref name="paddingIdx"/> is outside [−V, V).</exception>
    /// <exception cref="IndexOutOfRangeException">An index is outside [0, V).</exception>
    /// <exception cref="NotSupportedException"><paramref name="sparse"/> is true; or <paramref name="maxNorm"/> is given and the weight is not floating point.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="maxNorm"/> renormalizes a weight that may not be written in place.</exception>
    public static Tensor Embedding(Tensor input, Tensor weight, int? paddingIdx = null, double? maxNorm = null, double normType = 2.0,
        bool scaleGradByFreq = false, bool sparse = false)
    {
        const string op = "embedding";
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        if (sparse)
            throw new NotSupportedException($"{op}: sparse gradients are not supported (sparse: true); use sparse: false");
        if (weight.Dim != 2)
            throw new ArgumentException($"{op}: 'weight' must be 2-D, got weight of shape {weight.Shape}", nameof(weight));
        CheckIndexDType(input, "indices", op);
        int num = weight.Size(0), d = weight.Size(1);
        long pad = NormalizePaddingIdx(paddingIdx, num, op);
        var idx = EmbeddingKernel.Indices(input, num, op);
        if (maxNorm is double mn) EmbeddingRenorm(weight, idx, mn, normType, op);
        var shape = new int[input.Dim + 1];
        input.ShapeArray.CopyTo(shape, 0);
        shape[^1] = d;
        var y = EmbeddingKernel.Lookup(weight, idx, shape);
        if (Graph.NeedsGrad(weight)) Graph.Record(y, new EmbeddingBackward(idx, num, d, pad, scaleGradByFreq), weight);
        return y;
    }

    /// <summary>Raises "<paramref name="op"/>: expected … int64 or int32" for indices of any other dtype.</summary>
    private static void CheckIndexDType(Tensor t, string name, string op)
    {
        if (t.DType is not (DType.Int64 or DType.Int32))
            throw new ArgumentException(
                $"{op}: expected {name} of dtype torch.int64 or torch.int32, but got {t.DType.TorchName()} (shape {t.Shape})", name);
    }

    /// <summary>A padding index in [0, num) (negative counts from the end), or −1 for none; PyTorch's range check.</summary>
    internal static long NormalizePaddingIdx(int? paddingIdx, int num, string op)
    {
        if (paddingIdx is not int p) return -1;
        if (p >= num || p < -num)
            throw new ArgumentException($"{op}: padding_idx must be within num_embeddings, -{num} through {num - 1}, but got {p}", nameof(paddingIdx));
        return p < 0 ? num + p : p;
    }

    /// <summary>PyTorch's <c>embedding_renorm_</c> under no-grad: each distinct looked-up row whose p-norm exceeds maxNorm is scaled by maxNorm/(norm + 1e-7).</summary>
    private static void EmbeddingRenorm(Tensor weight, long[] idx, double maxNorm, double normType, string op)
    {
        if (!weight.DType.IsFloatingPoint()) throw Dispatch.Unsupported(op + " (max_norm)", weight.DType);
        if (idx.Length == 0) return;
        var unique = idx.Distinct().ToArray();
        using var _ = Torch.NoGrad();
        var uniq = Torch.FromArray(unique, unique.Length);
        var rows = weight.IndexSelect(0, uniq);
        var norms = rows.Norm(normType, 1).ToArray<double>();
        var sel = new List<long>();
        var scales = new List<double>();
        for (int i = 0; i < unique.Length; i++)
            if (norms[i] > maxNorm) { sel.Add(unique[i]); scales.Add(maxNorm / (norms[i] + 1e-7)); }
        if (sel.Count == 0) return;
        var selT = Torch.FromArray(sel.ToArray(), sel.Count);
        var scaled = weight.IndexSelect(0, selT) * Torch.FromArray(scales.ToArray(), sel.Count, 1).To(weight.DType);
        weight.IndexCopy_(0, selT, scaled);
    }

    /// <summary>
    /// The weight gradient of <see cref="Embedding"/>: grad rows index-added into zeros [V, D], skipping the padding index
    /// and scaled by 1/frequency when asked; a fused row accumulation, or ordinary ops when a graph of the backward is built.
    /// </summary>
    private sealed class EmbeddingBackward(long[] idx, int num, int d, long pad, bool scaleGradByFreq) : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad)
        {
            if (!GradMode.IsEnabled) return [EmbeddingKernel.Backward(grad, idx, num, d, pad, scaleGradByFreq)];
            int n = idx.Length;
            var g = grad.Reshape(n, d);
            if (scaleGradByFreq || pad >= 0)
            {
                var counts = new int[num];
                foreach (var k in idx) counts[k]++;
                var s = new double[n];
                for (int i = 0; i < n; i++) s[i] = idx[i] == pad ? 0 : scaleGradByFreq ? 1.0 / counts[idx[i]] : 1;
                g = g * Torch.FromArray(s, n, 1).To(grad.DType);
            }
            return [Torch.Zeros([num, d], grad.DType).IndexAdd(0, Torch.FromArray(idx, n), g)];
        }
    }

    /// <summary>
    /// Sums, averages or takes the elementwise maximum of bags of embeddings without materializing the looked-up rows
    /// (PyTorch's <c>F.embedding_bag</c>). A 2-D <paramref name="input"/> [B, L] is B bags of L indices (offsets must be
    /// null); a 1-D input is cut into bags at <paramref name="offsets"/> (bag b is input[offsets[b] .. offsets[b + 1]),
    /// the last bag runs to the end, unless <paramref name="includeLastOffset"/>, where offsets has B + 1 entries and the
    /// last one ends the last bag). Indices equal to <paramref name="paddingIdx"/> are left out of their bag (and of the
    /// mean's count); an empty bag gives zeros. Differentiable in <paramref name="weight"/> and
    /// <paramref name="perSampleWeights"/> (not twice).
    /// <para>
    /// Two documented differences from PyTorch 1.13's CPU kernel, both where it misbehaves: with
    /// <paramref name="scaleGradByFreq"/>, each row's gradient is divided by its index's true number of occurrences
    /// (PyTorch 1.13 miscounts some indices of offset bags); and with <paramref name="includeLastOffset"/>, indices at or
    /// after the last offset belong to no bag (PyTorch 1.13 corrupts memory when the last offset is below the input's length).
    /// </para>
    /// </summary>
    /// <param name="input">Indices, int64 or int32: [B, L], or [n] with <paramref name="offsets"/>.</param>
    /// <param name="weight">The floating-point table [V, D].</param>
    /// <param name="offsets">The start of each bag in a 1-D input (int64/int32, starting at 0, non-decreasing, at most n), or null for a 2-D input (default null).</param>
    /// <param name="maxNorm">Renormalize the looked-up rows in place to this norm at most, as <see cref="Embedding"/> (default null).</param>
    /// <param name="normType">The p of the p-norm for <paramref name="maxNorm"/> (default 2).</param>
    /// <param name="scaleGradByFreq">Divide each row's gradient by its index's number of occurrences (default false; not with "max").</param>
    /// <param name="mode">"sum", "mean" (default) or "max".</param>
    /// <param name="sparse">Sparse gradients: not supported, must be false (default false).</param>
    /// <param name="perSampleWeights">Weights of the input's shape multiplying each looked-up row ("sum" mode only), or null (default).</param>
    /// <param name="includeLastOffset">Offsets has one entry more than there are bags, the last being the end (default false).</param>
    /// <param name="paddingIdx">The index left out of every bag (negative counts from the end), or null (default).</param>
    /// <returns>[B, D] of the weight's dtype.</returns>
    /// <exception cref="ArgumentException">A shape, dtype, mode or offset is invalid (the message names it).</exception>
    /// <exception cref="IndexOutOfRangeException">An index is outside [0, V).</exception>
    /// <exception cref="NotSupportedException"><paramref name="sparse"/> is true, or the weight is not floating point.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="maxNorm"/> renormalizes a weight that may not be written in place.</exception>
    public static Tensor EmbeddingBag(Tensor input, Tensor weight, Tensor? offsets = null, double? maxNorm = null, double normType = 2,
        bool scaleGradByFreq = false, string mode = "mean", bool sparse = false, Tensor? perSampleWeights = null,
        bool includeLastOffset = false, int? paddingIdx = null)
    {
        const string op = "embedding_bag";
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(mode);
        int modeEnum = mode switch
        {
            "sum" => 0,
            "mean" => 1,
            "max" => 2,
            _ => throw new ArgumentException($"{op}: mode has to be one of sum, mean or max, got '{mode}'", nameof(mode)),
        };
        if (sparse)
            throw new NotSupportedException($"{op}: sparse gradients are not supported (sparse: true); use sparse: false");
        if (modeEnum == 2 && scaleGradByFreq)
            throw new ArgumentException($"{op}: max mode does not support scaling the gradient by the frequency", nameof(scaleGradByFreq));
        if (weight.Dim != 2)
            throw new ArgumentException($"{op}: 'weight' must be 2-D, got weight of shape {weight.Shape}", nameof(weight));
        if (!weight.DType.IsFloatingPoint()) throw Dispatch.Unsupported(op, weight.DType);
        CheckIndexDType(input, "indices", op);
        if (perSampleWeights is not null)
        {
            if (!perSampleWeights.ShapeArray.AsSpan().SequenceEqual(input.ShapeArray))
                throw new ArgumentException(
                    $"{op}: If per_sample_weights ({perSampleWeights.Shape}) is not None, then it must have the same shape as the input ({input.Shape})",
                    nameof(perSampleWeights));
            if (modeEnum != 0)
                throw new ArgumentException(
                    $"{op}: per_sample_weights was not None. per_sample_weights is only supported for mode='sum' (got mode='{mode}')",
                    nameof(perSampleWeights));
            if (perSampleWeights.DType != weight.DType)
                throw new ArgumentException(
                    $"{op}: expected per_sample_weights to have the weight's dtype {weight.DType.TorchName()}, got {perSampleWeights.DType.TorchName()}",
                    nameof(perSampleWeights));
        }
        int num = weight.Size(0);
        long pad = NormalizePaddingIdx(paddingIdx, num, op);
        int[] starts;
        if (input.Dim == 2)
        {
            if (offsets is not null)
                throw new ArgumentException(
                    $"{op}: if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed length sequences. " +
                    $"However, found offsets of shape {offsets.Shape}", nameof(offsets));
            int b = input.Size(0), l = input.Size(1);
            if (l == 0)
            {
                // B empty bags (B is not bounded by the input's memory): zeros, connected to the weight
                var z = Torch.Zeros(new Size(b, weight.Size(1)), weight.DType);
                return Graph.NeedsGrad(weight) ? z + weight.Narrow(0, 0, 0).Sum([0]) : z;   // an empty sum: zeros [D] with a graph
            }
            starts = new int[b + 1];
            for (int i = 0; i <= b; i++) starts[i] = i * l;
        }
        else if (input.Dim == 1)
        {
            if (offsets is null) throw new ArgumentException($"{op}: offsets has to be a 1D Tensor but got None", nameof(offsets));
            if (offsets.Dim != 1) throw new ArgumentException($"{op}: offsets has to be a 1D Tensor, got shape {offsets.Shape}", nameof(offsets));
            CheckIndexDType(offsets, "offsets", op);
            starts = BagStarts(offsets.ToArray<long>(), input.Numel, includeLastOffset, op);
        }
        else
            throw new ArgumentException($"{op}: input has to be 1D or 2D Tensor, but got Tensor of dimension {input.Dim} (shape {input.Shape})", nameof(input));

        var idx = EmbeddingKernel.Indices(input, num, op);
        if (maxNorm is double mn) EmbeddingRenorm(weight, idx, mn, normType, op);
        var bags = new EmbeddingKernel.Bags(idx, starts, pad);
        var y = EmbeddingKernel.BagForward(weight, bags, modeEnum, perSampleWeights?.Reshape(-1), out var argmax);
        if (Graph.NeedsGrad(weight, perSampleWeights ?? weight))
            Graph.Record(y, new EmbeddingBagBackward(weight, perSampleWeights, bags, modeEnum, argmax, scaleGradByFreq), weight, perSampleWeights);
        return y;
    }

    /// <summary>The start of each bag plus the end of the last, from PyTorch's offsets, checked.</summary>
    private static int[] BagStarts(long[] offsets, int n, bool includeLastOffset, string op)
    {
        if (offsets.Length == 0)
        {
            if (includeLastOffset)
                throw new ArgumentException($"{op}: include_last_offset: number of offsets should be at least 1, got 0", "offsets");
            return [0];
        }
        if (offsets[0] != 0)
            throw new ArgumentException(
                $"{op}: offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start from position 0. However, got {offsets[0]}", "offsets");
        if (offsets[^1] > n)
            throw new ArgumentException(
                $"{op}: offsets[-1] can not be greater than input's length {n}, but got offsets[-1] of {offsets[^1]}", "offsets");
        for (int i = 1; i < offsets.Length; i++)
            if (offsets[i] < offsets[i - 1])
                throw new ArgumentException(
                    $"{op}: offsets must be non-decreasing, but got offsets[{i}] = {offsets[i]} < offsets[{i - 1}] = {offsets[i - 1]}", "offsets");
        int bagsCount = includeLastOffset ? offsets.Length - 1 : offsets.Length;
        var starts = new int[bagsCount + 1];
        for (int i = 0; i < bagsCount; i++) starts[i] = (int)offsets[i];
        starts[bagsCount] = includeLastOffset ? (int)offsets[^1] : n;
        return starts;
    }

    /// <summary>The gradients of <see cref="EmbeddingBag"/> for the weight and the per-sample weights (fused kernels; not differentiable again).</summary>
    private sealed class EmbeddingBagBackward(Tensor weight, Tensor? perSampleWeights, EmbeddingKernel.Bags bags, int mode, int[]? argmax,
        bool scaleGradByFreq) : Node
    {
        // the weight is needed only for the per-sample weights' gradient
        private SavedTensor _w = perSampleWeights is null ? default : new(weight);
        private SavedTensor _psw = perSampleWeights is null ? default : new(perSampleWeights);
        private readonly int _num = weight.ShapeArray[0], _d = weight.ShapeArray[1];
        private readonly bool _hasPsw = perSampleWeights is not null;
        private readonly int[] _pswShape = perSampleWeights?.ShapeArray.ToArray() ?? [];

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var w = _hasPsw ? Unpack(_w) : null;
            var psw = _hasPsw ? Unpack(_psw).Reshape(-1) : null;
            var (dw, dpsw) = EmbeddingKernel.BagBackward(grad, _num, _d, w, bags, mode, psw, argmax, scaleGradByFreq, NeedsGrad(0), _hasPsw && NeedsGrad(1));
            return [dw, dpsw?.Reshape(_pswShape)];
        }

        protected override void ReleaseSaved() => (_w, _psw) = (default, default);
    }
}
