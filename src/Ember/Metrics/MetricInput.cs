namespace Ember.Metrics;

/// <summary>Reads and validates the tensors a metric receives (every message starts with the metric's name).</summary>
internal static class MetricInput
{
    /// <summary>The largest class index accepted when the number of classes is not given.</summary>
    internal const int MaxClassIndex = 1 << 20;

    /// <summary>
    /// The predicted class of each sample: the argmax of each row of [N, C] scores (C ≥ 2; the first maximum wins),
    /// the value of integer [N] (or [N, 1]) labels, or float [N] (or [N, 1]) scores thresholded (score &gt; threshold → 1).
    /// </summary>
    internal static int[] PredictedLabels(Tensor predictions, double threshold, int? numClasses, string name)
    {
        if (predictions.Dim == 2 && predictions.ShapeArray[1] >= 2)
        {
            CheckClassColumns(predictions, numClasses, name, "predictions");
            return RowArgmax(predictions, name, "predictions");
        }
        CheckColumn(predictions, name, "predictions");
        if (!predictions.DType.IsFloatingPoint()) return Labels(predictions, numClasses, name, "predictions");
        var p = predictions.ToArray<double>();
        var labels = new int[p.Length];
        for (int i = 0; i < p.Length; i++)
        {
            if (double.IsNaN(p[i])) throw new ArgumentException($"{name}: predictions contain NaN (at sample {i})", nameof(predictions));
            labels[i] = p[i] > threshold ? 1 : 0;
            if (numClasses is int c && labels[i] >= c)
                throw new ArgumentOutOfRangeException(nameof(predictions), $"{name}: predicted class 1 (score {p[i]} at sample {i}) is out of range for {c} classes");
        }
        return labels;
    }

    /// <summary>
    /// The true class of each sample: integer-valued [N] (or [N, 1]) labels of any dtype, or the argmax of one-hot
    /// (or probability) rows when <paramref name="targets"/> is [N, C] with C ≥ 2.
    /// </summary>
    internal static int[] TrueLabels(Tensor targets, int? numClasses, string name)
    {
        if (targets.Dim == 2 && targets.ShapeArray[1] >= 2)
        {
            CheckClassColumns(targets, numClasses, name, "targets");
            return RowArgmax(targets, name, "targets");
        }
        CheckColumn(targets, name, "targets");
        return Labels(targets, numClasses, name, "targets");
    }

    private static void CheckClassColumns(Tensor t, int? numClasses, string name, string what)
    {
        if (numClasses is int c && t.ShapeArray[1] != c)
            throw new ArgumentException($"{name}: {what} {t.Shape} have {t.ShapeArray[1]} classes, expected {c}", what);
    }

    /// <summary>Checks that a label vector is [N] or [N, 1].</summary>
    internal static void CheckColumn(Tensor t, string name, string what)
    {
        if (t.Dim == 1 || (t.Dim == 2 && t.ShapeArray[1] == 1)) return;
        throw new ArgumentException($"{name}: {what} must be [N] or [N, 1] here, got shape {t.Shape}", what);
    }

    /// <summary>Integer-valued class indices in [0, numClasses) (or [0, 2^20] when not given).</summary>
    internal static int[] Labels(Tensor t, int? numClasses, string name, string what)
    {
        var v = t.ToArray<double>();
        var labels = new int[v.Length];
        long limit = numClasses ?? (long)MaxClassIndex + 1;
        for (int i = 0; i < v.Length; i++)
        {
            double x = v[i];
            if (double.IsNaN(x)) throw new ArgumentException($"{name}: {what} contain NaN (at sample {i})", what);
            if (x != Math.Floor(x))
                throw new ArgumentException($"{name}: {what} must be integer class indices, got {x} at sample {i}", what);
            if (x < 0 || x >= limit)
                throw new ArgumentOutOfRangeException(what, numClasses is int c
                    ? $"{name}: class index {x} in {what} (sample {i}) is out of range for {c} classes"
                    : $"{name}: class index {x} in {what} (sample {i}) is out of range [0, {MaxClassIndex}]");
            labels[i] = (int)x;
        }
        return labels;
    }

    /// <summary>The argmax of each row of [N, C] (the first maximum wins; ±inf allowed, NaN rejected).</summary>
    internal static int[] RowArgmax(Tensor t, string name, string what)
    {
        int n = t.ShapeArray[0], c = t.ShapeArray[1];
        var v = t.ToArray<double>();
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            double bestValue = double.NegativeInfinity;
            for (int j = 0; j < c; j++)
            {
                double x = v[i * c + j];
                if (double.IsNaN(x)) throw new ArgumentException($"{name}: {what} contain NaN (at sample {i}, class {j})", what);
                if (x > bestValue || j == 0) { best = j; bestValue = x; }
            }
            labels[i] = best;
        }
        return labels;
    }

    /// <summary>Checks that both tensors hold the same number of samples (dimension 0).</summary>
    internal static void CheckSameCount(int predicted, int truth, Tensor predictions, Tensor targets, string name)
    {
        if (predicted != truth)
            throw new ArgumentException(
                $"{name}: predictions {predictions.Shape} and targets {targets.Shape} hold different numbers of samples ({predicted} != {truth})",
                nameof(predictions));
    }

    /// <summary>Checks that every value is finite (scikit-learn rejects NaN and infinity).</summary>
    internal static void CheckFinite(double[] v, string name, string what)
    {
        for (int i = 0; i < v.Length; i++)
            if (!double.IsFinite(v[i]))
                throw new ArgumentException($"{name}: {what} contain {(double.IsNaN(v[i]) ? "NaN" : "infinity")} (at element {i})", what);
    }
}
