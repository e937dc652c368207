using static Ember.Tests.Ops.OpAssert;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.Ops;

/// <summary>sort, argsort and topk against PyTorch 1.13.</summary>
public class SortTests
{
    private const double Inf = double.PositiveInfinity, NaN = double.NaN;
    private static Tensor WithNaN => F64(3, NaN, 1, -Inf, NaN, 2, Inf, -0.0, 0.0);
    private static Tensor M => Torch.FromArray(new long[,] { { 3, 1, 2, 1 }, { 0, 5, 5, 4 }, { 7, 7, 7, -1 } });

    [Fact]
    public void NaNSortsAsTheLargestValueAndTiesKeepTheirOrder()
    {
        var (v, i) = Torch.Sort(WithNaN);
        Values([-Inf, -0.0, 0.0, 1, 2, 3, Inf, NaN, NaN], v, 0);
        Longs([3, 7, 8, 2, 5, 0, 6, 1, 4], i);
        (v, i) = WithNaN.Sort(descending: true);
        Values([NaN, NaN, Inf, 3, 2, 1, -0.0, 0.0, -Inf], v, 0);
        Longs([1, 4, 6, 0, 5, 2, 7, 8, 3], i);
        Assert.Equal(DType.Int64, i.DType);
        (v, i) = Torch.Sort(WithNaN.To(DType.Float32), stable: true);
        Longs([3, 7, 8, 2, 5, 0, 6, 1, 4], i);
    }

    [Fact]
    public void AlongOtherDimensionsAndTransposed()
    {
        var (v, i) = Torch.Sort(M, 0);
        Longs([0, 1, 2, -1, 3, 5, 5, 1, 7, 7, 7, 4], v);
        Longs([1, 0, 0, 2, 0, 1, 1, 0, 2, 2, 2, 1], i);
        (v, i) = Torch.Sort(M.T, 1, descending: true);
        Longs([7, 3, 0, 7, 5, 1, 7, 5, 2, 4, 1, -1], v);
        Longs([2, 0, 1, 2, 1, 0, 2, 1, 0, 1, 0, 2], i);
        Longs([1, 3, 2, 0, 0, 3, 1, 2, 3, 0, 1, 2], Torch.Argsort(M, 1));
        Longs([2, 2, 2, 1, 0, 1, 1, 0, 1, 0, 0, 2], M.Argsort(0, descending: true));
        Longs([2, 4, 0, 1, 3], Torch.Argsort(Ints(DType.Int64, 1, 1, 0, 1, 0), stable: true));
    }

    [Fact]
    public void EveryDType()
    {
        foreach (var dt in new[] { DType.Int32, DType.UInt8, DType.Float16, DType.BFloat16, DType.Float32 })
        {
            var (v, i) = Torch.Sort(Ints(dt, 3, 0, 200, 7, 0));
            Assert.Equal(dt, v.DType);
            Longs([0, 0, 3, 7, 200], v);
            Longs([1, 4, 0, 3, 2], i);
        }
        var (bv, bi) = Torch.Sort(Ints(DType.Bool, 1, 0, 1), descending: true);
        Bools([true, true, false], bv);
        Longs([0, 2, 1], bi);
        Assert.Contains("topk: not implemented for dtype torch.bool",
            Assert.Throws<NotSupportedException>(() => Torch.Topk(Ints(DType.Bool, 1, 0), 1)).Message);
    }

    [Fact]
    public void EmptyScalarAndOneElement()
    {
        var (v, i) = Torch.Sort(Torch.Zeros(0, 3), 0);
        Shape([0, 3], v);
        Shape([0, 3], i);
        (v, i) = Torch.Sort(Torch.Scalar(3.0));
        Shape([], v);
        Longs([0], i);
        Shape([], i);
        (v, i) = Torch.Topk(Torch.Scalar(5.0), 1);
        Values([5], v, 0);
        Shape([], v);
        (v, i) = Torch.Topk(Torch.Zeros(0, 3), 0, dim: 0);
        Shape([0, 3], v);
        (v, _) = Torch.Topk(F64(4), 1);
        Values([4], v, 0);
    }

