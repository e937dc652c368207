using Ember.Metrics;
using static Ember.Tests.Metrics.MetricData;

namespace Ember.Tests.Metrics;

/// <summary>Accuracy, top-k, precision/recall/F1 and the confusion matrix against scikit-learn 1.2.1.</summary>
public class ClassificationMetricTests
{
    [Fact]
    public void AccuracyFromProbabilitiesLabelsAndBinaryScores()
    {
        AssertStreams(new Accuracy(), Probabilities(), MultiTargets(), 0.35714285714285715);
        AssertStreams(new Accuracy(), Torch.FromArray(MultiPred), MultiTargets(), 0.35714285714285715);
        // one-hot targets [N, C] are read by argmax; float targets with integer values are class indices
        AssertStreams(new Accuracy(), Probabilities(), Torch.OneHot(MultiTargets(), 4), 0.35714285714285715);
        AssertStreams(new Accuracy(), Probabilities(), MultiTargets().To(DType.Float32), 0.35714285714285715);
        AssertStreams(new Accuracy(), Torch.FromArray(BinaryScores), Torch.FromArray(BinaryTrue), 0.7142857142857143);
        // [N, 1] probabilities; logits with threshold 0 give the same classes as sigmoid > 0.5
        var scores = Torch.FromArray(BinaryScores, 14, 1);
        AssertStreams(new Accuracy(), scores, Torch.FromArray(BinaryTrue, 14, 1), 0.7142857142857143);
        var logits = (scores / (1 - scores)).Log();
        AssertStreams(new Accuracy(threshold: 0), logits, Torch.FromArray(BinaryTrue), 0.7142857142857143);
        Assert.Equal("accuracy", new Accuracy().Name);
    }

    [Theory]
    [InlineData(1, 0.21428571428571427)] // ties at the top rank the larger class index first, as scikit-learn
    [InlineData(2, 0.5)]
    [InlineData(3, 0.8571428571428571)]
    [InlineData(4, 1.0)]
    public void TopKAccuracyMatchesScikitLearnWithTies(int k, double expected)
    {
        var m = new TopKAccuracy(k);
        Assert.Equal($"top_{k}_accuracy", m.Name);
        AssertStreams(m, Probabilities(), MultiTargets(), expected);
    }

    [Theory]
    [InlineData(Average.Macro, 0, 0.10416666666666667, 0.20833333333333334, 0.1388888888888889)]
    [InlineData(Average.Macro, 1, 0.6041666666666667, 0.20833333333333334, 0.1388888888888889)]
    [InlineData(Average.Micro, 0, 0.35714285714285715, 0.35714285714285715, 0.35714285714285715)]
    [InlineData(Average.Micro, 1, 0.35714285714285715, 0.35714285714285715, 0.35714285714285715)]
    [InlineData(Average.Weighted, 0, 0.17857142857142858, 0.35714285714285715, 0.2380952380952381)]
    [InlineData(Average.Weighted, 1, 0.4642857142857143, 0.35714285714285715, 0.2380952380952381)]
    public void MulticlassPrecisionRecallF1WithNeverPredictedClasses(Average average, double zeroDivision, double p, double r, double f)
    {
        AssertStreams(new Precision(average, zeroDivision: zeroDivision), Probabilities(), MultiTargets(), p);
        AssertStreams(new Recall(average, zeroDivision: zeroDivision), Probabilities(), MultiTargets(), r);
        AssertStreams(new F1Score(average, zeroDivision: zeroDivision), Probabilities(), MultiTargets(), f);
        AssertStreams(new F1Score(average, zeroDivision: zeroDivision), Torch.FromArray(MultiPred), MultiTargets(), f);
    }

    [Theory]
    [InlineData(Average.Macro, 0.08333333333333334, 0.16666666666666669, 0.11111111111111112)]
    [InlineData(Average.Micro, 0.35714285714285715, 0.35714285714285715, 0.35714285714285715)]
    [InlineData(Average.Weighted, 0.17857142857142858, 0.35714285714285715, 0.2380952380952381)]
    public void NumClassesCountsAClassNeverSeen(Average average, double p, double r, double f)
    {
        // scikit-learn's labels=range(5): class 4 never occurs, and counts as 0 in the macro average
        var pred = Torch.FromArray(MultiPred);
        AssertStreams(new Precision(average, numClasses: 5), pred, MultiTargets(), p);
        AssertStreams(new Recall(average, numClasses: 5), pred, MultiTargets(), r);
        AssertStreams(new F1Score(average, numClasses: 5), pred, MultiTargets(), f);
    }

    [Fact]
    public void BinaryPrecisionRecallF1()
    {
        var s = Torch.FromArray(BinaryScores);
        var y = Torch.FromArray(BinaryTrue);
        AssertStreams(new Precision(), s, y, 0.6666666666666666);
        AssertStreams(new Recall(), s, y, 0.6666666666666666);
        AssertStreams(new F1Score(), s, y, 0.6666666666666666);
        AssertStreams(new Precision(posLabel: 0), s, y, 0.75);
        AssertStreams(new Recall(posLabel: 0), s, y, 0.75);
        AssertStreams(new F1Score(posLabel: 0), s, y, 0.75);
    }

    [Theory]
    [InlineData(0, 0.0, 0.0, 0.0)]
    [InlineData(1, 1.0, 0.0, 0.0)]
    public void BinaryZeroDivisionWhenNothingIsPredictedPositive(double zd, double p, double r, double f)
    {
        var none = Torch.Zeros(new Size(14), DType.Int64);
        var y = Torch.FromArray(BinaryTrue);
        AssertStreams(new Precision(zeroDivision: zd), none, y, p);
        AssertStreams(new Recall(zeroDivision: zd), none, y, r);
        AssertStreams(new F1Score(zeroDivision: zd), none, y, f);
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 1.0)]
    public void BinaryZeroDivisionWhenThePositiveClassNeverOccurs(double zd, double expected)
    {
        var zeros = Torch.Zeros(new Size(5), DType.Int64);
        AssertStreams(new Precision(zeroDivision: zd), zeros, zeros, expected);
        AssertStreams(new Recall(zeroDivision: zd), zeros, zeros, expected);
        AssertStreams(new F1Score(zeroDivision: zd), zeros, zeros, expected);
    }

    [Fact]
    public void ConfusionMatrixRowsTrueColumnsPredicted()
    {
        long[] expected = [5, 1, 0, 0, 4, 0, 0, 0, 1, 1, 0, 0, 2, 0, 0, 0];
        var m = new ConfusionMatrix(4);
        foreach (var sizes in Splits(14))
        {
            var cm = Stream(m, Probabilities(), MultiTargets(), sizes);
            Assert.Equal(DType.Int64, cm.DType);
            Assert.Equal([4, 4], cm.ShapeArray);
            Assert.Equal(expected, cm.ToArray<long>());
        }
        // the result is a snapshot: later updates do not change it
        var first = m.Compute();
        m.Update(Probabilities(), MultiTargets());
        Assert.Equal(expected, first.ToArray<long>());
        Assert.Equal(2 * expected[0], m.Compute().ToArray<long>()[0]);
    }
}
