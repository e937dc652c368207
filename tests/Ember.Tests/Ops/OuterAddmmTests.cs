using static Ember.Tests.Ops.OpAssert;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.Ops;

/// <summary>outer and addmm against PyTorch 1.13.</summary>
public class OuterAddmmTests
{
    [Fact]
    public void OuterValuesAndPromotion()
    {
        var y = Torch.Outer(Torch.FromArray(new float[] { 1, 2 }), Ints(DType.Int64, 1, 2));
        Assert.Equal(DType.Float32, y.DType);
        Values([1, 2, 2, 4], y, 0);
        Shape([2, 3], F64(1, 2).Outer(F64(1, 2, 3)));
        Bools([true, false, false, false], Torch.Outer(Ints(DType.Bool, 1, 0), Ints(DType.Bool, 1, 0)));
        Shape([0, 3], Torch.Outer(Torch.Zeros(0), Torch.Ones(3)));
        Values([-6, -8, 9, 12], Torch.Outer(Torch.FromArray(new double[,] { { -2, 0 }, { 3, 0 } }).Select(1, 0), F64(3, 4)), 0);
        Assert.Contains("outer: Expected 1-D argument vec2, but got 2-D", Assert.Throws<ArgumentException>(() => Torch.Outer(F64(1), Torch.Zeros(2, 2))).Message);
        Assert.Contains("outer: Expected 1-D argument self, but got 0-D", Assert.Throws<ArgumentException>(() => Torch.Outer(Torch.Scalar(1.0), F64(1))).Message);
    }

    [Fact]
    public void AddmmValues()
    {
        var m = Torch.Ones(2, 3);
        var n = Torch.Ones(3, 4);
        Values(Enumerable.Repeat(6.0, 8).ToArray(), Torch.Addmm(Torch.Zeros(4), m, n, beta: 0.5, alpha: 2), 0);
        Values(Enumerable.Repeat(3.0, 8).ToArray(), Torch.Addmm(Torch.Zeros(2, 1), m, n), 0);
        // β = 0 ignores the input, NaN included
        Values(Enumerable.Repeat(3.0, 8).ToArray(), Torch.Addmm(Torch.Full(new Size([2, 4]), double.NaN), m, n, beta: 0), 0);
        var a = Torch.FromArray(new double[,] { { 1, 2 }, { 3, 4 } });
        var b = Torch.FromArray(new double[,] { { 5, 6 }, { 7, 8 } });
        Values([15.0, 19.0, 21.0, 26.0], Torch.Addmm(F64(1, 2), a.T, b, beta: 2, alpha: 0.5), 0);
        var i = Torch.Addmm(Torch.Zeros(new Size([4]), DType.Int64), m.To(DType.Int64), n.To(DType.Int64), beta: 2, alpha: 3);
        Assert.Equal(DType.Int64, i.DType);
        Longs(Enumerable.Repeat(9L, 8).ToArray(), i);
        var i32 = Torch.Addmm(Torch.Ones(4).To(DType.Int32), m.To(DType.Int32), n.To(DType.Int32));
        Assert.Equal(DType.Int32, i32.DType);
        Longs(Enumerable.Repeat(4L, 8).ToArray(), i32);
        var h = Torch.Addmm(Torch.Ones(4).To(DType.Float16), m.To(DType.Float16), n.To(DType.Float16));
        Assert.Equal(DType.Float16, h.DType);
        Values(Enumerable.Repeat(4.0, 8).ToArray(), h, 0);
        Shape([2, 0], Torch.Addmm(Torch.Zeros(0), Torch.Ones(2, 3), Torch.Ones(3, 0)));
        Values([1, 1], Torch.Addmm(Torch.Ones(1), Torch.Zeros(2, 0), Torch.Zeros(0, 1)), 0);
    }

    [Fact]
    public void AddmmInPlace()
    {
        var x = Torch.Ones(2, 2);
        Assert.Same(x, x.Addmm_(Torch.Ones(2, 3), Torch.Ones(3, 2), beta: 2));
        Values([5, 5, 5, 5], x, 0);
        Assert.Contains("addmm_: this tensor [2] must have the shape of the product",
            Assert.Throws<ArgumentException>(() => Torch.Ones(2).Addmm_(Torch.Ones(2, 3), Torch.Ones(3, 2))).Message);
        Assert.Throws<ArgumentException>(() => Torch.Ones(1, 2).Addmm_(Torch.Ones(2, 3), Torch.Ones(3, 2)));
    }

    [Fact]
    public void AddmmErrors()
    {
        var m = Torch.Ones(2, 3);
        Assert.Contains("addmm: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x4)",
            Assert.Throws<ArgumentException>(() => Torch.Addmm(Torch.Zeros(4), m, Torch.Ones(4, 4))).Message);
        Assert.Contains("addmm: mat2 must be a matrix, got 1-D tensor", Assert.Throws<ArgumentException>(() => Torch.Addmm(Torch.Zeros(4), m, Torch.Ones(3))).Message);
        Assert.Contains("addmm: the input of shape [3] cannot be broadcast to the product's shape [2, 4]",
            Assert.Throws<ArgumentException>(() => Torch.Addmm(Torch.Zeros(3), m, Torch.Ones(3, 4))).Message);
        Assert.Contains("addmm: expected input, mat1 and mat2 to have the same dtype",
            Assert.Throws<ArgumentException>(() => Torch.Addmm(Torch.Zeros(new Size([4]), DType.Float64), m, Torch.Ones(3, 4))).Message);
        Assert.Contains("integers", Assert.Throws<ArgumentException>(() =>
            Torch.Addmm(Torch.Zeros(new Size([4]), DType.Int64), m.To(DType.Int64), Torch.Ones(3, 4).To(DType.Int64), beta: 0.5)).Message);
        Assert.Throws<NotSupportedException>(() => Torch.Addmm(Torch.Zeros(new Size([4]), DType.Bool), m.To(DType.Bool), Torch.Ones(3, 4).To(DType.Bool)));
    }

    [Fact]
    public void GradCheck()
    {
        GradOk(x => Torch.Outer(x[0], x[1]), Input(3), Input(2));
        GradOk(x => Torch.Outer(x[0], x[1]), Input(1), Input(0));
        GradOk(x => Torch.Addmm(x[0], x[1], x[2], beta: 0.5, alpha: -2), Input(2, 4), Input(2, 3), Input(3, 4));
        GradOk(x => Torch.Addmm(x[0], x[1], x[2]), Input(4), TransposedInput(2, 3), TransposedInput(3, 4));
        GradOk(x => Torch.Addmm(x[0], x[1], x[2]), Input(2, 1), Input(2, 3), Input(3, 1));
        GradOk(x => x[0].Addmm(x[1], x[2]), Input(1, 1), Input(1, 1), Input(1, 1));
        GradOk(x => Torch.Addmm(x[0], x[1], x[2]), Input(0, 2), Input(0, 3), Input(3, 2));
        GradOk(x => Torch.Addmm(x[0], x[1], x[2], beta: 0), Input(2, 2), Input(2, 3), Input(3, 2));
    }
}
