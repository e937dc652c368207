using Ember.Metrics;

namespace Ember.Tests.Metrics;

/// <summary>Fixed predictions and the helpers that stream them; reference values come from scikit-learn 1.2.1.</summary>
internal static class MetricData
{
    // 14 samples, 4 classes; probabilities are counts / 20. Imbalanced truth; classes 2 and 3 are never predicted
    // (argmax, first maximum); rows 1 and 8 tie at the top.
    internal static readonly int[] ProbCounts =
        [5, 9, 4, 2, 9, 9, 1, 1, 8, 3, 7, 2, 8, 7, 2, 3, 7, 4, 7, 2, 11, 3, 4, 2, 11, 2, 4, 3, 12, 3, 3, 2, 11, 3, 4, 2, 9, 6, 3, 2, 6, 7, 5, 2, 8, 5, 3, 4, 10, 4, 4, 2, 7, 6, 5, 2];
    internal static readonly int[] MultiTrue = [0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 1];
    internal static readonly int[] MultiPred = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0];

    internal static Tensor Probabilities() => Torch.FromArray(Array.ConvertAll(ProbCounts, c => c / 20.0), 14, 4);
    internal static Tensor MultiTargets() => Torch.FromArray(MultiTrue);

    // Binary scores with ties (0.8 ×3, 0.5 ×3, 0.2 ×2); class 1 when score > 0.5.
    internal static readonly double[] BinaryScores = [0.9, 0.8, 0.8, 0.7, 0.55, 0.5, 0.5, 0.5, 0.3, 0.2, 0.2, 0.1, 0.8, 0.05];
    internal static readonly int[] BinaryTrue = [1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0];

    internal static readonly double[] RegTarget = [345.83, 216.66, 256.59, 373.7, 235.85, 457.89, 131.2, 383.5, 240.07, 241.9, 335.47];
    internal static readonly double[] RegPred = [244.06, 244.05, 265.18, 0.5, 242.51, 460.76, 117.37, 389.16, 272.34, 175.28, 384.5];

    internal static readonly double[] MultiOutTarget =
        [-0.298, -1.188, -2.291, 5.014, -0.767, -3.387, -0.132, -3.89, -3.467, -2.575, -1.536, -3.966, -6.506, 2.028, 1.881, -8.082, 4.597, 1.061];
    internal static readonly double[] MultiOutPred =
        [-0.044, -0.146, -1.685, 4.639, -0.137, -1.952, -0.249, -4.628, -3.013, -3.123, -1.334, -2.853, -7.014, 3.945, 0.493, -7.286, 5.162, -0.046];

    /// <summary>Uneven batch splits of n samples (one sample, a few, the rest; and all in one batch).</summary>
    internal static IEnumerable<int[]> Splits(int n)
    {
        yield return [n];
        yield return [1, n - 1];
        yield return [n - 2, 2];
        if (n >= 6) yield return [1, 4, n - 5];
        if (n >= 10) yield return [3, 3, 3, n - 9];
    }

    /// <summary>Feeds the rows of both tensors in batches of the given sizes (after a reset) and computes.</summary>
    internal static T Stream<T>(Metric<T> metric, Tensor predictions, Tensor targets, int[] sizes)
    {
        metric.Reset();
        int start = 0;
        foreach (int size in sizes)
        {
            metric.Update(predictions.Narrow(0, start, size), targets.Narrow(0, start, size));
            start += size;
        }
        Assert.Equal(predictions.ShapeArray[0], start);
        Assert.Equal(start, metric.Count);
        return metric.Compute();
    }

    /// <summary>Asserts the metric gives <paramref name="expected"/> (relative 1e-12) over every split, twice (reset works).</summary>
    internal static void AssertStreams(Metric<double> metric, Tensor predictions, Tensor targets, double expected, double tol = 1e-12)
    {
        foreach (var sizes in Splits(predictions.ShapeArray[0]))
        {
            double got = Stream(metric, predictions, targets, sizes);
            Assert.True(Math.Abs(got - expected) <= tol * Math.Max(1, Math.Abs(expected)),
                $"{metric.Name} over batches [{string.Join(", ", sizes)}]: expected {expected:R}, got {got:R}");
        }
    }
}
