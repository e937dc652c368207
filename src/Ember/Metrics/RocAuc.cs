namespace Ember.Metrics;

/// <summary>
/// The area under the ROC curve (scikit-learn's <c>roc_auc_score</c>): the trapezoid rule over the curve's points
/// at every distinct score, so tied scores form one diagonal step, as scikit-learn's <c>roc_curve</c>.
/// </summary>
/// <remarks>
/// <para>Binary: predictions are scores [N] (or [N, 1]) of class 1 (probabilities or logits: only their order matters),
/// targets are 0/1 labels [N]. Both classes must have been seen.</para>
/// <para>Multiclass: predictions are probabilities [N, C] (C ≥ 2) whose rows sum to 1 (as <c>np.allclose</c>), targets
/// are class indices in [0, C); the result is the unweighted mean of the C one-vs-rest AUCs (scikit-learn's
/// <c>multi_class="ovr"</c>, <c>average="macro"</c>). Every class must have been seen in the targets. For C = 2 this
/// equals the binary AUC of column 1 (scikit-learn accepts only the column there).</para>
/// <para>The scores are kept until <see cref="Metric.Reset()"/> (8·C bytes per sample): the exact area needs them sorted.
/// NaN and infinite scores are rejected, as scikit-learn does.</para>
/// </remarks>
public sealed class RocAuc : Metric<double>
{
    private readonly List<double> _scores = [];
    private readonly List<int> _labels = [];
    private int _columns = -1; // 0 for binary scores [N], C for [N, C]

    /// <summary>Creates the metric.</summary>
    /// <param name="name">The display name (default <c>"auc"</c>, Keras' name).</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public RocAuc(string name = "auc") : base(name) { }

    /// <inheritdoc/>
    protected override long UpdateCore(Tensor predictions, Tensor targets)
    {
        bool multi = predictions.Dim == 2 && predictions.ShapeArray[1] >= 2;
        int columns = multi ? predictions.ShapeArray[1] : 0;
        if (!multi) MetricInput.CheckColumn(predictions, Name, "predictions");
        if (_columns >= 0 && columns != _columns)
            throw new ArgumentException(
                $"{Name}: predictions {predictions.Shape} do not match earlier batches ({(_columns == 0 ? "binary scores [N]" : $"[N, {_columns}] probabilities")})",
                nameof(predictions));
        MetricInput.CheckColumn(targets, Name, "targets");
        var truth = MetricInput.Labels(targets, multi ? columns : 2, Name, "targets");
        int n = predictions.ShapeArray[0];
        MetricInput.CheckSameCount(n, truth.Length, predictions, targets, Name);
        var s = predictions.ToArray<double>();
        MetricInput.CheckFinite(s, Name, "predictions");
        if (multi)
            for (int i = 0; i < n; i++)
            {
                double sum = 0;
                for (int j = 0; j < columns; j++) sum += s[i * columns + j];
                if (!(Math.Abs(1 - sum) <= 1e-8 + 1e-5 * Math.Abs(sum)))
                    throw new ArgumentException(
                        $"{Name}: multiclass scores must be probabilities that sum to 1 over classes; row {i} of predictions {predictions.Shape} sums to {sum}",
                        nameof(predictions));
            }
        _columns = columns;
        _scores.AddRange(s);
        _labels.AddRange(truth);
        return n;
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">Binary: only one class was seen in the targets. Multiclass: some class
    /// never occurs in the targets.</exception>
    protected override double ComputeCore()
    {
        int n = _labels.Count;
        var scores = new double[n];
        var positive = new bool[n];
        if (_columns == 0)
        {
            for (int i = 0; i < n; i++) { scores[i] = _scores[i]; positive[i] = _labels[i] == 1; }
            return Binary(scores, positive, "");
        }
        var seen = new bool[_columns];
        foreach (int l in _labels) seen[l] = true;
        int missing = Array.IndexOf(seen, false);
        if (missing >= 0)
            throw new InvalidOperationException(
                $"{Name}: class {missing} never occurs in the targets, so its one-vs-rest ROC AUC is not defined (predictions have {_columns} classes)");
        double total = 0;
        for (int c = 0; c < _columns; c++)
        {
            for (int i = 0; i < n; i++) { scores[i] = _scores[i * _columns + c]; positive[i] = _labels[i] == c; }
            total += Binary(scores, positive, $" (class {c} vs rest)");
        }
        return total / _columns;
    }

    /// <summary>The binary AUC; sorts <paramref name="scores"/> (with <paramref name="positive"/>) in place.</summary>
    private double Binary(double[] scores, bool[] positive, string what)
    {
        long p = 0;
        foreach (bool b in positive) if (b) p++;
        long negatives = positive.Length - p;
        if (p == 0 || negatives == 0)
            throw new InvalidOperationException($"{Name}: only one class is present in the targets{what}; ROC AUC is not defined in that case");
        Array.Sort(scores, positive);
        // Walk from the highest score down; each group of equal scores is one point of the curve.
        long tps = 0, fps = 0, prevTps = 0, prevFps = 0;
        Int128 twiceArea = 0;
        for (int i = scores.Length - 1; i >= 0; i--)
        {
            if (positive[i]) tps++; else fps++;
            if (i == 0 || scores[i - 1] != scores[i])
            {
                twiceArea += (Int128)(fps - prevFps) * (tps + prevTps);
                (prevTps, prevFps) = (tps, fps);
            }
        }
        return (double)twiceArea / (2.0 * p * negatives);
    }

    /// <inheritdoc/>
    protected override void ResetCore()
    {
        _scores.Clear();
        _labels.Clear();
        _columns = -1;
    }
}
