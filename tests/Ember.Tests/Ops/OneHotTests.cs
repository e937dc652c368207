using static Ember.Tests.Ops.OpAssert;

namespace Ember.Tests.Ops;

/// <summary>one_hot against PyTorch 1.13's F.one_hot.</summary>
public class OneHotTests
{
    [Fact]
    public void InfersOrTakesTheNumberOfClasses()
    {
        var y = Torch.OneHot(Ints(DType.Int64, 0, 2, 1));
        Shape([3, 3], y);
        Assert.Equal(DType.Int64, y.DType);
        Longs([1, 0, 0, 0, 0, 1, 0, 1, 0], y);
        Longs([0, 0, 1, 0], Torch.OneHot(Torch.Scalar(2L), 4));
        Shape([4], Torch.OneHot(Torch.Scalar(2L), 4));
        var m = Torch.FromArray(new long[,] { { 0, 1 }, { 2, 0 } });
        var t = m.T.OneHot(3);
        Shape([2, 2, 3], t);
        Longs([1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0], t);
        Shape([0, 3], Torch.OneHot(Ints(DType.Int64), 3));
        Shape([0, 0], Torch.OneHot(Ints(DType.Int64), 0));
    }

    [Fact]
    public void Errors()
    {
        Assert.Contains("one_hot: Class values must be smaller than num_classes",
            Assert.Throws<ArgumentException>(() => Torch.OneHot(Ints(DType.Int64, 0, 2, 1), 2)).Message);
        Assert.Contains("one_hot: Class values must be non-negative (got -1)",
            Assert.Throws<ArgumentException>(() => Torch.OneHot(Ints(DType.Int64, -1, 0))).Message);
        Assert.Contains("one_hot: one_hot is only applicable to index tensor",
            Assert.Throws<ArgumentException>(() => Torch.OneHot(Ints(DType.Int32, 0, 1))).Message);
        Assert.Contains("one_hot: Can not infer total number of classes from empty tensor",
            Assert.Throws<ArgumentException>(() => Torch.OneHot(Ints(DType.Int64))).Message);
        Assert.Contains("smaller than num_classes", Assert.Throws<ArgumentException>(() => Torch.OneHot(Ints(DType.Int64, 0, 1), 0)).Message);
        Assert.Contains("smaller than num_classes", Assert.Throws<ArgumentException>(() => Torch.OneHot(Ints(DType.Int64, 0, 1), -2)).Message);
    }
}