    [Fact]
    public void TopkLargestAndSmallest()
    {
        var x = F64(5, 1, 7, 3, 0, 9, 2, 4, 8);
        var (v, i) = Torch.Topk(x, 4);
        Values([9, 8, 7, 5], v, 0);
        Longs([5, 8, 2, 0], i);
        (v, i) = x.Topk(3, largest: false);
        Values([0, 1, 2], v, 0);
        Longs([4, 1, 6], i);
        (v, i) = Torch.Topk(WithNaN, 3);
        Values([NaN, NaN, Inf], v, 0);
        Longs([1, 4, 6], i);
        var m = Torch.FromArray(new double[,] { { 0.5, -1, 2, 0 }, { 3, 1.5, -2, 1 } });
        (v, i) = Torch.Topk(m, 2, dim: 0);
        Values([3.0, 1.5, 2.0, 1.0, 0.5, -1.0, -2.0, 0.0], v, 0);
        Longs([1, 1, 0, 1, 0, 0, 1, 0], i);
        (v, i) = Torch.Topk(m.T, 1, dim: 1);
        Values([3.0, 1.5, 2.0, 1.0], v, 0);
        Longs([1, 1, 0, 1], i);
        Shape([4, 1], v);
    }

    [Fact]
    public void BadArgumentsNameTheOp()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Topk(F64(1, 2, 3), 4));
        Assert.Contains("topk: selected index k out of range (k = 4", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Topk(F64(1, 2, 3), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Topk(Torch.Scalar(5.0), 2));
        var dim = Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Sort(F64(1, 2), 1));
        Assert.Contains("sort: dimension out of range", dim.Message);
        Assert.Contains("topk: dimension out of range", Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Topk(F64(1, 2), 1, dim: 2)).Message);
        Assert.Contains("argsort", Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Argsort(F64(1, 2), -2)).Message);
    }

    [Fact]
    public void GradientGoesBackToTheSourcePositions()
    {
        var x = F64(3, 1, 2).RequiresGrad_();
        var (v, _) = Torch.Sort(x);
        Assert.Equal("SortBackward0", v.GradFn!.Name);
        (v * F64(10, 20, 30)).Sum().Backward();
        Values([30, 10, 20], x.Grad!, 0);
        var y = F64(3, 1, 2).RequiresGrad_();
        var (t, _) = Torch.Topk(y, 2);
        Assert.Equal("TopkBackward0", t.GradFn!.Name);
        (t * F64(10, 20)).Sum().Backward();
        Values([10, 0, 20], y.Grad!, 0);
    }

    [Fact]
    public void GradCheck()
    {
        GradOk(x => Torch.Sort(x[0]).Values, Input(2, 5));
        GradOk(x => Torch.Sort(x[0], 0, descending: true).Values, TransposedInput(3, 4));
        GradOk(x => Torch.Sort(x[0].Expand(2, 3), 1).Values, Input(3));
        GradOk(x => Torch.Sort(x[0]).Values, Input(1));
        GradOk(x => Torch.Sort(x[0], 0).Values, Input(0, 2));
        GradOk(x => Torch.Topk(x[0], 2).Values, Input(3, 4));
        GradOk(x => Torch.Topk(x[0], 2, dim: 0, largest: false).Values, TransposedInput(4, 3));
        GradOk(x => Torch.Topk(x[0].Expand(2, 3), 1).Values, Input(3));
        GradOk(x => Torch.Topk(x[0], 1).Values, Input(1));
        GradOk(x => Torch.Topk(x[0], 0).Values * 1.0, Input(2, 3));
    }

    [Fact]
    public void LargeRowsAcrossThreads()
    {
        var x = Torch.Randn(new Size([64, 3000]), DType.Float32, new Generator(7));
        var (v, i) = Torch.Sort(x, 1);
        var vs = v.ToArray<double>();
        for (int r = 0; r < 64; r++)
            for (int c = 1; c < 3000; c++) Assert.True(vs[r * 3000 + c - 1] <= vs[r * 3000 + c]);
        Assert.True(Torch.Equal(Torch.Gather(x, 1, i), v));
    }
}
