using static Ember.Tests.Ops.OpAssert;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.Ops;

/// <summary>repeat and repeat_interleave against PyTorch 1.13.</summary>
public class RepeatTests
{
    private static Tensor X => Torch.FromArray(new long[,] { { 1, 2 }, { 3, 4 } });

    [Fact]
    public void RepeatTiles()
    {
        var y = X.Repeat(2, 1, 3);
        Shape([2, 2, 6], y);
        Longs([1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4, 1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4], y);
        Longs([1, 3, 1, 3, 2, 4, 2, 4], X.T.Repeat(1, 2));
        Longs([5, 6, 5, 6, 5, 6, 5, 6], Torch.Repeat(Ints(DType.Int64, 5, 6), 2, 2));
        Shape([0, 4], X.Repeat(0, 2));
        Longs([5, 5, 5], Torch.Scalar(5L).Repeat(3));
        var copy = X.Repeat(1, 1);
        Assert.NotSame(X.Storage, copy.Storage);
        foreach (var dt in new[] { DType.Int32, DType.UInt8, DType.Float16, DType.BFloat16, DType.Bool })
            Assert.Equal(dt, Ints(dt, 1, 0).Repeat(2).DType);
    }

    [Fact]
    public void RepeatErrors()
    {
        Assert.Contains("repeat: Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor",
            Assert.Throws<ArgumentException>(() => X.Repeat(2)).Message);
        Assert.Contains("repeat: Trying to create tensor with negative dimension -2: [-2, 4]",
            Assert.Throws<ArgumentException>(() => X.Repeat(-1, 2)).Message);
    }

    [Fact]
    public void RepeatInterleaveWithAnInteger()
    {
        Longs([1, 1, 2, 2, 3, 3, 4, 4], Torch.RepeatInterleave(X, 2));
        var d0 = X.RepeatInterleave(2, dim: 0);
        Shape([4, 2], d0);
        Longs([1, 2, 1, 2, 3, 4, 3, 4], d0);
        Longs([1, 3, 1, 3, 2, 4, 2, 4], X.T.RepeatInterleave(2, dim: 0));
        Longs([7, 7, 7], Torch.RepeatInterleave(Torch.Scalar(7L), 3));
        Shape([2, 0], X.RepeatInterleave(0, dim: 1));
        Longs([1, 2, 3, 4], X.RepeatInterleave(1));
        Assert.Equal(DType.Float16, Ints(DType.Float16, 1).RepeatInterleave(2).DType);
    }

    [Fact]
    public void RepeatInterleaveWithATensor()
    {
        Longs([1, 2, 2, 3, 4, 4], Torch.RepeatInterleave(X, Ints(DType.Int64, 1, 2), dim: 1));
        Longs([1, 2, 2, 3, 3, 3], Torch.RepeatInterleave(X, Ints(DType.Int64, 1, 2, 3, 0)));
        Longs([2, 4, 2, 4, 2, 4], Torch.RepeatInterleave(X.T, Ints(DType.Int64, 0, 3), dim: 0));
        Longs([1, 2, 3, 4, 3, 4], X.RepeatInterleave(Ints(DType.Int32, 1, 2), dim: 0, outputSize: 3));
        Longs([1, 2, 1, 2, 3, 4, 3, 4], X.RepeatInterleave(Ints(DType.Int64, 2), dim: 0));
        Longs([1, 2, 1, 2, 3, 4, 3, 4], X.RepeatInterleave(Torch.Scalar(2L), dim: 0));
        var r = Torch.RepeatInterleave(Ints(DType.Int64, 1, 0, 3));
        Longs([0, 2, 2, 2], r);
        Assert.Equal(DType.Int32, Torch.RepeatInterleave(Ints(DType.Int32, 1, 0, 3)).DType);
        Shape([0], Torch.RepeatInterleave(Ints(DType.Int64)));
    }

    [Fact]
    public void RepeatInterleaveErrors()
    {
        Assert.Contains("repeat_interleave: repeats must have the same size as input along dim",
            Assert.Throws<ArgumentException>(() => Torch.RepeatInterleave(X, Ints(DType.Int64, 1, 2, 3), dim: 0)).Message);
        Assert.Contains("repeat_interleave: repeats can not be negative",
            Assert.Throws<ArgumentException>(() => Torch.RepeatInterleave(X, Ints(DType.Int64, 1, -2), dim: 0)).Message);
        Assert.Contains("repeats can not be negative", Assert.Throws<ArgumentException>(() => X.RepeatInterleave(-1, dim: 0)).Message);
        Assert.Contains("repeat_interleave: not implemented for dtype torch.float32",
            Assert.Throws<NotSupportedException>(() => X.RepeatInterleave(Torch.Ones(2), dim: 0)).Message);
        Assert.Contains("repeats must be 0-dim or 1-dim tensor",
            Assert.Throws<ArgumentException>(() => X.RepeatInterleave(Torch.FromArray(new long[,] { { 1, 2 } }), dim: 0)).Message);
        Assert.Contains("repeat_interleave: allocated size does not match required size (outputSize 4, required 3)",
            Assert.Throws<ArgumentException>(() => X.RepeatInterleave(Ints(DType.Int64, 1, 2), dim: 0, outputSize: 4)).Message);
        Assert.Contains("required 4", Assert.Throws<ArgumentException>(() => X.RepeatInterleave(2, dim: 0, outputSize: 5)).Message);
        Assert.Contains("only accept 1D vector as repeat", Assert.Throws<ArgumentException>(() => Torch.RepeatInterleave(Torch.Scalar(2L))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => X.RepeatInterleave(2, dim: 2));
    }

    [Fact]
    public void GradCheck()
    {
        GradOk(x => x[0].Repeat(2, 1, 3), Input(2, 3));
        GradOk(x => x[0].Repeat(2, 2), TransposedInput(3, 4));
        GradOk(x => x[0].Expand(2, 3).Repeat(1, 2), Input(3));
        GradOk(x => x[0].Repeat(3), Input(1));
        GradOk(x => x[0].Repeat(2, 1), Input(0, 2));
        GradOk(x => x[0].RepeatInterleave(2, dim: 1), Input(2, 3));
        GradOk(x => x[0].RepeatInterleave(Ints(DType.Int64, 0, 2, 1), dim: 0), TransposedInput(3, 2));
        GradOk(x => x[0].Expand(2, 3).RepeatInterleave(2), Input(3));
        GradOk(x => x[0].RepeatInterleave(3), Input(1));
        GradOk(x => x[0].RepeatInterleave(2, dim: 0), Input(0, 2));
    }
}
