namespace Ember.Data;

/// <summary>
/// Draws indices 0 … weights.Length-1 with probabilities proportional to <see cref="Weights"/>
/// (PyTorch's <c>WeightedRandomSampler</c>, i.e. <c>torch.multinomial</c>). With replacement each draw is
/// independent; without, an index is drawn at most once per pass (successive sampling: each draw is
/// proportional to the weights of the indices not yet drawn). Typical use: over-sampling rare classes
/// with weight 1 / (class count).
/// </summary>
public sealed class WeightedRandomSampler : Sampler<int>
{
    private readonly double[] _weights;
    private readonly double[] _cumulative;

    /// <summary>Creates a weighted sampler.</summary>
    /// <param name="weights">Non-negative, finite weights (not necessarily summing to 1), one per dataset index; copied.</param>
    /// <param name="numSamples">How many indices a pass yields; positive.</param>
    /// <param name="replacement">Draw with replacement (default true).</param>
    /// <param name="generator">The generator, advanced by every pass (default: the enumerating thread's <see cref="Generator.Default"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="numSamples"/> is not positive; a weight is negative, infinite or NaN;
    /// the weights sum to 0; or, without replacement, fewer than <paramref name="numSamples"/> weights are positive.</exception>
    public WeightedRandomSampler(double[] weights, int numSamples, bool replacement = true, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (numSamples <= 0)
            throw new ArgumentException($"WeightedRandomSampler: num_samples should be a positive integer value, but got num_samples={numSamples}", nameof(numSamples));
        if (weights.Length == 0)
            throw new ArgumentException("multinomial: prob_dist cannot be empty", nameof(weights));
        _weights = (double[])weights.Clone();
        _cumulative = new double[weights.Length];
        double max = 0;
        int positive = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            double w = weights[i];
            if (!double.IsFinite(w) || w < 0)
                throw new ArgumentException($"multinomial: probability tensor contains either `inf`, `nan` or element < 0 (weights[{i}] = {w})", nameof(weights));
            if (w > 0) positive++;
            max = Math.Max(max, w);
        }
        // Cumulative sums of the weights divided by the largest: finite weights near double.MaxValue cannot overflow to infinity.
        double sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            sum += max > 0 ? weights[i] / max : 0;
            _cumulative[i] = sum;
        }
        if (sum <= 0)
            throw new ArgumentException("multinomial: invalid multinomial distribution (sum of probabilities <= 0)", nameof(weights));
        if (!replacement && numSamples > positive)
            throw new ArgumentException(
                $"multinomial: invalid multinomial distribution (with replacement=False, not enough non-negative category to sample): {positive} positive weights, num_samples={numSamples}", nameof(numSamples));
        NumSamples = numSamples;
        Replacement = replacement;
        Generator = generator;
    }

    /// <summary>The weights.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>The number of indices one pass yields.</summary>
    public int NumSamples { get; }

    /// <summary>Whether indices are drawn with replacement.</summary>
    public bool Replacement { get; }

    /// <summary>The generator, or null for the enumerating thread's default.</summary>
    public Generator? Generator { get; }

    /// <inheritdoc/>
    public override int Count => NumSamples;

    /// <inheritdoc/>
    public override IEnumerator<int> GetEnumerator()
    {
        var g = Generator ?? Generator.Default;
        return Replacement ? WithReplacement(g) : WithoutReplacement(g).AsEnumerable().GetEnumerator();
    }

    // Drawn one by one as enumerated: num_samples = int.MaxValue allocates nothing.
    private IEnumerator<int> WithReplacement(Generator g)
    {
        double total = _cumulative[^1];
        for (int k = 0; k < NumSamples; k++)
        {
            double u = g.NextDouble() * total;
            // The first index whose cumulative weight exceeds u (zero-weight indices are never chosen).
            int lo = 0, hi = _cumulative.Length - 1;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (_cumulative[mid] > u) hi = mid; else lo = mid + 1;
            }
            yield return lo;
        }
    }

    private int[] WithoutReplacement(Generator g)
    {
        // Exponential keys E_i / w_i: sorting by key gives successive sampling without replacement
        // (the Efraimidis–Spirakis scheme torch.multinomial also uses), compared as log E_i - log w_i so that a
        // subnormal weight gets a finite key instead of +inf (which would tie it with the zero weights).
        int n = _weights.Length;
        var keys = new double[n];
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            double u;
            do u = g.NextDouble(); while (u <= 0);
            keys[i] = _weights[i] > 0 ? Math.Log(-Math.Log(u)) - Math.Log(_weights[i]) : double.PositiveInfinity;
            order[i] = i;
        }
        Array.Sort(keys, order);
        return order.AsSpan(0, NumSamples).ToArray();
    }
}
