namespace Ember.Metrics;

/// <summary>One compensated (Neumaier) float64 sum per output: robust over millions of batches.</summary>
internal sealed class OutputSums
{
    private double[] _sum = [], _compensation = [];

    /// <summary>The number of outputs, or -1 before the first batch.</summary>
    internal int Outputs { get; private set; } = -1;

    internal void EnsureOutputs(int outputs)
    {
        if (Outputs == outputs) return;
        Outputs = outputs;
        _sum = new double[outputs];
        _compensation = new double[outputs];
    }

    internal void Add(int output, double x)
    {
        double s = _sum[output], t = s + x;
        _compensation[output] += Math.Abs(s) >= Math.Abs(x) ? (s - t) + x : (x - t) + s;
        _sum[output] = t;
    }

    internal double this[int output] => _sum[output] + _compensation[output];

    internal void Reset()
    {
        Outputs = -1;
        _sum = [];
        _compensation = [];
    }
}
