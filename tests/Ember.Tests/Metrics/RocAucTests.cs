using Ember.Metrics;
using static Ember.Tests.Metrics.MetricData;

namespace Ember.Tests.Metrics;

/// <summary>ROC AUC against scikit-learn 1.2.1's roc_auc_score (ties form one trapezoid step).</summary>
public class RocAucTests
{
    [Fact]
    public void BinaryWithTiedScores()
    {
        var s = Torch.FromArray(BinaryScores);
        var y = Torch.FromArray(BinaryTrue);
        AssertStreams(new RocAuc(), s, y, 0.8125);
        // only the order matters: logits (a monotone map) give the same area; [N, 1] is accepted
        AssertStreams(new RocAuc(), ((s / (1 - s)).Log()).Reshape(14, 1), y, 0.8125);
        Assert.Equal("auc", new RocAuc().Name);
    }

    [Fact]
    public void PerfectAndReversedRankingAndAllTied()
    {
        var y = Torch.FromArray(new[] { 0, 0, 1, 1, 1 });
        AssertStreams(new RocAuc(), Torch.FromArray(new[] { 0.1, 0.2, 0.3, 0.4, 0.5 }), y, 1.0);
        AssertStreams(new RocAuc(), Torch.FromArray(new[] { 0.5, 0.4, 0.3, 0.2, 0.1 }), y, 0.0);
        AssertStreams(new RocAuc(), Torch.FromArray(new[] { 0.3, 0.3, 0.3, 0.3, 0.3 }), y, 0.5);
    }

    [Fact]
    public void MulticlassOneVsRestMacro()
    {
        AssertStreams(new RocAuc(), Probabilities(), MultiTargets(), 0.44270833333333337);
    }

    [Fact]
    public void TwoColumnProbabilitiesEqualTheBinaryAucOfColumnOne()
    {
        var p1 = Torch.FromArray(new[] { 0.75, 0.5, 0.5, 0.25, 0.5, 1.0 });
        var y = Torch.FromArray(new[] { 1, 0, 1, 0, 0, 1 });
        double binary = new RocAucProbe().Run(p1, y);
        AssertStreams(new RocAuc(), Torch.Stack([1 - p1, p1], 1), y, binary);
    }

    private sealed class RocAucProbe
    {
        public double Run(Tensor s, Tensor y) { var m = new RocAuc(); m.Update(s, y); return m.Compute(); }
    }

    [Fact]
    public void UndefinedAucIsAClearError()
    {
        var m = new RocAuc();
        m.Update(Torch.FromArray(new[] { 0.1, 0.9 }), Torch.FromArray(new[] { 1, 1 }));
        var e = Assert.Throws<InvalidOperationException>(() => m.Compute());
        Assert.StartsWith("auc: only one class", e.Message);
        var multi = new RocAuc();
        multi.Update(Probabilities().Narrow(0, 0, 9), MultiTargets().Narrow(0, 0, 9)); // classes 2, 3 absent
        Assert.StartsWith("auc: class 2 never occurs", Assert.Throws<InvalidOperationException>(() => multi.Compute()).Message);
        var bad = Assert.Throws<ArgumentException>(() => new RocAuc().Update(Torch.FromArray(new[] { 0.5, 0.6, 0.1, 0.2 }, 2, 2), Torch.FromArray(new[] { 0, 1 })));
        Assert.StartsWith("auc: multiclass scores must be probabilities", bad.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RocAuc().Update(Torch.FromArray(new[] { 0.5, 0.6 }), Torch.FromArray(new[] { 0, 2 })));
        Assert.Throws<ArgumentException>(() => new RocAuc().Update(Torch.FromArray(new[] { 0.5, double.PositiveInfinity }), Torch.FromArray(new[] { 0, 1 })));
        var mixed = new RocAuc();
        mixed.Update(Torch.FromArray(new[] { 0.5, 0.6 }), Torch.FromArray(new[] { 0, 1 }));
        Assert.StartsWith("auc: predictions [2, 2] do not match earlier batches",
            Assert.Throws<ArgumentException>(() => mixed.Update(Torch.FromArray(new[] { 0.5, 0.5, 0.5, 0.5 }, 2, 2), Torch.FromArray(new[] { 0, 1 }))).Message);
    }
}
