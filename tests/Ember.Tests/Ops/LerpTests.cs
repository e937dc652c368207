using static Ember.Tests.Ops.OpAssert;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.Ops;

/// <summary>lerp with scalar and tensor weights.</summary>
public class LerpTests
{
    private static Tensor Start => Torch.FromArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
    private static Tensor End => F64(10, -20, 30);

    [Fact]
    public void ScalarWeightMatchesPyTorchOnBothSidesOfOneHalf()
    {
        Values([3.25, -3.5, 9.75, 5.5, -1.25, 12.0], Torch.Lerp(Start, End, 0.25), 1e-15);
        Values([7.75, -14.5, 23.25, 8.5, -13.75, 24.0], Start.Lerp(End, 0.75), 1e-15);
        // w = 1 gives end exactly (the formula switches to end − (end − start)·(1 − w))
        Assert.Equal(0.7f, Torch.Lerp(Torch.FromArray(new[] { 0.1f }), Torch.FromArray(new[] { 0.7f }), 1.0).Item());
    }

    [Fact]
    public void TensorWeightBroadcastsAndTransposed()
    {
        Values([1.0, 2.0, 3.0, 13.0, -32.5, 42.0], Torch.Lerp(Start, End, Torch.FromArray(new double[,] { { 0 }, { 1.5 } })), 1e-15);
        var y = Torch.Lerp(Start.T, Torch.FromArray(new double[,] { { 1 }, { 2 }, { 3 } }), F64(0.1, -0.6));
        Shape([3, 2], y);
        Values([1.0, 5.8, 2.0, 6.8, 3.0, 7.8], y, 1e-15);
        Shape([0, 3], Torch.Lerp(Torch.Zeros(0, 3), Torch.Ones(3), 0.5));
        Values([2.0], Torch.Lerp(F64(1), F64(3), 0.5), 0);
    }

    [Fact]
    public void DTypes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Torch.Lerp(Torch.Ones(2), Torch.Ones(new Size([2]), DType.Float64), 0.5));
        Assert.Contains("lerp: expected dtype torch.float32 for `end` but got dtype torch.float64", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Torch.Lerp(Torch.Ones(2), Torch.Ones(2), Torch.Scalar(0.5, DType.Float64)));
        Assert.Contains("`weight`", ex.Message);
        var nse = Assert.Throws<NotSupportedException>(() => Torch.Lerp(Ints(DType.Int64, 1), Ints(DType.Int64, 2), 0.5));
        Assert.Contains("lerp: not implemented for dtype torch.int64", nse.Message);
        var h = Torch.Lerp(F64(1, 2).To(DType.Float16), F64(3, 6).To(DType.Float16), 0.5);
        Assert.Equal(DType.Float16, h.DType);
        Values([2, 4], h, 0);
        Assert.Throws<ArgumentException>(() => Torch.Lerp(Torch.Ones(2, 3), Torch.Ones(4), 0.5));
    }

    [Fact]
    public void InPlace()
    {
        var x = F64(0, 10);
        Assert.Same(x, x.Lerp_(F64(10, 20), 0.5));
        Values([5, 15], x, 0);
        x.Lerp_(F64(5, 5), F64(1, 0));
        Values([5, 15], x, 0);
        var ex = Assert.Throws<ArgumentException>(() => F64(1, 2).Lerp_(Torch.Ones(new Size([3, 2]), DType.Float64), 0.5));
        Assert.Contains("lerp_", ex.Message);
    }

    [Fact]
    public void GradCheck()
    {
        GradOk(x => Torch.Lerp(x[0], x[1], 0.3), Input(2, 3), Input(2, 3));
        GradOk(x => Torch.Lerp(x[0], x[1], 0.8), TransposedInput(3, 4), Input(4));
        GradOk(x => Torch.Lerp(x[0], x[1], x[2]), Input(2, 3), Input(3), Input(2, 1));
        GradOk(x => Torch.Lerp(x[0], x[1], x[2]), TransposedInput(2, 3), Input(2, 3), TransposedInput(2, 3));
        GradOk(x => Torch.Lerp(x[0], x[1], x[2]), Input(1), Input(1), Input(1));
        GradOk(x => Torch.Lerp(x[0], x[1], x[2]), Input(0, 2), Input(2), Input(2));
    }
}
