using static Ember.Tests.Ops.OpAssert;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.Ops;

/// <summary>tril, triu and diagonal against PyTorch 1.13.</summary>
public class TriangleTests
{
    private static Tensor A => Torch.Arange(1.0, 13.0, 1.0, DType.Float64).View(3, 4);
    private static Tensor B => Torch.Arange(0.0, 24.0, 1.0, DType.Float64).View(2, 3, 4);

    [Fact]
    public void TrilAndTriu()
    {
        Values([1, 0, 0, 0, 5, 6, 0, 0, 9, 10, 11, 0], Torch.Tril(A), 0);
        Values([1, 2, 0, 0, 5, 6, 7, 0, 9, 10, 11, 12], A.Tril(1), 0);
        Values([0, 0, 0, 0, 5, 0, 0, 0, 9, 10, 0, 0], Torch.Tril(A, -1), 0);
        Values([1, 2, 3, 4, 0, 6, 7, 8, 0, 0, 11, 12], Torch.Triu(A), 0);
        Values([0, 0, 3, 4, 0, 0, 0, 8, 0, 0, 0, 0], A.Triu(2), 0);
        Values([1, 2, 3, 4, 5, 6, 7, 8, 0, 10, 11, 12], Torch.Triu(A, -1), 0);
        Values([1, 0, 0, 2, 6, 0, 3, 7, 11, 4, 8, 12], Torch.Tril(A.T), 0);
        Values([0, 5, 9, 0, 0, 10, 0, 0, 0, 0, 0, 0], Torch.Triu(A.T, 1), 0);
        Values([0, 0, 0, 0, 4, 0, 0, 0, 8, 9, 0, 0, 0, 0, 0, 0, 16, 0, 0, 0, 20, 21, 0, 0], Torch.Tril(B, -1), 0);
        Values([0, 1, 2, 3, 0, 0, 6, 7, 0, 0, 0, 11, 0, 13, 14, 15, 0, 0, 18, 19, 0, 0, 0, 23], Torch.Triu(B, 1), 0);
        Values([double.NaN, 0, 2, 3], Torch.Tril(Torch.FromArray(new double[,] { { double.NaN, 1 }, { 2, 3 } })), 0);
        Values([0, 0, 0, 0], Torch.Tril(Torch.Ones(2, 2), long.MinValue), 0);
        Values([1, 1, 1, 1], Torch.Tril(Torch.Ones(2, 2), long.MaxValue), 0);
        Shape([0, 3], Torch.Triu(Torch.Zeros(0, 3)));
        Values([1], Torch.Tril(Torch.Ones(1, 1)), 0);
        Values([1, 0, 1, 1], Torch.Tril(Torch.Ones(2).Expand(2, 2)), 0);
    }

    [Fact]
    public void EveryDTypeAndErrors()
    {
        Bools([true, false, true, true], Torch.Tril(Torch.Ones(new Size([2, 2]), DType.Bool)));
        foreach (var dt in new[] { DType.Int64, DType.Int32, DType.UInt8, DType.Float16, DType.BFloat16 })
        {
            var y = Torch.Triu(Torch.Ones(2, 2).To(dt));
            Assert.Equal(dt, y.DType);
            Longs([1, 1, 0, 1], y);
        }
        Assert.Contains("tril: input tensor must have at least 2 dimensions (got shape [3])",
            Assert.Throws<ArgumentException>(() => Torch.Tril(Torch.Ones(3))).Message);
        Assert.Contains("triu_", Assert.Throws<ArgumentException>(() => Torch.Ones(3).Triu_()).Message);
    }

    [Fact]
    public void InPlace()
    {
        var x = Torch.Ones(new Size([2, 2]), DType.Float64);
        Assert.Same(x, x.Tril_());
        Values([1, 0, 1, 1], x, 0);
        x.Triu_(1);
        Values([0, 0, 0, 0], x, 0);
    }

    [Fact]
    public void Diagonal()
    {
        Values([1, 6, 11], A.Diagonal(), 0);
        Values([2, 7, 12], Torch.Diagonal(A, 1), 0);
        Values([5, 10], A.Diagonal(-1), 0);
        Shape([0], A.Diagonal(5));
        Shape([0], A.Diagonal(-5));
        var d = B.Diagonal(1, 2, 0);
        Shape([3, 1], d);
        Values([12, 16, 20], d, 0);
        Values([1, 6, 11, 13, 18, 23], B.Diagonal(-1, -1, 1), 0);
        Values([5, 10], A.T.Diagonal(1), 0);
        var view = A;
        view.Diagonal().Fill_(0);
        Values([0, 2, 3, 4, 5, 0, 7, 8, 9, 10, 0, 12], view, 0); // a view
        Assert.Contains("diagonal: diagonal dimensions cannot be identical 1, 1",
            Assert.Throws<ArgumentException>(() => A.Diagonal(0, 1, 1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Ones(3).Diagonal());
    }

    [Fact]
    public void GradCheck()
    {
        GradOk(x => Torch.Tril(x[0]), Input(3, 4));
        GradOk(x => Torch.Triu(x[0], 1), TransposedInput(3, 4));
        GradOk(x => Torch.Tril(x[0].Expand(3, 3), -1), Input(3));
        GradOk(x => Torch.Triu(x[0]), Input(1, 1));
        GradOk(x => Torch.Tril(x[0]), Input(0, 2));
        GradOk(x => Torch.Triu(x[0], -1), Input(2, 3, 3));
        GradOk(x => x[0].Diagonal(1), Input(3, 4));
        GradOk(x => x[0].Diagonal(-1, 0, 2), Input(3, 2, 4));
        GradOk(x => x[0].Diagonal(), TransposedInput(3, 3));
    }
}
