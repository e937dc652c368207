namespace Ember.Metrics;

/// <summary>
/// Per-class true-positive, predicted and true counts (exact integers) behind precision, recall and F1, with
/// scikit-learn's <c>precision_recall_fscore_support</c> on top (labels, averages, zero division).
/// </summary>
internal sealed class ClassCounts(Average average, int posLabel, double zeroDivision, int? numClasses)
{
    internal enum Score { Precision, Recall, F1 }

    private long[] _tp = [], _pred = [], _true = [];

    /// <summary>Validates both options once (the constructors of the public metrics call it).</summary>
    internal static void CheckOptions(string name, Average average, int posLabel, double zeroDivision, int? numClasses)
    {
        if (!Enum.IsDefined(average)) throw new ArgumentOutOfRangeException(nameof(average), $"{name}: average {(int)average} is not defined");
        if (posLabel < 0 || posLabel > MetricInput.MaxClassIndex)
            throw new ArgumentOutOfRangeException(nameof(posLabel), $"{name}: posLabel must be a class index in [0, {MetricInput.MaxClassIndex}], got {posLabel}");
        if (zeroDivision is not (0.0 or 1.0))
            throw new ArgumentException($"{name}: zeroDivision must be 0 or 1, got {zeroDivision}", nameof(zeroDivision));
        if (numClasses is int c && (c < 1 || c > MetricInput.MaxClassIndex))
            throw new ArgumentOutOfRangeException(nameof(numClasses), $"{name}: numClasses must be in [1, {MetricInput.MaxClassIndex}], got {c}");
    }

    internal long Update(Tensor predictions, Tensor targets, string name)
    {
        var pred = MetricInput.PredictedLabels(predictions, 0.5, numClasses, name);
        var truth = MetricInput.TrueLabels(targets, numClasses, name);
        MetricInput.CheckSameCount(pred.Length, truth.Length, predictions, targets, name);
        int max = _tp.Length - 1;
        foreach (int l in pred) max = Math.Max(max, l);
        foreach (int l in truth) max = Math.Max(max, l);
        if (average == Average.Binary) CheckBinary(pred, truth, name);
        if (max >= _tp.Length)
        {
            int size = Math.Max(max + 1, Math.Min(2 * _tp.Length, MetricInput.MaxClassIndex + 1));
            Array.Resize(ref _tp, size);
            Array.Resize(ref _pred, size);
            Array.Resize(ref _true, size);
        }
        for (int i = 0; i < pred.Length; i++)
        {
            _pred[pred[i]]++;
            _true[truth[i]]++;
            if (pred[i] == truth[i]) _tp[pred[i]]++;
        }
        return pred.Length;
    }

    /// <summary>scikit-learn's "Target is multiclass but average='binary'": more than two labels in all the data seen.</summary>
    private void CheckBinary(int[] pred, int[] truth, string name)
    {
        var labels = new SortedSet<int>(Present());
        foreach (int l in pred) labels.Add(l);
        foreach (int l in truth) labels.Add(l);
        if (labels.Count > 2)
            throw new ArgumentException(
                $"{name}: target is multiclass (labels {string.Join(", ", labels)}) but average is Binary; choose Micro, Macro or Weighted",
                "predictions");
    }

    private List<int> Present()
    {
        var present = new List<int>();
        for (int c = 0; c < _tp.Length; c++) if (_pred[c] + _true[c] > 0) present.Add(c);
        return present;
    }

    internal double Compute(Score score, string name)
    {
        List<int> labels;
        if (average == Average.Binary)
        {
            var present = Present();
            if (!present.Contains(posLabel) && present.Count >= 2)
                throw new InvalidOperationException(
                    $"{name}: posLabel={posLabel} is not a valid label; it should be one of [{string.Join(", ", present)}]");
            labels = [posLabel];
        }
        else if (numClasses is int c)
        {
            labels = new List<int>(c);
            for (int i = 0; i < c; i++) labels.Add(i);
        }
        else labels = Present();

        if (average == Average.Micro)
        {
            long tp = 0, ps = 0, ts = 0;
            foreach (int l in labels) { tp += Get(_tp, l); ps += Get(_pred, l); ts += Get(_true, l); }
            return Pick(score, tp, ps, ts);
        }
        if (average == Average.Weighted)
        {
            long weightSum = 0, predSum = 0;
            foreach (int l in labels) { weightSum += Get(_true, l); predSum += Get(_pred, l); }
            if (weightSum == 0)
                return predSum == 0 ? zeroDivision : score == Score.Recall ? zeroDivision : 0.0;
            double sum = 0;
            foreach (int l in labels) sum += Get(_true, l) * Pick(score, Get(_tp, l), Get(_pred, l), Get(_true, l));
            return sum / weightSum;
        }
        double total = 0;
        foreach (int l in labels) total += Pick(score, Get(_tp, l), Get(_pred, l), Get(_true, l));
        return total / labels.Count;
    }

    private static long Get(long[] counts, int label) => label < counts.Length ? counts[label] : 0;

    private double Pick(Score score, long tp, long predicted, long actual)
    {
        double p = predicted == 0 ? zeroDivision : (double)tp / predicted;
        double r = actual == 0 ? zeroDivision : (double)tp / actual;
        if (score == Score.Precision) return p;
        if (score == Score.Recall) return r;
        double denom = p + r;
        return 2 * p * r / (denom == 0 ? 1 : denom);
    }

    internal void Reset()
    {
        _tp = [];
        _pred = [];
        _true = [];
    }
}
