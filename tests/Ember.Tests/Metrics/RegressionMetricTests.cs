using Ember.Metrics;
using static Ember.Tests.Metrics.MetricData;

namespace Ember.Tests.Metrics;

/// <summary>MSE, RMSE, MAE, R² against scikit-learn 1.2.1 and log-RMSE against d2l's formula in PyTorch 1.13 (float64).</summary>
public class RegressionMetricTests
{
    private static Tensor T(double[] v, params int[] shape) => Torch.FromArray(v, shape);

    [Fact]
    public void SingleOutput()
    {
        var p = T(RegPred);
        var y = T(RegTarget);
        AssertStreams(new MeanSquaredError(), p, y, 14419.889845454543);
        AssertStreams(new RootMeanSquaredError(), p, y, 120.08284575847853);
        AssertStreams(new MeanAbsoluteError(), p, y, 62.53545454545454);
        AssertStreams(new R2Score(), p, y, -0.7923818678793135);
        // one prediction (0.5) is below 1 and is clamped, as d2l
        AssertStreams(new LogRmse(), p, y, 1.7933147648586554);
        // float32 inputs and [N, 1] against [N] are accepted
        AssertStreams(new MeanSquaredError(), p.Reshape(11, 1), y, 14419.889845454543);
        AssertStreams(new MeanAbsoluteError(), p.To(DType.Float32), y.To(DType.Float32),
            new MeanAbsoluteErrorProbe().Run(p.To(DType.Float32).To(DType.Float64), y.To(DType.Float32).To(DType.Float64)));
    }

    private sealed class MeanAbsoluteErrorProbe
    {
        public double Run(Tensor p, Tensor y) { var m = new MeanAbsoluteError(); m.Update(p, y); return m.Compute(); }
    }

    [Fact]
    public void MultiOutputAveragesUniformly()
    {
        var p = T(MultiOutPred, 9, 2);
        var y = T(MultiOutTarget, 9, 2);
        AssertStreams(new MeanSquaredError(), p, y, 0.8053543888888889);
        AssertStreams(new RootMeanSquaredError(), p, y, 0.866259682825189);
        AssertStreams(new MeanAbsoluteError(), p, y, 0.7663888888888888);
        AssertStreams(new R2Score(), p, y, 0.9323234085144347);
    }

    [Fact]
    public void R2EdgeCases()
    {
        var c = T([2.5, 2.5, 2.5, 2.5, 2.5, 2.5]);
        AssertStreams(new R2Score(), T([2.5, 2.0, 3.0, 2.5, 2.5, 2.5]), c, 0.0); // constant target, imperfect: 0
        AssertStreams(new R2Score(), c, c, 1.0);                                   // perfect: 1
        var one = new R2Score();
        one.Update(T([2.0]), T([1.0]));
        Assert.True(double.IsNaN(one.Compute()));                                 // fewer than two samples: NaN
        // a large offset: batch means merged with Chan's algorithm keep the spread accurate
        double[] big = [100000000.1, 100000000.2, 100000000.3, 100000000.4, 100000000.5];
        double[] bigPred = [100000000.11, 100000000.18, 100000000.3, 100000000.43, 100000000.49];
        var m = new R2Score();
        foreach (var sizes in new[] { new[] { 5 }, new[] { 1, 1, 3 }, new[] { 2, 3 } })
            Assert.Equal(0.9849999992549412, Stream(m, T(bigPred), T(big), sizes), 1e-9);
    }

    [Fact]
    public void ManyBatchesAccumulateInFloat64()
    {
        // 10,000 batches of float32 0.1 vs 0: a float32 running sum would drift by ~1e-3 relative
        var m = new MeanAbsoluteError();
        var p = Torch.Full(new Size(100), 0.1, DType.Float32);
        var y = Torch.Zeros(new Size(100), DType.Float32);
        for (int i = 0; i < 10000; i++) m.Update(p, y);
        Assert.Equal(1_000_000, m.Count);
        Assert.Equal((double)0.1f, m.Compute(), 1e-15);
    }
}
