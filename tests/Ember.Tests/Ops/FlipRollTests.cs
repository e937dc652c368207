using static Ember.Tests.Ops.OpAssert;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.Ops;

/// <summary>flip and roll against PyTorch 1.13.</summary>
public class FlipRollTests
{
    private static Tensor Y => Torch.Arange(6).View(2, 3);

    [Fact]
    public void FlipValues()
    {
        Longs([5, 4, 3, 2, 1, 0], Torch.Flip(Y, 0, 1));
        Longs([2, 1, 0, 5, 4, 3], Y.Flip(1));
        Longs([2, 5, 1, 4, 0, 3], Torch.Flip(Y.T, 0));
        Longs([15, 14, 13, 12, 19, 18, 17, 16, 23, 22, 21, 20, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8], Torch.Arange(24).View(2, 3, 4).Flip(0, 2));
        Longs([5, 4, 3, 2, 1, 0], Y.Flip(-1, -2));
        Longs([2, 1, 0, 2, 1, 0], Torch.Arange(3).Expand(2, 3).Flip(1));
    }

    [Fact]
    public void FlipCopiesEveryDTypeAndEdgeShapes()
    {
        var x = Torch.Arange(3);
        var same = Torch.Flip(x);
        Longs([0, 1, 2], same);
        Assert.NotSame(x.Storage, same.Storage);
        foreach (var dt in new[] { DType.Int32, DType.UInt8, DType.Float16, DType.BFloat16, DType.Bool })
        {
            var f = Ints(dt, 1, 0, 0).Flip(0);
            Assert.Equal(dt, f.DType);
            Longs([0, 0, 1], f);
        }
        Shape([0, 3], Torch.Zeros(0, 3).Flip(0, 1));
        Values([3], Torch.Flip(Torch.Scalar(3.0), 0), 0);
    }

    [Fact]
    public void FlipErrors()
    {
        var ex = Assert.Throws<ArgumentException>(() => Y.Flip(0, -2));
        Assert.Contains("flip: dim 0 appears multiple times in the list of dims", ex.Message);
        Assert.Contains("flip: dimension out of range (expected to be in range of [-2, 1], but got 2)",
            Assert.Throws<ArgumentOutOfRangeException>(() => Y.Flip(2)).Message);
    }

    [Fact]
    public void RollValues()
    {
        Longs([5, 0, 1, 2, 3, 4], Torch.Roll(Y, 1));
        Longs([1, 2, 3, 4, 5, 0], Y.Roll(-7));
        Longs([3, 4, 5, 0, 1, 2], Torch.Roll(Y, 1, 0));
        Longs([4, 5, 3, 1, 2, 0], Torch.Roll(Y, [1, 2], [0, 1]));
        Longs([0, 1, 2, 3, 4, 5], Y.Roll([1, 2], [1, 1]));
        Longs([2, 5, 0, 3, 1, 4], Torch.Roll(Y.T, 1, 0));
        Longs([3, 1, 4, 2, 5, 0], Torch.Roll(Y.T, -1));
        Longs([0, 1, 2, 3, 4, 5], Torch.Roll(Y, int.MinValue + 2, 1)); // −2147483646 ≡ 0 (mod 3)
        Shape([0, 3], Torch.Roll(Torch.Zeros(0, 3), 1, 0));
        Longs([5], Torch.Roll(Torch.Scalar(5L), 1));
        foreach (var dt in new[] { DType.Int32, DType.UInt8, DType.Float16, DType.Bool })
            Assert.Equal(dt, Ints(dt, 1, 0).Roll(1).DType);
    }

    [Fact]
    public void RollErrors()
    {
        Assert.Contains("roll: shifts and dimensions must align. shifts: 2, dims: 1",
            Assert.Throws<ArgumentException>(() => Torch.Roll(Y, [1, 2], [0])).Message);
        Assert.Contains("shifts: 2, dims: 0", Assert.Throws<ArgumentException>(() => Torch.Roll(Y, [1, 2])).Message);
        Assert.Contains("roll: `shifts` required", Assert.Throws<ArgumentException>(() => Torch.Roll(Y, [], [])).Message);
        Assert.Contains("roll: dimension out of range", Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Roll(Y, 1, 2)).Message);
        Assert.Contains("roll: dimension specified as 0 but tensor has no dimensions",
            Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Roll(Torch.Scalar(5L), 1, 0)).Message);
    }

    [Fact]
    public void GradCheck()
    {
        GradOk(x => Torch.Flip(x[0], 0, 1), Input(2, 3));
        GradOk(x => Torch.Flip(x[0], 1), TransposedInput(3, 4));
        GradOk(x => Torch.Flip(x[0].Expand(2, 3), 1), Input(3));
        GradOk(x => Torch.Flip(x[0], 0), Input(1));
        GradOk(x => Torch.Flip(x[0], 0), Input(0, 2));
        GradOk(x => Torch.Roll(x[0], 2), Input(2, 3));
        GradOk(x => Torch.Roll(x[0], [1, -1], [0, 1]), TransposedInput(3, 4));
        GradOk(x => Torch.Roll(x[0].Expand(2, 3), 1, 1), Input(3));
        GradOk(x => Torch.Roll(x[0], 1, 0), Input(1));
        GradOk(x => Torch.Roll(x[0], 1, 0), Input(0, 2));
    }
}
