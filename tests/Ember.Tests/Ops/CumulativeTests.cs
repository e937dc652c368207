using static Ember.Tests.Ops.OpAssert;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.Ops;

/// <summary>cumsum and cumprod against PyTorch 1.13.</summary>
public class CumulativeTests
{
    private static Tensor C => Torch.FromArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });

    [Fact]
    public void ValuesAlongEachDimensionAndTransposed()
    {
        Values([1.0, 2.0, 3.0, 5.0, 7.0, 9.0], Torch.Cumsum(C, 0), 0);
        Values([1.0, 3.0, 6.0, 4.0, 9.0, 15.0], C.Cumsum(-1), 0);
        Values([1.0, 5.0, 2.0, 7.0, 3.0, 9.0], Torch.Cumsum(C.T, 1), 0);
        Values([1.0, 2.0, 6.0, 4.0, 20.0, 120.0], Torch.Cumprod(C, 1), 0);
        Values([1.0, 4.0, 2.0, 20.0, 6.0, 120.0], C.T.Cumprod(0), 0);
        Values([3.0], Torch.Cumsum(Torch.Scalar(3.0, DType.Float64), 0), 0);
        Shape([], Torch.Cumprod(Torch.Scalar(3.0), -1));
        Shape([0, 2], Torch.Cumsum(Torch.Zeros(0, 2), 0));
        Values([1, 2], Torch.Cumsum(F64(1, 1).Expand(1, 2), 1), 0);
    }

    [Fact]
    public void IntegersGiveInt64UnlessADTypeIsGiven()
    {
        var u = Ints(DType.UInt8, 200, 100, 50);
        var s = Torch.Cumsum(u, 0);
        Assert.Equal(DType.Int64, s.DType);
        Longs([200, 300, 350], s);
        var wrapped = Torch.Cumsum(u, 0, DType.UInt8);
        Assert.Equal(DType.UInt8, wrapped.DType);
        Longs([200, 44, 94], wrapped);
        Longs([int.MaxValue, -2, -6], Torch.Cumprod(Ints(DType.Int32, int.MaxValue, 2, 3), 0, DType.Int32));
        Longs([3, 12, 60], Torch.Cumprod(Ints(DType.Int32, 3, 4, 5), 0));
        Longs([1, 2], Torch.Cumsum(Ints(DType.Bool, 1, 1), 0));
        Assert.Equal(DType.Int64, Torch.Cumsum(Ints(DType.Bool, 1, 1), 0).DType);
        var f = Torch.Cumsum(Torch.FromArray(new float[] { 0.5f, 1.5f }), 0, DType.Int32);
        Assert.Equal(DType.Int32, f.DType);
        Longs([0, 1], f); // converted first (0, 1), then summed
        Assert.Equal(DType.Float64, Torch.Cumsum(Ints(DType.Int64, 1), 0, DType.Float64).DType);
        var h = Torch.Cumprod(F64(1.5, 2).To(DType.Float16), 0);
        Assert.Equal(DType.Float16, h.DType);
        Values([1.5, 3], h, 0);
        Assert.Contains("cumsum: not implemented for dtype torch.bool",
            Assert.Throws<NotSupportedException>(() => Torch.Cumsum(Ints(DType.Int64, 1), 0, DType.Bool)).Message);
    }

    [Fact]
    public void Float32AccumulatesInDoubleAsPyTorch()
    {
        var y = Torch.Cumsum(Torch.Full(new Size([1000001]), 0.1), 0);
        Assert.Equal(100000.1015625f, y[^1].Item());
    }

    [Fact]
    public void DimensionOutOfRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Cumsum(C, 2));
        Assert.Contains("cumsum: dimension out of range (expected to be in range of [-2, 1], but got 2)", ex.Message);
        Assert.Contains("cumprod", Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Cumprod(Torch.Scalar(1.0), 1)).Message);
    }

    [Fact]
    public void InPlaceKeepsTheDType()
    {
        var x = Ints(DType.Int32, 1, 2, 3);
        Assert.Same(x, x.Cumsum_(0));
        Assert.Equal(DType.Int32, x.DType);
        Longs([1, 3, 6], x);
        var u = Ints(DType.UInt8, 3, 4, 5);
        u.Cumprod_(0);
        Longs([3, 12, 60], u);
        var ex = Assert.Throws<ArgumentException>(() => Torch.Ones(3).Cumsum_(0, DType.Float64));
        Assert.Contains("cumsum_: Bad in-place call: input tensor dtype torch.float32 and output tensor dtype torch.float64 should match", ex.Message);
        Assert.Throws<NotSupportedException>(() => Ints(DType.Bool, 1).Cumsum_(0));
    }

    [Fact]
    public void CumprodGradientWithZerosMatchesPyTorch()
    {
        var z = Torch.FromArray(new double[,] { { 2, 0, 3, 0, 5 }, { 1.5, -2, 0.5, 4, 0 } }).RequiresGrad_();
        var g = Torch.FromArray(new double[,] { { 1, 2, 3, 4, 5 }, { 0.5, -1, 2, 1, 3 } });
        Torch.Cumprod(z, 1).Backward(g);
        Values([1.0, 22.0, 0.0, 0.0, 0.0, -3.5, 3.0, -18.0, -1.5, -18.0], z.Grad!, 1e-15);
        GradOk(x => Torch.Cumprod(x[0] * F64(1, 0, 1, 1, 0, 1), 0), Input(6));
        GradOk(x => Torch.Cumprod(Torch.Cat([x[0], Torch.Zeros(new Size([2, 1]), DType.Float64)], 1), 1), Input(2, 3));
    }

    [Fact]
    public void GradCheck()
    {
        GradOk(x => Torch.Cumsum(x[0], 1), Input(2, 3));
        GradOk(x => Torch.Cumsum(x[0], 0), TransposedInput(3, 4));
        GradOk(x => Torch.Cumsum(x[0].Expand(2, 3), 0), Input(3));
        GradOk(x => Torch.Cumsum(x[0], 0), Input(1));
        GradOk(x => Torch.Cumsum(x[0], 0), Input(0, 2));
        GradOk(x => Torch.Cumprod(x[0], 1), Input(2, 3));
        GradOk(x => Torch.Cumprod(x[0], 0), TransposedInput(3, 4));
        GradOk(x => Torch.Cumprod(x[0].Expand(2, 3), 0), Input(3));
        GradOk(x => Torch.Cumprod(x[0], 0), Input(1));
        GradOk(x => Torch.Cumprod(x[0], 0), Input(0, 2));
    }

    [Fact]
    public void ADTypeConversionIsDifferentiable()
    {
        var x = F64(1, 2, 3).RequiresGrad_();
        var y = Torch.Cumsum(x, 0, DType.Float32);
        Assert.Equal(DType.Float32, y.DType);
        y.Sum().Backward();
        Assert.Equal(DType.Float64, x.Grad!.DType);
        Values([3, 2, 1], x.Grad!, 0);
    }
}
