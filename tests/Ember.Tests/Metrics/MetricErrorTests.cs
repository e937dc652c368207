using Ember.Metrics;
using static Ember.Tests.Metrics.MetricData;

namespace Ember.Tests.Metrics;

/// <summary>Bad input gets a clear exception whose message starts with the metric's name.</summary>
public class MetricErrorTests
{
    private static Tensor L(params int[] v) => Torch.FromArray(v);
    private static Tensor D(params double[] v) => Torch.FromArray(v);

    public static TheoryData<Func<Metric>> AllMetrics() =>
    [
        () => new Accuracy(), () => new TopKAccuracy(2), () => new Precision(Average.Macro), () => new Recall(Average.Micro),
        () => new F1Score(Average.Weighted), () => new ConfusionMatrix(4), () => new RocAuc(), () => new MeanSquaredError(),
        () => new RootMeanSquaredError(), () => new MeanAbsoluteError(), () => new LogRmse(), () => new R2Score(),
    ];

    [Theory]
    [MemberData(nameof(AllMetrics))]
    public void ComputeBeforeUpdateAndAfterResetThrows(Func<Metric> make)
    {
        var m = make();
        Func<object?> compute = m switch { Metric<double> d => () => d.Compute(), Metric<Tensor> t => () => t.Compute(), _ => throw new InvalidOperationException() };
        var e = Assert.Throws<InvalidOperationException>(compute);
        Assert.StartsWith($"{m.Name}: Compute was called before any Update", e.Message);
        bool regression = m is MeanSquaredError or RootMeanSquaredError or MeanAbsoluteError or LogRmse or R2Score;
        m.Update(Probabilities(), regression ? Probabilities() + 0.5 : MultiTargets());
        compute();
        m.Reset();
        Assert.Equal(0, m.Count);
        Assert.Throws<InvalidOperationException>(compute);
        Assert.Throws<ArgumentNullException>(() => m.Update(null!, MultiTargets()));
    }

    [Theory]
    [MemberData(nameof(AllMetrics))]
    public void MismatchedSampleCountsAndNaNPredictionsThrowAndLeaveTheStateUnchanged(Func<Metric> make)
    {
        var m = make();
        bool regression = m is MeanSquaredError or RootMeanSquaredError or MeanAbsoluteError or LogRmse or R2Score;
        var y = regression ? Probabilities() + 0.5 : MultiTargets();
        var e = Assert.ThrowsAny<ArgumentException>(() => m.Update(Probabilities(), y.Narrow(0, 0, 13)));
        Assert.StartsWith(m.Name + ":", e.Message);
        var nan = Probabilities().Clone();
        nan.Narrow(0, 3, 1).Fill_(double.NaN);
        e = Assert.ThrowsAny<ArgumentException>(() => m.Update(nan, y));
        Assert.StartsWith(m.Name + ":", e.Message);
        Assert.Contains("NaN", e.Message);
        Assert.Equal(0, m.Count);
    }

    [Fact]
    public void ClassIndexOutOfRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrix(3).Update(L(0, 1, 2), L(0, 3, 1)));
        Assert.StartsWith("confusion_matrix: class index 3 in targets (sample 1) is out of range for 3 classes", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Accuracy().Update(L(0, 1), L(0, -1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TopKAccuracy(1).Update(Probabilities(), MultiTargets() + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Precision(Average.Macro, numClasses: 2).Update(L(0, 2), L(0, 1)));
        Assert.StartsWith("confusion_matrix: predictions [14, 4] have 4 classes, expected 3",
            Assert.Throws<ArgumentException>(() => new ConfusionMatrix(3).Update(Probabilities(), MultiTargets())).Message);
        Assert.StartsWith("accuracy: targets must be integer class indices, got 0.5",
            Assert.Throws<ArgumentException>(() => new Accuracy().Update(L(0, 1), D(0, 0.5))).Message);
        Assert.StartsWith("accuracy: predictions must be [N] or [N, 1] here, got shape [2, 2, 2]",
            Assert.Throws<ArgumentException>(() => new Accuracy().Update(Torch.Zeros(2, 2, 2), L(0, 1))).Message);
    }

    [Fact]
    public void TopKLargerThanTheNumberOfClasses()
    {
        var e = Assert.Throws<ArgumentException>(() => new TopKAccuracy(5).Update(Probabilities(), MultiTargets()));
        Assert.StartsWith("top_5_accuracy: k (5) is greater than the number of classes (4)", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TopKAccuracy(0));
        Assert.Throws<ArgumentException>(() => new TopKAccuracy(1).Update(D(0.5, 0.2), L(0, 1)));
    }

    [Fact]
    public void BinaryAverageRejectsMulticlassAndAnAbsentPositiveLabel()
    {
        var p = new Precision();
        p.Update(L(0, 1), L(1, 1));
        var e = Assert.Throws<ArgumentException>(() => p.Update(L(2), L(0)));
        Assert.StartsWith("precision: target is multiclass (labels 0, 1, 2) but average is Binary", e.Message);
        Assert.Equal(2, p.Count);
        Assert.Equal(1.0, p.Compute()); // the rejected batch left no trace
        var r = new Recall();
        r.Update(L(0, 2), L(2, 2));
        Assert.StartsWith("recall: posLabel=1 is not a valid label; it should be one of [0, 2]",
            Assert.Throws<InvalidOperationException>(() => r.Compute()).Message);
        Assert.Equal(0.5, new RecallProbe(2).Run(L(0, 2), L(2, 2)));
    }

    private sealed class RecallProbe(int pos)
    {
        public double Run(Tensor p, Tensor y) { var m = new Recall(posLabel: pos); m.Update(p, y); return m.Compute(); }
    }

    [Fact]
    public void BadOptions()
    {
        Assert.Throws<ArgumentException>(() => new Precision(zeroDivision: 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new F1Score((Average)9));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Recall(posLabel: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Precision(numClasses: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrix(0));
        Assert.Throws<ArgumentException>(() => new Accuracy(double.NaN));
        Assert.Throws<ArgumentException>(() => new Accuracy(name: ""));
    }

    [Fact]
    public void RegressionShapesAndValues()
    {
        var e = Assert.Throws<ArgumentException>(() => new MeanSquaredError().Update(Torch.Zeros(4, 2), Torch.Zeros(4)));
        Assert.StartsWith("mean_squared_error: predictions [4, 2] and targets [4] must have the same shape", e.Message);
        var m = new R2Score();
        m.Update(Torch.Zeros(4, 2), Torch.Ones(4, 2));
        Assert.StartsWith("r2_score: predictions [3, 3] have 3 outputs per sample but earlier batches had 2",
            Assert.Throws<ArgumentException>(() => m.Update(Torch.Zeros(3, 3), Torch.Zeros(3, 3))).Message);
        Assert.StartsWith("log_rmse: targets must be positive",
            Assert.Throws<ArgumentException>(() => new LogRmse().Update(D(2, 3), D(1, 0))).Message);
        Assert.StartsWith("mean_absolute_error: targets contain infinity",
            Assert.Throws<ArgumentException>(() => new MeanAbsoluteError().Update(D(2, 3), D(1, double.NegativeInfinity))).Message);
    }
}
